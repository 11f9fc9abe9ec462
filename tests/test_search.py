"""Exact phrase search: build side, the contract with Material's bundle, and the search box in Chromium.

The index is sharded (macros/search/shards.py, unit tests in test_search_shards.py); here it is used as the site
uses it: over http from the session's build (the folder build from file:// is in test_offline.py).
"""

from __future__ import annotations

import functools
import json
import re
import shutil
from pathlib import Path
from urllib.parse import unquote, urlsplit

import material
import pytest
from browsing import draw_all_results, new_context
from conftest import ROOT, StaticServer

from macros.build.scripts import publish_scripts
from macros.harness.search_truth import PHRASES, expected, page_sections, sections_per_page, site_sections
from macros.search.index import fold, hashed_name, stock_worker_path
from macros.search.sections import Section, split_sections
from macros.search.shards import Page, build_index

MATERIAL = Path(material.__file__).parent / "templates"
SCRIPT = ROOT / "docs/assets/search/search.js"


# ---------------------------------------------------------------- plain functions


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("一级抓一级，一级对一级负责", "一级抓一级,一级对一级负责"),
        ("ＧＤＰ增长", "gdp增长"),
        ("4A级", "4a级"),
        ("５０００万元", "5000万元"),
        ("“一村一品”", "“一村一品”"),  # quotation marks have no compatibility form
        ("……", "......"),
        ("　", " "),
    ],
)
def test_fold(text, folded):
    assert fold(text) == folded


def test_hashed_name_follows_the_content():
    a = hashed_name("assets/search/search.js", "a")
    assert re.fullmatch(r"assets/search/search\.[0-9a-f]{10}\.js", a)
    assert a == hashed_name("assets/search/search.js", "a") != hashed_name("assets/search/search.js", "b")


# ---------------------------------------------------------------- the contract with Material's bundle


def test_material_still_speaks_the_protocol_our_worker_speaks():
    """Fails after a Material upgrade that changes the worker protocol: then compare search.js with Material's worker."""
    base = (MATERIAL / "base.html").read_text(encoding="utf-8")
    assert stock_worker_path(base), "base.html no longer names one search worker"
    [bundle] = (MATERIAL / "assets/javascripts").glob("bundle.*.min.js")
    code = bundle.read_text(encoding="utf-8")
    contract = {
        "SETUP carries config and docs": r"\{type:0,data:\{config:\w+,docs:\w+,options:\{suggest:",
        "READY is type 1": r"return \w+\.type===1\}",
        "QUERY is type 2 with the query text": r"\.next\(\{type:2,data:\w+\}\)",
        "RESULT is type 3": r"return \w+\.type===3\}",
        "the worker URL is config.search": r"\w+\(\w+\.search,\w+\)",
        "the index is search/search_index.json": r'new URL\("search/search_index\.json"',
        "results render items[].location/title/text/score": r"data-md-score\":\w+\.score\.toFixed\(2\)",
        "a result with no '#' heads its page": r'includes\("#"\)',
        "highlight terms go into the h parameter": r'searchParams\.set\("h",',
    }
    missing = [name for name, pattern in contract.items() if not re.search(pattern, code)]
    assert not missing, f"Material's bundle changed: {missing}"
    ours = SCRIPT.read_text(encoding="utf-8")
    for name, value in {"SETUP": 0, "READY": 1, "QUERY": 2, "RESULT": 3}.items():
        assert f"const {name} = {value};\n" in ours


def test_material_version_is_pinned():
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert f'"mkdocs-material=={material.__version__}"' in pyproject


# ---------------------------------------------------------------- the built site


def test_index_is_configuration_and_the_shards_hold_the_text(site):
    """A page view fetches search_index.json (Material does): it names the manifest and holds no text."""
    raw = (site / "search/search_index.json").read_bytes()
    assert len(raw) < 1000
    index = json.loads(raw)
    assert index["docs"] == []
    manifest = index["config"]["fanwenku"]["manifest"]
    assert re.fullmatch(r"search/shards/manifest\.[0-9a-f]{10}\.js", manifest) and (site / manifest).is_file()
    shards = sorted((site / "search/shards").glob("t*.js"))
    text = "".join(path.read_text(encoding="utf-8") for path in shards)
    assert "强势推进" in text and "\u200b" not in text  # plain UTF-8, never segmented
    assert len(list((site / "search/shards").glob("k*.js"))) > 1


