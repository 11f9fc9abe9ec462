"""From what a reader returned to a draft sample: the title found, the text as lines in the sample format.

A sample's text is one paragraph a line (templates_src/samples/*.txt). Here:

- each paragraph's lines (a line break inside a paragraph starts a new line) lose the indentation in front
  (full-width spaces, spaces, tabs) and the blanks after them; empty lines are dropped; nothing else changes;
- a table becomes table-row lines (``| a | b |``, macros/sources/text_blocks.py), rows with no text dropped;
- footnotes follow the text as lines ``[n]…`` (the mark the text carries where the note was referred to);
- pictures, accepted revisions and the notes become 注记 (shown on the page as 原文说明);
- the title is taken out of the text (it goes into the .yml): a paragraph in a title style; else the first
  short centred line; else, in a text file, a first line that reads as a title (关于…的…, or ending in a
  kind of document). A title merged with its date or speaker on one line is split off from them; the rest
  stays in the text as its first line. With no title, the file name is used and marked uncertain.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from macros.documents.layout import Block
from macros.sources.text_blocks import numbering_rank, table_row
from macros.sources.text_files import CONTROL
from macros.word.read import NOTE_MARK, DocxContent, Paragraph, Table

TITLE_STYLES = {"title", "标题", "公文标题", "主标题", "文件标题"}
MAX_TITLE_CHARS = 60
# How far into the text a title can sit (版头 lines, 份号, 密级 come before it).
TITLE_WINDOW = 8
_SENTENCE_END = tuple("。；;，,！!？?：:")
_INDENT = re.compile(r"^[\s\u3000\u00a0\ufeff]+")
_PAGE_BREAKS = re.compile("[\x0b\x0c]")
_DATE = r"(?:\d{4}|[〇零一二三四五六七八九○Ｏ]{4})\s*年\s*[\d一二三四五六七八九十]{1,3}\s*月(?:\s*[\d一二三四五六七八九十]{1,3}\s*日)?"
DATE = re.compile(_DATE)
# A date in brackets at the end of a title: “在……上的讲话（2024年1月5日）”.
_TRAILING_DATE = re.compile(rf"^(?P<title>.+?)\s*(?P<date>[（(]\s*{_DATE}\s*[）)])\s*(?P<rest>.*)$")
# A date behind a dash on the title's line: “政府工作报告——2024年3月5日在……上”.
_DASHED_DATE = re.compile(rf"^(?P<title>.+?)\s*(?P<rest>(?:——|—|－－)\s*{_DATE}.*)$")
# Whitespace a writer uses to separate title, date and speaker on one line: two spaces, a full-width space, a tab.
_GAP = re.compile(r"(?:\u3000|\t| {2,})+")
# Lines of a 公文's 版头 that are not its title: 份号, 密级, 紧急程度, 发文机关标志, 发文字号, 签发人.
# Characters a title may carry unseen (copied from the web or a file name): zero-width spaces and joiners, bidi marks,
# embeddings, overrides and isolates, the word joiner, the BOM, the soft hyphen. A right-to-left override shows the
# title reversed; all of them make two equal-looking titles differ.
INVISIBLE = re.compile("[\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")
_MASTHEAD = re.compile(
    r"(?:^\d{6}$|^(?:绝密|机密|秘密|特急|加急|特提|平急)|文件$|〔[\dXx×]{4}〕\s*[\dXx×]+\s*号$|\[[\dXx×]{4}\]\s*[\dXx×]+\s*号$|"
    r"^签发人)"
)
# What a template leaves where the title goes: [此处输入文件标题], XXXX, ××, 某某: a title, but not a certain one.
PLACEHOLDER = re.compile(r"[\[【［]此处|[Xx]{2,}|×{2,}|某某|＊{2,}|\*{2,}")


@dataclass
class Draft:
    """A document on its way into the library."""

    path: Path
    kind: str  # "docx", "pdf", "ofd" or "txt"
    lines: list[str]  # the text in the sample format, title taken out
    title: str
    title_certain: bool
    title_from_text: bool  # False when the title came from the file name
    notes: list[tuple[int, str, str]] = field(default_factory=list)  # (line index, 类型, 内容) -> 注记
    head: list[str] = field(default_factory=list)  # the lines before the body starts (版头), for guessing
    masthead: list[str] = field(default_factory=list)  # text-box and 版头 lines, for guessing the issuing body
    title_removed: list[str] = field(default_factory=list)  # invisible characters taken out of the title (U+202E …)


def clean(line: str) -> str:
    """A line as the sample keeps it: indentation and trailing blanks dropped, nothing else changed."""
    return _INDENT.sub("", line).rstrip()


def lines_of(text: str) -> list[str]:
    """The non-empty lines of a paragraph or text, cleaned. Lines end at \\n (as the sample loader reads them);
    a vertical tab or form feed (a page break in old text files) ends a line too, and the other control
    characters, which nobody sees and the build refuses, are dropped."""
    text = _PAGE_BREAKS.sub("\n", text.replace("\r\n", "\n").replace("\r", "\n"))
    return [c for c in (clean(CONTROL.sub("", line)) for line in text.split("\n")) if c]


@dataclass
class _Item:
    text: str = ""  # a paragraph's text (may hold line breaks)
    rows: tuple | None = None  # a table's rows
    centered: bool = False
    title_style: bool = False
    size: float | None = None
    in_textbox: bool = False
    images: int = 0


def from_docx(content: DocxContent, path: Path) -> Draft:
    items = []
    for block in content.blocks:
        if isinstance(block, Table):
            items.append(_Item(rows=block.rows))
        else:
            items.append(_paragraph_item(block))
    draft = _draft(items, path, "docx")
    if content.notes:
        first = len(draft.lines)
        for n, note in enumerate(content.notes, start=1):
            note_lines = lines_of(note) or [""]
            draft.lines.append(NOTE_MARK.format(n=n) + note_lines[0])
            draft.lines.extend(note_lines[1:])
        draft.notes.append((first, "脚注", "从这里起是原文的脚注，原在页面底部；正文里的 [n] 是脚注号。"))
    if content.revisions:
        draft.notes.append((0, "修订", f"原文有 {content.revisions} 处修订（插入或删除），导入时按全部接受处理。"))
    return draft


def _paragraph_item(para: Paragraph) -> _Item:
    style = para.style.strip().lower()
    return _Item(
        text=para.text,
        centered=para.centered,
        title_style=style in TITLE_STYLES,
        size=para.size,
        in_textbox=para.in_textbox,
        images=para.images,
    )


def from_blocks(blocks: list[Block], path: Path, kind: str) -> Draft:
    """A draft of the paragraphs rebuilt from a PDF's or OFD's lines (macros/documents/layout.py): the title is found
    as in a Word file, by being centred or in the largest type."""
    return _draft([_Item(text=b.text, centered=b.centered, size=round(b.size, 1)) for b in blocks], path, kind)


def from_text(text: str, path: Path) -> Draft:
    return _draft([_Item(text=line) for line in lines_of(text)], path, "txt")


def _draft(items: list[_Item], path: Path, kind: str) -> Draft:
    items = [i for i in items if i.rows is not None or lines_of(i.text) or i.images]
    title_at, certain = _find_title(items, kind)
    lines: list[str] = []
    notes: list[tuple[int, str, str]] = []
    head: list[str] = []
    masthead = [line for i in items[:TITLE_WINDOW] if i.in_textbox or _is_masthead(i.text) for line in lines_of(i.text)]
    title = ""
    pending_images = 0
    for index, item in enumerate(items):
        if index == title_at:
            title, rest, certain = _split_title(lines_of(item.text), certain)
            head = lines[:]
            lines.extend(rest)
            continue
        if item.rows is not None:
            rows = [tuple(clean_cell(c) for c in row) for row in item.rows]
            lines.extend(table_row(row) for row in rows if any(row))
            continue
        if item.images:
            pending_images += item.images
        new = lines_of(item.text)
        if pending_images and (new or index == len(items) - 1):
            at = len(lines) if new else max(len(lines) - 1, 0)
            notes.append((at, "图片", f"原文此处有 {pending_images} 张图片，没有导入。"))
            pending_images = 0
        lines.extend(new)
    found = bool(title)
    if not title:
        title = _title_from_name(path)
        certain = False
    removed = sorted({f"U+{ord(c):04X}" for c in INVISIBLE.findall(title)})
    title = INVISIBLE.sub("", title).strip()
    if not title:  # nothing but invisible characters
        title, certain = INVISIBLE.sub("", _title_from_name(path)).strip() or "未命名文稿", False
    if PLACEHOLDER.search(title):
        certain = False
    return Draft(path, kind, lines, title, certain, found, notes, head, masthead, removed)


def clean_cell(text: str) -> str:
    return "\n".join(lines_of(text))


def _is_masthead(text: str) -> bool:
    return bool(_MASTHEAD.search(clean(text)))


def _find_title(items: list[_Item], kind: str) -> tuple[int | None, bool]:
    """The index of the title item and whether that is certain; (None, False) when there is none."""
    window = [(i, item) for i, item in enumerate(items[:TITLE_WINDOW]) if item.rows is None and lines_of(item.text)]
    for i, item in window:
        if item.title_style:
            return i, True
    candidates = [(i, item) for i, item in window if not item.in_textbox and not _is_masthead(item.text)]
    if not candidates:
        return None, False
    if kind != "txt":  # laid out: a title is centred, or in the largest type
        sizes = [item.size for _, item in candidates if item.size]
        biggest = max(sizes) if sizes else None
        for i, item in candidates:
            first = lines_of(item.text)[0]
            prominent = item.centered or (biggest and item.size == biggest and sizes.count(biggest) == 1)
            if prominent and _reads_as_title(first, strict=False):
                return i, True
            if not item.centered:
                break  # the body has started: a centred line further down is not the title
    i, item = candidates[0]
    first = lines_of(item.text)[0]
    if _reads_as_title(first, strict=False):
        return i, _reads_as_title(first, strict=True)
    return None, False


_TITLE_WORDS = re.compile(
    r"(?:关于.+的|报告|总结|讲话|致辞|发言|要点|汇报|思路|打算|谋划|计划|规划|方案|意见|通知|决定|纪要|请示|批复|函|述职|实施细则|办法)"
)


def _reads_as_title(line: str, strict: bool) -> bool:
    """Short, not a sentence, not a numbered heading or salutation; strict: also says what kind of paper it is."""
    title = _split_title([line], True)[0]
    if not title or len(title) > MAX_TITLE_CHARS or title.endswith(_SENTENCE_END) or "。" in title:
        return False
    if numbering_rank(title) is not None or DATE.fullmatch(title.strip("（）() ")):
        return False
    return bool(_TITLE_WORDS.search(title)) if strict else True


def _split_title(lines: list[str], certain: bool) -> tuple[str, list[str], bool]:
    """(title, the lines that stay in the text, certain) from the title paragraph's lines.

    A title broken over lines by hand is joined; a date, speaker or subtitle merged into it is split off.
    """
    if not lines:
        return "", [], False
    parts: list[str] = []
    rest: list[str] = []
    for n, line in enumerate(lines):
        if parts and _starts_non_title(line):
            rest = lines[n:]
            break
        parts.append(line)
    title = "".join(parts)
    dash = _DASHED_DATE.match(title)
    if dash and _TITLE_WORDS.search(dash["title"]):
        return dash["title"], [dash["rest"], *rest], certain
    match = _TRAILING_DATE.match(title)
    if match and _TITLE_WORDS.search(match["title"]):
        tail = title[len(match["title"]) :].strip()
        return match["title"], [tail, *rest], certain
    gap = _GAP.search(title)
    if gap and gap.start() >= 4:
        tail = title[gap.end() :]
        if _starts_non_title(tail) or len(tail) <= 20:
            return title[: gap.start()], [tail, *rest], certain
    return title, rest, certain


def _starts_non_title(line: str) -> bool:
    """A line after a title that is not more of it: a date, a dash-led subtitle, a speaker, a bracketed note.

    A short bracketed line without a date, such as （节选） or （征求意见稿）, is still the title's.
    """
    if line.startswith(("（", "(", "[", "【")):
        return bool(DATE.search(line)) or len(line) > 12
    return bool(
        line.startswith(("—", "-", "－")) or DATE.match(line) or re.match(r"^[\u4e00-\u9fff]{2,4}(?:\s|\u3000)", line)
    )


def _title_from_name(path: Path) -> str:
    # File names often start with a running number (“03_”, “1.”, “2、”), which is not part of the title.
    stem = re.sub(r"^\d{1,3}[_\-.、\s]+", "", path.stem).strip()
    return stem or path.stem
