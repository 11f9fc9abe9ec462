"""Browse pages: every entry (sample or template) listed under each 行业 / 文种 / 层级 value it has, and the list of
all samples; both cut into pages of PAGE_SIZE entries (macros/pages/paging.py).

The markup comes from macros/pages/fragments/listing.html.
"""

from __future__ import annotations

import bisect

from macros.pages.paging import Paging
from macros.pages.render import Links, md_text, part
from macros.sources.library import Library
from macros.sources.site_map import FACETS, SAMPLE_PAGES

SAMPLE_INDEX = f"{SAMPLE_PAGES}/index.md"  # 全部范文 (docs/fanwen/index.md), page 1 of the list of samples


def entry_list(entries: list, library: Library, links: Links, empty: str = "暂无。") -> str:
    """Each entry: kind, linked title, its facet values and summary."""
    items = [
        (e.kind, e.title, links(e.src_uri), " · ".join("、".join(e.facets[f]) for f in FACETS), e.summary)
        for e in entries
    ]
    return str(part("listing").entries(items, empty))


def facet_paging(library: Library, facet: str, name: str) -> Paging:
    term = library.term(facet, name)
    return Paging(f"{FACETS[facet]}/{term.slug}.md", len(library.entries_with(facet, name)))


def facet_listing(library: Library, facet: str, name: str, links: Links, number: int = 1) -> str:
    """Page `number` of the listing of one facet value, grouped by kind (范文 first); each kind's heading counts
    all its entries under the value, not only this page's."""
    term = library.term(facet, name)
    entries = library.entries_with(facet, name)
    paging = facet_paging(library, facet, name)
    shown = entries[paging.window(number)]
    parts = [str(part("listing").lead(term.description))]
    kinds = list(dict.fromkeys(e.kind for e in shown)) or ["范文"]
    # Samples come before templates (Library.entries), so their count is where the templates start: found by
    # halving, not by counting on every page of a long list
    samples = bisect.bisect_left(entries, True, key=lambda e: e.kind != "范文")
    totals = {"范文": samples, "模板": len(entries) - samples}
    for kind in kinds:
        total = totals[kind]
        parts.append(f"## {kind}（{total}）")
        group = [e for e in shown if e.kind == kind]
        parts.append(entry_list(group, library, links, empty=f"“{name}”下暂时还没有{kind}。"))
    parts.append(paging.pager(number, links))
    return "\n\n".join(p for p in parts if p)


def facet_index(library: Library, facet: str, links: Links) -> str:
    """All values of one facet with their counts, linking to their listing pages."""
    items = []
    for term in library.vocab[facet]:
        entries = library.entries_with(facet, term.name)
        kinds = dict.fromkeys(e.kind for e in entries)
        counts = "、".join(f"{kind} {sum(e.kind == kind for e in entries)} 篇" for kind in kinds) or "暂无"
        items.append((term.name, links(f"{FACETS[facet]}/{term.slug}.md"), counts, term.description))
    return str(part("listing").terms(items))


def sample_paging(library: Library) -> Paging:
    return Paging(SAMPLE_INDEX, len(library.samples))


def sample_index(library: Library, links: Links, number: int = 1) -> str:
    """Page `number` of the list of all samples, with the pager."""
    paging = sample_paging(library)
    listing = entry_list(library.samples[paging.window(number)], library, links)
    return "\n\n".join(p for p in (listing, paging.pager(number, links)) if p)


def facet_names(library: Library, facet: str) -> str:
    """The values of one facet, as the vocabulary lists them (招商引资、农业 …), for a Markdown line."""
    return str(md_text("、".join(t.name for t in library.vocab[facet])))
