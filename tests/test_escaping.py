"""Data is shown as text, never run: markup and template syntax in every field of every data kind.

One build of the project with a hostile sample, template, annotation file and phrase added; every field holds
PAYLOAD. The built pages must show it literally (as text, in attributes, in <title> and <meta>), evaluate none of
it (no 49 for {{ 7*7 }}), and add no element (no <script>, no <b>) of its own.
"""

from __future__ import annotations

import json

import pytest
from browsing import new_context
from bs4 import BeautifulSoup
from conftest import copy_project, run_build

# HTML, both quotes, an entity, Jinja expressions and statements, a Markdown emphasis.
PAYLOAD = "<script>alert(1)</script><b>粗</b>\"'&amp;{{ 7*7 }}{% if 1 %}如{% endif %}{# 注 #}*强*"
TEXT = f"甲乙{PAYLOAD}"  # as a value inside YAML, quoted by json.dumps below


def q(text: str) -> str:
    """A YAML scalar holding text exactly (JSON strings are YAML)."""
    return json.dumps(text, ensure_ascii=False)


SAMPLE_YML = f"""slug: zz-xss
标题: {q("测试" + PAYLOAD)}
顺序: 99
合集: {q(PAYLOAD)}
来源: {q(PAYLOAD)}
摘要: {q(PAYLOAD)}
行业: [农业]
文种: 工作要点
层级: 乡镇
地区: {q(PAYLOAD)}
年代: {q(PAYLOAD)}
注记:
  - 位置: p2
    类型: {q(PAYLOAD)}
    内容: {q(PAYLOAD)}
"""
SAMPLE_TXT = f"一、{PAYLOAD}\n\n坚持项目为王，{PAYLOAD}测试表述甲乙丙。\n\n{PAYLOAD}\n"
ANNOTATIONS = f"""结构:
  - 位置: p1
    作用: {q(PAYLOAD)}
段落:
  p2:
    功能: [开篇]
    技法:
      - 名称: 排比
        原文: {q(PAYLOAD)}
        说明: {q(PAYLOAD)}
写法要点:
  - 标题: {q(PAYLOAD)}
    内容: {q(PAYLOAD)}
  - 标题: 二
    内容: {q(PAYLOAD)}
  - 标题: 三
    内容: {q(PAYLOAD)}
数据问题:
  - 位置: p3
    内容: {q(PAYLOAD)}
"""
PHRASES = f"""- 短语: 测试表述甲乙丙
  类别: 推进落实
  释义: {q(PAYLOAD)}
  用法: {q(PAYLOAD)}
  近义: [{q(PAYLOAD)}]
"""
TEMPLATE = f"""---
slug: zz-xss-moban
标题: {q("测试" + PAYLOAD)}
顺序: 99
摘要: {q(PAYLOAD)}
行业: [农业]
文种: 工作要点
层级: 乡镇
来源: [zz-xss]
字段:
  - 键: 甲
    标签: {q(PAYLOAD)}
    说明: {q(PAYLOAD)}
    示例: {q(PAYLOAD)}
---
一、{PAYLOAD}

{PAYLOAD}【【甲】】{PAYLOAD}
"""
FILES = {
    "templates_src/samples/zz-xss.yml": SAMPLE_YML,
    "templates_src/samples/zz-xss.txt": SAMPLE_TXT,
    "templates_src/annotations/zz-xss.yml": ANNOTATIONS,
    "templates_src/phrases/zz-xss.yml": PHRASES,
    "templates_src/templates/zz-xss.md": TEMPLATE,
}


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("hostile") / "project")
    for rel, text in FILES.items():
        (project / rel).write_text(text, encoding="utf-8")
    out = project / "out"
    result = run_build(project, out)
    assert result.returncode == 0, result.stderr[-3000:]
    return out


PHRASE_PAGE = "biaoshu/ce-shi-biao-shu-jia-yi-bing/"  # the page of the hostile phrase 测试表述甲乙丙
PAGES = ["fanwen/zz-xss/", "muban/zz-xss-moban/", "biaoshu/", PHRASE_PAGE, "hangye/nongye/", "fanwen/", "muban/", ""]
# 写作指南: the guide of the hostile sample's 文种, its outline, and the 功能 and 技法 pages listing its paragraph.
PAGES += ["zhinan/gongzuo-yaodian/", "zhinan/gongzuo-yaodian/duizhao/", "gongneng/kai-pian/", "jifa/pai-bi/"]


def page(site, url: str) -> tuple[str, BeautifulSoup]:
    text = (site / url / "index.html").read_text(encoding="utf-8")
    return text, BeautifulSoup(text, "html.parser")


