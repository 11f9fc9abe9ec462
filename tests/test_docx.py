"""Word downloads read back with python-docx: GB/T 9704 page, grid, fonts per level, page numbers, text."""

from __future__ import annotations

import hashlib
import io
import json

import docx
import pytest
from conftest import ROOT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_COLOR_INDEX, WD_LINE_SPACING
from docx.oxml import parse_xml
from docx.oxml.ns import qn
from docx.shared import Length
from helpers import soup

from macros.word import layout
from macros.word.downloads import file_name, sample_docx, sample_docx_uri, template_docx
from macros.word.layout import Field, Para, build_docx, docx_parts, style_for

GRID_SAMPLE = "yueqing-zhongxinqu-zongjie-ji-silu"  # headings of three numbering ranks
TEMPLATE = "jiedao-zhongdian-gongzuo-shuzhi-moban"


def open_docx(data: bytes):
    return docx.Document(io.BytesIO(data))


def style_value(style, get):
    """A run property as the style chain resolves it (the style, then its base styles)."""
    while style is not None:
        value = get(style)
        if value is not None:
            return value
        style = style.base_style
    return None


def east_asia(style) -> str | None:
    def get(s):
        fonts = s.element.rPr.find(qn("w:rFonts")) if s.element.rPr is not None else None
        return None if fonts is None else fonts.get(qn("w:eastAsia"))

    return style_value(style, get)


def latin(style) -> str | None:
    def get(s):
        fonts = s.element.rPr.find(qn("w:rFonts")) if s.element.rPr is not None else None
        return None if fonts is None else fonts.get(qn("w:ascii"))

    return style_value(style, get)


@pytest.fixture(scope="module")
def sample_doc(catalog):
    return open_docx(sample_docx(catalog.sample(GRID_SAMPLE)))


@pytest.fixture(scope="module")
def template(catalog):
    return catalog.template(TEMPLATE)


def test_page_is_a4_with_the_standard_margins(sample_doc):
    section = sample_doc.sections[0]
    expected_mm = {
        "page_width": 210,
        "page_height": 297,
        "top_margin": 37,
        "left_margin": 28,
        "right_margin": 26,
        "bottom_margin": 35,
    }
    for name, mm in expected_mm.items():
        assert getattr(section, name).mm == pytest.approx(mm, abs=0.05), name
    body_width = Length(section.page_width - section.left_margin - section.right_margin)
    body_height = Length(section.page_height - section.top_margin - section.bottom_margin)
    assert (body_width.mm, body_height.mm) == (pytest.approx(156, abs=0.05), pytest.approx(225, abs=0.05))


def test_document_grid_is_22_lines_of_28_characters(sample_doc):
    section = sample_doc.sections[0]
    grid = section._sectPr.find(qn("w:docGrid"))
    assert grid.get(qn("w:type")) == "linesAndChars"
    pitch, char_space = int(grid.get(qn("w:linePitch"))), int(grid.get(qn("w:charSpace")))
    body_height = Length(section.page_height - section.top_margin - section.bottom_margin).twips
    body_width = Length(section.page_width - section.left_margin - section.right_margin).twips
    assert body_height // pitch == 22
    assert pitch == pytest.approx(28.95 * 20, abs=1)
    char_pitch = (16 + char_space / 4096) * 20  # twips; Word's rule: body size + charSpace/4096 pt
    assert body_width // char_pitch == 28
    # Characters are also condensed so 28 fit where the grid is not applied (LibreOffice, see docx_layout).
    assert body_width // (16 * 20 + layout.CONDENSE) == 28


def test_lines_are_exactly_one_grid_line_apart(sample_doc):
    normal = sample_doc.styles["Normal"].paragraph_format
    assert normal.line_spacing_rule == WD_LINE_SPACING.EXACTLY
    assert normal.line_spacing.twips == layout.LINE_PITCH
    assert normal.space_before in (None, 0) and normal.space_after in (None, 0)
    assert normal.widow_control is False  # widow control would leave 21-line pages


@pytest.mark.parametrize(
    ("style", "font", "size"),
    [
        ("公文标题", "方正小标宋简体", 22),
        ("公文正文", "仿宋_GB2312", 16),
        ("一级标题", "黑体", 16),
        ("二级标题", "楷体_GB2312", 16),
        ("三级标题", "仿宋_GB2312", 16),
        ("四级标题", "仿宋_GB2312", 16),
        ("页码", "宋体", 14),
    ],
)
def test_fonts_and_sizes_per_level(sample_doc, style, font, size):
    s = sample_doc.styles[style]
    assert east_asia(s) == font
    assert latin(s) == "Times New Roman"  # digits and Latin letters, and what a machine without the font shows
    assert style_value(s, lambda x: x.font.size).pt == size


