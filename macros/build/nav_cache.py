"""Material's navigation rendered once per folder for the pages it does not list (macros/build/plugin.py on_env).

Material writes the whole navigation into every page. For a page the navigation lists, it marks the page and its
sections as active; for one it does not list (a sample of a large library, a list's further pages, a phrase's
page), nothing in it depends on the page but where its links lead from, and those are relative URLs that are the
same for every page in the same folder. At 5,000 samples that is 7% of a build. tests/test_nav_cache.py checks that
pages sharing a rendering link every listed page alike, and that a built page's navigation is Material's.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator


def folder_key(url: str, listed: set[str]) -> tuple | None:
    """What the relative links from a page at `url` depend on (mkdocs.utils.get_relative_url): the folder parts of
    its URL; None when a listed page lies below the page's own folder (then its links are its own)."""
    directory, _, name = url.rpartition("/")
    if "." in name:  # a file (the folder build): its links are those of its folder's files
        return ("file", *[part for part in directory.split("/") if part])
    parts = [part for part in url.split("/") if part]
    prefix = "/".join(parts) + "/"
    if any(target.startswith(prefix) for target in listed):
        return None
    return ("folder", len(parts), *parts[:-1])


class NavCache:
    """Wraps the render function of Material's partials/nav.html: a page the navigation does not list gets the
    rendering made for the first page of its folder."""

    def __init__(self, template, listed: set[str]):
        self.listed = listed  # the URLs of the pages the navigation lists
        self.rendered: dict[tuple, str] = {}
        render = template.root_render_func
        # A template kept from an earlier build (mkdocs serve) is unwrapped first: its renderings are that build's
        self.render: Callable[[object], Iterator[str]] = render.render if isinstance(render, NavCache) else render
        template.root_render_func = self

    def __call__(self, context) -> Iterator[str]:
        page = context.get("page")
        url = getattr(page, "url", None)
        key = None if url is None or url in self.listed else folder_key(url, self.listed)
        if key is None:
            yield from self.render(context)
            return
        if key not in self.rendered:
            self.rendered[key] = "".join(self.render(context))
        yield self.rendered[key]
