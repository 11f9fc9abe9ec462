"""A checked .docx handed back as Word files: every finding as a comment (批注), or every one-click fix as a tracked
change (修订, w:del + w:ins) the writer accepts or rejects in Word or WPS.

Public API (annotate.js beside it is the browser's twin, exporting the same two functions):

- ``comment_docx(data, findings, date) -> bytes``: a copy in which each finding is a comment on the text it flags,
  author 公文体检, holding the level and message, the fix and the basis.
- ``fix_docx(data, findings, date) -> bytes``: a copy in which each fix ``apply_fixes`` would make is a tracked
  deletion of the flagged text and insertion of the fix, by 公文体检 at ``date``.

``findings`` are what the checker found in ``read_text(data)["text"]`` (dicts or Findings: line, column,
end_column, level, message, fix, basis, rule); ``date`` is the revision and comment date (ISO 8601, such as
2026-12-06T10:00:00Z), given by the caller so that both engines write the same bytes.

Nothing else changes. document.xml is not parsed into a tree and written again: it is walked as text, in the order
the reader (read.py) reads it, to learn which characters of which w:t each line of the checked text comes from; the
runs holding the ends of a flagged span are cut there and the comment marks (or w:del / w:ins) are spliced in.
Every other byte of the part stays as it was, and every other part of the package (styles, numbering, headers,
footers, text boxes, pictures) is copied unchanged; comments.xml, its relationship and its content type are added
(or extended). Text the reader shows but the file does not hold as text (an automatic number, a footnote mark, a
tab) cannot be cut: a finding there is commented at the start of its paragraph and has no tracked fix. Text in a
text box, a field result or a table nested in a cell is never changed: its findings are commented on the paragraph
holding it. A file with tracked changes of its own is refused (the checker read them as accepted).
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field

from macros.checker.engine import chosen_fixes
from macros.sources.errors import ReadError
from macros.word.read import CHARACTERS as READ_CHARACTERS
from macros.word.read import MAX_LABEL as READ_MAX_LABEL
from macros.word.read import NOTE_MARK as READ_NOTE_MARK
from macros.word.read import SKIP_NAMES, read_text

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
M = "http://schemas.openxmlformats.org/officeDocument/2006/math"
REL = "http://schemas.openxmlformats.org/package/2006/relationships"
COMMENTS_TYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments"
COMMENTS_CONTENT = "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"
AUTHOR = "公文体检"
INITIALS = "体检"
# What a comment says, line by line (the rule's id last, to look it up in templates_src/checker/README.md)
COMMENT_LINES = ("{level}：{message}", "改为：“{fix}”", "改为：删去", "依据：{basis}", "规则：{rule}")
# What the reader never shows, what stands for a character and how a note's mark reads: the reader's own (read.py)
SKIP, CHARACTERS, NOTE_MARK = SKIP_NAMES, READ_CHARACTERS, READ_NOTE_MARK
# Runs inside these may be cut for a tracked change (not in a field, a text box, a content control of their own)
FIXABLE_PARENTS = ("p", "hyperlink")
MESSAGES = {
    "revisions": (
        "文档里已有 {count} 处修订，体检是按全部接受读的，批注和修订写不回原位置。",
        "在 Word 的“审阅”里接受或拒绝全部修订后保存，再检查。",
    ),
    "layout": (
        "这个 Word 文件的结构太特殊，体检读出的文字和文件里的对不上，写不回去。",
        "用 Word 或 WPS 另存为 .docx 再试；或者按体检报告手工修改。",
    ),
    "no_document": ("这个文件里没有 Word 文档正文（word/document.xml）。", "换成真正的 .docx 文件。"),
}


class AnnotateError(ReadError):
    """A .docx the checker read but cannot write its findings back into."""

    def __init__(self, path: str, message: str, **values):
        problem, fix = MESSAGES[message]
        super().__init__(path, problem.format(**values), fix.format(**values))
        self.message = message


# ---------------------------------------------------------------- XML as text


def escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def escape_attribute(text: str) -> str:
    return escape(text).replace('"', "&quot;")


_ENTITY = re.compile(r"&(#x[0-9A-Fa-f]+|#[0-9]+|amp|lt|gt|quot|apos);")
_NAMED = {"amp": "&", "lt": "<", "gt": ">", "quot": '"', "apos": "'"}


def unescape(text: str) -> str:
    def one(m: re.Match) -> str:
        name = m.group(1)
        if name.startswith("#x"):
            return chr(int(name[2:], 16))
        if name.startswith("#"):
            return chr(int(name[1:]))
        return _NAMED[name]

    return _ENTITY.sub(one, text)


@dataclass(eq=False)
class Element:
    """An element of a part, by its offsets in the part's text."""

    name: str  # as written: w:p
    start: int  # at "<"
    open_end: int  # after the start tag's ">"
    close_start: int  # at "</" (open_end for an empty element)
    end: int  # after the end tag
    parent: Element | None
    children: list[Element] = field(default_factory=list)

    @property
    def prefix(self) -> str:
        return self.name.split(":")[0] if ":" in self.name else ""

    @property
    def local(self) -> str:
        return self.name.split(":")[-1]


