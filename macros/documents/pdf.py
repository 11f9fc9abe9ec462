"""Read the text layer of a PDF as positioned lines (macros/documents/layout.py rebuilds the paragraphs).

pdfminer.six (pinned in pyproject.toml) does the reading: a maintained, pure-Python PDF parser (no binary to
install on an intranet machine) that gives every glyph with its box and font size, and groups them into lines; it
decodes CJK fonts through their ToUnicode maps, as Word, WPS and LibreOffice write them. pypdf gives a glyph's
origin but not its width (so not where a line ends), pdfplumber is pdfminer.six plus an image library we do not need.
Only the glyphs are read (pdfminer's own guessed spaces between widely set glyphs are left out): a PDF of
justified Chinese text would otherwise gain a space between every few characters.

Budgets, as for Word files (macros/word/read.py): before pdfminer decodes anything, every stream that text
extraction may decode (not images) is unpacked here in bounded steps, each within MAX_PART_BYTES and all within
MAX_PACKAGE_BYTES, so a few KB of compressed zeros cannot make the reader allocate gigabytes; at most MAX_PAGES pages
and MAX_DOCUMENT_CHARS characters are read. A PDF without any text (a scan) is refused with what to do: no OCR here.
"""

from __future__ import annotations

import io
import re
import zlib
from pathlib import Path

from macros.documents.layout import Line, Page
from macros.sources.errors import ReadError
from macros.word.read import MAX_DOCUMENT_CHARS, MAX_PACKAGE_BYTES, MAX_PART_BYTES

MAX_PAGES = 5000
MESSAGES = {
    "not_pdf": ("这不是 PDF 文件（开头没有 %PDF）。", "换成真正的 PDF 文件，或按它实际的格式改扩展名。"),
    "broken": ("PDF 文件不完整或已损坏，读不出来。", "从原处重新拷贝一份；或用 PDF 阅读器打开后另存一份再试。"),
    "encrypted": ("PDF 设了打开密码，读不出内容。", "用 PDF 阅读器输入密码打开，另存一份不带密码的再导入。"),
    "scanned": (
        "这个 PDF 没有文字层（{pages} 页都只有图片，多半是扫描件），读不出文字。",
        "先用 OCR 软件（WPS、Adobe Acrobat 等的“文字识别”）转成 Word 或带文字的 PDF，再导入。",
    ),
    "too_big": ("PDF 里的数据解压后超过 {mb} MB，不像是一篇文稿。", "确认选对了文件；确实很长的，拆成几个文件再导入。"),
    "too_many_pages": (
        "PDF 有 {pages} 页以上，超过 {max} 页的上限。",
        "确认选对了文件；确实很长的，拆成几个文件再导入。",
    ),
    "too_long": ("文稿超过 {limit} 字，不像是一篇文稿。", "确认选对了文件；确实很长的，拆成几个文件再导入。"),
}
_STREAM = re.compile(rb"stream\r?\n")
_IMAGE = re.compile(rb"/Subtype\s*/Image")
_FLATE = re.compile(rb"/(?:FlateDecode|Fl)\b")
_LZW = re.compile(rb"/(?:LZWDecode|LZW)\b")
_RUN_LENGTH = re.compile(rb"/(?:RunLengthDecode|RL)\b")
_STEP = 1 << 20


class PdfError(ReadError):
    def __init__(self, path: Path | str, message: str, **values):
        problem, fix = MESSAGES[message]
        super().__init__(path, problem.format(**values), fix.format(**values))
        self.message = message


