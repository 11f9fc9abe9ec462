"""The sharded search index, build side: encodings, the shard builder and the page splitter (no browser)."""

from __future__ import annotations

import hashlib
import json
import random
import re

import pytest
from conftest import ROOT

from macros.harness.generated_library import SEED, search_pages
from macros.search.index import fold
from macros.search.sections import Section, split_sections
from macros.search.shards import (
    FOLDER,
    INLINE_BYTES,
    KINDS,
    PAGE_SHARD,
    Page,
    build_index,
    decode_gaps,
    decode_numbers,
    decode_page_table,
    decode_postings,
    encode_gaps,
    encode_numbers,
    fnv1a,
    keys_of,
    page_text,
    positions_of,
    term_keys,
)

VOCAB = {"行业": ["招商引资", "农业"], "文种": ["工作总结", "讲话稿"], "层级": ["县", "乡镇"]}


# ---------------------------------------------------------------- encodings


def test_numbers_round_trip():
    rng = random.Random(7)
    numbers = [0, 1, 31, 32, 1023, 1024, 32767, 32768, 2**31 - 1] + [rng.randrange(0, 2**20) for _ in range(500)]
    text = encode_numbers(numbers)
    assert re.fullmatch(r"[A-Za-z0-9_-]*", text)
    assert decode_numbers(text) == numbers
    assert len(encode_numbers(range(32))) == 32  # small numbers take one digit each
    assert decode_gaps(encode_gaps(sorted(numbers))) == sorted(numbers)


def test_fnv1a_known_values():
    # Published FNV-1a 32-bit values; for ASCII the UTF-16 code units are the bytes.
    assert fnv1a("") == 0x811C9DC5
    assert fnv1a("a") == 0xE40C292C
    assert fnv1a("foobar") == 0xBF9CF968
    assert fnv1a("招商") != fnv1a("商招")


def test_keys_are_characters_and_pairs_without_whitespace():
    assert keys_of("招商 引资") == {"招", "商", "招商", "引", "资", "引资"}
    assert keys_of("a\nb") == {"a", "b"}
    assert keys_of("𠮷野") == {"𠮷", "野", "𠮷野"}  # code points, not UTF-16 halves
    assert positions_of("招商 招商引资") == {
        "招": [0, 3],
        "商": [1, 4],
        "招商": [0, 3],
        "引": [5],
        "资": [6],
        "商引": [4],
        "引资": [5],
    }


@pytest.mark.parametrize("term", ["招", "招商", "招商引", "招商引资", "一级抓一级，一级对一级负责", "𠮷野家", "aaa"])
def test_term_keys_cover_every_character_of_the_term(term):
    """A term is at p when each pair sits at p + its offset: the pairs must cover the term, character by character."""
    chars = list(term)
    keys = term_keys(term)
    assert [key for key, _ in keys] == [chars[o] + chars[o + 1] if len(chars) > 1 else term for _, o in keys]
    covered = {o + k for _, o in keys for k in range(min(2, len(chars)))}
    assert covered == set(range(len(chars)))
    assert len(keys) == (len(chars) + 1) // 2  # as few as covering allows


# ---------------------------------------------------------------- the builder


def _pages() -> list[Page]:
    return [
        Page(
            "fanwen/a/",
            "县里的讲话",
            "范文",
            [
                Section("fanwen/a/", "县里的讲话", "强势推进招商引资"),
                Section("fanwen/a/#一", "一、抓重点", "攻坚克难，GDP 增长", "写法要点\n气势句"),
            ],
            {"行业": ["招商引资", "农业"], "文种": ["讲话稿"], "层级": ["县"]},
        ),
        Page("muban/b/", "模板", "模板", [Section("muban/b/", "模板", "【【地区】】强势推进")], {"文种": ["工作总结"]}),
        Page("biaoshu/", "常用表述", "常用表述", [Section("biaoshu/", "常用表述", "")]),
        Page("", "首页", "其他页面", [Section("", "首页", "在顶部搜索框输入“强势推进”。𠮷")]),
    ]


def _load(content: str):
    match = re.fullmatch(r'fanwenkuSearchFile\("([^"]+)",(.*)\);\n', content, re.S)
    assert match, content[:80]
    return match.group(1), json.loads(match.group(2))


