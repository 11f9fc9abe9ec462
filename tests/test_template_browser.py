"""The fill-in form in real Chromium: live preview, clipboard, remembered and shared values, XSS, 清空."""

from __future__ import annotations

import json

import pytest
from browsing import copied, new_context

from macros.sources.templates import fill

XSS = ["<img src=x onerror=alert(1)>", "</textarea><script>alert(1)</script>"]


@pytest.fixture(scope="module")
def pair(catalog):
    """Two templates that share a field key, the first with a 多行 field: (first, second, shared key)."""
    for first in catalog.templates:
        if not any(f.kind == "多行" for f in first.fields):
            continue
        for second in catalog.templates:
            shared = [f.key for f in first.fields if second is not first and f.key in second.examples]
            if shared:
                return first, second, shared[0]
    pytest.fail("no two templates share a field key")


@pytest.fixture
def clip(page, server):
    """The page, allowed to read what the copy buttons put on the clipboard; dialogs are recorded."""
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=server.rstrip("/"))
    page.dialogs = []
    page.on("dialog", lambda d: (page.dialogs.append(d.message), d.dismiss()))
    return page


def open_template(page, server, template):
    page.goto(server + template.url)
    page.locator(".fw-tpl[data-fw-ready] .fw-tpl-form").wait_for(state="visible")


def control(page, key):
    return page.locator(f".fw-tpl-form [data-key='{key}']")


def slots(page, key):
    return page.locator(f".fw-tpl-preview .fw-ph[data-key='{key}']")


def copy(page, button: str) -> str:
    return copied(page, page.get_by_role("button", name=button, exact=True))


def test_typing_updates_every_occurrence_and_copies_the_filled_text(clip, server, pair):
    template, _, _ = pair
    open_template(clip, server, template)
    assert not clip.locator(".fw-tpl-nojs").is_visible()
    values = {f.key: f"测试{f.key}" for f in template.fields[:3]}
    multiline = next(f for f in template.fields if f.kind == "多行")
    values[multiline.key] = "第一行\n第二行"
    for key, value in values.items():
        control(clip, key).fill(value)
    for key, value in values.items():
        texts = slots(clip, key).all_text_contents()
        assert texts and all(t == value for t in texts), key
    # Unfilled fields stay visible as 【【键】】 in what is copied.
    assert copy(clip, "复制已填内容") == fill(template, values).rstrip()
    assert "【【" in fill(template, values)
    assert clip.dialogs == []


def test_copy_of_the_unfilled_template_keeps_the_placeholders(clip, server, pair):
    template, _, _ = pair
    open_template(clip, server, template)
    text = copy(clip, "复制模板")
    assert text == fill(template).rstrip()
    assert all(f"【【{f.key}】】" in text for f in template.fields)
    assert copy(clip, "复制已填内容") == text  # nothing typed yet: the same text


def test_values_are_remembered_and_shared_by_key(clip, server, pair):
    first, second, key = pair
    open_template(clip, server, first)
    control(clip, key).fill("汶河")
    clip.reload()
    clip.locator(".fw-tpl[data-fw-ready] .fw-tpl-form").wait_for(state="visible")
    assert control(clip, key).input_value() == "汶河"
    assert set(slots(clip, key).all_text_contents()) == {"汶河"}
    # The other template, reached through the navigation.
    clip.locator(f"nav.md-nav--primary a[href$='{second.slug}/']").first.click()
    clip.wait_for_url("**/" + second.url)
    clip.locator(f".fw-tpl[data-template='{second.slug}'][data-fw-ready] .fw-tpl-form").wait_for(state="visible")
    assert control(clip, key).input_value() == "汶河"
    assert set(slots(clip, key).all_text_contents()) == {"汶河"}
    others = [f.key for f in second.fields if f.key not in first.examples]
    assert all(control(clip, k).input_value() == "" for k in others)


def test_typed_markup_is_text_and_runs_nothing(clip, server, pair):
    template, _, _ = pair
    open_template(clip, server, template)
    text_field = next(f for f in template.fields if f.kind != "多行")
    area_field = next(f for f in template.fields if f.kind == "多行")
    for field, value in zip((text_field, area_field), XSS, strict=True):
        control(clip, field.key).fill(value)
        assert set(slots(clip, field.key).all_text_contents()) == {value}
    preview = clip.locator(".fw-tpl-preview")
    assert preview.locator("img, script").count() == 0
    clip.reload()  # values come back from storage: still text
    clip.locator(".fw-tpl[data-fw-ready] .fw-tpl-form").wait_for(state="visible")
    assert set(slots(clip, area_field.key).all_text_contents()) == {XSS[1]}
    assert preview.locator("img, script").count() == 0
    text = copy(clip, "复制已填内容")
    assert XSS[0] in text and XSS[1] in text
    # Markup read as HTML would run by an element it made: a <script>, or an <img> whose failed load calls its
    # onerror later. No such element exists, so no dialog can still come; none came so far.
    assert clip.evaluate("document.querySelectorAll('img[src=x]').length") == 0
    assert clip.evaluate("[...document.scripts].filter(s => s.textContent.includes('alert(1)')).length") == 0
    assert clip.dialogs == [], "a dialog fired"


