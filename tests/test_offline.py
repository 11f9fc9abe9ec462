"""The folder build (scripts/build-offline) opened straight from disk through file:// in Chromium.

One journey through the site as a person uses it from a USB stick, recording every request the browser makes:
anything that is not file:// (or data:/blob:) fails the test. Plus what can be checked on the files alone.
"""

from __future__ import annotations

import io
import json
import re
import zipfile
from pathlib import Path
from urllib.parse import unquote, urlsplit

import docx
import lxml.html
import pytest
from browsing import copied, draw_all_results, new_context
from conftest import ROOT
from playwright.sync_api import expect

from macros.build.folder_build import INDEX_SCRIPT, SHIM
from macros.harness.search_truth import expected, sections_per_page, site_sections
from macros.pages.render import Links
from macros.word.downloads import file_name, sample_docx_uri

LOCAL = ("file://", "data:", "blob:")
PHRASE = "强势推进"


def page_path(url: str) -> str:
    return unquote(urlsplit(url).path)


def relative(offline: Path, url: str) -> str:
    """The file a file:// URL opens, relative to the folder."""
    return Path(page_path(url)).relative_to(offline).as_posix()


def file_location(offline: Path, location: str) -> tuple[str, str]:
    """A web location such as 'fanwen/x/#h' or 'biaoshu/' as (file in the folder, fragment)."""
    path, _, fragment = location.partition("#")
    folder_index = f"{path}index.html"
    return (folder_index if (offline / folder_index).is_file() else path.rstrip("/") + ".html", fragment)


# ---------------------------------------------------------------- links in both URL styles


@pytest.mark.parametrize(
    ("to", "from_page", "directory_urls", "href"),
    [
        ("biaoshu/index.md", "fanwen/a.md", True, "../../biaoshu/"),
        ("biaoshu/index.md", "fanwen/a.md", False, "../biaoshu/index.html"),
        ("index.md", "fanwen/a.md", True, "../../"),
        ("index.md", "fanwen/a.md", False, "../index.html"),
        ("fanwen/b.md", "fanwen/a.md", True, "../b/"),
        ("fanwen/b.md", "fanwen/a.md", False, "b.html"),
        ("about.md", "index.md", True, "about/"),
        ("assets/x.js", "muban/t.md", True, "../../assets/x.js"),
        ("assets/x.js", "muban/t.md", False, "../assets/x.js"),
    ],
)
def test_href_from_page_to_page(to, from_page, directory_urls, href):
    assert Links(from_page, directory_urls)(to) == href


def test_sample_docx_sits_beside_its_page(catalog):
    sample = catalog.samples[0]
    assert sample_docx_uri(sample) == f"fanwen/{sample.slug}/{sample.slug}.docx"  # page: fanwen/<slug>/index.html
    assert sample_docx_uri(sample, use_directory_urls=False) == f"fanwen/{sample.slug}.docx"  # page: fanwen/<slug>.html


# ---------------------------------------------------------------- the files


def test_zip_holds_the_folder_under_its_name(offline):
    with zipfile.ZipFile(offline.with_name("fanwenku.zip")) as archive:
        names = {name for name in archive.namelist() if not name.endswith("/")}
        assert archive.read("fanwenku/index.html") == (offline / "index.html").read_bytes()
    on_disk = {f"fanwenku/{p.relative_to(offline).as_posix()}" for p in offline.rglob("*") if p.is_file()}
    assert names == on_disk
    assert not list(offline.parent.glob("*.building.*")), "the temporary build folder was left behind"
    assert not (offline / "404.html").exists() and not (offline / "sitemap.xml").exists()


def test_every_link_names_a_file_in_the_folder(offline):
    """From file:// a link to a folder shows a directory listing: every href and src must name a file."""
    broken, outside, checked = set(), set(), 0
    for path in offline.rglob("*.html"):
        # lxml's C parser: every page of the folder, whole (a BeautifulSoup parse of them all took 10 s)
        for element in lxml.html.fromstring(path.read_bytes()).xpath("//*[@href or @src]"):
            for attribute in ("href", "src"):
                value = element.get(attribute)
                if not value or value.startswith("#"):
                    continue
                parts = urlsplit(value)
                if parts.scheme or value.startswith("//"):
                    if element.tag in ("link", "script", "img", "iframe"):
                        outside.add((path.name, value))
                    continue
                checked += 1
                if parts.path and not (path.parent / unquote(parts.path)).is_file():
                    broken.add((path.relative_to(offline).as_posix(), value))
    assert checked > 1000
    assert not broken, sorted(broken)[:20]
    assert not outside, sorted(outside)


