"""Print: samples, templates (filled or not), guides and 功能 pages on A4, checked in the PDF Chromium prints.

The PDF is read back with poppler (pdfinfo, pdftotext -bbox-layout): its text, its pages and where its lines stand.
Text is compared by its Chinese characters only: the PDF sets half-width digits, letters and punctuation in runs
of their own (another font), which poppler reads out of line order, but the characters themselves never move.
"""

from __future__ import annotations

import re
import subprocess
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

import pytest
from browsing import settle
from playwright.sync_api import expect

A4_POINTS = (595.92, 842.88)  # what Chromium writes for 210 mm × 297 mm
SCREEN_ONLY = ("下载 Word", "显示批注", "搜索", "按行业", "按层级", "复制模板", "清空", "上一页", "下一页")
PAGE_MARGIN_PT = 12 / 25.4 * 72  # print.css: @page margin-left
# A page holds at most this many characters of running text at print size; fewer pages than text/this would mean
# pages went missing, and more than about 3 × that (plus notes) would mean blank or half-empty pages.
CHARS_PER_PAGE = 1500


def words(text: str) -> str:
    return "".join(re.findall(r"[\u3400-\u9fff]", text))


@dataclass(frozen=True)
class Line:
    page: int
    x: float
    x_end: float
    y: float
    y_end: float
    text: str


def pdf_lines(pdf: Path) -> list[Line]:
    xml = subprocess.run(["pdftotext", "-bbox-layout", str(pdf), "-"], capture_output=True, text=True, check=True)
    root = ET.fromstring(re.sub(r"<!DOCTYPE[^>]*>", "", xml.stdout).replace('xmlns="http://www.w3.org/1999/xhtml"', ""))
    lines = []
    for number, page in enumerate(root.iter("page"), 1):
        for line in page.iter("line"):
            text = "".join(w.text or "" for w in line.iter("word"))
            box = [float(line.get(k)) for k in ("xMin", "xMax", "yMin", "yMax")]
            lines.append(Line(number, *box, text))
    return lines


def pdf_pages(pdf: Path) -> tuple[int, tuple[float, float]]:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
    width, height = map(float, re.search(r"Page size:\s+([\d.]+) x ([\d.]+)", info).groups())
    return pages, (width, height)


def page_texts(pdf: Path, pages: int) -> list[str]:
    return [
        subprocess.run(["pdftotext", "-f", str(n), "-l", str(n), str(pdf), "-"], capture_output=True, text=True).stdout
        for n in range(1, pages + 1)
    ]


def print_pdf(page, url: str, path: Path) -> Path:
    page.goto(url)
    settle(page)  # its fonts loaded
    page.pdf(path=str(path), format="A4")
    return path


