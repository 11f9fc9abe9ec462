"""Decode a text file saved by whatever program: UTF-8, UTF-8 with BOM, UTF-16 with BOM, or GB18030/GBK.

Public API (small on purpose; the draft checker uses it too):

- ``decode(data: bytes, path) -> str``: the text, with the BOM removed and CRLF / CR turned into ``\\n``;
  ``path`` only names the file in errors. Anything else raises
  :class:`~TextDecodeError` naming the file: another encoding (Big5, Latin-1,
  UTF-16 without BOM, UTF-32 …), a file mixing UTF-8 and GBK lines, binary data, or a file over
  ``MAX_TEXT_BYTES``. Empty data gives ``""``.
- ``encoding_of(data) -> str``: the name of the encoding ``decode`` would use (for messages).

How GB18030 is told apart from everything else: UTF-8 is tried first (a GBK text is almost never valid
UTF-8). Bytes that are not UTF-8 are decoded as GB18030, which accepts most byte sequences, so the result
must also look like Chinese written on Windows: at least 95% of its non-ASCII characters in GB2312 (the
common 6763 hanzi and the usual punctuation), no private-use characters, and no line that is valid UTF-8
Chinese (which would mean some lines were saved in UTF-8 and others in GBK).
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from macros.sources.errors import ReadError

# A sample is one document: a text file this large is an archive, a log or a database dump. A document's text
# stops at MAX_TEXT_CHARS characters whatever it was saved as (a Word file too: macros/word/read.py): a 500-page
# report has about 300,000.
MAX_TEXT_BYTES = 10 * 1024 * 1024
MAX_TEXT_CHARS = 3_000_000
# UTF-16 without a BOM (some exporters write it) is taken as such when nearly every character it decodes to is one
# a Chinese text uses: ASCII, CJK punctuation and full-width forms, the common hanzi.
_UTF16_COMMON = re.compile(
    r"[\t\n\r\x20-\x7e\u3000-\u303f\u4e00-\u9fff\uff00-\uffef\u2014\u2026\u201c\u201d\u2018\u2019\u00b7]"
)
MIN_UTF16_SHARE = 0.95
# Share of non-ASCII characters that must be in GB2312 for bytes to be taken as GB18030.
MIN_GB2312_SHARE = 0.95
# A line counts as UTF-8 Chinese when it decodes as UTF-8 with this many non-ASCII characters, one a hanzi.
_UTF8_LINE_CHARS = 4

_BOMS = (
    (codecs.BOM_UTF32_LE, None, "UTF-32"),
    (codecs.BOM_UTF32_BE, None, "UTF-32"),
    (codecs.BOM_UTF8, "utf-8-sig", "UTF-8（带 BOM）"),
    (codecs.BOM_UTF16_LE, "utf-16", "UTF-16（带 BOM）"),
    (codecs.BOM_UTF16_BE, "utf-16", "UTF-16（带 BOM）"),
)
_HANZI = re.compile(r"[\u3400-\u9fff]")
_PRIVATE_USE = re.compile(r"[\ue000-\uf8ff]")
_FIX = "用记事本或 WPS 打开，另存为“UTF-8”编码的文本文件后再试。"


class TextDecodeError(ReadError):
    """A text file in an encoding this reader does not read, with mixed encodings, or too large."""


def encoding_of(data: bytes) -> str:
    """The encoding decode() reads data in: 'UTF-8', 'UTF-8（带 BOM）', 'UTF-16（带 BOM）', 'UTF-16（无 BOM）' or
    'GB18030'."""
    for bom, _codec, name in _BOMS:
        if data.startswith(bom):
            return name
    if b"\x00" not in data:
        try:
            data.decode("utf-8")
            return "UTF-8"
        except UnicodeDecodeError:
            pass
    return "UTF-16（无 BOM）" if _utf16_without_bom(data) is not None else "GB18030"


def decode(data: bytes, path: Path | str) -> str:
    """The text of a text file; see the module docstring for what is accepted."""
    if len(data) > MAX_TEXT_BYTES:
        raise TextDecodeError(
            path,
            f"文件有 {len(data) / 2**20:.1f} MB，超过一篇文稿的上限 {MAX_TEXT_BYTES // 2**20} MB，不像是一篇文稿。",
            "确认选对了文件；一个文件里有多篇文稿时，拆成一篇一个文件再试。",
        )
    for bom, codec, name in _BOMS:
        if data.startswith(bom):
            if codec is None:
                raise TextDecodeError(path, f"文件是 {name} 编码，不在支持之列。", _FIX)
            try:
                return _lines(data.decode(codec), path)
            except UnicodeDecodeError as error:
                raise TextDecodeError(
                    path, f"文件开头标明是 {name}，但第 {error.start} 字节处不是合法的 {name}。", _FIX
                ) from None
    if b"\x00" in data:
        utf16 = _utf16_without_bom(data)
        if utf16 is not None:
            return _lines(utf16, path)
        raise TextDecodeError(path, "文件里有 NUL 字节，像是二进制文件。", "确认选对了文件；文本文件请" + _FIX)
    try:
        return _lines(data.decode("utf-8"), path)
    except UnicodeDecodeError as error:
        utf8_error = error
    utf16 = _utf16_without_bom(data)
    if utf16 is not None:
        return _lines(utf16, path)
    _check_not_mixed(data, path, utf8_error)
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise TextDecodeError(
            path,
            f"既不是 UTF-8，也不是 GB18030/GBK（第 {line} 行，第 {error.start} 字节），"
            "可能是 Big5、日文或西文编码，或是二进制文件。",
            _FIX,
        ) from None
    _check_gb18030(text, path)
    return _lines(text, path)


def _lines(text: str, path) -> str:
    if "\x00" in text:
        raise TextDecodeError(path, "文本里有 NUL 字符，不像是文稿。", "确认选对了文件。")
    if len(text) > MAX_TEXT_CHARS:
        raise TextDecodeError(
            path,
            f"文稿超过 {MAX_TEXT_CHARS:,} 字，不像是一篇文稿。",
            "确认选对了文件；一个文件里有多篇文稿时，拆成一篇一个文件再试。",
        )
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _utf16_without_bom(data: bytes) -> str | None:
    """The text, when data reads as UTF-16 (little- or big-endian) without a BOM into Chinese text; else None."""
    if len(data) % 2 or len(data) < 4:
        return None
    for codec in ("utf-16-le", "utf-16-be"):
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        common = len(_UTF16_COMMON.findall(text))
        if _HANZI.search(text) and common >= MIN_UTF16_SHARE * len(text):
            return text
    return None


def _check_not_mixed(data: bytes, path, utf8_error: UnicodeDecodeError) -> None:
    """Some lines valid UTF-8 Chinese, others not: two encodings in one file (GB18030 would garble half)."""
    utf8_lines = [i for i, raw in enumerate(data.split(b"\n"), start=1) if not raw.isascii() and _is_utf8_chinese(raw)]
    if utf8_lines:
        bad = data.count(b"\n", 0, utf8_error.start) + 1
        raise TextDecodeError(
            path,
            f"文件混用了两种编码：第 {_shorten(utf8_lines)} 行是 UTF-8，第 {bad} 行等处不是。",
            "在原来的程序里把全文重新保存成一种编码（UTF-8），或把两部分分别存成文件再试。",
        )


def _check_gb18030(text: str, path) -> None:
    """GB18030 accepts almost any bytes: refuse a result that is not Chinese text saved in GBK."""
    if _PRIVATE_USE.search(text):
        raise TextDecodeError(
            path, "既不是 UTF-8，按 GB18030/GBK 解码又出现了自定义区字符，可能是 Big5、日文或西文编码。", _FIX
        )
    ascii_count = len(text.encode("ascii", "ignore"))
    non_ascii = len(text) - ascii_count
    in_gb2312 = (len(text.encode("gb2312", "ignore")) - ascii_count) // 2
    if non_ascii and in_gb2312 < MIN_GB2312_SHARE * non_ascii:
        raise TextDecodeError(
            path,
            "既不是 UTF-8，按 GB18030/GBK 解码又不像中文，可能是 Big5、日文或西文编码。",
            _FIX,
        )


def _is_utf8_chinese(raw: bytes) -> bool:
    try:
        line = raw.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return sum(1 for c in line if ord(c) > 127) >= _UTF8_LINE_CHARS and bool(_HANZI.search(line))


def _shorten(numbers: list[int]) -> str:
    shown = "、".join(str(n) for n in numbers[:5])
    return shown + ("等" if len(numbers) > 5 else "")
