"""Web-quality benchmark: Lighthouse (npm, pinned in package.json) on every page type, desktop and mobile.

Builds the web site (the same strict build as scripts/build) into a temporary folder, serves it on 127.0.0.1
with gzip, as a web server on the intranet would, and runs Lighthouse with Debian's Chromium. Prints the
performance / accessibility / best-practices / SEO scores per page type and form factor (macros/harness/page_types.py:
home, a paginated list, a sample, a template, the phrase index, a phrase, a guide, a 功能 and a 技法 page, 体检, 关于),
what kept a score below 100, and the machine's load before and after (the scores, performance above all, drop on a
busy machine); writes the full reports to bench-out/lighthouse/ (not committed). This prints figures, not a test.

    .venv/bin/python scripts/bench_lighthouse.py            # npm ci on first use (package-lock.json)
    .venv/bin/python scripts/bench_lighthouse.py --runs 3   # median of three runs per page
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from macros.harness.chromium import chromium_path
from macros.harness.page_types import page_types
from macros.harness.project import ROOT
from macros.harness.static_server import StaticServer
from macros.sources.library import load_library

LIGHTHOUSE = ROOT / "node_modules/.bin/lighthouse"
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage --no-first-run"
OUT = ROOT / "bench-out/lighthouse"


def ensure_lighthouse() -> str:
    """npm ci when node_modules does not hold exactly what package-lock.json pins."""
    lock = json.loads((ROOT / "package-lock.json").read_text(encoding="utf-8"))
    wanted = lock["packages"]["node_modules/lighthouse"]["version"]
    installed = ROOT / "node_modules/lighthouse/package.json"
    if not installed.is_file() or json.loads(installed.read_text(encoding="utf-8"))["version"] != wanted:
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund", "--ignore-scripts"], cwd=ROOT, check=True)
    return wanted


def build(out: Path) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("OFFLINE", None)
    env.pop("SITE_URL", None)
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "--strict", "-d", str(out)], cwd=ROOT, env=env, check=True
    )


def load() -> str:
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


def run(url: str, form: str, name: str) -> dict:
    report = OUT / f"{name}-{form}.json"
    command = [
        str(LIGHTHOUSE),
        url,
        "--quiet",
        "--output=json",
        f"--output-path={report}",
        f"--only-categories={','.join(CATEGORIES)}",
        f"--chrome-flags={CHROME_FLAGS}",
        "--locale=zh",
    ]
    if form == "desktop":
        command.append("--preset=desktop")
    subprocess.run(command, check=True, env={**os.environ, "CHROME_PATH": chromium_path()}, capture_output=True)
    return json.loads(report.read_text(encoding="utf-8"))


def shortfalls(report: dict) -> list[str]:
    """Audits that cost points: weighted audits below 1 in any category."""
    found = []
    for category in report["categories"].values():
        for ref in category["auditRefs"]:
            audit = report["audits"][ref["id"]]
            if ref["weight"] and audit["score"] is not None and audit["score"] < 1:
                found.append(
                    f"{category['id']}: {ref['id']} ({audit['score']:.2f}) {audit.get('displayValue', '')}".strip()
                )
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=1, help="runs per page and form factor; the median is shown")
    args = parser.parse_args()
    version = ensure_lighthouse()
    OUT.mkdir(parents=True, exist_ok=True)
    chromium = subprocess.run([chromium_path(), "--version"], capture_output=True, text=True).stdout.strip()
    load_before = load()
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        build(site)
        server = StaticServer(site, gzip_text=True).start()
        base = server.url
        rows, notes = [], {}
        for label, path in page_types(load_library(ROOT)).items():
            for form in ("desktop", "mobile"):
                scores = {c: [] for c in CATEGORIES}
                for k in range(args.runs):
                    report = run(base + path, form, f"{path.strip('/').replace('/', '_') or 'home'}-{k}")
                    for c in CATEGORIES:
                        scores[c].append(round(report["categories"][c]["score"] * 100))
                    notes.update({f"{label} {form}: {line}": None for line in shortfalls(report)})
                rows.append((label, form, [statistics.median(scores[c]) for c in CATEGORIES]))
                print(
                    f"  {label} {form}: {' / '.join(str(statistics.median(scores[c])) for c in CATEGORIES)}",
                    file=sys.stderr,
                )
        server.stop()
    date = datetime.now(UTC).strftime("%Y-%m-%d")
    print(f"Lighthouse {version}, {chromium}, {date}, gzip over http://127.0.0.1, median of {args.runs} run(s)")
    print(f"load average (1, 5, 15 min) before {load_before}, after {load()}, on {os.cpu_count()} cores\n")
    print("| 页面 | 设备 | 性能 | 无障碍 | 最佳做法 | SEO |")
    print("| --- | --- | --- | --- | --- | --- |")
    for label, form, values in rows:
        print(f"| {label} | {'桌面' if form == 'desktop' else '手机'} | " + " | ".join(f"{v:g}" for v in values) + " |")
    if notes:
        print("\nBelow 100:")
        for line in notes:
            print(f"- {line}")


if __name__ == "__main__":
    main()