def check_pages(pdf: Path, text_chars: int) -> list[str]:
    """A4, no blank page, a page count the amount of text explains; returns each page's text."""
    pages, size = pdf_pages(pdf)
    assert size == pytest.approx(A4_POINTS, abs=1), size
    texts = page_texts(pdf, pages)
    assert all(words(t) for t in texts), "a blank page"
    assert -(-text_chars // CHARS_PER_PAGE) <= pages, f"{pages} pages for {text_chars} characters"
    return texts


def paragraph_runs(lines: list[Line], paragraph: str) -> list[list[Line]]:
    """Runs of consecutive PDF lines whose text put together is the paragraph."""
    target = words(paragraph)
    body = [ln for ln in lines if words(ln.text)]
    runs = []
    for i, first in enumerate(body):
        if not target.startswith(words(first.text)):
            continue
        joined, j = "", i
        while j < len(body) and len(joined) < len(target):
            joined += words(body[j].text)
            j += 1
        if joined == target:
            runs.append(body[i:j])
    return runs


# -- samples ------------------------------------------------------------------------------------------------------


def test_a_sample_prints_its_text_without_screen_furniture(page, server, catalog, tmp_path):
    sample = max(catalog.samples, key=lambda s: len(s.blocks))
    pdf = print_pdf(page, server + sample.url, tmp_path / "sample.pdf")
    whole = "".join(check_pages(pdf, sum(len(b.text) for b in sample.blocks)))
    flat = words(whole)
    assert words(sample.title) in flat
    position = 0
    for block in sample.blocks:  # every paragraph, whole and in order
        found = flat.find(words(block.text), position)
        assert found >= 0, f"{block.anchor} missing or out of order"
        position = found
    for text in SCREEN_ONLY:
        assert text not in whole, text
    # The teaching notes print (the switch is on by default): the 技法 notes under their paragraphs.
    notes = catalog.annotations[sample.slug]
    technique = next(t for p in notes.paragraphs.values() for t in p.techniques)
    assert words(technique.note) in flat


def test_paragraph_numbers_print_small_in_the_left_margin(page, server, catalog, tmp_path):
    sample = catalog.sample("jiedao-zhongdian-gongzuo-shuzhi")
    lines = pdf_lines(print_pdf(page, server + sample.url, tmp_path / "sample.pdf"))
    for block in sample.blocks:
        if block.is_heading:
            continue
        run = paragraph_runs(lines, block.text)
        assert len(run) == 1, block.anchor
        first = run[0][0]
        numbers = [ln for ln in lines if ln.page == first.page and ln.text == str(block.number)]
        beside = [n for n in numbers if first.y - 2 <= (n.y + n.y_end) / 2 <= first.y_end]
        assert beside, f"no number beside {block.anchor}"
        assert beside[0].x >= PAGE_MARGIN_PT - 1 and beside[0].x_end < first.x - 2, "number not in the margin"


def test_no_page_break_inside_a_paragraphs_first_two_lines(page, server, catalog, tmp_path):
    """Every paragraph that crosses a page keeps at least two lines on each side (orphans and widows: 2)."""
    crossing = 0
    for sample in catalog.samples:
        lines = pdf_lines(print_pdf(page, server + sample.url, tmp_path / f"{sample.slug}.pdf"))
        for block in sample.blocks:
            if block.is_heading:
                continue
            for run in paragraph_runs(lines, block.text):
                pages = [ln.page for ln in run]
                if len(set(pages)) > 1:
                    crossing += 1
                    assert pages.count(pages[0]) >= 2, f"{sample.slug} {block.anchor}: one line before the break"
                    assert pages.count(pages[-1]) >= 2, f"{sample.slug} {block.anchor}: one line after it"
    assert crossing, "no paragraph crossed a page: the check above checked nothing"


def test_unticking_the_notes_prints_the_bare_text(page, server, catalog, tmp_path):
    sample = catalog.sample("shi-wenlvju-2020-zongjie-2021-mouhua")
    notes = catalog.annotations[sample.slug]
    with_notes = print_pdf(page, server + sample.url, tmp_path / "on.pdf")
    page.get_by_label("显示批注（打印时也照此）").uncheck()
    expect(page.locator("article.fw-notes-off")).to_have_count(1)
    page.pdf(path=str(tmp_path / "off.pdf"), format="A4")
    on, off = (words("".join(page_texts(p, pdf_pages(p)[0]))) for p in (with_notes, tmp_path / "off.pdf"))
    for text in [notes.lessons[0].text, notes.problems[0].text, notes.parts[0].role]:
        assert words(text) in on and words(text) not in off
    for block in sample.blocks:
        assert words(block.text) in off
    assert pdf_pages(tmp_path / "off.pdf")[0] < pdf_pages(with_notes)[0]
    # The choice holds for the next sample page too.
    page.goto(server + catalog.samples[0].url)
    expect(page.get_by_label("显示批注（打印时也照此）")).not_to_be_checked()
    expect(page.locator(".fw-func").first).to_be_hidden()


# -- templates ----------------------------------------------------------------------------------------------------


def test_a_template_prints_as_the_document_filled_or_not(page, server, catalog, tmp_path):
    template = catalog.templates[0]
    url = server + f"muban/{template.slug}/"
    blank = print_pdf(page, url, tmp_path / "blank.pdf")
    text = "".join(check_pages(blank, sum(len(p.text) for p in template.paras)))
    assert template.title in text.replace("\n", "")
    assert f"【【{template.fields[0].key}】】" in text.replace("\n", "")
    for hidden in (*SCREEN_ONLY, "字段说明", "填写与预览", template.fields[0].help):
        assert hidden not in text, hidden
    field = template.fields[0]
    page.locator(f".fw-tpl-form [data-key='{field.key}']").fill("青山镇测试值")
    expect(page.locator(f".fw-tpl-preview .fw-ph[data-key='{field.key}']").first).to_have_text("青山镇测试值")
    page.pdf(path=str(tmp_path / "filled.pdf"), format="A4")
    filled = "".join(page_texts(tmp_path / "filled.pdf", pdf_pages(tmp_path / "filled.pdf")[0]))
    assert "青山镇测试值" in filled and f"【【{field.key}】】" not in filled
    assert field.label not in filled.replace("青山镇测试值", "")  # the filled value's label is for the screen


# -- guides and 功能 pages ------------------------------------------------------------------------------------------


def test_a_guide_prints_whole(page, server, catalog, tmp_path):
    from macros.guides.derive import derive

    guide = max(derive(catalog).guides, key=lambda g: len(g.samples))
    pdf = print_pdf(page, server + f"zhinan/{guide.slug}/", tmp_path / "guide.pdf")
    text = "".join(check_pages(pdf, len(guide.prose.purpose) * 10))
    flat = words(text)
    for part in guide.parts + guide.rare_parts:
        assert words(part.function) in flat
    for advice in guide.prose.advice:
        assert words(advice.text) in flat
    for note in guide.gaps:  # the folded 来源的缺损 box prints open
        assert words(note.text) in flat
    for hidden in SCREEN_ONLY:
        assert hidden not in text


def test_a_function_page_prints_the_paragraphs_it_shows(page, server, catalog, tmp_path):
    from macros.guides.derive import derive
    from macros.pages.guides import LIST_SIZE

    functions = derive(catalog).functions
    name = max(functions, key=lambda f: len(functions[f]))
    page.goto(server + f"gongneng/{catalog.term('功能', name).slug}/")
    page.locator(".fw-hits[data-fw-ready]").first.wait_for()  # zhinan.js shows one page of the list
    settle(page)
    on_screen = page.locator(".fw-hit:visible").count()
    assert on_screen == min(LIST_SIZE, len(functions[name]))
    pdf = tmp_path / "function.pdf"
    page.pdf(path=str(pdf), format="A4")
    text = "".join(page_texts(pdf, pdf_pages(pdf)[0]))
    assert len(re.findall(r"第\d+段", text)) == on_screen
