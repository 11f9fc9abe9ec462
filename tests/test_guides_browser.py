"""What only a browser shows on the 写作指南 pages: accessibility and the 行业/层级 filter (in the small library a
功能 list fits one page; tests/test_scale.py walks a list cut into pages, with its filter)."""

from __future__ import annotations

import re

import pytest
from browsing import axe_violations, new_context
from playwright.sync_api import expect

from macros.guides.derive import derive
from macros.pages.guides import LIST_SIZE

PAGES = [
    "zhinan/",
    "zhinan/gongzuo-zongjie/",
    "zhinan/jianghua/",
    "zhinan/gongzuo-zongjie/duizhao/",
    "gongneng/",
    "gongneng/zuo-fa/",
    "jifa/",
    "jifa/pai-bi/",
]


@pytest.mark.parametrize("url", PAGES)
def test_axe_finds_no_violation_on_the_guide_pages(page, server, url):
    page.goto(server + url)
    violations = axe_violations(page)
    assert not violations, violations


def test_axe_finds_no_violation_with_a_filter_chosen_and_the_notes_switch_off(page, server, catalog):
    page.goto(server + "gongneng/zuo-fa/")
    page.get_by_role("combobox", name="层级").select_option(index=1)
    expect(page.locator(".fw-hitfilter__status")).to_contain_text("符合条件的")  # the filter has been applied
    assert not axe_violations(page)
    page.goto(server + catalog.samples[0].url)
    page.get_by_label("显示批注（打印时也照此）").uncheck()
    expect(page.locator("article.fw-notes-off .fw-func").first).to_be_hidden()  # the notes are off
    assert not axe_violations(page)


def longest_function(catalog) -> tuple[str, list]:
    functions = derive(catalog).functions
    name = max(functions, key=lambda f: len(functions[f]))
    return name, functions[name]


def visible_paragraphs(page) -> list[str]:
    return page.locator(".fw-hit:visible .fw-hit__where > a:first-child").evaluate_all(
        "els => els.map(a => a.getAttribute('href'))"
    )


def test_the_filter_shows_only_paragraphs_of_the_chosen_level_and_industry(page, server, catalog):
    name, hits = longest_function(catalog)
    assert len(hits) <= LIST_SIZE, "the small library's lists fit one page"
    page.goto(server + f"gongneng/{catalog.term('功能', name).slug}/")
    status = page.locator(".fw-hitfilter__status")
    assert status.inner_text() == f"共 {len(hits)} 段"
    levels = (
        page.get_by_role("combobox", name="层级")
        .locator("option")
        .evaluate_all("os => os.map(o => [o.value, o.textContent])")
    )
    assert levels[0] == ["", "全部"] and len(levels) > 2
    for value, level in levels[1:]:
        page.get_by_role("combobox", name="层级").select_option(value)
        expected = [h for h in hits if level in h.sample.facets["层级"]]
        assert status.inner_text() == f"符合条件的共 {len(expected)} 段，这一页有 {len(expected)} 段。"
        shown = visible_paragraphs(page)
        assert len(shown) == len(expected)
        assert all(any(f"fanwen/{h.sample.slug}/#{h.block.anchor}" in s for h in expected) for s in shown)
        assert page.url.endswith(f"?cengji={value}")  # the choice is in the address: a reload keeps it
        # A 文种 group with nothing left disappears, heading and all; the others count what is left.
        for group in page.locator(".fw-hitgroup").all():
            count = group.locator(".fw-hitgroup__count").inner_text()
            assert group.is_visible() == (group.locator(".fw-hit:visible").count() > 0)
            if group.is_visible():
                assert count == f"本页 {group.locator('.fw-hit:visible').count()} 段"
    # 行业 and 层级 together: both must match.
    industry = page.get_by_role("combobox", name="行业").locator("option").nth(1)
    page.get_by_role("combobox", name="行业").select_option(industry.get_attribute("value"))
    both = [
        h for h in hits if levels[-1][1] in h.sample.facets["层级"] and industry.inner_text() in h.sample.facets["行业"]
    ]
    assert len(visible_paragraphs(page)) == len(both)
    if not both:
        assert "没有符合条件的段落" in status.inner_text()
    # Reloaded with the choice in the address, the page shows the same
    page.reload()
    assert page.get_by_role("combobox", name="层级").input_value() == levels[-1][0]
    assert len(visible_paragraphs(page)) == len(both)


def test_a_guide_links_each_part_to_its_group_on_the_function_page(page, server, catalog):
    guide = max(derive(catalog).guides, key=lambda g: len(g.parts))
    part = guide.parts[-1]
    page.goto(server + f"zhinan/{guide.slug}/")
    page.locator(f"h3#bufen-{catalog.term('功能', part.function).slug}").scroll_into_view_if_needed()
    page.get_by_role("link", name=f"全库写“{part.function}”的段落").click()
    page.wait_for_url(re.compile(rf"gongneng/{catalog.term('功能', part.function).slug}/#{guide.slug}$"))
    group = page.locator(f"#{guide.slug}")
    assert group.is_visible()
    assert 0 <= group.evaluate("el => el.getBoundingClientRect().top") < page.viewport_size["height"]


def test_page_scripts_set_up_pages_reached_by_instant_navigation(browser, instant_site, catalog):
    """Sample page -> its 功能 page -> a guide -> a sample, without reloading: the 显示批注 switch and the filter are
    set up on each page Material swaps in, once each."""
    context = new_context(browser, locale="zh-CN")
    page = context.new_page()
    try:
        sample = catalog.samples[0]
        function = (
            catalog.annotations[sample.slug]
            .paragraphs[
                next(b.anchor for b in sample.blocks if b.anchor in catalog.annotations[sample.slug].paragraphs)
            ]
            .functions[0]
        )
        # Clicks are followed instantly only once Material has fetched sitemap.xml.
        page.goto(instant_site + sample.url, wait_until="networkidle")
        page.evaluate("window.fwSamePage = true")
        assert page.get_by_label("显示批注（打印时也照此）").count() == 1
        page.locator(f"article .fw-func a:text-is('{function}')").first.click()
        page.wait_for_url(f"**/gongneng/{catalog.term('功能', function).slug}/")
        page.get_by_role("combobox", name="层级").wait_for(state="visible")
        assert page.locator(".fw-hitfilter").count() == 1
        assert page.evaluate("window.fwSamePage === true"), "the 功能 page was reloaded, not navigated instantly"
        page.goto(instant_site + "zhinan/", wait_until="networkidle")  # a full load, then on by links only
        page.evaluate("window.fwSamePage = true")
        page.locator("article a[href$='gongneng/wen-ti/']").first.click()
        page.wait_for_url("**/gongneng/wen-ti/")
        page.get_by_role("combobox", name="层级").wait_for(state="visible")
        page.locator("article .fw-hit__where > a").first.click()
        page.wait_for_url("**/fanwen/**")
        page.get_by_label("显示批注（打印时也照此）").wait_for()
        assert page.locator(".fw-notes-switch").count() == 1
        assert page.evaluate("window.fwSamePage === true"), "a page was reloaded, not navigated instantly"
    finally:
        context.close()
