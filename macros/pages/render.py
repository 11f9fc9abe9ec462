"""The one way page markup is made: Jinja fragments with autoescaping, and one link helper.

Everything that comes from templates_src/ reaches a page through `fragment()`, so it is escaped by construction
(Jinja's autoescape) and never evaluated: data is passed as context values, never as template source.
Fragments live in macros/pages/fragments/*.html.
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


@cache
def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(FRAGMENTS),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )


def fragment(name: str, **context) -> Markup:
    """Render macros/pages/fragments/<name>.html; every value in context is escaped unless it is Markup."""
    return Markup(_environment().get_template(f"{name}.html").render(**context))


__all__ = ["Links", "Markup", "escape", "fragment", "page_url"]