def test_search_index_script_and_shim(offline):
    folder = offline / "search"
    script = (folder / "search_index.js").read_text(encoding="utf-8")
    assert script == INDEX_SCRIPT + (folder / "search_index.json").read_text(encoding="utf-8")
    # The index is configuration naming the manifest; the text is in the shards beside it, each a script
    manifest = json.loads(script.removeprefix(INDEX_SCRIPT))["config"]["fanwenku"]["manifest"]
    assert (offline / manifest).read_text(encoding="utf-8").startswith('fanwenkuSearchFile("manifest",')
    shards = list((folder / "shards").glob("t*.js"))
    assert any(PHRASE in path.read_text(encoding="utf-8") for path in shards)
    assert (offline / SHIM).read_bytes() == (ROOT / "docs" / SHIM).read_bytes()
    home = (offline / "index.html").read_text(encoding="utf-8")
    assert f'<script src="{SHIM}"></script>' in home
    config = json.loads(re.search(r'<script id="__config" type="application/json">(.*?)</script>', home).group(1))
    assert "navigation.instant" not in config["features"], "from file:// it ends Material's document$ at once"
    assert "unpkg.com" not in home and "://" not in re.sub(r"<a [^>]*>|xmlns[^ >]*", "", home.split("<body")[0])


def test_vendored_shim_is_the_recorded_release():
    import hashlib

    folder = ROOT / "docs/assets/vendor/iframe-worker"
    record = dict(line.split(": ", 1) for line in (folder / "VERSION").read_text(encoding="utf-8").splitlines())
    assert hashlib.sha256((folder / "shim.js").read_bytes()).hexdigest() == record["file-sha256"]
    assert "MIT" in record["license"] and "Permission is hereby granted" in (folder / "LICENSE").read_text("utf-8")
    # Named where the folder build is documented: the manual's page (it moved there from README.md).
    assert f"iframe-worker {record['version']}" in (ROOT / "docs/weihu/goujian.md").read_text(encoding="utf-8")


def test_web_build_keeps_clean_urls_and_no_shim(site):
    home = (site / "index.html").read_text(encoding="utf-8")
    assert 'href="fanwen/"' in home
    assert "iframe-worker" not in home
    assert not (site / "search/search_index.js").exists()


# ---------------------------------------------------------------- in Chromium, from file://


@pytest.fixture
def disk(browser, offline):
    """A fresh browser context on the folder; every request is recorded and checked at the end."""
    context = new_context(browser, locale="zh-CN", accept_downloads=True)
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    context.set_default_timeout(10_000)
    requests: list[str] = []
    errors: list[str] = []
    context.on("request", lambda r: requests.append(r.url))
    page = context.new_page()
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("dialog", lambda dialog: pytest.fail(f"a dialog opened: {dialog.message}"))
    page.requests = requests
    yield page
    context.close()
    outside = [url for url in requests if not url.startswith(LOCAL)]
    assert not outside, f"requests left the folder: {outside}"
    assert not errors, errors


# The worker may answer a first screen before the whole answer (search.js `shownEarly`): note the query of the last
# complete answer, on the worker search.js keeps (here it is the iframe-worker shim's, made after any init script).
WATCH_DONE = """() => {
  const worker = window.fanwenkuSearchWorker
  worker.doneQuery = null
  if (worker.watched) return
  worker.watched = true
  worker.addEventListener("message", event => {
    const data = event.data
    if (data && data.type === 3 && data.data.fanwenku && data.data.fanwenku.done) worker.doneQuery = data.data.fanwenku.query
  })
}"""


