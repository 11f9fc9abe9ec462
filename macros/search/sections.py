"""Split a built page into the sections the site search finds (docs/weihu/sousuo.md), without MkDocs.

A section runs from one heading with an id to the next; the page's first section runs from the top of the
article and takes the first heading as its title. Left out: anything marked data-search-exclude, permalinks (¶),
scripts and styles. Elements that are blocks (p, li, div, td, ...) end a run of text with a line break, so a
phrase never runs on from one paragraph into the next. macros/harness/search_truth.py computes the same split
with BeautifulSoup, independently, and the tests compare the two on every built page.

On a sample page the original text (its headings and the paragraphs of class fw-p) is kept apart from everything
else the page says beside it (our annotations, such as the 写法要点 box): search ranks and labels them differently.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
BLOCKS = HEADINGS | {"p", "li", "ul", "ol", "div", "table", "tr", "td", "th", "pre", "blockquote", "dt", "dd", "br"}
DROPPED_TAGS = frozenset({"script", "style", "object"})
VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"})
ORIGINAL_CLASS = "fw-p"  # a paragraph of a sample's verbatim text (macros/pages/sample_page.py)
# Runs of ASCII whitespace: a query term never holds any (queries are split at whitespace), so a run is only a
# boundary and one character says as much; a run with a line break in it stays a line break (a block boundary).
_SPACES = re.compile(r"[ \t\n\r\f]+")


def squeeze(text: str) -> str:
    return _SPACES.sub(lambda m: "\n" if "\n" in m.group() else " ", text).strip()


@dataclass
class Section:
    """One search unit. `text` is the page's own text (on a sample page: the original); `note` our annotations."""

    location: str
    title: str = ""
    text: str = ""
    note: str = ""


@dataclass
class _Open:
    tag: str
    dropped: bool
    block: bool
    original: bool


@dataclass
class _Builder:
    location: str
    title: list[str] = field(default_factory=list)
    text: list[str] = field(default_factory=list)
    note: list[str] = field(default_factory=list)

    def section(self) -> Section:
        return Section(
            self.location, squeeze("".join(self.title)), squeeze("".join(self.text)), squeeze("".join(self.note))
        )


# The tokens of an article, as html.parser reads them (built pages are well-formed, so a pattern suffices and takes a
# fraction of the parser's time): a comment, a raw text element (script, style) whole, a tag, other markup, text.
_TOKENS = re.compile(
    r"<!--.*?-->"
    r"|<(script|style)\b([^>]*)>.*?</\1\s*>"
    r"|<(/?)([a-zA-Z][^\t\n\r\f />]*)([^>]*)>"
    r"|<[!?][^>]*>"
    r"|<|[^<]+",
    re.S | re.I,
)
_ATTRIBUTES = re.compile(r"""([^\s=/>]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?""")


def _attributes(text: str) -> list[tuple[str, str | None]]:
    return [
        (name.lower(), None if whole is None else html.unescape(whole))
        for name, whole in (
            (m.group(1), m.group(2) or m.group(3) or m.group(4) or ("" if "=" in m.group(0) else None))
            for m in _ATTRIBUTES.finditer(text)
        )
    ]


