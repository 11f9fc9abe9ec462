"""mkdocs-macros entry point: registers the site's macros; the logic lives in the sibling modules."""

from __future__ import annotations

from pathlib import Path

from macros.checker.ruleset import load_ruleset
from macros.pages.checker_panel import rules_table
from macros.pages.concordance import bank_page
from macros.pages.listing import facet_index, facet_listing, sample_index
from macros.pages.pending import pending_listing
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

    def pending_listing_macro() -> str:
        catalog, up, _ = page_context()
        return pending_listing(catalog, up)

    def phrase_count() -> int:
        return len(bank_for(load_catalog(root)).phrases)

    def checker_rules() -> str:
        return rules_table(load_ruleset(root))

    def checker_counts() -> dict[str, int]:
        ruleset = load_ruleset(root)
        errors = sum(r.level == "错误" for r in ruleset.rules)
        return {"rules": len(ruleset.rules), "errors": errors, "words": len(ruleset.words)}

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
        "pending_listing": pending_listing_macro,
        "checker_rules": checker_rules,
        "checker_counts": checker_counts,
    }
    for name, function in registry.items():
        env.macro(function, name)
