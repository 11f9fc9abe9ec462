"""What every browser test shares: a context without motion."""

from __future__ import annotations


def new_context(browser, **options):
    """A browser context for a test: motion reduced unless the test asks otherwise, so the site runs no transition
    or animation (a check reading a colour or a position mid-change fails at random). Options as browser.new_context.
    """
    options.setdefault("reduced_motion", "reduce")
    return browser.new_context(**options)
