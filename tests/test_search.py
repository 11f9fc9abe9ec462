"""Exact phrase search: build side, the contract with Material's bundle, and the search box in Chromium."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import material
import pytest
from conftest import ROOT
from search_truth import PHRASES, expected, site_sections

from macros.search.index import fold, hashed_name, plain_utf8_index, stock_worker_path

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


def test_index_is_rewritten_as_utf8_and_segmentation_is_refused():
    raw = json.dumps({"config": {}, "docs": [{"location": "", "title": "强势推进", "text": "<p>攻坚克难</p>"}]})
    assert "\\u" in raw
    assert plain_utf8_index(raw) == '{"config":{},"docs":[{"location":"","title":"强势推进","text":"<p>攻坚克难</p>"}]}'
    segmented = json.dumps({"config": {}, "docs": [{"location": "a/", "title": "强势\u200b推进", "text": ""}]})
    with pytest.raises(ValueError, match="zero-width"):
        plain_utf8_index(segmented)


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
        assert f"const {name} = {value}\n" in ours


def test_material_version_is_pinned():
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert f'"mkdocs-material=={material.__version__}"' in pyproject


# ---------------------------------------------------------------- the built site


def test_index_is_plain_utf8_without_segmentation(site):
    import importlib.util

    # jieba is installed (dev group), so Material would segment if the fanwenku plugin did not switch it off
    assert importlib.util.find_spec("jieba")
    raw = (site / "search/search_index.json").read_bytes().decode("utf-8")
    assert "\u200b" not in raw
    docs_part = raw.split('"docs":', 1)[1]
    assert not re.search(r"\\u[0-9a-fA-F]{4}", docs_part), "index written with \\uXXXX escapes"
    assert "强势推进" in raw
    docs = json.loads(raw)["docs"]
    assert len(docs) > 40


def test_pages_start_our_hashed_worker(site):
    published = f"assets/search/{hashed_name('search.js', SCRIPT.read_text(encoding='utf-8'))}"
    assert (site / published).read_text(encoding="utf-8") == SCRIPT.read_text(encoding="utf-8")
    assert not (site / "assets/search/search.js").exists(), "the unhashed name would be cached stale"
    pages = sorted(site.rglob("index.html"))
    for path in pages:
        html = path.read_text(encoding="utf-8")
        config = json.loads(re.search(r'<script id="__config" type="application/json">(.*?)</script>', html).group(1))
        assert config["search"].endswith(published), f"{path}: {config['search']}"
        assert f'{published}"></script>' in html
        assert "assets/javascripts/workers/search." not in html


# ---------------------------------------------------------------- in Chromium

# Counts the QUERY messages Material sends and the RESULT messages it gets back; it changes nothing.
WATCH_WORKER = """
const NativeWorker = window.Worker
window.Worker = class extends NativeWorker {
  constructor(...args) {
    super(...args)
    window.__searchWorker = this
    this.pending = 0
    this.addEventListener("message", event => { if (event.data.type === 3) this.pending-- })
  }
  postMessage(message, ...rest) {
    if (message && message.type === 2) this.pending++
    return super.postMessage(message, ...rest)
  }
}
"""
CHUNK = re.compile(r"[\x00-\x7f]+|[^\x00-\x7f]{1,2}")


def open_search(page) -> None:
    if not page.evaluate("document.getElementById('__search').checked"):
        page.evaluate("document.activeElement && document.activeElement.blur()")  # as a click elsewhere does
        page.keyboard.press("/")  # Material's shortcut: focus the search box, which opens the dialog


def type_query(page, text: str) -> None:
    """Type as a person does: Latin letters and digits key by key, Chinese as IME commits of a word or two."""
    open_search(page)
    page.keyboard.press("Control+A")
    page.keyboard.press("Backspace")
    for chunk in CHUNK.findall(text):
        if chunk.isascii():
            page.keyboard.type(chunk, delay=15)
        else:
            page.keyboard.insert_text(chunk)  # the IME commits the characters ...
            page.keyboard.up("Space")  # ... on the key that chose them: Material searches on keyup
    page.wait_for_function("window.__searchWorker && window.__searchWorker.pending === 0")
    # Right after an instant navigation Material may still close the dialog; a person opens it again
    open_search(page)
    page.wait_for_function("document.getElementById('__search').checked")


def result_count(page) -> int:
    meta = page.locator(".md-search-result__meta").inner_text()
    return int(re.search(r"\d+", meta).group()) if re.search(r"\d", meta) else 0


def all_results(page) -> list:
    """Every rendered result group; Material draws 10 and more as the list is scrolled."""
    count = result_count(page)
    items = page.locator(".md-search-result__item")
    for _ in range(50):
        if items.count() >= count:
            break
        # Material draws the next results when the list's end scrolls into view: leave it, then come back
        wrap = page.locator(".md-search__scrollwrap")
        wrap.evaluate("el => el.scrollTo(0, 0)")
        page.wait_for_timeout(30)
        wrap.evaluate("el => el.scrollTo(0, el.scrollHeight)")
        page.wait_for_timeout(30)
    assert items.count() == count
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
    sections = site_sections(site)
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


def test_every_occurrence_is_marked_in_context(search_page, site):
    sections = {s.location: s for s in site_sections(site)}
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


def test_title_hits_come_first(search_page, site):
    sections = site_sections(site)
    type_query(search_page, "凝心聚力")
    groups = all_results(search_page)
    in_title = []
    for group in groups:
        titles = [link.locator("h2").inner_text() for link in group.locator(".md-search-result__link:has(h2)").all()]
        hits = ["凝心聚力" in title for title in titles]
        assert hits == sorted(hits, reverse=True), f"a body hit above a title hit: {titles}"
        in_title.append(any(hits))
    assert in_title == sorted(in_title, reverse=True)
    assert any(in_title) and not all(in_title), [s.location for s in sections if "凝心聚力" in s.title]


def test_markup_in_a_query_or_in_page_text_stays_text(search_page, server):
    type_query(search_page, "<img src=x onerror=alert(1)>")
    assert search_page.locator(".md-search-result img").count() == 0
    # Page text with markup, as Material's index holds it (escaped), handed to the site's worker directly.
    reply = search_page.evaluate(
        """async () => {
          const config = JSON.parse(document.getElementById("__config").textContent)
          const worker = new Worker(config.search)
          const ask = message => new Promise(resolve => {
            worker.onmessage = event => resolve(event.data)
            worker.postMessage(message)
          })
          const docs = [
            {location: "x/", title: "&lt;script&gt;alert(1)&lt;/script&gt;", text: ""},
            {location: "x/#a", title: "&lt;b&gt;强势推进", text: "<p>&lt;img src=x onerror=alert(1)&gt;强势推进</p>"},
          ]
          await ask({type: 0, data: {config: {}, docs, options: {}}})
          return (await ask({type: 2, data: "<img 强势推进"})).data
        }"""
    )
    [[head, section]] = reply["items"]
    assert head["title"] == "&#60;script&#62;alert(1)&#60;/script&#62;"
    assert section["title"] == "&#60;b&#62;<mark>强势推进</mark>"
    assert section["text"] == "<p><mark>&#60;img</mark> src=x onerror=alert(1)&#62;<mark>强势推进</mark></p>"


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
    context = browser.new_context(locale="zh-CN")
    page = context.new_page()
    page.add_init_script(WATCH_WORKER)
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(instant_site + "fanwen/")
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
    assert page.evaluate("window.__samePage"), "a full page load: instant navigation did not take the click"
    assert sum(url.endswith("search/search_index.json") for url in requests) == 1
    assert all(url.startswith(instant_site) for url in requests)
    context.close()


def test_ground_truth_splits_a_page_as_the_index_does():
    from search_truth import page_sections

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
