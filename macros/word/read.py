"""Read a Word .docx as its reader sees it: paragraph texts in reading order, numbers and all.

Public API (small on purpose; the draft checker uses it too):

- ``read_docx(data, path, accept_revisions=False) -> DocxContent``: ``data`` is the file's bytes, ``path``
  only names the file in errors. Raises a :class:`~macros.sources.errors.ReadError` subclass:
  ``CorruptDocxError`` (not a .docx, cut short, an old .doc renamed), ``EncryptedDocxError`` (open password),
  ``TrackedChangesError`` (insertions or deletions not yet accepted; pass ``accept_revisions=True`` to read
  the document as it would be with all of them accepted).
- ``DocxContent.blocks``: :class:`Paragraph` and :class:`Table` in reading order; ``DocxContent.texts()``:
  every paragraph text in that order, table cells included; ``.notes``: footnote and endnote texts.

What "as the reader sees it" means here:

- A paragraph's text starts with the number Word's automatic numbering shows (一、 （一） 1. （1） ⑴ …),
  computed from numbering.xml: counters per list, deeper levels restarting when a higher one moves on,
  ``startOverride`` restarting a list, ``isLgl``, ``lvlRestart``; bullets are dropped (a glyph, not text).
- A text box's paragraphs come once, just before the paragraph that anchors it: the file stores a modern
  copy (``mc:Choice``, wps) and a fallback copy (``mc:Fallback``, VML) of the same box; only the first is read.
- Tables come as tables (rows of cell texts; merged cells as empty cells, so every row keeps its columns).
- A footnote or endnote reference is written ``[n]`` where the mark stands (numbered in reading order);
  the notes' texts are in ``notes``, note n at index n - 1.
- Line breaks (``w:br``) inside a paragraph are ``\\n``; tabs are ``\\t``. Hidden text (``w:vanish``),
  deleted text, field codes, ruby annotations and headers/footers (page numbers, even-page footers, text
  boxes in WPS footers) are not read. Pictures are counted in ``images``.
- Nothing else is changed: indentation spaces, if typed, are still in the text (the importer drops them).
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from macros.sources.decode import MAX_TEXT_CHARS
from macros.sources.errors import ReadError

# Footnote and endnote references in the text.
NOTE_MARK = "[{n}]"
RESAVE = "用 Word 或 WPS 打开后另存为 .docx 再试。"
# What a reader says of a file it cannot read, (problem, fix) with {placeholders}: read.js says the same.
MESSAGES = {
    "empty": ("文件是空的（0 字节）。", "找到原文件重新拷贝一份。"),
    "encrypted": ("文件设了打开密码（已加密），读不出内容。", "在 Word 里去掉密码后另存，再试。"),
    "old_doc": (
        "这是旧版 Word（.doc）格式的文件，扩展名却是 .docx。",
        "在 Word 或 WPS 里另存为 .docx 再试（导入时也可以把扩展名改成 .doc，经 LibreOffice 转换）。",
    ),
    "not_word": ("这不是 Word 文件，是{kind}，只是扩展名写成了 .docx。", "换成真正的 Word 文件。"),
    "broken": ("文件不完整或已损坏，打不开。", "从原处重新拷贝一份；或用 Word 打开（它会提示修复）后另存为 .docx。"),
    "missing_part": ("缺少部件 {name}。", RESAVE),
    "part_too_big": (
        "部件 {name} 解压后超过 {mb} MB，不像是一篇文稿。",
        "确认选对了文件；确实很长的，拆成几个文件再试。",
    ),
    "package_too_big": ("文件解压后超过 {mb} MB，不像是一篇文稿。", "确认选对了文件；确实很长的，拆成几个文件再试。"),
    "too_long": ("文稿超过 {limit} 字，不像是一篇文稿。", "确认选对了文件；确实很长的，拆成几个文件再试。"),
    "too_deep": ("{name} 里的内容一层套一层超过 {depth} 层，Word 不会这样保存。", RESAVE),
    "wide_span": ("第 {table} 个表格里有一格横跨 {span} 列，Word 的表格最多 {max} 列。", RESAVE),
    "big_number": ("numbering.xml 里有从 {value} 开始的编号，Word 的编号最大是 {max}。", RESAVE),
    "long_label": ("自动编号“{start}…”有 {length} 个字，不像是编号。", RESAVE),
    "bad_xml": ("部件 {name} 不是完整的 XML。", RESAVE),
    "no_document": ("这个 zip 包里没有 Word 文档正文（word/document.xml）。", "换成真正的 .docx 文件。"),
    "no_body": ("文档正文部件里没有 w:body。", RESAVE),
    "revisions": (
        "文档里有 {count} 处未接受的修订（插入或删除）。",
        "在 Word 的“审阅”里接受或拒绝全部修订后保存（导入时也可以加 --accept-revisions，按全部接受读入）。",
    ),
}
# Files that are something else, by their first bytes (hex).
MAGIC = (
    ("ffd8ff", "JPEG 图片"),
    ("89504e47", "PNG 图片"),
    ("47494638", "GIF 图片"),
    ("25504446", "PDF 文件"),
    ("7b5c727466", "RTF 文件"),
)
# Budgets: what one Word file may make the readers do, checked while reading (docs/weihu/daoru.md: 一个文件最多让导入做多少事). A file
# beyond one is refused with what and where, never read for minutes or into gigabytes: a 200 KB file can hold a
# 200 MB part, a table cell spanning fifty million columns or a list numbered from three hundred million.
MAX_PART_BYTES = 50 * 2**20  # one part unzipped (a 500-page report's document.xml is about 10 MB)
MAX_PACKAGE_BYTES = 100 * 2**20  # all the parts a reader may read, unzipped
MAX_DOCUMENT_CHARS = MAX_TEXT_CHARS  # characters of text, as for a text file (macros/sources/decode.py)
MAX_DEPTH = 100  # elements inside elements that the reader walks: Word nests a few levels, never a hundred
MAX_SPAN = 63  # columns a table cell spans: Word's widest table
MAX_NUMBER = 32767  # a list's counter: Word's largest
MAX_LABEL = 40  # characters of an automatic number as shown (一、 （一） 1.1.1 …)
# The parts a reader may read: the package's relations, the main part and the parts it links to.
WANTED = r"^(_rels/\.rels|word/[^/]+\.xml|word/_rels/[^/]+\.rels|[^/]+\.xml)$"

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
_V = "urn:schemas-microsoft-com:vml"
_M = "http://schemas.openxmlformats.org/officeDocument/2006/math"
_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
OLE_MAGIC = "d0cf11e0a1b11ae1"  # an old .doc, or a password-protected .docx (hex)
# The root element's start tag (it declares the namespaces), and styles.xml's paragraph and character styles.
_WANTED = re.compile(WANTED)
_ROOT_START = re.compile(rb"<(w:styles)\b[^>]*>")
_TEXT_STYLES = re.compile(rb'<w:style\b(?![^>]*\bw:type="(?:table|numbering)")[^>]*(?<!/)>.*?</w:style>', re.S)
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True, remove_comments=True)


def _w(tag: str) -> str:
    return f"{{{_W}}}{tag}"


W_P, W_TBL, W_TR, W_TC, W_R, W_T = _w("p"), _w("tbl"), _w("tr"), _w("tc"), _w("r"), _w("t")
W_PPR, W_RPR, W_VAL = _w("pPr"), _w("rPr"), _w("val")
W_INS, W_DEL, W_MOVE_FROM, W_MOVE_TO = _w("ins"), _w("del"), _w("moveFrom"), _w("moveTo")
W_TXBX = _w("txbxContent")
REVISION_IN = ("ins", "moveTo")  # accepted: their content is read
REVISION_OUT = ("del", "moveFrom")  # accepted: their content is dropped
_REVISION_IN = {_w(name) for name in REVISION_IN}
_REVISION_OUT = {_w(name) for name in REVISION_OUT}
# Elements whose content is never displayed text (local names in the w: namespace; mc:Fallback too).
SKIP_NAMES = (
    "pPr",
    "rPr",
    "tblPr",
    "tblGrid",
    "trPr",
    "tcPr",
    "sdtPr",
    "sdtEndPr",
    "instrText",
    "delInstrText",
    "delText",
    "fldChar",
    "rt",
    "footnoteRef",
    "endnoteRef",
    "commentReference",
    "annotationRef",
    "sectPr",
    "bookmarkStart",
    "bookmarkEnd",
    "proofErr",
    "lastRenderedPageBreak",
)
_SKIP = {_w(name) for name in SKIP_NAMES} | {f"{{{_MC}}}Fallback"}
# Elements that stand for a character, by local name.
CHARACTERS = {"tab": "\t", "br": "\n", "cr": "\n", "noBreakHyphen": "\u2011", "softHyphen": ""}
_CHAR = {_w(name): text for name, text in CHARACTERS.items()}


class CorruptDocxError(ReadError):
    """Not a readable .docx: not a zip, cut short, a part missing or not well-formed XML, or an old .doc."""

    def __init__(self, path: Path | str, message: str, **values):
        problem, fix = MESSAGES[message]
        super().__init__(path, problem.format(**values), fix.format(**values))
        self.message = message


class EncryptedDocxError(CorruptDocxError):
    """A .docx protected by an open password (stored as an OLE/CFB file with an EncryptionInfo stream)."""


class TrackedChangesError(CorruptDocxError):
    """A .docx with tracked insertions or deletions that were not accepted (read with accept_revisions=True)."""


class _OverBudget(Exception):
    """A budget exceeded while reading; read_docx names the file (CorruptDocxError with the same message)."""

    def __init__(self, message: str, **values):
        super().__init__(message)
        self.message = message
        self.values = values


@dataclass(frozen=True)
class Paragraph:
    """One paragraph as shown: ``text`` begins with ``label``, the automatic number ('' when none)."""

    text: str
    label: str = ""
    style: str = ""  # the paragraph style's name, e.g. "Title", "heading 1", "Normal"
    centered: bool = False
    size: float | None = None  # the largest font size in it, in points, where the file says
    in_textbox: bool = False
    images: int = 0  # pictures in it (they are not text; the importer notes them)


@dataclass(frozen=True)
class Table:
    """A table: rows of cell texts (a cell's paragraphs joined by \\n); merged cells are ''."""

    rows: tuple[tuple[str, ...], ...]


@dataclass
class DocxContent:
    blocks: list[Paragraph | Table] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    images: int = 0
    revisions: int = 0  # tracked insertions and deletions (accepted when read with accept_revisions)

    def texts(self) -> list[str]:
        """Every paragraph text in reading order, the paragraphs of table cells included."""
        out: list[str] = []
        for block in self.blocks:
            if isinstance(block, Paragraph):
                out.append(block.text)
            else:
                out.extend(cell for row in block.rows for cell in row if cell)
        return out


def read_text(data: bytes, path: Path | str = "") -> dict:
    """A draft's text as the checker reads it (tracked changes accepted): every paragraph of texts(), and how
    many revisions were accepted. read.js's fanwenkuDocxText returns the same."""
    content = read_docx(data, path, accept_revisions=True)
    paragraphs = content.texts()
    return {"text": "\n".join(paragraphs), "paragraphs": paragraphs, "revisions": content.revisions}


def script_constants() -> dict:
    """What read.js takes from Python instead of retyping it (macros/build/scripts.py writes it in)."""
    return {
        "W": _W,
        "MC": _MC,
        "M": _M,
        "REL": _REL,
        "MAX_PART_BYTES": MAX_PART_BYTES,
        "MAX_PACKAGE_BYTES": MAX_PACKAGE_BYTES,
        "MAX_DOCUMENT_CHARS": MAX_DOCUMENT_CHARS,
        "MAX_DOCUMENT_CHARS_SHOWN": f"{MAX_DOCUMENT_CHARS:,}",
        "MAX_DEPTH": MAX_DEPTH,
        "MAX_SPAN": MAX_SPAN,
        "MAX_NUMBER": MAX_NUMBER,
        "MAX_LABEL": MAX_LABEL,
        "WANTED": WANTED,
        "SKIP": SKIP_NAMES,
        "CHARACTERS": CHARACTERS,
        "REVISION_IN": REVISION_IN,
        "REVISION_OUT": REVISION_OUT,
        "NOTE_MARK": NOTE_MARK,
        "MESSAGES": MESSAGES,
        "MAGIC": MAGIC,
        "OLE_MAGIC": OLE_MAGIC,
        "NUMERALS": {"digits": _CN_DIGITS, "legal": _CN_LEGAL, "tiangan": _TIANGAN, "dizhi": _DIZHI},
    }


def read_docx(data: bytes, path: Path | str, accept_revisions: bool = False) -> DocxContent:
    """The document in ``data`` (a .docx's bytes); ``path`` names it in errors. See the module docstring."""
    try:
        return _read(data, path, accept_revisions)
    except _OverBudget as over:
        raise CorruptDocxError(path, over.message, **over.values) from None


def _read(data: bytes, path: Path | str, accept_revisions: bool) -> DocxContent:
    archive = _open(data, path)
    with archive:
        main = _main_part(archive, path)
        rels = _relations(archive, main, path)
        styles = _Styles(_xml(archive, rels.get("styles"), path, select=_TEXT_STYLES))
        numbering = _Numbering(_xml(archive, rels.get("numbering"), path), styles)
        reader = _Reader(styles, numbering, accept_revisions)
        body = _xml(archive, main, path).find(_w("body"))
        if body is None:
            raise CorruptDocxError(path, "no_body")
        reader.note_source = {
            kind: (rels.get(kind, ""), _notes(_xml(archive, rels.get(kind), path), kind[:-1]))
            for kind in ("footnotes", "endnotes")
        }
        reader.part = main
        content = DocxContent(blocks=reader.story(body), images=reader.images)
        content.notes = reader.note_texts
        content.revisions = reader.revisions
    if reader.revisions and not accept_revisions:
        raise TrackedChangesError(path, "revisions", count=reader.revisions)
    return content


# --- The package --------------------------------------------------------------------------------------------


def _open(data: bytes, path) -> zipfile.ZipFile:
    if not data:
        raise CorruptDocxError(path, "empty")
    if data.startswith(bytes.fromhex(OLE_MAGIC)):
        if "EncryptionInfo".encode("utf-16-le") in data:
            raise EncryptedDocxError(path, "encrypted")
        raise CorruptDocxError(path, "old_doc")
    kind = _sniff(data)
    if kind:
        raise CorruptDocxError(path, "not_word", kind=kind)
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        raise CorruptDocxError(path, "broken") from None
    # The parts a reader may read, by their sizes as the package states them (zipfile never unzips more than that):
    # each within its budget, and all together (read.js checks the same parts in the same order).
    total = 0
    for info in archive.infolist():
        if not _WANTED.match(info.filename):
            continue
        if info.file_size > MAX_PART_BYTES:
            raise CorruptDocxError(path, "part_too_big", name=info.filename, mb=MAX_PART_BYTES // 2**20)
        total += info.file_size
    if total > MAX_PACKAGE_BYTES:
        raise CorruptDocxError(path, "package_too_big", mb=MAX_PACKAGE_BYTES // 2**20)
    return archive


def _sniff(data: bytes) -> str | None:
    return next((kind for magic, kind in MAGIC if data.startswith(bytes.fromhex(magic))), None)


def _read_part(archive: zipfile.ZipFile, name: str, path) -> bytes:
    try:
        info = archive.getinfo(name)
    except KeyError:
        raise CorruptDocxError(path, "missing_part", name=name) from None
    if info.file_size > MAX_PART_BYTES:  # a part outside WANTED (read.js never reads those)
        raise CorruptDocxError(path, "part_too_big", name=name, mb=MAX_PART_BYTES // 2**20)
    try:
        return archive.read(info)
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError):
        raise CorruptDocxError(path, "broken") from None


def _xml(archive: zipfile.ZipFile, name: str | None, path, select: re.Pattern | None = None):
    """A part parsed. With select, only the root and the elements the pattern finds are parsed: styles.xml
    is mostly table styles and latent styles (350 KB in python-docx's template), of which only paragraph
    and character styles tell how text looks."""
    if name is None:
        return None
    data = _read_part(archive, name, path)
    if select is not None:
        root = _ROOT_START.search(data, 0, 4096)
        if root:
            data = root.group() + b"".join(select.findall(data, root.end())) + b"</" + root.group(1) + b">"
    try:
        return etree.fromstring(data, _PARSER)
    except etree.XMLSyntaxError:
        raise CorruptDocxError(path, "bad_xml", name=name) from None


def _main_part(archive: zipfile.ZipFile, path) -> str:
    names = set(archive.namelist())
    if "_rels/.rels" in names:
        for rel in _xml(archive, "_rels/.rels", path).iter(f"{{{_REL}}}Relationship"):
            if rel.get("Type", "").endswith("/officeDocument"):
                return rel.get("Target", "").lstrip("/")
    if "word/document.xml" in names:
        return "word/document.xml"
    raise CorruptDocxError(path, "no_document")


def _relations(archive: zipfile.ZipFile, main: str, path) -> dict[str, str]:
    """styles / numbering / footnotes / endnotes -> part name, for the parts the main part links to."""
    folder, name = posixpath.split(main)
    rels_name = posixpath.join(folder, "_rels", name + ".rels")
    found: dict[str, str] = {}
    if rels_name not in archive.namelist():
        return found
    for rel in _xml(archive, rels_name, path).iter(f"{{{_REL}}}Relationship"):
        kind = rel.get("Type", "").rsplit("/", 1)[-1]
        target = rel.get("Target", "")
        if kind in ("styles", "numbering", "footnotes", "endnotes") and rel.get("TargetMode") != "External":
            part = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
            if part in archive.namelist():
                found[kind] = part
    return found


def _notes(root, kind: str) -> dict[str, object]:
    """Note id -> its w:footnote / w:endnote element, separators left out."""
    if root is None:
        return {}
    return {
        n.get(_w("id")): n
        for n in root.iter(_w(kind))
        if n.get(_w("type")) in (None, "normal") and n.get(_w("id")) is not None
    }


# --- Styles ---------------------------------------------------------------------------------------------


@dataclass
class _Style:
    name: str = ""
    based_on: str | None = None
    centered: bool | None = None
    num_id: str | None = None
    ilvl: int | None = None
    size: float | None = None
    hidden: bool = False


class _Styles:
    """Paragraph style properties, with basedOn chains resolved; a style is parsed when first asked for
    (templates carry a hundred or more styles, a document uses a few)."""

    def __init__(self, root):
        self.nodes: dict[str, object] = {}  # paragraph styles
        self.char_nodes: dict[str, object] = {}  # character styles
        self.default: str | None = None
        self._parsed: dict[str, _Style] = {}
        self._resolved: dict[str, _Style] = {}
        self._hidden: dict[str, bool] = {}
        if root is None:
            return
        for node in root.iterchildren(_w("style")):
            sid = node.get(_w("styleId"))
            kind = node.get(_w("type"), "paragraph")
            if sid is None:
                continue
            if kind == "character":
                self.char_nodes[sid] = node
            elif kind == "paragraph":
                self.nodes[sid] = node
                if node.get(_w("default")) in ("1", "true", "on"):
                    self.default = sid

    def _parse(self, sid: str) -> _Style:
        if sid in self._parsed:
            return self._parsed[sid]
        node = self.nodes[sid]
        style = _Style()
        name = node.find(_w("name"))
        style.name = name.get(W_VAL, sid) if name is not None else sid
        based = node.find(_w("basedOn"))
        style.based_on = based.get(W_VAL) if based is not None else None
        ppr = node.find(W_PPR)
        if ppr is not None:
            jc = ppr.find(_w("jc"))
            if jc is not None:
                style.centered = jc.get(W_VAL) == "center"
            num = ppr.find(_w("numPr"))
            if num is not None:
                style.num_id = _val(num.find(_w("numId")))
                style.ilvl = _int(_val(num.find(_w("ilvl"))))
        rpr = node.find(W_RPR)
        if rpr is not None:
            style.size = _half_points(rpr)
            style.hidden = _on(rpr.find(_w("vanish")))
        self._parsed[sid] = style
        return style

    def hidden_char(self, sid: str | None) -> bool:
        """Whether a character style hides its text (w:vanish)."""
        if sid is None or sid not in self.char_nodes:
            return False
        if sid not in self._hidden:
            rpr = self.char_nodes[sid].find(W_RPR)
            self._hidden[sid] = rpr is not None and _on(rpr.find(_w("vanish")))
        return self._hidden[sid]

    def get(self, sid: str | None) -> _Style:
        sid = sid if sid in self.nodes else self.default
        if sid is None or sid not in self.nodes:
            return _Style()
        if sid not in self._resolved:
            chain, seen, cur = [], set(), sid
            while cur in self.nodes and cur not in seen:
                seen.add(cur)
                chain.append(self._parse(cur))
                cur = chain[-1].based_on
            out = _Style(name=chain[0].name)
            for style in reversed(chain):  # the base first, each derived style overriding it
                for attr in ("centered", "num_id", "ilvl", "size"):
                    if getattr(style, attr) is not None:
                        setattr(out, attr, getattr(style, attr))
                out.hidden = out.hidden or style.hidden
            self._resolved[sid] = out
        return self._resolved[sid]


def _val(node) -> str | None:
    return node.get(W_VAL) if node is not None else None


_INTEGER = re.compile(r"[-+]?[0-9]{1,9}")


def _int(text: str | None) -> int | None:
    """An integer as Word writes one: ASCII digits, at most nine of them (read.js toInt); else None."""
    if text is None:
        return None
    text = text.strip(" \t\n\r")
    return int(text) if _INTEGER.fullmatch(text) else None


def _on(node) -> bool:
    return node is not None and node.get(W_VAL, "true") not in ("0", "false", "off")


def _half_points(rpr) -> float | None:
    size = _int(_val(rpr.find(_w("sz"))))
    return size / 2 if size else None


# --- Automatic numbering ------------------------------------------------------------------------------------


@dataclass
class _Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = ""
    legal: bool = False
    restart: int | None = None  # w:lvlRestart: restart after this (1-based) level; 0 never; None any higher
    style: str | None = None


class _Numbering:
    """numbering.xml: list definitions, and the counters Word keeps while it lays the document out."""

    def __init__(self, root, styles: _Styles):
        self.abstract: dict[str, dict[int, _Level]] = {}
        self.nums: dict[str, tuple[str, dict[int, int], dict[int, _Level]]] = {}
        self.counters: dict[str, list[int | None]] = {}
        self.started: set[str] = set()
        self.styles = styles
        if root is None:
            return
        links: dict[str, str] = {}
        for node in root.iter(_w("abstractNum")):
            aid = node.get(_w("abstractNumId"))
            self.abstract[aid] = {
                ilvl: _level(lvl)
                for lvl in node.iter(_w("lvl"))
                if (ilvl := _ilvl(lvl.get(_w("ilvl"), "0"))) is not None
            }
            link = node.find(_w("numStyleLink"))
            if link is not None:
                links[aid] = link.get(W_VAL)
        for node in root.iter(_w("num")):
            aid = _val(node.find(_w("abstractNumId")))
            starts, levels = {}, {}
            for over in node.iter(_w("lvlOverride")):
                ilvl = _ilvl(over.get(_w("ilvl"), "0"))
                if ilvl is None:
                    continue
                start = _int(_val(over.find(_w("startOverride"))))
                if start is not None:
                    starts[ilvl] = _number(start)
                lvl = over.find(_w("lvl"))
                if lvl is not None:
                    levels[ilvl] = _level(lvl)
            self.nums[node.get(_w("numId"))] = (aid, starts, levels)
        # A list defined through a numbering style (numStyleLink) takes its levels from the style's list.
        for aid, style_id in links.items():
            target = self.nums.get(styles.get(style_id).num_id or "")
            if target and target[0] in self.abstract and target[0] != aid:
                self.abstract[aid] = self.abstract[target[0]]

    def label(self, num_id: str | None, ilvl: int | None, style_id: str | None) -> str:
        """The number shown before a paragraph of list num_id at level ilvl, advancing the counters."""
        if not num_id or num_id == "0" or num_id not in self.nums:
            return ""
        aid, starts, overrides = self.nums[num_id]
        levels = {**self.abstract.get(aid, {}), **overrides}
        if ilvl is None:
            ilvl = next((i for i, lvl in sorted(levels.items()) if style_id and lvl.style == style_id), 0)
        if ilvl not in levels:
            return ""
        counters = self.counters.setdefault(aid, [None] * 10)
        if num_id not in self.started:
            # A list instance that overrides its start restarts those levels the first time it is used.
            self.started.add(num_id)
            for i in starts:
                if 0 <= i < len(counters):
                    counters[i] = None
        start = {i: starts.get(i, lvl.start) for i, lvl in levels.items()}
        counters[ilvl] = start[ilvl] if counters[ilvl] is None else counters[ilvl] + 1
        for deeper in range(ilvl + 1, len(counters)):
            restart = levels[deeper].restart if deeper in levels else None
            if restart is None or (restart != 0 and ilvl < restart):
                counters[deeper] = None
        level = levels[ilvl]
        if level.fmt == "bullet":
            return ""
        text = level.text
        for i in range(9, -1, -1):  # %10 is not a thing, but %1 must not eat the 1 of a later digit
            token = f"%{i + 1}"
            if token in text:
                value = counters[i] if counters[i] is not None else start.get(i, 1)
                fmt = "decimal" if level.legal and i != ilvl else levels.get(i, level).fmt
                text = text.replace(token, format_number(value, fmt))
                if len(text) > MAX_LABEL:  # checked as it grows: %1%1%1… of upperLetter could make megabytes
                    raise _OverBudget("long_label", start=text[:8], length=len(text))
        if len(text) > MAX_LABEL:
            raise _OverBudget("long_label", start=text[:8], length=len(text))
        return text


def _ilvl(text: str | None) -> int | None:
    """A list level 0-8 (Word has nine); anything else is no level: the paragraph shows no number."""
    value = _int(text)
    return value if value is not None and 0 <= value <= 8 else None


def _number(value: int) -> int:
    if not 0 <= value <= MAX_NUMBER:
        raise _OverBudget("big_number", value=value, max=MAX_NUMBER)
    return value


def _level(node) -> _Level:
    level = _Level()
    start = _int(_val(node.find(_w("start"))))
    level.start = 1 if start is None else _number(start)
    level.fmt = _val(node.find(_w("numFmt"))) or "decimal"
    level.text = _val(node.find(_w("lvlText"))) or ""
    level.legal = _on(node.find(_w("isLgl")))
    restart = node.find(_w("lvlRestart"))
    level.restart = _int(_val(restart)) if restart is not None else None
    level.style = _val(node.find(_w("pStyle")))
    return level


_CN_DIGITS = "〇一二三四五六七八九"
_CN_LEGAL = "零壹贰叁肆伍陆柒捌玖"
_TIANGAN = "甲乙丙丁戊己庚辛壬癸"
_DIZHI = "子丑寅卯辰巳午未申酉戌亥"


def _chinese(n: int, digits: str = _CN_DIGITS, ten: str = "十", hundred: str = "百", thousand: str = "千") -> str:
    """一 … 十, 十一, 二十一, 一百〇五, 一千二百 (up to 9999; larger counters as digits)."""
    if not 0 <= n < 10000:
        return str(n)
    if n < 10:
        return digits[n]
    if n < 20:
        return ten + (digits[n % 10] if n % 10 else "")
    parts: list[str] = []
    gap = False
    for value, unit in ((1000, thousand), (100, hundred), (10, ten), (1, "")):
        digit = n // value % 10
        if digit:
            if gap:
                parts.append(digits[0])
            parts.append(digits[digit] + unit)
            gap = False
        elif parts:
            gap = True
    return "".join(parts)


def _letters(n: int) -> str:
    # Word repeats the letter: A..Z, AA..ZZ, AAA..
    return chr(ord("A") + (n - 1) % 26) * ((n - 1) // 26 + 1) if n > 0 else str(n)


def _roman(n: int) -> str:
    if not 0 < n < 4000:
        return str(n)
    out = ""
    for value, numeral in (
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ):
        while n >= value:
            out += numeral
            n -= value
    return out


def format_number(n: int, fmt: str) -> str:
    """A counter value in one of Word's number formats (w:numFmt); unknown formats as decimal."""
    if fmt in ("chineseCounting", "chineseCountingThousand", "japaneseCounting", "taiwaneseCounting"):
        return _chinese(n)
    if fmt in ("ideographDigital", "taiwaneseDigital", "japaneseDigitalTenThousand"):
        return "".join(_CN_DIGITS[int(d)] for d in str(n))
    if fmt == "chineseLegalSimplified":
        return _chinese(n, _CN_LEGAL, "拾", "佰", "仟")
    if fmt == "ideographTraditional" and 1 <= n <= 10:
        return _TIANGAN[n - 1]
    if fmt == "ideographZodiac" and 1 <= n <= 12:
        return _DIZHI[n - 1]
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese") and 1 <= n <= 20:
        return chr(0x2460 + n - 1)
    if fmt == "decimalEnclosedParen" and 1 <= n <= 20:
        return chr(0x2474 + n - 1)
    if fmt == "decimalEnclosedFullstop" and 1 <= n <= 20:
        return chr(0x2488 + n - 1)
    if fmt == "decimalFullWidth" or fmt == "decimalFullWidth2":
        return "".join(chr(0xFF10 + int(d)) for d in str(n))
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt == "upperLetter":
        return _letters(n)
    if fmt == "lowerLetter":
        return _letters(n).lower()
    if fmt == "upperRoman":
        return _roman(n)
    if fmt == "lowerRoman":
        return _roman(n).lower()
    if fmt == "none":
        return ""
    return str(n)


# --- The document body ---------------------------------------------------------------------------------


class _Reader:
    def __init__(self, styles: _Styles, numbering: _Numbering, accept: bool):
        self.styles = styles
        self.numbering = numbering
        self.accept = accept
        self.images = 0
        self.revisions = 0
        self.note_source: dict[str, tuple[str, dict[str, object]]] = {}  # kind -> (its part, id -> note)
        self.note_texts: list[str] = []
        self._boxes: list[list[Paragraph | Table]] = []  # text-box blocks found in the paragraph being read
        self._in_box = 0
        self._carry = ""  # text of a paragraph whose mark was deleted (accepted): joins the next one
        self.part = ""  # the part being read, for a refusal
        self.depth = 0  # elements inside elements walked (MAX_DEPTH)
        self.chars = 0  # characters of text read (MAX_DOCUMENT_CHARS)
        self.tables = 0  # tables met, to name one in a refusal

    def deeper(self) -> None:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise _OverBudget("too_deep", name=self.part, depth=MAX_DEPTH)

    def counted(self, text: str) -> str:
        self.chars += len(text)
        if self.chars > MAX_DOCUMENT_CHARS:
            raise _OverBudget("too_long", limit=f"{MAX_DOCUMENT_CHARS:,}")
        return text

    def blocks(self, container) -> list[Paragraph | Table]:
        self.deeper()
        out: list[Paragraph | Table] = []
        for child in container:
            tag = child.tag
            if tag == W_P:
                out.extend(self.paragraph(child))
            elif tag == W_TBL:
                out.extend(self.table(child))
            elif tag in _REVISION_OUT:
                self.revisions += 1
                if not self.accept:
                    out.extend(self.blocks(child))
            elif tag in _REVISION_IN:
                self.revisions += 1
                out.extend(self.blocks(child))
            elif tag in _SKIP:
                continue
            elif tag == f"{{{_MC}}}AlternateContent":
                choice = child.find(f"{{{_MC}}}Choice")
                out.extend(self.blocks(choice if choice is not None else child))
            elif isinstance(tag, str):  # w:sdt, w:sdtContent, w:customXml, mc:Choice …
                out.extend(self.blocks(child))
        self.depth -= 1
        return out

    def paragraph(self, p) -> list[Paragraph | Table]:
        ppr = p.find(W_PPR)
        style_id = num_id = ilvl = None
        centered = None
        mark_deleted = False
        if ppr is not None:
            style_id = _val(ppr.find(_w("pStyle")))
            jc = ppr.find(_w("jc"))
            centered = None if jc is None else jc.get(W_VAL) == "center"
            num = ppr.find(_w("numPr"))
            if num is not None:
                num_id = _val(num.find(_w("numId")))
                ilvl = _int(_val(num.find(_w("ilvl"))))
            rpr = ppr.find(W_RPR)
            if rpr is not None:
                for tag in (W_INS, W_DEL, W_MOVE_FROM, W_MOVE_TO):
                    if rpr.find(tag) is not None:
                        self.revisions += 1
                        mark_deleted = tag in _REVISION_OUT
        style = self.styles.get(style_id)
        if num_id is None:
            num_id = style.num_id
            ilvl = ilvl if ilvl is not None else style.ilvl
        self._boxes.append([])
        pieces: list[str] = []
        sizes: list[float] = [style.size] if style.size else []
        images_before = self.images
        self.inline(p, pieces, sizes)
        boxes = self._boxes.pop()
        text = "".join(pieces)
        if self._carry:
            text, self._carry = self._carry + text, ""
        if mark_deleted and self.accept:
            # Accepting the deletion of a paragraph mark joins this paragraph with the next one.
            self._carry = text
            return boxes
        label = self.numbering.label(num_id, ilvl, style_id or self.styles.default)
        para = Paragraph(
            text=self.counted(label + text),
            label=label,
            style=style.name,
            centered=bool(style.centered if centered is None else centered),
            size=max(sizes) if sizes else None,
            in_textbox=self._in_box > 0,
            images=self.images - images_before,
        )
        return [*boxes, para]

    def table(self, tbl) -> list[Paragraph | Table]:
        self.tables += 1
        rows: list[tuple[str, ...]] = []
        boxes: list[Paragraph | Table] = []
        for tr in self.rows(tbl):
            cells: list[str] = []
            for tc in self.cells(tr):
                tcpr = tc.find(_w("tcPr"))
                span = _int(_val(tcpr.find(_w("gridSpan")))) if tcpr is not None else None
                if span is not None and span > MAX_SPAN:
                    raise _OverBudget("wide_span", table=self.tables, span=span, max=MAX_SPAN)
                merge = tcpr.find(_w("vMerge")) if tcpr is not None else None
                lines = []
                for block in self.blocks(tc):
                    if isinstance(block, Paragraph):
                        lines.append(block.text)
                    else:  # a table inside a cell: its rows as lines, cells apart by a tab
                        lines.extend("\t".join(row) for row in block.rows)
                continued = merge is not None and merge.get(W_VAL, "continue") == "continue"
                cells.append("" if continued and not any(lines) else "\n".join(lines))
                cells.extend([""] * ((span or 1) - 1))
            rows.append(tuple(cells))
        width = max((len(r) for r in rows), default=0)
        rows = [r + ("",) * (width - len(r)) for r in rows]
        return [*boxes, Table(tuple(rows))] if rows else boxes

    def inline(self, node, out: list[str], sizes: list[float]) -> None:
        self.deeper()
        for child in node:
            tag = child.tag
            if not isinstance(tag, str) or tag in _SKIP:
                continue
            if tag == W_T or tag == f"{{{_M}}}t":
                out.append(child.text or "")
            elif tag in _CHAR:
                out.append(_CHAR[tag])
            elif tag == W_R:
                rpr = child.find(W_RPR)
                if rpr is not None:
                    if _on(rpr.find(_w("vanish"))) or self.styles.hidden_char(_val(rpr.find(_w("rStyle")))):
                        continue
                    size = _half_points(rpr)
                    if size and any(c.tag in (W_T,) and (c.text or "").strip() for c in child):
                        sizes.append(size)
                self.inline(child, out, sizes)
            elif tag in _REVISION_OUT:
                self.revisions += 1
                if not self.accept:
                    self.inline(child, out, sizes)
            elif tag in _REVISION_IN:
                self.revisions += 1
                self.inline(child, out, sizes)
            elif tag == _w("sym"):
                code = int(child.get(_w("char"), "0"), 16) if _is_hex(child.get(_w("char"), "")) else 0
                if 0x20 <= code < 0xD800:  # a symbol font's own range (F000…) and surrogates are no text
                    out.append(chr(code))
            elif tag in (_w("footnoteReference"), _w("endnoteReference")):
                if child.get(_w("customMarkFollows")) in ("1", "true", "on"):
                    continue  # the mark is the text that follows, already in the run
                kind = "footnotes" if tag == _w("footnoteReference") else "endnotes"
                part, notes = self.note_source.get(kind, ("", {}))
                note = notes.get(child.get(_w("id")))
                self.note_texts.append(self.note_text(note, part) if note is not None else "")
                out.append(NOTE_MARK.format(n=len(self.note_texts)))
            elif tag == f"{{{_MC}}}AlternateContent":
                # The same drawing twice: the modern copy first (read), the VML fallback second (skipped).
                choice = child.find(f"{{{_MC}}}Choice")
                self.inline(choice if choice is not None else child, out, sizes)
            elif tag == W_TXBX:
                self._in_box += 1
                self._boxes[-1].extend(self.story(child))
                self._in_box -= 1
            elif tag in (_w("drawing"), _w("pict"), _w("object")):
                if child.find(f".//{{{_A}}}blip") is not None or child.find(f".//{{{_V}}}imagedata") is not None:
                    self.images += 1
                self.inline(child, out, sizes)
            else:  # hyperlink, smartTag, sdt, fldSimple, ruby base, drawing containers …
                self.inline(child, out, sizes)
        self.depth -= 1

    def story(self, container) -> list[Paragraph | Table]:
        """The blocks of a story of their own (the body, a text box, a note): a deleted paragraph mark joins two
        paragraphs of one story only, and a last paragraph whose mark was deleted still comes out."""
        carry, self._carry = self._carry, ""
        blocks = self.blocks(container)
        if self._carry:
            blocks.append(Paragraph(text=self.counted(self._carry), in_textbox=self._in_box > 0))
        self._carry = carry
        return blocks

    def note_text(self, note, part: str) -> str:
        # A note's own paragraphs; its reference mark (w:footnoteRef) is skipped.
        self._boxes.append([])
        reading, self.part = self.part, part
        lines = []
        for block in self.story(note):
            if isinstance(block, Paragraph):
                lines.append(block.text.strip())
        self.part = reading
        self._boxes.pop()
        return "\n".join(line for line in lines if line)

    def rows(self, tbl) -> list:
        """A table's rows, also those wrapped in content controls or tracked insertions."""
        self.deeper()
        out = []
        for child in tbl:
            if child.tag == W_TR:
                out.append(child)
            elif child.tag in (_w("sdt"), _w("sdtContent"), _w("customXml"), W_INS):
                out += self.rows(child)
        self.depth -= 1
        return out

    def cells(self, tr) -> list:
        self.deeper()
        out = []
        for child in tr:
            if child.tag == W_TC:
                out.append(child)
            elif child.tag in (_w("sdt"), _w("sdtContent"), _w("customXml")):
                out += self.cells(child)
        self.depth -= 1
        return out


def _is_hex(text: str) -> bool:
    return bool(text) and all(c in "0123456789abcdefABCDEF" for c in text)
