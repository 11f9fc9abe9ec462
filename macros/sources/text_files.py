"""Reading a source file as text: the one way every loader of templates_src/ gets at a file's characters.

Sources are UTF-8. A UTF-8 byte-order mark is dropped (Windows Notepad writes one); Windows and old Mac line
ends become "\\n". Anything else a writer cannot see but that would change the site is a located error:
another encoding (GBK/GB18030 from a Chinese Windows editor, UTF-16), and control characters, which XML (so
Word and the pages) cannot hold and which str.splitlines() would take for line breaks. Lines are split on
"\\n" only: U+2028, U+0085 and the like stay inside their paragraph, so no anchor moves.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from macros.sources.errors import SourceError

BOM = "\ufeff"
# What XML 1.0 cannot hold, plus C1 controls (U+0080-U+009F: U+0085 would be a line break to splitlines).
# Tab and line feed are ordinary text; carriage returns are gone by the time this is used.
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ufffe\uffff]")
_NAMES = {
    "\x00": "空字符",
    "\x0b": "垂直制表符",
    "\x0c": "换页符",
    "\x1b": "转义符",
    "\x7f": "删除符",
    "\x85": "下一行符",
}


def convert_hint(path: Path | str, encoding: str) -> str:
    """How to turn a file in another encoding into UTF-8, on Linux or in Windows Notepad."""
    return (
        f"把文件转成 UTF-8 再保存：在 Linux 上运行 iconv -f {encoding} -t UTF-8 {Path(path).name} > 新文件，"
        "核对后替换原文件；或在 Windows 记事本里“另存为”，编码选“UTF-8”。"
    )


def _guess_encoding(data: bytes) -> str | None:
    """A likely encoding for bytes that are not UTF-8, for the message; None when nothing fits."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "UTF-16"
    try:
        data.decode("gb18030")
    except UnicodeDecodeError:
        return None
    return "GB18030"


def decode_source(data: bytes, path: Path | str) -> str:
    """UTF-8 bytes as text with Unix line ends and no BOM; another encoding is a located error."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        encoding = _guess_encoding(data)
        if encoding == "UTF-16":
            problem = "文件是 UTF-16 编码（Windows 记事本里叫“Unicode”），不是 UTF-8。"
        elif encoding:
            problem = f"文件不是 UTF-8 编码，看起来是 GBK/{encoding}（中文 Windows 的旧编码）。"
        else:
            problem = (
                f"文件不是 UTF-8 编码：第 {error.start + 1} 个字节（0x{data[error.start]:02X}）无法按 UTF-8 读出。"
            )
        fix = convert_hint(path, encoding) if encoding else "用编辑器按原来的编码打开，再“另存为”UTF-8 编码。"
        raise SourceError(path, line, problem, fix) from None
    text = text.removeprefix(BOM)
    return text.replace("\r\n", "\n").replace("\r", "\n")


def check_controls(text: str, path: Path | str, first_line: int = 1) -> None:
    """A control character is a located error: the line, the column and which character."""
    found = CONTROL.search(text)
    if found is None:
        return
    line = text.count("\n", 0, found.start()) + first_line
    column = found.start() - (text.rfind("\n", 0, found.start()) + 1) + 1
    char = found.group()
    name = _NAMES.get(char) or unicodedata.name(char, "控制字符")
    raise SourceError(
        path,
        line,
        f"第 {column} 个字处有一个看不见的控制字符 U+{ord(char):04X}（{name}）。",
        "删掉它：多半是从别的软件复制时带进来的，在编辑器里把光标移到这里按退格键，或重新输入这一处。",
    )


def read_source(path: Path) -> str:
    """A source file's text: UTF-8 required, BOM dropped, "\\n" line ends, no control characters."""
    try:
        data = Path(path).read_bytes()
    except OSError as error:
        raise SourceError(
            path, None, f"读不了这个文件（{error.strerror or error}）。", "检查文件是否存在、有没有读的权限。"
        ) from None
    text = decode_source(data, path)
    check_controls(text, path)
    return text


def split_lines(text: str) -> list[str]:
    """Lines split on "\\n" only (str.splitlines also splits on U+2028, U+000B, U+000C, U+0085 …)."""
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()  # the final line end closes the last line, it does not start a new one
    return lines


def line_text(line: str) -> str:
    """A line without its indentation or trailing spaces, half- or full-width (“　　一、总体要求”)."""
    return line.strip()
