r"""Split a source text into blocks (headings and paragraphs) without changing a character.

Every non-empty line of a source text is one block (lines end at "\n" only; indentation, half- or
full-width, is layout and not part of the block's text). Block k (1-based) has the stable anchor ``p{k}``;
headings also get a readable Chinese slug. Which lines are headings is read from the numbering the
text itself uses (一、 (一) 1、 (1) ①), so nothing needs to be marked by hand.

Tables: a line that starts and ends with ``|`` is a table row, cells between the bars
(``| 项目 | 金额 |``); consecutive rows make one table, whose first row is its header. Inside a cell,
``\|`` is a bar, ``\\`` a backslash and ``\n`` a line break; spaces around a cell are padding.
Each row is still one block with its own anchor, so “line k is pk” holds for texts with tables too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from macros.sources.text_files import line_text, split_lines

# Numbering styles in the order of rank in a 公文 outline: 一、 > （一） > 1、/1. > （1）/①.
_NUMBERING = [
    re.compile(r"^[一二三四五六七八九十]+、"),
    re.compile(r"^[(（][一二三四五六七八九十]+[)）]"),
    re.compile(r"^\d+[、.．](?!\d)"),
    re.compile(r"^([(（]\d+[)）]|[①-⑳])"),
]
# A heading is a short numbered line that does not read as a sentence.
_MAX_HEADING_CHARS = 40
_SENTENCE_END = tuple("。；;：:，,！!？?")


@dataclass(frozen=True)
class Block:
    number: int  # position among the text's non-empty lines, 1-based
    text: str
    level: int = 0  # 0 for a paragraph, 2.. for a heading (h2 and below; h1 is the page title)
    cells: tuple[str, ...] | None = None  # the cells of a table row; None for a paragraph or heading

    @property
    def anchor(self) -> str:
        return f"p{self.number}"

    @property
    def is_heading(self) -> bool:
        return self.level > 0


_CELL_ESCAPES = {"|": "|", "\\": "\\", "n": "\n"}


def table_cells(line: str) -> tuple[str, ...] | None:
    """The cells of a table row line (``| a | b |``), unescaped and without padding; None for other lines."""
    line = line.strip()
    if len(line) < 2 or not line.startswith("|") or not line.endswith("|") or line.endswith("\\|"):
        return None
    cells, cell, i = [], [], 1
    while i < len(line):
        char = line[i]
        if char == "\\" and i + 1 < len(line) and line[i + 1] in _CELL_ESCAPES:
            cell.append(_CELL_ESCAPES[line[i + 1]])
            i += 2
            continue
        if char == "|":
            cells.append("".join(cell).strip(" \t\u3000"))
            cell = []
        else:
            cell.append(char)
        i += 1
    return tuple(cells)


def table_row(cells) -> str:
    """The line of a table row: the inverse of table_cells for cells without padding."""
    escaped = (c.replace("\\", "\\\\").replace("|", "\\|").replace("\n", "\\n") for c in cells)
    return "| " + " | ".join(escaped) + " |"


def numbering_rank(text: str) -> int | None:
    """0 for 一、, 1 for （一）, 2 for 1、, 3 for （1） or ①; None when the line is not numbered."""
    for rank, pattern in enumerate(_NUMBERING):
        if pattern.match(text):
            return rank
    return None


def heading_rank(text: str) -> int | None:
    rank = numbering_rank(text)
    if rank is None or len(text) > _MAX_HEADING_CHARS or "。" in text or text.endswith(_SENTENCE_END):
        return None
    return rank


def split_blocks(text: str) -> list[Block]:
    """Blocks of a source text.

    A heading sits one level below the nearest earlier heading of a higher rank, so levels never skip
    (axe's heading-order rule) even where a text starts at （一） or mixes styles.
    """
    lines = [line_text(line) for line in split_lines(text) if line_text(line)]
    blocks: list[Block] = []
    open_headings: list[tuple[int, int]] = []  # (rank, level) of the headings enclosing this point
    for number, line in enumerate(lines, start=1):
        cells = table_cells(line)
        if cells is not None:
            blocks.append(Block(number, line, 0, cells))
            continue
        rank = heading_rank(line)
        level = 0
        if rank is not None:
            while open_headings and open_headings[-1][0] >= rank:
                open_headings.pop()
            level = open_headings[-1][1] + 1 if open_headings else 2
            open_headings.append((rank, level))
        blocks.append(Block(number, line, level))
    return blocks


def empty_sections(blocks: list[Block]) -> list[Block]:
    """Headings with no text under them: the next block is a heading of the same or a higher level."""
    empty = []
    for i, block in enumerate(blocks):
        if not block.is_heading:
            continue
        following = blocks[i + 1] if i + 1 < len(blocks) else None
        if following is None or (following.is_heading and following.level <= block.level):
            empty.append(block)
    return empty
