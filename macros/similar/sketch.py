"""同类写法 for a draft on the 体检 page: a small index of each library paragraph's rarest character pairs, of which a
draft paragraph fetches a few files, whatever the library's size (docs/weihu/tonglei.md).

The page cannot hold the library's vectors (the command line, scripts/similar, compares a draft with every
paragraph). Each distinct library text is represented instead by its sketch: the SKETCH of its character pairs with
the smallest hash among the pairs that narrow things down (in at most max_df(n) texts, as for the neighbours). A draft
paragraph looks up its own pairs in the order of their hash, LOOKUPS of them that are not too common, trying at most
MAX_TRIES: a library text the draft paragraph was made from shares most of its pairs, so most of its sketch is among
them (the chance a sketch pair is shared is the share of pairs the two have in common, as in MinHash). Texts met
MIN_MATCHES times or more are fetched, TEXTS of them at most, and scored on their pairs: the cosine of the two sets
of pairs, and how much of the draft paragraph the library text holds (a sentence copied out of a longer paragraph);
either at NEAR_COPY or above makes a near-copy (近乎相同).

Files under similar/<version>/draft/, scripts (`fanwenkuSimilarFile(name, data)`) so they load from file:// too:
- "b", the common pairs' Bloom filter (base64);
- "s<k>", sketch shard k = hash % shards: {hash in base 36: text ids (encode_ids)};
- "x<k>", texts k * TEXTS_PER_FILE onwards: {"docs": {slug: [title, address, 文种, 层级, 年代]},
  "t": [[slug, paragraph number, text, further copies], ...]}.
The 体检 page knows the version and the number of shards from its holder (publish.py similar_draft_holder). sketch.js is the
twin of pair_hashes, sketch_step and score_pairs (tests/twins/); lookup() walks the steps as the page does, for the
benchmark.
"""

from __future__ import annotations

import base64
import json
import math
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from macros.search.shards import fnv1a
from macros.similar.neighbours import NEAR_COPY, NOT_KEY, bigram_rows, distinct, key_text, max_df
from macros.similar.passages import MIN_CHARS, Passage

SKETCH = 8  # pairs kept of each library text
LOOKUPS = 8  # pairs a draft paragraph looks up
MIN_MATCHES = 2  # sketch pairs a library text must share to be fetched
TEXTS = 3  # library texts fetched per draft paragraph at most
TEXTS_PER_FILE = 4
SHARD_BYTES = 800  # a sketch shard's target size before compression: a look-up fetches one, mostly for one entry
FOLDER = "draft"
MAX_PARAGRAPHS = 200  # a draft's paragraphs looked up (the page says when it stopped short)
SHOWN = 0.3  # the cosine of pairs from which the page lists a text found as 写法相近 (a near-copy always)
# The pairs too common to look up (in more than max_df(n) texts, the COMMON_MAX most frequent of them at most) as a
# Bloom filter of BITS_PER_COMMON bits a pair, at most 16 KB whatever the library's size. The build and the page ask
# the same filter, so a pair it takes for common (now and then a rare one, by chance) is left out on both sides.
BLOOM_HASHES = 6
BITS_PER_COMMON = 10
COMMON_MAX = 12_000


def script_constants() -> dict:
    """What sketch.js takes from Python instead of retyping it (macros/build/scripts.py writes it in)."""
    return {
        "NOT_KEY": NOT_KEY.pattern,
        "LOOKUPS": LOOKUPS,
        "MIN_MATCHES": MIN_MATCHES,
        "BLOOM_HASHES": BLOOM_HASHES,
        "TEXTS": TEXTS,
        "TEXTS_PER_FILE": TEXTS_PER_FILE,
        "NEAR_COPY": NEAR_COPY,
        "MIN_CHARS": MIN_CHARS,
        "MAX_PARAGRAPHS": MAX_PARAGRAPHS,
        "SHOWN": SHOWN,
    }


def pairs_of(text: str) -> set[str]:
    """The distinct pairs of adjacent compared characters (key_text) of a text."""
    key = key_text(text)
    return {key[i : i + 2] for i in range(len(key) - 1)}


def sketch_pairs(text: str) -> set[str]:
    """The pairs a sketch is made of: two Chinese characters (numbers and Latin letters are what a new version of a
    document changes first, and they are rare, so they would take a sketch's places)."""
    return {pair for pair in pairs_of(text) if not any(c.isascii() for c in pair)}


def pair_hashes(text: str) -> list[int]:
    """The distinct hashes (32-bit FNV-1a) of the text's sketch pairs, smallest first."""
    return sorted({fnv1a(pair) for pair in sketch_pairs(text)})


def shard_name(hash_value: int, shards: int) -> str:
    return f"s{hash_value % shards}"


