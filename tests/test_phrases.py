"""The phrase bank: its matcher, the marks on sample pages and the 常用表述 page with every use in context."""

from __future__ import annotations

import random
import re
from pathlib import Path
from urllib.parse import unquote, urljoin

import pytest
from conftest import ROOT
from helpers import article, soup

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
        body = article(soup(site, sample.url))
        expected = [hit for b in sample.blocks if not b.is_heading for hit in naive_longest_first(b.text, texts)]
        marks = body.select("a.fw-phrase")
        assert [m.get_text() for m in marks] == expected, sample.slug
        total += len(marks)
    assert total > 0


def test_marks_only_in_sample_paragraphs(site, catalog):
    for sample in catalog.samples:
        body = article(soup(site, sample.url))
        for mark in body.select("a.fw-phrase"):
            assert mark.find_parent("p", class_="fw-p") is not None, sample.slug
            assert not mark.find_parents(["h1", "h2", "h3", "h4", "h5", "h6", "a", "code", "pre"]), sample.slug
            assert not mark.find(["a", "code"])
        for el in body.select("h2, h3, h4, h5, h6, code, pre, .fw-meta, .fw-structure"):
            assert not el.select("a.fw-phrase"), f"{sample.slug}: a mark inside {el.name}"


def test_marks_explain_and_link_to_their_entry(site, catalog):
    bank = catalog.phrases
    entries = article(soup(site, BANK_URL))
    for sample in catalog.samples:
        for mark in article(soup(site, sample.url)).select("a.fw-phrase"):
            phrase = bank.by_text[mark.get_text()]
            assert mark["title"] == phrase.meaning
            target = urljoin(sample.url, mark["href"])
            assert target == f"{BANK_URL}#{phrase.slug}"
            assert entries.find(id=phrase.slug) is not None


def resolve(site: Path, page_url: str, href: str) -> tuple[Path, str]:
    url, _, anchor = urljoin(page_url, href).partition("#")
    return site / unquote(url) / "index.html", unquote(anchor)


def test_every_concordance_link_lands_on_an_existing_anchor(site):
    links = article(soup(site, BANK_URL)).select(".fw-uses a[href]")
    assert links
    ids: dict[Path, set[str]] = {}
    for link in links:
        path, anchor = resolve(site, BANK_URL, link["href"])
        assert path.exists(), link["href"]
        if path not in ids:
            ids[path] = {el["id"] for el in soup(site, path.parent.relative_to(site).as_posix()).find_all(id=True)}
        assert anchor in ids[path], link["href"]


def test_each_entry_lists_every_use_with_the_phrase_highlighted(site, catalog):
    bank = catalog.phrases
    page = article(soup(site, BANK_URL))
    for phrase in bank.phrases:
        heading = page.find(id=phrase.slug)
        assert heading is not None and heading.name == "h3", phrase.text
        section = heading.find_parent("section")
        assert section["data-category"] == phrase.category
        uses = list(uses_of(phrase, catalog))
        expected = sum(b.text.count(phrase.text) for s in catalog.samples for b in s.blocks)
        assert len(uses) == expected > 0, phrase.text
        lines = []
        for el in heading.find_next_siblings():
            if el.name in ("h2", "h3"):
                break
            lines += el.select(".fw-kwic")
        assert len(lines) == expected, phrase.text
        assert all(line.mark.get_text() == phrase.text for line in lines)
        count = heading.find_next(class_="fw-count")
        assert count.get_text() == str(expected)


def test_bank_page_groups_by_category_in_pinyin_order(site, catalog):
    bank = catalog.phrases
    page = article(soup(site, BANK_URL))
    sections = page.select("section.fw-cat")
    assert [s["data-category"] for s in sections] == [
        c for c in names(catalog.vocab, "表述类别") if any(p.category == c for p in bank.phrases)
    ]
    chips = page.select(".fw-filter a.fw-chip")
    assert [urljoin(BANK_URL, a["href"]).split("#")[1] for a in chips] == [s.h2["id"] for s in sections]
    for section in sections:
        shown = [h.get_text().rstrip("¶") for h in section.select("h3")]
        assert shown == sorted(shown, key=pinyin_key)


def test_long_lists_of_uses_fold_after_the_first_few(catalog, monkeypatch):
    import macros.pages.concordance as concordance
    from macros.pages.render import Links

    bank = catalog.phrases
    phrase = next(p for p in bank.phrases if len(list(uses_of(p, catalog))) >= 2)
    monkeypatch.setattr(concordance, "SHOWN_LINES", 1)
    markdown = concordance.entry(phrase, bank, catalog, Links(concordance.BANK_PAGE))
    shown, folded = markdown.split('<details class="fw-more">')
    assert shown.count('fw-kwic"') == 1 and folded.count('fw-kwic"') == len(list(uses_of(phrase, catalog))) - 1
    assert f"其余 {len(list(uses_of(phrase, catalog))) - 1} 处" in folded


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
