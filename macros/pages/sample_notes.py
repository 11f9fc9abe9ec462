"""The teaching layer of a sample page, always beside the verbatim text and never inside it.

- 结构 box at the top: the skeleton, one line per part, linking to it;
- a small 功能 label before a paragraph, a 技法 line after it whose buttons open each 技法's note below it;
- 原文说明: the foundation's notes and the annotation file's 数据问题 in one box per paragraph;
- 写法要点 at the end;
- inside paragraphs only links around bank phrases, which add no text (the fidelity test checks it).
"""

from __future__ import annotations

from collections.abc import Callable

from macros.pages.concordance import phrase_uri
from macros.pages.guides import label_src
from macros.pages.render import Links, part
from macros.pages.sample_page import Beside
from macros.sources.annotations import Annotations
from macros.sources.catalog import Note, Sample
from macros.sources.library import Library
from macros.sources.phrases import PhraseBank
from macros.sources.text_blocks import Block

PROBLEM = "数据问题"
# Notes the foundation derives itself that a 数据问题 at the same paragraph does not replace.
KEPT_BESIDE_PROBLEMS = {"隐去"}  # the redaction note counts every `*` in the text
LEGEND_PHRASES = "虚线下划线的词语是常用表述：指向它看释义，点它看全库用例。"
LEGEND_NOTES = "段落上方的小字是这一段的功能，下方“技法”后的圆形按钮打开写法批注。"
OUTLINE_CHARS = 24  # a paragraph (not a heading) named in the 结构 box is cut to this length


def merged_notes(anchor: str, notes: list[Note], problems: list[str]) -> list[Note]:
    """One list per paragraph: the annotation file's 数据问题 restate the metadata notes and the empty-section
    note at their paragraph in more detail, so there they replace them; the redaction count stays."""
    if not problems:
        return notes
    kept = [n for n in notes if n.kind in KEPT_BESIDE_PROBLEMS]
    return kept + [Note(anchor, PROBLEM, p) for p in problems]


class AnnotationLayer(Beside):
    def __init__(
        self,
        sample: Sample,
        notes: Annotations | None,
        bank: PhraseBank,
        links: Links,
        label_page: Callable[[str, str], str] | None = None,
    ):
        self.label_page = label_page  # (功能 or 技法, name) -> the page listing it, which each label links to
        self.sample = sample
        self.annotations = notes
        self.bank = bank
        self.links = links
        self.fragments = part("sample")

    def top(self) -> list[str]:
        parts = [self.outline()] if self.annotations and self.annotations.parts else []
        marked = any(self.bank.find(b.text) for b in self.sample.blocks if not b.is_heading)
        legend = (LEGEND_PHRASES if marked else "") + (LEGEND_NOTES if self.annotations else "")
        if legend:
            parts.append(self.fragments.legend(legend))
        return parts

    def outline(self) -> str:
        items = []
        for item in self.annotations.parts:
            block = self.sample.block(item.anchor)
            name = block.text if block.is_heading else block.text[:OUTLINE_CHARS] + "…"
            items.append((max(block.level, 2), block.anchor, name, item.role))
        return self.fragments.outline(items)

    def paragraph(self, block: Block):
        return self.annotations.paragraphs.get(block.anchor) if self.annotations else None

    def before(self, block: Block) -> list[str]:
        notes = self.paragraph(block)
        if notes is None:
            return []
        return [self.fragments.functions([(name, self.label_href("功能", name)) for name in notes.functions])]

    def pieces(self, block: Block) -> list[tuple[str, object]]:
        pieces, pos = [], 0
        for start, end, phrase in self.bank.find(block.text):
            pieces += [(block.text[pos:start], None), (block.text[start:end], phrase)]
            pos = end
        return [*pieces, (block.text[pos:], None)]

    def phrase_href(self, phrase) -> str:
        return self.links(phrase_uri(phrase))

    def after(self, block: Block) -> list[str]:
        notes = self.paragraph(block)
        if notes is None or not notes.techniques:
            return []
        items = [(t.name, self.label_href("技法", t.name), t.quote, t.note) for t in notes.techniques]
        return [self.fragments.techniques(block.anchor, items)]

    def label_href(self, kind: str, name: str) -> str | None:
        return self.links(self.label_page(kind, name)) if self.label_page else None

    def notes(self, block: Block, notes: list[Note]) -> list[str]:
        problems = [p.text for p in self.annotations.problems if p.anchor == block.anchor] if self.annotations else []
        merged = merged_notes(block.anchor, notes, problems)
        return [self.fragments.source_notes([(n.kind, n.text) for n in merged])] if merged else []

    def bottom(self) -> list[str]:
        parts = []
        if self.annotations and self.annotations.lessons:
            parts.append(self.fragments.lessons([(x.title, x.text) for x in self.annotations.lessons]))
        # The meanings the phrase marks are described by (aria-describedby), each phrase once.
        marked = {p.slug: p for b in self.sample.blocks if not b.is_heading for _, _, p in self.bank.find(b.text)}
        if marked:
            parts.append(self.fragments.phrase_meanings(list(marked.values())))
        return parts


def annotation_layer(sample: Sample, library: Library, links: Links) -> AnnotationLayer:
    notes = library.annotations.get(sample.slug)
    return AnnotationLayer(sample, notes, library.phrases, links, lambda kind, name: label_src(library, kind, name))