def text_file(text_id: int) -> str:
    return f"x{text_id // TEXTS_PER_FILE}"


def bloom_bits(value: int, size: int) -> list[int]:
    """The bits of a filter of `size` bits (a power of two) for a hash: double hashing on the hash's two halves."""
    low, high = value & 0xFFFF, (value >> 16) | 1
    return [(low + i * high) & (size - 1) for i in range(BLOOM_HASHES)]


def is_common(value: int, bloom: bytes) -> bool:
    return all(bloom[bit >> 3] >> (bit & 7) & 1 for bit in bloom_bits(value, len(bloom) * 8))


def looked_up(hashes: list[int], bloom: bytes) -> list[int]:
    """The hashes a draft paragraph looks up: its smallest LOOKUPS that are not common."""
    return [value for value in hashes if not is_common(value, bloom)][:LOOKUPS]


def candidates(looked: list[int], shards: dict[str, dict], count: int) -> list[list[int]]:
    """The library texts sharing at least MIN_MATCHES of the looked-up pairs' sketch entries ([text id, matches]),
    most matches first (then the smaller id), TEXTS at most. shards: the loaded sketch shards by name."""
    matches: Counter[int] = Counter()
    for value in looked:
        entry = shards[shard_name(value, count)].get(_base36(value))
        matches.update(decode_ids(entry) if entry else ())
    found = sorted(((t, m) for t, m in matches.items() if m >= MIN_MATCHES), key=lambda tm: (-tm[1], tm[0]))
    return [[t, m] for t, m in found[:TEXTS]]


def score_pairs(draft: str, text: str) -> dict:
    """How close a library text is to a draft paragraph: the pairs they share and each one's number of pairs, and
    whether it is a near-copy (cosine or the draft's share held by the text at NEAR_COPY or above)."""
    mine, theirs = pairs_of(draft), pairs_of(text)
    shared = len(mine & theirs)
    cosine = shared / math.sqrt(len(mine) * len(theirs)) if mine and theirs else 0.0
    held = shared / len(mine) if mine else 0.0
    return {
        "shared": shared,
        "mine": len(mine),
        "theirs": len(theirs),
        "near": cosine >= NEAR_COPY or held >= NEAR_COPY,
        "identical": key_text(draft) == key_text(text),
    }


def _base36(value: int) -> str:
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    out = ""
    while True:
        value, digit = divmod(value, 36)
        out = digits[digit] + out
        if not value:
            return out


# ---------------------------------------------------------------- build side


@dataclass
class DraftIndex:
    files: dict[str, str]  # name (b, s<k>, x<k>) -> script
    shards: int
    texts: int


