"""Cut the content-farm seed file into one source text per sample (范文N)."""

from __future__ import annotations

import re
from pathlib import Path

SAMPLE_MARKER = re.compile(r"^招商重点工作思路范文(\d+)$", re.MULTILINE)


def split_seed(seed_text: str) -> dict[int, str]:
    """Map 范文 number -> its text, exactly as in the seed, trimmed of blank lines at both ends.

    Whatever stands before the first marker (the farm's title line and 前言 blurb) is not a sample.
    """
    parts = SAMPLE_MARKER.split(seed_text)
    samples = {}
    for i in range(1, len(parts), 2):
        number = int(parts[i])
        if number in samples:
            raise ValueError(f"范文{number} appears twice in the seed")
        samples[number] = parts[i + 1].strip("\n") + "\n"
    return samples


def source_path(samples_dir: Path, number: int) -> Path:
    return samples_dir / f"fanwen-{number}.txt"


def differences(seed_text: str, samples_dir: Path) -> list[str]:
    """What differs between the seed and the project's copy, one line per sample file."""
    problems = []
    for number, text in split_seed(seed_text).items():
        path = source_path(samples_dir, number)
        if not path.exists():
            problems.append(f"{path}: missing (范文{number} is in the seed)")
        elif path.read_text(encoding="utf-8") != text:
            problems.append(f"{path}: differs from 范文{number} in the seed")
    return problems


def write_sources(seed_text: str, samples_dir: Path) -> list[Path]:
    samples_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for number, text in split_seed(seed_text).items():
        path = source_path(samples_dir, number)
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            written.append(path)
    return written
