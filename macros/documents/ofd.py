"""Read an OFD file (GB/T 33190-2016, the fixed-layout format of 电子公文 systems) as positioned lines.

An OFD is a zip of XML: OFD.xml names each document's Document.xml (DocBody/DocRoot), which lists its pages
(Pages/Page/@BaseLoc); a page's Content.xml holds layers of TextObjects (Boundary="x y w h" in mm, Size, an optional
CTM) whose TextCodes carry the text, a start point X/Y (the baseline, from the object's corner) and the advance of
each glyph (DeltaX, where “g 3 5.6” means three advances of 5.6). Template pages (headers, footers, 版头 artwork)
are not read; pictures and paths are not text. Read directly with lxml rather than through a package: the format is
small, and only this way does reading keep the budgets of the Word reader (macros/word/read.py): each part unzipped
within MAX_PART_BYTES and the parts read within MAX_PACKAGE_BYTES (by their stated sizes, as zipfile never unzips
more), XML nesting within MAX_DEPTH, entities never expanded, at most MAX_PAGES pages and MAX_DOCUMENT_CHARS
characters. Lines are the TextCodes sharing a baseline; macros/documents/layout.py rebuilds the paragraphs.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
import zlib
from pathlib import Path

from lxml import etree

from macros.documents.layout import Line, Page
from macros.sources.errors import ReadError
from macros.word.read import MAX_DEPTH, MAX_DOCUMENT_CHARS, MAX_PACKAGE_BYTES, MAX_PART_BYTES

MAX_PAGES = 5000
A4 = (210.0, 297.0)  # mm, when a document does not say
MESSAGES = {
    "not_ofd": (
        "这不是 OFD 文件（OFD 是一个 zip 包，这个文件不是）。",
        "换成真正的 OFD 文件，或按它实际的格式改扩展名。",
    ),
    "broken": (
        "OFD 文件不完整或已损坏，打不开。",
        "从原处重新拷贝一份；或用 OFD 阅读器（如数科、福昕）打开后另存一份再试。",
    ),
    "no_document": ("OFD 包里找不到文档（缺少 OFD.xml 或它指向的 {name}）。", "换成完整的 OFD 文件。"),
    "bad_xml": ("OFD 包里的 {name} 不是完整的 XML。", "从原处重新拷贝一份；或用 OFD 阅读器打开后另存一份再试。"),
    "part_too_big": (
        "OFD 包里的 {name} 解压后超过 {mb} MB，不像是一篇文稿。",
        "确认选对了文件；确实很长的，拆成几个文件再导入。",
    ),
    "package_too_big": (
        "OFD 文件解压后超过 {mb} MB，不像是一篇文稿。",
        "确认选对了文件；确实很长的，拆成几个文件再导入。",
    ),
    "too_deep": (
        "OFD 包里的 {name} 一层套一层超过 {depth} 层，不像是 OFD 软件保存的。",
        "用 OFD 阅读器打开后另存一份再试。",
    ),
    "too_many_pages": (
        "OFD 有 {pages} 页以上，超过 {max} 页的上限。",
        "确认选对了文件；确实很长的，拆成几个文件再导入。",
    ),
    "too_long": ("文稿超过 {limit} 字，不像是一篇文稿。", "确认选对了文件；确实很长的，拆成几个文件再导入。"),
    "no_text": (
        "这个 OFD 没有文字（{pages} 页都只有图片，多半是扫描件），读不出文字。",
        "先用 OCR 软件转成 Word 再导入。",
    ),
}
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, remove_comments=True, huge_tree=True)
_NUMBER = re.compile(r"^[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$")


class OfdError(ReadError):
    def __init__(self, path: Path | str, message: str, **values):
        problem, fix = MESSAGES[message]
        super().__init__(path, problem.format(**values), fix.format(**values))
        self.message = message


class _Package:
    """The zip, read part by part within the budgets."""

    def __init__(self, data: bytes, path: Path | str):
        self.path = path
        if not data.startswith(b"PK"):
            raise OfdError(path, "not_ofd")
        try:
            self.zip = zipfile.ZipFile(io.BytesIO(data))
        except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
            raise OfdError(path, "broken") from None
        self.names = {info.filename.lstrip("/"): info for info in self.zip.infolist()}
        self.read_bytes = 0

    def xml(self, name: str):
        info = self.names.get(name)
        if info is None:
            raise OfdError(self.path, "no_document", name=name)
        if info.file_size > MAX_PART_BYTES:
            raise OfdError(self.path, "part_too_big", name=name, mb=MAX_PART_BYTES // 2**20)
        self.read_bytes += info.file_size
        if self.read_bytes > MAX_PACKAGE_BYTES:
            raise OfdError(self.path, "package_too_big", mb=MAX_PACKAGE_BYTES // 2**20)
        try:
            data = self.zip.read(info)
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, NotImplementedError):
            raise OfdError(self.path, "broken") from None
        try:
            root = etree.fromstring(data, _PARSER)
        except etree.XMLSyntaxError:
            raise OfdError(self.path, "bad_xml", name=name) from None
        if _depth(root) > MAX_DEPTH:
            raise OfdError(self.path, "too_deep", name=name, depth=MAX_DEPTH)
        return root


def _depth(root) -> int:
    deepest, stack = 0, [(root, 1)]
    while stack:
        node, depth = stack.pop()
        deepest = max(deepest, depth)
        if deepest > MAX_DEPTH:
            break
        stack.extend((child, depth + 1) for child in node)
    return deepest


def _local(node) -> str:
    return etree.QName(node).localname if isinstance(node.tag, str) else ""


def _children(node, name: str) -> list:
    return [child for child in node if _local(child) == name]


def _first(node, *path: str):
    for name in path:
        found = _children(node, name) if node is not None else []
        node = found[0] if found else None
    return node


def _numbers(text: str | None) -> list[float]:
    return [float(x) for x in (text or "").split() if _NUMBER.match(x)]


def _resolve(base: str, location: str) -> str:
    """A BaseLoc or DocRoot: from the package's root when it starts with /, else from the folder of base."""
    location = location.strip()
    joined = location.lstrip("/") if location.startswith("/") else posixpath.join(posixpath.dirname(base), location)
    return posixpath.normpath(joined).lstrip("/")