def bloom_of(common: np.ndarray) -> bytes:
    size = 1 << max(12, (len(common) * BITS_PER_COMMON - 1).bit_length())  # 512 bytes at least
    bloom = np.zeros(size // 8, np.uint8)
    for bit in _bloom_bits(common, size):
        np.bitwise_or.at(bloom, bit >> 3, (1 << (bit & 7)).astype(np.uint8))
    return bloom.tobytes()


def _bloom_bits(values: np.ndarray, size: int) -> list[np.ndarray]:
    """bloom_bits for many hashes at once: one array per hash function."""
    values = values.astype(np.int64)
    low, high = values & 0xFFFF, (values >> 16) | 1
    return [(low + i * high) & (size - 1) for i in range(BLOOM_HASHES)]


def text_hashes(texts: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """pair_hashes of every text at once: (text index, hash) of each, sorted by text, then hash."""
    rows, codes = bigram_rows([key_text(t) for t in texts])
    first, second = codes // 0x110000, codes % 0x110000
    keep = (first >= 0x80) & (second >= 0x80)  # two characters beyond ASCII (sketch_pairs), each one UTF-16 unit
    prime, mask = np.uint64(0x01000193), np.uint64(0xFFFFFFFF)
    value = ((np.uint64(0x811C9DC5) ^ first[keep]) * prime) & mask
    value = ((value ^ second[keep]) * prime) & mask
    combined = distinct(rows[keep].astype(np.uint64) << np.uint64(32) | value)  # distinct hashes per text
    return (combined >> np.uint64(32)).astype(np.int64), combined & mask


def sketches(rows: np.ndarray, values: np.ndarray, count: int) -> tuple[bytes, dict[int, list[int]]]:
    """The common-pair filter, and the sketch entries (pair hash -> ids of the texts whose sketch has it) of count
    texts given as text_hashes. A pair too common that the filter has no room for gets no entry (a look-up of it
    finds nothing), so no entry lists more than max_df texts."""
    unique, df = np.unique(values, return_counts=True)
    limit = max_df(count)
    order = np.lexsort((unique, -df))  # most frequent first, then by hash
    common = unique[order][df[order] > limit]
    bloom = bloom_of(common[:COMMON_MAX])
    size = len(bloom) * 8
    bits = np.frombuffer(bloom, np.uint8)
    held = np.ones(len(values), bool)
    for bit in _bloom_bits(values, size):
        held &= ((bits[bit >> 3] >> (bit & 7)) & 1).astype(bool)
    rows, values = rows[~held], values[~held]  # looked_up: the pairs left, per text smallest first
    starts = np.searchsorted(rows, rows, side="left")
    rank = np.arange(len(rows)) - starts
    kept = (rank < SKETCH) & (df[np.searchsorted(unique, values)] <= limit)
    entries: dict[int, list[int]] = {}
    for text_id, value in zip(rows[kept].tolist(), values[kept].tolist(), strict=True):
        entries.setdefault(value, []).append(text_id)
    return bloom, entries


def encode_ids(ids: list[int]) -> str:
    """Ascending text ids as base-36 differences joined by commas (decode_ids and sketch.js read them)."""
    return ",".join(_base36(b - a) for a, b in zip([0, *ids], ids, strict=False))


def decode_ids(encoded: str) -> list[int]:
    ids, at = [], 0
    for part in encoded.split(","):
        at += int(part, 36)
        ids.append(at)
    return ids


def draft_index(passages: list[Passage], describe: Callable[[str], list]) -> DraftIndex:
    """The common-pair filter, sketch shards and text files of the library's passages. describe(slug) -> [title,
    address, 文种, 层级, 年代] of a sample. A text found in several passages is one text (its further copies counted)."""
    first: dict[str, int] = {}
    copies: Counter[str] = Counter()
    texts: list[Passage] = []
    for passage in passages:
        key = key_text(passage.text)
        copies[key] += 1
        if key not in first:
            first[key] = len(texts)
            texts.append(passage)
    bloom, entries = sketches(*text_hashes([t.text for t in texts]), len(texts))
    encoded = {value: encode_ids(ids) for value, ids in entries.items()}
    size = sum(len(_base36(h)) + len(e) + 6 for h, e in encoded.items())
    shards = max(1, math.ceil(size / SHARD_BYTES))
    shard_data: list[dict[str, str]] = [{} for _ in range(shards)]
    for value in sorted(encoded):
        shard_data[value % shards][_base36(value)] = encoded[value]
    files: dict[str, object] = {"b": base64.b64encode(bloom).decode("ascii")}
    files.update((f"s{k}", data) for k, data in enumerate(shard_data))
    for start in range(0, len(texts), TEXTS_PER_FILE):
        group = texts[start : start + TEXTS_PER_FILE]
        files[text_file(start)] = {
            "docs": {p.slug: describe(p.slug) for p in group},
            "t": [[p.slug, p.number, p.text, copies[key_text(p.text)] - 1] for p in group],
        }
    scripts = {
        name: f"fanwenkuSimilarFile({json.dumps(name)},{json.dumps(data, ensure_ascii=False, separators=(',', ':'))});\n"
        for name, data in files.items()
    }
    return DraftIndex(scripts, shards, len(texts))


# ---------------------------------------------------------------- the look-up as the page does it


@dataclass
class Lookup:
    found: list[list[dict]]  # per draft paragraph: [{slug, number, text, copies, doc} + score_pairs()]
    fetched: list[str]  # file names, in the order fetched


def lookup(paragraphs: list[str], load: Callable[[str], object], shards: int) -> Lookup:
    """Each draft paragraph's near-copies and similar texts, near-copies first, fetching files with load(name) in the
    page's order: the common-pair filter, the sketch shards of every paragraph's look-ups, the texts found."""
    fetched: list[str] = ["b"]
    bloom = base64.b64decode(load("b"))
    looked = [looked_up(pair_hashes(p), bloom) for p in paragraphs[:MAX_PARAGRAPHS]]
    names = list(dict.fromkeys(shard_name(value, shards) for values in looked for value in values))
    loaded = {name: load(name) for name in names}
    fetched += names
    found = [candidates(values, loaded, shards) for values in looked]
    names = list(dict.fromkeys(text_file(t) for each in found for t, _ in each))
    loaded.update((name, load(name)) for name in names)
    fetched += names
    out = []
    for paragraph, each in zip(paragraphs, found, strict=False):
        entries = []
        for text_id, _ in each:
            data = loaded[text_file(text_id)]
            slug, number, text, copies = data["t"][text_id % TEXTS_PER_FILE]
            entries.append(
                {"slug": slug, "number": number, "text": text, "copies": copies, "doc": data["docs"][slug]}
                | score_pairs(paragraph, text)
            )
        entries.sort(key=lambda e: (not e["near"], -e["shared"] / math.sqrt(e["mine"] * e["theirs"] or 1)))
        out.append(entries)
    return Lookup(out, fetched)