_NAME = re.compile(r"[^\s/>]+")
_NAMESPACE = re.compile(r'xmlns(?::([^=\s]+))?\s*=\s*"([^"]*)"')


def parse(xml: str) -> Element:
    """The element tree of a part: names and offsets only (attributes are read from the text when needed)."""
    root = Element("#document", 0, 0, len(xml), len(xml), None)
    current = root
    i = xml.find("<")
    while i >= 0:
        if xml.startswith("<?", i):
            i = xml.index("?>", i) + 2
        elif xml.startswith("<!--", i):
            i = xml.index("-->", i) + 3
        elif xml.startswith("<![CDATA[", i):
            i = xml.index("]]>", i) + 3
        elif xml.startswith("<!", i):
            i = xml.index(">", i) + 1
        elif xml.startswith("</", i):
            end = xml.index(">", i) + 1
            current.close_start, current.end = i, end
            current = current.parent
            i = end
        else:
            end = _tag_end(xml, i)
            name = _NAME.match(xml, i + 1).group()
            element = Element(name, i, end, end, end, current)
            current.children.append(element)
            if xml[end - 2] != "/":
                current = element
            i = end
        i = xml.find("<", i)
    return root


def _tag_end(xml: str, i: int) -> int:
    """The offset after the ">" closing the start tag at i (a ">" inside a quoted attribute value does not)."""
    quote = ""
    j = i + 1
    while True:
        c = xml[j]
        if quote:
            if c == quote:
                quote = ""
        elif c in "\"'":
            quote = c
        elif c == ">":
            return j + 1
        j += 1


def namespaces(xml: str, root: Element) -> dict[str, str]:
    """Namespace URI -> prefix, as the root's start tag declares them ("" for a default namespace)."""
    top = next(c for c in root.children)
    return {uri: prefix or "" for prefix, uri in _NAMESPACE.findall(xml[top.start : top.open_end])}


def attribute(xml: str, element: Element, name: str) -> str | None:
    m = re.search(r"\s" + re.escape(name) + r'\s*=\s*"([^"]*)"', xml[element.start : element.open_end])
    return unescape(m.group(1)) if m else None


# ---------------------------------------------------------------- the text as the reader reads it


@dataclass(eq=False)
class Para:
    """One paragraph as the reader shows it: its characters, and for each the w:t and offset it comes from (None
    for a character the file does not hold as text: a tab, a line break, a note mark, a symbol)."""

    element: Element
    chars: list[str] = field(default_factory=list)
    sources: list[tuple[Element, int] | None] = field(default_factory=list)
    frozen: bool = False  # in a text box: read, never changed
    anchor: Para | None = None  # for a text box's paragraph, the paragraph holding the box


@dataclass(eq=False)
class Table:
    rows: list[list[list]]  # rows of cells; a cell is a list of Para or str (a nested table's row)
    empty: list[list[bool]]  # whether the reader sees the cell as empty before labels (merged, spanned)


