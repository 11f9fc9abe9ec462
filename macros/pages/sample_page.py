"""Render one sample (范文) page: metadata, verbatim text with anchors, and visible source notes.

The markup comes from macros/pages/fragments/sample.html; paragraphs are raw HTML so Markdown cannot alter a
character, headings are Markdown lines escaped character by character so the table of contents lists them.
"""

from __future__ import annotations

import re

from macros.pages.pending import pending_note
from macros.pages.render import Links, part
from macros.pages.tables import table_html
from macros.sources.catalog import Note, Sample
from macros.sources.library import Library
from macros.sources.site_map import FACETS
from macros.sources.text_blocks import Block, empty_sections
from macros.word.downloads import DOCX_SUFFIX, file_name

REDACTION_NOTE = "原文中的“*”（如“**年”“200*年”）是来源隐去的字，本篇共 {count} 处，照录未改，使用时换成实际内容。"
EMPTY_SECTION_NOTE = "来源中这一标题下没有正文，照原样保留。"
ABOUT_SOURCES = ("about.md", "laiyuan")


def facet_page(library: Library, facet: str, name: str) -> str:
    """The source of a facet value's listing page, e.g. hangye/nongye.md."""
    return f"{FACETS[facet]}/{library.term(facet, name).slug}.md"


def meta_rows(sample: Sample, library: Library, links: Links) -> list:
    """The 行业/文种/层级/地区/年代/模板/来源 rows: (label, [(text, href or None)])."""
    rows = [
        (f, [(n, links(facet_page(library, f, n))) for n in sample.facets[f]] or [("待确认", None)]) for f in FACETS
    ]
    if sample.region:
        rows.append(("地区", [(sample.region, None)]))
    if sample.era:
        rows.append(("年代", [(sample.era, None)]))
    derived = [t for t in library.templates if sample.slug in t.sources]
    if derived:
        rows.append(("模板", [(t.title, links(t.src_uri)) for t in derived]))
    source = f"《{sample.collection}》{sample.source}" if sample.collection else sample.source
    rows.append(("来源", [(source, links(*ABOUT_SOURCES) if sample.collection else None)]))  # imported: no collection
    return rows


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


class Beside:
    """What goes beside the verbatim text of a sample page; the plain page has nothing extra.

    sample_notes.AnnotationLayer fills it in (phrase links, 功能 labels, 技法 notes, 结构 and 写法要点 boxes).
    """

    def top(self) -> list[str]:
        return []

    def before(self, block: Block) -> list[str]:
        return []

    def pieces(self, block: Block) -> list[tuple[str, object]]:
        """The paragraph's text in pieces, each with the phrase it is (linked) or None; joined, exactly the text."""
        return [(block.text, None)]

    def phrase_href(self, phrase) -> str:
        """Where a phrase of the bank in the text links to (its page); unused while pieces() marks none."""
        return ""

    def after(self, block: Block) -> list[str]:
        return []

    def notes(self, block: Block, notes: list[Note]) -> list[str]:
        return [part("sample").source_notes([(n.kind, n.text)]) for n in notes]

    def bottom(self) -> list[str]:
        return []


def render_sample(sample: Sample, library: Library, links: Links, beside: Beside | None = None) -> str:
    """Markdown for a sample page (raw HTML blocks and Markdown headings)."""
    beside = beside or Beside()
    fragments = part("sample")
    notes = notes_by_anchor(sample)
    parts = [
        pending_note(sample, library),  # '' unless metadata is marked 待确认 (pages/pending.py)
        fragments.meta(sample.summary, meta_rows(sample, library, links)),
        # The file sits next to the page (fanwen/<slug>/ or fanwen/<slug>.html), so its bare name reaches it.
        fragments.download(sample.slug + DOCX_SUFFIX, file_name(sample.title)),
        *beside.top(),
    ]
    for block in sample.blocks:
        parts.extend(beside.before(block))
        if block.is_heading:
            parts.append(fragments.heading(block.anchor, block.level, block.text))
        elif block.cells is not None:  # a table row: the whole table at its first row (macros/pages/tables.py)
            parts.append(table_html(sample.blocks, block))
        else:
            parts.append(fragments.paragraph(block.anchor, block.number, beside.pieces(block), beside.phrase_href))
        parts.extend(beside.after(block))
        parts.extend(beside.notes(block, notes.get(block.anchor, [])))
    parts.extend(beside.bottom())
    return "\n\n".join(str(p) for p in parts if p) + "\n"
