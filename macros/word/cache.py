"""Sample .docx files kept between builds: a sample whose text has not changed is not laid out again.

An entry is named by a hash of everything its bytes depend on: the sample's title and blocks (what
downloads.sample_docx reads) and the layout version, a hash of the code in macros/word/ and python-docx's version.
Change a sample, the layout or the library and the name changes, so a stale file is never served; the files a
build did not use are removed at its end, so the folder holds one library's files, not every past one's.
The folder is the project's .cache/docx/ (gitignored); deleting it only makes the next build slower.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Callable
from functools import cache
from importlib.metadata import version
from pathlib import Path

from macros.sources.catalog import Sample

FOLDER = Path(".cache") / "docx"  # under the project root
SUFFIX = ".docx"
WORD_CODE = Path(__file__).parent


@cache
def layout_version() -> str:
    """A hash of the layout code (every file in macros/word/) and of python-docx's version."""
    digest = hashlib.sha256(f"python-docx {version('python-docx')}\n".encode())
    for path in sorted(WORD_CODE.glob("*.py")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def sample_key(sample: Sample) -> str:
    """The name of a sample's entry: its title, its blocks and the layout version, hashed."""
    digest = hashlib.sha256(layout_version().encode())
    digest.update(repr((sample.title, [(b.number, b.text, b.level, b.cells) for b in sample.blocks])).encode())
    return digest.hexdigest()


class DocxCache:
    """get(key, build) returns the cached bytes or builds, stores and returns them; stored(key, build) the same as
    the entry's path (the build copies it from there, holding no file in memory); prune() drops the unused."""

    def __init__(self, root: Path):
        self.folder = Path(root) / FOLDER
        self.used: set[str] = set()
        self.hits = 0
        self.misses = 0

    def get(self, key: str, build: Callable[[], bytes]) -> bytes:
        entry = self.stored(key, build)
        return entry.read_bytes() if isinstance(entry, Path) else entry

    def stored(self, key: str, build: Callable[[], bytes]) -> Path | bytes:
        """The entry's path, built and stored first when missing; its bytes when it cannot be stored."""
        self.used.add(key)
        path = self.folder / f"{key}{SUFFIX}"
        try:
            present = path.stat().st_size > 0
        except OSError:
            present = False
        if present:
            self.hits += 1
            return path
        self.misses += 1
        data = build()
        self._store(path, data)
        return path if path.is_file() else data

    def _store(self, path: Path, data: bytes) -> None:
        """Write to a temporary file and rename: a build stopped halfway never leaves a truncated entry."""
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=self.folder, suffix=".tmp")
            with os.fdopen(fd, "wb") as out:
                out.write(data)
            os.replace(tmp, path)
        except OSError:
            pass  # a read-only checkout still builds, only without the cache

    def prune(self) -> int:
        """Remove the entries (and leftover temporary files) this build did not use; returns how many."""
        removed = 0
        if not self.folder.is_dir():
            return removed
        for path in self.folder.iterdir():
            stale = path.suffix == ".tmp" or (path.suffix == SUFFIX and path.stem not in self.used)
            if stale and path.is_file():
                try:
                    path.unlink()
                    removed += 1
                except OSError:
                    pass
        return removed