def _read(index):
    """name -> data of every file; the manifest."""
    data = {}
    for path, content in index.files.items():
        name, value = _load(content)
        data[name] = value
        assert path.startswith(f"{FOLDER}/{name}.")
    return data, data["manifest"]


def _postings(data: dict, manifest: dict, key: str) -> list[tuple[int, list[int]]]:
    """A key's postings as the worker reads them: inline in its key shard, or its parts in order."""
    shard = data[f"k{fnv1a(key) % manifest['keys']}"]
    if key not in shard:
        return []
    value = shard[key]
    if isinstance(value, str):
        return decode_postings(value)
    number, starts = value
    found = []
    for i, start in enumerate(decode_gaps(starts)):
        part = decode_postings(data[f"c{number}-{i}"])
        assert part and part[0][0] == start  # each part starts at the page the key shard says
        found += part
    return found


def test_build_index_gives_every_key_its_positions():
    pages = _pages()
    index = build_index(pages, VOCAB, key_shard_bytes=200, chunk_bytes=6, inline_bytes=0)
    data, manifest = _read(index)
    assert set(manifest) == {"format", "version", "keys", "pages", "groups"}
    assert manifest["pages"] == 4 and manifest["keys"] > 1
    assert manifest["groups"][0] == ["类别", list(KINDS)]
    # Every key of every page, with its positions in the page's text: the parts hold nothing else
    truth: dict[str, list] = {}
    for number, page in enumerate(pages):
        text, lengths = page_text(page.sections)
        assert lengths == [len(fold(v)) for s in page.sections for v in (s.title, s.text, s.note)]
        for key, at in sorted(positions_of(text).items()):
            truth.setdefault(key, []).append((number, at))
    assert "gd" in truth and "GD" not in truth and "气势" in truth and "𠮷" in truth
    assert {key: _postings(data, manifest, key) for key in truth} == truth
    parts = [value for name, shard in data.items() if name.startswith("k") for value in shard.values()]
    assert any(len(decode_gaps(value[1])) > 1 for value in parts if isinstance(value, list))  # cut into parts
    # Where a key sits in the page's text says in which section and field: 攻坚 in the second section's text
    [(page, [at])] = truth["攻坚"]
    text, lengths = page_text(pages[page].sections)
    assert text[at : at + 4] == "攻坚克难" and sum(lengths[:4]) + 4 == at


def test_the_page_table_and_the_text():
    pages = _pages()
    index = build_index(pages, VOCAB, text_part_bytes=30)
    data, manifest = _read(index)
    rows = decode_page_table(data["p0"])
    about = [(0, [0b11, 0b10, 0b01]), (1, [0, 0b01, 0]), (2, [0, 0, 0]), (3, [0, 0, 0])]
    assert [(row["kind"], row["masks"]) for row in rows] == about
    for number, (page, row) in enumerate(zip(pages, rows, strict=True)):
        assert row["lengths"] == page_text(page.sections)[1]
        # Text parts start where the table says, and give back every section in order
        records = []
        for k, first in enumerate(row["parts"]):
            part = data[f"t{number}" if k == 0 else f"t{number}-{k}"]
            assert (part["u"], part["h"], part["o"]) == (page.url, page.title, first) and len(records) == first
            records += [record + [""] * (4 - len(record)) for record in part["s"]]
        assert records == [[s.title, s.location.partition("#")[2], s.text, s.note] for s in page.sections]
    assert len(rows[0]["parts"]) == 2  # the small target cut the first page's text in two


