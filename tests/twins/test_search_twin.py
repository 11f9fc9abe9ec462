"""The search's twins agree: index.js folds text as index.py does, and shards.js reads back what shards.py writes
(numbers, postings, shard hashes) and looks a query term up by the same keys."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from node_runner import GENERATED, first_difference, node, twin_scripts

from macros.search.index import fold, fold_char
from macros.search.shards import decode_numbers, decode_postings, encode_numbers, encode_postings, fnv1a, term_keys

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


IDS = st.lists(st.integers(0, 2**31 - 1), min_size=1, max_size=40, unique=True).map(sorted)
DENSE = st.integers(0, 10_000).flatmap(lambda first: st.sets(st.integers(first, first + 300), min_size=1).map(sorted))


@settings(GENERATED, max_examples=60)
@given(st.lists(st.one_of(IDS, DENSE), min_size=BATCH, max_size=BATCH))
def test_postings_and_numbers_read_back(node, lists):
    encoded = [encode_postings(ids) for ids in lists]
    assert node.calls("fanwenkuShards.decodePostings", [[e] for e in encoded]) == [decode_postings(e) for e in encoded]
    assert [decode_postings(e) for e in encoded] == lists
    numbers = [encode_numbers(ids) for ids in lists]
    assert node.calls("fanwenkuShards.decodeNumbers", [[n] for n in numbers]) == [decode_numbers(n) for n in numbers]
