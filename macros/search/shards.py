"""The sharded exact-search index, build side (docs/weihu/sousuo.md, 分片索引): pages with their sections in, files out.

Pure Python, no MkDocs: macros/build/site_search.py feeds it the built pages, scripts/bench_library.py feeds it
generated text directly. The browser side is the worker, docs/assets/search/search.js, which must read what this
writes; its decoders are shards.js beside this module, with this module's constants (tests/twins/ compares them).

A "key" is a character or a pair of adjacent characters of folded text (index.py `fold`); pages are numbered in the
order given (the order results fall back to) and a page's sections from 0. Files:
- postings: for every key, the sections holding it, page by page, with how often it occurs in the section's title,
  text and annotation text, and for a pair of characters also where (positions in each field). A query term is
  confirmed from these alone: it occurs at position p when the pairs covering it (term_keys) sit at p plus their
  offsets, so results and counts are exact without the sections' text. A key whose postings are short lives in
  the key shard fnv1a(key) % count ("k<n>"); a longer one is cut at page boundaries into files of about
  CHUNK_BYTES ("c<file>-<i>"), and its key shard entry says which page each file starts at, so a query fetches
  only the parts covering the pages it still needs: the first screen the first ones, a rare key's pages only;
- page table ("p<n>", PAGE_SHARD pages each): each page's kind, its 行业/文种/层级 as bit masks, and where its text
  is cut, for the filters and the ranking of every result without any text;
- text ("t<page>", "t<page>-<part>"): the page's address and title and its sections (title, fragment, text,
  annotation text), cut at section boundaries into parts of about TEXT_PART_BYTES: fetched only for the results
  drawn on screen;
- a manifest: the format, the files' version, the number of key shards and pages, the filter groups. Its size does
  not depend on the library's (every other lookup is by number: a page's table file is page // PAGE_SHARD).
Every file is a script, `fanwenkuSearchFile(name, data);`, so the worker loads it with importScripts over http(s)
and from the folder build (file://, where the iframe-worker shim provides importScripts) alike. Names hold a hash of
the content, so a file never changes under its name and browsers may cache it for good: the manifest a hash of its
own, the other files one hash of all of them (one name for the manifest to know).

The postings keep each section's keys with their counts, which is what a later similarity search over the same
keys needs too (positions_of gives them for any text).
"""

from __future__ import annotations

import hashlib
import json
import math
import operator
import re
from array import array
from collections import defaultdict
from dataclasses import dataclass, field

from macros.search.index import fold
from macros.search.sections import Section
from macros.sources.site_map import FACETS

FORMAT = 2  # search.js refuses a manifest of another format
KINDS = ("范文", "模板", "常用表述", "其他页面")  # filter values of the kind group, and the order results rank in
KIND_GROUP = "类别"
FOLDER = "search/shards"
# Target sizes before compression (gzip takes Chinese text to about 40%, postings to about 70%). The first screen
# of a query fetches a key shard per key, the first part of each long key's postings and the text of ten pages:
# smaller files waste fewer bytes per query, more of them make more files. scripts/bench_library.py measures it.
KEY_SHARD_BYTES = 8_000
CHUNK_BYTES = 6_000  # a part of a long key's postings
INLINE_BYTES = 1_500  # postings up to this long stay in the key shard
TEXT_PART_BYTES = 6_000
PAGE_SHARD = 256  # pages per page-table file
MASKS = len(FACETS)  # bit masks per page in the page table: 行业, 文种, 层级
# Digits of the number encodings: 64 characters that need no escaping in JSON or JavaScript strings.
ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
_RUNS = re.compile(r"[^ \t\n\r\f]+")  # text between whitespace (to JavaScript and Python alike): a term never spans it


# ---------------------------------------------------------------- numbers (shards.js decodes them)


def _encode_one(number: int) -> str:
    out = []
    while number >= 32:
        out.append(ALPHABET[32 + (number & 31)])
        number >>= 5
    out.append(ALPHABET[number])
    return "".join(out)