def test_files_are_named_by_their_content():
    """The manifest by its own hash; the other files by one hash of them all, which the manifest names."""
    first = build_index(_pages(), VOCAB, key_shard_bytes=200, chunk_bytes=20)
    manifest = first.files[first.manifest]
    assert hashlib.sha256(manifest.encode("utf-8")).hexdigest().startswith(first.manifest.split(".")[-2])
    version = _load(manifest)[1]["version"]
    shards = {path: content for path, content in first.files.items() if path != first.manifest}
    assert len(shards) > 2 and all(path.endswith(f".{version}.js") for path in shards)
    ordered = sorted(shards.items(), key=lambda item: _load(item[1])[0])
    assert hashlib.sha256("".join(content for _, content in ordered).encode("utf-8")).hexdigest().startswith(version)
    assert build_index(_pages(), VOCAB, key_shard_bytes=200, chunk_bytes=20).files == first.files  # repeatable
    changed = _pages()
    changed[3].sections[0].text += "改"
    second = build_index(changed, VOCAB, key_shard_bytes=200, chunk_bytes=20)
    assert second.manifest != first.manifest
    assert set(second.files) != set(first.files)


def test_build_index_refuses_unknown_kinds_and_values():
    pages = _pages()
    pages[0].facets["层级"] = ["省"]
    with pytest.raises(ValueError, match="省"):
        build_index(pages, VOCAB)
    with pytest.raises(ValueError, match="kinds"):
        build_index([Page("x/", "x", "杂项", [])], VOCAB)


def test_the_manifest_and_every_file_stay_small_as_the_library_grows():
    """A library ten times as large has a manifest of the same size (every other file is found by number) and
    no larger files: more of them."""
    vocab = {"行业": [], "文种": [], "层级": []}
    indexes = {}
    for count in (50, 500):
        pages = search_pages(ROOT, count, SEED + count)
        for page in pages:
            page.facets = {}
        indexes[count] = build_index(pages, vocab)
    small, large = indexes[50], indexes[500]
    manifests = [_load(index.files[index.manifest])[1] for index in (small, large)]
    assert [sorted(m) for m in manifests] == [["format", "groups", "keys", "pages", "version"]] * 2
    assert manifests[0]["groups"] == manifests[1]["groups"]  # the rest is three numbers
    assert abs(len(large.files[large.manifest]) - len(small.files[small.manifest])) <= 4
    assert len(large.files) > 5 * len(small.files)

    def largest(index, prefix: str) -> int:
        sizes = [len(c.encode()) for p, c in index.files.items() if p.startswith(f"{FOLDER}/{prefix}")]
        return max(sizes)

    for prefix, bound in [("k", 3 * 8_000), ("c", 2 * 6_000 + INLINE_BYTES), ("p", 80 * PAGE_SHARD)]:
        assert largest(large, prefix) <= bound, prefix
    assert largest(large, "t") <= largest(small, "t") * 1.5  # a page's text: one sample's, whatever the library


# ---------------------------------------------------------------- splitting a built page


SAMPLE_PAGE = """<html><body><nav>目录</nav><article class="md-content__inner">
  <h1>街道述职</h1>
  <div class="fw-meta" data-search-exclude><p>行业：招商引资</p></div>
  <p id="p1" class="fw-p"><a class="fw-pnum" data-search-exclude>1</a>开头<a class="fw-phrase">强势推进</a>一段</p>
  <h2 id="一抓">一、抓<b>重点</b><a class="headerlink" href="#一抓">¶</a></h2>
  <p id="p3" class="fw-p">攻坚</p><p class="fw-p">克难</p>
  <div class="admonition tip fw-lessons"><p class="admonition-title">写法要点</p><ol><li><b>气势句</b>：攻坚克难</li></ol></div>
  <h3>无锚点的小标题</h3>
  <script>var x = "脚本";</script>
</article></body></html>"""


def test_split_a_sample_page_into_original_and_annotation():
    first, second = split_sections(SAMPLE_PAGE, "fanwen/x/", notes=True)
    assert first == Section("fanwen/x/", "街道述职", "开头强势推进一段", "")
    assert (second.location, second.title) == ("fanwen/x/#一抓", "一、抓重点")
    assert second.text.split("\n") == ["攻坚", "克难", "无锚点的小标题"]  # headings are the original's
    assert second.note.split("\n") == ["写法要点", "气势句：攻坚克难"]
    # Not a sample page: everything is the page's own text.
    plain = split_sections(SAMPLE_PAGE, "about/")[1]
    assert plain.note == "" and "写法要点" in plain.text and "脚本" not in plain.text


def test_a_page_without_an_article_has_no_sections():
    assert split_sections("<html><body><p>x</p></body></html>", "x/") == []