def test_body_and_headings_indent_two_characters_and_title_is_centred(sample_doc):
    for name in ("公文正文", "一级标题", "二级标题", "三级标题", "四级标题"):
        ind = sample_doc.styles[name].element.pPr.find(qn("w:ind"))
        assert ind.get(qn("w:firstLineChars")) == "200", name
    title = sample_doc.styles["公文标题"].paragraph_format
    assert title.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert sample_doc.paragraphs[0].style.name == "公文标题"


def test_font_table_names_a_stand_in_for_each_chinese_font(sample_doc):
    part = next(r.target_part for r in sample_doc.part.rels.values() if r.reltype.endswith("/fontTable"))
    fonts = {f.get(qn("w:name")): f for f in parse_xml(part.blob).findall(qn("w:font"))}
    for name, alt in [("仿宋_GB2312", "仿宋"), ("楷体_GB2312", "楷体"), ("方正小标宋简体", "宋体")]:
        assert fonts[name].find(qn("w:altName")).get(qn("w:val")) == alt
        assert fonts[name].find(qn("w:charset")).get(qn("w:val")) == "86"  # GB2312


@pytest.mark.parametrize(
    ("text", "is_heading", "style"),
    [
        ("一、总体要求", True, "一级标题"),
        ("（一）目标任务", True, "二级标题"),
        ("(二)承担主要指标完成情况", True, "二级标题"),
        ("1.全域旅游", True, "三级标题"),
        ("2、加强领导", True, "三级标题"),
        ("（1）落实责任", True, "四级标题"),
        ("①落实责任", True, "四级标题"),
        ("一、这是一句完整的话。", False, "公文正文"),
        ("正文段落", False, "公文正文"),
    ],
)
def test_style_follows_the_numbering(text, is_heading, style):
    assert style_for(text, is_heading) == style


@pytest.mark.parametrize(
    ("title", "lines"),
    [
        ("街道党工委负责同志抓重点工作的述职汇报", ["街道党工委负责同志抓重点工作的述职汇报"]),
        ("市文化和旅游局2020年工作总结及2021年工作谋划", ["市文化和旅游局2020年工作总结", "及2021年工作谋划"]),
        ("商城县领导在全县招商引资工作会议上的讲话（节选）", ["商城县领导在全县招商引资工作会议上的讲话", "（节选）"]),
        (
            "关于进一步加强和改进新形势下全市招商引资工作的实施意见",
            ["关于进一步加强和改进新形势下全市招商引资工作的实施意见"],
        ),
    ],
)
def test_long_titles_break_before_a_conjunction(title, lines):
    assert layout.title_lines(title) == lines


def test_run_in_headings_take_the_level_font(catalog, sample_doc):
    assert east_asia(sample_doc.styles["一级标题字"]) == "黑体"
    assert east_asia(sample_doc.styles["二级标题字"]) == "楷体_GB2312"
    sample = catalog.sample("shangcheng-xian-zhaoshang-jianghua")
    document = open_docx(sample_docx(sample))
    para = next(p for p in document.paragraphs if p.text.startswith("(一)"))
    assert para.style.name == "公文正文"
    lead, rest = para.runs[0], para.runs[1:]
    assert lead.text == "(一)围绕主导产业开展集团化、体系化招商。" and lead.style.name == "二级标题字"
    assert all(r.style.name == "Default Paragraph Font" for r in rest)


def test_sample_headings_get_their_level_style(sample_doc, catalog):
    sample = catalog.sample(GRID_SAMPLE)
    styles = [p.style.name for p in sample_doc.paragraphs[2:]]
    assert styles == [style_for(b.text, b.is_heading) for b in sample.blocks]
    assert {"一级标题", "二级标题", "三级标题"} <= set(styles)


def test_every_sample_is_verbatim_without_notes(catalog):
    for sample in catalog.samples:
        document = open_docx(sample_docx(sample))
        texts = [p.text for p in document.paragraphs]
        texts[0] = texts[0].replace("\n", "")  # a long title is broken with a line break, not changed
        assert texts == [sample.title, "", *(b.text for b in sample.blocks)], sample.slug
        assert not any("原文说明" in t for t in texts)


def test_page_numbers_outer_corner_with_dashes(sample_doc):
    assert sample_doc.settings.odd_and_even_pages_header_footer
    section = sample_doc.sections[0]
    odd, even = section.footer.paragraphs[0], section.even_page_footer.paragraphs[0]
    assert odd.text == even.text == "— 1 —"  # the PAGE field's cached value between two 一字线
    assert odd.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.RIGHT
    assert even.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.LEFT
    assert odd.paragraph_format.right_indent.pt == even.paragraph_format.left_indent.pt == 14  # 空一字 (4号)
    for footer in (odd, even):
        assert "PAGE" in "".join(footer._p.itertext())
        assert footer.style.name == "页码"
    # The 一字线's top 7 mm below the 版心: footer distance + one 4号 line = bottom margin - 7 mm.
    top_of_number = section.footer_distance.mm + 14 * 25.4 / 72
    assert top_of_number == pytest.approx(section.bottom_margin.mm - 7, abs=0.1)


