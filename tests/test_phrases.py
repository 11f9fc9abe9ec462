"""The phrase bank: its matcher, the marks on sample pages, the 常用表述 index and the page of each phrase with its
uses in context."""

from __future__ import annotations

import random
import re
from pathlib import Path
from urllib.parse import unquote, urljoin

import pytest
from conftest import ROOT
from helpers import article_of, ids_in

from macros.pages.concordance import uses_of
from macros.sources.catalog import names
from macros.sources.phrases import pinyin_key, trie_pattern

BANK_URL = "biaoshu/"


def naive_longest_first(text: str, phrases: list[str]) -> list[str]:
    """The marking rule written the slow, obvious way: at each position the longest phrase that starts there."""
    by_length = sorted(phrases, key=len, reverse=True)
    found, i = [], 0
    while i < len(text):
        hit = next((p for p in by_length if text.startswith(p, i)), None)
        if hit:
            found.append(hit)
            i += len(hit)
        else:
            i += 1
    return found


@pytest.mark.parametrize(
    ("phrases", "text", "expected"),
    [
        (["全力以赴", "全力以赴,攻坚克难"], "要全力以赴,攻坚克难,强势推进", ["全力以赴,攻坚克难"]),
        (["全力以赴", "全力以赴,攻坚克难"], "全力以赴,攻坚", ["全力以赴"]),  # the longer one fails late
        (["攻坚", "坚克难"], "攻坚克难", ["攻坚"]),  # leftmost wins, no overlap
        (["一级抓一级", "一级对一级负责"], "一级抓一级,一级对一级负责", ["一级抓一级", "一级对一级负责"]),
        (["(一)", "a.b"], "(一)a.b axb", ["(一)", "a.b"]),  # regex metacharacters are literal
        (["强势推进"], "强势推", []),
    ],
)
def test_matcher_is_leftmost_longest(phrases, text, expected):
    assert [m.group() for m in re.finditer(trie_pattern(phrases), text)] == expected


def test_matcher_agrees_with_the_naive_rule_on_random_text():
    rng = random.Random(5)
    for _ in range(300):
        phrases = list({"".join(rng.choices("甲乙丙", k=rng.randint(1, 4))) for _ in range(rng.randint(1, 6))})
        text = "".join(rng.choices("甲乙丙丁", k=rng.randint(0, 30)))
        found = [m.group() for m in re.finditer(trie_pattern(phrases), text)]
        assert found == naive_longest_first(text, phrases), (phrases, text)


def test_bank_is_large_sorted_and_uniquely_anchored(catalog):
    bank = catalog.phrases
    assert len(bank.phrases) >= 60
    assert [p.text for p in bank.phrases] == sorted((p.text for p in bank.phrases), key=pinyin_key)
    slugs = [p.slug for p in bank.phrases]
    assert len(set(slugs)) == len(slugs) and all(re.fullmatch(r"[a-z0-9-]+", s) for s in slugs)


def test_readme_points_at_the_category_list_instead_of_copying_it(catalog):
    readme = (ROOT / "templates_src/phrases/README.md").read_text(encoding="utf-8")
    categories = names(catalog.vocab, "表述类别")
    assert "templates_src/vocab.yml" in readme and "、".join(categories[:3]) not in readme


def test_marks_per_page_equal_occurrences_in_the_source(site, catalog):
    bank = catalog.phrases
    texts = [p.text for p in bank.phrases]
    total = 0
    for sample in catalog.samples:
        body = article_of(site, sample.url)
        expected = [hit for b in sample.blocks if not b.is_heading for hit in naive_longest_first(b.text, texts)]
        marks = body.select("a.fw-phrase")
        assert [m.get_text() for m in marks] == expected, sample.slug
        total += len(marks)
    assert total > 0


