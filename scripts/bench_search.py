"""Benchmark: Material's stock Chinese search (jieba + lunr) against our exact phrase search.

Builds synthetic sites of 50, 500 and 5,000 pages from the real samples (paragraphs shuffled, fixed seed),
each twice in the same run (stock and ours), serves each on 127.0.0.1 and measures it in headless Chromium.
Prints a table; writes the figures as JSON to bench-out/ (not committed). This prints figures, it is not a test.

    .venv/bin/python scripts/bench_search.py                 # 50, 500, 5000 pages
    .venv/bin/python scripts/bench_search.py --sizes 50 500 --budget 300
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import json
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import unquote, urlsplit

ROOT = Path(__file__).resolve().parent.parent

from macros.sources.library import load_library  # noqa: E402
from tests.search_truth import PHRASES, expected, site_sections  # noqa: E402
from tests.support import CHROMIUM_ARGS, chromium_path  # noqa: E402

SEED = 20261126
COLD_QUERY = "招商引资"
WARM_ROUNDS = 5  # each phrase this many times for the warm latency

CONFIG = """\
site_name: 范文库基准
site_url: ""
docs_dir: docs
use_directory_urls: true
theme:
  name: material
  language: zh
  font: false
{custom_dir}
  features: [navigation.instant, search.highlight]
# Every page in the navigation would make each page list all others: a build quadratic in the page count
# that has nothing to do with search. The pages are found by search alone.
nav: [index.md]
not_in_nav: /p*.md
plugins:
  - search
{hooks}
markdown_extensions:
  - toc:
      permalink: true
      slugify: !!python/object/apply:pymdownx.slugs.slugify {{kwds: {{case: lower}}}}
