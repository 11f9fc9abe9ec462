"""Copy the samples of a seed file into templates_src/samples/ (one fanwen-N.txt per 范文N).

    .venv/bin/python scripts/import_seeds.py ../shared/seeds/000_041a31827115f487.txt
    .venv/bin/python scripts/import_seeds.py --check ../shared/seeds/000_041a31827115f487.txt

--check writes nothing and exits 1 when the project's copy differs from the seed.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from macros.sources.seeds import differences, write_sources

ROOT = Path(__file__).resolve().parent.parent


SAMPLES_DIR = ROOT / "templates_src" / "samples"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("seed", type=Path, help="the seed file (UTF-8 text, samples start with 招商重点工作思路范文N)")
    parser.add_argument("--check", action="store_true", help="compare only; exit 1 on any difference")
    args = parser.parse_args(argv)
    seed_text = args.seed.read_text(encoding="utf-8")
    if args.check:
        problems = differences(seed_text, SAMPLES_DIR)
        for problem in problems:
            print(problem)
        print("up to date" if not problems else f"{len(problems)} sample file(s) differ from {args.seed}")
        return 1 if problems else 0
    for path in write_sources(seed_text, SAMPLES_DIR):
        print(f"wrote {path.relative_to(ROOT)}")
    missing_meta = [p for p in sorted(SAMPLES_DIR.glob("*.txt")) if not p.with_suffix(".yml").exists()]
    for path in missing_meta:
        print(f"note: {path.relative_to(ROOT)} has no metadata yet; add {path.with_suffix('.yml').name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
