"""The 常用表述 page: every phrase of the bank with each use in the library as a keyword-in-context line."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from macros.pages.render import Links, Markup, part
from macros.sources.catalog import Sample
from macros.sources.library import Library
from macros.sources.phrases import Phrase, PhraseBank
from macros.sources.text_blocks import Block

BANK_PAGE = "biaoshu/index.md"  # the page's source; its URL is biaoshu/
SENTENCE_END = set("。！？；!?;")
CONTEXT_CHARS = 40  # at most this much of the sentence on each side of the phrase
SHOWN_LINES = 8  # further uses of a phrase fold into a “其余 N 处” box


@dataclass(frozen=True)
class Use:
    sample: Sample
    block: Block
    start: int
    end: int

    def context(self) -> tuple[str, str, str]:
        """The sentence around the phrase, cut to CONTEXT_CHARS a side: (left, phrase, right)."""
        text = self.block.text
        left_end = max((i for i in range(self.start) if text[i] in SENTENCE_END), default=-1) + 1
        right_end = next((i + 1 for i in range(self.end, len(text)) if text[i] in SENTENCE_END), len(text))
        left, right = text[left_end : self.start], text[self.end : right_end]
        if len(left) > CONTEXT_CHARS:
            left = "…" + left[-CONTEXT_CHARS:]
        if len(right) > CONTEXT_CHARS:
            right = right[:CONTEXT_CHARS] + "…"
        return left, text[self.start : self.end], right


def uses_of(phrase: Phrase, catalog: Library) -> Iterator[Use]:
    """Every place the phrase stands in the library, headings and uses inside a longer phrase included."""
    for sample in catalog.samples:
        for block in sample.blocks:
            start = block.text.find(phrase.text)
            while start >= 0:
                yield Use(sample, block, start, start + len(phrase.text))
                start = block.text.find(phrase.text, start + len(phrase.text))


def use_item(use: Use, links: Links) -> tuple:
    left, word, right = use.context()
    where = f"{use.sample.source} 第{use.block.number}段" + ("（标题）" if use.block.is_heading else "")
    return (where, links(use.sample.src_uri, use.block.anchor), use.sample.title, left, word, right)


def entry(phrase: Phrase, bank: PhraseBank, library: Library, links: Links) -> str:
    uses = list(uses_of(phrase, library))
    items = [use_item(u, links) for u in uses]
    synonyms = [(w, bank.by_text[w].slug if w in bank.by_text else None) for w in phrase.synonyms]
    samples = len({u.sample.slug for u in uses})
    return str(part("phrases").entry(phrase, len(uses), samples, synonyms, items[:SHOWN_LINES], items[SHOWN_LINES:]))


def category_slug(library: Library, category: str) -> str:
    return "lei-" + library.term("表述类别", category).slug


def bank_page(bank: PhraseBank, library: Library, links: Links) -> str:
    """Markdown for the 常用表述 page: category filter, then one section per category, pinyin order within."""
    fragments = part("phrases")
    groups = {c.name: [p for p in bank.phrases if p.category == c.name] for c in library.vocab["表述类别"]}
    groups = {c: ps for c, ps in groups.items() if ps}
    chips = [(c, category_slug(library, c), len(ps)) for c, ps in groups.items()]
    parts = [fragments.filter(chips, len(bank.phrases))]
    for category, phrases in groups.items():
        body = "\n\n".join(entry(p, bank, library, links) for p in phrases)
        parts.append(fragments.section(category, category_slug(library, category), len(phrases), Markup(body)))
    return "\n\n".join(str(p) for p in parts)