def search(page, text: str):
    box = page.locator("input.md-search__input")
    box.click()
    box.fill("")
    page.wait_for_function("window.fanwenkuSearchWorker")
    page.evaluate(WATCH_DONE)
    page.keyboard.insert_text(text)  # as an IME commits Chinese ...
    page.keyboard.up("Space")  # ... on the key that chose the characters: Material searches on keyup
    page.wait_for_function("q => window.fanwenkuSearchWorker.doneQuery === q", arg=text, timeout=10_000)
    results = page.locator(".md-search-result__link:has(h2)")
    results.first.wait_for(timeout=10_000)
    # Material draws 10 result groups and the next ones when the list's end scrolls into view: draw them all.
    meta = page.locator(".md-search-result__meta").inner_text()
    count = int(re.search(r"\d+", meta).group())
    items = page.locator(".md-search-result__item")
    draw_all_results(page, count)
    assert items.count() == count, meta
    # Groups past the first screen come as placeholders the page script fills from their text: wait for it
    page.wait_for_function("!document.querySelector('.md-search-result .fw-search-pending')")
    return results


TEXT_FILE = re.compile(r"/search/shards/t(\d+)(-\d+)?\.[0-9a-f]+\.js$")  # the text of a page (or a part of it)


def test_complete_counts_come_without_the_text_of_every_result_from_the_folder(disk, offline, site):
    """From file:// as over http: every result page and its number of sections from the postings, the text of the
    result groups drawn only (and of an early first screen, ten pages, if one was shown while the rest loaded)."""
    page = disk
    page.goto(offline.as_uri() + "/index.html")
    box = page.locator("input.md-search__input")
    box.click()
    page.wait_for_function("window.fanwenkuSearchWorker")
    page.evaluate(WATCH_DONE)
    phrase = "招商引资"
    page.keyboard.insert_text(phrase)
    page.keyboard.up("Space")
    page.wait_for_function("q => window.fanwenkuSearchWorker.doneQuery === q", arg=phrase, timeout=10_000)
    page.wait_for_function("!document.querySelector('.md-search-result .fw-search-pending')")
    state = page.evaluate("window.fanwenkuSearchFilters.state")
    per_page = sections_per_page(expected(site_sections(site), phrase))
    assert state["query"] == phrase and sorted(state["sections"]) == sorted(per_page.values())
    assert int(re.search(r"\d+", page.locator(".md-search-result__meta").inner_text()).group()) == len(per_page)
    drawn = page.locator(".md-search-result__item").count()
    read = {TEXT_FILE.search(url).group(1) for url in page.requests if TEXT_FILE.search(url)}
    assert 0 < len(read) <= drawn + 10 < len(per_page), (len(read), drawn, len(per_page))


