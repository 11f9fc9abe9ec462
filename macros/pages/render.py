"""The one way page markup is made: Jinja fragments with autoescaping, and one link helper.

Everything that comes from templates_src/ reaches a page through the fragments in macros/pages/fragments/*.html,
so it is escaped by construction (Jinja's autoescape) and never evaluated: data is passed as values, never as
template source. One place needs more than HTML escaping, and has a filter:
- `md`: a Markdown line (a heading, which Markdown must see to list it in the table of contents) gets every ASCII
  mark as a character reference, so Markdown can neither read nor change it.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import jinja2
from markupsafe import Markup, escape

FRAGMENTS = Path(__file__).parent / "fragments"


def page_url(src_uri: str, use_directory_urls: bool) -> str:
    """The URL MkDocs gives the page of src_uri: 'a/b.md' is 'a/b/' on the web, 'a/b.html' in the folder build."""
    stem = src_uri.removesuffix(".md")
    if not use_directory_urls:
        return stem + ".html"
    if stem == "index" or stem.endswith("/index"):
        return stem.removesuffix("index")
    return stem + "/"


class Links:
    """href(to) from one page: relative links that work on any server path and from file://."""

    def __init__(self, from_src_uri: str, use_directory_urls: bool = True):
        self.from_src_uri = from_src_uri
        self.use_directory_urls = use_directory_urls
        self.from_url = page_url(from_src_uri, use_directory_urls)

    def __call__(self, to: str, anchor: str | None = None) -> str:
        """Link to a page (src_uri such as 'fanwen/x.md') or a file in the site (such as 'assets/a.js')."""
        from mkdocs.utils import get_relative_url

        url = page_url(to, self.use_directory_urls) if to.endswith(".md") else to
        link = get_relative_url(url or "./", self.from_url)
        return f"{link}#{anchor}" if anchor else link


# Characters Python-Markdown (and pymdownx) give meaning to inside a heading line.
_MD_SPECIAL = set("\\`*_{}[]()#+-.!<>&|~^=:\"'$%")


def md_text(text: str) -> Markup:
    """Text for a Markdown line that comes out exactly as given: every ASCII mark becomes a character reference."""
    return Markup("".join(f"&#{ord(c)};" if c in _MD_SPECIAL else str(escape(c)) for c in text))


@cache
def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(FRAGMENTS),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["md"] = md_text
    return env


def fragment(name: str, **context) -> Markup:
    """Render macros/pages/fragments/<name>.html; every value in context is escaped unless it is Markup."""
    return Markup(_environment().get_template(f"{name}.html").render(**context))


def part(name: str):
    """The macros of macros/pages/fragments/<name>.html, called like functions: part("sample").note(note)."""
    return _environment().get_template(f"{name}.html").module


__all__ = ["Links", "Markup", "escape", "fragment", "md_text", "page_url", "part"]