class Walker:
    """document.xml read in the reader's order (read.py _Reader.blocks / paragraph / inline / table)."""

    def __init__(self, xml: str, root: Element, hidden_styles: set[str]):
        self.xml = xml
        spaces = namespaces(xml, root)
        self.w, self.mc, self.m = spaces.get(W), spaces.get(MC), spaces.get(M)
        self.hidden_styles = hidden_styles
        self.notes = 0  # footnote and endnote marks met, for their [n]
        self.fields = 0  # field depth: runs in a field result are not changed
        self.in_field: set[int] = set()  # ids of runs met inside a field
        self.boxes: list[list] = []  # text-box blocks of the paragraph being read
        self.paragraph: list[Para] = []  # the paragraph being read (a text box's paragraphs get it as anchor)
        self.in_box = 0

    def w_local(self, element: Element) -> str | None:
        """The local name of an element of the w: namespace, else None."""
        if self.w is None:
            return None
        if self.w == "":
            return element.name if ":" not in element.name else None
        return element.name[len(self.w) + 1 :] if element.name.startswith(self.w + ":") else None

    def is_choice(self, element: Element) -> bool:
        return self.mc is not None and element.name in (f"{self.mc}:AlternateContent",)

    def choice(self, element: Element) -> Element:
        chosen = next((c for c in element.children if self.mc and c.name == f"{self.mc}:Choice"), None)
        return chosen if chosen is not None else element

    def blocks(self, container: Element) -> list:
        out: list = []
        for child in container.children:
            local = self.w_local(child)
            if local == "p":
                out.extend(self.read_paragraph(child))
            elif local == "tbl":
                out.extend(self.table(child))
            elif local in SKIP or (self.mc and child.name == f"{self.mc}:Fallback"):
                continue
            elif self.is_choice(child):
                out.extend(self.blocks(self.choice(child)))
            else:  # sdt, sdtContent, customXml, mc:Choice …
                out.extend(self.blocks(child))
        return out

    def read_paragraph(self, p: Element) -> list:
        para = Para(p, frozen=self.in_box > 0)
        if self.in_box and self.paragraph:
            para.anchor = self.paragraph[-1].anchor or self.paragraph[-1]
        self.boxes.append([])
        self.paragraph.append(para)
        self.inline(p, para, p)
        self.paragraph.pop()
        boxes = self.boxes.pop()
        return [*boxes, para]

    def table(self, tbl: Element) -> list:
        rows, empty = [], []
        for tr in self.rows(tbl):
            cells, blank = [], []
            for tc in self.cells(tr):
                tcpr = next((c for c in tc.children if self.w_local(c) == "tcPr"), None)
                span = merge = None
                if tcpr is not None:
                    for c in tcpr.children:
                        if self.w_local(c) == "gridSpan":
                            span = attribute(self.xml, c, f"{self.w}:val" if self.w else "val")
                        elif self.w_local(c) == "vMerge":
                            merge = attribute(self.xml, c, f"{self.w}:val" if self.w else "val") or "continue"
                parts: list = []
                for block in self.blocks(tc):
                    if isinstance(block, Para):
                        parts.append(block)
                    else:  # a table inside a cell: its rows as lines, cells apart by a tab (never changed)
                        parts.extend("\t".join(self.cell_text(cell) for cell in row) for row in block.rows)
                cells.append(parts)
                blank.append(merge == "continue")
                extra = int(span) - 1 if span and span.strip().isdigit() and int(span) > 1 else 0
                cells.extend([[]] * extra)
                blank.extend([True] * extra)
            rows.append(cells)
            empty.append(blank)
        width = max((len(r) for r in rows), default=0)
        for cells, blank in zip(rows, empty, strict=True):
            cells.extend([[]] * (width - len(cells)))
            blank.extend([True] * (width - len(blank)))
        return [Table(rows, empty)] if rows else []

    def cell_text(self, cell: list) -> str:
        return "\n".join(part if isinstance(part, str) else "".join(part.chars) for part in cell)

    def rows(self, tbl: Element) -> list[Element]:
        out = []
        for child in tbl.children:
            local = self.w_local(child)
            if local == "tr":
                out.append(child)
            elif local in ("sdt", "sdtContent", "customXml", "ins"):
                out += self.rows(child)
        return out

    def cells(self, tr: Element) -> list[Element]:
        out = []
        for child in tr.children:
            local = self.w_local(child)
            if local == "tc":
                out.append(child)
            elif local in ("sdt", "sdtContent", "customXml"):
                out += self.cells(child)
        return out

    def inline(self, node: Element, para: Para, run: Element) -> None:
        for child in node.children:
            local = self.w_local(child)
            if local == "fldChar":
                kind = attribute(self.xml, child, f"{self.w}:fldCharType" if self.w else "fldCharType")
                self.fields += 1 if kind == "begin" else -1 if kind == "end" and self.fields > 0 else 0
                self.in_field.add(id(run))
                continue
            if local in SKIP:
                continue
            if local == "t" or (self.m is not None and child.name == f"{self.m}:t"):
                text = (
                    unescape(self.xml[child.open_end : child.close_start]) if child.close_start > child.open_end else ""
                )
                math = local != "t"
                for k, c in enumerate(text):
                    para.chars.append(c)
                    para.sources.append(None if math else (child, k))
            elif local in CHARACTERS:
                for c in CHARACTERS[local]:
                    para.chars.append(c)
                    para.sources.append(None)
            elif local == "r":
                if self.hidden(child):
                    continue
                if self.fields:
                    self.in_field.add(id(child))
                self.inline(child, para, child)
            elif local == "sym":
                code = attribute(self.xml, child, f"{self.w}:char" if self.w else "char") or ""
                value = int(code, 16) if code and all(c in "0123456789abcdefABCDEF" for c in code) else 0
                if 0x20 <= value < 0xD800:
                    para.chars.append(chr(value))
                    para.sources.append(None)
            elif local in ("footnoteReference", "endnoteReference"):
                custom = attribute(self.xml, child, f"{self.w}:customMarkFollows" if self.w else "customMarkFollows")
                if custom in ("1", "true", "on"):
                    continue
                self.notes += 1
                for c in NOTE_MARK.format(n=self.notes):
                    para.chars.append(c)
                    para.sources.append(None)
            elif self.is_choice(child):
                self.inline(self.choice(child), para, run)
            elif self.mc is not None and child.name == f"{self.mc}:Fallback":
                continue
            elif local == "txbxContent":
                self.in_box += 1
                self.boxes[-1].extend(self.blocks(child))
                self.in_box -= 1
            else:  # hyperlink, smartTag, sdt, fldSimple, drawing, ruby base …
                self.inline(child, para, run)

    def hidden(self, run: Element) -> bool:
        rpr = next((c for c in run.children if self.w_local(c) == "rPr"), None)
        if rpr is None:
            return False
        for c in rpr.children:
            local = self.w_local(c)
            if local == "vanish":
                value = attribute(self.xml, c, f"{self.w}:val" if self.w else "val")
                if value not in ("0", "false", "off"):
                    return True
            if local == "rStyle" and attribute(self.xml, c, f"{self.w}:val" if self.w else "val") in self.hidden_styles:
                return True
        return False