class _Splitter:
    def __init__(self, url: str, notes: bool):
        self.url = url
        self.notes = notes  # a sample page: text outside headings and fw-p paragraphs is annotation
        self.stack: list[_Open] = []
        self.sections = [_Builder(url)]
        self.heading: _Open | None = None  # the heading being read
        self.heading_text: list[str] = []
        self.heading_target = ""  # "title" (of the current section) or "text"
        self.started = False  # any text seen in the first section (then a heading no longer titles it)

    # ---------------------------------------------------------------- where text goes

    def _dropped(self) -> bool:
        return bool(self.stack) and self.stack[-1].dropped

    def _original(self) -> bool:
        return not self.notes or (bool(self.stack) and self.stack[-1].original)

    def _emit(self, text: str, original: bool | None = None) -> None:
        if self.heading is not None:
            self.heading_text.append(text)
            return
        current = self.sections[-1]
        if len(self.sections) == 1 and text.strip():
            self.started = True
        original = self._original() if original is None else original
        (current.text if original else current.note).append(text)

    def _break(self) -> None:
        """A block boundary: to both fields, so neither runs a phrase across it."""
        if self.heading is not None:
            return
        current = self.sections[-1]
        current.text.append("\n")
        current.note.append("\n")

    # ---------------------------------------------------------------- reading the article

    def feed(self, article: str) -> None:
        skipping = 0  # elements open inside a dropped one: nothing in them counts, so they are only counted
        for token in _TOKENS.finditer(article):
            raw, name = token.group(1), token.group(4)
            if skipping:
                if name is not None and name.lower() not in VOID and not token.group(5).rstrip().endswith("/"):
                    skipping += -1 if token.group(3) else 1
                    if not skipping:
                        self.handle_endtag(name.lower())
                continue
            if raw is not None:  # script or style: dropped whole
                self.handle_starttag(raw.lower(), _attributes(token.group(2)))
                self.handle_endtag(raw.lower())
            elif name is not None:
                tag = name.lower()
                if token.group(3):
                    self.handle_endtag(tag)
                    continue
                self.handle_starttag(tag, _attributes(token.group(5)))
                if token.group(5).rstrip().endswith("/"):
                    self.handle_endtag(tag)
                elif self.stack and self.stack[-1].dropped and self.stack[-1].tag == tag:
                    skipping = 1  # just opened, dropped: skip to its end
            elif not token.group().startswith(("<!", "<?")):
                self.handle_data(html.unescape(token.group()))

    # ---------------------------------------------------------------- tokens

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        classes = (attributes.get("class") or "").split()
        parent = self.stack[-1] if self.stack else None
        dropped = bool(
            (parent and parent.dropped)
            or tag in DROPPED_TAGS
            or "data-search-exclude" in attributes
            or "headerlink" in classes
        )
        original = bool((parent and parent.original) or tag in HEADINGS or ORIGINAL_CLASS in classes)
        block = tag in BLOCKS
        if not dropped and block:
            self._break()
        if tag in VOID:
            if not dropped and block:
                self._break()
            return
        element = _Open(tag, dropped, block, original)
        self.stack.append(element)
        if tag in HEADINGS and not dropped and self.heading is None:
            self._open_heading(element, attributes.get("id"))

    def _open_heading(self, element: _Open, anchor: str | None) -> None:
        first = self.sections[0]
        if len(self.sections) == 1 and not first.title and not self.started:
            self.heading_target = "title"  # the page's title opens its first section
        elif anchor:
            self.sections.append(_Builder(f"{self.url}#{anchor}"))
            self.heading_target = "title"
        else:
            self.heading_target = "text"
        self.heading = element
        self.heading_text = []

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        # Close up to the matching element; a stray end tag closes nothing.
        for depth in range(len(self.stack) - 1, -1, -1):
            if self.stack[depth].tag == tag:
                break
        else:
            return
        while len(self.stack) > depth:
            element = self.stack.pop()
            if element is self.heading:
                self._close_heading()
            if element.block and not element.dropped:
                self._break()

    def _close_heading(self) -> None:
        text = "".join(self.heading_text)
        self.heading = None
        if self.heading_target == "title":
            self.sections[-1].title.append(text)
        else:
            self._break()
            self._emit(text, original=True)
            self._break()

    def handle_data(self, data):
        if not self._dropped():
            self._emit(data)


def article_html(page_html: str) -> str:
    """The <article> of a built Material page ('' when it has none)."""
    start = page_html.find("<article")
    if start == -1:
        return ""
    end = page_html.find("</article>", start)
    return page_html[start : end + len("</article>")] if end != -1 else page_html[start:]


def split_sections(page_html: str, url: str, notes: bool = False) -> list[Section]:
    """The sections of one built page; url is its URL as links name it ('' for the home page).

    notes=True for a sample page: only its headings and fw-p paragraphs go into `text`, the rest into `note`.
    """
    article = article_html(page_html)
    if not article:
        return []
    splitter = _Splitter(url, notes)
    splitter.feed(article)
    return [builder.section() for builder in splitter.sections]
