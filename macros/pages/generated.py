"""The pages generated from the library: one per sample, one per template, one per 行业 / 文种 / 层级 value, the
three facet index pages, one per phrase of the bank, and the further pages of long lists (page 2 on).

Each page's Markdown is rendered here, once per build, from the library: no macro call is left in it and it says
`render_macros: false`, so nothing from templates_src/ is ever evaluated as a Jinja template. Titles and
descriptions are HTML-escaped before they reach MkDocs, because Material prints them into the navigation,
<title> and <meta> without escaping (MkDocs' Jinja environment has no autoescape).
"""

from __future__ import annotations

import html
import json
from collections.abc import Callable
from dataclasses import dataclass

from macros.pages.concordance import Concordance, phrase_page
from macros.pages.guides import GuidePage, guide_pages
from macros.pages.listing import facet_index, facet_listing, facet_paging, sample_index, sample_paging
from macros.pages.paging import UNLISTED, UNSEARCHED
from macros.pages.pending import PAGE_DESCRIPTION, PAGE_TITLE, PAGE_URI, pending_listing
from macros.pages.render import Links, md_text
from macros.pages.sample_notes import annotation_layer
from macros.pages.sample_page import render_sample
from macros.pages.template_page import render_template
from macros.sources.library import Library
from macros.sources.site_map import FACETS, MAINTENANCE_PAGES, PHRASE_PAGES, SAMPLE_PAGES, TEMPLATE_PAGES
from macros.word.downloads import TemplateWord

FACET_INDEX_TITLES = {"行业": "按行业浏览", "文种": "按文种浏览", "层级": "按层级浏览"}
SAMPLE_INDEX_TITLE = "全部范文"  # as docs/fanwen/index.md, page 1 of the list


@dataclass(frozen=True)
class GeneratedPage:
    src_uri: str
    nav_title: str  # already escaped for Material's templates
    # The page's Markdown for a URL style (directory URLs on the web, page.html in the folder build), which is
    # settled only after every plugin's on_config: so the navigation is listed first and pages rendered later.
    render: Callable[[bool], str]


def shown(text: str) -> str:
    """Data text for a place where Material's templates print it unescaped (nav, <title>, <meta content>)."""
    return html.escape(text, quote=True)


def page_markdown(title: str, description: str, body: str, extra: str = "") -> str:
    # JSON strings are valid YAML scalars and need no further quoting rules.
    return (
        f"---\ntitle: {json.dumps(shown(title), ensure_ascii=False)}\n"
        f"description: {json.dumps(shown(description), ensure_ascii=False)}\nrender_macros: false\n{extra}---\n\n"
        f"{body}\n"
    )


