"""同类写法 in the built site: the data a sample page fetches when a reader opens a paragraph's similar passages.

Neighbours are computed once per build (macros/similar/neighbours.py), or taken from .cache/similar/ when the
library's paragraphs and the method are unchanged. A sample page's data is split into parts of CHUNK paragraphs,
each a script `fanwenkuSimilarFile(name, data);` (a script, so it loads from file:// too) under
similar/<version>/<slug>-<k>.js: a click fetches one part, whatever the library's size (each neighbour's text cut at
MAX_TEXT characters). The version is a hash of all the data, so a redeployed site never mixes parts of two builds.
The 体检 page's look-up of a whole draft has its own files under similar/<version>/draft/ (macros/similar/sketch.py).

A part: {"docs": {slug: [title, page address from the site root, 文种, 层级, 年代]}, "texts": [neighbour texts],
"p": {paragraph number: [[doc slug, paragraph number, text index, score, near-copy, identical, copies], ...]},
"notKey": pattern of the characters not compared}. docs/assets/similar.js draws it, marking the wording a
neighbour shares with the paragraph (pairs of compared characters both have).
"""

from __future__ import annotations

import hashlib
import html
import json
from dataclasses import dataclass, field
from pathlib import Path

from macros.similar.neighbours import (
    MAX_DF_SHARE,
    MAX_MAX_DF,
    MIN_MAX_DF,
    NEAR_COPY,
    NEIGHBOURS,
    NOT_KEY,
    Neighbour,
    neighbours,
)
from macros.similar.passages import MIN_CHARS, Passage, library_passages
from macros.similar.sketch import FOLDER as DRAFT_FOLDER
from macros.similar.sketch import draft_index
from macros.sources.site_map import SAMPLE_PAGES

FOLDER = "similar"
CHUNK = 8  # paragraphs a part holds: a click fetches at most CHUNK × NEIGHBOURS texts
MAX_TEXT = 300  # characters of a neighbour's text shown
MIN_SCORE = 0.1  # below this a paragraph shares little more than the language with another: not listed
# Everything the neighbours depend on besides the texts: a change of method invalidates the cache.
METHOD = json.dumps(
    [NEIGHBOURS, NEAR_COPY, MAX_DF_SHARE, MIN_MAX_DF, MAX_MAX_DF, NOT_KEY.pattern, MIN_CHARS, MIN_SCORE, 1]
)


@dataclass
class SimilarFiles:
    files: dict[str, str] = field(default_factory=dict)  # path under the site root -> script
    version: str = ""
    listed: dict[str, list[int]] = field(default_factory=dict)  # slug -> paragraphs with a neighbour to show
    draft_shards: int = 1  # sketch shards of the draft look-up (macros/similar/sketch.py)

    def draft_folder(self) -> str:
        """Where the 体检 page finds the draft look-up's files."""
        return f"{FOLDER}/{self.version}/{DRAFT_FOLDER}/"

    def first_part(self, slug: str) -> str:
        """The path of a sample's first part; part k is the same with -k."""
        return f"{FOLDER}/{self.version}/{slug}-0.js"


def page_address(slug: str, use_directory_urls: bool) -> str:
    return f"{SAMPLE_PAGES}/{slug}/" if use_directory_urls else f"{SAMPLE_PAGES}/{slug}.html"


def cached_neighbours(passages: list[Passage], cache: Path | None) -> list[list[Neighbour]]:
    """neighbours(passages), from cache/<key>.json when the texts and the method are the ones it was made for."""
    key = hashlib.sha256(
        (METHOD + "\0".join(f"{p.slug}\0{p.number}\0{p.text}" for p in passages)).encode("utf-8")
    ).hexdigest()[:20]
    path = cache / f"{key}.json" if cache else None
    if path and path.is_file():
        try:
            return [[Neighbour(*entry) for entry in row] for row in json.loads(path.read_text(encoding="utf-8"))]
        except (ValueError, TypeError):
            pass  # a damaged cache is made again
    found = neighbours(passages)
    if path:
        path.parent.mkdir(parents=True, exist_ok=True)
        for old in path.parent.glob("*.json"):  # one library, one entry
            old.unlink(missing_ok=True)
        temp = path.with_suffix(".part")
        temp.write_text(json.dumps([[list(n.__dict__.values()) for n in row] for row in found]), encoding="utf-8")
        temp.replace(path)
    return found


