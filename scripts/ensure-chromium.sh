#!/usr/bin/env bash
# Browser tests need a real Chromium. Use CHROMIUM if set, else Debian's package (installed when we can).
set -euo pipefail
if [ -n "${CHROMIUM:-}" ] && [ -x "$CHROMIUM" ]; then exit 0; fi
for candidate in chromium chromium-browser; do
  command -v "$candidate" >/dev/null 2>&1 && exit 0
done
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "范文库: 浏览器测试需要 Chromium，正在安装 Debian 的 chromium 软件包 ……" >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  exit 0
fi
cat >&2 <<'MSG'
范文库: 浏览器测试需要 Chromium，但本机没有找到，当前用户也无法自动安装。
  - Debian/Ubuntu: sudo apt-get install chromium
  - 或者把已有的 Chromium/Chrome 可执行文件路径写进环境变量 CHROMIUM，例如
    CHROMIUM=/opt/chrome/chrome scripts/test
MSG
exit 1