"""

MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|~-])")


def escape_markdown(text: str) -> str:
    return MARKDOWN_SPECIAL.sub(r"\\\1", text).replace("<", "&lt;").replace(">", "&gt;")


def synthetic_pages(count: int) -> dict[str, str]:
    """count Markdown pages, each one real sample with its paragraphs and headings in a shuffled order."""
    rng = random.Random(SEED)
    samples = load_library(ROOT).samples
    pages = {}
    for i in range(count):
        sample = rng.choice(samples)
        blocks = list(sample.blocks)
        rng.shuffle(blocks)
        lines = [f"# {escape_markdown(sample.title)}（合成第 {i + 1} 篇）", ""]
        for block in blocks:
            lines += [("## " if block.is_heading else "") + escape_markdown(block.text), ""]
        pages[f"p{i + 1:05d}.md"] = "\n".join(lines)
    return pages


def make_project(folder: Path, pages: dict[str, str], ours: bool) -> None:
    docs = folder / "docs"
    docs.mkdir(parents=True)
    (docs / "index.md").write_text("# 基准\n\n合成的范文页面。\n", encoding="utf-8")
    for name, text in pages.items():
        (docs / name).write_text(text, encoding="utf-8")
    if ours:
        shutil.copytree(ROOT / "docs/assets/search", docs / "assets/search")
    config = CONFIG.format(
        custom_dir=f"  custom_dir: {ROOT / 'overrides'}" if ours else "",
        hooks=f"hooks:\n  - {ROOT / 'macros/build/search_hooks.py'}" if ours else "",
    )
    (folder / "mkdocs.yml").write_text(config, encoding="utf-8")


def build(folder: Path, budget: float) -> float | None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    start = time.perf_counter()
    try:
        subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "-q", "-d", "site"],
            cwd=folder,
            env=env,
            check=True,
            capture_output=True,
            timeout=budget,
        )
    except subprocess.TimeoutExpired:
        return None
    return time.perf_counter() - start


def search_files(site: Path, ours: bool) -> list[Path]:
    """What the browser loads for search alone: the index and the worker (with lunr's language files)."""
    files = [site / "search/search_index.json"]
    if ours:
        files += sorted((site / "assets/search").glob("search.*.js"))
    else:
        js = site / "assets/javascripts"
        files += sorted((js / "workers").glob("search.*.min.js"))
        files += [js / "lunr/min/lunr.stemmer.support.min.js", js / "lunr/min/lunr.zh.min.js"]
    return files


class CountingHandler(http.server.SimpleHTTPRequestHandler):
    sent = 0

    def log_message(self, *args):
        pass

    def send_header(self, keyword, value):
        if keyword.lower() == "content-length":
            type(self).sent += int(value)
        super().send_header(keyword, value)


def serve(site: Path):
    handler = type("Handler", (CountingHandler,), {"sent": 0})
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(site)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd, handler, f"http://127.0.0.1:{httpd.server_address[1]}/"


# Runs in the page before its scripts: note when the query is typed and when the first result is drawn.
COLD_PROBE = """
addEventListener("keyup", () => { window.__typed ??= performance.now() }, true)
new MutationObserver(() => {
  if (window.__typed !== undefined && document.querySelector(".md-search-result__item"))
    window.__shown ??= performance.now()
}).observe(document, { childList: true, subtree: true })
"""

# Runs in the page: start the site's own search worker, hand it the index as Material does, and time queries.
WORKER_PROBE = """
async ([phrases, rounds]) => {
  const config = JSON.parse(document.getElementById("__config").textContent)
  const index = await (await fetch(new URL("search/search_index.json", new URL(config.base, location.href)))).json()
  const worker = new Worker(config.search)
  const ask = message => new Promise(resolve => {
    worker.onmessage = event => resolve(event.data)
    worker.postMessage(message)
  })
  await ask({type: 0, data: {config: index.config, docs: index.docs, options: {suggest: false}}})
  const ours = config.search.includes("assets/search/")
  const results = {}
  const times = []
  for (let round = 0; round < rounds; round++)
    for (const phrase of phrases) {
      const start = performance.now()
      const reply = await ask({type: 2, data: phrase})
      times.push(performance.now() - start)
      /* Our page items (no "#") only head a group; Material adds a page it did not match with score 0 */
      const matched = item => (ours ? item.location.includes("#") : item.score > 0)
      results[phrase] = reply.data.items.flat().filter(matched).map(item => item.location)
    }
  worker.terminate()
  return {results, times}
}
"""


def location_of(href: str) -> str:
    """A result's location as the index writes it: no query string, no empty fragment, not percent-encoded."""
    parts = urlsplit(href)
    return unquote(parts.path).lstrip("/") + (f"#{unquote(parts.fragment)}" if parts.fragment else "")


def measure(browser, site: Path, ours: bool, budget: float) -> dict:
    httpd, handler, base = serve(site)
    try:
        context = browser.new_context(locale="zh-CN")
        context.add_init_script(COLD_PROBE)
        page = context.new_page()
        first_page = sorted(p.name for p in site.glob("p0*"))[0]
        handler.sent = 0
        page.goto(f"{base}{first_page}/", wait_until="domcontentloaded")
        page.locator("[data-md-component=search-query]").focus()
        page.keyboard.insert_text(COLD_QUERY)  # an IME commit, then the key that committed it
        page.keyboard.up("Space")
        cold = None
        try:
            page.wait_for_function("window.__shown !== undefined", timeout=budget * 1000)
            cold = page.evaluate("(window.__shown - window.__typed) / 1000")
        except Exception:  # noqa: BLE001 - a timeout is a figure here, not an error
            pass
        fetched = handler.sent
        context.close()
        if cold is None:
            return {"fetched_bytes": fetched, "note": f"no result within {budget:.0f} s"}

        context = browser.new_context(locale="zh-CN")
        page = context.new_page()
        page.set_default_timeout(budget * 1000)
        page.goto(f"{base}{first_page}/")
        probe = page.evaluate(WORKER_PROBE, [PHRASES, WARM_ROUNDS])
        context.close()
    finally:
        httpd.shutdown()
    times = sorted(probe["times"][len(PHRASES) :])  # the first round warms up
    sections = site_sections(site)
    found = relevant = hits = 0
    for phrase in PHRASES:
        got = {location_of(location) for location in probe["results"][phrase]}
        truth = expected(sections, phrase)
        found += len(got)
        relevant += len(truth)
        hits += len(got & truth)
    return {
        "cold_s": cold,
        "fetched_bytes": fetched,
        "warm_median_ms": statistics.median(times),
        "warm_p95_ms": times[int(0.95 * (len(times) - 1))],
        "recall": hits / relevant if relevant else 1.0,
        "precision": hits / found if found else 1.0,
    }


def run_size(browser, size: int, workdir: Path, budget: float, browser_budget: float) -> list[dict]:
    pages = synthetic_pages(size)
    rows = []
    for name, ours in (("stock", False), ("ours", True)):
        folder = workdir / f"{size}-{name}"
        make_project(folder, pages, ours)
        row = {"pages": size, "search": name}
        seconds = build(folder, budget)
        row["build_s"] = seconds
        if seconds is None:
            row["note"] = f"build over {budget:.0f} s"
            rows.append(row)
            continue
        site = folder / "site"
        blobs = [path.read_bytes() for path in search_files(site, ours)]
        row["search_bytes"] = sum(len(blob) for blob in blobs)
        row["search_gzip"] = sum(len(gzip.compress(blob, 6)) for blob in blobs)
        try:
            row.update(measure(browser, site, ours, browser_budget))
        except Exception as error:  # noqa: BLE001
            row["note"] = f"browser: {type(error).__name__}: {str(error).splitlines()[0][:80]}"
        rows.append(row)
        print(json.dumps(row, ensure_ascii=False), flush=True)
        shutil.rmtree(site, ignore_errors=True)
    return rows


def fmt(value, unit=""):
    if value is None:
        return "—"
    if isinstance(value, float):
        return f"{value:.3g}{unit}" if value < 100 else f"{value:.0f}{unit}"
    return f"{value}{unit}"


def megabytes(value):
    return "—" if value is None else f"{value / 1e6:.2f} MB"


def table(rows: list[dict]) -> str:
    head = "| 页数 | 搜索 | 构建 s | 搜索字节 | gzip 后 | 首个结果前下载 | 冷启动首个结果 s | 热查询中位数 ms | 热查询 p95 ms | 召回率 | 准确率 |"
    lines = [head, "| " + " | ".join(["---"] * 11) + " |"]
    for r in rows:
        lines.append(
            "| "
            + " | ".join(
                [
                    str(r["pages"]),
                    "Material 原装（jieba）" if r["search"] == "stock" else "本站精确检索",
                    fmt(r.get("build_s")),
                    megabytes(r.get("search_bytes")),
                    megabytes(r.get("search_gzip")),
                    megabytes(r.get("fetched_bytes")),
                    fmt(r.get("cold_s")) if "cold_s" in r else "—",
                    fmt(r.get("warm_median_ms")),
                    fmt(r.get("warm_p95_ms")),
                    f"{r['recall']:.0%}" if "recall" in r else "—",
                    f"{r['precision']:.0%}" if "precision" in r else "—",
                ]
            )
            + " |"
            + (f" {r['note']}" if r.get("note") else "")
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[50, 500, 5000])
    parser.add_argument("--budget", type=float, default=900, help="seconds allowed for one build")
    parser.add_argument("--browser-budget", type=float, default=180, help="seconds allowed for a first result")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    out = ROOT / "bench-out"
    out.mkdir(exist_ok=True)
    rows = []
    with tempfile.TemporaryDirectory(prefix="fwk-bench-") as tmp, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS, headless=True)
        for size in args.sizes:
            rows += run_size(browser, size, Path(tmp), args.budget, args.browser_budget)
            (out / "bench_search.json").write_text(json.dumps(rows, ensure_ascii=False, indent=1), encoding="utf-8")
        browser.close()
    print(table(rows))


if __name__ == "__main__":
    main()
