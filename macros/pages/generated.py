"""The pages generated from data: one per sample, one per template and one per 行业 / 文种 / 层级 value.

Each is a small Markdown file whose body is a macro call, so the page is rendered by the same
registered macros as hand-written pages, and adding a sample or a vocabulary value adds its page.
"""

from __future__ import annotations

import json

from macros.pages.guides import guide_pages
from macros.sources.catalog import FACETS, Catalog


def _page(title: str, description: str, body: str, extra: str = "") -> str:
    # JSON strings are valid YAML scalars and need no further quoting rules.
    return (
        f"---\ntitle: {json.dumps(title, ensure_ascii=False)}\n"
        f"description: {json.dumps(description, ensure_ascii=False)}\n{extra}---\n\n{body}\n"
    )


def generated_pages(catalog: Catalog) -> dict[str, list[tuple[str, str, str]]]:
    """Folder -> [(src_uri, nav title, markdown)], in the order the navigation shows them."""
    folders: dict[str, list[tuple[str, str, str]]] = {"fanwen": []}
    for sample in catalog.samples:
        body = f'{{{{ sample_page("{sample.slug}") }}}}'
        folders["fanwen"].append((sample.src_uri, sample.title, _page(sample.title, sample.summary, body)))
    # Template pages need the width for form and preview side by side, so they hide the page's TOC.
    folders["muban"] = [
        (t.src_uri, t.title, _page(t.title, t.summary, f'{{{{ template_page("{t.slug}") }}}}', "hide: [toc]\n"))
        for t in catalog.templates
    ]
    for facet, folder in FACETS.items():
        folders[folder] = []
        for term in catalog.vocab[facet]:
            title = f"{facet}：{term.name}"
            # The H1 is written out because the nav entry's shorter title would otherwise replace it.
            body = f'# {title}\n\n{{{{ facet_listing("{facet}", "{term.name}") }}}}'
            folders[folder].append((f"{folder}/{term.slug}.md", term.name, _page(title, term.description, body)))
    folders.update(guide_pages(catalog))  # 写作指南: macros/pages/guides.py
    return folders
