#!/usr/bin/env bash
# Re-fetch the vendored iframe-worker shim (runs the search worker from file://, folder build only) and check it.
#   scripts/vendor-iframe-worker.sh          verify the tarball's integrity and copy its shim and LICENSE in
#   scripts/vendor-iframe-worker.sh --check  only compare the vendored file with the package; exit 1 on a difference
# The version and hashes are recorded in docs/assets/vendor/iframe-worker/VERSION; change them there to upgrade.
# The folder keeps "iframe-worker" in its path: Material's offline plugin then adds no CDN copy of the shim.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
DIR="$ROOT/docs/assets/vendor/iframe-worker"
field() { sed -n "s/^$1: //p" "$DIR/VERSION"; }
version="$(field version)"
integrity="$(field tarball-integrity)"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack --silent "iframe-worker@$version" >/dev/null)
tarball="$tmp/iframe-worker-$version.tgz"
actual="sha512-$(openssl dgst -sha512 -binary "$tarball" | base64 -w0)"
if [ "$actual" != "$integrity" ]; then
  echo "范文库: iframe-worker $version 的校验值与 VERSION 里记录的不同：$actual" >&2
  exit 1
fi
tar xzf "$tarball" -C "$tmp"
if [ "${1:-}" = "--check" ]; then
  cmp -s "$tmp/package/shim/index.js" "$DIR/shim.js" && cmp -s "$tmp/package/LICENSE" "$DIR/LICENSE" || {
    echo "范文库: docs/assets/vendor/iframe-worker 与 iframe-worker $version 不一致" >&2
    exit 1
  }
  echo "范文库: iframe-worker $version 与记录一致"
  exit 0
fi
cp "$tmp/package/shim/index.js" "$DIR/shim.js"
cp "$tmp/package/LICENSE" "$DIR/LICENSE"
echo "范文库: 已更新 iframe-worker $version；把 $(sha256sum "$DIR/shim.js" | cut -d' ' -f1) 写进 VERSION 的 file-sha256"