def generated_pages(library: Library, word: TemplateWord | None = None) -> dict[str, list[GeneratedPage]]:
    """Folder -> its generated pages, in the order the navigation shows them (the guides list what the draft
    checker's rules, when loaded, find in their samples; template pages take their Word parts from `word`)."""
    word = word or TemplateWord(library.templates)

    def sample_page(sample):
        def render(use_directory_urls: bool) -> str:
            links = Links(sample.src_uri, use_directory_urls)
            body = render_sample(sample, library, links, annotation_layer(sample, library, links))
            return page_markdown(sample.title, sample.summary, body, SAMPLE_EXTRA)

        return GeneratedPage(sample.src_uri, shown(sample.title), render)

    def template_page(template):
        def render(use_directory_urls: bool) -> str:
            body = render_template(template, library, Links(template.src_uri, use_directory_urls), word)
            # Template pages need the width for form and preview side by side, so they hide the page's TOC.
            return page_markdown(template.title, template.summary, body, TEMPLATE_EXTRA)

        return GeneratedPage(template.src_uri, shown(template.title), render)

    def facet_page(facet, term, number=1):
        paging = facet_paging(library, facet, term.name)
        title = paging.title(f"{facet}：{term.name}", number)
        src_uri = paging.src_uri(number)

        def render(use_directory_urls: bool) -> str:
            # The H1 is written out because the nav entry's shorter title would otherwise replace it.
            listing = facet_listing(library, facet, term.name, Links(src_uri, use_directory_urls), number)
            return page_markdown(title, term.description, f"# {md_text(title)}\n\n{listing}")

        return GeneratedPage(src_uri, shown(term.name if number == 1 else title), render)

    def sample_index_page(number):
        paging = sample_paging(library)
        title = paging.title(SAMPLE_INDEX_TITLE, number)
        src_uri = paging.src_uri(number)
        description = f"范文库收录的全部范文，第{number}页。"

        def render(use_directory_urls: bool) -> str:
            listing = sample_index(library, Links(src_uri, use_directory_urls), number)
            return page_markdown(title, description, f"# {md_text(title)}\n\n{listing}")

        return GeneratedPage(src_uri, shown(title), render)

    concordance = Concordance(library)

    def phrase(p, number=1):
        paging = concordance.paging(p)
        src_uri = paging.src_uri(number)
        title = paging.title(p.text, number)

        def render(use_directory_urls: bool) -> str:
            body = phrase_page(p, concordance, Links(src_uri, use_directory_urls), number)
            extra = PHRASE_EXTRA if number == 1 else PHRASE_EXTRA + UNSEARCHED
            return page_markdown(title, f"常用表述“{p.text}”：{p.meaning}", body, extra)

        return GeneratedPage(src_uri, shown(title), render)

    def facet_index_page(facet, folder):
        title = FACET_INDEX_TITLES[facet]
        src_uri = f"{folder}/index.md"
        names = "、".join(t.name for t in library.vocab[facet])
        description = f"按{facet}分类浏览范文库的范文和模板：{names}。"

        def render(use_directory_urls: bool) -> str:
            index = facet_index(library, facet, Links(src_uri, use_directory_urls))
            return page_markdown(title, description, f"# {md_text(title)}\n\n{index}")

        return GeneratedPage(src_uri, shown(title), render)

    folders = {
        SAMPLE_PAGES: [sample_page(s) for s in library.samples],
        TEMPLATE_PAGES: [template_page(t) for t in library.templates],
    }
    for facet, folder in FACETS.items():
        folders[folder] = [facet_page(facet, term) for term in library.vocab[facet]]
    folders[PHRASE_PAGES] = [phrase(p) for p in library.phrases.phrases]
    # Maintenance: the samples whose metadata is marked 待确认 (macros/pages/pending.py); mkdocs.yml's nav lists it.
    folders[MAINTENANCE_PAGES] = [
        GeneratedPage(
            PAGE_URI,
            shown(PAGE_TITLE),
            lambda urls: page_markdown(PAGE_TITLE, PAGE_DESCRIPTION, pending_listing(library, Links(PAGE_URI, urls))),
        )
    ]
    # Not listed in the navigation (their folder's entry is the page itself), so kept apart.
    folders["_index"] = [facet_index_page(facet, folder) for facet, folder in FACETS.items()]
    # 写作指南: guides, side-by-side outlines, 功能 and 技法 pages and their indexes (macros/pages/guides.py).
    for folder, pages in guide_pages(library).items():
        folders.setdefault(folder, []).extend(guide_page(page) for page in pages)
    more = [sample_index_page(n) for n in range(2, sample_paging(library).count + 1)]
    for facet in FACETS:
        for term in library.vocab[facet]:
            more += [facet_page(facet, term, n) for n in range(2, facet_paging(library, facet, term.name).count + 1)]
    for p in library.phrases.phrases:
        more += [phrase(p, n) for n in range(2, concordance.paging(p).count + 1)]
    folders.setdefault(UNLISTED, []).extend(more)
    return folders


def guide_page(page: GuidePage) -> GeneratedPage:
    def render(use_directory_urls: bool) -> str:
        body = page.body(Links(page.src_uri, use_directory_urls))
        return page_markdown(page.title, page.description, body, page.extra)

    return GeneratedPage(page.src_uri, shown(page.nav_title), render)


# Sample pages load the 显示批注 switch (on screen and in print), the phrase tooltips and the 技法 notes.
SAMPLE_EXTRA = "scripts: [assets/notes-switch.js, assets/tips.js, assets/tech-notes.js]\n"
# A phrase page's use links name their sample in a tooltip.
PHRASE_EXTRA = "scripts: [assets/tips.js]\n"
# Template pages load the form, Word and (on the first click) fflate scripts; nothing else does.
TEMPLATE_EXTRA = "hide: [toc]\nscripts: [assets/muban.js, assets/docx-fill.js, assets/tips.js]\n"