def hidden_styles(styles_xml: str | None) -> set[str]:
    """Character styles that hide their text (w:vanish), as the reader leaves such runs out."""
    if not styles_xml:
        return set()
    out = set()
    for m in re.finditer(r"<w:style\b([^>]*)>(.*?)</w:style>", styles_xml, re.S):
        head, body = m.group(1), m.group(2)
        if 'w:type="character"' not in head:
            continue
        sid = re.search(r'w:styleId="([^"]*)"', head)
        vanish = re.search(r"<w:rPr>.*?<w:vanish(?:\s+w:val=\"([^\"]*)\")?\s*/>.*?</w:rPr>", body, re.S)
        if sid and vanish and vanish.group(1) not in ("0", "false", "off"):
            out.add(unescape(sid.group(1)))
    return out


@dataclass
class Mapped:
    """The checked text's lines, each character with its source (Para, and the w:t and offset or None)."""

    lines: list[list[tuple[Para | None, tuple[Element, int] | None]]]


def texts(blocks: list) -> list[list]:
    """What the reader's texts() lists, in order: a paragraph, or a table cell as the paragraphs (and nested-table
    rows) it joins with "\n". A cell the reader sees as empty is left out, as texts() leaves it out."""
    out: list[list] = []
    for block in blocks:
        if isinstance(block, Para):
            out.append([block])
            continue
        for cells, blank in zip(block.rows, block.empty, strict=True):
            for cell, merged in zip(cells, blank, strict=True):
                raws = [part if isinstance(part, str) else "".join(part.chars) for part in cell]
                if cell and not (merged and not any(raws)) and (len(cell) > 1 or raws[0]):
                    out.append(cell)
    return out


MAX_LABEL = READ_MAX_LABEL  # characters of an automatic number


def align(items: list[list], paragraphs: list[str], path: str) -> Mapped:
    """The reader's paragraph texts matched one by one with the walked ones: what the reader shows in front of a
    paragraph's own text is its automatic number. Any other difference means the walk read the file otherwise than
    the reader: refused, never guessed."""
    if len(items) != len(paragraphs):
        raise AnnotateError(path, "layout")
    chars: list[tuple[Para | None, tuple[Element, int] | None]] = []
    for item, text in zip(items, paragraphs, strict=True):
        at = 0
        for n, part in enumerate(item):
            last = n == len(item) - 1
            raw = part if isinstance(part, str) else "".join(part.chars)
            label = _label(text, at, raw, last)
            if label is None:
                raise AnnotateError(path, "layout")
            owner = None if isinstance(part, str) else part
            chars += [(owner, None)] * label
            if isinstance(part, str):
                chars += [(None, None)] * len(raw)
            else:
                chars += list(zip([part] * len(part.sources), part.sources, strict=True))
            at += label + len(raw)
            if not last:
                chars.append((owner, None))  # the "\n" between a cell's paragraphs
                at += 1
        chars.append((None, None))  # the line end after it
    joined = "\n".join(paragraphs)
    if len(chars) != len(joined) + 1:
        raise AnnotateError(path, "layout")
    lines, line = [], []
    for c, source in zip(joined, chars, strict=False):
        if c == "\n":
            lines.append(line)
            line = []
        else:
            line.append(source)
    lines.append(line)
    return Mapped(lines)


