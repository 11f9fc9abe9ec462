"""A copy of templates_src/ in a temporary folder, loaded in-process the way a build loads it.

Bad-input tests change one file of the copy and load it as the build does, in one step (load_library).
"""

from __future__ import annotations

import shutil
from pathlib import Path

from conftest import ROOT

SAMPLE_TEXT = "templates_src/samples/fanwen-2.txt"
SAMPLE_META = "templates_src/samples/fanwen-2.yml"
TEMPLATE = "templates_src/templates/xiangzhen-nongye-yaodian.md"
ANNOTATIONS = "templates_src/annotations/fanwen-2.yml"
PHRASES = "templates_src/phrases/tuijin.yml"
VOCAB = "templates_src/vocab.yml"


def copy_library(dest: Path) -> Path:
    """A project root holding a copy of templates_src/ (all that the loaders read)."""
    shutil.copytree(ROOT / "templates_src", dest / "templates_src")
    return dest


def replace(root: Path, rel: str, old: str, new: str) -> None:
    path = root / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {rel}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_of(root: Path, rel: str, needle: str) -> int:
    """The 1-based line of the first "\\n"-separated line of a file containing needle."""
    lines = (root / rel).read_bytes().decode("utf-8").split("\n")
    return next(i for i, line in enumerate(lines, start=1) if needle in line)
