"""A generated page's raw HTML kept out of Markdown: Markdown gets the page with each HTML block replaced by a
placeholder, and the blocks go back into the finished page (macros/build/plugin.py).

A generated page is Markdown headings (for the table of contents and the permalinks) around blocks of HTML that
Markdown passes through unchanged, yet reads whole with its HTML parser: on a library of 5,000 samples that was
most of the build's time. And MkDocs converts every page before it writes any, holding them all: with the HTML
left out until the page is written, a large library's build holds only the pages' headings. The page is rendered
again when it is written (rendering costs a fraction of converting) rather than its HTML held meanwhile; where its
blocks are is kept from the first rendering, so they are not looked for again.

A block is deferred only when Markdown would pass it through unchanged: chunks between blank lines that hold only
whole elements of block-level tags (an element may span blank lines), none with a `markdown` attribute, no comment
or script among them. The placeholder is an HTML
comment, which Markdown passes through as well; the finished page is the same as if Markdown had read it all
(tests/test_deferred.py compares the two on every generated page).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Markdown's block-level tags that our fragments open with (a chunk starting with another tag is left to Markdown)
BLOCK_TAGS = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "details",
        "dialog",
        "dd",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "li",
        "main",
        "nav",
        "noscript",
        "ol",
        "p",
        "pre",
        "section",
        "table",
        "tfoot",
        "ul",
    ]
)
VOID = frozenset(["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"])
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)\b([^>]*)>")  # attribute values hold no ">" (autoescape)
_MARKDOWN = re.compile(r"\smarkdown\b")
_PLACEHOLDER = re.compile(r"<!--fw-deferred (\d+)-->")


def _extent(chunks: list[str], start: int) -> int:
    """How many chunks from `start` on hold only whole elements of block-level tags, each opening a line, the last
    closing at the end of the last chunk (an element may run over blank lines); 0 when they do not."""
    depth = 0
    for end in range(start, len(chunks)):
        chunk = chunks[end]
        if "<!--" in chunk or "<script" in chunk or "<style" in chunk:
            return 0  # comments and raw text elements: left to Markdown's parser
        at = 0
        for match in _TAG.finditer(chunk):
            closing, name, attributes = match.group(1), match.group(2).lower(), match.group(3)
            if depth == 0:
                opens_line = match.start() == 0 or chunk[match.start() - 1] == "\n"
                if closing or chunk[at : match.start()].strip() or not opens_line or name not in BLOCK_TAGS:
                    return 0
                if _MARKDOWN.search(attributes):
                    return 0
            if name not in VOID and not attributes.endswith("/"):
                depth += -1 if closing else 1
            at = match.end()
        if depth == 0:
            return end - start + 1 if not chunk[at:].strip() else 0
    return 0


@dataclass(frozen=True)
class Deferred:
    """A page's Markdown for MkDocs, and where its deferred blocks are: (first chunk, chunks) of each."""

    markdown: str
    spans: tuple[tuple[int, int], ...]

    def blocks(self, markdown: str) -> list[str]:
        """The deferred blocks of the page's Markdown rendered again (the same Markdown, so the same spans)."""
        chunks = markdown.split("\n\n")
        return ["\n\n".join(chunks[first : first + count]).rstrip() for first, count in self.spans]


def defer(markdown: str) -> Deferred:
    """The Markdown with each deferrable HTML block replaced by a placeholder, and where the blocks were."""
    chunks = markdown.split("\n\n")
    out, spans = [], []
    i = 0
    while i < len(chunks):
        count = _extent(chunks, i) if chunks[i].startswith("<") else 0
        if not count:
            out.append(chunks[i])
            i += 1
            continue
        joined = "\n\n".join(chunks[i : i + count])
        block = joined.rstrip()  # what Markdown passes through: the elements, without the line breaks after them
        out.append(f"<!--fw-deferred {len(spans)}-->{joined[len(block) :]}")
        spans.append((i, count))
        i += count
    return Deferred("\n\n".join(out), tuple(spans))


def fill(html: str, blocks: list[str]) -> str:
    """The finished page with its blocks back in their places."""
    return _PLACEHOLDER.sub(lambda m: blocks[int(m.group(1))], html)


__all__ = ["Deferred", "defer", "fill"]
