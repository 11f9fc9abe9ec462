"""阅读设置 (font size, high contrast, line spacing) in Chromium (every page type in each mode: test_page_types.py).

The settings: remembered across pages, instant navigation and the folder build (file://), applied before the page's
body is parsed (no flash of the standard look), harmless where storage is blocked, and never in print.
"""

from __future__ import annotations

from browsing import new_context

from macros.harness.reading import HIGH_CONTRAST, LARGEST, stored

SAMPLE = "fanwen/jiedao-zhongdian-gongzuo-shuzhi/"

# When <body> first appears, what <html> says: the head script must have applied the settings by then.
AT_BODY = """
window.__atBody = "unset";
new MutationObserver((changes, observer) => {
  if (!document.body) return;
  window.__atBody = JSON.stringify({size: document.documentElement.getAttribute("data-fw-size"),
                                    contrast: document.documentElement.getAttribute("data-fw-contrast")});
  observer.disconnect();
}).observe(document, {childList: true, subtree: true});
"""


def choose(page, legend: str, label: str) -> None:
    """Open the 阅读设置 panel with the header button (if closed) and pick a choice, as a mouse user does."""
    button = page.locator(".fw-reading__button")
    if button.get_attribute("aria-expanded") != "true":
        button.click()
    page.locator(".fw-reading__choice").filter(has=page.locator("legend", has_text=legend)).get_by_label(
        label, exact=True
    ).check()


def body_text_px(page) -> float:
    return page.locator(".md-typeset .fw-p").first.evaluate("el => parseFloat(getComputedStyle(el).fontSize)")


def test_choices_apply_at_once_and_stay_across_pages_and_instant_navigation(browser, instant_site):
    context = new_context(browser, locale="zh-CN")
    page = context.new_page()
    page.add_init_script(AT_BODY)
    page.goto(instant_site + SAMPLE, wait_until="networkidle")  # instant navigation needs sitemap.xml fetched
    standard = body_text_px(page)
    choose(page, "字号", "特大")
    choose(page, "配色", "高对比（黑底白字）")
    assert body_text_px(page) >= 1.5 * standard
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert background == "rgb(0, 0, 0)"
    page.keyboard.press("Escape")
    assert page.locator("#fw-reading-panel").is_hidden()
    # Instant navigation: the page is swapped, not loaded; the settings stay, and so does a working control.
    page.evaluate("window.__samePage = true")
    page.locator(".md-nav--primary a.md-nav__link", has_text="常用表述").first.click()
    page.wait_for_url("**/biaoshu/")
    assert page.evaluate("window.__samePage") is True, "not an instant navigation"
    assert page.evaluate("document.documentElement.dataset.fwSize") == "xl"
    choose(page, "行距", "加大")
    assert page.evaluate("document.documentElement.dataset.fwSpacing") == "wide"
    # A full load of another page: applied before its body is parsed.
    page.goto(instant_site + "tijian/")
    assert page.evaluate("window.__atBody") == '{"size":"xl","contrast":"high"}'
    assert page.locator(".fw-reading__button").get_attribute("aria-expanded") == "false"
    page.locator(".fw-reading__button").click()
    assert page.get_by_label("特大", exact=True).is_checked() and page.get_by_label("加大", exact=True).is_checked()
    choose(page, "字号", "标准")
    page.reload()
    assert page.evaluate("document.documentElement.dataset.fwSize") is None
    assert page.evaluate("document.documentElement.dataset.fwContrast") == "high"
    context.close()


def test_choices_stay_in_the_folder_build(browser, offline):
    context = new_context(browser, locale="zh-CN")
    requests: list[str] = []
    context.on("request", lambda r: requests.append(r.url))
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.add_init_script(AT_BODY)
    page.goto(offline.as_uri() + "/index.html")
    choose(page, "字号", "大")
    page.locator(".md-content a[href='tijian/index.html']").first.click()
    page.wait_for_url("**/tijian/index.html")
    assert page.evaluate("window.__atBody") == '{"size":"l","contrast":null}'
    assert page.evaluate("getComputedStyle(document.documentElement).fontSize") == "25px"  # 125 % × 1.25
    context.close()
    assert not errors, errors
    assert all(url.startswith(("file://", "data:")) for url in requests), requests


def test_choices_hold_on_the_page_where_storage_is_blocked(browser, server):
    context = new_context(browser, locale="zh-CN")
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.add_init_script(
        "Object.defineProperty(window, 'localStorage', {get() { throw new DOMException('blocked', 'SecurityError') }})"
    )
    page.goto(server + SAMPLE)
    choose(page, "配色", "高对比（黑底白字）")
    assert page.evaluate("document.documentElement.dataset.fwContrast") == "high"
    assert "只对本页有效" in page.locator("[data-fw-reading-note]").inner_text()
    context.close()
    assert not errors, errors


def test_long_text_is_spaced_at_least_one_and_a_half_and_print_ignores_the_settings(page, server, catalog):
    """Line height of long text ≥ 1.5 in every mode; printed, a page is styled the same whatever the reader chose."""
    long_text = {
        SAMPLE: ".fw-p",
        catalog.templates[0].url: ".fw-tpl-preview p",
        "zhinan/shuzhi-baogao/": ".md-typeset > p",
        "about/": ".md-typeset > p",
    }
    probe = "el => [getComputedStyle(el).fontSize, getComputedStyle(el).lineHeight, getComputedStyle(el).color]"
    for url, selector in long_text.items():
        printed = {}
        for settings in ({}, {**LARGEST, **HIGH_CONTRAST, "spacing": "wide"}):
            page.goto(server + url)
            page.evaluate(stored(settings))
            page.reload()
            page.emulate_media(media="screen")
            size, height, _ = page.locator(selector).first.evaluate(probe)
            assert float(height.removesuffix("px")) >= 1.5 * float(size.removesuffix("px")), (url, settings, height)
            page.emulate_media(media="print")
            printed[bool(settings)] = page.locator(selector).first.evaluate(probe) + [
                page.evaluate("getComputedStyle(document.documentElement).fontSize")
            ]
        assert printed[True] == printed[False], url
    page.emulate_media(media="screen")
