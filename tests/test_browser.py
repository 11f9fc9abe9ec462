"""What only a browser shows: accessibility (axe-core) and that a page load stays inside the site."""

from __future__ import annotations

import re

import pytest
from browsing import axe_violations, new_context, settle
from playwright.sync_api import expect

PAGES = [
    "",
    "hangye/zhaoshang-yinzi/",
    "fanwen/yueqing-zhongxinqu-zongjie-ji-silu/",
    "muban/",
    "muban/bumen-xuexi-guanche-quanhui-jingshen-huibao-moban/",
    "biaoshu/",
    "biaoshu/qiang-shi-tui-jin/",  # a phrase's page
]


@pytest.mark.parametrize("url", PAGES)
def test_axe_finds_no_violation(page, server, url):
    page.goto(server + url)
    violations = axe_violations(page)
    assert not violations, violations


def test_paragraph_anchor_lands_on_the_paragraph(page, server):
    page.goto(server + "fanwen/shangcheng-xian-zhaoshang-jianghua/#p8")
    expect(page.locator("#p8")).to_be_visible()
    assert page.locator("#p8").evaluate("el => el.getBoundingClientRect().top") < 200


def test_hovering_a_phrase_shows_its_meaning(page, server):
    page.goto(server + "fanwen/jiedao-zhongdian-gongzuo-shuzhi/")
    mark = page.locator("#p4 a.fw-phrase").first
    meaning = mark.get_attribute("data-fw-tip")
    assert meaning
    mark.hover()
    tooltip = page.get_by_role("tooltip").filter(has_text=meaning)
    tooltip.wait_for(state="visible", timeout=3000)


def test_technique_marker_opens_its_note(page, server):
    page.goto(server + "fanwen/jiedao-zhongdian-gongzuo-shuzhi/")
    line = page.locator("#p2 ~ p.fw-tech").first
    notes = page.locator("#p2 ~ ol.fw-tech__list").first
    assert not notes.is_visible()  # notes wait for their button
    first, second = line.locator("button.fw-tech__marker").nth(0), line.locator("button.fw-tech__marker").nth(1)
    first.click()
    note = page.locator("#" + first.get_attribute("aria-controls"))
    note.wait_for(state="visible", timeout=3000)
    assert "先总后分" in note.inner_text() and first.get_attribute("aria-expanded") == "true"
    assert notes.locator("li").filter(visible=True).count() == 1  # only the one opened
    second.focus()
    page.keyboard.press("Enter")  # a real button: the keyboard opens it too
    expect(notes.locator("li").filter(visible=True)).to_have_count(2)
    first.click()
    second.click()
    expect(notes).to_be_hidden()
    expect(first).to_have_attribute("aria-expanded", "false")


def test_category_filter_hides_the_other_categories(page, server):
    page.goto(server + "biaoshu/")
    sections = page.locator("section.fw-cat")
    total = sections.count()
    assert total > 1
    page.get_by_role("button", name=re.compile("^招商引资")).click()
    expect(page.locator("section.fw-cat:visible")).to_have_count(1)
    assert page.locator("section.fw-cat:visible").get_attribute("data-category") == "招商引资"
    page.get_by_role("button", name=re.compile("^全部")).click()
    expect(page.locator("section.fw-cat:visible")).to_have_count(total)


# Layout shifts are measured as a frame is drawn and reported to observers later: once a frame drawn after the state
# the test waited for is done, the shifts so far are the ones delivered plus the ones the observer still holds.
SHIFT_SO_FAR = """async () => {
  await new Promise(resolve => requestAnimationFrame(() => requestAnimationFrame(resolve)))
  return window.__shift + window.__shifts.takeRecords().reduce((sum, e) => sum + e.value, 0)
}"""


def test_template_form_appears_without_moving_the_page(browser, server):
    """The form is laid out from the first paint and muban.js only fills it in: no layout shift (Lighthouse CLS)."""
    context = new_context(browser, viewport={"width": 1350, "height": 940})
    page = context.new_page()
    page.add_init_script(
        "window.__shift = 0; window.__shifts = new PerformanceObserver(list => list.getEntries()"
        ".forEach(e => { window.__shift += e.value })); window.__shifts.observe({type: 'layout-shift', buffered: true})"
    )
    page.goto(server + "muban/bumen-xuexi-guanche-quanhui-jingshen-huibao-moban/")
    page.locator(".fw-tpl[data-fw-ready] .fw-tpl-form").wait_for(state="visible")
    settle(page)
    shift = page.evaluate(SHIFT_SO_FAR)
    context.close()
    assert shift < 0.01, shift


# Opens Material's search dialog (it fades in) and adds an element animated as a stylesheet of ours might animate
# it, then lists what moves.
MOTION = """() => {
  const style = document.createElement("style")
  style.textContent = "@keyframes fw-probe { to { opacity: 0.5 } } .fw-probe { animation: fw-probe 5s infinite }"
  document.head.append(style)
  const probe = document.createElement("p")
  probe.className = "fw-probe"
  document.querySelector("article").append(probe)
  document.getElementById("__search").checked = true
  return document.getAnimations().map(a => a.animationName || a.transitionProperty)
}"""


@pytest.mark.parametrize(("motion", "moves"), [("reduce", False), ("no-preference", True)])
def test_with_motion_reduced_nothing_moves(browser, server, motion, moves):
    """Every test's context reduces motion (tests/browsing.py): then no transition or animation runs, Material's or
    one of ours (fanwenku.css), so a test never reads a page mid-change. Without the wish the same page does move."""
    context = new_context(browser, reduced_motion=motion)
    page = context.new_page()
    try:
        page.goto(server + "biaoshu/")
        moving = page.evaluate(MOTION)
    finally:
        context.close()
    assert bool(moving) == moves, moving
    if moves:
        assert "fw-probe" in moving and "opacity" in moving, moving  # our animation and the dialog's fade