def text_lines(text: str) -> list[str]:
    """A section's lines, sorted. A run of ASCII spaces is one boundary to the index (sections.py squeeze: queries
    split at whitespace), as it is to titles; an aligned comment in a code block of the manual has such runs."""
    return sorted(re.sub(r"[ \t\r\f]+", " ", line).strip() for line in text.split("\n") if line.strip())


def test_the_index_splits_pages_as_the_ground_truth_does(site):
    """Two independent splitters (the index's, a tokenizing pattern; the truth's, BeautifulSoup) agree on every page."""
    checked = 0
    for path in sorted(site.rglob("index.html")):
        url = path.parent.relative_to(site).as_posix() + "/"
        url = "" if url == "./" else url
        html = path.read_text(encoding="utf-8")
        truth = page_sections(html, url)
        ours = split_sections(html, url, notes=url.startswith("fanwen/") and url != "fanwen/")
        assert [(s.location, " ".join(s.title.split())) for s in truth] == [(s.location, s.title) for s in ours], url
        for t, o in zip(truth, ours, strict=True):
            assert text_lines("".join(t.text)) == text_lines(f"{o.text}\n{o.note}"), t.location
            checked += 1
    assert checked > 100


def test_pages_start_our_hashed_worker(site):
    bundle = publish_scripts(ROOT, {"checker-rules": str})  # the search bundle needs no generated part
    published = bundle.name("assets/search/search.js")
    assert (site / published).read_text(encoding="utf-8") == bundle.content[published]
    assert bundle.content[published].endswith(SCRIPT.read_text(encoding="utf-8"))  # after its twins
    assert not (site / "assets/search/search.js").exists(), "the unhashed name would be cached stale"
    pages = sorted(site.rglob("index.html"))
    for path in pages:
        html = path.read_text(encoding="utf-8")
        config = json.loads(re.search(r'<script id="__config" type="application/json">(.*?)</script>', html).group(1))
        assert config["search"].endswith(published), f"{path}: {config['search']}"
        assert f'{published}"></script>' in html
        # Before Material's bundle: the page script must see the bundle start the worker
        assert html.index(f'{published}"></script>') < html.index("assets/javascripts/bundle.")
        assert "assets/javascripts/workers/search." not in html


@functools.cache
def truth_sections(site: Path) -> tuple:
    """The ground truth's sections of a built site (search_truth.site_sections), split once: the site is not changed."""
    return tuple(site_sections(site))


# ---------------------------------------------------------------- in Chromium

# Notes the last query Material sends and the last complete answer the worker gives (it may answer an early screen
# first, and skips a query a newer one has replaced); it changes nothing.
# Material closes the search dialog 125 ms after every change of address (an instant navigation, a step in the
# history, a new #fragment): each change is counted, and counted again as settled once a timer set to fire after
# Material's has fired, so that a test opens the dialog only when no such close is still to come.
WATCH_WORKER = """
window.__moves = 0
window.__settledMoves = 0
const moved = () => {
  window.__moves += 1
  setTimeout(() => { window.__settledMoves += 1 }, 250)
}
addEventListener("popstate", moved)
addEventListener("hashchange", moved)
const nativePushState = history.pushState
history.pushState = function (...args) {
  moved()
  return nativePushState.apply(this, args)
}
const NativeWorker = window.Worker
window.Worker = class extends NativeWorker {
  constructor(...args) {
    super(...args)
    window.__searchWorker = this
    this.asked = null
    this.answer = null
    this.addEventListener("message", event => {
      const data = event.data
      if (data.type === 3 && data.data.fanwenku && data.data.fanwenku.done) this.answer = data.data.fanwenku
    })
  }
  postMessage(message, ...rest) {
    if (message && message.type === 2) this.asked = message.data
    return super.postMessage(message, ...rest)
  }
}
"""
ANSWERED = "(w => w && w.asked !== null && w.answer && w.answer.query === w.asked)(window.__searchWorker)"
SETTLED = "window.__moves === window.__settledMoves"
DIALOG_OPEN = "document.getElementById('__search').checked"
CHUNK = re.compile(r"[\x00-\x7f]+|[^\x00-\x7f]{1,2}")


def open_search(page) -> None:
    if not page.evaluate(DIALOG_OPEN):
        page.evaluate("document.activeElement && document.activeElement.blur()")  # as a click elsewhere does
        page.keyboard.press("/")  # Material's shortcut: focus the search box, which opens the dialog


