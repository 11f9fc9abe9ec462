"""同类写法 (macros/similar/): neighbours computed without comparing all pairs, exact copies grouped, near-copies
marked, a page's data in small parts, the sample page's control in Chromium (http and file://), scripts/similar."""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys

import pytest
from browsing import new_context
from conftest import ROOT, copy_project, run_build
from docx_traps import p, package
from playwright.sync_api import expect

from macros.harness.static_server import StaticServer
from macros.similar.neighbours import NEAR_COPY, bigram_rows, key_text, neighbours, similar_to
from macros.similar.passages import Passage, library_passages
from macros.similar.publish import CHUNK, cached_neighbours, number_ranges, similar_files, similar_holder
from macros.sources.library import load_library

LIBRARY = load_library(ROOT, parts=("samples",))
SOURCE = next(s for s in LIBRARY.samples if s.slug == "shangcheng-xian-zhaoshang-jianghua")
PARAGRAPH = SOURCE.blocks[2]  # 招商引资是扩开放、引投资……: long enough, and no other sample says the like
EDITED = PARAGRAPH.text.replace("我县", "我区").replace("150亿元", "260亿元").replace("商城", "青山")


def test_bigram_keys_are_the_distinct_pairs_of_each_text():
    rows, codes = bigram_rows(["abab", "", "中文中文"])
    pairs = {(int(r), chr(int(c) // 0x110000) + chr(int(c) % 0x110000)) for r, c in zip(rows, codes, strict=True)}
    assert pairs == {(0, "ab"), (0, "ba"), (2, "中文"), (2, "文中")}
    assert key_text("Ａ，一、（1）二") == "a一1二"


def test_neighbours_group_copies_mark_near_copies_and_leave_out_the_own_document():
    base = PARAGRAPH.text
    passages = [
        Passage("a", 1, base),
        Passage("a", 2, base),  # the same document: never its own neighbour
        Passage("b", 1, base.replace(",", "，")),  # the same text after folding: identical
        Passage("c", 1, base),
        Passage("d", 1, EDITED),  # lightly edited: a near-copy
        Passage("e", 1, "完全不相干的一段话，讲的是天气和庄稼，没有一个字一样。" * 2),
    ]
    found = neighbours(passages)
    first = found[0]
    assert first[0].identical and first[0].passage == 2 and first[0].copies == 1  # b, and c besides
    assert all(passages[n.passage].slug != "a" for n in first)
    edited = next(n for n in first if passages[n.passage].slug == "d")
    assert edited.near and not edited.identical and NEAR_COPY <= edited.score < 1
    assert [n.score for n in first] == sorted((n.score for n in first), reverse=True)
    assert not any(passages[n.passage].slug == "e" and n.near for n in first)


def test_a_draft_paragraph_finds_where_it_was_written_before():
    passages = library_passages(LIBRARY.samples)
    sentence = PARAGRAPH.text.split(",没有")[0] + "。"  # one sentence out of the longer paragraph
    found = similar_to([EDITED, sentence, "今天天气很好，我们去公园散步，看见许多花开了。"], passages)
    for mine in found[:2]:
        best = passages[mine[0].passage]
        assert (best.slug, best.number) == (SOURCE.slug, PARAGRAPH.number) and mine[0].near
    assert not any(n.near for n in found[2])


def test_neighbours_are_made_once_and_taken_from_the_cache(tmp_path, monkeypatch):
    passages = library_passages(LIBRARY.samples)
    first = cached_neighbours(passages, tmp_path)
    assert len(list(tmp_path.glob("*.json"))) == 1
    monkeypatch.setattr("macros.similar.publish.neighbours", lambda _: pytest.fail("computed again"))
    assert cached_neighbours(passages, tmp_path) == first
    changed = [Passage(p.slug, p.number, p.text + "。") for p in passages]
    monkeypatch.undo()
    cached_neighbours(changed, tmp_path)  # another library: computed, and the old entry gone
    assert len(list(tmp_path.glob("*.json"))) == 1


def test_a_click_fetches_a_small_part_whatever_the_library():
    files = similar_files(LIBRARY, True)
    for sample in LIBRARY.samples:
        parts = [name for name in files.files if f"/{sample.slug}-" in name]
        assert len(parts) == -(-len(sample.blocks) // CHUNK)  # every part exists
    biggest = max(len(gzip.compress(script.encode("utf-8"))) for script in files.files.values())
    assert biggest <= 10_000


def test_a_page_lists_exactly_the_paragraphs_that_have_something_to_show(similar_sites):
    library = load_library(similar_sites[2])
    files = similar_files(library, True)
    assert files.listed["ceshi-xiangsi"] == [2]
    for sample in library.samples:
        shown = set()
        for name, script in files.files.items():
            if f"/{sample.slug}-" in name:
                part = json.loads(script[script.index(",") + 1 : script.rindex(")")])
                shown |= {int(n) for n, entries in part["p"].items() if entries}
        assert files.listed[sample.slug] == sorted(shown)
    assert number_ranges([2, 4, 5, 6, 9]) == "2,4-6,9" and number_ranges([]) == ""
    holder = similar_holder("similar/v/x-0.js", [1, 2, 3, 7])
    assert 'data-fw-similar-listed="1-3,7"' in holder


# ---------------------------------------------------------------- in Chromium: a library with a near-copy


@pytest.fixture(scope="module")
def similar_sites(tmp_path_factory):
    """The project with one more sample whose third paragraph is the source's, lightly edited: built for the web and
    as the folder build."""
    tmp = tmp_path_factory.mktemp("similar")
    project = copy_project(tmp / "project")
    samples = project / "templates_src" / "samples"
    (samples / "ceshi-xiangsi.txt").write_text(f"一、总体情况\n{EDITED}\n二、下一步\n抓好落实。\n", encoding="utf-8")
    (samples / "ceshi-xiangsi.yml").write_text(
        "slug: ceshi-xiangsi\n标题: 青山县招商引资工作情况\n顺序: 99\n来源: 测试\n摘要: 一篇测试同类写法的文稿。\n"
        "行业: [招商引资]\n文种: 工作总结\n层级: 县\n注记: []\n",
        encoding="utf-8",
    )
    web = run_build(project, tmp / "web")
    assert web.returncode == 0, web.stderr[-3000:]
    folder = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(tmp / "folder")],
        cwd=project,
        env={**os.environ, "OFFLINE": "true", "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True,
        text=True,
    )
    assert folder.returncode == 0, folder.stderr[-3000:]
    return tmp / "web", tmp / "folder", project


def _open_similar(page, url: str) -> None:
    page.goto(url)
    button = page.get_by_role("button", name="第2段的同类写法")
    expect(button).to_have_attribute("aria-expanded", "false")
    button.click()
    expect(button).to_have_attribute("aria-expanded", "true")
    panel = page.locator("#p2-sim")
    item = panel.locator(".fw-sim-item").first
    expect(item).to_be_visible()
    link = item.locator(".fw-sim-meta a")
    expect(link).to_have_text(f"《{SOURCE.title}》第 {PARAGRAPH.number} 段")
    assert link.get_attribute("href").endswith(f"#p{PARAGRAPH.number}")
    expect(item.locator(".fw-sim-near")).to_have_text("近乎相同")
    assert item.locator("mark").count() >= 1  # the shared wording marked
    link.click()
    page.wait_for_url(f"**#p{PARAGRAPH.number}")
    expect(page.locator(f"#p{PARAGRAPH.number}")).to_be_visible()


def test_a_paragraph_shows_its_similar_passages_on_request_over_http(browser, similar_sites):
    web, _, _ = similar_sites
    context = new_context(browser)
    page = context.new_page()
    requested: list[str] = []
    page.on("request", lambda r: requested.append(r.url))
    with StaticServer(web) as server:
        page.goto(server.url + "fanwen/ceshi-xiangsi/")
        assert not [u for u in requested if "/similar/" in u], "fetched before the click"
        expect(page.locator(".fw-sim-button")).to_have_count(1)  # only the paragraph with a neighbour
        _open_similar(page, server.url + "fanwen/ceshi-xiangsi/")
        fetched = [u for u in requested if "/similar/" in u]
        assert len(fetched) == 1 and fetched[0].endswith("/ceshi-xiangsi-0.js")
        html = (web / "fanwen" / "ceshi-xiangsi" / "index.html").read_text(encoding="utf-8")
        assert "fanwenkuSimilarFile" not in html  # the data is never inlined: the page does not grow
    context.close()


def test_a_paragraph_shows_its_similar_passages_from_the_folder(browser, similar_sites):
    _, folder, _ = similar_sites
    context = new_context(browser)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    _open_similar(page, (folder / "fanwen" / "ceshi-xiangsi.html").as_uri())
    context.close()
    assert not errors, errors


# ---------------------------------------------------------------- the 体检 page: a whole draft looked up

# Edited again, differently from the sample that copies it: the page must still name the source paragraph.
DRAFT = "\n".join(
    (
        "关于上半年招商引资工作的报告",
        PARAGRAPH.text.replace("我县", "我镇").replace("150亿元", "90亿元").replace("商城", "白河"),
        "今天天气很好，我们去公园散步，看见许多花开了，大家都很高兴。",
    )
)


def _look_up_draft(page, url: str) -> list[str]:
    requested: list[str] = []
    page.on("request", lambda r: requested.append(r.url))
    page.goto(url)
    page.locator("#fw-ck-input").fill(DRAFT)
    assert not [u for u in requested if "/draft/" in u], "fetched before the click"
    page.get_by_role("button", name="逐段比对").click()
    section = page.locator(".fw-ck-similar")
    expect(section).to_have_attribute("data-fw-sim-done", "1")
    expect(page.locator(".fw-sim-draft-status")).to_contain_text("比对了 2 段：1 段与库里的段落相同或近乎相同")
    found = page.locator(".fw-sim-draft-item")
    expect(found).to_have_count(1)  # the unrelated line has nothing like it
    assert found.get_attribute("data-fw-line") == "2"
    source = found.locator(".fw-sim-item").filter(has_text=f"《{SOURCE.title}》第 {PARAGRAPH.number} 段")
    expect(source.locator(".fw-sim-near")).to_have_text("近乎相同")
    assert source.locator("mark").count() >= 1
    fetched = [u for u in requested if "/draft/" in u]
    # The results belong to that draft: emptied with it (the page sets the text, no input event), gone
    page.get_by_role("button", name="清空", exact=True).click()
    expect(page.locator(".fw-sim-draft-item")).to_have_count(0)
    expect(page.locator(".fw-sim-draft-status")).to_have_text("")
    return fetched


def test_the_checker_page_finds_the_source_of_an_edited_paragraph_over_http(browser, similar_sites):
    web, _, _ = similar_sites
    context = new_context(browser)
    page = context.new_page()
    with StaticServer(web) as server:
        fetched = _look_up_draft(page, server.url + "tijian/")
    context.close()
    # the common-pair filter, the sketch shards of the paragraphs' look-ups, the texts found: a handful of files
    assert fetched[0].endswith("/b.js") and len(fetched) <= 2 + 2 * 8


def test_the_checker_page_finds_the_source_of_an_edited_paragraph_from_the_folder(browser, similar_sites):
    _, folder, _ = similar_sites
    context = new_context(browser)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    _look_up_draft(page, (folder / "tijian" / "index.html").as_uri())
    context.close()
    assert not errors, errors


# ---------------------------------------------------------------- scripts/similar


def test_the_command_line_finds_a_copied_paragraph_in_a_txt_and_a_docx(tmp_path):
    text = tmp_path / "总结.txt"
    text.write_text(
        f"关于招商引资工作的总结\n{EDITED}\n今天天气很好，我们去公园散步，看见许多花开了。\n", encoding="utf-8"
    )
    word = tmp_path / "总结.docx"
    word.write_bytes(package(p("关于招商引资工作的总结", center=True) + p(EDITED)))
    result = subprocess.run(
        [str(ROOT / "scripts" / "similar"), str(text), str(word), "--json", "--top", "3"],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1, result.stderr  # a near-copy found
    data = json.loads(result.stdout)
    for name, line in ((str(text), 2), (str(word), 2)):
        first = next(item for item in data[name] if item["line"] == line)["similar"][0]
        assert first == {**first, "slug": SOURCE.slug, "anchor": f"p{PARAGRAPH.number}", "near_copy": True}
        assert first["title"] == SOURCE.title and 0 < first["score"] <= 1
    unread = subprocess.run(
        [str(ROOT / "scripts" / "similar"), str(tmp_path / "没有.txt")], capture_output=True, text=True
    )
    assert unread.returncode == 2 and "修改方法：" in unread.stderr and "Traceback" not in unread.stderr
