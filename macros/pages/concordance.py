"""The 常用表述 page: every phrase of the bank with each use in the library as a keyword-in-context line."""

from __future__ import annotations

import html
from collections.abc import Iterator
from dataclasses import dataclass

from macros.pages.markup import md_escape
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


def use_line(use: Use, up: str) -> str:
    left, word, right = use.context()
    where = f"{use.sample.source} 第{use.block.number}段" + ("（标题）" if use.block.is_heading else "")
    title = use.sample.title.replace('"', "“")
    link = f'[{md_escape(where)}]({up}{use.sample.src_uri}#{use.block.anchor} "{md_escape(title)}")'
    return (
        f'- {link}<span class="fw-kwic"><span class="fw-kwic__l">{md_escape(left)}</span>'
        f'<mark>{md_escape(word)}</mark><span class="fw-kwic__r">{md_escape(right)}</span></span>'
    )


def synonyms_html(phrase: Phrase, bank: PhraseBank) -> str:
    words = []
    for word in phrase.synonyms:
        other = bank.by_text.get(word)
        text = html.escape(word, quote=False)
        words.append(f'<a href="#{other.slug}">{text}</a>' if other else text)
    return "、".join(words)


def entry(phrase: Phrase, bank: PhraseBank, catalog: Library, up: str) -> str:
    uses = list(uses_of(phrase, catalog))
    samples = len({u.sample.slug for u in uses})
    lines = [use_line(u, up) for u in uses]
    parts = [
        f"### {md_escape(phrase.text)} {{#{phrase.slug}}}",
        f'<p class="fw-entry-meta"><span class="fw-kind">{phrase.category}</span> '
        f'全库 <b class="fw-count">{len(uses)}</b> 处，见于 {samples} 篇</p>',
        '<dl class="fw-def">'
        f"<dt>释义</dt><dd>{html.escape(phrase.meaning, quote=False)}</dd>"
        f"<dt>用法</dt><dd>{html.escape(phrase.usage, quote=False)}</dd>"
        + (f"<dt>近义</dt><dd>{synonyms_html(phrase, bank)}</dd>" if phrase.synonyms else "")
        + "</dl>",
        '<div class="fw-uses" markdown>\n\n' + "\n".join(lines[:SHOWN_LINES]) + "\n\n</div>",
    ]
    if len(lines) > SHOWN_LINES:
        rest = "\n".join(lines[SHOWN_LINES:])
        parts.append(
            f'<details class="fw-more" markdown>\n<summary>其余 {len(lines) - SHOWN_LINES} 处</summary>\n\n'
            f'<div class="fw-uses" markdown>\n\n{rest}\n\n</div>\n\n</details>'
        )
    return "\n\n".join(parts)


def category_slug(library: Library, category: str) -> str:
    return "lei-" + library.term("表述类别", category).slug


def bank_page(bank: PhraseBank, catalog: Library, up: str) -> str:
    """Markdown for the 常用表述 page: category filter, then one section per category, pinyin order within."""
    groups = {c.name: [p for p in bank.phrases if p.category == c.name] for c in catalog.vocab["表述类别"]}
    groups = {c: ps for c, ps in groups.items() if ps}
    chips = "".join(
        f'<a class="fw-chip" href="#{category_slug(catalog, c)}" data-category="{c}">{c} <span>{len(ps)}</span></a>'
        for c, ps in groups.items()
    )
    parts = [
        f'<nav class="fw-filter" aria-label="按类别筛选" data-search-exclude data-total="{len(bank.phrases)}">'
        f'<span class="fw-filter__label">类别：</span>{chips}</nav>'
    ]
    for category, phrases in groups.items():
        body = "\n\n".join(entry(p, bank, catalog, up) for p in phrases)
        parts.append(
            f'<section class="fw-cat" data-category="{category}" markdown>\n\n'
            f"## {category}（{len(phrases)} 条） {{#{category_slug(catalog, category)}}}\n\n{body}\n\n</section>"
        )
    return "\n\n".join(parts)