def type_query(page, text: str, at_once: bool = False) -> None:
    """Type as a person does: Latin letters and digits key by key, Chinese as IME commits of a word or two (or
    at_once: the whole text as one commit, so that no shorter query runs before it)."""
    page.wait_for_function(SETTLED)  # no close of the dialog still to come from a change of address
    page.evaluate("(w => { if (w) w.answer = null })(window.__searchWorker)")  # an answer to this query, not an old one
    open_search(page)
    page.keyboard.press("Control+A")
    page.keyboard.press("Backspace")
    for chunk in [text] if at_once else CHUNK.findall(text):
        if chunk.isascii():
            page.keyboard.type(chunk, delay=15)
        else:
            page.keyboard.insert_text(chunk)  # the IME commits the characters ...
            page.keyboard.up("Space")  # ... on the key that chose them: Material searches on keyup
    try:
        page.wait_for_function(ANSWERED, timeout=15_000)
    except Exception as error:
        state = page.evaluate("(w => w && {asked: w.asked, answer: w.answer && w.answer.query})(window.__searchWorker)")
        raise AssertionError(
            f"no answer to {text!r}: {state}, box {page.locator('.md-search__input').input_value()!r}"
        ) from error
    try:
        page.wait_for_function(DIALOG_OPEN, timeout=5_000)
    except Exception as error:
        raise AssertionError("the search dialog does not open") from error


def result_count(page) -> int:
    meta = page.locator(".md-search-result__meta").inner_text()
    return int(re.search(r"\d+", meta).group()) if re.search(r"\d", meta) else 0


def all_results(page) -> list:
    """Every rendered result group; Material draws 10 and more as the list is scrolled."""
    count = result_count(page)
    items = page.locator(".md-search-result__item")
    draw_all_results(page, count)
    assert items.count() == count
    drawn_once_settled(page)
    return items.all()


def location_of(href: str) -> str:
    parts = urlsplit(href)
    path = unquote(parts.path).lstrip("/")
    return path + (f"#{unquote(parts.fragment)}" if parts.fragment else "")


def section_links(page) -> list:
    """Result entries for sections; the entry heading each page group (an <h1>) is the page itself."""
    return page.locator(".md-search-result__link:has(h2)").all()


@pytest.fixture
def search_page(page, server):
    page.add_init_script(WATCH_WORKER)
    page.on("dialog", lambda dialog: pytest.fail(f"a dialog opened: {dialog.message}"))
    page.goto(server + "fanwen/")
    return page


def test_every_phrase_finds_exactly_the_sections_that_hold_it(search_page, site):
    sections = truth_sections(site)
    truths = {phrase: expected(sections, phrase) for phrase in PHRASES}
    # The list must exercise what it claims: hits in several pages, none at all, hits in titles.
    assert len(PHRASES) >= 20
    assert any(not truth for truth in truths.values())
    assert any(len({loc.split("#")[0] for loc in truth}) >= 3 for truth in truths.values())
    assert any(fold(phrase) in fold(s.title) for phrase in PHRASES for s in sections if len(phrase.split()) == 1)
    wrong = {}
    for phrase in PHRASES:
        type_query(search_page, phrase)
        all_results(search_page)
        found = {location_of(link.get_attribute("href")) for link in section_links(search_page)}
        if found != truths[phrase]:
            wrong[phrase] = {"missed": sorted(truths[phrase] - found), "extra": sorted(found - truths[phrase])}
        pages = {loc.split("#")[0] for loc in truths[phrase]}
        assert result_count(search_page) == len(pages), phrase
    assert not wrong, json.dumps(wrong, ensure_ascii=False, indent=1)


# A text file of the index (the text of one page, or of a part of it), as the browser requests it
TEXT_FILE = re.compile(r"/search/shards/t(\d+)(-\d+)?\.[0-9a-f]+\.js$")
FIRST_SCREEN = 10  # search.js: the result groups drawn with an answer (an early one too, while the rest loads)


def drawn_once_settled(page) -> int:
    """How many result groups Material has drawn, once the page script has filled those it drew as placeholders."""
    page.wait_for_function("!document.querySelector('.md-search-result .fw-search-pending')")
    return page.locator(".md-search-result__item").count()


