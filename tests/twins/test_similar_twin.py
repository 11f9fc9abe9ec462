"""The draft look-up's twins agree: sketch.js hashes a paragraph's pairs, picks the pairs it looks up, reads the
sketch entries, ranks the candidates and scores a text as sketch.py does, on the library's own index (every
paragraph of the samples as a draft, lightly edited too) and on generated text and entries."""

from __future__ import annotations

import base64
import json
import random
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from node_runner import GENERATED, first_difference, node, twin_scripts

from macros.similar.passages import library_passages
from macros.similar.sketch import (
    SKETCH,
    candidates,
    decode_ids,
    draft_index,
    encode_ids,
    looked_up,
    pair_hashes,
    score_pairs,
    shard_name,
    text_file,
)
from macros.sources.library import load_library

ROOT = Path(__file__).resolve().parents[2]
NODE_SCRIPTS = twin_scripts("macros/search/index.js", "macros/search/shards.js", "macros/similar/sketch.js")
TEXT = st.text(
    alphabet=st.one_of(
        st.sampled_from("招商引资攻坚克难强势推进工作，。、 2025年ＡＢ①㍿ﬁ\u3000一二𠀀"), st.characters(codec="utf-8")
    ),
    max_size=60,
)


def _data(script: str):
    return json.loads(script[script.index(",") + 1 : script.rindex(")")])


@pytest.fixture(scope="module")
def index():
    passages = library_passages(load_library(ROOT, parts=("samples",)).samples)
    built = draft_index(passages, lambda slug: [slug, f"fanwen/{slug}/", "", "", ""])
    return passages, built, {name: _data(script) for name, script in built.files.items()}


def _edited(text: str, rng: random.Random) -> str:
    chars = list(text)
    for _ in range(len(chars) // 12):
        chars[rng.randrange(len(chars))] = rng.choice("城镇县区市年一二三四五")
    return "".join(chars)


def test_every_sample_paragraph_looks_up_alike(node, index):
    passages, built, data = index
    bloom = base64.b64decode(data["b"])
    rng = random.Random(7)
    drafts = [p.text for p in passages] + [_edited(p.text, rng) for p in passages]
    hashes = [pair_hashes(d) for d in drafts]
    assert node.calls("fanwenkuSketch.pairHashes", [[d] for d in drafts]) == hashes
    looked = [looked_up(h, bloom) for h in hashes]
    as_bytes = {"$bytes": base64.b64encode(bloom).decode("ascii")}
    assert node.calls("fanwenkuSketch.lookedUp", [[h, as_bytes] for h in hashes]) == looked
    shards = {name: value for name, value in data.items() if name.startswith("s")}
    found = [candidates(values, shards, built.shards) for values in looked]
    assert node.calls("fanwenkuSketch.candidates", [[values, shards, built.shards] for values in looked]) == found
    # Every unchanged paragraph finds itself (its sketch is among its own look-ups) and reads as identical
    for text_id, (passage, each) in enumerate(zip(passages, found, strict=False)):
        own = data[text_file(text_id)]["t"][text_id % 4]
        if own[:2] == [passage.slug, passage.number] and len(looked[text_id]) >= 2:
            assert text_id in [t for t, _ in each], passage
    pairs = [[d, p.text] for d, p in zip(drafts, passages + passages, strict=True)]
    assert node.calls("fanwenkuSketch.scorePairs", pairs) == [score_pairs(a, b) for a, b in pairs]


def test_the_built_entries_are_the_looked_up_pairs_of_each_text(index):
    """draft_index finds the sketches with numpy; each must be what looked_up makes of the text's own pair_hashes."""
    passages, built, data = index
    bloom = base64.b64decode(data["b"])
    entries: dict[int, list[int]] = {}
    for name, shard in data.items():
        if name.startswith("s"):
            for key, ids in shard.items():
                assert shard_name(int(key, 36), built.shards) == name
                for text_id in decode_ids(ids):
                    entries.setdefault(text_id, []).append(int(key, 36))
    texts = [t for f in sorted((n for n in data if n.startswith("x")), key=lambda n: int(n[1:])) for t in data[f]["t"]]
    assert len(texts) == built.texts
    for text_id, (_, _, text, _) in enumerate(texts):
        assert sorted(entries.get(text_id, [])) == looked_up(pair_hashes(text), bloom)[:SKETCH]


@settings(GENERATED, max_examples=40)
@given(st.lists(st.tuples(TEXT, TEXT), min_size=50, max_size=50))
def test_generated_text_hashes_and_scores_alike(node, cases):
    texts = [t for pair in cases for t in pair]
    python = [pair_hashes(t) for t in texts]
    assert first_difference(texts, python, node.calls("fanwenkuSketch.pairHashes", [[t] for t in texts])) is None
    scores = [score_pairs(a, b) for a, b in cases]
    assert first_difference(cases, scores, node.calls("fanwenkuSketch.scorePairs", [list(c) for c in cases])) is None


@settings(GENERATED, max_examples=40)
@given(
    st.lists(st.lists(st.integers(0, 10**6), min_size=1, max_size=30, unique=True).map(sorted), min_size=20),
    st.binary(min_size=512, max_size=512),
)
def test_generated_entries_and_filters_read_alike(node, lists, bloom):
    encoded = [encode_ids(ids) for ids in lists]
    assert [decode_ids(e) for e in encoded] == lists
    assert node.calls("fanwenkuSketch.decodeIds", [[e] for e in encoded]) == lists
    hashes = [sorted({(i * 2654435761 + len(ids)) % 2**32 for i in ids}) for ids in lists]
    as_bytes = {"$bytes": base64.b64encode(bloom).decode("ascii")}
    assert node.calls("fanwenkuSketch.lookedUp", [[h, as_bytes] for h in hashes]) == [
        looked_up(h, bloom) for h in hashes
    ]
    names = [[h[0], 4392] for h in hashes] + [[h[-1], 1] for h in hashes]
    assert node.calls("fanwenkuSketch.shardName", names) == [shard_name(*n) for n in names]
    assert node.calls("fanwenkuSketch.textFile", [[i] for i in lists[0]]) == [text_file(i) for i in lists[0]]
