"""What `mkdocs build --strict` refuses today, checked by our own plugin so that it holds whichever builder runs it and
whether or not it is given --strict (docs/weihu/pingtai.md): a link to a page or file that is not built, a link to an anchor
its page does not have, a page of docs/ the navigation leaves out without saying so, a macro left unrendered; and that
every page has the 阅读设置 control overrides/main.html puts in Material's header.

MkDocs reports the first three as warnings, which only --strict turns into a failed build; a builder that accepts
--strict without enforcing it (Zensical today), or a build run without it, would publish the site anyway. Here each
is an error naming the page and what to fix, all of them together, and the build stops.

Links and anchors are read from each built page's article (what the Markdown and our fragments made; the theme's own
navigation is built from the same files and cannot point elsewhere), ids from the whole page.
"""

from __future__ import annotations

import html
import posixpath
import re
from urllib.parse import unquote, urlsplit

from mkdocs.exceptions import PluginError

# An attribute after white space: a pattern that starts with a character class is searched fast, \b is not (every
# page of a 5,000-sample site is read: this was a tenth of the build)
HREF = re.compile(r'\shref="([^"]*)"')
ID = re.compile(r'\sid="([^"]*)"')
ARTICLE = '<article class="md-content__inner'
READING = "data-fw-reading"  # the 阅读设置 control overrides/main.html puts in every page's header
# A mkdocs-macros call in a page of docs/: {{ … }} or {% … %} on one line.
MACRO = re.compile(r"\{\{.*?\}\}|\{%.*?%\}")


def article(page_html: str) -> str:
    start = page_html.find(ARTICLE)
    if start < 0:
        return ""
    end = page_html.find("</article>", start)
    return page_html[start : end + len("</article>")] if end >= 0 else ""


def unescaped(value: str) -> str:
    return html.unescape(value) if "&" in value else value


def links_of(page_html: str) -> list[str]:
    return [unescaped(href) for href in HREF.findall(article(page_html))]


def ids_of(page_html: str) -> set[str]:
    return {unescaped(value) for value in ID.findall(page_html)}


def target_of(page_uri: str, href: str) -> tuple[str, str] | None:
    """The built file (its URI in the site) and the fragment a link from the page at `page_uri` points at; None for
    a link that leaves the site, mails, runs script or stays on the page."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or href.startswith(("mailto:", "javascript:", "data:")):
        return None
    fragment = unquote(parts.fragment)
    if not parts.path:
        return page_uri, fragment
    path = posixpath.normpath(posixpath.join(posixpath.dirname(page_uri), unquote(parts.path)))
    if parts.path.endswith("/") or path == ".":
        path = posixpath.join("" if path == "." else path, "index.html")
    return path, fragment


def built(path: str, files: set[str]) -> str | None:
    """The file a resolved link path names: itself, or the index.html of the folder it names."""
    for candidate in (path, posixpath.join(path, "index.html")):
        if candidate in files:
            return candidate
    return None


class SiteChecks:
    """Collects each page as it is built; `raise_problems` at the end of the build."""

    def __init__(self) -> None:
        self.pages: dict[str, tuple[str, list[str], set[str]]] = {}  # dest URI -> (source, links, ids)
        self.files: set[str] = set()  # every file the build writes (its dest URI)
        self.problems: list[str] = []
        self.macro_calls: dict[str, list[str]] = {}  # page source -> the macro calls in it before mkdocs-macros

    def note_files(self, files) -> None:
        self.files = {file.dest_uri for file in files}

    def note_unlisted(self, files, nav) -> None:
        """Pages of docs/ that should be in the navigation (not marked not_in_nav) and are not."""
        listed = {page.file.src_uri for page in nav.pages}
        for file in files.documentation_pages():
            if file.inclusion.is_in_nav() and file.src_uri not in listed and file.generated_by is None:
                self.problems.append(
                    f"docs/{file.src_uri}: 不在导航里。 修改方法：在 mkdocs.yml 的 nav 里列出它，"
                    "或把它写进 mkdocs.yml 的 not_in_nav（不进导航，从别的页面链接到它）。"
                )

    def note_macros(self, page, markdown: str) -> None:
        """Before mkdocs-macros: the calls a page of docs/ makes."""
        if page.file.generated_by is None:
            self.macro_calls[page.file.src_uri] = MACRO.findall(markdown)

    def check_macros_rendered(self, page, markdown: str) -> None:
        """After mkdocs-macros: none of the page's calls may be left as it was written."""
        left = [call for call in self.macro_calls.get(page.file.src_uri, []) if call in markdown]
        if left:
            self.problems.append(
                f"docs/{page.file.src_uri}: 宏没有展开：{left[0]}。 修改方法：mkdocs.yml 的 plugins 里要有 macros，"
                "页面的 front matter 里不要写 render_macros: false。"
            )

    def add_page(self, page, output: str) -> None:
        self.pages[page.file.dest_uri] = (page.file.src_uri, links_of(output), ids_of(output))
        if READING not in output:
            self.problems.append(
                f"{page.file.dest_uri}: 页头里没有阅读设置。 修改方法：Material 的页头变了，"
                "改 overrides/main.html 的 header 块，让阅读设置（partials/reading.html）插在搜索按钮之前。"
            )

    def check_links(self) -> None:
        known = self.files | self.pages.keys()  # once: joined per link, the check grew with links × files
        for page_uri, (source, links, _) in self.pages.items():
            for href in links:
                target = target_of(page_uri, href)
                if target is None:
                    continue
                path, fragment = target
                where = f"docs/{source}（{href}）"
                path = built(path, known)
                if path is None:
                    self.problems.append(f"{where}: 链接指向的文件没有生成。 修改方法：改正链接，或补上它指向的页面。")
                elif fragment and path in self.pages and fragment not in self.pages[path][2]:
                    self.problems.append(
                        f"{where}: 链接指向的锚点“{fragment}”在 {self.pages[path][0]} 里没有。 修改方法：改成页面上有的标题或段落锚点。"
                    )

    def raise_problems(self) -> None:
        self.check_links()
        if self.problems:
            shown = self.problems[:20]
            more = f"\n……另有 {len(self.problems) - 20} 处" if len(self.problems) > 20 else ""
            raise PluginError("构建停止，网站有下面的问题：\n" + "\n".join(shown) + more)
