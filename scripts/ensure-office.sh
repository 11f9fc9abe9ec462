#!/usr/bin/env bash
# The .docx rendering tests convert files with LibreOffice (headless) to PDF, then to PNG and text with
# poppler, using Chinese fonts; the metadata review's tests re-save a workbook with LibreOffice Calc. Install
# Debian's packages when we can (root), or say how.
set -euo pipefail
missing=()
if command -v soffice >/dev/null 2>&1; then
  # Calc is a package of its own: the writer package brings soffice without it (its library is libsclo.so)
  program="$(dirname "$(readlink -f "$(command -v soffice)")")"
  [ -e "$program/libsclo.so" ] || missing+=(libreoffice-calc-nogui)
else
  missing+=(libreoffice-writer-nogui libreoffice-calc-nogui)
fi
{ command -v pdftoppm && command -v pdftotext; } >/dev/null 2>&1 || missing+=(poppler-utils)
fonts="$(fc-list : family 2>/dev/null || true)"  # read whole: grep -q on a pipe would end fc-list early
grep -q "Noto Serif CJK SC" <<<"$fonts" || missing+=(fonts-noto-cjk)
grep -q "AR PL UKai CN" <<<"$fonts" || missing+=(fonts-arphic-ukai)
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "范文库: Word 文件的排版测试和表格核对的测试需要 ${missing[*]}，正在安装 Debian 软件包 ……" >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  exit 0
fi
cat >&2 <<MSG
范文库: Word 文件的排版测试要用 LibreOffice 把 .docx 转成 PDF 和 PNG，还要中文字体；表格核对的测试要用
LibreOffice Calc 另存表格。本机缺少：
  ${missing[*]}
当前用户不能自动安装。Debian/Ubuntu 上请运行：
  sudo apt-get install --no-install-recommends ${missing[*]}
MSG
exit 1
