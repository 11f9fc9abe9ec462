#!/usr/bin/env bash
# Re-fetch the vendored fflate (the zip library docs/assets/docx-fill.js uses) with npm and check it.
#   scripts/vendor-fflate.sh          verify the tarball's integrity and copy its umd build and LICENSE in
#   scripts/vendor-fflate.sh --check  only compare the vendored file with the package; exit 1 on a difference
# The version and hashes are recorded in docs/assets/vendor/fflate/VERSION; change them there to upgrade.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
DIR="$ROOT/docs/assets/vendor/fflate"
field() { sed -n "s/^$1: //p" "$DIR/VERSION"; }
version="$(field version)"
integrity="$(field tarball-integrity)"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack --silent "fflate@$version" >/dev/null)
tarball="$tmp/fflate-$version.tgz"
actual="sha512-$(openssl dgst -sha512 -binary "$tarball" | base64 -w0)"
if [ "$actual" != "$integrity" ]; then
  echo "范文库: fflate $version 的校验值与 VERSION 里记录的不同：$actual" >&2
  exit 1
fi
tar xzf "$tarball" -C "$tmp"
if [ "${1:-}" = "--check" ]; then
  cmp -s "$tmp/package/umd/index.js" "$DIR/fflate.min.js" && cmp -s "$tmp/package/LICENSE" "$DIR/LICENSE" || {
    echo "范文库: docs/assets/vendor/fflate 与 fflate $version 不一致" >&2
    exit 1
  }
  echo "范文库: fflate $version 与记录一致"
  exit 0
fi
cp "$tmp/package/umd/index.js" "$DIR/fflate.min.js"
cp "$tmp/package/LICENSE" "$DIR/LICENSE"
echo "范文库: 已更新 fflate $version；把 $(sha256sum "$DIR/fflate.min.js" | cut -d' ' -f1) 写进 VERSION 的 file-sha256"
