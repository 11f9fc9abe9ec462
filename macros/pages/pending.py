"""Samples whose metadata is marked 待确认 (macros/sources/pending.py): the box on the sample page and the
maintenance page that lists them all (fragments/pending.html)."""

from __future__ import annotations

from macros.pages.render import Links, part
from macros.sources.catalog import Sample
from macros.sources.site_map import FACETS, MAINTENANCE_PAGES

PAGE_URI = f"{MAINTENANCE_PAGES}/daiqueren.md"
PAGE_TITLE = "元数据待确认"
PAGE_DESCRIPTION = "导入时猜测、还没有人核对的范文元数据，逐篇列出。"


def pending_items(sample: Sample, library) -> list[tuple[str, str, str]]:
    """(field, guess, remark) for each value marked 待确认, in the order of the .yml's keys."""
    items = []
    for key, guess in sample.pending.items():
        remark = ""
        if key in FACETS:
            names = {t.name for t in library.vocab[key]}
            missing = [g for g in guess.split("、") if g and g not in names]
            if missing:
                remark = f"词表里没有“{'、'.join(missing)}”：在 templates_src/vocab.yml 增加，或改成已有的一项"
        items.append((key, guess or "没有猜出来", remark))
    return items


def meta_file(sample: Sample) -> str:
    return f"templates_src/samples/{sample.meta_path.name}"


def pending_note(sample: Sample, library) -> str:
    """The 元数据待确认 box at the top of a sample page, or '' when every value is confirmed."""
    if not sample.pending:
        return ""
    return str(part("pending").note(pending_items(sample, library), meta_file(sample)))


def pending_listing(library, links: Links) -> str:
    """The maintenance page's body: every sample with values to confirm, and what they are."""
    entries = [
        (s.title, links(s.src_uri), meta_file(s), pending_items(s, library)) for s in library.samples if s.pending
    ]
    return str(part("pending").listing(entries))
