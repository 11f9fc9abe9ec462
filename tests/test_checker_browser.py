"""The draft checker (公文体检) in Chromium: the pages people use (体检, template 检查, sample panel), over http and
from the folder build opened through file://. That the JavaScript engine and Word reader answer as the Python ones
do is proven in Node on thousands of cases (tests/twins/); here the browser's own DOM reads one Word file with them.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import docx
import pytest
from browsing import axe_violations, copied, new_context
from conftest import ROOT
from docx_traps import READER_TRAPS
from playwright.sync_api import expect
from test_word_notes import numbered_with_a_text_box

from macros.build.scripts import publish_scripts
from macros.checker.engine import check
from macros.checker.publish import rules_script
from macros.pages.checker_panel import sample_text
from macros.sources.library import load_library
from macros.sources.templates import fill
from macros.word.annotate import comment_docx, fix_docx
from macros.word.read import read_docx, read_text

RULESET = load_library(ROOT, parts=("checker",)).ruleset
LOCAL = ("file://", "data:", "blob:")


# ---------------------------------------------------------------- the built site


def test_the_build_publishes_the_rule_set_and_the_engine_under_hashed_names(site, catalog):
    slugs = {p.text: p.slug for p in catalog.phrases.phrases}
    published = publish_scripts(ROOT, {"checker-rules": lambda: rules_script(RULESET, slugs)})
    rules = published.name("assets/checker/rules.js")
    assert rules != "assets/checker/rules.js" and (site / rules).read_text(encoding="utf-8").endswith(
        rules_script(RULESET, slugs)
    )
    page = (site / "tijian" / "index.html").read_text(encoding="utf-8")
    for script in (rules, published.name("assets/checker/engine.js"), published.name("assets/word/read.js")):
        assert f'src="../{script}"' in page
    assert not (site / "assets/checker/engine.js").exists()  # only the hashed name: never a stale copy
    for template in catalog.templates:
        html = (site / template.url / "index.html").read_text("utf-8")
        assert 'src="../../assets/checker/inline.js"' in html
        assert f'"assets/checker/engine.js": "{published.name("assets/checker/engine.js")}"' in html


DRAFT = (
    "关于加强招商引资工作的通知\n各乡镇人民政府，县直各单位\n一、总体要求\n"
    "强势推进项目建设,强势推进招商引资,强势推进城市更新。\n三、保障措施\n2021年03月05日"
)


def _checked(page, action) -> None:
    """Do action (a click, a file opened), then wait until the 体检 page shows the check it started: the check runs in
    a Worker and tijian.js marks each result it shows with the check's number (data-fw-ck-checked)."""
    before = page.locator(".fw-ck").get_attribute("data-fw-ck-checked")
    action()
    page.wait_for_function(
        "b => { const n = document.querySelector('.fw-ck').getAttribute('data-fw-ck-checked'); return n !== b; }",
        arg=before,
    )


def line_is(number: int, text: str) -> re.Pattern:
    """A draft whose line `number` (from 0) is `text`."""
    return re.compile(rf"^(?:[^\n]*\n){{{number}}}{re.escape(text)}(?:\n|$)")


def _tijian(page, url: str):
    page.goto(url)
    page.locator(".fw-ck-form").wait_for(state="visible")
    return page


