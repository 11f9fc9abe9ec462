"""Long lists are cut into pages (macros/pages/paging.py): page URLs, the pager's links in both URL styles, and
every entry on exactly one page. The small library fits one page, so these tests use pages of two entries."""

from __future__ import annotations

import posixpath
from dataclasses import dataclass

import pytest
from bs4 import BeautifulSoup

import macros.pages.listing as listing
from macros.pages.generated import UNLISTED, generated_pages
from macros.pages.paging import Paging
from macros.pages.render import Links, page_url
from macros.sources.site_map import FACETS


@dataclass(frozen=True)
class TwoAPage(Paging):
    size: int = 2


@pytest.fixture
def small_pages(monkeypatch):
    monkeypatch.setattr(listing, "Paging", TwoAPage)


@pytest.mark.parametrize(
    ("first", "number", "src_uri"),
    [
        ("fanwen/index.md", 1, "fanwen/index.md"),
        ("fanwen/index.md", 2, "fanwen/page/2.md"),
        ("hangye/nongye.md", 3, "hangye/nongye/page/3.md"),
        ("index.md", 2, "page/2.md"),
    ],
)
def test_page_sources(first, number, src_uri):
    assert Paging(first, 500).src_uri(number) == src_uri


@pytest.mark.parametrize(
    ("total", "number", "shown"),
    [
        (0, 1, [1]),
        (50, 1, [1]),
        (51, 1, [1, 2]),
        (500, 1, [1, 2, 3, None, 10]),
        (500, 5, [1, 2, 3, 4, 5, 6, 7, None, 10]),
        (500, 6, [1, None, 4, 5, 6, 7, 8, 9, 10]),
        (5000, 50, [1, None, 48, 49, 50, 51, 52, None, 100]),
    ],
)
def test_pager_shows_the_first_the_last_and_the_neighbours(total, number, shown):
    paging = Paging("fanwen/index.md", total)
    assert paging.numbers(number) == shown
    assert paging.count == max(1, -(-total // 50))


def test_one_page_has_no_pager():
    assert Paging("fanwen/index.md", 50).pager(1, Links("fanwen/index.md")) == ""


def target(from_src_uri: str, href: str, use_directory_urls: bool) -> str:
    """The URL a relative href on a page reaches, as page_url writes it."""
    base = page_url(from_src_uri, use_directory_urls)
    folder = base if base.endswith("/") or not base else posixpath.dirname(base) + "/"
    joined = posixpath.normpath(posixpath.join(folder, href))
    return "" if joined == "." else joined + ("/" if href.endswith("/") else "")


@pytest.mark.parametrize("use_directory_urls", [True, False])
def test_pager_links_reach_the_pages_in_both_url_styles(use_directory_urls):
    paging = Paging("hangye/nongye.md", 120)  # three pages
    for number in (1, 2, 3):
        here = paging.src_uri(number)
        html = BeautifulSoup(paging.pager(number, Links(here, use_directory_urls)), "html.parser")
        assert html.select_one("[aria-current=page]").get_text() == str(number)
        pages = {a.get_text(): target(here, a["href"], use_directory_urls) for a in html.select("a.fw-pager__page")}
        assert pages == {str(n): page_url(paging.src_uri(n), use_directory_urls) for n in (1, 2, 3) if n != number}
        steps = {a["rel"][0]: target(here, a["href"], use_directory_urls) for a in html.select("a.fw-pager__step")}
        expected = {}
        if number > 1:
            expected["prev"] = page_url(paging.src_uri(number - 1), use_directory_urls)
        if number < 3:
            expected["next"] = page_url(paging.src_uri(number + 1), use_directory_urls)
        assert steps == expected
        assert len(html.select("span.fw-pager__step[aria-disabled=true]")) == (number in (1, 3))
        first, last = (number - 1) * 50 + 1, min(number * 50, 120)
        assert html.select_one(".fw-pager__info").get_text() == f"第 {first}–{last} 条，共 120 条"


def listed(markdown: str) -> list[str]:
    return [a["href"] for a in BeautifulSoup(markdown, "html.parser").select("ul.fw-entries a")]


@pytest.mark.parametrize("use_directory_urls", [True, False])
def test_every_sample_is_on_exactly_one_page_of_the_list(catalog, small_pages, use_directory_urls):
    pages = {p.src_uri: p for p in generated_pages(catalog)[UNLISTED]}
    count = -(-len(catalog.samples) // 2)
    sources = ["fanwen/index.md", *(f"fanwen/page/{n}.md" for n in range(2, count + 1))]
    assert [s for s in sources if s.startswith("fanwen/page/")] == sorted(s for s in pages if s.startswith("fanwen/"))
    reached = []
    for number, src_uri in enumerate(sources, start=1):
        if number == 1:  # docs/fanwen/index.md calls the macro
            markdown = listing.sample_index(catalog, Links(src_uri, use_directory_urls))
        else:
            markdown = pages[src_uri].render(use_directory_urls)
            assert f"全部范文（第{number}页）" in markdown
        reached += [target(src_uri, href, use_directory_urls) for href in listed(markdown)]
    assert reached == [page_url(s.src_uri, use_directory_urls) for s in catalog.samples]


def test_every_entry_of_a_facet_value_is_on_exactly_one_page(catalog, small_pages):
    pages = {p.src_uri: p for p in generated_pages(catalog)[UNLISTED]}
    checked = 0
    for facet, folder in FACETS.items():
        for term in catalog.vocab[facet]:
            entries = catalog.entries_with(facet, term.name)
            count = max(1, -(-len(entries) // 2))
            reached = []
            for number in range(1, count + 1):
                src_uri = f"{folder}/{term.slug}.md" if number == 1 else f"{folder}/{term.slug}/page/{number}.md"
                if number == 1:
                    markdown = listing.facet_listing(catalog, facet, term.name, Links(src_uri), 1)
                else:
                    markdown = pages.pop(src_uri).render(True)
                reached += [target(src_uri, href, True) for href in listed(markdown)]
                # Each kind's heading counts all of the value's entries of that kind, on every page.
                for kind in {e.kind for e in entries[(number - 1) * 2 : number * 2]}:
                    assert f"## {kind}（{sum(e.kind == kind for e in entries)}）" in markdown
            assert reached == [page_url(e.src_uri, True) for e in entries], term.name
            checked += count
    assert checked > sum(len(catalog.vocab[f]) for f in FACETS), "some value needs more than one page"
    assert not [s for s in pages if s.split("/")[0] in FACETS.values()], "pages no pager reaches"
