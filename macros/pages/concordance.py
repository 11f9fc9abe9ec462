"""The phrase bank's pages: a compact index (biaoshu/, by category, each phrase with its meaning and count) and a
page per phrase (biaoshu/<slug>/) with its meaning, usage, synonyms and its uses as keyword-in-context lines.

A phrase's uses are cut into pages of USES_SHOWN (biaoshu/<slug>/page/<n>/, macros/pages/paging.py), so no page
grows with the library.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from macros.pages.paging import Paging
from macros.pages.render import Links, Markup, part
from macros.sources.catalog import Sample
from macros.sources.library import Library
from macros.sources.phrases import Phrase, PhraseBank
from macros.sources.site_map import PHRASE_PAGES
from macros.sources.text_blocks import Block

BANK_PAGE = f"{PHRASE_PAGES}/index.md"  # the index's source; its URL is biaoshu/
SENTENCE_END = set("。！？；!?;")
CONTEXT_CHARS = 40  # at most this much of the sentence on each side of the phrase
USES_SHOWN = 100  # uses a page of a phrase lists; the further ones are on its next pages


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


def use_count(phrase: Phrase, library: Library) -> tuple[int, int]:
    """(uses, samples using it): the same count as uses_of, without making a Use of each."""
    per_sample = [sum(b.text.count(phrase.text) for b in s.blocks) for s in library.samples]
    return sum(per_sample), sum(n > 0 for n in per_sample)


def phrase_uri(phrase: Phrase) -> str:
    """The source of a phrase's page: biaoshu/<slug>.md, so its URL is biaoshu/<slug>/."""
    return f"{PHRASE_PAGES}/{phrase.slug}.md"


def category_slug(library: Library, category: str) -> str:
    return "lei-" + library.term("表述类别", category).slug


def use_item(use: Use, links: Links) -> tuple:
    left, word, right = use.context()
    where = f"{use.sample.source} 第{use.block.number}段" + ("（标题）" if use.block.is_heading else "")
    return (where, links(use.sample.src_uri, use.block.anchor), use.sample.title, left, word, right)


class Concordance:
    """Every phrase's uses, found once per build however many pages list them."""

    def __init__(self, library: Library):
        self.library = library

    @cache  # noqa: B019 - one per build, held by the generated pages of that build
    def uses(self, phrase: Phrase) -> list[Use]:
        return list(uses_of(phrase, self.library))

    def paging(self, phrase: Phrase) -> Paging:
        return Paging(phrase_uri(phrase), len(self.uses(phrase)), USES_SHOWN)


def phrase_page(phrase: Phrase, concordance: Concordance, links: Links, number: int = 1) -> str:
    """Markdown for page `number` of one phrase: what it means and how it is used, then its uses of that page."""
    library, bank = concordance.library, concordance.library.phrases
    uses = concordance.uses(phrase)
    paging = concordance.paging(phrase)
    items = [use_item(u, links) for u in uses[paging.window(number)]]
    synonyms = [(w, links(phrase_uri(bank.by_text[w])) if w in bank.by_text else None) for w in phrase.synonyms]
    category = (phrase.category, links(BANK_PAGE, category_slug(library, phrase.category)))
    samples = len({id(use.sample) for use in uses})
    title = paging.title(phrase.text, number)
    pager = Markup(paging.pager(number, links))
    return str(part("phrases").page(phrase, title, len(uses), samples, category, synonyms, items, pager))


def bank_page(bank: PhraseBank, library: Library, links: Links) -> str:
    """Markdown for the index (biaoshu/): category filter, then one section per category, pinyin order within,
    each phrase linked to its page with its meaning and how often the library uses it."""
    fragments = part("phrases")
    groups = {c.name: [p for p in bank.phrases if p.category == c.name] for c in library.vocab["表述类别"]}
    groups = {c: ps for c, ps in groups.items() if ps}
    chips = [(c, category_slug(library, c), len(ps)) for c, ps in groups.items()]
    parts = [fragments.filter(chips, len(bank.phrases))]
    for category, phrases in groups.items():
        items = [(p.text, links(phrase_uri(p)), p.meaning, *use_count(p, library)) for p in phrases]
        body = fragments.index_list(items)
        parts.append(fragments.section(category, category_slug(library, category), len(phrases), Markup(body)))
    return "\n\n".join(str(p) for p in parts)