def test_template_fields_filled_or_highlighted(template):
    values = {"地区": "城南", "上级党委": "县委"}
    document = open_docx(template_docx(template, values))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "立足城南实际" in text and "县委" in text
    assert "【【地区】】" not in text
    runs = [r for p in document.paragraphs for r in p.runs]
    placeholders = [r for r in runs if r.text.startswith("【【")]
    assert {r.text for r in placeholders} == {f"【【{f.key}】】" for f in template.fields if f.key not in values}
    assert all(r.font.highlight_color == WD_COLOR_INDEX.YELLOW for r in placeholders)
    assert not any(r.font.highlight_color for r in runs if r not in placeholders)
    assert document.paragraphs[0].text.replace("\n", "") == template.title


def test_template_with_all_examples_is_the_filled_text(template):
    from macros.sources.templates import fill_para

    document = open_docx(template_docx(template, template.examples))
    assert [p.text for p in document.paragraphs[2:]] == [fill_para(p, template.examples) for p in template.paras]


def test_multi_line_value_makes_paragraphs_or_line_breaks():
    paras = [Para("公文正文", (Field("段落"),)), Para("公文正文", ("前文", Field("句子"), "后文"))]
    document = open_docx(build_docx("标题", paras, {"段落": "第一段\n\n 第二段 ", "句子": "甲\n乙"}))
    texts = [p.text for p in document.paragraphs[2:]]
    assert texts == ["第一段", "第二段", "前文甲\n乙后文"]
    assert all(p.style.name == "公文正文" for p in document.paragraphs[2:])


def test_build_is_reproducible(catalog):
    sample = catalog.sample(GRID_SAMPLE)
    assert sample_docx(sample) == sample_docx(sample)


def test_file_name_is_the_title_without_forbidden_characters():
    assert file_name("关于“A/B”的报告: 2024") == "关于“AB”的报告2024.docx"


def test_sample_pages_link_their_docx(site, catalog):
    for sample in catalog.samples:
        link = soup(site, sample.url).select_one("a[download]")
        assert link.get_text() == "下载 Word"
        assert link["download"] == file_name(sample.title)
        target = site / sample.url / link["href"]
        assert target == site / sample_docx_uri(sample)
        assert target.read_bytes() == sample_docx(sample)


def test_template_pages_carry_the_unfilled_document(site, catalog):
    """A page carries its document's own parts; the parts every template has alike are in one script it names."""
    scripts = list((site / "assets").glob("word-parts.*.js"))
    assert len(scripts) == 1, scripts
    prefix = "window.fanwenkuWordParts = "
    text = scripts[0].read_text(encoding="utf-8")
    assert text.startswith(prefix)
    shared = json.loads(text.removeprefix(prefix).rstrip().removesuffix(";"))
    assert {"word/styles.xml", "word/settings.xml", "word/footer1.xml"} <= set(shared)
    assert not {"word/document.xml", "docProps/core.xml"} & set(shared), "a template's text or title in every page"
    for template in catalog.templates:
        button = soup(site, template.url).select_one("button[data-fw-docx]")
        assert button.get_text() == "下载 Word"
        assert button["data-fw-docx"] == file_name(template.title)
        assert button["data-fw-docx-shared"] == scripts[0].name  # beside docx-fill.js, which loads it
        own = json.loads(button["data-fw-docx-parts"])
        assert [name for name, part in own.items() if part is None] == [name for name in own if name in shared]
        whole = [(name, shared[name] if part is None else part) for name, part in own.items()]
        assert whole == list(docx_parts(template_docx(template)).items())  # every part, in zip order


def test_vendored_fflate_is_the_recorded_release():
    folder = ROOT / "docs/assets/vendor/fflate"
    record = dict(line.split(": ", 1) for line in (folder / "VERSION").read_text(encoding="utf-8").splitlines())
    assert hashlib.sha256((folder / "fflate.min.js").read_bytes()).hexdigest() == record["file-sha256"]
    assert (folder / "LICENSE").read_text(encoding="utf-8").startswith("MIT License")
    # The version is named where the Word download is documented: the manual's page (it moved there from README.md).
    assert f"fflate {record['version']}" in (ROOT / "docs/weihu/word.md").read_text(encoding="utf-8")


def test_property_elements_follow_the_schema_order(catalog, template):
    """Word rejects a file whose w:pPr / w:rPr children are out of the schema's sequence."""
    from lxml import etree

    orders = {"pPr": layout.PPR_ORDER, "rPr": layout.RPR_ORDER}
    for data in (sample_docx(catalog.sample(GRID_SAMPLE)), template_docx(template, {"地区": "城南"})):
        for name, xml in docx_parts(data).items():
            if not name.startswith("word/"):
                continue
            root = etree.fromstring(xml.encode("utf-8"))
            for kind, order in orders.items():
                for props in root.iter(qn(f"w:{kind}")):
                    names = [etree.QName(child).localname for child in props]
                    assert all(n in order for n in names), (name, names)
                    assert [order.index(n) for n in names] == sorted(order.index(n) for n in names), (name, names)
