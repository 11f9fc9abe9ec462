"""The 下载 Word button in real Chromium: fill the form, download, open the file with python-docx."""

from __future__ import annotations

import io
import zipfile

import docx
import pytest
from browsing import new_context
from docx.enum.text import WD_COLOR_INDEX
from playwright.sync_api import expect

from macros.word.downloads import file_name, template_docx


@pytest.fixture(scope="module")
def template(catalog):
    """A template with a 多行 field that is a whole paragraph, and with other fields."""
    for template in catalog.templates:
        whole = [
            f for f in template.fields if f.kind == "多行" and any(p.parts() == [(f.key, True)] for p in template.paras)
        ]
        if whole and len(template.fields) > 3:
            return template, whole[0]
    pytest.fail("no template has a 多行 field that makes a whole paragraph")


def download(page, server, template, values: dict[str, str], tmp_path) -> bytes:
    page.goto(server + template.url)
    page.locator(".fw-tpl[data-fw-ready] .fw-tpl-form").wait_for(state="visible")
    for key, value in values.items():
        page.locator(f".fw-tpl-form [data-key='{key}']").fill(value)
    with page.expect_download() as info:
        page.get_by_role("button", name="下载 Word", exact=True).click()
    assert info.value.suggested_filename == file_name(template.title)
    target = tmp_path / "download.docx"
    info.value.save_as(target)
    return target.read_bytes()


def paragraphs(data: bytes) -> list[tuple]:
    """Each paragraph's style and text, and its runs' character styles, texts and highlights."""
    return [
        (p.style.name, p.text, [(r.style.name, r.text, r.font.highlight_color) for r in p.runs])
        for p in docx.Document(io.BytesIO(data)).paragraphs
    ]


def test_download_has_the_typed_values_and_highlighted_placeholders(page, server, template, tmp_path):
    template, multiline = template
    values = {template.fields[0].key: "城南街道", multiline.key: "第一段内容\n第二段内容"}
    fetched = []
    page.on("request", lambda request: fetched.append(request.url))
    page.goto(server + template.url)
    page.locator(".fw-tpl[data-fw-ready] .fw-tpl-form").wait_for(state="visible")
    assert not [url for url in fetched if "fflate" in url], "fflate was fetched before the first Word click"
    data = download(page, server, template, values, tmp_path)
    assert len([url for url in fetched if "fflate" in url]) == 1
    document = docx.Document(io.BytesIO(data))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "城南街道" in text
    assert "第一段内容" in text and "第二段内容" in text
    runs = [r for p in document.paragraphs for r in p.runs]
    empty = {f.key for f in template.fields} - set(values)
    placeholders = [r for r in runs if r.text.startswith("【【")]
    assert {r.text for r in placeholders} == {f"【【{k}】】" for k in empty}
    assert all(r.font.highlight_color == WD_COLOR_INDEX.YELLOW for r in placeholders)
    # The browser's file says what python-docx writes for the same values: same paragraphs and styles,
    # and every part except the filled document.xml byte for byte the same.
    expected = template_docx(template, values)
    assert paragraphs(data) == paragraphs(expected)
    with zipfile.ZipFile(io.BytesIO(data)) as ours, zipfile.ZipFile(io.BytesIO(expected)) as theirs:
        assert ours.namelist() == theirs.namelist()
        for name in ours.namelist():
            if name != "word/document.xml":
                assert ours.read(name) == theirs.read(name), name
    assert document.sections[0].page_width.mm == pytest.approx(210, abs=0.05)


def test_run_in_heading_with_a_field_keeps_its_font(page, server, catalog, tmp_path):
    """A field inside a run-in heading (“（一）……。”) keeps the heading's character style once filled."""
    from macros.word.layout import lead_style_for

    template = next(t for t in catalog.templates if any(lead_style_for(p.text, p.is_heading) for p in t.paras))
    values = {f.key: f"值{n}" for n, f in enumerate(template.fields) if n % 2 == 0}
    data = download(page, server, template, values, tmp_path)
    assert paragraphs(data) == paragraphs(template_docx(template, values))
    assert any(r.style.name == "二级标题字" for p in docx.Document(io.BytesIO(data)).paragraphs for r in p.runs)


def test_download_of_an_empty_form_is_the_unfilled_template(page, server, template, tmp_path):
    template, _ = template
    data = download(page, server, template, {}, tmp_path)
    assert paragraphs(data) == paragraphs(template_docx(template))


def test_downloads_work_after_instant_navigation(browser, instant_site, catalog):
    """With a site_url Material swaps pages without reloading; the link and the button must still download
    (the .docx is not in the sitemap, so Material leaves its link to the browser)."""
    base = instant_site
    context = new_context(browser, locale="zh-CN", accept_downloads=True)
    page = context.new_page()
    try:
        sample = next(s for s in catalog.samples if sum(s.slug in t.sources for t in catalog.templates) >= 2)
        start, template = [t for t in catalog.templates if sample.slug in t.sources][:2]
        # Clicks are followed instantly only once Material has fetched sitemap.xml.
        page.goto(base + start.url, wait_until="networkidle")
        page.locator(".fw-tpl[data-fw-ready] .fw-tpl-form").wait_for(state="visible")
        page.evaluate("window.fwSamePage = true")
        # Template page -> its source sample -> another template of that sample, by links in the text.
        for entry, role in ((sample, "link"), (template, "button")):
            page.locator(f"article a[href$='{entry.slug}/']").first.click()
            page.wait_for_url("**/" + entry.url)  # the address changes first, the content follows
            word = page.get_by_role(role, name="下载 Word", exact=True)
            if role == "button":  # a click does nothing until docx-fill.js, run again, has wired the button up
                expect(word).to_have_attribute("data-fw-docx-ready", "")
            with page.expect_download() as info:
                word.click()
            assert info.value.suggested_filename == file_name(entry.title)
            assert docx.Document(info.value.path()).paragraphs[0].text.replace("\n", "") == entry.title
        assert page.evaluate("window.fwSamePage === true"), "a page was reloaded, not navigated instantly"
    finally:
        context.close()
