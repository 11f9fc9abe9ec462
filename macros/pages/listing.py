"""Browse pages: every entry (sample, later template) listed under each 行业 / 文种 / 层级 value it has."""

from __future__ import annotations

from macros.pages.markup import escape_text, md_escape, md_link
from macros.sources.catalog import FACETS
from macros.sources.library import Library


def entry_item(entry, catalog: Library, up: str) -> str:
    """One list item: kind, linked title, summary and its facet values."""
    facets = " · ".join("、".join(entry.facets[f]) for f in FACETS)
    return (
        f'- <span class="fw-kind">{entry.kind}</span> {md_link(entry.title, up + entry.src_uri)}  \n'
        f'  <span class="fw-facets">{md_escape(facets)}</span>  \n'
        f"  {md_escape(entry.summary)}"
    )


def entry_list(entries: list, catalog: Library, up: str, empty: str = "暂无。") -> str:
    if not entries:
        return f'<p class="fw-empty">{escape_text(empty)}</p>'
    return "\n".join(entry_item(e, catalog, up) for e in entries)


def facet_listing(catalog: Library, facet: str, name: str, up: str) -> str:
    """The listing page of one facet value, grouped by kind (范文 first)."""
    term = catalog.term(facet, name)
    entries = catalog.entries_with(facet, name)
    parts = [f'<p class="fw-lead">{escape_text(term.description)}</p>']
    kinds = list(dict.fromkeys(e.kind for e in entries)) or ["范文"]
    for kind in kinds:
        group = [e for e in entries if e.kind == kind]
        parts.append(f"## {kind}（{len(group)}）")
        parts.append(entry_list(group, catalog, up, empty=f"“{name}”下暂时还没有{kind}。"))
    return "\n\n".join(parts)


def facet_index(catalog: Library, facet: str, up: str) -> str:
    """All values of one facet with their counts, linking to their listing pages."""
    lines = []
    for term in catalog.vocab[facet]:
        entries = catalog.entries_with(facet, term.name)
        counts = "、".join(
            f"{kind} {sum(e.kind == kind for e in entries)} 篇" for kind in dict.fromkeys(e.kind for e in entries)
        )
        link = md_link(term.name, f"{up}{FACETS[facet]}/{term.slug}.md")
        lines.append(f"- {link}（{counts or '暂无'}）：{md_escape(term.description)}")
    return "\n".join(lines)


def sample_index(catalog: Library, up: str) -> str:
    return entry_list(catalog.samples, catalog, up)


def facet_names(library: Library, facet: str) -> str:
    """The values of one facet, as the vocabulary lists them: 招商引资、农业 …"""
    return md_escape("、".join(t.name for t in library.vocab[facet]))
