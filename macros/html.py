"""Small helpers that turn source text into Markdown/HTML without letting Markdown touch it."""

from __future__ import annotations

import html

# Characters Python-Markdown (and pymdownx) give meaning to inside a heading line.
_MD_SPECIAL = set("\\`*_{}[]()#+-.!<>&|~^=:\"'$%")


def escape_text(text: str) -> str:
    """HTML-escape source text for a raw HTML block (Markdown leaves those alone)."""
    return html.escape(text, quote=False)


def md_escape(text: str) -> str:
    """Text for a Markdown line that comes out exactly as given: every ASCII mark becomes an entity."""
    return "".join(f"&#{ord(c)};" if c in _MD_SPECIAL else c for c in text)


def heading_markdown(text: str, level: int) -> str:
    return f"{'#' * level} {md_escape(text)}"


def md_link(text: str, target: str) -> str:
    """A Markdown link to a docs file (path relative to the current page's file); MkDocs validates it."""
    return f"[{md_escape(text)}]({target})"
