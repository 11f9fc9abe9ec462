"""What every browser test shares: a context without motion, a wait for a settled page, axe on a settled page,
what a copy button put on the clipboard, and the search dialog's results drawn.

A test reads a page once it shows the state the test checks (Playwright's expect() or a wait on that state), never
after a pause: a loaded machine must not catch a page half-way through a change. tests/test_architecture.py fails
when a test makes a browser context or runs axe other than through here, or pauses for a time.
"""

from __future__ import annotations

# No running transition or animation (the site switches them off when motion is reduced: fanwenku.css and Material)
NOTHING_MOVES = "document.getAnimations().every(a => a.playState !== 'running')"


def new_context(browser, **options):
    """A browser context for a test: motion reduced unless the test asks otherwise, so the site runs no transition
    or animation (a check reading a colour or a position mid-change fails at random). Options as browser.new_context.
    """
    options.setdefault("reduced_motion", "reduce")
    return browser.new_context(**options)


def settle(page) -> None:
    """Wait until the page has stopped changing by itself: its fonts loaded and no transition or animation running."""
    page.evaluate("document.fonts.ready.then(() => null)")
    page.wait_for_function(NOTHING_MOVES)


def axe_violations(page, options: dict | None = None) -> list[tuple[str, str, int, str]]:
    """axe-core's violations on the page as it shows now, once settled: (rule, help, how many elements, the first
    element's selector).
    `options` as axe.run's (rules to run, result types)."""
    from axe_playwright_python.sync_playwright import Axe

    settle(page)
    results = Axe().run(page, options=options)
    return [(v["id"], v["help"], len(v["nodes"]), str(v["nodes"][0]["target"])) for v in results.response["violations"]]


# The text the clipboard holds before a copy: a copy button has put its text there once the clipboard differs.
BEFORE_COPY = "范文库测试：复制之前的剪贴板"
READ_AFTER_COPY = """async before => {
  for (let frames = 0; frames < 600; frames++) {  // about ten seconds at 60 frames a second
    const text = await navigator.clipboard.readText()
    if (text !== before) return text
    await new Promise(resolve => requestAnimationFrame(resolve))
  }
  return before
}"""


def copied(page, button) -> str:
    """Click a copy button (a locator) and return what it put on the clipboard, once it is there."""
    page.evaluate("text => navigator.clipboard.writeText(text)", BEFORE_COPY)
    button.click()
    text = page.evaluate(READ_AFTER_COPY, BEFORE_COPY)
    assert text != BEFORE_COPY, "the copy button put nothing on the clipboard"
    return text


# Material draws the first 10 result groups and 4 more each time the list's end scrolls into view: it reads the
# offset on a scroll event, then ignores scroll events until the next animation frame. Scroll the list away and
# back, each time after that frame, until every group is drawn.
DRAW_ALL_RESULTS = """async count => {
  const wrap = document.querySelector(".md-search__scrollwrap")
  const drawn = () => document.querySelectorAll(".md-search-result__item").length
  const frame = () => new Promise(resolve => requestAnimationFrame(resolve))
  const scroll = async y => {
    const target = Math.max(0, Math.min(y, wrap.scrollHeight - wrap.clientHeight))
    if (Math.abs(wrap.scrollTop - target) < 1) return  // no scroll, no event
    let seen = false
    wrap.addEventListener("scroll", () => { seen = true }, { once: true })
    wrap.scrollTo(0, target)
    for (let frames = 0; !seen && frames < 60; frames++) await frame()  // the event comes with a frame
    await frame()  // and Material listens again after the frame that follows it
  }
  for (let tries = 0; drawn() < count && tries < 100; tries++) {
    await scroll(0)
    await scroll(wrap.scrollHeight)
  }
  return drawn()
}"""


def draw_all_results(page, count: int) -> int:
    """Have Material draw `count` result groups of the search dialog; returns how many it drew."""
    return page.evaluate(DRAW_ALL_RESULTS, count)
