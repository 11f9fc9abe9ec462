"""The 阅读设置 as a reader stores them, for tests and screenshots that open pages in a chosen mode.

The key and the values are those of overrides/main.html (the head script that applies them before the first paint),
overrides/partials/reading.html (the choices) and docs/assets/reading.css (what each does).
"""

from __future__ import annotations

import json

KEY = "fanwenku:阅读设置"
# The modes every page type is checked in (tests/test_reading.py): standard, the largest font, high contrast.
LARGEST = {"size": "xl"}
HIGH_CONTRAST = {"contrast": "high"}


def stored(settings: dict[str, str]) -> str:
    """A script (for Playwright's add_init_script) that stores `settings` before any script of the page runs."""
    return f"localStorage.setItem({json.dumps(KEY)}, {json.dumps(json.dumps(settings))})"
