"""mkdocs-macros entry point: registers the site's macros; the logic lives in the sibling modules."""

from __future__ import annotations

from pathlib import Path

from macros.guides.derive import guide_data_for
from macros.pages.concordance import bank_page
from macros.pages.guides import (
    function_markdown,
    guide_index_markdown,
    guide_markdown,
    names_index,
    side_by_side_markdown,
    technique_markdown,
)
from macros.pages.listing import facet_index, facet_listing, sample_index
from macros.pages.render import Links
from macros.pages.sample_notes import annotation_layer
from macros.pages.sample_page import render_sample
from macros.pages.template_page import render_template, template_index
from macros.sources.catalog import load_catalog
from macros.sources.errors import SourceError, line_containing
from macros.sources.phrases import bank_for


def define_env(env):
    root = Path(env.project_dir)

    def page_context():
        """The catalog and the path from the current page's folder up to docs/."""
        src_uri = env.page.file.src_uri
        return load_catalog(root), "../" * src_uri.count("/"), src_uri

    def sample_page(slug: str) -> str:
        catalog, _, src_uri = page_context()
        sample = catalog.sample(slug)
        if sample is None:
            known = "、".join(s.slug for s in catalog.samples)
            raise SourceError(f"docs/{src_uri}", None, f"没有 slug 为“{slug}”的范文。", f"改成已有的 slug：{known}。")
        layer = annotation_layer(sample, catalog, env.conf["use_directory_urls"])  # False in the folder build
        return render_sample(sample, catalog, layer)

    def template_page(slug: str) -> str:
        catalog, up, src_uri = page_context()
        template = catalog.template(slug)
        if template is None:
            known = "、".join(t.slug for t in catalog.templates)
            path = Path(env.conf["docs_dir"]) / src_uri
            raise SourceError(
                path if path.exists() else f"docs/{src_uri}",
                line_containing(path, slug),
                f"没有 slug 为“{slug}”的模板。",
                f"改成已有的 slug：{known}。",
            )
        return render_template(template, catalog, up)

    def template_index_macro() -> str:
        catalog, up, _ = page_context()
        return template_index(catalog, up)

    def facet_listing_macro(facet: str, name: str) -> str:
        catalog, up, _ = page_context()
        return facet_listing(catalog, facet, name, up)

    def facet_index_macro(facet: str) -> str:
        catalog, up, _ = page_context()
        return facet_index(catalog, facet, up)

    def sample_index_macro() -> str:
        catalog, up, _ = page_context()
        return sample_index(catalog, up)

    def catalog_counts() -> dict[str, int]:
        catalog = load_catalog(root)
        return {"samples": len(catalog.samples), "templates": len(catalog.templates), "entries": len(catalog.entries)}

    def phrase_bank() -> str:
        catalog, up, _ = page_context()
        return bank_page(bank_for(catalog), catalog, up)

    def phrase_count() -> int:
        return len(bank_for(load_catalog(root)).phrases)

    def guide_context():
        """The guides' data and the link maker of the current page (web or folder build)."""
        catalog, _, src_uri = page_context()
        return guide_data_for(catalog), Links(src_uri, env.conf["use_directory_urls"]), src_uri

    def guide_of(slug: str):
        data, links, src_uri = guide_context()
        guide = data.guide(slug)
        if guide is None:
            known = "、".join(g.slug for g in data.guides)
            raise SourceError(f"docs/{src_uri}", None, f"没有 slug 为“{slug}”的写作指南。", f"改成已有的：{known}。")
        return guide, data, links

    def guide_page(slug: str) -> str:
        guide, data, links = guide_of(slug)
        return guide_markdown(guide, data, links)

    def guide_side_by_side(slug: str) -> str:
        guide, _, links = guide_of(slug)
        return side_by_side_markdown(guide, links)

    def named_page(kind: str, name: str, found: dict, render) -> str:
        data, links, src_uri = guide_context()
        if name not in found:
            raise SourceError(
                f"docs/{src_uri}", None, f"没有标为“{name}”的段落。", f"改成已有的{kind}：{'、'.join(found)}。"
            )
        return render(name, data, links)

    def function_page(name: str) -> str:
        return named_page("功能", name, guide_context()[0].functions, function_markdown)

    def technique_page(name: str) -> str:
        return named_page("技法", name, guide_context()[0].techniques, technique_markdown)

    def guide_index() -> str:
        data, links, _ = guide_context()
        return guide_index_markdown(data, links)

    def function_index() -> str:
        data, links, _ = guide_context()
        return names_index(data, links, "function")

    def technique_index() -> str:
        data, links, _ = guide_context()
        return names_index(data, links, "technique")

    registry = {
        "catalog_counts": catalog_counts,
        "sample_page": sample_page,
        "facet_listing": facet_listing_macro,
        "facet_index": facet_index_macro,
        "sample_index": sample_index_macro,
        "template_page": template_page,
        "template_index": template_index_macro,
        "phrase_bank": phrase_bank,
        "phrase_count": phrase_count,
        "guide_page": guide_page,
        "guide_side_by_side": guide_side_by_side,
        "function_page": function_page,
        "technique_page": technique_page,
        "guide_index": guide_index,
        "function_index": function_index,
        "technique_index": technique_index,
    }
    for name, function in registry.items():
        env.macro(function, name)
