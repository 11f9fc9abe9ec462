"""Exact phrase search, build side: plain functions the build plugin (macros/build/plugin.py) calls.

The browser side is docs/assets/search/worker.js (the search worker) and highlight.js (the page highlighter);
`fold` here is the same text folding the worker does, so tests and the benchmark can compute ground truth.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from functools import cache

# The worker script Material's base.html points the theme at, e.g. assets/javascripts/workers/search.a7633da7.min.js
STOCK_WORKER = re.compile(r"""["'](assets/javascripts/workers/search\.[0-9a-f]+\.min\.js)["']""")
ZERO_WIDTH_SPACE = "\u200b"


@cache
def _fold_char(char: str) -> str:
    return unicodedata.normalize("NFKC", char).lower()


def fold(text: str) -> str:
    """Text as the search compares it: each character NFKC-normalised and lower-cased on its own.

    Character by character (not the whole string at once) so that a match found in the folded text maps back
    to whole characters of the original; worker.js folds the same way.
    """
    return "".join(_fold_char(char) for char in text)


def hashed_name(src_uri: str, content: str) -> str:
    """assets/search/worker.js -> assets/search/worker.<first 10 hex digits of its SHA-256>.js"""
    digest = hashlib.sha256(content.encode("utf-8")).hexdigest()[:10]
    stem, dot, suffix = src_uri.rpartition(".")
    return f"{stem}.{digest}{dot}{suffix}"


def stock_worker_path(base_template: str) -> str | None:
    """The worker path written in Material's base.html, or None when the template no longer has one."""
    found = STOCK_WORKER.findall(base_template)
    return found[0] if len(set(found)) == 1 else None


def plain_utf8_index(raw: str) -> str:
    """Material's search_index.json rewritten as UTF-8 text instead of \\uXXXX escapes (a third of the bytes for Chinese).

    Raises ValueError when the index holds zero-width spaces: jieba segmentation ran, and exact matching
    would fail on every phrase it split.
    """
    data = json.loads(raw)
    for doc in data["docs"]:
        for field in ("title", "text"):
            if ZERO_WIDTH_SPACE in doc.get(field, ""):
                raise ValueError(f"{doc['location'] or '/'}: the {field} holds zero-width spaces from segmentation")
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))