def _journey(page, tmp_path: Path):
    """Paste, read the findings, apply one fix and one rule's fixes, copy, open a .docx and a GB18030 .txt."""
    box = page.locator("#fw-ck-input")
    box.fill(DRAFT)
    _checked(page, page.get_by_role("button", name="检查", exact=True).click)
    expected = check(DRAFT, RULESET)
    status = page.locator(".fw-ck-status")
    errors = sum(f.level == "错误" for f in expected)
    expect(status).to_have_text(f"共 {len(expected)} 处：错误 {errors} 处，建议 {len(expected) - errors} 处。")
    # Grouped by rule group, with counts; marked in place.
    groups = page.locator(".fw-ck-group")
    assert [g.get_attribute("data-group") for g in groups.all()] == [
        g
        for g in ["序号", "标点", "数字与日期", "用词", "结构", "占位符"]
        if any(r.group == g and any(f.rule == r.id for f in expected) for r in RULESET.rules)
    ]
    for line in {f.line for f in expected}:
        assert page.locator(f"#fw-ck-l{line} mark.fw-ck-mark").count() >= 1, line
    commas = page.locator("#fw-ck-l4 mark.fw-ck--error")
    assert commas.all_inner_texts() == [",", ","]
    assert "中文里的逗号" in commas.first.get_attribute("title")
    # The phrase of the bank is linked to its page in the 常用表述.
    phrase = page.locator(".fw-ck-view a.fw-phrase").first
    web = page.url.startswith("http")  # the folder build links files, the web build folders
    assert phrase.get_attribute("href") == "../biaoshu/qiang-shi-tui-jin" + ("/" if web else ".html")
    # One fix: the first half-width comma.
    _checked(page, page.locator(".fw-ck-rule[data-rule='biaodian-douhao'] .fw-ck-fix").first.click)
    expect(box).to_have_value(line_is(3, "强势推进项目建设，强势推进招商引资,强势推进城市更新。"))
    # All fixes of one rule.
    _checked(page, page.locator(".fw-ck-rule[data-rule='shuzi-xuwei'] .fw-ck-fix-rule").click)
    expect(box).to_have_value(line_is(5, "2021年3月5日"))
    fixed = box.input_value()
    assert [f.as_dict() for f in check(fixed, RULESET) if f.rule in ("shuzi-xuwei",)] == []
    # Copy the corrected text.
    assert copied(page, page.get_by_role("button", name="复制改好的文稿")) == fixed
    # Open a .docx: the numbers Word shows are in the text, and checked.
    docx_path = tmp_path / "草稿.docx"
    docx_path.write_bytes(READER_TRAPS["numbering"])
    _checked(page, lambda: page.locator("#fw-ck-file").set_input_files(docx_path))
    expected_text = "\n".join(read_docx(READER_TRAPS["numbering"], "x", accept_revisions=True).texts())
    page.wait_for_function("t => document.querySelector('#fw-ck-input').value === t", arg=expected_text)
    expect(status).to_contain_text("已打开“草稿.docx”（Word，11 段）")
    assert page.locator(".fw-ck-rule[data-rule='xuhao-lianxu']").count() == 1  # 一、 then the restarted list's 一、
    assert page.locator(".fw-ck-word").is_visible()  # the Word copies of an opened .docx
    # A .txt saved as GB18030 (GBK) on Windows.
    txt = tmp_path / "gbk.txt"
    txt.write_bytes("加强领导,落实责任。".encode("gb18030"))
    _checked(page, lambda: page.locator("#fw-ck-file").set_input_files(txt))
    page.wait_for_function("() => document.querySelector('#fw-ck-input').value === '加强领导,落实责任。'")
    expect(status).to_contain_text("GB18030")
    expect(status).to_contain_text("错误 1 处")
    expect(page.locator(".fw-ck-word")).to_be_hidden()
    # A corrupt .docx: a clear message, the draft left as it was.
    bad = tmp_path / "坏文件.docx"
    bad.write_bytes(b"PK\x03\x04" + b"\x00" * 64)
    page.locator("#fw-ck-file").set_input_files(bad)
    page.wait_for_function("() => document.querySelector('.fw-ck-status').textContent.includes('坏文件.docx')")
    assert "打不开" in status.inner_text() and "修改方法" in status.inner_text()
    assert box.input_value() == "加强领导,落实责任。"


def test_tijian_page_over_http(browser, server, tmp_path):
    context = new_context(browser, locale="zh-CN")
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    page = context.new_page()
    outside, errors = [], []
    page.on("request", lambda r: None if r.url.startswith((server, *LOCAL)) else outside.append(r.url))
    page.on("pageerror", lambda e: errors.append(str(e)))
    _journey(_tijian(page, server + "tijian/"), tmp_path)
    context.close()
    assert not outside and not errors, (outside, errors)