def test_clear_resets_form_preview_and_storage(clip, server, pair):
    template, _, _ = pair
    open_template(clip, server, template)
    keys = [f.key for f in template.fields[:2]]
    for key in keys:
        control(clip, key).fill("要清掉的")
    clip.get_by_role("button", name="清空", exact=True).click()
    for key in keys:
        assert control(clip, key).input_value() == ""
        assert set(slots(clip, key).all_text_contents()) == {f"【【{key}】】"}
    assert copy(clip, "复制已填内容") == fill(template).rstrip()
    clip.reload()
    clip.locator(".fw-tpl[data-fw-ready] .fw-tpl-form").wait_for(state="visible")
    assert all(control(clip, k).input_value() == "" for k in keys)


def test_without_javascript_the_template_is_readable(browser, server, pair):
    template, _, _ = pair
    context = new_context(browser, java_script_enabled=False, locale="zh-CN")
    page = context.new_page()
    try:
        page.goto(server + template.url)
        preview = page.locator(".fw-tpl-preview")
        assert preview.is_visible()
        text = preview.inner_text()
        assert all(f"【【{f.key}】】" in text for f in template.fields)
        assert not page.locator(".fw-tpl-form").is_visible()  # a form that cannot work is not shown
        assert page.get_by_text("浏览器没有启用 JavaScript").is_visible()
    finally:
        context.close()


def test_form_works_after_instant_navigation(browser, instant_site, catalog):
    """Material's instant navigation swaps pages without a reload; the form must still come alive.

    The site itself has no site_url (it is served from unknown intranet addresses), and Material only
    navigates instantly when its sitemap lists the pages, so this builds it with SITE_URL set.
    """
    base = instant_site
    context = new_context(browser, locale="zh-CN")
    page = context.new_page()
    outside: list[str] = []
    page.on("request", lambda r: None if r.url.startswith((base, "data:", "blob:")) else outside.append(r.url))
    try:
        first, second = catalog.templates[0], catalog.templates[1]
        # Clicks are followed instantly only once Material has fetched sitemap.xml.
        page.goto(base + first.url, wait_until="networkidle")
        page.locator(".fw-tpl[data-fw-ready] .fw-tpl-form").wait_for(state="visible")
        page.evaluate("window.fwSamePage = true")
        page.locator(f"nav.md-nav--primary a[href$='{second.slug}/']").first.click()
        page.wait_for_url("**/" + second.url)
        page.locator(f".fw-tpl[data-template='{second.slug}'][data-fw-ready] .fw-tpl-form").wait_for(state="visible")
        assert page.evaluate("window.fwSamePage === true"), "the page was reloaded, not navigated instantly"
        key = second.fields[0].key
        control(page, key).fill("即时")
        assert set(slots(page, key).all_text_contents()) == {"即时"}
    finally:
        context.close()
    assert not outside, outside


def test_running_the_page_scripts_again_sets_nothing_up_twice(page, server, pair):
    """Instant navigation runs a page's scripts again; each must see the page is set up and leave it alone."""
    template, _, _ = pair
    page.goto(server + template.url)
    page.locator(".fw-tpl[data-fw-ready] .fw-tpl-form").wait_for(state="visible")
    page.get_by_role("button", name="检查", exact=True).wait_for()
    for src in page.eval_on_selector_all("article script[src]", "els => els.map(e => e.src)"):
        page.add_script_tag(url=src)
    assert page.get_by_role("button", name="检查", exact=True).count() == 1
    # A script set up twice would listen twice: one click would download twice, and check twice.
    assert click_listeners(page, "[data-fw-docx]") == 1
    assert click_listeners(page, "[data-fw-ck-run]") == 1
    downloads = []
    page.on("download", lambda d: downloads.append(d))
    with page.expect_download():
        page.get_by_role("button", name="下载 Word", exact=True).click()
    assert len(downloads) == 1


def click_listeners(page, selector: str) -> int:
    """How many click listeners the element has, as the DevTools protocol lists them."""
    cdp = page.context.new_cdp_session(page)
    try:
        element = cdp.send("Runtime.evaluate", {"expression": f"document.querySelector({json.dumps(selector)})"})
        listeners = cdp.send("DOMDebugger.getEventListeners", {"objectId": element["result"]["objectId"]})
    finally:
        cdp.detach()
    return sum(listener["type"] == "click" for listener in listeners["listeners"])