_ENCODED = [_encode_one(n) for n in range(1 << 15)]  # numbers below 32768 by table: most of an index's


def encode_numbers(numbers) -> str:
    """Non-negative integers as a string: 5 bits per digit, low bits first; digits 32-63 mean "more follows"."""
    try:
        return "".join(map(_ENCODED.__getitem__, numbers))
    except IndexError:
        return "".join(_ENCODED[n] if n < 32768 else _encode_one(n) for n in numbers)


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


def encode_gaps(numbers) -> str:
    """Ascending integers as the first, then each one's step from the one before."""
    numbers = list(numbers)
    return encode_numbers([b - a for a, b in zip([0, *numbers], numbers, strict=False)])


def decode_gaps(text: str) -> list[int]:
    out, at = [], 0
    for step in decode_numbers(text):
        at += step
        out.append(at)
    return out


# ---------------------------------------------------------------- keys and postings


def fnv1a(key: str) -> int:
    """32-bit FNV-1a over the UTF-16 code units of the key, as shards.js computes it with charCodeAt."""
    value = 0x811C9DC5
    units = key.encode("utf-16-le")
    for i in range(0, len(units), 2):
        value ^= units[i] | units[i + 1] << 8
        value = (value * 0x01000193) & 0xFFFFFFFF
    return value


def term_keys(term: str) -> list[list]:
    """The keys a (folded) query term is confirmed by, each with its offset in the term: the character itself, or
    pairs of characters covering every character of the term (at offsets 0, 2, 4, ... and the last pair)."""
    chars = list(term)
    if len(chars) == 1:
        return [[term, 0]]
    offsets = sorted({*range(0, len(chars) - 1, 2), len(chars) - 2})
    return [[chars[i] + chars[i + 1], i] for i in offsets]


def script_constants() -> dict:
    """What shards.js takes from Python instead of retyping it (macros/build/scripts.py writes it in)."""
    return {"FORMAT": FORMAT, "ALPHABET": ALPHABET, "PAGE_SHARD": PAGE_SHARD, "MASKS": MASKS}


def keys_of(text: str) -> set[str]:
    """The keys of folded text: every character and every pair of adjacent characters, whitespace left out."""
    keys: set[str] = set()
    for run in _RUNS.findall(text):
        keys.update(run)
        keys.update(map(operator.add, run, run[1:]))
    return keys


def positions_of(text: str) -> dict[str, list[int]]:
    """Each key of folded text with where it starts (in characters): every character and every pair of adjacent
    characters, whitespace left out."""
    found: defaultdict[str, list[int]] = defaultdict(list)
    for match in _RUNS.finditer(text):
        run, start = match.group(), match.start()
        for offset, char in enumerate(run, start):
            found[char].append(offset)
        for offset, pair in enumerate(map(operator.add, run, run[1:]), start):
            found[pair].append(offset)
    return found


def page_text(sections: list[Section]) -> tuple[str, list[int]]:
    """A page's folded text as the postings count positions in it: each section's title, text and annotation text
    in turn, each followed by a line break (which no key spans); and the length of each of these fields."""
    fields = [fold(value) for s in sections for value in (s.title, s.text, s.note)]
    return "\n".join(fields), [len(value) for value in fields]


def _step(a: int, b: int) -> int:
    return b - a - 1


def encode_postings(entries) -> str:
    """(page, positions) pairs, pages and positions ascending, as a key's postings (what build_index writes)."""
    numbers, last = [], -1
    for page, at in entries:
        numbers += [page - last - 1, len(at) - 1, at[0], *map(_step, at, at[1:])]
        last = page
    return encode_numbers(numbers)


def decode_postings(text: str) -> list[tuple[int, list[int]]]:
    """(page, positions) for each page of encoded postings."""
    numbers = decode_numbers(text)
    out, i, page = [], 0, -1
    while i < len(numbers):
        page += numbers[i] + 1
        count, at = numbers[i + 1] + 1, numbers[i + 2]
        positions = [at]
        for step in numbers[i + 3 : i + 2 + count]:
            at += step + 1
            positions.append(at)
        out.append((page, positions))
        i += 2 + count
    return out