def _parts_dated(data: bytes, date: str) -> list[tuple[str, bytes]]:
    """A package's parts, in order, with every w:date set to date (the page dates its copies now)."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return [
            (info.filename, re.sub(rb'w:date="[^"]*"', f'w:date="{date}"'.encode(), archive.read(info)))
            for info in archive.infolist()
        ]


def test_the_word_buttons_download_the_copies_python_writes(page, server, tmp_path):
    """Open a .docx with automatic numbering and a text box; each button downloads the copy annotate.py writes of it
    (the browser's reader and writer, byte for byte but the date); editing the draft takes the buttons away."""
    original = numbered_with_a_text_box()
    path = tmp_path / "通知.docx"
    path.write_bytes(original)
    _tijian(page, server + "tijian/")
    assert not page.locator(".fw-ck-word").is_visible()
    _checked(page, lambda: page.locator("#fw-ck-file").set_input_files(path))
    found = check(read_text(original)["text"], RULESET)
    for name, kind, python in (
        ("下载带批注的 Word", "comments", comment_docx),
        ("下载带修订的 Word", "fixes", fix_docx),
    ):
        with page.expect_download() as download:
            page.get_by_role("button", name=name).click()
        assert download.value.suggested_filename == f"通知（{'批注' if kind == 'comments' else '修订'}）.docx"
        saved = Path(download.value.path()).read_bytes()
        assert _parts_dated(saved, "D") == _parts_dated(python(original, found, "2026-01-01T00:00:00Z"), "D")
    assert len(list(docx.Document(io.BytesIO(saved)).comments)) == 0  # the tracked copy: changes, no comments
    _checked(page, lambda: (page.locator("#fw-ck-input").press("End"), page.locator("#fw-ck-input").type("。")))
    assert not page.locator(".fw-ck-word").is_visible()


def test_a_long_draft_is_checked_in_a_worker_and_marked_as_far_as_a_page_lays_out_quickly(page, server):
    """A pasted archive (here 200,000 characters: runs of 、 and 4,000 short lines with a finding each) is checked
    off the page's thread, listed a few findings per rule at a time, and marked in place only so far, with a note;
    the page's own text never kerns its long runs of CJK punctuation (what made 8,000 、 take seconds)."""
    _tijian(page, server + "tijian/")
    draft = "、" * 100_000 + "\n" + "（一）好,\n" * 4_000 + "、" * 60_000
    _checked(page, lambda: page.evaluate("t => window.fanwenkuTijian.setText(t)", draft))
    assert page.evaluate("!!window.fanwenkuCheckerWorker")
    expected = check(draft, RULESET)
    assert page.locator(".fw-ck-status").inner_text().startswith(f"共 {len(expected)} 处")
    assert page.locator(".fw-ck-view .fw-ck-line").count() == 1  # the first line alone fills what is marked
    assert "这里只标出第 1 行的前一部分" in page.locator(".fw-ck-cut").inner_text()
    rule = page.locator(".fw-ck-rule[data-rule='biaodian-douhao']")
    assert rule.locator(".fw-ck-item").count() == 5
    rule.locator(".fw-ck-more-button").click()
    assert rule.locator(".fw-ck-item").count() == 105
    # a finding beyond the marked part: its place is selected in the draft itself
    rule.locator(".fw-ck-where").last.click()
    selected = page.evaluate(
        "() => { const i = document.querySelector('#fw-ck-input'); return i.value.slice(i.selectionStart, i.selectionEnd); }"
    )
    assert selected == ","
    assert page.evaluate("getComputedStyle(document.querySelector('.fw-ck')).textSpacingTrim") == "space-all"


def test_template_page_check_button_lists_placeholders_first_then_nothing_once_filled(page, server, catalog):
    template = min(catalog.templates, key=lambda t: len(t.fields))
    page.goto(server + template.url)
    page.locator(".fw-tpl[data-fw-ready] .fw-tpl-form").wait_for(state="visible")
    page.get_by_role("button", name="检查", exact=True).click()
    panel = page.locator(".fw-ck-panel")
    groups = panel.locator(".fw-ck-group")
    unfilled = check(fill(template), RULESET)
    expect(panel.locator(".fw-ck-status")).to_contain_text(f"共 {len(unfilled)} 处")  # loads the engine first
    assert groups.first.get_attribute("data-group") == "占位符"
    for field in template.fields:
        page.locator(f".fw-tpl-form [data-key='{field.key}']").fill(field.example)
    page.get_by_role("button", name="检查", exact=True).click()
    filled = check(fill(template, template.examples), RULESET)
    assert not any(f.level == "错误" for f in filled)
    expected = f"共 {len(filled)} 处：错误 0 处" if filled else "没有发现问题。"
    expect(panel.locator(".fw-ck-status")).to_contain_text(expected)
    assert panel.locator(".fw-ck-group[data-group='占位符']").count() == 0


def test_sample_page_shows_its_findings_on_demand(page, server, catalog):
    sample = next(s for s in catalog.samples if s.text_path.stem == "fanwen-4")
    page.goto(server + sample.url)
    panel = page.locator(".fw-ck-panel[data-fw-checker='sample']")
    assert panel.locator(".fw-ck-results").is_hidden()
    panel.get_by_role("button", name="显示体检结果").click()
    found = check(sample_text(sample), RULESET)
    errors = sum(f.level == "错误" for f in found)
    expect(panel.locator(".fw-ck-status")).to_contain_text(f"共 {len(found)} 处：错误 {errors} 处")
    quote = panel.locator(".fw-ck-rule[data-rule='biaodian-chengdui'] a.fw-ck-where")
    assert quote.get_attribute("href") == "#p25"  # the unclosed quote the 数据问题 note describes
    quote.click()
    expect(page).to_have_url(re.compile(r"#p25$"))


# ---------------------------------------------------------------- from the folder build (file://)


def test_tijian_page_from_file_urls(browser, offline, tmp_path):
    context = new_context(browser, locale="zh-CN")
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    page = context.new_page()
    requests, errors = [], []
    context.on("request", lambda r: requests.append(r.url))
    page.on("pageerror", lambda e: errors.append(str(e)))
    # Reached from the home page, as a person would: the page is a file, not a folder.
    page.goto(offline.as_uri() + "/index.html")
    page.locator("article").get_by_role("link", name="公文体检", exact=True).click()
    page.wait_for_url(re.compile(r"/tijian/"))
    assert page.url.endswith("/tijian/index.html")
    page.locator(".fw-ck-form").wait_for(state="visible")
    _journey(page, tmp_path)
    # A sample page's panel works from disk too.
    page.goto(offline.as_uri() + "/fanwen/yueqing-zhongxinqu-zongjie-ji-silu.html")
    page.get_by_role("button", name="显示体检结果").click()
    expect(page.locator(".fw-ck-panel .fw-ck-status")).to_contain_text("错误")
    context.close()
    outside = [url for url in requests if not url.startswith(LOCAL)]
    assert not outside and not errors, (outside, errors)
    assert any("/assets/checker/rules." in url for url in requests)


# ---------------------------------------------------------------- accessibility with the findings shown


@pytest.mark.parametrize(
    ("url", "button"),
    [
        ("tijian/", "检查"),
        ("fanwen/yueqing-zhongxinqu-zongjie-ji-silu/", "显示体检结果"),
        ("muban/zhaoshang-yinzi-chazhao-buzu-zhenggai-huibao-moban/", "检查"),
    ],
)
def test_axe_finds_no_violation_with_the_findings_shown(page, server, url, button):
    page.goto(server + url)
    if url == "tijian/":
        page.locator("#fw-ck-input").fill(DRAFT)
    page.get_by_role("button", name=button, exact=True).click()
    page.locator(".fw-ck-group").first.wait_for()  # the findings are shown
    page.locator(".fw-ck-view .fw-ck-line, .fw-ck-panel .fw-ck-items").first.wait_for()  # the marked draft too
    violations = axe_violations(page)
    assert not violations, violations


# ---------------------------------------------------------------- Material's instant navigation re-runs the scripts
# (instant_site: the site built with its address, tests/conftest.py)

# A template page once both its scripts set it up: the form (muban.js) and the 检查 button (checker/inline.js).
READY_TEMPLATE = ".fw-tpl[data-fw-ready][data-fw-ck-ready] .fw-tpl-form"


def test_pages_work_after_instant_navigation_and_again_after_going_back(browser, instant_site, catalog):
    context = new_context(browser, locale="zh-CN")
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    # A page without the checker's scripts; links are followed instantly once Material has fetched sitemap.xml.
    page.goto(instant_site + "biaoshu/", wait_until="networkidle")
    page.evaluate("window.__samePage = true")
    nav = page.locator("nav.md-nav--primary")
    template = min(catalog.templates, key=lambda t: len(t.fields))
    # To a template page first: its scripts arrive with the swapped content and must run in order.
    nav.get_by_role("link", name="模板", exact=True).click()
    page.wait_for_url("**/muban/")
    page.locator("article").get_by_role("link", name=template.title).click()
    page.locator(READY_TEMPLATE).wait_for(state="visible")
    page.get_by_role("button", name="检查", exact=True).click()
    assert page.locator(".fw-ck-panel .fw-ck-group").first.get_attribute("data-group") == "占位符"
    assert page.get_by_role("button", name="检查", exact=True).count() == 1
    nav.get_by_role("link", name="公文体检", exact=True).click()
    page.locator(".fw-ck-form").wait_for(state="visible")
    page.locator("#fw-ck-input").fill("加强领导,落实责任。")
    _checked(page, page.get_by_role("button", name="检查", exact=True).click)
    expect(page.locator(".fw-ck-status")).to_have_text("共 1 处：错误 1 处，建议 0 处。")
    page.go_back()
    page.locator(READY_TEMPLATE).wait_for(state="visible")
    assert page.get_by_role("button", name="检查", exact=True).count() == 1  # set up once, not twice
    page.go_forward()
    page.locator(".fw-ck-form").wait_for(state="visible")
    page.locator("#fw-ck-input").fill("三、五天")
    _checked(page, page.get_by_role("button", name="检查", exact=True).click)
    expect(page.locator(".fw-ck-status")).to_contain_text("错误 1 处")
    assert page.evaluate("window.__samePage"), "a full page load: instant navigation did not take the clicks"
    context.close()
    assert not errors, errors
