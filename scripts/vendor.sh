#!/usr/bin/env bash
# Re-fetch a vendored npm package under docs/assets/vendor/NAME with npm and check it.
#   scripts/vendor.sh fflate                  verify the tarball's integrity and copy its file and LICENSE in
#   scripts/vendor.sh iframe-worker --check   only compare the vendored copy with the package; exit 1 on a difference
# Everything about a package is recorded in docs/assets/vendor/NAME/VERSION (package, version, which file is copied
# under which name, tarball integrity); change it there to upgrade. Vendored now: fflate (zips the template .docx in
# the browser) and iframe-worker (runs the search worker from file:// in the folder build; the folder keeps
# "iframe-worker" in its path so Material's offline plugin adds no CDN copy of the shim).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
name="${1:?usage: scripts/vendor.sh NAME [--check]}"
DIR="$ROOT/docs/assets/vendor/$name"
[ -f "$DIR/VERSION" ] || { echo "范文库: 没有 $DIR/VERSION" >&2; exit 1; }
field() { sed -n "s/^$1: //p" "$DIR/VERSION"; }
package="$(field package)"
version="$(field version)"
integrity="$(field tarball-integrity)"
# "file: umd/index.js (copied unchanged as fflate.min.js)": the file in the package, and its name here.
source_file="$(field file | cut -d' ' -f1)"
target_file="$(field file | sed -n 's/.* as \([^)]*\)).*/\1/p')"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack --silent "$package@$version" >/dev/null)
tarball="$tmp/$package-$version.tgz"
actual="sha512-$(openssl dgst -sha512 -binary "$tarball" | base64 -w0)"
if [ "$actual" != "$integrity" ]; then
  echo "范文库: $package $version 的校验值与 VERSION 里记录的不同：$actual" >&2
  exit 1
fi
tar xzf "$tarball" -C "$tmp"
if [ "${2:-}" = "--check" ]; then
  cmp -s "$tmp/package/$source_file" "$DIR/$target_file" && cmp -s "$tmp/package/LICENSE" "$DIR/LICENSE" || {
    echo "范文库: docs/assets/vendor/$name 与 $package $version 不一致" >&2
    exit 1
  }
  echo "范文库: $package $version 与记录一致"
  exit 0
fi
cp "$tmp/package/$source_file" "$DIR/$target_file"
cp "$tmp/package/LICENSE" "$DIR/LICENSE"
echo "范文库: 已更新 $package $version；把 $(sha256sum "$DIR/$target_file" | cut -d' ' -f1) 写进 VERSION 的 file-sha256"
