"""Fill-in templates: the source format, the round trip against the samples, and the built pages."""

from __future__ import annotations

import re

import pytest
from conftest import ROOT, copy_project, run_build
from helpers import article_of, soup

from macros.sources.site_map import FACETS
from macros.sources.templates import (
    FIELD,
    METADATA,
    PATTERN_FOLD,
    PUNCTUATION_FOLD,
    Para,
    fill,
    fill_para,
    normalise,
    round_trip,
    sentences,
)

TEMPLATES_README = ROOT / "templates_src" / "templates" / "README.md"


# ---------------------------------------------------------------- helpers, table-driven


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        ("无字段。", [("无字段。", False)]),
        ("【【甲】】年", [("甲", True), ("年", False)]),
        ("到【【甲】】【【乙】】止", [("到", False), ("甲", True), ("乙", True), ("止", False)]),
        ("〔2024〕12号【【甲】】", [("〔2024〕12号", False), ("甲", True)]),  # 文号 brackets are text
    ],
)
def test_para_parts(text, parts):
    assert Para(1, text, False).parts() == parts


@pytest.mark.parametrize(
    ("text", "values", "filled"),
    [
        ("【【地区】】在【【年份】】年", {"地区": "汶河", "年份": "2024"}, "汶河在2024年"),
        ("【【地区】】在【【年份】】年", {"地区": "汶河"}, "汶河在【【年份】】年"),  # unfilled stays visible
        ("【【地区】】在【【年份】】年", {"地区": ""}, "【【地区】】在【【年份】】年"),
        ("【【甲】】", {"甲": "<b>{{ x }}</b>"}, "<b>{{ x }}</b>"),  # values are text, never interpreted
    ],
)
def test_fill_para(text, values, filled):
    assert fill_para(Para(1, text, False), values) == filled


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("一句。两句！三句？四句；尾巴", ["一句。", "两句！", "三句？", "四句；", "尾巴"]),
        ("半角;不切,照留。", ["半角;不切,照留。"]),
        ("", []),
    ],
)
def test_sentences(text, expected):
    assert sentences(text) == expected


@pytest.mark.parametrize(
    ("text", "normalised", "counts"),
    [
        ("抓调查研究,科学部署;", "抓调查研究，科学部署；", {",→，": 1, ";→；": 1}),
        ("1、农业优势产业:", "1.农业优势产业：", {"N、→N.": 1, ":→：": 1}),
        ("选择1-2个", "选择1～2个", {"数字间 -→～": 1}),
        ("《甲》、《乙》和“丙”、“丁”", "《甲》《乙》和丙丁", {"》、《→》《": 2, "“→（删去）": 2, "”→（删去）": 2}),
        ("2021、2022年,总人次-0.67", "2021、2022年，总人次-0.67", {",→，": 1}),  # only what the folds name
    ],
)
def test_normalise_folds_punctuation_and_counts_it(text, normalised, counts):
    seen: dict[str, int] = {}
    assert normalise(text, seen) == normalised
    assert seen == counts


# ---------------------------------------------------------------- the real templates


def test_at_least_eight_templates_cover_every_sample(catalog):
    assert len(catalog.templates) >= 8
    used = {s for t in catalog.templates for s in t.sources}
    assert {s.slug for s in catalog.samples} <= used


def test_round_trip_reproduces_the_source_sentences(catalog):
    """Filled with the 示例 values, every kept sentence is in the sources verbatim."""
    samples = {s.slug: s for s in catalog.samples}
    for template in catalog.templates:
        result = round_trip(template, samples)
        assert result.checked > 0, template.slug
        assert not result.missing, f"{template.meta_path.name}: not in the sources: {result.missing}"
        known = {*PATTERN_FOLD, *(f"{a}→{b or '（删去）'}" for a, b in PUNCTUATION_FOLD.items())}
        assert set(result.normalised) <= known, result.normalised


def test_added_paragraphs_are_marked_not_shown(catalog):
    for template in catalog.templates:
        assert all("【新增】" not in p.text for p in template.paras)
        assert "【新增】" not in fill(template)


def test_readme_documents_the_schema():
    """The README beside the files names every key of the schema and every field kind: they cannot drift."""
    readme = TEMPLATES_README.read_text(encoding="utf-8")
    for key in [*METADATA.names, *FIELD.names]:
        assert re.search(rf"^\s*(- )?{re.escape(key)}:", readme, re.MULTILINE), f"README does not show “{key}:”"
    for kind in ("文本", "数字", "年份", "多行"):
        assert kind in readme
    for marker in ("【【键】】", "【新增】"):
        assert marker in readme


# ---------------------------------------------------------------- the built pages


