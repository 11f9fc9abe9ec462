"""The macros that hand-written pages in docs/ call, e.g. {{ facet_index("行业") }} or {{ library_counts().samples }}.

`page_macros` returns the registry that macros/build/plugin.py hands to mkdocs-macros; every macro reads the
build's Library and the page being rendered, never the disk. Generated pages call no macros at all.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError

from macros.importer.bundle import page_settings
from macros.importer.run import DOCUMENTS
from macros.pages.checker_panel import rules_table
from macros.pages.concordance import bank_page
from macros.pages.listing import facet_index, facet_listing, facet_names, sample_index
from macros.pages.render import Links, fragment
from macros.pages.sample_notes import annotation_layer
from macros.pages.sample_page import render_sample
from macros.pages.template_page import render_template, template_index
from macros.similar.passages import MIN_CHARS
from macros.sources.catalog import names
from macros.sources.errors import SourceError, line_containing
from macros.sources.library import Library
from macros.sources.yaml_source import MAX_LINE_CHARS
from macros.word.downloads import TemplateWord

CONTRIBUTE_IDS = {"文种": "kind", "层级": "level"}  # the 投稿 form's lists besides 行业, with their element ids


def contribute_form(library: Library) -> str:
    """The 投稿 page's form: the vocabulary's lists as this build has them (never retyped), and what its script needs
    to write a bundle the importer reads (macros/importer/bundle.py)."""
    return str(
        fragment(
            "contribute",
            settings={**page_settings(), "suffixes": sorted(DOCUMENTS)},
            accept=",".join(sorted(DOCUMENTS)),
            sectors=names(library.vocab, "行业"),
            lists=[(key, ident, names(library.vocab, key)) for key, ident in CONTRIBUTE_IDS.items()],
            max_chars=MAX_LINE_CHARS,
        )
    )


def page_macros(library: Library, word: TemplateWord, macros_plugin, config) -> dict:
    ruleset = library.ruleset

    def current() -> tuple[str, Links]:
        """The current page's src_uri, and links from it."""
        src_uri = macros_plugin.page.file.src_uri
        return src_uri, Links(src_uri, config.use_directory_urls)

    def unknown(kind: str, slug: str, known: list[str]) -> PluginError:
        src_uri, _ = current()
        path = Path(config.docs_dir) / src_uri
        error = SourceError(
            path if path.exists() else f"docs/{src_uri}",
            line_containing(path, slug),
            f"没有 slug 为“{slug}”的{kind}。",
            f"改成已有的 slug：{'、'.join(known)}。",
        )
        return PluginError(str(error))

    def sample_page(slug: str) -> str:
        sample = library.sample(slug)
        if sample is None:
            raise unknown("范文", slug, [s.slug for s in library.samples])
        links = current()[1]
        return render_sample(sample, library, links, annotation_layer(sample, library, links))

    def template_page(slug: str) -> str:
        template = library.template(slug)
        if template is None:
            raise unknown("模板", slug, [t.slug for t in library.templates])
        return render_template(template, library, current()[1], word)

    return {
        "library_counts": lambda: {
            "samples": len(library.samples),
            "templates": len(library.templates),
            "phrases": len(library.phrases.phrases),
        },
        "similar_counts": lambda: {"shortest": MIN_CHARS},
        "checker_counts": lambda: {
            "rules": len(ruleset.rules),
            "errors": sum(r.level == "错误" for r in ruleset.rules),
            "words": len(ruleset.words),
        },
        "checker_rules": lambda: rules_table(ruleset),
        "facet_names": lambda facet: facet_names(library, facet),
        "sample_page": sample_page,
        "template_page": template_page,
        "facet_listing": lambda facet, name: facet_listing(library, facet, name, current()[1]),
        "facet_index": lambda facet: facet_index(library, facet, current()[1]),
        "sample_index": lambda: sample_index(library, current()[1]),
        "template_index": lambda: template_index(library, current()[1]),
        "phrase_bank": lambda: bank_page(library.phrases, library, current()[1]),
        "contribute_form": lambda: contribute_form(library),
    }