def test_complete_counts_come_without_the_text_of_every_result(search_page, site, catalog):
    """Every result page, its number of sections and each filter value's count come from the postings: the only
    text fetched is that of the result groups drawn on screen."""
    texts = []
    search_page.on("request", lambda request: texts.append(request.url) if TEXT_FILE.search(request.url) else None)
    phrase = "招商引资"
    type_query(search_page, phrase, at_once=True)
    answer = search_page.evaluate("window.__searchWorker.answer")
    per_page = sections_per_page(expected(truth_sections(site), phrase))
    drawn = drawn_once_settled(search_page)
    assert result_count(search_page) == len(per_page)
    assert sorted(answer["sections"]) == sorted(per_page.values())
    assert filter_counts(search_page) == expected_counts(site, catalog, phrase)
    # Text of the pages drawn, and of an early first screen (shown while the postings load) if there was one
    pages_read = {TEXT_FILE.search(url).group(1) for url in texts}
    assert 0 < len(pages_read) <= drawn + FIRST_SCREEN < len(per_page), (len(pages_read), drawn, len(per_page))
    # Scrolling draws the rest, each page's sections fetched as it comes
    groups = all_results(search_page)
    drawn_once_settled(search_page)
    found = {location_of(link.get_attribute("href")) for link in section_links(search_page)}
    assert found == expected(truth_sections(site), phrase) and len(groups) == len(per_page)
    assert len({TEXT_FILE.search(url).group(1) for url in texts}) == len(per_page)


def test_every_occurrence_is_marked_in_context(search_page, site):
    sections = {s.location: s for s in truth_sections(site)}
    for phrase in ["招商引资", "4A", "一级抓一级，一级对一级负责", "凝心聚力"]:
        type_query(search_page, phrase)
        all_results(search_page)
        for link in section_links(search_page):
            section = sections[location_of(link.get_attribute("href"))]
            marks = link.locator("mark").all_inner_texts()
            assert marks and all(fold(mark) == fold(phrase) for mark in marks), (phrase, marks)
            occurrences = fold(section.title).count(fold(phrase)) + fold("".join(section.text)).count(fold(phrase))
            if "另有" not in link.inner_text():
                assert len(marks) == occurrences, (phrase, section.location)


KINDS = ["范文", "模板", "常用表述", "其他页面"]


def page_kind(url: str, catalog) -> str:
    """What a page is, from the catalog (samples, templates) and its folder (the phrase bank)."""
    if any(url == s.url for s in catalog.samples):
        return "范文"
    if any(url == t.url for t in catalog.templates):
        return "模板"
    return "常用表述" if url.startswith("biaoshu/") else "其他页面"


def group_url(group) -> str:
    """The page a result group stands for: its first link, the page itself (an <h1>)."""
    return location_of(group.locator(".md-search-result__link").first.get_attribute("href")).split("#")[0]


def original_hit(site: Path, url: str, phrase: str) -> bool:
    """Whether a sample page holds the phrase in its original text, not only in our annotations."""
    html = (site / url / "index.html").read_text(encoding="utf-8")
    return any(fold(phrase) in fold(s.title) or fold(phrase) in fold(s.text) for s in split_sections(html, url, True))


@pytest.mark.parametrize("phrase", ["攻坚克难", "招商引资", "写法要点", "凝心聚力"])
def test_results_rank_real_use_first(search_page, site, catalog, phrase):
    """Samples whose original text holds the phrase, then templates, the phrase bank, samples that hold it only in
    our annotations, other pages; inside each, pages with a title hit first."""
    type_query(search_page, phrase)
    groups = all_results(search_page)
    ranks, in_title = [], []
    for group in groups:
        url = group_url(group)
        kind = page_kind(url, catalog)
        rank = {"范文": 0, "模板": 1, "常用表述": 2, "其他页面": 4}[kind]
        if kind == "范文" and not original_hit(site, url, phrase):
            rank = 3
        ranks.append(rank)
        titles = [link.locator("h2").inner_text() for link in group.locator(".md-search-result__link:has(h2)").all()]
        in_title.append(any(fold(phrase) in fold(title) for title in titles))
    assert ranks == sorted(ranks), [group_url(g) for g in groups]
    for rank in set(ranks):
        titled = [t for r, t in zip(ranks, in_title, strict=True) if r == rank]
        assert titled == sorted(titled, reverse=True), f"a page with a title hit below one without (rank {rank})"
    if phrase == "攻坚克难":
        assert ranks[0] == 0 and 1 in ranks and 2 in ranks and 4 in ranks, ranks
    if phrase == "写法要点":  # only in the 写法要点 boxes of samples: all annotation hits
        assert 3 in ranks and 0 not in ranks, ranks


def test_a_result_says_what_it_is(search_page, catalog):
    """A sample's group shows 范文, its 文种 and 层级 under its title; a template's shows 模板 and the same."""
    type_query(search_page, "攻坚克难")
    seen = set()
    for group in all_results(search_page):
        url = group_url(group)
        tags = group.locator(".md-tag").all_inner_texts()
        entry = next((e for e in [*catalog.samples, *catalog.templates] if e.url == url), None)
        if entry is None:
            assert tags in ([], ["常用表述"]), (url, tags)
            continue
        assert tags == [entry.kind, *entry.facets["文种"], *entry.facets["层级"]], (url, tags)
        seen.add(entry.kind)
    assert seen == {"范文", "模板"}