def test_template_page_shows_fields_form_preview_and_plain_text(site, catalog):
    for template in catalog.templates:
        body = article_of(site, template.url)
        root = body.select_one(f".fw-tpl[data-template='{template.slug}']")
        assert root is not None, template.slug
        rows = body.select(".fw-fields tbody tr")
        assert [r.td.get_text() for r in rows] == [f"【【{f.key}】】" for f in template.fields]
        inputs = root.select(".fw-tpl-form [data-key]")
        assert [i["data-key"] for i in inputs] == [f.key for f in template.fields]
        for field, control in zip(template.fields, inputs, strict=True):
            assert control.name == ("textarea" if field.kind == "多行" else "input"), field.key
            label = root.select_one(f"label[for='{control['id']}']")
            assert field.label in label.get_text()
        slots = root.select(".fw-tpl-preview .fw-ph")
        expected = [k for p in template.paras for k in p.placeholder_keys()]
        assert [s["data-key"] for s in slots] == expected
        assert all(s.get_text() == f"【【{s['data-key']}】】" and s["data-label"] for s in slots)
        # Without JavaScript: the preview is the template's text, and so is the copy source.
        preview = "\n".join(b.get_text() for b in root.select(".fw-tpl-preview > .fw-tp"))
        assert preview == fill(template)
        assert root.select_one(f"#fw-plain-{template.slug}").get_text() == fill(template)
        assert root.select_one(f"[data-clipboard-target='#fw-plain-{template.slug}']") is not None
        assert root.select_one(f"[data-clipboard-target='#fw-filled-{template.slug}']") is not None


def test_template_and_sample_pages_link_to_each_other(site, catalog):
    for template in catalog.templates:
        meta = article_of(site, template.url).select_one(".fw-meta")
        linked = {a["href"].split("/")[-2] for a in meta.select("a[href*='fanwen/']")}
        assert linked == set(template.sources), template.slug
    for sample in catalog.samples:
        meta = article_of(site, sample.url).select_one(".fw-meta")
        linked = {a["href"].split("/")[-2] for a in meta.select("a[href*='muban/']")}
        assert linked == {t.slug for t in catalog.templates if sample.slug in t.sources}, sample.slug


def test_templates_are_listed_by_facet_and_on_the_index(site, catalog):
    for facet, folder in FACETS.items():
        for term in catalog.vocab[facet]:
            body = article_of(site, f"{folder}/{term.slug}/")
            linked = {a["href"].split("/")[-2] for a in body.select("a[href*='muban/']")}
            assert linked == {t.slug for t in catalog.templates if term.name in t.facets[facet]}, term.name
    index = article_of(site, "muban/")
    assert {a["href"].split("/")[-2] for a in index.select("a[href*='/']")} >= {t.slug for t in catalog.templates}


def test_template_pages_are_in_the_navigation(site, catalog):
    nav = soup(site, "muban/").select_one("nav.md-nav--primary").get_text()
    for template in catalog.templates:
        assert template.title in nav


# ---------------------------------------------------------------- nothing in a template is markup or Jinja

ODD_TEMPLATE = """---
slug: guai-zifu-moban
标题: 含特殊字符的模板
顺序: 99
摘要: 正文里有 Jinja 和 HTML 的样子，必须原样显示。
行业: [招商引资]
文种: 工作要点
层级: 乡镇
来源: [xiangzhen-nongye-zhaoshang-yaodian]
字段:
  - 键: 甲
    标签: 甲
    说明: 随便。
    示例: '06'
---
一、{{ 不是宏 }} 和 {% if x %}

【【甲】】{# 不是注释 #} <script>alert(1)</script> **不加粗** [不是链接](x.md) &amp;
"""


def test_template_text_is_never_jinja_markdown_or_html(tmp_path):
    project = copy_project(tmp_path / "project")
    (project / "templates_src/templates/zz-odd.md").write_text(ODD_TEMPLATE, encoding="utf-8")
    result = run_build(project, tmp_path / "out")
    assert result.returncode == 0, result.stderr[-2000:]
    root = article_of(tmp_path / "out", "muban/guai-zifu-moban/").select_one(".fw-tpl-preview")
    text = root.get_text("\n")
    for literal in ["{{ 不是宏 }}", "{% if x %}", "{# 不是注释 #}", "<script>alert(1)</script>", "**不加粗**", "&amp;"]:
        assert literal in text, literal
    assert not root.find(["script", "strong", "a", "em"])
    table = article_of(tmp_path / "out", "muban/guai-zifu-moban/").select_one(".fw-fields")
    assert "06" in [td.get_text() for td in table.select("td")]  # 示例 kept as typed, not read as the number 6
