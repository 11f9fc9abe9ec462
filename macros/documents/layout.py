"""Paragraphs rebuilt from the lines of a fixed-layout page (a PDF's, an OFD's), as the writer typed them.

A PDF or OFD file holds no paragraphs, only lines of glyphs where the word processor put them. They are rebuilt:

- headers, footers and page numbers are dropped: a first or last line of a page that reads as a page number
  (“1”, “— 1 —”, “第 1 页 共 3 页”, “1 / 12”), or that comes back on other pages (digits aside) at the top or bottom;
- a line that ends short of the right margin ends its paragraph (the word processor broke it there); a line that
  reaches the margin (where most long lines end; a closing mark may hang beyond it), or ends short only because the
  next line's first word, number or character (with a closing mark that may not start a line) did not fit, goes on
  in the next line, on the next page too;
- a new paragraph also starts with an indented line (first-line indent, or typed full-width spaces), a heading
  (一、 （一） 1. （1） ⑴ ① 第一章), a centred line, after a line set to the right, with a change of font size, or
  after a gap wider than the line spacing;
- lines of one paragraph are joined without a space (Chinese), with one between two Latin words or numbers (the word
  processor breaks those only at a space).
"""

from __future__ import annotations

import re
import statistics
from collections import Counter
from dataclasses import dataclass, field

RUNNING_ZONE = 0.2  # headers and footers sit in the top and bottom fifth of a page
PAGE_NUMBER = re.compile(
    r"^[-—－–~～\s]*(?:第\s*)?\d{1,4}(?:\s*页)?(?:\s*[/／]\s*\d{1,4}|\s*共\s*\d{1,4}\s*页)?[-—－–~～\s]*$"
)
HEADING = re.compile(
    r"^(?:[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十]{1,3}[）)]|第[一二三四五六七八九十]{1,3}[章节条部分]|"
    r"\d{1,2}[.．、](?!\d)|[（(]\d{1,2}[）)]|[⑴-⒇①-⑳])"
)
FULL_TOLERANCE = 0.6  # a line ending less than this many characters before the right margin reaches it
INDENT = 0.8  # characters of indentation that start a paragraph
GAP = 1.6  # a gap of this many line pitches between two lines separates paragraphs
_CLOSING = "，。、；：？！”’）》】」』〉〕］｝〗…—·%％,.;:!?)]"
_OPENING = "“‘（《【「『〈〔［｛〖(["
# What cannot be split at a line's start: opening marks, then a run of Latin letters, digits and the marks that
# hold them together (23.1％、62.5％, DK138+050, 〔2025〕63), or one character, then the marks that may not start a line.
_LEAD = re.compile(
    rf"[{re.escape(_OPENING)}]*(?:(?:[A-Za-z0-9+][A-Za-z0-9.,:/+\-～~@_%％]*[{re.escape(_CLOSING)}]*)+|.[{re.escape(_CLOSING)}]*)"
)
_WORD_END = re.compile(r"[A-Za-z0-9]$")
_WORD_START = re.compile(r"^[A-Za-z0-9]")


@dataclass(frozen=True)
class Line:
    """A line of text on a page; positions in the page's units, `top` and `bottom` measured from the page's top."""

    x0: float
    x1: float
    top: float
    bottom: float
    size: float  # the font size: about the width of one Chinese character
    text: str
    ends: tuple[float, ...] = ()  # where each character of text ends (x), when the reader knows

    def lead_width(self) -> float:
        """The width of what a word processor cannot split at the start of the line: a Latin word or a number, or a
        Chinese character, each with the marks that may not start a line after it and the opening marks before it."""
        match = _LEAD.match(self.text)
        count = len(match.group()) if match and match.group() else 1
        if len(self.ends) == len(self.text) and self.text:
            return self.ends[min(count, len(self.ends)) - 1] - self.x0
        return count * self.size


@dataclass
class Page:
    width: float
    height: float
    lines: list[Line] = field(default_factory=list)


@dataclass(frozen=True)
class Block:
    """A rebuilt paragraph; centred and its largest font size, for finding the title."""

    text: str
    centered: bool
    size: float


def _mask(text: str) -> str:
    return re.sub(r"\d+", "#", re.sub(r"\s+", "", text))