def read_pdf(data: bytes, path: Path | str) -> list[Page]:
    """The pages of a PDF with their lines of text; a PdfError says why there are none."""
    if not data.lstrip()[:5].startswith(b"%PDF"):
        raise PdfError(path, "not_pdf")
    check_streams(data, path)
    from pdfminer.converter import PDFPageAggregator
    from pdfminer.layout import LAParams, LTChar, LTTextLine
    from pdfminer.pdfdocument import PDFDocument, PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser

    pages: list[Page] = []
    characters = 0
    try:
        document = PDFDocument(PDFParser(io.BytesIO(data)))
        manager = PDFResourceManager(caching=True)
        device = PDFPageAggregator(manager, laparams=LAParams(char_margin=50, all_texts=True))
        interpreter = PDFPageInterpreter(manager, device)
        for number, pdf_page in enumerate(PDFPage.create_pages(document), start=1):
            if number > MAX_PAGES:
                raise PdfError(path, "too_many_pages", pages=MAX_PAGES, max=MAX_PAGES)
            interpreter.process_page(pdf_page)
            layout = device.get_result()
            page = Page(layout.width, layout.height)
            for line in _lines(layout, LTTextLine):
                glyphs = [c for c in line if isinstance(c, LTChar) and c.upright]
                text = "".join(c.get_text() for c in glyphs)
                inked = [c for c in glyphs if c.get_text().strip()]
                if not inked:
                    continue
                characters += len(text)
                if characters > MAX_DOCUMENT_CHARS:
                    raise PdfError(path, "too_long", limit=f"{MAX_DOCUMENT_CHARS:,}")
                top = layout.height - max(c.y1 for c in inked)
                bottom = layout.height - min(c.y0 for c in inked)
                size = sorted(c.size for c in inked)[len(inked) // 2]
                start = len(text) - len(text.lstrip(" "))
                shown = glyphs[start : start + len(text.strip(" "))]
                ends = tuple(c.x1 for c in shown)
                page.lines.append(Line(inked[0].x0, inked[-1].x1, top, bottom, size, text.strip(" "), ends))
            pages.append(page)
    except PdfError:
        raise
    except (PDFPasswordIncorrect, PDFEncryptionError):
        raise PdfError(path, "encrypted") from None
    except (RecursionError, MemoryError):
        raise PdfError(path, "broken") from None
    except Exception:  # pdfminer's syntax, type and value errors on a damaged file: not a traceback for the user
        raise PdfError(path, "broken") from None
    if not characters:
        raise PdfError(path, "scanned", pages=len(pages))
    return pages


def _lines(item, kind):
    """Every text line in a page's layout, inside boxes and figures too."""
    for child in item:
        if isinstance(child, kind):
            yield child
        elif hasattr(child, "__iter__"):
            yield from _lines(child, kind)


def check_streams(data: bytes, path: Path | str) -> None:
    """Unpack, in bounded steps, every compressed stream text extraction may read; refuse the file when one holds more
    than MAX_PART_BYTES or all hold more than MAX_PACKAGE_BYTES."""
    total = 0
    for match in _STREAM.finditer(data):
        start = match.end()
        end = data.find(b"endstream", start)
        head = data[max(0, data.rfind(b"obj", 0, match.start())) : match.start()]
        if end < 0 or _IMAGE.search(head):
            continue
        size = _unpacked_size(head, data[start:end], MAX_PART_BYTES - 0)
        total += size
        if size > MAX_PART_BYTES or total > MAX_PACKAGE_BYTES:
            limit = MAX_PART_BYTES if size > MAX_PART_BYTES else MAX_PACKAGE_BYTES
            raise PdfError(path, "too_big", mb=limit // 2**20)


def _unpacked_size(head: bytes, raw: bytes, limit: int) -> int:
    """How many bytes a stream unpacks to, counting no further than limit + 1."""
    if _FLATE.search(head):
        inflater = zlib.decompressobj()
        size, rest = 0, raw
        try:
            while rest and size <= limit:
                size += len(inflater.decompress(rest, _STEP))
                rest = inflater.unconsumed_tail
        except zlib.error:  # damaged or encrypted: pdfminer reads what it can, within the same bounds
            return size
        return size
    if _RUN_LENGTH.search(head):  # a length byte n: n + 1 bytes follow as they are, or one byte repeated 257 - n times
        size, i = 0, 0
        while i < len(raw) and raw[i] != 128 and size <= limit:
            n = raw[i]
            size, i = (size + n + 1, i + n + 2) if n < 128 else (size + 257 - n, i + 2)
        return size
    if _LZW.search(head):
        from pdfminer.lzw import LZWDecoder

        size = 0
        try:
            for chunk in LZWDecoder(io.BytesIO(raw)).run():
                size += len(chunk)
                if size > limit:
                    break
        except Exception:
            return size
        return size
    return len(raw)
