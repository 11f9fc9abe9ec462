"""The sharded exact-search index, build side (README: 搜索, 分片索引): pages with their sections in, files out.

Pure Python, no MkDocs: macros/build/site_search.py feeds it the built pages, scripts/bench_library.py feeds it
generated text directly. The browser side is the worker, docs/assets/search/search.js, which must read what this
writes; its decoders are shards.js beside this module, with this module's constants (tests/twins/ compares them):
- key shards: for every character and every pair of adjacent characters (a "key") of the folded text, the sorted
  numbers of the sections holding it. A key lives in shard fnv1a(key) % count, so the worker fetches only the
  shards of the keys its query has. The lists only narrow the search down: every candidate section is then
  checked for the exact (folded) substring, so results stay exactly right;
- text shards: the sections themselves (title, text, annotation text) in order, fetched only for candidates, with
  the pages they belong to: address, title, kind and 行业/文种/层级 (for the filters and the result's label);
- a manifest: the shards' version, which sections each page and each text shard holds, the filter groups.
Every file is a script, `fanwenkuSearchFile(name, data);`, so the worker loads it with importScripts over http(s)
and from the folder build (file://, where the iframe-worker shim provides importScripts) alike. Names hold a hash of
the content, so a file never changes under its name and browsers may cache it for good: the manifest a hash of its
own, the shards a hash of all shards together. (Adding one sample renumbers the sections after it, which changes
most shards anyway; one hash keeps the manifest from listing thousands of names.)
"""

from __future__ import annotations

import hashlib
import json
import math
import operator
import re
from collections import defaultdict
from dataclasses import dataclass, field

from macros.search.index import fold
from macros.search.sections import Section
from macros.sources.site_map import FACETS

FORMAT = 1  # search.js refuses a manifest of another format
# Character pairs of a query term the worker looks up: enough to narrow, few shards to fetch (term_keys).
KEYS_PER_TERM = 3
KINDS = ("范文", "模板", "常用表述", "其他页面")  # filter values of the kind group, and the order results rank in
KIND_GROUP = "类别"
FOLDER = "search/shards"
# Target sizes before compression (gzip takes Chinese text to about 40%, postings to 40-60%). A query fetches a key
# shard per character pair (up to four per term) and, for its first screen of results, four text shards: smaller
# shards waste fewer bytes per query, more of them make more files. scripts/bench_library.py measures the balance.
KEY_SHARD_BYTES = 8_000
TEXT_SHARD_BYTES = 6_000
# Digits of the number encodings: 64 characters that need no escaping in JSON or JavaScript strings.
ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
_ONE_DIGIT = ALPHABET[:32]
_SPACES = re.compile(r"[ \t\n\r\f]+")  # whitespace to JavaScript and Python alike: a query term never spans it


# ---------------------------------------------------------------- encodings (search.js decodes them)


def encode_numbers(numbers) -> str:
    """Non-negative integers as a string: 5 bits per digit, low bits first; digits 32-63 mean "more follows"."""
    numbers = list(numbers)
    if not numbers or max(numbers) < 32:
        return "".join(map(_ONE_DIGIT.__getitem__, numbers))
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
    first, last = ids[0], ids[-1]
    bitmap = (last - first) // 6 + 1 + 8  # its length, and the first number's
    if bitmap >= len(ids):  # the gaps take at least one digit each: worth writing them to compare
        listed = encode_numbers([first] + [b - a - 1 for a, b in zip(ids, ids[1:], strict=False)])
        if bitmap >= len(listed):
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
    """32-bit FNV-1a over the UTF-16 code units of the key, as shards.js computes it with charCodeAt."""
    value = 0x811C9DC5
    units = key.encode("utf-16-le")
    for i in range(0, len(units), 2):
        value ^= units[i] | units[i + 1] << 8
        value = (value * 0x01000193) & 0xFFFFFFFF
    return value