def drop_running(pages: list[Page]) -> list[Page]:
    """The pages without headers, footers and page numbers."""
    counted = [p for p in pages if p.lines]
    edges: dict[str, int] = {}
    for page in counted:
        ordered = sorted(page.lines, key=lambda line: line.top)
        for line in {id(ordered[0]): ordered[0], id(ordered[-1]): ordered[-1]}.values():
            edges[_mask(line.text)] = edges.get(_mask(line.text), 0) + 1
    repeated = {text for text, n in edges.items() if n >= 2 and n * 2 >= len(counted)}
    kept = []
    for page in pages:
        ordered = sorted(page.lines, key=lambda line: (line.top, line.x0))
        while ordered and _running(ordered[0], page, repeated, top=True):
            ordered.pop(0)
        while ordered and _running(ordered[-1], page, repeated, top=False):
            ordered.pop()
        kept.append(Page(page.width, page.height, ordered))
    return kept


def _running(line: Line, page: Page, repeated: set[str], top: bool) -> bool:
    zone = line.bottom <= page.height * RUNNING_ZONE if top else line.top >= page.height * (1 - RUNNING_ZONE)
    return zone and (bool(PAGE_NUMBER.match(line.text)) or _mask(line.text) in repeated)


def _margins(lines: list[Line]) -> tuple[float, float, float]:
    """The text's left and right margins and its usual character width."""
    width = statistics.median(line.size for line in lines)
    # The leftmost place where at least a tenth of the lines start (not a title wider than the text)
    starts = Counter(round(line.x0 / (width / 4)) for line in lines)
    left = min(x for x, n in starts.items() if n * 10 >= len(lines) or n == max(starts.values())) * (width / 4)
    # Where most of the longer lines end: justified text ends there, a closing mark may hang beyond it
    ends = sorted(line.x1 for line in lines)
    longer = [round(x / (width / 4)) for x in ends[len(ends) // 2 :]]
    right = statistics.mode(longer) * (width / 4)
    return left, right, width


def rebuild(pages: list[Page]) -> list[Block]:
    """The paragraphs of the pages, in reading order (see the module docstring)."""
    pages = drop_running(pages)
    lines = [line for page in pages for line in page.lines]
    if not lines:
        return []
    left, right, width = _margins(lines)
    middle = (left + right) / 2
    pitches = [
        b.top - a.top
        for page in pages
        for a, b in zip(page.lines, page.lines[1:], strict=False)
        if 0 < b.top - a.top < 3 * width
    ]
    pitch = statistics.median(pitches) if pitches else 1.5 * width

    def centered(line: Line) -> bool:
        return (
            line.x0 - left >= 2 * width
            and right - line.x1 >= 2 * width
            and abs((line.x0 + line.x1) / 2 - middle) <= width
        )

    def full(line: Line) -> bool:
        return line.x1 > right - FULL_TOLERANCE * width

    def wrapped(previous: Line, line: Line) -> bool:
        """The line goes on from the previous one: it reached the margin, or the start of this line would not have
        fitted in the room left on it (a word, a number, a character with its closing mark)."""
        return full(previous) or right - previous.x1 < line.lead_width() + FULL_TOLERANCE * width

    def starts(line: Line, previous: Line | None, same_page: bool) -> bool:
        if previous is not None and centered(previous) and centered(line) and same_page:
            # a title in large type broken over centred lines is one paragraph
            return not (previous.size == line.size > 1.1 * width and line.top - previous.top < GAP * 1.5 * pitch)
        if previous is None or not wrapped(previous, line) or centered(previous) or centered(line):
            return True
        if previous.x0 - left > 4 * width:  # set to the right (编号, a date): a paragraph of its own
            return True
        if line.x0 - left >= INDENT * width or line.text.startswith(("\u3000", "  ")) or HEADING.match(line.text):
            return True
        if abs(line.size - previous.size) > 0.15 * width:
            return True
        return same_page and line.top - previous.top > GAP * pitch

    blocks: list[list[Line]] = []
    previous = None
    for page in pages:
        for n, line in enumerate(page.lines):
            if starts(line, previous, n > 0):
                blocks.append([line])
            else:
                blocks[-1].append(line)
            previous = line
    return [Block(_join(b), all(centered(line) for line in b), max(line.size for line in b)) for b in blocks]


def _join(lines: list[Line]) -> str:
    text = lines[0].text
    for line in lines[1:]:
        if _WORD_END.search(text) and _WORD_START.match(line.text):  # words and numbers break only at a space
            text += " "
        text += line.text
    return text
