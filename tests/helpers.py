"""HTML reading helpers shared by the tests."""

from __future__ import annotations

from pathlib import Path

from bs4 import BeautifulSoup


def soup(site: Path, url: str) -> BeautifulSoup:
    """Parse the built page for a directory URL such as 'fanwen/x/'."""
    return BeautifulSoup((site / url / "index.html").read_text(encoding="utf-8"), "html.parser")


def visible_text(element, drop: tuple[str, ...] = (".fw-pnum", ".headerlink")) -> str:
    """An element's text without our own additions (paragraph numbers, permalinks), whitespace removed."""
    clone = BeautifulSoup(str(element), "html.parser")
    for selector in drop:
        for node in clone.select(selector):
            node.decompose()
    return "".join(clone.get_text().split())


def article(page_soup: BeautifulSoup):
    return page_soup.select_one("article.md-content__inner")