def test_marks_only_in_sample_paragraphs(site, catalog):
    for sample in catalog.samples:
        body = article_of(site, sample.url)
        for mark in body.select("a.fw-phrase"):
            assert mark.find_parent("p", class_="fw-p") is not None, sample.slug
            assert not mark.find_parents(["h1", "h2", "h3", "h4", "h5", "h6", "a", "code", "pre"]), sample.slug
            assert not mark.find(["a", "code"])
        for el in body.select("h2, h3, h4, h5, h6, code, pre, .fw-meta, .fw-structure"):
            assert not el.select("a.fw-phrase"), f"{sample.slug}: a mark inside {el.name}"


def phrase_url(phrase) -> str:
    return f"{BANK_URL}{phrase.slug}/"


def heading_text(element) -> str:
    return element.get_text().rstrip("¶").strip()


def test_marks_explain_and_link_to_their_page(site, catalog):
    bank = catalog.phrases
    linked = set()
    for sample in catalog.samples:
        body = article_of(site, sample.url)
        for mark in body.select("a.fw-phrase"):
            phrase = bank.by_text[mark.get_text()]
            assert mark["data-fw-tip"] == phrase.meaning
            assert body.find(id=mark["aria-describedby"]).get_text() == phrase.meaning
            target = urljoin(sample.url, mark["href"])
            assert target == phrase_url(phrase)
            linked.add(phrase.slug)
    assert linked
    for slug in linked:
        assert heading_text(article_of(site, f"{BANK_URL}{slug}/").h1) == next(
            p.text for p in bank.phrases if p.slug == slug
        )


def resolve(site: Path, page_url: str, href: str) -> tuple[Path, str]:
    url, _, anchor = urljoin(page_url, href).partition("#")
    return site / unquote(url) / "index.html", unquote(anchor)


def test_every_concordance_link_lands_on_an_existing_anchor(site, catalog):
    ids: dict[Path, set[str]] = {}
    checked = 0
    for phrase in catalog.phrases.phrases:
        for link in article_of(site, phrase_url(phrase)).select(".fw-uses a[href]"):
            path, anchor = resolve(site, phrase_url(phrase), link["href"])
            assert path.exists(), link["href"]
            if path not in ids:
                ids[path] = set(ids_in(path))
            assert anchor in ids[path], link["href"]
            checked += 1
    assert checked > len(catalog.phrases.phrases)


def test_each_phrase_page_lists_every_use_with_the_phrase_highlighted(site, catalog):
    """In the small library no phrase has more uses than a page shows, so each page lists them all."""
    from macros.pages.concordance import USES_SHOWN

    bank = catalog.phrases
    for phrase in bank.phrases:
        page = article_of(site, phrase_url(phrase))
        assert heading_text(page.h1) == phrase.text
        assert phrase.category in page.select_one(".fw-kind").get_text()
        uses = list(uses_of(phrase, catalog))
        expected = sum(b.text.count(phrase.text) for s in catalog.samples for b in s.blocks)
        assert len(uses) == expected > 0, phrase.text
        assert expected <= USES_SHOWN, f"{phrase.text}: pick a phrase list that fits one page for this test"
        lines = page.select(".fw-uses .fw-kwic")
        assert len(lines) == expected, phrase.text
        assert all(line.mark.get_text() == phrase.text for line in lines)
        assert page.select_one(".fw-count").get_text() == str(expected)
        assert not page.select(".fw-pager"), "one page holds them all"
        definition = page.select_one("dl.fw-def").get_text()
        assert phrase.meaning in definition and phrase.usage in definition


def test_synonyms_in_the_bank_link_to_their_pages(site, catalog):
    bank = catalog.phrases
    checked = 0
    for phrase in bank.phrases:
        links = {a.get_text(): a["href"] for a in article_of(site, phrase_url(phrase)).select("dl.fw-def dd a")}
        for word in phrase.synonyms:
            if word in bank.by_text:
                assert urljoin(phrase_url(phrase), links.pop(word)) == phrase_url(bank.by_text[word])
                checked += 1
        assert not links, f"{phrase.text}: links to words not in the bank: {links}"
    assert checked > 0