def test_a_person_uses_the_folder(disk, offline, site, catalog, tmp_path):
    page = disk
    home = offline.as_uri() + "/index.html"
    page.goto(home)
    assert page.title().startswith("范文库")

    # Navigation by clicking: each page is a file, never a directory listing.
    def follow(link):
        before = page.url
        link.click()
        page.wait_for_url(lambda url: url != before)  # and loaded
        assert page_path(page.url).endswith(".html"), page.url
        assert page.locator("article.md-content__inner").count() == 1
        return relative(offline, page.url)

    assert follow(page.locator("article").get_by_role("link", name="全部范文")) == "fanwen/index.html"
    nav = page.locator("nav.md-nav--primary")
    assert follow(nav.get_by_role("link", name="模板", exact=True)) == "muban/index.html"
    assert follow(nav.get_by_role("link", name="按行业", exact=True)) == "hangye/index.html"
    assert follow(nav.get_by_role("link", name="首页", exact=True)) == "index.html"
    sample = catalog.samples[0]
    follow(page.locator("article").get_by_role("link", name="全部范文"))
    assert follow(nav.get_by_role("link", name=sample.title, exact=True)) == f"fanwen/{sample.slug}.html"

    # Our exact search, its worker running in the shim's iframe: the same sections as on the web.
    results = search(page, PHRASE)
    shown = {
        (relative(offline, link.get_attribute("href")), unquote(urlsplit(link.get_attribute("href")).fragment))
        for link in results.all()
    }
    assert shown == {file_location(offline, location) for location in expected(site_sections(site), PHRASE)}
    assert set(page.locator(".md-search-result mark").all_inner_texts()) == {PHRASE}
    assert page.locator("iframe[hidden]").count() == 1, "the search worker runs in the iframe-worker shim"
    loaded = [relative(offline, url) for url in page.requests if "/search/shards/" in url]
    assert any(name.startswith("search/shards/manifest.") for name in loaded)
    assert any(name.startswith("search/shards/t") for name in loaded), "the text shards load as scripts"
    # A filter narrows the results here too
    page.locator(".fw-search-filters button", has_text="模板").click()
    page.wait_for_function("document.querySelector('.fw-search-filters button[aria-pressed=true]')")
    page.wait_for_function("!document.querySelector('.fw-search-filters__busy')")
    kinds = {relative(offline, link.get_attribute("href")).split("/")[0] for link in results.all()}
    assert kinds == {"muban"}, kinds
    page.locator(".fw-search-filters__clear").click()
    page.wait_for_function("!document.querySelector('.fw-search-filters button[aria-pressed=true]')")
    results = search(page, PHRASE)
    target = results.first.get_attribute("href")
    results.first.click()
    page.wait_for_url(re.compile(r"\.html\?hl=.*#"))
    marks = page.locator("article.md-content__inner mark[data-md-highlight]")
    marks.first.wait_for()
    assert set(marks.all_inner_texts()) == {PHRASE}
    assert page_path(page.url) == page_path(target)

    # A phrase's meaning as a tooltip, and its link to its page in the 常用表述.
    page.goto(offline.as_uri() + "/fanwen/jiedao-zhongdian-gongzuo-shuzhi.html")
    mark = page.locator("#p4 a.fw-phrase").first
    meaning = mark.get_attribute("data-fw-tip")
    mark.hover()
    page.get_by_role("tooltip").filter(has_text=meaning).wait_for(state="visible", timeout=3000)
    # A 技法's note, opened by its button.
    button = page.locator("p.fw-tech button.fw-tech__marker").first
    button.click()
    page.locator("#" + button.get_attribute("aria-controls")).wait_for(state="visible", timeout=3000)

    # The sample's Word file.
    with page.expect_download() as info:
        page.get_by_role("link", name=re.compile("下载 Word")).click()
    saved = tmp_path / "sample.docx"
    info.value.save_as(saved)
    assert docx.Document(saved).paragraphs[0].text == catalog.sample("jiedao-zhongdian-gongzuo-shuzhi").title

    phrase = mark.inner_text()
    mark.click()
    page.wait_for_url(re.compile(r"/biaoshu/[a-z0-9-]+\.html$"))
    assert page.locator("article h1").inner_text().rstrip("¶").strip() == phrase
    assert page.locator("article .fw-uses mark").first.inner_text() == phrase
    # From the phrase's page to its category on the index, and the category filter there.
    assert follow(page.locator("article .fw-entry-meta a")) == "biaoshu/index.html"
    assert urlsplit(page.url).fragment.startswith("lei-")
    expect(page.locator(f"[id='{unquote(urlsplit(page.url).fragment)}']")).to_be_visible()
    sections = page.locator("section.fw-cat")
    assert sections.count() > 1
    page.get_by_role("button", name=re.compile("^招商引资")).click()
    expect(page.locator("section.fw-cat:visible")).to_have_count(1)

    # A template: fill a field, reload, the value is remembered (localStorage on file://); copy; Word.
    template = catalog.templates[0]
    field = template.fields[0]
    page.goto(offline.as_uri() + f"/muban/{template.slug}.html")
    form = page.locator(".fw-tpl[data-fw-ready] .fw-tpl-form")  # shown and wired up by muban.js
    form.wait_for(state="visible")
    form.locator(f"[data-key='{field.key}']").fill("汶河镇")
    page.reload()
    form.wait_for(state="visible")
    assert form.locator(f"[data-key='{field.key}']").input_value() == "汶河镇"
    assert set(page.locator(f".fw-tpl-preview .fw-ph[data-key='{field.key}']").all_text_contents()) == {"汶河镇"}
    text = copied(page, page.get_by_role("button", name="复制已填内容", exact=True))
    assert "汶河镇" in text and f"【【{field.key}】】" not in text
    with page.expect_download() as info:
        page.get_by_role("button", name="下载 Word", exact=True).click()
    assert info.value.suggested_filename == file_name(template.title)
    saved = tmp_path / "template.docx"
    info.value.save_as(saved)
    assert "汶河镇" in "\n".join(p.text for p in docx.Document(io.BytesIO(saved.read_bytes())).paragraphs)

    # Everything came from the folder, and the recording saw it all (pages, scripts, the worker).
    print(f"file:// journey: {len(page.requests)} requests recorded")
    assert len(page.requests) > 50
    assert any("/assets/search/search." in url for url in page.requests)
