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


def page_href(src_uri: str, from_url: str, use_directory_urls: bool) -> str:
    """An HTML link (for raw HTML, which MkDocs does not rewrite) from the page at from_url to the page of src_uri.

    The same URL rule as MkDocs: with directory URLs 'biaoshu/index.md' is 'biaoshu/' (a web server serves the
    folder's index.html); without them (the folder build opened from disk) it is 'biaoshu/index.html'.
    """
    from mkdocs.utils import get_relative_url

    stem = src_uri.removesuffix(".md")
    if not use_directory_urls:
        url = stem + ".html"
    elif stem == "index" or stem.endswith("/index"):
        url = stem.removesuffix("index")
    else:
        url = stem + "/"
    return get_relative_url(url or "./", from_url)