@pytest.mark.parametrize("url", PAGES)
def test_no_payload_became_markup_or_ran(hostile_site, url):
    raw, dom = page(hostile_site, url)
    runnable = [s for s in dom.find_all("script") if s.get("type") != "application/json"]
    assert not [s for s in runnable if "alert(1)" in s.get_text()], "a <script> from the data"
    # Data handed to page scripts as JSON cannot end its element.
    assert all("<" not in s.get_text() for s in dom.find_all("script", type="application/json"))
    assert not [b for b in dom.find_all("b") if b.get_text() == "粗"], "a <b> from the data"
    assert "如{% endif %}" not in dom.get_text() or "{% if 1 %}如{% endif %}" in dom.get_text()
    assert "{{ 7*7 }}" in dom.get_text() or url in ("", "fanwen/", "muban/", "hangye/nongye/"), "template syntax ran"


def test_every_field_of_the_sample_page_shows_the_text(hostile_site):
    _, dom = page(hostile_site, "fanwen/zz-xss/")
    text = dom.select_one("article").get_text()
    # 标题 (h1), 摘要, 合集+来源, 地区, 年代, the notes, heading and paragraphs, 结构, 技法, 写法要点, 数据问题
    assert text.count(PAYLOAD) >= 12, text.count(PAYLOAD)
    assert dom.select_one("article h1").get_text().startswith("测试" + PAYLOAD)
    assert dom.title.get_text().startswith("测试" + PAYLOAD)
    assert dom.find("meta", attrs={"name": "description"})["content"] == PAYLOAD
    nav = [a.get_text(strip=True) for a in dom.select("nav.md-nav a")]
    assert "测试" + PAYLOAD in nav, "the navigation shows the title as text"


def test_tooltips_show_the_text(hostile_site):
    """Tooltips are our own (tips.js), which sets text only: the attribute holds the text itself. No title is
    left in the article for Material to render as HTML."""
    _, dom = page(hostile_site, "fanwen/zz-xss/")
    phrase = dom.select_one("a.fw-phrase")
    assert phrase is not None and phrase["data-fw-tip"] == PAYLOAD
    _, dom = page(hostile_site, "muban/zz-xss-moban/")
    slot = dom.select_one(".fw-tpl-preview .fw-ph")
    assert slot["data-fw-tip"] == "字段：" + PAYLOAD and slot["data-label"] == PAYLOAD
    assert not dom.select("article [title]")
    _, dom = page(hostile_site, PHRASE_PAGE)
    use = next(a for a in dom.select(".fw-uses a[data-fw-tip]") if "zz-xss" in a["href"])
    assert use["data-fw-tip"] == "测试" + PAYLOAD and use["aria-label"].endswith("：测试" + PAYLOAD)
    assert not dom.select("article [title]")


def test_every_field_of_the_template_page_shows_the_text(hostile_site):
    _, dom = page(hostile_site, "muban/zz-xss-moban/")
    text = dom.select_one("article").get_text()
    assert text.count(PAYLOAD) >= 6, text.count(PAYLOAD)  # 摘要, heading, body twice, the table's 标签/说明/示例
    label = dom.select_one(".fw-tpl-field label").get_text()
    assert label.startswith(PAYLOAD)
    assert dom.select_one(".fw-tpl-field input")["placeholder"].startswith("如：" + PAYLOAD[:20])
    plain = dom.select_one("pre.fw-tpl-text").get_text()
    assert plain.splitlines()[1] == f"{PAYLOAD}【【甲】】{PAYLOAD}"


def test_the_phrase_bank_shows_the_text(hostile_site):
    _, dom = page(hostile_site, PHRASE_PAGE)
    definition = dom.select_one("article dl.fw-def").get_text()
    assert definition.count(PAYLOAD) == 3  # 释义, 用法, 近义
    assert dom.find("meta", attrs={"name": "description"})["content"] == f"常用表述“测试表述甲乙丙”：{PAYLOAD}"
    _, dom = page(hostile_site, "biaoshu/")
    entry = next(li for li in dom.select("ul.fw-phrases > li") if li.a.get_text() == "测试表述甲乙丙")
    assert entry.get_text().count(PAYLOAD) == 1  # 释义


def test_hovering_every_tooltip_kind_shows_the_text_and_runs_nothing(hostile_site, browser):
    """Hover each kind of tooltip: a phrase mark, a template field and a use link on a phrase page."""
    from macros.harness.static_server import StaticServer

    with StaticServer(hostile_site) as static:
        context = new_context(browser, locale="zh-CN")
        page = context.new_page()
        dialogs = []
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        cases = [
            ("fanwen/zz-xss/", "a.fw-phrase", PAYLOAD),
            ("muban/zz-xss-moban/", ".fw-tpl-preview .fw-ph", "字段：" + PAYLOAD),
            (PHRASE_PAGE, ".fw-uses a[href*='zz-xss']", "测试" + PAYLOAD),
        ]
        for url, selector, shown in cases:
            page.goto(static.url + url)
            page.wait_for_load_state("networkidle")
            page.locator(selector).first.hover()
            tooltip = page.get_by_role("tooltip").filter(has_text="alert(1)")
            tooltip.first.wait_for(state="visible", timeout=5000)
            assert tooltip.first.inner_text().strip() == shown, url
            assert tooltip.first.locator("b, script").count() == 0, url
            page.mouse.move(0, 0)
        context.close()
    assert not dialogs