def similar_files(library, use_directory_urls: bool, cache: Path | None = None) -> SimilarFiles:
    passages = library_passages(library.samples)
    found = cached_neighbours(passages, cache)
    samples = {s.slug: s for s in library.samples}

    def describe(slug: str) -> list:
        """A sample as a similar passage names it: title, page address from the site root, 文种, 层级, 年代."""
        sample = samples[slug]
        return [
            sample.title,
            page_address(slug, use_directory_urls),
            "、".join(sample.facets["文种"]),
            "、".join(sample.facets["层级"]),
            sample.era,
        ]

    parts: dict[str, dict] = {}
    listed: dict[str, list[int]] = {s.slug: [] for s in library.samples}
    for sample in library.samples:  # every part of every page exists, also one with no paragraph to compare
        for k in range((len(sample.blocks) + CHUNK - 1) // CHUNK):
            parts[f"{sample.slug}-{k}"] = {"docs": {}, "texts": [], "p": {}, "notKey": NOT_KEY.pattern}
    for passage, mine in zip(passages, found, strict=True):
        name = f"{passage.slug}-{(passage.number - 1) // CHUNK}"
        part = parts[name]
        entries = []
        for n in mine:
            if n.score < MIN_SCORE:
                continue
            other = passages[n.passage]
            if other.slug not in part["docs"]:
                part["docs"][other.slug] = describe(other.slug)
            text = other.text if len(other.text) <= MAX_TEXT else other.text[:MAX_TEXT] + "…"
            part["texts"].append(text)
            entries.append([other.slug, other.number, len(part["texts"]) - 1, n.score, n.near, n.identical, n.copies])
        part["p"][str(passage.number)] = entries
        if entries:
            listed[passage.slug].append(passage.number)
    scripts = {
        name: f"fanwenkuSimilarFile({json.dumps(name)},{json.dumps(part, ensure_ascii=False, separators=(',', ':'))});\n"
        for name, part in sorted(parts.items())
    }
    draft = draft_index(passages, describe)
    scripts.update((f"{DRAFT_FOLDER}/{name}", script) for name, script in draft.files.items())
    version = hashlib.sha256("".join(scripts.values()).encode("utf-8")).hexdigest()[:10]
    files = {f"{FOLDER}/{version}/{name}.js": script for name, script in scripts.items()}
    return SimilarFiles(files, version, listed, draft.shards)


def number_ranges(numbers: list[int]) -> str:
    """Ascending paragraph numbers written short: [2, 4, 5, 6, 9] -> "2,4-6,9"."""
    runs: list[list[int]] = []
    for n in numbers:
        if runs and n == runs[-1][1] + 1:
            runs[-1][1] = n
        else:
            runs.append([n, n])
    return ",".join(str(a) if a == b else f"{a}-{b}" for a, b in runs)


def similar_holder(first_part_href: str, listed: list[int]) -> str:
    """What a sample page carries for docs/assets/similar.js: where its first part is, how parts are cut, and which
    of its paragraphs have similar passages to show, so only those get a button (no neighbours: the page's size
    grows with its own length, never with the library)."""
    return (
        f'<div class="fw-similar-data" hidden data-search-exclude data-fw-similar="{html.escape(first_part_href)}" '
        f'data-fw-similar-chunk="{CHUNK}" data-fw-similar-listed="{number_ranges(listed)}"></div>'
    )


def similar_draft_holder(folder_href: str, shards: int) -> str:
    """What the 体检 page carries for docs/assets/checker/similar-draft.js: where the draft look-up's files are and
    how many sketch shards there are (a fixed size, whatever the library's)."""
    return (
        f'<div class="fw-similar-draft" hidden data-search-exclude data-fw-similar-draft="{html.escape(folder_href)}" '
        f'data-fw-similar-shards="{shards}"></div>'
    )
