"""Pages that do not grow with the library: a library of LIBRARY_SIZE samples (macros/harness/generated_library.py) built with
the normal strict build into a copy of the project, compared with the real six-sample site.

No page exceeds MAX_PAGE_BYTES of HTML; a sample, template or 功能 page is no larger than in the small site; the
navigation lists sections instead of every sample; the lists paginate and hold every sample once; a phrase's uses
and a 功能's paragraphs are cut into pages that list each once, and the 功能 list's 行业/层级 filter finds its
paragraphs across them. Build time is printed, not asserted.
"""

from __future__ import annotations

import re
import time
from pathlib import Path
from urllib.parse import urljoin

import pytest
from browsing import axe_violations, new_context
from bs4 import BeautifulSoup
from conftest import StaticServer, copy_project, run_build
from helpers import article_of, list_pages, listed_samples, soup

from macros.build.plugin import NAV_SECTION_MAX
from macros.guides.derive import derive
from macros.harness.generated_library import grow_library
from macros.harness.search_truth import SEARCH_EXCLUDED, page_sections
from macros.pages.concordance import USES_SHOWN, uses_of
from macros.pages.guides import LIST_SIZE
from macros.pages.paging import PAGE_SIZE
from macros.sources.library import load_library
from macros.sources.site_map import FACETS

LIBRARY_SIZE = 500
MAX_PAGE_BYTES = 300_000  # the target for every generated page, at any library size
# A sample page in the large site may differ from the small site's only by what does not depend on the
# library (the navigation lists fewer entries); this is the slack for that, as a share of the page.
SAME_SIZE = 1.02


@pytest.fixture(scope="module")
def large(tmp_path_factory):
    """(site folder, its library): the project with LIBRARY_SIZE samples, built once for this module."""
    root = tmp_path_factory.mktemp("large")
    project = copy_project(root / "project")
    grow_library(project, LIBRARY_SIZE)
    started = time.perf_counter()
    result = run_build(project, root / "site")
    seconds = time.perf_counter() - started
    assert result.returncode == 0, result.stderr[-3000:]
    warnings = [line for line in result.stderr.splitlines() if "WARNING" in line]
    assert not warnings, "build printed warnings:\n" + "\n".join(warnings)
    # A fresh copy has no .cache/: every Word file is laid out, and stored for the next build.
    assert f"Word 文件：0 个取自缓存，{LIBRARY_SIZE} 个重新生成。" in result.stderr, result.stderr[-2000:]
    assert len(list((project / ".cache/docx").glob("*.docx"))) == LIBRARY_SIZE
    library = load_library(project)
    assert len(library.samples) == LIBRARY_SIZE
    print(f"\n{LIBRARY_SIZE} samples: strict build {seconds:.1f} s")
    return root / "site", library


@pytest.fixture(scope="module")
def large_functions(large):
    """The 功能 lists of the large library, derived once for the tests that read them (the checker runs on every
    sample: half a minute at 500)."""
    return derive(large[1]).functions


def frame_of(path: Path) -> tuple[int, int]:
    """A list page's bytes besides its paragraphs, and how many it lists."""
    html = path.read_text(encoding="utf-8")
    items = BeautifulSoup(html, "html.parser").select("li.fw-hit")
    return len(html.encode()) - sum(len(str(item).encode()) for item in items), len(items)


def html_sizes(site: Path) -> dict[str, int]:
    return {p.relative_to(site).as_posix(): p.stat().st_size for p in site.rglob("*.html")}


def test_no_page_exceeds_the_size_target(large):
    site, library = large
    sizes = html_sizes(site)
    assert len(sizes) > LIBRARY_SIZE
    largest = max(sizes, key=sizes.get)
    print(f"\nlargest page: {largest} {sizes[largest]:,} bytes; {len(sizes)} pages")
    assert sizes[largest] <= MAX_PAGE_BYTES, largest


def test_sample_and_template_pages_do_not_grow_with_the_library(site, catalog, large):
    big, _ = large
    small_sizes, big_sizes = html_sizes(site), html_sizes(big)
    pages = [f"{e.url}index.html" for e in catalog.entries] + ["index.html"]
    # A 功能 page lists one page of paragraphs at most; what it holds besides them (navigation, filters, pager) is
    # the same size in both libraries: nothing on it grows with the library but the paragraphs, up to a page.
    functions = [p for p in small_sizes if p.startswith("gongneng/") and p.count("/") > 1]
    small_frame = max(frame_of(site / p)[0] for p in functions)
    for path in (p for p in big_sizes if p.startswith("gongneng/") and p.count("/") > 1):
        frame, items = frame_of(big / path)
        assert items <= LIST_SIZE and frame <= small_frame * SAME_SIZE, (path, items, frame, small_frame)
    grown = {p: (small_sizes[p], big_sizes[p]) for p in pages if big_sizes[p] > small_sizes[p] * SAME_SIZE}
    assert not grown, grown


