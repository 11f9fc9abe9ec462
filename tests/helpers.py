"""HTML reading helpers shared by the tests."""

from __future__ import annotations

from pathlib import Path

import lxml.html
from bs4 import BeautifulSoup


def soup(site: Path, url: str) -> BeautifulSoup:
    """Parse the built page for a directory URL such as 'fanwen/x/'."""
    return BeautifulSoup(page_html(site, url), "html.parser")


def page_html(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


def article_html(html: str) -> str:
    """A built page's <article>, the one Material holds the page's content in: an eighth of the page's bytes (the
    rest is navigation and icons), so parsing it alone is what makes checking every page affordable."""
    start = html.index('<article class="md-content__inner')
    return html[start : html.index("</article>", start) + len("</article>")]


def article_of(site: Path, url: str):
    """The parsed <article> of the built page for a directory URL, as parsing the whole page would give it."""
    return BeautifulSoup(article_html(page_html(site, url)), "html.parser").article


def ids_in(path: Path) -> list[str]:
    """Every id in an HTML file, in document order: lxml's C parser, for checks that read many whole pages."""
    return [str(value) for value in lxml.html.fromstring(path.read_bytes()).xpath("//@id")]


def head_of(site: Path, url: str):
    """The parsed <head> of the built page for a directory URL."""
    html = page_html(site, url)
    return BeautifulSoup(html[: html.index("</head>") + len("</head>")], "html.parser").head


def visible_text(element, drop: tuple[str, ...] = (".fw-pnum", ".headerlink")) -> str:
    """An element's text without our own additions (paragraph numbers, permalinks), whitespace removed."""
    clone = BeautifulSoup(str(element), "html.parser")
    for selector in drop:
        for node in clone.select(selector):
            node.decompose()
    return "".join(clone.get_text().split())


def list_pages(site: Path, url: str) -> list[str]:
    """A list's URL and those of its further pages, reached through the pager's 下一页 links."""
    from urllib.parse import unquote, urljoin

    urls = [url]
    while (following := article_of(site, urls[-1]).select_one(".fw-pager a[rel=next]")) is not None:
        urls.append(unquote(urljoin(urls[-1], following["href"])))
        assert len(urls) <= 1000 and urls[-1] not in urls[:-1], f"the pager of {url} loops: {urls[-3:]}"
    return urls


def listed_samples(site: Path, url: str) -> list[str]:
    """The slugs of the samples a list links to, over all its pages, in order."""
    from urllib.parse import urljoin

    slugs = []
    for page_url in list_pages(site, url):
        targets = [urljoin(page_url, a["href"]) for a in article_of(site, page_url).select("ul.fw-entries a")]
        slugs += [t.split("/")[-2] for t in targets if t.startswith("fanwen/")]
    return slugs


def edit(path: Path, old: str, new: str) -> None:
    """Replace the first `old` in a file; fails loudly when the fixture text has moved."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture text not found in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_with(path: Path, needle: str, last: bool = False) -> int:
    """1-based number of the first (or last) line of a file that contains `needle`."""
    lines = path.read_text(encoding="utf-8").splitlines()
    found = [i for i, line in enumerate(lines, start=1) if needle in line]
    assert found, f"{needle!r} not in {path}"
    return found[-1] if last else found[0]


def assert_build_refused(result, out: Path, where: str, problem: str, fix: bool = True) -> None:
    """The build failed, its log names `where` and `problem` (and the fix), and no page shows the error."""
    log = result.stdout + result.stderr
    assert result.returncode != 0, "the build passed"
    assert where in log and problem in log, log[-2000:]
    if fix:  # one line says where, what and how to fix it (macros/sources/errors.py)
        assert any(where in line and problem in line and "修改方法：" in line for line in log.splitlines()), log[-2000:]
    published = list(out.rglob("*.html")) if out.exists() else []
    assert not any(problem in p.read_text(encoding="utf-8") for p in published), "error text was published"


def assert_load_refused(error, where: str, problem: str) -> None:
    """The loader refused the data with one line naming `where` (path[:line]), `problem` and the fix."""
    assert error is not None, "the library loaded"
    message = str(error)
    assert where in message and problem in message, message
    assert message == f"{error.where}: {error.problem} 修改方法：{error.fix}" and "\n" not in message, message
