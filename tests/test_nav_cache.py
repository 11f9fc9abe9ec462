"""Material's navigation rendered once per folder for the pages it does not list (macros/build/nav_cache.py): the
pages sharing a rendering must link every listed page alike, in both URL styles."""

from __future__ import annotations

import itertools
import re

from helpers import soup
from mkdocs.utils import get_relative_url

from macros.build.nav_cache import folder_key


def built_urls(site) -> list[str]:
    return sorted(
        ("" if p.parent == site else p.parent.relative_to(site).as_posix() + "/") for p in site.rglob("index.html")
    )


def test_pages_that_share_a_rendering_link_every_listed_page_alike(site):
    urls = built_urls(site)
    listed = {re.sub(r"^(\.\./)+|^\./", "", a["href"]) for a in soup(site, "").select("nav.md-nav--primary a[href]")}
    listed = {url for url in urls if url in listed or url == ""}
    assert len(listed) > 30 and len(urls) > len(listed) + 100  # the phrase pages, among others, are not listed
    for style in ("folder", "file"):
        pages = urls if style == "folder" else [(u.rstrip("/") or "index") + ".html" for u in urls]
        targets = listed if style == "folder" else {(u.rstrip("/") or "index") + ".html" for u in listed}
        groups: dict[tuple, list[str]] = {}
        for url in pages:
            key = folder_key(url, targets)
            if key is not None and url not in targets:
                groups.setdefault(key, []).append(url)
        shared = [g for g in groups.values() if len(g) > 1]
        assert shared, style
        for group in shared:
            for a, b in itertools.combinations(group[:20], 2):
                assert [get_relative_url(t, a) for t in sorted(targets)] == [
                    get_relative_url(t, b) for t in sorted(targets)
                ], (a, b)


def test_a_page_below_which_a_listed_page_lies_gets_its_own_rendering():
    listed = {"gongneng/zuo-fa/", "fanwen/"}
    assert folder_key("gongneng/zuo-fa/page/3/", listed) == ("folder", 4, "gongneng", "zuo-fa", "page")
    assert folder_key("gongneng/", listed) is None  # links from here into gongneng/zuo-fa/ are its own
    assert folder_key("fanwen/a/", listed) == folder_key("fanwen/b/", listed)
    assert folder_key("fanwen/a.html", set()) == folder_key("fanwen/b.html", set()) != folder_key("a.html", set())
