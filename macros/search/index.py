"""Exact phrase search, build side: plain functions the build plugin (macros/build/plugin.py) calls.

`fold` is the text folding of the search: index.js beside this module is its twin in the browser (the worker and
the page's highlighter, docs/assets/search/search.js, use it), so the index (shards.py), the tests and the
benchmarks fold text as the browser does; tests/twins/ compares them.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from functools import cache

# The worker script Material's base.html points the theme at, e.g. assets/javascripts/workers/search.a7633da7.min.js
STOCK_WORKER = re.compile(r"""["'](assets/javascripts/workers/search\.[0-9a-f]+\.min\.js)["']""")


@cache
def fold_char(char: str) -> str:
    return unicodedata.normalize("NFKC", char).lower()


# Folding leaves ASCII other than capitals and the main CJK block alone; only other runs need work (index.js too).
MAY_CHANGE = re.compile(r"[^\x00-\x40\x5b-\x7f\u4e00-\u9fff]+")


def fold(text: str) -> str:
    """Text as the search compares it: each character NFKC-normalised and lower-cased on its own.

    Character by character (not the whole string at once) so that a match found in the folded text maps back
    to whole characters of the original; index.js folds the same way.
    """
    return MAY_CHANGE.sub(lambda run: "".join(fold_char(char) for char in run.group()), text)


def script_constants() -> dict:
    """What index.js takes from Python instead of retyping it (macros/build/scripts.py writes it in)."""
    return {"MAY_CHANGE": MAY_CHANGE.pattern}


def hashed_name(src_uri: str, content: str) -> str:
    """assets/search/worker.js -> assets/search/worker.<first 10 hex digits of its SHA-256>.js"""
    digest = hashlib.sha256(content.encode("utf-8")).hexdigest()[:10]
    stem, dot, suffix = src_uri.rpartition(".")
    return f"{stem}.{digest}{dot}{suffix}"


def stock_worker_path(base_template: str) -> str | None:
    """The worker path written in Material's base.html, or None when the template no longer has one."""
    found = STOCK_WORKER.findall(base_template)
    return found[0] if len(set(found)) == 1 else None