def _label(text: str, at: int, raw: str, last: bool) -> int | None:
    """The length of the automatic number in front of raw at text[at:]; None when raw is not there."""
    for length in range(MAX_LABEL + 1):
        start = at + length
        if "\n" in text[at:start]:
            return None
        after = start + len(raw)
        if text.startswith(raw, start) and (after == len(text) if last else text[after : after + 1] == "\n"):
            return length
    return None


# ---------------------------------------------------------------- cutting runs and splicing marks in


@dataclass
class RunEdit:
    marks: dict[int, list[tuple[int, int, str]]] = field(default_factory=dict)  # atom -> (ends first, order, xml)
    deleted: list[tuple[int, int]] = field(default_factory=list)  # atom ranges deleted as tracked changes


class Splicer:
    """The edits to one part's text: marks between characters of runs (cutting a run where a mark falls inside it),
    marks at a paragraph's start, tracked deletions of runs' characters; applied in one pass."""

    def __init__(self, xml: str, walker: Walker):
        self.xml = xml
        self.walker = walker
        self.runs: dict[int, tuple[Element, RunEdit]] = {}
        self.inserts: dict[int, list[tuple[int, int, str]]] = {}  # offset in the part -> marks
        self.order = 0
        self._atoms: dict[int, list] = {}

    def atoms(self, run: Element) -> list:
        """A run's content as atoms: each character of its w:t one atom (t, offset, char), any other child one."""
        if id(run) not in self._atoms:
            out = []
            for child in run.children:
                local = self.walker.w_local(child)
                if local == "rPr":
                    continue
                if local == "t":
                    text = (
                        unescape(self.xml[child.open_end : child.close_start])
                        if child.close_start > child.open_end
                        else ""
                    )
                    out += [(child, k, c) for k, c in enumerate(text)]
                else:
                    out.append((child, None, None))
            self._atoms[id(run)] = out
        return self._atoms[id(run)]

    def atom_of(self, source: tuple[Element, int]) -> tuple[Element, int]:
        t, k = source
        run = t.parent
        index = next(i for i, a in enumerate(self.atoms(run)) if a[0] is t and a[1] == k)
        return run, index

    def mark(self, run: Element, atom: int, ends_first: int, xml: str) -> None:
        edit = self.runs.setdefault(id(run), (run, RunEdit()))[1]
        edit.marks.setdefault(atom, []).append((ends_first, self.order, xml))
        self.order += 1

    def mark_paragraph_start(self, p: Element, ends_first: int, xml: str) -> None:
        ppr = next((c for c in p.children if self.walker.w_local(c) == "pPr"), None)
        at = ppr.end if ppr is not None else p.open_end
        self.inserts.setdefault(at, []).append((ends_first, self.order, xml))
        self.order += 1

    def delete(self, run: Element, first: int, last: int) -> None:
        edit = self.runs.setdefault(id(run), (run, RunEdit()))[1]
        edit.deleted.append((first, last))

    def result(self, deletion) -> str:
        """The part with every edit made; deletion(run_xml_start, rpr, text) is the XML of one deleted piece."""
        edits: list[tuple[int, int, str]] = []  # (start, end, replacement) in the part, not overlapping
        for at, marks in self.inserts.items():
            edits.append((at, at, "".join(x for _, _, x in sorted(marks))))
        for run, edit in self.runs.values():
            atoms = self.atoms(run)
            inner = [a for a in edit.marks if 0 < a < len(atoms)]
            if not inner and not edit.deleted:
                for at, marks in edit.marks.items():
                    offset = run.start if at == 0 else run.end
                    edits.append((offset, offset, "".join(x for _, _, x in sorted(marks))))
                continue
            edits.append((run.start, run.end, self.rewrite(run, edit, deletion)))
        edits.sort(key=lambda e: (e[0], e[1]))
        out, at = [], 0
        for start, end, text in edits:
            out += [self.xml[at:start], text]
            at = max(at, end)
        out.append(self.xml[at:])
        return "".join(out)

    def rewrite(self, run: Element, edit: RunEdit, deletion) -> str:
        atoms = self.atoms(run)
        cuts = sorted({0, len(atoms), *edit.marks, *(a for r in edit.deleted for a in r)})
        head = (
            self.xml[run.start : run.open_end].replace("/>", ">")
            if run.open_end == run.end
            else self.xml[run.start : run.open_end]
        )
        rpr = next((c for c in run.children if self.walker.w_local(c) == "rPr"), None)
        rpr_xml = self.xml[rpr.start : rpr.end] if rpr is not None else ""
        close = f"</{run.name}>"
        out = []
        for n, start in enumerate(cuts):
            out += [x for _, _, x in sorted(edit.marks.get(start, []))]
            end = cuts[n + 1] if n + 1 < len(cuts) else None
            if end is None or end == start:
                continue
            piece = atoms[start:end]
            if any(a <= start and end <= b for a, b in edit.deleted):
                out.append(deletion(head, rpr_xml, "".join(a[2] for a in piece)))
            else:
                out.append(head + rpr_xml + self.content(piece) + close)
        return "".join(out)

    def content(self, piece: list) -> str:
        out, text, t = [], [], None
        for element, k, c in piece:
            if k is not None and element is t:
                text.append(c)
                continue
            if text:
                out.append(self.text_element(t, "".join(text)))
                text = []
            t = element if k is not None else None
            if k is not None:
                text.append(c)
            else:
                out.append(self.xml[element.start : element.end])
        if text:
            out.append(self.text_element(t, "".join(text)))
        return "".join(out)

    def text_element(self, t: Element, text: str) -> str:
        return f'<{t.name} xml:space="preserve">{escape(text)}</{t.name}>'


