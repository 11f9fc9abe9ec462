"""The search's twins agree: index.js folds text as index.py does, and shards.js reads back what shards.py writes
(numbers, ascending numbers, postings with positions, page tables, shard hashes) and confirms a query term by the
same keys at the same offsets."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st
from node_runner import GENERATED, first_difference, node, twin_scripts

from macros.harness.project import ROOT
from macros.search.index import fold, fold_char
from macros.search.shards import (
    MASKS,
    decode_gaps,
    decode_numbers,
    decode_page_table,
    decode_postings,
    encode_gaps,
    encode_numbers,
    encode_page_table,
    encode_postings,
    fnv1a,
    positions_of,
    term_keys,
)

NODE_SCRIPTS = twin_scripts("macros/search/index.js", "macros/search/shards.js")
BATCH = 100
# Text of every kind folding treats differently: ASCII, full-width forms, compatibility characters, CJK, astral.
TEXT = st.text(
    alphabet=st.one_of(
        st.sampled_from("AbZ09 -_,.，。ＡＢｚ０９①Ⅻ㍿ﬁ½™Σσς İIıẞß\u3000\u00a0\u200b一二強势推进攻坚克难𠀀𠮷"),
        st.characters(codec="utf-8"),
    ),
    max_size=12,
)


@settings(GENERATED, max_examples=60)
@given(st.lists(TEXT, min_size=BATCH, max_size=BATCH))
def test_folding_agrees(node, texts):
    assert (
        first_difference(texts, [fold(t) for t in texts], node.calls("fanwenkuSearchIndex.fold", [[t] for t in texts]))
        is None
    )
    chars = [c for t in texts for c in t]
    assert node.calls("fanwenkuSearchIndex.foldChar", [[c] for c in chars]) == [fold_char(c) for c in chars]
    keys = [fold(t) for t in texts if t.strip()]
    assert node.calls("fanwenkuShards.termKeys", [[k] for k in keys if k]) == [term_keys(k) for k in keys if k]
    assert node.calls("fanwenkuShards.fnv1a", [[k] for k in keys]) == [fnv1a(k) for k in keys]


NUMBERS = st.lists(st.integers(0, 2**31 - 1), max_size=40)
# Each case grows from a seed Hypothesis draws (derandomized, as every twin test's): drawing such nested shapes
# through strategies costs minutes for a few thousand cases, a seed and random.Random microseconds.
SEEDS = st.lists(st.integers(0, 2**32), min_size=BATCH, max_size=BATCH)


def postings_case(seed: int) -> list[tuple[int, list[int]]]:
    """Ascending pages, each with ascending positions: small and large numbers, sparse and dense."""
    rng = random.Random(seed)
    top, wide = rng.choice([(300, 40), (2**24, 2**20), (50, 5)])
    pages = sorted(rng.sample(range(top), rng.randint(0, min(top, 12))))
    return [(page, sorted(rng.sample(range(wide), rng.randint(1, min(wide, 20))))) for page in pages]


def page_table_case(seed: int) -> list[dict]:
    rng = random.Random(seed)
    rows = []
    for _ in range(rng.randint(0, 12)):
        sections = rng.randint(0, 8)
        rows.append(
            {
                "kind": rng.randint(0, 3),
                "masks": [rng.choice([0, 1, rng.randrange(2**30)]) for _ in range(MASKS)],
                "lengths": [rng.choice([0, rng.randrange(50), rng.randrange(40_000)]) for _ in range(3 * sections)],
                "parts": [0, *sorted(rng.sample(range(1, 61), rng.randint(0, 4)))],
            }
        )
    return rows


def postings_of(decoded: dict) -> list[tuple[int, list[int]]]:
    """shards.js's arrays as shards.py's (page, positions) pairs."""
    starts, positions = decoded["starts"], decoded["positions"]
    return [(page, positions[starts[i] : starts[i + 1]]) for i, page in enumerate(decoded["pages"])]


@settings(GENERATED, max_examples=60)
@given(SEEDS)
def test_postings_read_back(node, seeds):
    """6,000 postings: what build_index writes for a key, read back as positions page by page."""
    entries = [postings_case(seed) for seed in seeds]
    encoded = [encode_postings(e) for e in entries]
    assert [decode_postings(e) for e in encoded] == entries
    javascript = node.calls("fanwenkuShards.decodePostings", [[e] for e in encoded])
    assert [postings_of(d) for d in javascript] == entries


def test_postings_of_real_text_read_back(node):
    """The postings of every key of the six samples' text, as one page each."""
    from macros.search.index import fold
    from macros.sources.library import load_library

    samples = load_library(ROOT, parts=("samples",)).samples
    pages = [positions_of(fold("\n".join(b.text for b in s.blocks))) for s in samples]
    keys = sorted({key for page in pages for key in page})
    encoded = [encode_postings([(n, page[key]) for n, page in enumerate(pages) if key in page]) for key in keys]
    javascript = node.calls("fanwenkuShards.decodePostings", [[e] for e in encoded])
    assert [postings_of(d) for d in javascript] == [decode_postings(e) for e in encoded]
    assert len(keys) > 3000


@settings(GENERATED, max_examples=50)
@given(SEEDS)
def test_page_tables_read_back(node, seeds):
    """5,000 page tables: each page's kind, filter masks, fields' lengths and text parts."""
    tables = [page_table_case(seed) for seed in seeds]
    encoded = [encode_page_table(rows) for rows in tables]
    assert [decode_page_table(e) for e in encoded] == tables
    assert node.calls("fanwenkuShards.decodePageTable", [[e] for e in encoded]) == tables


@settings(GENERATED, max_examples=50)
@given(st.lists(NUMBERS, min_size=BATCH, max_size=BATCH))
def test_numbers_read_back(node, lists):
    """5,000 lists of numbers, and as many ascending ones (the starts of a long key's parts)."""
    numbers = [encode_numbers(n) for n in lists]
    assert node.calls("fanwenkuShards.decodeNumbers", [[n] for n in numbers]) == [decode_numbers(n) for n in numbers]
    ascending = [sorted(set(n)) for n in lists]
    gaps = [encode_gaps(n) for n in ascending]
    assert [decode_gaps(g) for g in gaps] == ascending
    assert node.calls("fanwenkuShards.decodeGaps", [[g] for g in gaps]) == ascending