def test_an_annotation_hit_is_labelled_and_the_original_comes_first(search_page):
    # In the sample's text and in its 写法要点 box (our annotation) of the same section
    type_query(search_page, "攻坚克难")
    first = search_page.locator(".md-search-result__item").first
    texts = first.locator(".md-search-result__link:has(h2) article > p")
    assert texts.count() >= 2
    assert texts.first.get_attribute("class") is None and texts.first.locator("mark").count() >= 1
    note = first.locator(".md-search-result__link:has(h2) p.fw-search-note")
    assert note.count() == 1
    assert note.locator(".fw-search-note__label").inner_text() == "批注"
    assert set(note.locator("mark").all_inner_texts()) == {"攻坚克难"}
    # Only in annotations: every snippet of those samples is labelled
    type_query(search_page, "写法要点")
    samples = [g for g in all_results(search_page) if group_url(g).startswith("fanwen/") and group_url(g) != "fanwen/"]
    assert samples
    for group in samples:
        for link in group.locator(".md-search-result__link:has(h2)").all():
            assert link.locator("p.fw-search-note mark").count() >= 1
            assert link.locator("article > p:not(.fw-search-note) mark").count() == 0


# ---------------------------------------------------------------- filters


def filter_counts(page) -> dict[str, dict[str, int]]:
    """The filter bar as shown: group -> value -> count."""
    shown = {}
    for row in page.locator(".fw-search-filters__row").all():
        name = row.locator(".fw-search-filters__label").inner_text()
        shown[name] = {}
        for button in row.locator("button").all():
            value, count = button.inner_text().rsplit(maxsplit=1)
            shown[name][value] = int(count)
    return shown


def choose(page, group: str, value: str, on: bool = True) -> None:
    """Click a filter value (to choose it, or with on=False to take it back) and wait for the worker's answer."""
    row = page.locator(".fw-search-filters__row", has=page.locator(".fw-search-filters__label", has_text=group))
    row.locator("button", has_text=value).click()
    page.wait_for_function(
        """([g, v, on]) => {
          const answer = window.__searchWorker.answer
          const groups = answer && answer.groups
          if (!groups) return false
          const gi = groups.findIndex(([name]) => name === g)
          return (answer.filters[gi] || []).includes(groups[gi][1].indexOf(v)) === on
        }""",
        arg=[group, value, on],
    )


def expected_counts(site: Path, catalog, phrase: str, chosen: dict[str, str] | None = None) -> dict:
    """Per group and value, the pages holding the phrase that have the value and pass the other groups' choice."""
    chosen = chosen or {}
    entries = {e.url: e for e in [*catalog.samples, *catalog.templates]}
    pages = {location.split("#")[0] for location in expected(truth_sections(site), phrase)}

    def values(url: str, group: str) -> list[str]:
        if group == "类别":
            return [page_kind(url, catalog)]
        return entries[url].facets[group] if url in entries else []

    counts: dict[str, dict[str, int]] = {}
    for group in ["类别", "行业", "文种", "层级"]:
        for url in pages:
            if all(chosen[g] in values(url, g) for g in chosen if g != group):
                for value in values(url, group):
                    counts.setdefault(group, {}).setdefault(value, 0)
                    counts[group][value] += 1
    return counts


def test_filters_narrow_the_results_and_count_each_value(search_page, site, catalog):
    phrase = "招商引资"
    type_query(search_page, phrase)
    assert search_page.locator(".fw-search-filters").is_visible()
    assert filter_counts(search_page) == expected_counts(site, catalog, phrase)
    everything = result_count(search_page)

    choose(search_page, "文种", "讲话稿")
    assert filter_counts(search_page) == expected_counts(site, catalog, phrase, {"文种": "讲话稿"})
    groups = all_results(search_page)
    urls = [group_url(g) for g in groups]
    speeches = [e.url for e in [*catalog.samples, *catalog.templates] if "讲话稿" in e.facets["文种"]]
    assert urls and set(urls) <= set(speeches), urls
    assert result_count(search_page) == filter_counts(search_page)["文种"]["讲话稿"] < everything
    button = search_page.locator(".fw-search-filters button", has_text="讲话稿")
    assert button.get_attribute("aria-pressed") == "true"

    # Two groups combine (and), values in a group add up (or)
    choose(search_page, "类别", "模板")
    assert {page_kind(group_url(g), catalog) for g in all_results(search_page)} == {"模板"}
    choose(search_page, "类别", "范文")
    assert {page_kind(group_url(g), catalog) for g in all_results(search_page)} == {"范文", "模板"}
    choose(search_page, "类别", "模板", on=False)
    choose(search_page, "类别", "范文", on=False)

    # The choice survives a full page load (the default build has no instant navigation) ...
    search_page.goto(search_page.url.split("?")[0].replace("fanwen/", "about/"))
    type_query(search_page, "项目")
    assert search_page.locator(".fw-search-filters button", has_text="讲话稿").get_attribute("aria-pressed") == "true"
    assert {group_url(g) for g in all_results(search_page)} <= set(speeches)
    # ... until it is cleared
    search_page.locator(".fw-search-filters__clear").click()
    search_page.wait_for_function("!window.__searchWorker.answer.filters.some(group => group.length)")
    assert not set(group_url(g) for g in all_results(search_page)) <= set(speeches)


