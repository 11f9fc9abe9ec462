"""The sharded exact-search index, build side (README: 搜索, 分片索引): pages with their sections in, files out.

Pure Python, no MkDocs: macros/build/search_hooks.py feeds it the built pages, scripts/bench_library.py feeds it
generated text directly. The browser side is docs/assets/search/search.js, which must read what this writes:
- key shards: for every character and every pair of adjacent characters (a "key") of the folded text, the sorted
  numbers of the sections holding it. A key lives in shard fnv1a(key) % count, so the worker fetches only the
  shards of the keys its query has. The lists only narrow the search down: every candidate section is then
  checked for the exact (folded) substring, so results stay exactly right;
- text shards: the sections themselves (title, text, annotation text) in order, fetched only for candidates;
- a manifest: the shard names, which sections each page and each text shard holds, and each page's kind and
  行业/文种/层级 for the filters.
Every file is a script, `fanwenkuSearchFile(name, data);`, so the worker loads it with importScripts over http(s)
and from the folder build (file://, where the iframe-worker shim provides importScripts) alike. Names hold a hash of
the content, so a file never changes under its name and browsers may cache it for good.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
from array import array
from dataclasses import dataclass, field

from macros.search.index import fold
from macros.search.sections import Section

FORMAT = 1  # search.js refuses a manifest of another format
KINDS = ("范文", "模板", "常用表述", "其他页面")  # filter values of the kind group, and the order results rank in
KIND_GROUP = "类别"
FACET_GROUPS = ("行业", "文种", "层级")
FOLDER = "search/shards"
KEY_SHARD_BYTES = 24_000  # target size of a key shard before compression
TEXT_SHARD_BYTES = 24_000  # target size of a text shard before compression
# Digits of the number encodings: 64 characters that need no escaping in JSON or JavaScript strings.
ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
_ONE_DIGIT = ALPHABET[:32]
_SPACES = re.compile(r"[ \t\n\r\f]+")  # whitespace to JavaScript and Python alike: a query term never spans it


# ---------------------------------------------------------------- encodings (search.js decodes them)


def encode_numbers(numbers) -> str:
    """Non-negative integers as a string: 5 bits per digit, low bits first; digits 32-63 mean "more follows"."""
    out = []
    for number in numbers:
        if number < 32:
            out.append(_ONE_DIGIT[number])
            continue
        while number >= 32:
            out.append(ALPHABET[32 + (number & 31)])
            number >>= 5
        out.append(ALPHABET[number])
    return "".join(out)


def decode_numbers(text: str) -> list[int]:
    numbers, value, shift = [], 0, 0
    for char in text:
        digit = ALPHABET.index(char)
        value |= (digit & 31) << shift
        if digit >= 32:
            shift += 5
        else:
            numbers.append(value)
            value, shift = 0, 0
    return numbers


def encode_postings(ids) -> str | list:
    """Sorted section numbers, whichever is shorter: gaps as numbers ("ids[0], then each step minus one"), or for
    dense lists [first, bitmap] with 6 bits per digit (bit k of digit j: section first + 6j + k)."""
    gaps = [ids[0]] + [b - a - 1 for a, b in zip(ids, ids[1:], strict=False)]
    listed = encode_numbers(gaps)
    first, last = ids[0], ids[-1]
    if (last - first) // 6 + 1 + 8 >= len(listed):
        return listed
    bits = bytearray((last - first) // 6 + 1)
    for section in ids:
        offset = section - first
        bits[offset // 6] |= 1 << (offset % 6)
    return [first, bits.decode("latin-1").translate(_BITMAP_DIGITS)]


_BITMAP_DIGITS = {i: ALPHABET[i] for i in range(64)}


def decode_postings(value) -> list[int]:
    if isinstance(value, str):
        ids, at = [], -1
        for gap in decode_numbers(value):
            at += gap + 1
            ids.append(at)
        return ids
    first, digits = value
    return [first + 6 * j + k for j, char in enumerate(digits) for k in range(6) if ALPHABET.index(char) >> k & 1]


def fnv1a(key: str) -> int:
    """32-bit FNV-1a over the UTF-16 code units of the key, as search.js computes it with charCodeAt."""
    value = 0x811C9DC5
    units = key.encode("utf-16-le")
    for i in range(0, len(units), 2):
        value ^= units[i] | units[i + 1] << 8
        value = (value * 0x01000193) & 0xFFFFFFFF
    return value


def keys_of(text: str) -> set[str]:
    """The keys of folded text: every character and every pair of adjacent characters, whitespace left out."""
    keys: set[str] = set()
    for run in _SPACES.split(text):
        keys.update(run)
        keys.update(run[i : i + 2] for i in range(len(run) - 1))
    return keys


# ---------------------------------------------------------------- input and output


@dataclass
class Page:
    """A page as search lists it. kind is one of KINDS; facets maps 行业/文种/层级 to values (empty for most pages)."""

    url: str
    title: str
    kind: str
    sections: list[Section]
    facets: dict[str, list[str]] = field(default_factory=dict)


@dataclass
class SearchFiles:
    files: dict[str, str]  # path under the site root -> content
    manifest: str  # path of the manifest under the site root
    stats: dict[str, int]


def _script(name: str, data) -> str:
    return f"fanwenkuSearchFile({json.dumps(name)},{json.dumps(data, ensure_ascii=False, separators=(',', ':'))});\n"


def _digest(content: str, length: int) -> str:
    return hashlib.sha256(content.encode("utf-8")).hexdigest()[:length]


def _trimmed(record: list[str]) -> list[str]:
    while record and record[-1] == "":
        record.pop()
    return record


def build_index(
    pages: list[Page],
    vocab: dict[str, list[str]],
    key_shard_bytes: int = KEY_SHARD_BYTES,
    text_shard_bytes: int = TEXT_SHARD_BYTES,
) -> SearchFiles:
    """The index files for these pages, in this order (the order results fall back to). vocab: 行业/文种/层级 values."""
    unknown = sorted({p.kind for p in pages} - set(KINDS))
    if unknown:
        raise ValueError(f"unknown page kinds {unknown}: use one of {KINDS}")
    groups = [(KIND_GROUP, list(KINDS)), *((group, list(vocab.get(group, []))) for group in FACET_GROUPS)]

    # Postings, and the per-page table the filters read
    postings: dict[str, array] = {}
    table: list[int] = []
    section_id = 0
    for page in pages:
        table += [len(page.sections), KINDS.index(page.kind)]
        for group, values in groups[1:]:
            mask = 0
            for value in page.facets.get(group, []):
                if value not in values:
                    raise ValueError(f"{page.url}: {group} value {value!r} is not in the vocabulary")
                mask |= 1 << values.index(value)
            table.append(mask)
        for section in page.sections:
            keys = keys_of(fold(section.title)) | keys_of(fold(section.text)) | keys_of(fold(section.note))
            for key in keys:
                listed = postings.get(key)
                if listed is None:
                    postings[key] = listed = array("I")
                listed.append(section_id)
            section_id += 1

    files: dict[str, str] = {}

    # Key shards
    encoded = {key: encode_postings(ids) for key, ids in postings.items()}
    total = sum(len(key.encode("utf-8")) + len(json.dumps(value)) + 4 for key, value in encoded.items())
    key_count = max(1, math.ceil(total / key_shard_bytes))
    shards: list[dict] = [{} for _ in range(key_count)]
    for key in sorted(encoded):
        shards[fnv1a(key) % key_count][key] = encoded[key]
    key_hashes = []
    for i, shard in enumerate(shards):
        content = _script(f"k{i}", shard)
        digest = _digest(content, 6)
        key_hashes.append(digest)
        files[f"{FOLDER}/k{i}.{digest}.js"] = content

    # Text shards: sections in order; each shard names the pages its sections belong to
    text_hashes, starts = [], []
    records: list[list[str]] = []
    heads: dict[str, list[str]] = {}
    size = 0
    section_id = 0

    def flush() -> None:
        nonlocal records, heads, size
        content = _script(f"t{len(text_hashes)}", {"p": heads, "s": records})
        digest = _digest(content, 6)
        files[f"{FOLDER}/t{len(text_hashes)}.{digest}.js"] = content
        text_hashes.append(digest)
        records, heads, size = [], {}, 0

    for page_index, page in enumerate(pages):
        for section in page.sections:
            if not records:
                starts.append(section_id)
            fragment = section.location.partition("#")[2]
            records.append(_trimmed([section.title, fragment, section.text, section.note]))
            if str(page_index) not in heads:
                heads[str(page_index)] = [page.url, page.title]
            size += len(section.title.encode()) + len(section.text.encode()) + len(section.note.encode()) + 16
            section_id += 1
            if size >= text_shard_bytes:
                flush()
    if records or not text_hashes:
        flush()

    manifest = {
        "format": FORMAT,
        "sections": section_id,
        "keys": key_hashes,
        "texts": text_hashes,
        "textStarts": encode_numbers([b - a for a, b in zip([0, *starts], starts, strict=False)]),
        "pages": encode_numbers(table),
        "groups": groups,
    }
    content = _script("manifest", manifest)
    manifest_path = f"{FOLDER}/manifest.{_digest(content, 10)}.js"
    files[manifest_path] = content
    stats = {
        "pages": len(pages),
        "sections": section_id,
        "keys": len(postings),
        "key_shards": key_count,
        "text_shards": len(text_hashes),
        "bytes": sum(len(c.encode("utf-8")) for c in files.values()),
    }
    return SearchFiles(files, manifest_path, stats)