# ---------------------------------------------------------------- the two copies


@dataclass
class Package:
    names: list[str]
    parts: dict[str, bytes]
    main: str

    @staticmethod
    def read(data: bytes) -> Package:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = [info.filename for info in archive.infolist()]
            parts = {name: archive.read(name) for name in names}
        main = "word/document.xml"
        rels = parts.get("_rels/.rels")
        if rels is not None:
            for m in re.finditer(r"<Relationship\b[^>]*>", rels.decode("utf-8")):
                tag = m.group()
                kind, target = re.search(r'Type="([^"]*)"', tag), re.search(r'Target="([^"]*)"', tag)
                if kind and target and kind.group(1).endswith("/officeDocument"):
                    main = target.group(1).lstrip("/")
        return Package(names, parts, main)

    def text(self, name: str) -> str | None:
        data = self.parts.get(name)
        return None if data is None else data.decode("utf-8")

    def put(self, name: str, text: str) -> None:
        if name not in self.parts:
            self.names.append(name)
        self.parts[name] = text.encode("utf-8")

    def write(self) -> bytes:
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
            for name in self.names:
                archive.writestr(name, self.parts[name])
        return out.getvalue()


def _value(finding, key: str):
    return finding[key] if isinstance(finding, dict) else getattr(finding, key)


class Writer:
    """What comment_docx and fix_docx share: the package, the walked document and where each line's text is."""

    def __init__(self, data: bytes, path: str = ""):
        read = read_text(data, path)  # the reader's budgets and refusals first: a file it cannot read is refused
        if read["revisions"]:
            raise AnnotateError(path, "revisions", count=read["revisions"])
        self.package = Package.read(data)
        xml = self.package.text(self.package.main)
        if xml is None:
            raise AnnotateError(path, "no_document")
        self.xml = xml
        root = parse(xml)
        folder = self.package.main.rsplit("/", 1)[0] + "/" if "/" in self.package.main else ""
        styles = self.package.text(folder + "styles.xml")
        self.walker = Walker(xml, root, hidden_styles(styles))
        body = self._find(root, "body")
        if body is None:
            raise AnnotateError(path, "no_document")
        self.mapped = align(texts(self.walker.blocks(body)), read["paragraphs"], path)
        self.splicer = Splicer(xml, self.walker)
        self.next_id = 1 + max([int(v) for v in re.findall(r'\bw:id="(-?[0-9]+)"', xml)] + [-1])
        self.folder = folder

    def _find(self, node: Element, local: str) -> Element | None:
        for child in node.children:
            if self.walker.w_local(child) == local:
                return child
            found = self._find(child, local)
            if found is not None:
                return found
        return None

    def w(self, local: str) -> str:
        return f"{self.walker.w}:{local}" if self.walker.w else local

    def placeable(self, para: Para | None, source) -> bool:
        return (
            source is not None
            and para is not None
            and not para.frozen
            and id(source[0].parent) not in self.walker.in_field
        )

    def span(self, finding) -> tuple[list, list]:
        line = self.mapped.lines[_value(finding, "line") - 1]
        return line, line[_value(finding, "column") - 1 : _value(finding, "end_column") - 1]

    def paragraph_of(self, line: list, chars: list) -> Para | None:
        para = next((p for p, _ in chars if p is not None), None) or next((p for p, _ in line if p is not None), None)
        while para is not None and para.frozen:
            para = para.anchor
        return para

    def new_id(self) -> int:
        self.next_id += 1
        return self.next_id - 1


