"""The sharded search index, build side: encodings, the shard builder and the page splitter (no browser)."""

from __future__ import annotations

import hashlib
import json
import random
import re

import pytest

from macros.search.index import fold
from macros.search.sections import Section, split_sections
from macros.search.shards import (
    FOLDER,
    KINDS,
    Page,
    build_index,
    decode_numbers,
    decode_postings,
    encode_numbers,
    encode_postings,
    fnv1a,
    keys_of,
)

VOCAB = {"行业": ["招商引资", "农业"], "文种": ["工作总结", "讲话稿"], "层级": ["县", "乡镇"]}


# ---------------------------------------------------------------- encodings


def test_numbers_round_trip():
    rng = random.Random(7)
    numbers = [0, 1, 31, 32, 1023, 1024, 2**31 - 1] + [rng.randrange(0, 2**20) for _ in range(500)]
    text = encode_numbers(numbers)
    assert re.fullmatch(r"[A-Za-z0-9_-]*", text)
    assert decode_numbers(text) == numbers
    assert len(encode_numbers(range(32))) == 32  # small numbers take one digit each


@pytest.mark.parametrize("density", [0.001, 0.05, 0.5, 1.0])
def test_postings_round_trip_and_choose_the_shorter_form(density):
    rng = random.Random(density)
    ids = sorted(rng.sample(range(20_000), max(1, int(20_000 * density))))
    encoded = encode_postings(ids)
    assert decode_postings(encoded) == ids
    gaps = encode_numbers([ids[0]] + [b - a - 1 for a, b in zip(ids, ids[1:], strict=False)])
    if density >= 0.5:
        assert isinstance(encoded, list) and len(encoded[1]) < len(gaps)  # a bitmap
    if density <= 0.001:
        assert encoded == gaps


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


def test_build_index_finds_every_key_in_its_shard():
    pages = _pages()
    index = build_index(pages, VOCAB, key_shard_bytes=200, text_shard_bytes=40)
    sections = [s for page in pages for s in page.sections]
    name, manifest = _load(index.files[index.manifest])
    assert name == "manifest" and manifest["sections"] == len(sections) == 5
    assert manifest["keys"] > 1 and manifest["texts"] > 1  # the small targets force several shards
    version = manifest["version"]

    # Every key lists exactly the sections whose title, text or annotation text holds it.
    truth: dict[str, set[int]] = {}
    for i, s in enumerate(sections):
        for key in keys_of(fold(s.title)) | keys_of(fold(s.text)) | keys_of(fold(s.note)):
            truth.setdefault(key, set()).add(i)
    found: dict[str, list[int]] = {}
    for i in range(manifest["keys"]):
        name, shard = _load(index.files[f"{FOLDER}/k{i}.{version}.js"])
        assert name == f"k{i}"
        for key, value in shard.items():
            assert fnv1a(key) % manifest["keys"] == i, key
            found[key] = decode_postings(value)
    assert {key: set(ids) for key, ids in found.items()} == truth
    assert "gd" in found and "GD" not in found and "气势" in found and "𠮷" in found

    # The text shards give back every section in order, with its page.
    starts = []
    at = 0
    for step in decode_numbers(manifest["textStarts"]):
        at += step
        starts.append(at)
    records = []
    for j in range(manifest["texts"]):
        _, shard = _load(index.files[f"{FOLDER}/t{j}.{version}.js"])
        assert len(records) == starts[j]
        records += [(shard["p"], record) for record in shard["s"]]
    rebuilt = [(heads, record + [""] * (4 - len(record))) for heads, record in records]
    assert [record for _, record in rebuilt] == [
        [s.title, s.location.partition("#")[2], s.text, s.note] for s in sections
    ]
    # Each shard names the pages of its sections: url, title, kind, then a bit mask per 行业/文种/层级
    owners = [i for i, page in enumerate(pages) for _ in page.sections]
    about = {0: [0, 0b11, 0b10, 0b01], 1: [1, 0, 0b01, 0], 2: [2, 0, 0, 0], 3: [3, 0, 0, 0]}
    for (heads, _), owner in zip(rebuilt, owners, strict=True):
        assert heads[str(owner)] == [pages[owner].url, pages[owner].title, *about[owner]]
    assert manifest["groups"][0] == ["类别", list(KINDS)]
    assert decode_numbers(manifest["pages"]) == [2, 1, 1, 1]  # sections per page


def test_files_are_named_by_their_content():
    """The manifest by its own hash; the shards by one hash of all shards, which the manifest names."""
    first = build_index(_pages(), VOCAB, key_shard_bytes=200, text_shard_bytes=40)
    manifest = first.files[first.manifest]
    assert hashlib.sha256(manifest.encode("utf-8")).hexdigest().startswith(first.manifest.split(".")[-2])
    version = _load(manifest)[1]["version"]
    shards = {path: content for path, content in first.files.items() if path != first.manifest}
    assert len(shards) > 2 and all(path.endswith(f".{version}.js") for path in shards)
    ordered = sorted(shards.items(), key=lambda item: _load(item[1])[0])
    assert hashlib.sha256("".join(content for _, content in ordered).encode("utf-8")).hexdigest().startswith(version)
    assert build_index(_pages(), VOCAB, key_shard_bytes=200, text_shard_bytes=40).files == first.files  # repeatable
    changed = _pages()
    changed[3].sections[0].text += "改"
    second = build_index(changed, VOCAB, key_shard_bytes=200, text_shard_bytes=40)
    assert second.manifest != first.manifest
    assert set(second.files) != set(first.files)


def test_build_index_refuses_unknown_kinds_and_values():
    pages = _pages()
    pages[0].facets["层级"] = ["省"]
    with pytest.raises(ValueError, match="省"):
        build_index(pages, VOCAB)
    with pytest.raises(ValueError, match="kinds"):
        build_index([Page("x/", "x", "杂项", [])], VOCAB)


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
