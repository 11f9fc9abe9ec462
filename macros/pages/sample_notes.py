"""The teaching layer of a sample page, always beside the verbatim text and never inside it.

- 结构 box at the top: the skeleton, one line per part, linking to it;
- a small 功能 label before a paragraph, a 技法 line after it whose markers open Material annotations;
- 原文说明: the foundation's notes and the annotation file's 数据问题 in one box per paragraph;
- 写法要点 at the end;
- inside paragraphs only links around bank phrases, which add no text (the fidelity test checks it).
"""

from __future__ import annotations

import html

from macros.pages.concordance import BANK_PAGE
from macros.pages.guides import function_src, technique_src
from macros.pages.markup import page_href
from macros.pages.render import Links
from macros.pages.sample_page import Beside, note_html
from macros.sources.annotations import Annotations, annotations_for
from macros.sources.catalog import Catalog, Note, Sample
from macros.sources.phrases import PhraseBank, bank_for
from macros.sources.text_blocks import Block

PROBLEM = "数据问题"
# Notes the foundation derives itself that a 数据问题 at the same paragraph does not replace.
KEPT_BESIDE_PROBLEMS = {"隐去"}  # the redaction note counts every `*` in the text
LEGEND_PHRASES = "虚线下划线的词语是常用表述：指向它看释义，点它看全库用例。"
LEGEND_NOTES = "段落上方的小字是这一段的功能，下方“技法”后的圆形按钮打开写法批注。"
OUTLINE_CHARS = 24  # a paragraph (not a heading) named in the 结构 box is cut to this length


def esc(text: str) -> str:
    return html.escape(text, quote=False)


def merged_notes(anchor: str, notes: list[Note], problems: list[str]) -> list[Note]:
    """One list per paragraph: the annotation file's 数据问题 restate the metadata notes and the empty-section
    note at their paragraph in more detail, so there they replace them; the redaction count stays."""
    if not problems:
        return notes
    kept = [n for n in notes if n.kind in KEPT_BESIDE_PROBLEMS]
    return kept + [Note(anchor, PROBLEM, p) for p in problems]


def notes_box(notes: list[Note]) -> str:
    if len(notes) == 1:
        return note_html(notes[0])
    kinds = list(dict.fromkeys(n.kind for n in notes))
    title = "原文说明" + (f"：{kinds[0]}" if len(kinds) == 1 else "")
    items = "".join(f"<li>{'' if len(kinds) == 1 else f'<b>{esc(n.kind)}</b>：'}{esc(n.text)}</li>" for n in notes)
    return (
        f'<div class="admonition warning fw-source-note" role="note" data-search-exclude>'
        f'<p class="admonition-title">{esc(title)}</p><ul>{items}</ul></div>'
    )


class AnnotationLayer(Beside):
    def __init__(self, sample: Sample, notes: Annotations | None, bank: PhraseBank, use_directory_urls: bool = True):
        self.sample = sample
        self.annotations = notes
        self.bank = bank
        # The sample page is fanwen/<slug>/ on the web and fanwen/<slug>.html in the folder build.
        from_url = sample.url if use_directory_urls else sample.src_uri.removesuffix(".md") + ".html"
        self.bank_href = page_href(BANK_PAGE, from_url, use_directory_urls)
        self.links = Links(sample.src_uri, use_directory_urls)  # each 功能 and 技法 label links to its page

    def top(self) -> list[str]:
        parts = [self.outline()] if self.annotations and self.annotations.parts else []
        marked = any(self.bank.find(b.text) for b in self.sample.blocks if not b.is_heading)
        legend = (LEGEND_PHRASES if marked else "") + (LEGEND_NOTES if self.annotations else "")
        if legend:
            parts.append(f'<p class="fw-legend" data-search-exclude>{esc(legend)}</p>')
        return parts

    def outline(self) -> str:
        items = []
        for part in self.annotations.parts:
            block = self.sample.block(part.anchor)
            name = block.text if block.is_heading else block.text[:OUTLINE_CHARS] + "…"
            items.append(
                f'<li class="fw-outline--{max(block.level, 2)}"><a href="#{block.anchor}">{esc(name)}</a>'
                f'<span class="fw-outline__role">{esc(part.role)}</span></li>'
            )
        return (
            '<details class="abstract fw-structure" open data-search-exclude><summary>结构</summary>'
            f'<ol class="fw-outline">{"".join(items)}</ol></details>'
        )

    def paragraph(self, block: Block):
        return self.annotations.paragraphs.get(block.anchor) if self.annotations else None

    def before(self, block: Block) -> list[str]:
        notes = self.paragraph(block)
        if notes is None:
            return []
        chips = "".join(
            f'<a class="fw-func__item" href="{self.links(function_src(f))}">{esc(f)}</a>' for f in notes.functions
        )
        return [f'<div class="fw-func" data-search-exclude><span class="fw-func__label">功能</span>{chips}</div>']

    def body(self, block: Block) -> str:
        return self.bank.mark(block.text, self.bank_href)

    def after(self, block: Block) -> list[str]:
        notes = self.paragraph(block)
        if notes is None or not notes.techniques:
            return []
        # Material turns each “(n)” inside `.annotate` into a marker opening item n of the list that follows.
        # No id on it or above it: with one, Material makes the marker an empty link (axe: link-name).
        markers = " ".join(
            f'<span class="fw-tech__item"><a href="{self.links(technique_src(t.name))}">{esc(t.name)}</a> ({i})</span>'
            for i, t in enumerate(notes.techniques, 1)
        )
        items = "".join(
            f"<li><p><b>{esc(t.name)}</b>：<q>{esc(t.quote)}</q></p><p>{esc(t.note)}</p></li>" for t in notes.techniques
        )
        return [
            f'<p class="annotate fw-tech" data-search-exclude><span class="fw-tech__label">技法</span>{markers}</p>',
            f'<ol class="fw-tech__list" data-search-exclude>{items}</ol>',
        ]

    def notes(self, block: Block, notes: list[Note]) -> list[str]:
        problems = [p.text for p in self.annotations.problems if p.anchor == block.anchor] if self.annotations else []
        merged = merged_notes(block.anchor, notes, problems)
        return [notes_box(merged)] if merged else []

    def bottom(self) -> list[str]:
        if not self.annotations or not self.annotations.lessons:
            return []
        items = "".join(f"<li><b>{esc(x.title)}</b>：{esc(x.text)}</li>" for x in self.annotations.lessons)
        return [
            '<div class="admonition tip fw-lessons" role="note"><p class="admonition-title">写法要点</p>'
            f"<ol>{items}</ol></div>"
        ]


def annotation_layer(sample: Sample, catalog: Catalog, use_directory_urls: bool = True) -> AnnotationLayer:
    return AnnotationLayer(sample, annotations_for(catalog).get(sample.slug), bank_for(catalog), use_directory_urls)
