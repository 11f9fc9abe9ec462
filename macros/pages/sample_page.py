"""Render one sample (范文) page: metadata, verbatim text with anchors, and visible source notes."""

from __future__ import annotations

import re

from macros.pages.markup import escape_text, heading_markdown, md_escape, md_link
from macros.pages.pending import pending_note
from macros.pages.tables import table_html
from macros.sources.catalog import FACETS, Catalog, Note, Sample
from macros.sources.text_blocks import Block, empty_sections
from macros.word.downloads import sample_download_html

REDACTION_NOTE = "原文中的“*”（如“**年”“200*年”）是来源隐去的字，本篇共 {count} 处，照录未改，使用时换成实际内容。"
EMPTY_SECTION_NOTE = "来源中这一标题下没有正文，照原样保留。"


def facet_link(catalog: Catalog, facet: str, name: str, up: str = "../") -> str:
    """Link to a facet value's listing page; `up` leads from the current page's folder to docs/."""
    return md_link(name, f"{up}{FACETS[facet]}/{catalog.term(facet, name).slug}.md")


def meta_block(sample: Sample, catalog: Catalog) -> str:
    """The summary and the 行业/文种/层级/地区/年代/来源 list at the top of a sample page."""
    rows = [(f, "、".join(facet_link(catalog, f, n) for n in sample.facets[f]) or "待确认") for f in FACETS]
    if sample.region:
        rows.append(("地区", md_escape(sample.region)))
    if sample.era:
        rows.append(("年代", md_escape(sample.era)))
    derived = [t for t in catalog.templates if sample.slug in t.sources]
    if derived:
        rows.append(("模板", "、".join(md_link(t.title, f"../{t.src_uri}") for t in derived)))
    seed = re.fullmatch(r"范文\d+", sample.source)  # the six seeds; an imported file names its own source
    rows.append(
        (
            "来源",
            md_link(f"《招商重点工作思路范例6篇》{sample.source}", "../about.md#laiyuan")
            if seed
            else md_escape(sample.source),
        )
    )
    items = "\n".join(f"- <b>{k}</b>：{v}" for k, v in rows)
    return (
        f'<div class="fw-meta" markdown data-search-exclude="">\n\n<p class="fw-summary">{escape_text(sample.summary)}</p>'
        f"\n\n{items}\n\n</div>"
    )


def notes_by_anchor(sample: Sample) -> dict[str, list[Note]]:
    """Notes from the metadata plus the ones the text itself shows: redactions and empty sections."""
    notes: dict[str, list[Note]] = {}
    for note in sample.notes:
        notes.setdefault(note.anchor, []).append(note)
    redacted = [b for b in sample.blocks if "*" in b.text]
    if redacted:
        # One note at the first place is enough; repeating it on every paragraph buries the text.
        count = sum(len(re.findall(r"\*+", b.text)) for b in redacted)
        first = redacted[0].anchor
        notes.setdefault(first, []).append(Note(first, "隐去", REDACTION_NOTE.format(count=count)))
    for block in empty_sections(sample.blocks):
        notes.setdefault(block.anchor, []).append(Note(block.anchor, "空标题", EMPTY_SECTION_NOTE))
    return notes


def note_html(note: Note) -> str:
    return (
        f'<div class="admonition warning fw-source-note" role="note" data-search-exclude>'
        f'<p class="admonition-title">原文说明：{escape_text(note.kind)}</p>'
        f"<p>{escape_text(note.text)}</p></div>"
    )


def paragraph_html(anchor: str, number: int, text: str, body: str | None = None) -> str:
    """`body` is the text already as HTML (with phrase links); its text content must be `text` exactly."""
    return (
        f'<p id="{anchor}" class="fw-p">'
        f'<a class="fw-pnum" href="#{anchor}" aria-label="第{number}段的链接" data-search-exclude>{number}</a>'
        f"{escape_text(text) if body is None else body}</p>"
    )


class Beside:
    """What goes beside the verbatim text of a sample page; the plain page has nothing extra.

    sample_notes.AnnotationLayer fills it in (phrase links, 功能 labels, 技法 notes, 结构 and 写法要点 boxes).
    """

    def top(self) -> list[str]:
        return []

    def before(self, block: Block) -> list[str]:
        return []

    def body(self, block: Block) -> str | None:
        return None

    def after(self, block: Block) -> list[str]:
        return []

    def notes(self, block: Block, notes: list[Note]) -> list[str]:
        return [note_html(n) for n in notes]

    def bottom(self) -> list[str]:
        return []


def render_sample(sample: Sample, catalog: Catalog, beside: Beside | None = None) -> str:
    """Markdown for a sample page. Paragraphs are raw HTML so Markdown cannot alter a character."""
    beside = beside or Beside()
    notes = notes_by_anchor(sample)
    parts = [pending_note(sample, catalog), meta_block(sample, catalog), sample_download_html(sample), *beside.top()]
    for block in sample.blocks:
        parts.extend(beside.before(block))
        if block.is_heading:
            # The heading keeps its readable slug; the empty div keeps p-numbers linkable for every block.
            parts.append(f'<div id="{block.anchor}" class="fw-anchor"></div>')
            parts.append(heading_markdown(block.text, block.level))
        elif block.cells is not None:  # a table row: the whole table at its first row (macros/pages/tables.py)
            parts.append(table_html(sample.blocks, block))
        else:
            parts.append(paragraph_html(block.anchor, block.number, block.text, beside.body(block)))
        parts.extend(beside.after(block))
        parts.extend(beside.notes(block, notes.get(block.anchor, [])))
    parts.extend(beside.bottom())
    return "\n\n".join(p for p in parts if p) + "\n"
