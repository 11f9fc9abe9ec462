"""Browse pages: every entry (sample or template) listed under each 行业 / 文种 / 层级 value it has.

The markup comes from macros/pages/fragments/listing.html.
"""

from __future__ import annotations

from macros.pages.render import Links, md_text, part
from macros.sources.catalog import FACETS
from macros.sources.library import Library


def entry_list(entries: list, library: Library, links: Links, empty: str = "暂无。") -> str:
    """Each entry: kind, linked title, its facet values and summary."""
    items = [
        (e.kind, e.title, links(e.src_uri), " · ".join("、".join(e.facets[f]) for f in FACETS), e.summary)
        for e in entries
    ]
    return str(part("listing").entries(items, empty))


def facet_listing(library: Library, facet: str, name: str, links: Links) -> str:
    """The listing page of one facet value, grouped by kind (范文 first)."""
    term = library.term(facet, name)
    entries = library.entries_with(facet, name)
    parts = [str(part("listing").lead(term.description))]
    kinds = list(dict.fromkeys(e.kind for e in entries)) or ["范文"]
    for kind in kinds:
        group = [e for e in entries if e.kind == kind]
        parts.append(f"## {kind}（{len(group)}）")
        parts.append(entry_list(group, library, links, empty=f"“{name}”下暂时还没有{kind}。"))
    return "\n\n".join(parts)


def facet_index(library: Library, facet: str, links: Links) -> str:
    """All values of one facet with their counts, linking to their listing pages."""
    items = []
    for term in library.vocab[facet]:
        entries = library.entries_with(facet, term.name)
        kinds = dict.fromkeys(e.kind for e in entries)
        counts = "、".join(f"{kind} {sum(e.kind == kind for e in entries)} 篇" for kind in kinds) or "暂无"
        items.append((term.name, links(f"{FACETS[facet]}/{term.slug}.md"), counts, term.description))
    return str(part("listing").terms(items))


def sample_index(library: Library, links: Links) -> str:
    return entry_list(library.samples, library, links)


def facet_names(library: Library, facet: str) -> str:
    """The values of one facet, as the vocabulary lists them (招商引资、农业 …), for a Markdown line."""
    return str(md_text("、".join(t.name for t in library.vocab[facet])))