def test_the_filter_bar_is_reached_from_the_search_box_by_keyboard(search_page):
    type_query(search_page, "招商引资")
    search_page.keyboard.press("Tab")  # Material closes the dialog on Tab; from the box it goes to the filters
    focused = search_page.evaluate("document.activeElement.closest('.fw-search-filters') !== null")
    assert focused and search_page.evaluate("document.getElementById('__search').checked")
    search_page.keyboard.press("Enter")
    search_page.wait_for_function("window.__searchWorker.answer.filters.some(group => group.length)")
    assert search_page.evaluate("document.activeElement.getAttribute('aria-pressed')") == "true"


# ---------------------------------------------------------------- the worker on an index made for the test


@pytest.fixture(scope="module")
def harness(site, tmp_path_factory):
    """The site's worker script and an index built here from pages with markup and characters that fold."""
    folder = tmp_path_factory.mktemp("harness")
    [script] = (site / "assets/search").glob("search.*.js")
    (folder / "assets/search").mkdir(parents=True)
    shutil.copy(script, folder / "assets/search" / script.name)
    pages = [
        Page(
            "x/",
            "<script>alert(1)</script>",
            "其他页面",
            [
                Section("x/", "<script>alert(1)</script>"),
                Section("x/#a", "<b>强势推进", "<img src=x onerror=alert(1)>强势推进"),
            ],
        ),
        Page("f/", "折叠", "其他页面", [Section("f/", "折叠", "ＧＤＰ增长 5㎞ 𠮷野家 …… Ⅻ期")]),
        # More result pages than the worker lists with their sections
        *(
            Page(
                f"m{i}/",
                f"第{i}页",
                "其他页面",
                [Section(f"m{i}/", f"第{i}页", "同一句话"), Section(f"m{i}/#b", "乙", "同一句话")],
            )
            for i in range(130)
        ),
    ]
    index = build_index(pages, {"行业": [], "文种": [], "层级": []})
    for name, content in index.files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(content, encoding="utf-8")
    (folder / "index.html").write_text("<!doctype html><title>worker</title>", encoding="utf-8")
    with StaticServer(folder) as static:
        yield static.url, f"assets/search/{script.name}", index.manifest


ASK_WORKER = """async ([script, manifest, queries]) => {
  const worker = new Worker(script)
  const replies = []
  let waiting = null
  worker.onmessage = event => {
    const data = event.data
    if (data.type === 1 || (data.type === 3 && data.data.fanwenku.done)) waiting(data)
  }
  const ask = message => new Promise(resolve => { waiting = resolve; worker.postMessage(message) })
  await ask({type: 0, data: {config: {fanwenku: {manifest}}, docs: [], options: {}}})
  for (const query of queries) replies.push((await ask({type: 2, data: query})).data)
  worker.terminate()
  return replies
}"""


def test_markup_in_a_query_or_in_page_text_stays_text(search_page, browser, harness):
    type_query(search_page, "<img src=x onerror=alert(1)>")
    assert search_page.locator(".md-search-result img").count() == 0
    base, script, manifest = harness
    context = new_context(browser)
    page = context.new_page()
    page.goto(base)
    [reply] = page.evaluate(ASK_WORKER, [script, manifest, ["<img 强势推进"]])
    context.close()
    [[head, section]] = reply["items"]
    assert head["title"] == "&#60;script&#62;alert(1)&#60;/script&#62;"
    assert section["title"] == "&#60;b&#62;<mark>强势推进</mark>"
    assert section["text"] == "<p><mark>&#60;img</mark> src=x onerror=alert(1)&#62;<mark>强势推进</mark></p>"