@dataclass(frozen=True)
class Written:
    """A copy written, and how its findings went in: on their text, at their paragraph's start (the text is not in
    the file as text, or in a text box), or not at all (a fix that cannot be a tracked change)."""

    data: bytes
    on_text: int
    at_paragraph: int
    left_out: int


def comment_docx(data: bytes, findings: list, date: str, path: str = "") -> bytes:
    """A copy of the .docx with every finding as a comment on the text it flags (see the module docstring)."""
    return write_comments(data, findings, date, path).data


def fix_docx(data: bytes, findings: list, date: str, path: str = "") -> bytes:
    """A copy of the .docx with every one-click fix as a tracked change (see the module docstring)."""
    return write_fixes(data, findings, date, path).data


def write_comments(data: bytes, findings: list, date: str, path: str = "") -> Written:
    writer = Writer(data, path)
    on_text = at_paragraph = left_out = 0
    comments_name, comments_xml, first_id = _comments_part(writer)
    found = re.search(r"<(?:([A-Za-z0-9_.-]+):)?comments\b", comments_xml)
    prefix = found.group(1) or "" if found else "w"
    writer.next_id = max(writer.next_id, first_id)
    w = writer.w
    added = []
    for finding in findings:
        line, chars = writer.span(finding)
        cid = writer.new_id()
        start_mark = f'<{w("commentRangeStart")} {w("id")}="{cid}"/>'
        end_mark = (
            f'<{w("commentRangeEnd")} {w("id")}="{cid}"/>'
            f'<{w("r")}><{w("commentReference")} {w("id")}="{cid}"/></{w("r")}>'
        )
        real = [source for para, source in chars if writer.placeable(para, source)]
        if real:
            run, first = writer.splicer.atom_of(real[0])
            writer.splicer.mark(run, first, 1, start_mark)
            run, last = writer.splicer.atom_of(real[-1])
            writer.splicer.mark(run, last + 1, 0, end_mark)
            on_text += 1
        else:
            para = writer.paragraph_of(line, chars)
            if para is None:
                left_out += 1
                continue
            writer.splicer.mark_paragraph_start(para.element, 0, start_mark + end_mark)
            at_paragraph += 1
        added.append(_comment(cid, finding, date, prefix))
    writer.package.put(writer.package.main, writer.splicer.result(_deletion(writer, date)))
    body = "".join(added)
    close = comments_xml.rfind("</")
    writer.package.put(comments_name, comments_xml[:close] + body + comments_xml[close:])
    return Written(writer.package.write(), on_text, at_paragraph, left_out)


def write_fixes(data: bytes, findings: list, date: str, path: str = "") -> Written:
    writer = Writer(data, path)
    w = writer.w
    placed = 0
    chosen = chosen_fixes(findings)
    for finding in chosen:
        line, chars = writer.span(finding)
        if not chars or not all(writer.placeable(para, source) for para, source in chars):
            continue
        runs = []
        for _, source in chars:
            run, atom = writer.splicer.atom_of(source)
            if not runs or runs[-1][0] is not run:
                runs.append([run, atom, atom])
            elif atom != runs[-1][2] + 1:
                break
            runs[-1][2] = atom
        else:
            parents = {id(r[0].parent) for r in runs}
            parent = runs[0][0].parent
            if len(parents) != 1 or writer.walker.w_local(parent) not in FIXABLE_PARENTS:
                continue
            for run, first, last in runs:
                writer.splicer.delete(run, first, last + 1)
            fix = _value(finding, "fix")
            if fix:
                first_run = runs[0][0]
                rpr = next((c for c in first_run.children if writer.walker.w_local(c) == "rPr"), None)
                rpr_xml = writer.xml[rpr.start : rpr.end] if rpr is not None else ""
                inserted = (
                    f'<{w("ins")} {w("id")}="{writer.new_id()}" {w("author")}="{AUTHOR}" {w("date")}="{escape_attribute(date)}">'
                    f'<{w("r")}>{rpr_xml}<{w("t")} xml:space="preserve">{escape(fix)}</{w("t")}></{w("r")}></{w("ins")}>'
                )
                run, _, last = runs[-1]
                writer.splicer.mark(run, last + 1, 0, inserted)
            placed += 1
    writer.package.put(writer.package.main, writer.splicer.result(_deletion(writer, date)))
    return Written(writer.package.write(), placed, 0, len(chosen) - placed)


