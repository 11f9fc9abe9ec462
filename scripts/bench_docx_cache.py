"""How long the build spends on sample Word files: laid out every time, through an empty cache, from a full one.

    .venv/bin/python scripts/bench_docx_cache.py [--samples 500]

Uses a generated library (macros/harness/generated_library.py) in a temporary copy of templates_src/ and a temporary cache
folder, so the project's own .cache/ is left alone. Prints milliseconds per file and the whole library's seconds.
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import time
from pathlib import Path

from macros.harness.generated_library import grow_library
from macros.harness.project import ROOT
from macros.sources.library import load_library
from macros.word import layout
from macros.word.cache import DocxCache, sample_key
from macros.word.downloads import sample_docx


def timed(action) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--samples", type=int, default=500, help="library size (default 500)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="fanwenku-docx-") as tmp:
        project = Path(tmp)
        shutil.copytree(ROOT / "templates_src", project / "templates_src")
        grow_library(project, args.samples)
        samples = load_library(project, parts=("samples",)).samples
        n = len(samples)

        # What every file paid before the restyled empty document was kept per process: python-docx's default
        # template opened and restyled (layout._blank_document's work), on top of what a file costs now.
        restyle = timed(lambda: [layout._blank_document.__wrapped__() for _ in range(20)]) / 20
        layout._blank_document()  # made once, as in a build
        build = timed(lambda: [sample_docx(s) for s in samples])
        cold_cache = DocxCache(project)
        cold = timed(lambda: [cold_cache.get(sample_key(s), lambda s=s: sample_docx(s)) for s in samples])
        warm_cache = DocxCache(project)
        warm = timed(lambda: [warm_cache.get(sample_key(s), lambda s=s: sample_docx(s)) for s in samples])
        assert warm_cache.hits == n and warm_cache.misses == 0, (warm_cache.hits, warm_cache.misses)

    rows = [
        ("laid out from python-docx's template (before)", build + restyle * n),
        ("laid out from the restyled empty document", build),
        ("cache empty (lay out and store)", cold),
        ("cache full (read)", warm),
    ]
    print(f"{n} sample .docx files")
    print(f"{'':<48} {'ms/file':>8} {'total s':>8}")
    for name, seconds in rows:
        print(f"{name:<48} {seconds / n * 1000:8.2f} {seconds:8.2f}")
    print(f"full cache vs laying out (now): {build / warm:.0f}x faster; vs before: {(build + restyle * n) / warm:.0f}x")


if __name__ == "__main__":
    main()
