"""Lists that grow with the library, cut into pages of PAGE_SIZE entries with a pager.

Page 1 is the list's own page (fanwen/index.md, hangye/nongye.md); page n is `<its folder>/page/<n>.md`, so
its URL is stable (fanwen/page/2/ on the web, fanwen/page/2.html in the folder build) and cannot clash with a
sample or a term, whose slugs hold no "/". The pager is plain links: it works without JavaScript and from file://.
"""

from __future__ import annotations

from dataclasses import dataclass

from macros.pages.render import Links, part

PAGE_SIZE = 50  # entries a list page shows
UNLISTED = "_more"  # macros/pages/generated.py's folder key of the pages no navigation lists: a list's page 2 on
# Front matter of a list's page 2 on where page 1 is in the site search: the same heading again, and a page of
# the list that the search finds on the pages listed.
UNSEARCHED = "search:\n  exclude: true\n"
NEAR = 2  # page numbers shown on each side of the current one, besides the first and the last


@dataclass(frozen=True)
class Paging:
    first: str  # src_uri of page 1
    total: int  # entries in the whole list
    size: int = PAGE_SIZE

    @property
    def count(self) -> int:
        """How many pages: at least one, even for an empty list."""
        return max(1, -(-self.total // self.size))

    def src_uri(self, number: int) -> str:
        if number == 1:
            return self.first
        folder = self.first.removesuffix(".md").removesuffix("/index").removesuffix("index")
        return f"{folder}/page/{number}.md" if folder else f"page/{number}.md"

    def window(self, number: int) -> slice:
        """The entries page `number` shows."""
        return slice((number - 1) * self.size, number * self.size)

    def numbers(self, number: int) -> list[int | None]:
        """The page numbers the pager shows around `number`; None where numbers are left out (…). A gap of one
        page shows that page's number instead: the ellipsis would take the same room."""
        shown = sorted({1, self.count, *range(max(1, number - NEAR), min(self.count, number + NEAR) + 1)})
        out: list[int | None] = []
        for n in shown:
            if out and n - out[-1] == 2:
                out.append(n - 1)
            elif out and n - out[-1] > 2:
                out.append(None)
            out.append(n)
        return out

    def pager(self, number: int, links: Links) -> str:
        """The pager of page `number` as HTML; empty when the list fits on one page."""
        if self.count == 1:
            return ""
        window = self.window(number)
        first, last = window.start + 1, min(window.stop, self.total)

        def href(n: int) -> str | None:
            return links(self.src_uri(n)) if 1 <= n <= self.count else None

        items = [(n, href(n) if n is not None else None, n == number) for n in self.numbers(number)]
        return str(part("listing").pager(items, href(number - 1), href(number + 1), first, last, self.total))

    def title(self, title: str, number: int) -> str:
        return title if number == 1 else f"{title}（第{number}页）"


__all__ = ["NEAR", "PAGE_SIZE", "UNLISTED", "UNSEARCHED", "Paging"]