def term_keys(term: str) -> list[str]:
    """The keys the worker looks a (folded) term up by: the character itself, or up to KEYS_PER_TERM of its
    character pairs spread evenly over it (first and last included)."""
    if len(term) == 1:
        return [term]
    pairs = list(dict.fromkeys(map(operator.add, term, term[1:])))
    if len(pairs) <= KEYS_PER_TERM:
        return pairs
    step = (len(pairs) - 1) / (KEYS_PER_TERM - 1)
    return list(dict.fromkeys(pairs[math.floor(i * step + 0.5)] for i in range(KEYS_PER_TERM)))


def script_constants() -> dict:
    """What shards.js takes from Python instead of retyping it (macros/build/scripts.py writes it in)."""
    return {"FORMAT": FORMAT, "ALPHABET": ALPHABET, "KEYS_PER_TERM": KEYS_PER_TERM}


def keys_of(text: str) -> set[str]:
    """The keys of folded text: every character and every pair of adjacent characters, whitespace left out."""
    keys: set[str] = set()
    for run in _SPACES.split(text):
        keys.update(run)
        keys.update(map(operator.add, run, run[1:]))
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
    groups = [(KIND_GROUP, list(KINDS)), *((group, list(vocab.get(group, []))) for group in FACETS)]

    # Postings; what each page is (kind, and a bit mask of its values per group) for the filters
    postings: defaultdict[str, list[int]] = defaultdict(list)  # one int object per section: cheap to repeat
    about: list[list[int]] = []
    section_id = 0
    for page in pages:
        about.append([KINDS.index(page.kind)])
        for group, values in groups[1:]:
            mask = 0
            for value in page.facets.get(group, []):
                if value not in values:
                    raise ValueError(f"{page.url}: {group} value {value!r} is not in the vocabulary")
                mask |= 1 << values.index(value)
            about[-1].append(mask)
        for section in page.sections:
            keys = keys_of(fold(section.title)) | keys_of(fold(section.text)) | keys_of(fold(section.note))
            for key in keys:
                postings[key].append(section_id)
            section_id += 1

    shards: dict[str, str] = {}  # name -> content, named below once all are known

    # Key shards
    encoded = {key: encode_postings(ids) for key, ids in postings.items()}
    total = sum(len(key.encode("utf-8")) + len(json.dumps(value)) + 4 for key, value in encoded.items())
    key_count = max(1, math.ceil(total / key_shard_bytes))
    buckets: list[dict] = [{} for _ in range(key_count)]
    for key in sorted(encoded):
        buckets[fnv1a(key) % key_count][key] = encoded[key]
    for i, bucket in enumerate(buckets):
        shards[f"k{i}"] = _script(f"k{i}", bucket)

    # Text shards: sections in order; each shard names the pages its sections belong to
    starts: list[int] = []
    records: list[list[str]] = []
    heads: dict[str, list[str]] = {}
    size = 0
    section_id = 0

    def flush() -> None:
        nonlocal records, heads, size
        name = f"t{len(starts) - 1}"
        shards[name] = _script(name, {"p": heads, "s": records})
        records, heads, size = [], {}, 0

    for page_index, page in enumerate(pages):
        for section in page.sections:
            if not records:
                starts.append(section_id)
            fragment = section.location.partition("#")[2]
            records.append(_trimmed([section.title, fragment, section.text, section.note]))
            if str(page_index) not in heads:
                heads[str(page_index)] = [page.url, page.title, *about[page_index]]
            size += len(section.title.encode()) + len(section.text.encode()) + len(section.note.encode()) + 16
            section_id += 1
            if size >= text_shard_bytes:
                flush()
    if records:
        flush()
    text_count = len(starts)

    version = hashlib.sha256("".join(shards[name] for name in sorted(shards)).encode("utf-8")).hexdigest()[:10]
    files = {f"{FOLDER}/{name}.{version}.js": content for name, content in shards.items()}
    manifest = {
        "format": FORMAT,
        "version": version,
        "sections": section_id,
        "keys": key_count,
        "texts": text_count,
        "textStarts": encode_numbers([b - a for a, b in zip([0, *starts], starts, strict=False)]),
        "pages": encode_numbers(len(page.sections) for page in pages),
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
        "text_shards": text_count,
        "bytes": sum(len(c.encode("utf-8")) for c in files.values()),
    }
    return SearchFiles(files, manifest_path, stats)