def _advances(text: str | None) -> list[float]:
    """DeltaX as a list of advances: “g 3 5.6” is 5.6 three times."""
    tokens, out, i = (text or "").split(), [], 0
    while i < len(tokens):
        if tokens[i] == "g" and i + 2 < len(tokens) and tokens[i + 1].isdigit() and _NUMBER.match(tokens[i + 2]):
            out.extend([float(tokens[i + 2])] * min(int(tokens[i + 1]), MAX_DOCUMENT_CHARS))
            i += 3
        elif _NUMBER.match(tokens[i]):
            out.append(float(tokens[i]))
            i += 1
        else:
            i += 1
    return out


def read_ofd(data: bytes, path: Path | str) -> list[Page]:
    """The pages of the first document in an OFD with their lines of text; an OfdError says why there are none."""
    package = _Package(data, path)
    root = package.xml("OFD.xml")
    doc_root = _first(root, "DocBody", "DocRoot")
    if doc_root is None or not (doc_root.text or "").strip():
        raise OfdError(path, "no_document", name="DocRoot")
    document_name = _resolve("OFD.xml", doc_root.text)
    document = package.xml(document_name)
    box = _numbers(getattr(_first(document, "CommonData", "PageArea", "PhysicalBox"), "text", ""))
    default = (box[2], box[3]) if len(box) == 4 else A4
    pages: list[Page] = []
    characters = 0
    listed = _first(document, "Pages")
    page_nodes = _children(listed, "Page") if listed is not None else []
    for number, node in enumerate(page_nodes, start=1):
        if number > MAX_PAGES:
            raise OfdError(path, "too_many_pages", pages=MAX_PAGES, max=MAX_PAGES)
        content = package.xml(_resolve(document_name, node.get("BaseLoc", "")))
        area = _numbers(getattr(_first(content, "Area", "PhysicalBox"), "text", ""))
        width, height = (area[2], area[3]) if len(area) == 4 else default
        runs = []
        for text_object in content.iter():
            if _local(text_object) == "TextObject":
                runs.extend(_runs(text_object))
        characters += sum(len(run[4]) for run in runs)
        if characters > MAX_DOCUMENT_CHARS:
            raise OfdError(path, "too_long", limit=f"{MAX_DOCUMENT_CHARS:,}")
        pages.append(Page(width, height, _lines(runs)))
    if not characters:
        raise OfdError(path, "no_text", pages=len(pages))
    return pages


def _runs(text_object) -> list[tuple[float, float, float, float, str]]:
    """(x0, x1, baseline, size, text) of each TextCode of a TextObject, on the page, in mm."""
    boundary = _numbers(text_object.get("Boundary"))
    if len(boundary) != 4:
        return []
    bx, by = boundary[0], boundary[1]
    size = (_numbers(text_object.get("Size")) or [3.5])[0]
    ctm = _numbers(text_object.get("CTM"))
    a, b, c, d, e, f = ctm if len(ctm) == 6 else (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
    runs, x, y = [], 0.0, 0.0
    for code in text_object:
        if _local(code) != "TextCode":
            continue
        text = code.text or ""
        x = (_numbers(code.get("X")) or [x])[0]
        y = (_numbers(code.get("Y")) or [y])[0]
        advances = _advances(code.get("DeltaX"))
        width = sum(advances[: max(len(text) - 1, 0)]) + (size if text[-1:] > "\u2e80" else size / 2 if text else 0)
        if not text.strip():
            x += width
            continue
        x0, baseline = a * x + c * y + e + bx, b * x + d * y + f + by
        runs.append((x0, x0 + a * width, baseline, size * abs(d), text))
        x += width
    return runs


def _lines(runs: list[tuple[float, float, float, float, str]]) -> list[Line]:
    """Runs on one baseline make a line, left to right."""
    lines: list[list[tuple]] = []
    for run in sorted(runs, key=lambda r: (r[2], r[0])):
        if lines and abs(lines[-1][0][2] - run[2]) <= 0.3 * run[3]:
            lines[-1].append(run)
        else:
            lines.append([run])
    out = []
    for group in lines:
        group.sort(key=lambda r: r[0])
        size = max(r[3] for r in group)
        text = "".join(r[4] for r in group)
        baseline = group[0][2]
        out.append(Line(group[0][0], max(r[1] for r in group), baseline - size, baseline, size, text.strip(" ")))
    return out
