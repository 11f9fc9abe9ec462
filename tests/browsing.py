"""What every browser test shares: a context without motion, a page that has settled, axe on a settled page."""

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


def axe_violations(page) -> list[tuple[str, str, int]]:
    """axe-core's violations on the page as it shows now, once settled: (rule, help, how many elements)."""
    from axe_playwright_python.sync_playwright import Axe

    settle(page)
    results = Axe().run(page)
    return [(v["id"], v["help"], len(v["nodes"])) for v in results.response["violations"]]
