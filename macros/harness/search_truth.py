"""Ground truth for the site search, computed from built pages: which sections hold a query.

Used by tests/test_search.py, tests/test_offline.py and scripts/bench_library.py; needs BeautifulSoup (dev group).
A section is the text from one heading with an id to the next (the page's first section runs from its top),
without the parts marked data-search-exclude and without the permalinks. This is written apart from the
index's own splitter (sections.py), with another parser, so that the two check each other.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from bs4 import BeautifulSoup, Comment, NavigableString, Tag

from macros.search.index import fold

# Phrases the browser test and the benchmark search for: short and long, in titles and in text, in one sample
# or several or none, with Chinese punctuation, Latin letters and digits. The comment says why each is here.
PHRASES = [
    "强势推进",  # the example: one sample, and the home page
    "攻坚克难",  # the example
    "一级抓一级，一级对一级负责",  # full-width comma typed, half-width in the source
    "4A",  # Latin and digit
    "gdp",  # lower case finds GDP
    "5000万元",
    "招商引资",  # in every sample, titles and text
    "凝心聚力",  # two samples; in a heading of one
    "三环路",
    "以商招商",
    "全域旅游",
    "A级景区",
    "“一村一品”",  # Chinese quotation marks
    "解放思想、更新观念",  # enumeration comma
    "省旅发大会",
    "km",  # km and KM
    "200*年",  # the source's hidden digit
    "目标任务",  # a heading
    "抓重点",  # heading and text
    "强势落实跨越发展的关键措施",  # long
    "脱贫攻坚",  # in no sample
    "攻坚克难强势推进",  # both words, never together
    "招商 项目",  # two terms: both must occur
    "工作总结",  # titles and category pages
]

HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
# Elements that end a run of text: a phrase never runs on from one into the next.
BLOCKS = HEADINGS | {"p", "li", "ul", "ol", "div", "table", "tr", "td", "th", "pre", "blockquote", "dt", "dd", "br"}
DROP = "[data-search-exclude], .headerlink, script, style, object"
# What a page left out of the search carries in its head (overrides/main.html; the index reads the page's front matter)
SEARCH_EXCLUDED = '<meta name="fanwenku:search" content="exclude">'


@dataclass
class Section:
    location: str
    title: str = ""
    text: list[str] = field(default_factory=list)

    def holds(self, query: str) -> bool:
        terms = fold(query).split()
        title, text = fold(self.title), fold("".join(self.text))
        return bool(terms) and all(term in title or term in text for term in terms)


def page_sections(html: str, url: str) -> list[Section]:
    """The sections of one built page; url is its directory URL such as 'fanwen/x/' ('' for the home page)."""
    start = html.find("<article")
    if start == -1 or SEARCH_EXCLUDED in html[:start]:
        return []
    article = BeautifulSoup(html[start : html.index("</article>", start) + 10], "html.parser").article
    for node in article.select(DROP):
        node.decompose()
    sections = [Section(url)]

    def walk(node: Tag) -> None:
        for child in node.children:
            if isinstance(child, Comment):
                continue
            if isinstance(child, NavigableString):
                sections[-1].text.append(str(child))
            elif child.name in HEADINGS:
                first = sections[0]
                text = child.get_text()
                if len(sections) == 1 and not first.title and not "".join(first.text).strip():
                    first.title = text  # the page's own title opens its first section
                elif child.get("id"):
                    sections.append(Section(f"{url}#{child['id']}", text))
                else:
                    sections[-1].text.append(f"\n{text}\n")
            else:
                block = child.name in BLOCKS
                sections[-1].text.append("\n" if block else "")
                walk(child)
                sections[-1].text.append("\n" if block else "")

    walk(article)
    return sections


def site_sections(site: Path) -> list[Section]:
    sections = []
    for path in sorted(site.rglob("index.html")):
        url = path.parent.relative_to(site).as_posix() + "/"
        sections += page_sections(path.read_text(encoding="utf-8"), "" if url == "./" else url)
    return sections


def expected(sections: list[Section], query: str) -> set[str]:
    return {section.location for section in sections if section.holds(query)}


def sections_per_page(locations: set[str]) -> dict[str, int]:
    """Per page (its URL), how many of these section locations are on it."""
    counts: dict[str, int] = {}
    for location in locations:
        page = location.split("#")[0]
        counts[page] = counts.get(page, 0) + 1
    return counts
