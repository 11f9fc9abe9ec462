"""Every page type in the three modes a reader can choose (阅读设置: standard, the largest font, high contrast), in
Chromium: the page does not move while it loads, axe finds no violation (in high contrast not even of its 7:1 rule,
color-contrast-enhanced), every control is at least 44 × 44 px, and at the largest size nothing reaches past the window's edge, on a 1366 × 768 screen and on
a phone. One test per mode, each opening every page type (macros/harness/page_types.py) once.
"""

from __future__ import annotations

import pytest
from browsing import axe_violations, new_context

from macros.harness.page_types import page_types
from macros.harness.reading import HIGH_CONTRAST, LARGEST, stored

DESKTOP = {"width": 1366, "height": 768}
PHONE = {"width": 390, "height": 844}

# Controls smaller than 44 × 44 px. A control: anything a reader clicks, taps or tabs to; a check box or radio button
# counts as its label. Links in running text keep the size of their text (WCAG 2.5.5's inline exception).
SMALL_CONTROLS = """() => {
  const CONTROLS = "a[href], button, input:not([type=hidden]), select, textarea, summary, label, [role=button], [tabindex]:not([tabindex='-1'])";
  const TEXT = ".md-typeset :is(p, li, td, th, dd, dt, h1, h2, h3, h4, h5, h6, q, figcaption, .fw-meta, .fw-func)";
  const BOXES = ".md-button, .fw-chip, .fw-pager__page, .fw-pager__step";
  const shown = (el) => {
    const r = el.getBoundingClientRect(), style = getComputedStyle(el);
    return r.width > 0 && r.height > 0 && style.visibility !== "hidden" && style.opacity !== "0" && !el.closest("[hidden]");
  };
  const small = [];
  for (const el of document.querySelectorAll(CONTROLS)) {
    if (!shown(el)) continue;
    if (el.matches("a") && !el.matches(BOXES) && el.closest(TEXT) && !el.closest(".md-nav, .md-search, .md-header")) continue;
    if (el.matches("label") && !el.control?.matches("input[type=checkbox], input[type=radio]")) continue;
    const box = el.matches("input[type=checkbox], input[type=radio]") ? el.closest("label") || el : el;
    const r = box.getBoundingClientRect();
    if (r.width < 43.5 || r.height < 43.5) {
      small.push(`${el.tagName.toLowerCase()}.${[...el.classList].join(".")} ${Math.round(r.width)}×${Math.round(r.height)} “${(el.textContent || "").trim().slice(0, 12)}”`);
    }
  }
  return small;
}"""

# What breaks the layout: anything shown that reaches past the right edge of the window (outside a box that scrolls
# or clips it, such as a wide table), and header items running into each other.
LAYOUT_BREAKS = """() => {
  const width = document.documentElement.clientWidth;
  const held = (el) => {
    for (let up = el.parentElement; up && up !== document.body; up = up.parentElement) {
      if (getComputedStyle(up).overflowX !== "visible") return true;
    }
    return false;
  };
  const breaks = [];
  for (const el of document.querySelectorAll("body *")) {
    const r = el.getBoundingClientRect(), style = getComputedStyle(el);
    if (!r.width || style.visibility === "hidden" || r.right <= width + 1 || r.left >= width || held(el)) continue;
    breaks.push(`${el.tagName.toLowerCase()}.${[...el.classList].join(".")} reaches ${Math.round(r.right)} of ${width}`);
  }
  const items = [...document.querySelectorAll(".md-header__inner > *")]
    .map((el) => [el, el.getBoundingClientRect()])
    .filter(([el, r]) => r.width > 0 && getComputedStyle(el).visibility !== "hidden");
  for (let i = 1; i < items.length; i++) {
    const [a, ra] = items[i - 1], [b, rb] = items[i];
    if (ra.right > rb.left + 1) breaks.push(`header: ${a.className} runs into ${b.className}`);
  }
  return breaks.slice(0, 10);
}"""


# How far the page moves while it loads (Lighthouse's cumulative layout shift), from the first paint on.
SHIFTS = """window.__shift = 0;
new PerformanceObserver((list) => list.getEntries().forEach((e) => { window.__shift += e.value })).observe({type: "layout-shift", buffered: true});"""


@pytest.fixture(scope="module")
def types(catalog) -> dict[str, str]:
    return page_types(catalog)


def _check_page_types(browser, server, types, settings, axe_options, checks):
    """Open each page type in a mode at 1366 × 768: no layout shift while it loads, no axe violation; then `checks`
    (JS returning a list of problems) at 1366 × 768 and at 390 × 844. Returns every problem, named by page."""
    context = new_context(browser, locale="zh-CN", viewport=DESKTOP)
    context.add_init_script(SHIFTS)
    if settings:
        context.add_init_script(stored(settings))
    page = context.new_page()
    problems = []
    for label, url in types.items():
        page.set_viewport_size(DESKTOP)
        page.goto(server + url)  # to its load event: Material's and the page's scripts have run
        shift = page.evaluate("window.__shift")
        if shift >= 0.01:
            problems.append(f"{label} ({url}): the layout shifts while the page loads (CLS {shift:.3f})")
        for rule, _, count, first in axe_violations(page, axe_options):
            problems.append(f"{label} ({url}): axe {rule} ×{count}: {first}")
        for size in (DESKTOP, PHONE):
            page.set_viewport_size(size)
            problems += [f"{label} ({url}) {size['width']} px: {p}" for script in checks for p in page.evaluate(script)]
    context.close()
    return problems


AXE = {"resultTypes": ["violations"]}


def test_every_page_type_in_the_standard_mode(browser, server, types):
    assert not _check_page_types(browser, server, types, {}, AXE, [SMALL_CONTROLS])


def test_every_page_type_at_the_largest_size(browser, server, types):
    assert not _check_page_types(browser, server, types, LARGEST, AXE, [LAYOUT_BREAKS, SMALL_CONTROLS])


def test_every_page_type_in_high_contrast_every_text_at_least_7_to_1(browser, server, types):
    enhanced = {**AXE, "rules": {"color-contrast-enhanced": {"enabled": True}}}
    assert not _check_page_types(browser, server, types, HIGH_CONTRAST, enhanced, [])