def _deletion(writer: Writer, date: str):
    w = writer.w

    def piece(head: str, rpr: str, text: str) -> str:
        return (
            f'<{w("del")} {w("id")}="{writer.new_id()}" {w("author")}="{AUTHOR}" {w("date")}="{escape_attribute(date)}">'
            f'{head}{rpr}<{w("delText")} xml:space="preserve">{escape(text)}</{w("delText")}></{w("r")}></{w("del")}>'
        )

    return piece


def _comment(cid: int, finding, date: str, prefix: str) -> str:
    """One w:comment: the level and message, the fix, the basis and the rule, a paragraph each."""

    def w(local: str) -> str:
        return f"{prefix}:{local}" if prefix else local

    fix = _value(finding, "fix")
    lines = [COMMENT_LINES[0].format(level=_value(finding, "level"), message=_value(finding, "message"))]
    if fix:
        lines.append(COMMENT_LINES[1].format(fix=fix))
    elif fix == "":
        lines.append(COMMENT_LINES[2])
    lines.append(COMMENT_LINES[3].format(basis=_value(finding, "basis")))
    lines.append(COMMENT_LINES[4].format(rule=_value(finding, "rule")))
    reference = f"<{w('r')}><{w('annotationRef')}/></{w('r')}>"
    paragraphs = "".join(
        f'<{w("p")}>{reference if n == 0 else ""}<{w("r")}><{w("t")} xml:space="preserve">{escape(text)}</{w("t")}></{w("r")}></{w("p")}>'
        for n, text in enumerate(lines)
    )
    return (
        f'<{w("comment")} {w("id")}="{cid}" {w("author")}="{AUTHOR}" {w("date")}="{escape_attribute(date)}"'
        f' {w("initials")}="{INITIALS}">{paragraphs}</{w("comment")}>'
    )


def _comments_part(writer: Writer) -> tuple[str, str, int]:
    """The comments part's name and text (made, with its relationship and content type, when the file has none),
    and the first comment id free in it."""
    package = writer.package
    main = package.main
    rels_name = f"{writer.folder}_rels/{main.rsplit('/', 1)[-1]}.rels"
    rels = package.text(rels_name) or (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="{REL}"></Relationships>'
    )
    target = None
    for m in re.finditer(r"<Relationship\b[^>]*>", rels):
        tag = m.group()
        kind = re.search(r'Type="([^"]*)"', tag)
        if kind and kind.group(1) == COMMENTS_TYPE:
            target = re.search(r'Target="([^"]*)"', tag).group(1)
    if target is not None:
        name = target.lstrip("/") if target.startswith("/") else writer.folder + target
        xml = package.text(name)
        if xml is not None:
            ids = [int(v) for v in re.findall(r'\bw:id="(-?[0-9]+)"', xml)]
            return name, xml, 1 + max(ids + [-1])
    name, target = writer.folder + "comments.xml", "comments.xml"
    number = 1
    while name in package.parts:
        number += 1
        name, target = f"{writer.folder}comments{number}.xml", f"comments{number}.xml"
    numbers = [int(v) for v in re.findall(r'Id="rId([0-9]+)"', rels)]
    rid = f"rId{1 + max(numbers + [0])}"
    close = rels.rfind("</Relationships>")
    rels = rels[:close] + f'<Relationship Id="{rid}" Type="{COMMENTS_TYPE}" Target="{target}"/>' + rels[close:]
    package.put(rels_name, rels)
    types = package.text("[Content_Types].xml")
    if types is not None and f'PartName="/{name}"' not in types:
        close = types.rfind("</Types>")
        types = types[:close] + f'<Override PartName="/{name}" ContentType="{COMMENTS_CONTENT}"/>' + types[close:]
        package.put("[Content_Types].xml", types)
    xml = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:comments xmlns:w="{W}"></w:comments>'
    return name, xml, 0


def script_constants() -> dict:
    """What annotate.js takes from Python instead of retyping it (macros/build/scripts.py writes it in)."""
    return {
        "W": W,
        "MC": MC,
        "M": M,
        "REL": REL,
        "COMMENTS_TYPE": COMMENTS_TYPE,
        "COMMENTS_CONTENT": COMMENTS_CONTENT,
        "AUTHOR": AUTHOR,
        "INITIALS": INITIALS,
        "COMMENT_LINES": COMMENT_LINES,
        "SKIP": SKIP,
        "CHARACTERS": CHARACTERS,
        "NOTE_MARK": NOTE_MARK,
        "FIXABLE_PARENTS": FIXABLE_PARENTS,
        "MESSAGES": MESSAGES,
        "MAX_LABEL": MAX_LABEL,
    }