def nav_links(site: Path, url: str) -> list[str]:
    """The pages the navigation links to (not the table of contents Material nests in it for the current page)."""
    links = soup(site, url).select("nav.md-nav--primary a.md-nav__link[href]")
    return [urljoin(url, a["href"]) for a in links if not a["href"].startswith("#")]


def test_navigation_lists_sections_once_they_are_large(site, catalog, large):
    big, library = large
    sample = catalog.samples[0]
    small, large_nav = nav_links(site, sample.url), nav_links(big, sample.url)
    samples_in = [u for u in small if u.startswith("fanwen/") and u != "fanwen/"]
    assert len(catalog.samples) <= NAV_SECTION_MAX and sorted(samples_in) == sorted(s.url for s in catalog.samples)
    assert "fanwen/" in large_nav and not [u for u in large_nav if u.startswith("fanwen/") and u != "fanwen/"]
    # The guides' sections grow with the vocabulary's 文种 that have samples, not with the number of samples.
    bounded = [u for u in large_nav if not u.startswith("zhinan/")]
    assert len(bounded) == len([u for u in small if not u.startswith("zhinan/")]) - len(samples_in)
    # The phrase bank is larger than a section may be in both: its index is listed, its pages are not.
    assert len(catalog.phrases.phrases) > NAV_SECTION_MAX
    assert "biaoshu/" in small and not [u for u in small if u.startswith("biaoshu/") and u != "biaoshu/"]