# ASK_WORKER, then the placeholders of the last reply drawn (DRAW): [reply, drawn groups, files fetched, of which text]
ASK_AND_DRAW = """async ([script, manifest, query]) => {
  const worker = new Worker(script)
  let waiting = null
  worker.onmessage = event => waiting && waiting(event.data)
  const ask = (message, until) => new Promise(resolve => {
    waiting = data => { if (until(data)) { waiting = null; resolve(data) } }
    worker.postMessage(message)
  })
  await ask({type: 0, data: {config: {fanwenku: {manifest}}, docs: [], options: {}}}, d => d.type === 1)
  const reply = (await ask({type: 2, data: query}, d => d.type === 3 && d.data.fanwenku.done)).data
  /* A placeholder names the answer; the page script names it by its place in the list */
  const pending = reply.items.flatMap((group, rank) => {
    const found = /fw-search-pending" data-answer="(\\d+)"/.exec(group[0].text)
    return found ? [[Number(found[1]), rank]] : []
  })
  const drawn = pending.length ? (await ask(
    {type: "fanwenku-draw", data: {answer: pending[0][0], ranks: pending.map(([, rank]) => rank)}},
    d => d.type === "fanwenku-drawn")).data : {groups: []}
  worker.terminate()
  return [reply, drawn]
}"""


def test_a_long_list_draws_its_first_screen_and_the_rest_when_asked(browser, harness):
    """Every result page is counted, with its sections, from the postings; only the first screen's text is fetched.
    The others come as placeholders (Material draws them as the list scrolls), drawn when the page script asks."""
    base, script, manifest = harness
    context = new_context(browser)
    page = context.new_page()
    page.goto(base)
    reply, drawn = page.evaluate(ASK_AND_DRAW, [script, manifest, "同一句话"])
    context.close()
    groups, about = reply["items"], reply["fanwenku"]
    assert len(groups) == 130  # every page, as Material counts them
    assert about["sections"] == [2] * 130  # and its sections, without their text
    listed, pending = groups[:10], groups[10:]
    assert all(len(g) == 3 and "<mark>同一句话</mark>" in g[1]["text"] for g in listed)
    assert about["fetchedText"] == 10  # the text of the first screen's pages, one file each, no more
    assert all(group == pending[0] and 'class="fw-search-pending"' in group[0]["text"] for group in pending)
    assert [rank for rank, _ in drawn["groups"]] == list(range(10, 130))
    assert all(len(g) == 3 and "<mark>同一句话</mark>" in g[2]["text"] for _, g in drawn["groups"])
    urls = [g[0]["location"].split("?")[0] for _, g in drawn["groups"]] + [
        g[0]["location"].split("?")[0] for g in listed
    ]
    assert sorted(urls) == sorted(f"m{i}/" for i in range(130))
    assert drawn["fetchedText"] == 130


@pytest.mark.parametrize(
    ("query", "mark"),
    [
        ("gdp", "ＧＤＰ"),  # full-width capitals
        ("5km", "5㎞"),  # one character that folds to two
        ("𠮷野", "𠮷野"),  # outside the BMP: a surrogate pair in JavaScript, one code point in Python
        ("野", "野"),  # one character: the unigram table
        ("...", "……"),
        ("xii期", "Ⅻ期"),
        ("增长 家", "增长"),  # two terms
    ],
)
def test_browser_and_index_fold_alike(browser, harness, query, mark):
    """The index folds and hashes keys in Python, the worker in JavaScript: they must meet on every key."""
    base, script, manifest = harness
    context = new_context(browser)
    page = context.new_page()
    page.goto(base)
    [reply] = page.evaluate(ASK_WORKER, [script, manifest, [query]])
    context.close()
    [[head, section]] = reply["items"]
    assert head["location"].startswith("f/?hl=")
    assert f"<mark>{mark}</mark>" in section["text"]