def encode_page_table(rows: list[dict]) -> str:
    """Page-table rows {kind, masks, lengths, parts} as a page-table file's numbers: per page its kind, its MASKS
    masks, its number of sections, its fields' lengths (three per section), its text's parts minus one and where
    each further part starts (its step from the one before)."""
    numbers = []
    for row in rows:
        numbers += [row["kind"], *row["masks"], len(row["lengths"]) // 3, *row["lengths"], len(row["parts"]) - 1]
        numbers += [b - a for a, b in zip(row["parts"], row["parts"][1:], strict=False)]
    return encode_numbers(numbers)


def decode_page_table(text: str) -> list[dict]:
    """The rows of a page-table file: kind, masks, the lengths of the sections' fields, where each text part starts."""
    numbers = decode_numbers(text)
    rows, i = [], 0
    while i < len(numbers):
        kind, masks, sections = numbers[i], numbers[i + 1 : i + 1 + MASKS], numbers[i + 1 + MASKS]
        i += 2 + MASKS
        lengths = numbers[i : i + 3 * sections]
        i += 3 * sections
        parts = [0]
        for step in numbers[i + 1 : i + 1 + numbers[i]]:
            parts.append(parts[-1] + step)
        i += 1 + numbers[i]
        rows.append({"kind": kind, "masks": masks, "lengths": lengths, "parts": parts})
    return rows


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


class _Postings:
    """Every key's postings as the pages come in order: numbers of the current part, and the parts already cut."""

    def __init__(self, chunk_bytes: int):
        self.chunk_bytes = chunk_bytes
        self.open: dict[str, array] = {}  # key -> numbers of its part being written (32-bit: positions, steps)
        self.last: dict[str, int] = {}  # key -> the last page in that part (-1 in a new part)
        self.starts: dict[str, list[int]] = {}  # key -> the first page of each part
        self.parts: dict[str, list[str]] = {}  # key -> its parts cut so far, encoded

    def add_page(self, page: int, text: str) -> None:
        """Add page number `page`, its text as page_text gives it: for each of its keys, the page's step from the
        key's page before (minus one), its number of positions (minus one), the first position, then each one's
        step from the one before (minus one); as encode_postings writes them, inlined here, where most of an
        index's time goes."""
        opened, last, limit = self.open, self.last, self.chunk_bytes / 1.4
        for key, at in positions_of(text).items():
            part = opened.get(key)
            if part is None:
                part = opened[key] = array("i")
                last[key] = -1
                self.starts.setdefault(key, []).append(page)
            part.extend((page - last[key] - 1, len(at) - 1, at[0]))
            if len(at) > 1:
                part.extend([b - a - 1 for a, b in zip(at, at[1:], strict=False)])
            last[key] = page
            # A part is cut once it holds about CHUNK_BYTES (most numbers take one digit or two)
            if len(part) >= limit:
                self._cut(key)

    def _cut(self, key: str) -> None:
        self.parts.setdefault(key, []).append(encode_numbers(self.open.pop(key)))

    def finish(self) -> None:
        for key in list(self.open):
            self._cut(key)


def build_index(
    pages: list[Page],
    vocab: dict[str, list[str]],
    key_shard_bytes: int = KEY_SHARD_BYTES,
    chunk_bytes: int = CHUNK_BYTES,
    text_part_bytes: int = TEXT_PART_BYTES,
    inline_bytes: int = INLINE_BYTES,
) -> SearchFiles:
    """The index files for these pages, in this order (the order results fall back to). vocab: 行业/文种/层级 values."""
    unknown = sorted({p.kind for p in pages} - set(KINDS))
    if unknown:
        raise ValueError(f"unknown page kinds {unknown}: use one of {KINDS}")
    groups = [(KIND_GROUP, list(KINDS)), *((group, list(vocab.get(group, []))) for group in FACETS)]
    files: dict[str, str] = {}  # name -> content, named with the version once all are known
    postings = _Postings(chunk_bytes)
    table: list[dict] = []  # per page: kind, a bit mask per 行业/文种/层级, its fields' lengths, its text's parts
    sections_total = 0
    for number, page in enumerate(pages):
        masks = []
        for group, values in groups[1:]:
            mask = 0
            for value in page.facets.get(group, []):
                if value not in values:
                    raise ValueError(f"{page.url}: {group} value {value!r} is not in the vocabulary")
                mask |= 1 << values.index(value)
            masks.append(mask)
        # Postings: every key's positions in the page's text; the fields' lengths place them
        text, lengths = page_text(page.sections)
        postings.add_page(number, text)
        # Text, cut at section boundaries
        starts, records, size = [0], [], 0
        for index, section in enumerate(page.sections):
            weight = len(section.title.encode()) + len(section.text.encode()) + len(section.note.encode()) + 16
            if records and size + weight > text_part_bytes:
                _text_part(files, number, len(starts) - 1, page, starts[-1], records)
                starts.append(index)
                records, size = [], 0
            records.append(_trimmed([section.title, section.location.partition("#")[2], section.text, section.note]))
            size += weight
        _text_part(files, number, len(starts) - 1, page, starts[-1], records)
        table.append({"kind": KINDS.index(page.kind), "masks": masks, "lengths": lengths, "parts": starts})
        sections_total += len(page.sections)
    postings.finish()

    # Keys: short postings inline in their key shard; longer ones in files of their own, named in the shard
    inline: dict[str, str | list] = {}
    long_keys = 0
    for key in sorted(postings.parts):
        parts = postings.parts[key]
        if len(parts) == 1 and len(parts[0]) <= inline_bytes:
            inline[key] = parts[0]
            continue
        for i, part in enumerate(parts):
            files[f"c{long_keys}-{i}"] = _script(f"c{long_keys}-{i}", part)
        inline[key] = [long_keys, encode_gaps(postings.starts[key])]
        long_keys += 1
    total = sum(len(key.encode("utf-8")) + len(json.dumps(value)) + 4 for key, value in inline.items())
    key_count = max(1, math.ceil(total / key_shard_bytes))
    buckets: list[dict] = [{} for _ in range(key_count)]
    for key, value in inline.items():
        buckets[fnv1a(key) % key_count][key] = value
    for i, bucket in enumerate(buckets):
        files[f"k{i}"] = _script(f"k{i}", bucket)
    for i in range(0, len(table), PAGE_SHARD):
        files[f"p{i // PAGE_SHARD}"] = _script(f"p{i // PAGE_SHARD}", encode_page_table(table[i : i + PAGE_SHARD]))

    version = hashlib.sha256("".join(files[name] for name in sorted(files)).encode("utf-8")).hexdigest()[:10]
    out = {f"{FOLDER}/{name}.{version}.js": content for name, content in files.items()}
    manifest = {"format": FORMAT, "version": version, "keys": key_count, "pages": len(pages), "groups": groups}
    content = _script("manifest", manifest)
    manifest_path = f"{FOLDER}/manifest.{_digest(content, 10)}.js"
    out[manifest_path] = content
    stats = {
        "pages": len(pages),
        "sections": sections_total,
        "keys": len(postings.parts),
        "key_shards": key_count,
        "long_keys": long_keys,
        "chunks": sum(1 for name in files if name.startswith("c")),
        "bytes": sum(len(c.encode("utf-8")) for c in out.values()),
    }
    return SearchFiles(out, manifest_path, stats)


def _text_part(files: dict, number: int, part: int, page: Page, first: int, records: list[list[str]]) -> None:
    """A part of a page's text: its address, its title, the number of its first section and the sections."""
    name = f"t{number}" if part == 0 else f"t{number}-{part}"
    files[name] = _script(name, {"u": page.url, "h": page.title, "o": first, "s": records})
