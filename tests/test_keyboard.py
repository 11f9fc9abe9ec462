"""Each main task done with the keyboard alone, in Chromium: Tab to the control, type, Enter, arrows, Escape; no
mouse, no element focused or clicked by the test itself, and every element Tab passes shows a focus ring. Plus search
started by a paste with the mouse (no key).
"""

from __future__ import annotations

from pathlib import Path

SAMPLE = "fanwen/jiedao-zhongdian-gongzuo-shuzhi/"
PHRASE = "强势推进"


# Where Tab stopped: whether it is the element sought, and whether its focus ring shows (2 px or more of outline).
FOCUSED = """([s, t]) => {
  const el = document.activeElement, style = getComputedStyle(el);
  const ring = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2;
  return {reached: el.matches(s) && (t === null || el.textContent.trim() === t), ring,
          name: `${el.tagName.toLowerCase()}.${[...el.classList].join(".")} “${el.textContent.trim().slice(0, 10)}”`};
}"""


def tab_to(page, selector: str, text: str | None = None, limit: int = 150) -> None:
    """Press Tab until the focused element matches `selector` (and reads `text`, when given); fails when it never
    does within `limit` presses, or when an element on the way shows no focus ring."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED, [selector, text])
        assert focused["ring"], f"no visible focus on {focused['name']}"
        if focused["reached"]:
            return
    raise AssertionError(f"Tab never reached {selector} {text or ''}")


def test_search_a_phrase_and_open_a_result(page, server):
    page.goto(server)
    tab_to(page, "input.md-search__input")
    page.keyboard.insert_text(PHRASE)  # as an input method commits Chinese: no key of its own
    page.locator(".md-search-result__link").first.wait_for()
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.classList.contains('md-search-result__link')")
    href = page.evaluate("document.activeElement.getAttribute('href')")
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: href.split("#")[0].lstrip("./").split("?")[0] in url)
    marks = page.locator("article.md-content__inner mark[data-md-highlight]")
    marks.first.wait_for()
    assert set(marks.all_inner_texts()) == {PHRASE}


def test_search_starts_when_a_phrase_is_pasted_with_the_mouse(page, server):
    page.goto(server + SAMPLE)
    box = page.locator("input.md-search__input")
    box.click()
    page.wait_for_function("window.fanwenkuSearchWorker")
    box.fill(PHRASE)  # what a paste from the context menu does: an input event, no key pressed or released
    page.locator(".md-search-result__link").first.wait_for(timeout=10_000)
    assert PHRASE in page.locator(".md-search-result").inner_text()


def test_fill_a_template_and_download_word(page, server, catalog, tmp_path: Path):
    template = catalog.templates[0]
    page.goto(server + template.url)
    page.locator(".fw-tpl[data-fw-ready] .fw-tpl-form").wait_for(state="visible")
    first = template.fields[0]
    tab_to(page, f".fw-tpl-form [data-key='{first.key}']")
    page.keyboard.insert_text(first.example)
    tab_to(page, ".fw-tpl-actions button", "下载 Word")
    with page.expect_download() as info:
        page.keyboard.press("Enter")
    saved = tmp_path / "filled.docx"
    info.value.save_as(saved)
    assert info.value.suggested_filename.endswith(".docx") and saved.stat().st_size > 5000


def test_check_a_draft_and_apply_a_fix(page, server):
    page.goto(server + "tijian/")
    page.locator(".fw-ck-form").wait_for(state="visible")
    tab_to(page, "#fw-ck-input")
    page.keyboard.insert_text("关于加强招商引资工作的通知\n强势推进项目建设,强势推进招商引资。")
    tab_to(page, ".fw-ck-actions button", "检查")
    page.keyboard.press("Enter")
    page.locator(".fw-ck-rule[data-rule='biaodian-douhao'] .fw-ck-fix").first.wait_for()
    tab_to(page, ".fw-ck-rule[data-rule='biaodian-douhao'] .fw-ck-fix")
    page.keyboard.press("Enter")
    page.wait_for_function("document.getElementById('fw-ck-input').value.includes('强势推进项目建设，')")


def test_open_a_paragraphs_note(page, server):
    page.goto(server + SAMPLE + "#p2")  # the reader followed a link to the paragraph; Tab goes on from there
    tab_to(page, "button.fw-tech__marker", limit=60)
    marker = page.evaluate("document.activeElement.getAttribute('aria-controls')")
    page.keyboard.press("Enter")
    note = page.locator(f"#{marker}")
    note.wait_for(state="visible")
    assert page.evaluate("document.activeElement.getAttribute('aria-expanded')") == "true"
    page.keyboard.press("Space")
    note.wait_for(state="hidden")


def test_change_the_reading_settings(page, server):
    page.goto(server + SAMPLE)
    tab_to(page, ".md-skip", limit=1)  # first: the link past the header and navigation, 44 px high at least
    assert page.locator(".md-skip").evaluate("el => el.getBoundingClientRect().height") >= 44
    tab_to(page, ".fw-reading__button", limit=10)  # among the first stops of every page
    page.keyboard.press("Enter")
    page.locator("#fw-reading-panel").wait_for(state="visible")
    page.keyboard.press("Tab")  # into the panel: the chosen 字号
    assert page.evaluate("document.activeElement.name") == "fw-size"
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    assert page.evaluate("document.documentElement.dataset.fwSize") == "xl"
    page.keyboard.press("Tab")  # the next group: 配色
    page.keyboard.press("ArrowRight")
    assert page.evaluate("document.documentElement.dataset.fwContrast") == "high"
    page.keyboard.press("Escape")
    page.locator("#fw-reading-panel").wait_for(state="hidden")
    assert page.evaluate("document.activeElement.classList.contains('fw-reading__button')")
    assert page.evaluate("localStorage.getItem('fanwenku:阅读设置')") == '{"size":"xl","contrast":"high"}'