def test_a_result_leads_to_its_section_with_the_phrase_marked(search_page):
    phrase = "一级抓一级，一级对一级负责"
    type_query(search_page, phrase)
    # The first result in a sample, below a heading: a sample page is long enough to scroll the heading to the top
    # (the phrase's own page, short, is found too).
    link = next(
        link
        for link in section_links(search_page)
        if "/fanwen/" in link.get_attribute("href") and urlsplit(link.get_attribute("href")).fragment
    )
    target = location_of(link.get_attribute("href"))
    link.click()
    search_page.wait_for_url(re.compile(r"#"))
    assert location_of(search_page.url) == target
    marks = search_page.locator("article.md-content__inner mark[data-md-highlight]")
    marks.first.wait_for()
    texts = marks.evaluate_all("els => els.map(el => el.textContent)")
    # Every occurrence on the target page is marked whole, and nothing else is (the page may quote it again).
    occurrences = search_page.locator("article.md-content__inner").evaluate(
        "el => { const c = el.cloneNode(true); c.querySelectorAll('script').forEach((s) => s.remove());"
        " return c.textContent.split('一级抓一级,一级对一级负责').length - 1; }"  # data scripts are not text
    )
    assert texts == ["一级抓一级,一级对一级负责"] * occurrences
    assert marks.first.is_visible()
    heading = target.split("#")[1]
    top = search_page.locator(f"[id='{heading}']").evaluate("el => el.getBoundingClientRect().top")
    assert 0 <= top < 200


def test_keyboard_reaches_a_result(search_page):
    type_query(search_page, "gdp")
    search_page.keyboard.press("ArrowDown")
    search_page.keyboard.press("Enter")
    search_page.wait_for_url(re.compile(r"/fanwen/[^/]+/\?hl="))
    marks = search_page.locator("article.md-content__inner mark[data-md-highlight]")
    marks.first.wait_for()
    assert set(marks.all_inner_texts()) == {"GDP"}


def test_instant_navigation_keeps_the_worker_and_the_index(browser, instant_site):
    context = new_context(browser, locale="zh-CN")
    page = context.new_page()
    page.add_init_script(WATCH_WORKER)
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    # Clicks are followed instantly only once Material has fetched sitemap.xml.
    page.goto(instant_site + "fanwen/", wait_until="networkidle")
    page.evaluate("window.__samePage = true")
    for phrase in ["强势推进", "攻坚克难", "三环路"]:  # all in one sample: the later ones stay on its page
        type_query(page, phrase)
        link = next(link for link in section_links(page) if "/fanwen/" in link.get_attribute("href"))  # the sample
        target = location_of(link.get_attribute("href"))
        # A link to the part already shown: Material steps the history back after the click (a popstate)
        same_place = location_of(page.url) == target
        page.evaluate("window.__popped = false; addEventListener('popstate', () => { window.__popped = true })")
        link.click()
        if same_place:
            page.wait_for_function("window.__popped")
        page.wait_for_function(
            "([text]) => [...document.querySelectorAll('article.md-content__inner mark[data-md-highlight]')].some(m => m.textContent === text)",
            arg=[phrase],
        )
        assert set(page.locator("article.md-content__inner mark[data-md-highlight]").all_inner_texts()) == {phrase}
        assert location_of(page.url) == target
    # A filter chosen before an instant navigation still applies after it
    type_query(page, "招商引资")
    choose(page, "类别", "范文")
    page.locator(".md-search-result__link").first.click()
    page.wait_for_function("!document.getElementById('__search').checked")
    type_query(page, "强势推进")
    assert page.locator(".fw-search-filters button", has_text="范文").get_attribute("aria-pressed") == "true"
    assert all(group_url(g).startswith("fanwen/") for g in all_results(page))
    assert page.evaluate("window.__samePage"), "a full page load: instant navigation did not take the click"
    assert sum(url.endswith("search/search_index.json") for url in requests) == 1
    shards = [url for url in requests if "/search/shards/" in url]
    assert shards and len(shards) == len(set(shards)), "an index file was fetched twice"
    assert all(url.startswith(instant_site) for url in requests)
    context.close()


def test_ground_truth_splits_a_page_as_the_index_does():
    from macros.harness.search_truth import page_sections

    html = """<html><body><article class="md-content__inner">
      <h1>街道述职</h1>
      <div class="fw-meta" data-search-exclude><p>行业：招商引资</p></div>
      <p>开头一段强势推进</p>
      <h2 id="一抓">一、抓<b>重点</b><a class="headerlink" href="#一抓">¶</a></h2>
      <p><a class="fw-pnum" data-search-exclude>2</a>攻坚</p><p>克难</p>
    </article></body></html>"""
    first, second = page_sections(html, "fanwen/x/")
    assert (first.location, first.title) == ("fanwen/x/", "街道述职")
    assert first.holds("强势推进") and not first.holds("招商引资")  # excluded metadata is not searched
    assert (second.location, second.title) == ("fanwen/x/#一抓", "一、抓重点")
    assert second.holds("抓重点") and second.holds("攻坚") and not second.holds("2攻坚")
    assert not second.holds("攻坚克难")  # a phrase does not run on from one paragraph into the next
    assert second.holds("攻坚 克难")
