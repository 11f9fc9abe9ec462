"""The samples already in the target folder, indexed: their slugs, order numbers and texts, to find duplicates
and free names. They are read as the build reads them (macros/sources/catalog.py); one that cannot be read is
named with its file, line and fix, and left out of the index, so a batch never stops on it.

Two texts are the same document when they are equal after Unicode NFKC folding and with all whitespace
removed (the file name, the encoding, line endings and indentation do not matter). A near-duplicate shares
at least NEAR_SHARE of the paragraphs of the shorter of the two (paragraphs of MIN_PARAGRAPH_CHARS or more
characters, at least MIN_SHARED of them): it is imported and reported.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from macros.sources.catalog import Term, load_sample
from macros.sources.errors import SourceError

NEAR_SHARE = 0.9
MIN_PARAGRAPH_CHARS = 8
MIN_SHARED = 3
MAX_SLUG_CHARS = 60
_SPACE = re.compile(r"\s+")


def normalise(text: str) -> str:
    return _SPACE.sub("", unicodedata.normalize("NFKC", text))


def text_key(lines: list[str]) -> str:
    return hashlib.sha256(normalise("".join(lines)).encode("utf-8")).hexdigest()


def paragraph_keys(lines: list[str]) -> frozenset[str]:
    return frozenset(n for n in (normalise(line) for line in lines) if len(n) >= MIN_PARAGRAPH_CHARS)


@dataclass
class Entry:
    slug: str
    title: str
    key: str
    paragraphs: frozenset[str]


@dataclass
class ImportIndex:
    folder: Path
    entries: list[Entry] = field(default_factory=list)
    slugs: set[str] = field(default_factory=set)
    max_order: int = 0
    unreadable: list[SourceError] = field(default_factory=list)  # samples left out: why, where, how to fix
    _by_key: dict[str, Entry] = field(default_factory=dict)
    _by_paragraph: dict[str, list[Entry]] = field(default_factory=dict)

    @classmethod
    def load(cls, folder: Path, vocab: dict[str, list[Term]]) -> ImportIndex:
        """The samples in folder, checked against vocab (a missing folder is an empty index)."""
        index = cls(folder)
        if not folder.is_dir():
            return index
        # Every file name is taken, whatever its content: a new document never overwrites one.
        index.slugs.update(p.stem for p in [*folder.glob("*.yml"), *folder.glob("*.txt")])
        for meta_path in sorted(folder.glob("*.yml")):
            try:
                sample = load_sample(meta_path, vocab)
            except SourceError as error:
                index.unreadable.append(error)
                continue
            index.max_order = max(index.max_order, sample.order)
            lines = [block.text for block in sample.blocks]
            index.add(Entry(sample.slug, sample.title, text_key(lines), paragraph_keys(lines)))
        return index

    def add(self, entry: Entry) -> None:
        self.entries.append(entry)
        self.slugs.add(entry.slug)
        self._by_key.setdefault(entry.key, entry)
        for paragraph in entry.paragraphs:
            self._by_paragraph.setdefault(paragraph, []).append(entry)

    def duplicate_of(self, key: str) -> Entry | None:
        return self._by_key.get(key)

    def near(self, paragraphs: frozenset[str]) -> tuple[Entry, float] | None:
        """The sample sharing the most of these paragraphs, when that is at least NEAR_SHARE of the shorter."""
        shared = Counter(id(e) for p in paragraphs for e in self._by_paragraph.get(p, ()))
        best: tuple[Entry, float] | None = None
        entries = {id(e): e for e in self.entries}
        for entry_id, count in shared.items():
            entry = entries[entry_id]
            shorter = min(len(paragraphs), len(entry.paragraphs))
            share = count / shorter if shorter else 0
            if count >= MIN_SHARED and share >= NEAR_SHARE and (best is None or share > best[1]):
                best = (entry, share)
        return best

    def free_slug(self, base: str) -> str:
        slug, n = base, 2
        while slug in self.slugs:
            slug = f"{base}-{n}"
            n += 1
        return slug


def slug_for(title: str) -> str:
    """A URL name from the title: its pinyin syllables and digits joined by hyphens, at most MAX_SLUG_CHARS."""
    from pypinyin import lazy_pinyin

    words: list[str] = []
    for piece in lazy_pinyin(unicodedata.normalize("NFKC", title), errors="default"):
        words.extend(re.findall(r"[a-z0-9]+", piece.lower()))
    slug = ""
    for word in words:
        candidate = f"{slug}-{word}" if slug else word
        if len(candidate) > MAX_SLUG_CHARS:
            break
        slug = candidate
    return slug or "wengao"