def test_lists_paginate_and_hold_every_sample_once(large):
    site, library = large
    pages = list_pages(site, "fanwen/")
    assert pages == ["fanwen/", *(f"fanwen/page/{n}/" for n in range(2, -(-LIBRARY_SIZE // PAGE_SIZE) + 1))]
    assert listed_samples(site, "fanwen/") == [s.slug for s in library.samples]
    for url in pages:
        assert len(article_of(site, url).select("ul.fw-entries > li")) <= PAGE_SIZE
    for facet, folder in FACETS.items():
        for term in library.vocab[facet]:
            expected = [s.slug for s in library.samples if term.name in s.facets[facet]]
            assert listed_samples(site, f"{folder}/{term.slug}/") == expected, term.name


def busiest_phrase(library):
    return max(
        library.phrases.phrases, key=lambda p: sum(b.text.count(p.text) for s in library.samples for b in s.blocks)
    )


def test_a_phrases_uses_are_cut_into_pages_that_list_each_once(large):
    site, library = large
    phrase = busiest_phrase(library)
    uses = list(uses_of(phrase, library))
    assert len(uses) > USES_SHOWN, "the generated library should use some phrase more often than a page shows"
    urls = list_pages(site, f"biaoshu/{phrase.slug}/")
    assert urls == [f"biaoshu/{phrase.slug}/", *(f"biaoshu/{phrase.slug}/page/{n}/" for n in range(2, len(urls) + 1))]
    assert len(urls) == -(-len(uses) // USES_SHOWN)
    listed = []
    for url in urls:
        page = article_of(site, url)
        assert page.select_one(".fw-count").get_text() == str(len(uses))
        listed += [urljoin(url, a["href"]) for a in page.select(".fw-uses li > a")]
    assert listed == [f"{u.sample.url}#{u.block.anchor}" for u in uses]


def test_a_lists_further_pages_say_they_are_left_out_of_the_search(large, large_functions):
    """The index leaves a list's further pages out (front matter search: exclude); their head says so, so the truth
    the search is measured against (macros/harness/search_truth.py) leaves them out too."""
    site, library = large
    phrase_pages = list_pages(site, f"biaoshu/{busiest_phrase(library).slug}/")
    functions = large_functions
    function = max(functions, key=lambda f: len(functions[f]))
    function_pages = list_pages(site, f"gongneng/{library.term('功能', function).slug}/")
    for urls in (phrase_pages, function_pages):
        assert len(urls) > 1
        for n, url in enumerate(urls):
            html = (site / url / "index.html").read_text(encoding="utf-8")
            assert (SEARCH_EXCLUDED in html) == (n > 0), url
            assert bool(page_sections(html, url)) == (n == 0), url


def test_a_function_list_is_cut_into_pages_that_list_each_paragraph_once(large, large_functions):
    site, library = large
    functions = large_functions
    name = max(functions, key=lambda f: len(functions[f]))
    hits, slug = functions[name], library.term("功能", name).slug
    urls = list_pages(site, f"gongneng/{slug}/")
    assert len(urls) == -(-len(hits) // LIST_SIZE) > 3
    listed = []
    for url in urls:
        page = article_of(site, url)
        assert page.select_one(".fw-hits")["data-total"] == str(len(hits))
        listed += [urljoin(url, a["href"]) for a in page.select(".fw-hit__where > a:first-child")]
    assert listed == [f"{h.sample.url}#{h.block.anchor}" for h in hits]


@pytest.fixture(scope="module")
def large_server(large):
    with StaticServer(large[0]) as static:
        yield static.url


@pytest.fixture
def large_page(browser, large_server):
    context = new_context(browser, locale="zh-CN")
    context.set_default_timeout(10_000)
    page = context.new_page()
    outside: list[str] = []
    page.on("request", lambda r: None if r.url.startswith((large_server, "data:", "blob:")) else outside.append(r.url))
    yield page
    context.close()
    assert not outside, f"requests left the site: {outside}"


def test_a_person_pages_through_the_samples(large_page, large_server, large):
    site, library = large
    page = large_page
    last = -(-LIBRARY_SIZE // PAGE_SIZE)
    page.goto(large_server + "fanwen/")
    pager = page.locator("nav.fw-pager")
    assert pager.locator("[aria-current=page]").inner_text() == "1"
    pager.get_by_role("link", name="下一页").click()
    page.wait_for_url(large_server + "fanwen/page/2/")
    assert page.locator("article h1").inner_text().rstrip("¶").strip() == "全部范文（第2页）"
    first = library.samples[PAGE_SIZE]
    assert page.locator("ul.fw-entries > li a").first.inner_text() == first.title
    pager.get_by_role("link", name=f"第 {last} 页").click()
    page.wait_for_url(large_server + f"fanwen/page/{last}/")
    assert pager.locator("[aria-current=page]").inner_text() == str(last)
    assert pager.get_by_role("link", name="下一页").count() == 0
    pager.get_by_role("link", name="上一页").click()
    page.wait_for_url(large_server + f"fanwen/page/{last - 1}/")
    violations = axe_violations(page)
    assert not violations, violations


def test_a_function_lists_filter_finds_its_paragraphs_across_pages(large_page, large_server, large, large_functions):
    """Chosen on any page of a 功能's list, a 层级 and a 行业 show that page's paragraphs of them, the whole list's
    count, and links to the nearest pages before and after that have some; following them visits each once."""
    _, library = large
    functions = large_functions
    name = max(functions, key=lambda f: len(functions[f]))
    hits, slug = functions[name], library.term("功能", name).slug
    level = library.vocab["层级"][-1]
    industry = next(t for t in library.vocab["行业"] if any(t.name in h.sample.facets["行业"] for h in hits))
    wanted = [h for h in hits if level.name in h.sample.facets["层级"] and industry.name in h.sample.facets["行业"]]
    pages_with = sorted({i // LIST_SIZE + 1 for i, h in enumerate(hits) if h in wanted})
    assert len(pages_with) > 2
    page = large_page
    start = pages_with[1]  # a page in the middle: some of the wanted paragraphs before it, some after
    page.goto(large_server + (f"gongneng/{slug}/page/{start}/" if start > 1 else f"gongneng/{slug}/"))
    page.get_by_role("combobox", name="层级").select_option(level.slug)
    page.get_by_role("combobox", name="行业").select_option(industry.slug)
    status = page.locator(".fw-hitfilter__status")
    assert status.inner_text().startswith(f"符合条件的共 {len(wanted)} 段")
    assert page.locator("nav.fw-pager:not(.fw-pager--filtered)").is_hidden()  # the list's own pager
    steps = page.get_by_role("navigation", name="符合条件的段落在别的页")

    def shown() -> list[str]:
        links = page.locator(".fw-hit:visible .fw-hit__where > a:first-child")
        return [
            urljoin(page.url, href).split(large_server)[1] for href in links.evaluate_all("a => a.map(x => x.href)")
        ]

    seen = shown()
    # Back to the first page that has some, then forward through every one
    steps.get_by_role("link", name=re.compile("^上一页有的")).click()
    page.wait_for_url(re.compile(rf"gongneng/{slug}/(page/{pages_with[0]}/)?\?"))
    assert page.get_by_role("combobox", name="层级").input_value() == level.slug  # the choice came along
    assert steps.get_by_role("link", name=re.compile("^上一页有的")).count() == 0
    seen = shown() + seen
    visited = [pages_with[0], start]
    while steps.get_by_role("link", name=re.compile("^下一页有的")).count():
        steps.get_by_role("link", name=re.compile("^下一页有的")).click()
        page.wait_for_load_state()
        number = int(re.search(r"page/(\d+)/", page.url).group(1))
        if number != start:
            seen += shown()
        visited.append(number)
    assert sorted(set(visited)) == pages_with
    assert seen == [f"{h.sample.url}#{h.block.anchor}" for h in wanted]
    violations = axe_violations(page)
    assert not violations, violations