def test_index_groups_by_category_in_pinyin_order_with_counts(site, catalog):
    bank = catalog.phrases
    page = article_of(site, BANK_URL)
    sections = page.select("section.fw-cat")
    assert [s["data-category"] for s in sections] == [
        c for c in names(catalog.vocab, "表述类别") if any(p.category == c for p in bank.phrases)
    ]
    chips = page.select(".fw-filter a.fw-chip")
    assert [urljoin(BANK_URL, a["href"]).split("#")[1] for a in chips] == [s.h2["id"] for s in sections]
    listed = []
    for section in sections:
        items = section.select("ul.fw-phrases > li")
        shown = [li.a.get_text() for li in items]
        assert shown == sorted(shown, key=pinyin_key)
        for li in items:
            phrase = bank.by_text[li.a.get_text()]
            assert phrase.category == section["data-category"]
            assert urljoin(BANK_URL, li.a["href"]) == phrase_url(phrase)
            expected = sum(b.text.count(phrase.text) for s in catalog.samples for b in s.blocks)
            assert li.select_one(".fw-count").get_text() == str(expected)
            assert phrase.meaning in li.get_text()
            listed.append(phrase.slug)
    assert sorted(listed) == sorted(p.slug for p in bank.phrases), "each phrase once"
    assert not page.select(".fw-uses"), "the index lists no uses: they are on the phrase pages"


def test_long_lists_of_uses_are_cut_into_pages(catalog, monkeypatch):
    import macros.pages.concordance as concordance
    from macros.pages.render import Links

    bank = catalog.phrases
    phrase = next(p for p in bank.phrases if len(list(uses_of(p, catalog))) >= 3)
    uses = list(uses_of(phrase, catalog))
    monkeypatch.setattr(concordance, "USES_SHOWN", 2)
    pages = concordance.Concordance(catalog)
    paging = pages.paging(phrase)
    assert paging.count == -(-len(uses) // 2) and paging.src_uri(1) == concordance.phrase_uri(phrase)
    listed = []
    for number in range(1, paging.count + 1):
        markdown = concordance.phrase_page(phrase, pages, Links(paging.src_uri(number)), number)
        assert f'<b class="fw-count">{len(uses)}</b>' in markdown, "the count is of all uses, on every page"
        assert '<nav class="fw-pager"' in markdown and f"共 {len(uses)} 条" in markdown
        assert markdown.startswith(f"# {phrase.text}" + ("" if number == 1 else f"（第{number}页）"))
        listed += re.findall(r'<a href="([^"]+)" data-fw-tip', markdown)
    assert len(listed) == len(uses)
    assert [link.rsplit("#", 1)[1] for link in listed] == [use.block.anchor for use in uses]


def test_phrase_slugs_never_take_the_index_page(tmp_path):
    from macros.sources.phrases import Phrase, build_bank
    from macros.sources.text_blocks import Block

    class Text:
        blocks = [Block(1, "index")]

    phrase = Phrase("index", "推进落实", "释义", "用法", (), tmp_path / "x.yml", 1)
    assert [p.slug for p in build_bank([phrase], [Text()]).phrases] == ["index-2"]


@pytest.mark.parametrize(
    ("text", "start", "end", "expected"),
    [
        ("甲。乙丙丁。戊", 3, 4, ("乙", "丙", "丁。")),  # the sentence around the phrase, its end mark kept
        ("甲丙乙", 1, 2, ("甲", "丙", "乙")),  # no sentence mark: the whole block
        ("长" * 50 + "丙" + "短", 50, 51, ("…" + "长" * 40, "丙", "短")),  # long sides are cut
    ],
)
def test_context_is_the_sentence(text, start, end, expected):
    from macros.pages.concordance import Use
    from macros.sources.text_blocks import Block

    assert Use(None, Block(1, text), start, end).context() == expected
