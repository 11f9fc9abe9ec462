"""Benchmark of the real pipeline: generated libraries of 50, 500 and 5,000 samples, built, served and searched.

For each size: a temporary copy of the project whose templates_src/samples/ holds the six real samples plus
generated ones (macros/harness/generated_library.py, as the scale test: paragraphs of the real samples drawn with a fixed
seed into the shape of one of them; titles, 行业/文种/层级, 地区 and 年代 varied from templates_src/vocab.yml;
templates and the phrase bank as they are),
built with the normal strict build, served on 127.0.0.1 with gzip (as nginx or IIS with compression do) and
measured in headless Chromium. Beside our search, in the same run, Pagefind (pagefind[extended], the extended
build segments Chinese) indexes the same built site and is queried through its own JavaScript API with quoted
phrases. Then an index-only row: the shard builder alone (macros/search/shards.py, no MkDocs) on generated text.
Prints one table per part and writes the figures as JSON to bench-out/ (not committed). Figures, not a test.

    .venv/bin/python scripts/bench_library.py                      # 50, 500, 5000 and the 50,000 index-only row
    .venv/bin/python scripts/bench_library.py --sizes 50,500 --index-only 5000 --no-pagefind   # a quicker run
    .venv/bin/python scripts/bench_library.py --index-browser 5000   # also run the worker on the 5,000 index
"""

from __future__ import annotations

import argparse
import bisect
import functools
import gzip
import http.server
import io
import json
import math
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import unquote, urlsplit

from macros.build.scripts import publish_scripts
from macros.harness.chromium import CHROMIUM_ARGS, chromium_path
from macros.harness.generated_library import SEED, generated_samples, write_samples
from macros.harness.project import ROOT, copy_project
from macros.harness.search_truth import PHRASES, expected, site_sections
from macros.search.index import fold
from macros.search.sections import Section
from macros.search.shards import FOLDER, Page, build_index, decode_numbers, decode_postings, fnv1a, term_keys
from macros.sources.library import load_library
from macros.sources.site_map import FACETS
from macros.sources.text_blocks import split_blocks

OUT = ROOT / "bench-out"
COMPRESSIBLE = {".html", ".css", ".js", ".json", ".xml", ".svg", ".txt", ".pf_meta", ".pf_index", ".pf_fragment"}
WARM_ROUNDS = 5  # each phrase this many times for the warm latency; the first round is not counted
# search.js FIRST_SCREEN: the fetch plan of the index-only row follows the worker
WORKER_FIRST_SCREEN = 10


# ---------------------------------------------------------------- the generated library


# ---------------------------------------------------------------- build and site figures


def build(project: Path, out: Path, budget: float) -> dict:
    """The strict build with its wall time and peak memory (the child's maximum resident set)."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("OFFLINE", None)
    env.pop("SITE_URL", None)
    log = project / "build.log"
    start = time.perf_counter()
    with log.open("w") as sink:
        process = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(out)],
            cwd=project,
            env=env,
            stdout=sink,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        timer = threading.Timer(budget, lambda: os.killpg(process.pid, signal.SIGKILL))
        timer.start()
        _, status, usage = os.wait4(process.pid, 0)
        timer.cancel()
        process.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.perf_counter() - start
    row = {"build_s": seconds, "peak_mb": usage.ru_maxrss / 1024}
    if process.returncode != 0:
        tail = log.read_text(encoding="utf-8", errors="replace").strip().splitlines()[-3:]
        row["note"] = f"build over {budget:.0f} s" if seconds >= budget else f"build failed: {' / '.join(tail)}"
    return row


def site_figures(site: Path) -> dict:
    files = [p for p in site.rglob("*") if p.is_file()]
    pages = [p for p in files if p.suffix == ".html"]
    largest = max(pages, key=lambda p: p.stat().st_size)
    gz = sorted(len(gzip.compress(p.read_bytes(), 6)) for p in pages)
    return {
        "site_mb": sum(p.stat().st_size for p in files) / 1e6,
        "pages": len(pages),
        "largest_kb": largest.stat().st_size / 1e3,
        "largest": largest.relative_to(site).as_posix(),
        "median_gz_kb": statistics.median(gz) / 1e3,
    }


class CountingGzipHandler(http.server.SimpleHTTPRequestHandler):
    """Static files, text gzipped when the browser accepts it; counts the bytes of every response body and notes
    when each was sent (epoch ms), so bytes can be counted up to a moment the page notes with Date.now()."""

    sent = 0
    log: list[tuple[float, int]] = []

    def log_message(self, *args):
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.split("?")[0].endswith("/"):
            path = path / "index.html"
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (accepts and path.is_file() and path.suffix in COMPRESSIBLE):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), 6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-cache")
        self.end_headers()
        return io.BytesIO(body)

    def send_header(self, keyword, value):
        if keyword.lower() == "content-length":
            type(self).sent += int(value)
            type(self).log.append((time.time() * 1000, int(value)))
        super().send_header(keyword, value)

    def guess_type(self, path):
        return "application/wasm" if str(path).endswith(".wasm") else super().guess_type(path)


def serve(site: Path):
    handler = type("Handler", (CountingGzipHandler,), {"sent": 0, "log": []})
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(site)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd, handler, f"http://127.0.0.1:{httpd.server_address[1]}/"


def first_view_kb(browser, handler, base: str, url: str) -> float:
    """What a first view of a page transfers (gzip), until the network has been quiet for half a second."""
    context = browser.new_context(locale="zh-CN")
    page = context.new_page()
    handler.sent = 0
    page.goto(base + url, wait_until="networkidle")
    sent = handler.sent
    context.close()
    return sent / 1e3


# ---------------------------------------------------------------- our search in Chromium

# Before the page's scripts: when the query is typed, when a result is drawn, when the worker's answer is complete.
PROBE = """
addEventListener("keyup", () => { window.__typed ??= performance.now() }, true)
new MutationObserver(() => {
  if (window.__typed !== undefined && document.querySelector(".md-search-result__item") && !window.__shown) {
    window.__shown = performance.now()
    window.__shownAt = Date.now()
  }
}).observe(document, { childList: true, subtree: true })
const NativeWorker = window.Worker
window.Worker = class extends NativeWorker {
  constructor(...args) {
    super(...args)
    window.__ready = false
    this.addEventListener("message", event => {
      const data = event.data
      if (data.type === 1) window.__ready = true
      if (data.type === 3 && data.data.fanwenku && data.data.fanwenku.done && data.data.fanwenku.query)
        window.__done ??= performance.now()
    })
  }
}
"""

# In the page: our worker started directly, as Material starts it; every phrase asked, with and without a filter.
WORKER_PROBE = """
async ([phrases, rounds, filters]) => {
  const config = JSON.parse(document.getElementById("__config").textContent)
  const index = await (await fetch(new URL("search/search_index.json", new URL(config.base, location.href)))).json()
  const worker = new Worker(config.search)
  let waiting = null
  worker.onmessage = event => waiting && waiting(event.data)
  /* Send a message; resolve with the first message from the worker that `until` accepts */
  const ask = (message, until) => new Promise(resolve => {
    waiting = data => { if (until(data)) { waiting = null; resolve(data) } }
    worker.postMessage(message)
  })
  const answer = (query, chosen) => data => data.type === 3 && data.data.fanwenku.done
    && data.data.fanwenku.query === query && JSON.stringify(data.data.fanwenku.filters) === JSON.stringify(chosen)
  await ask({type: 0, data: {config: index.config, docs: index.docs, options: {suggest: false}}}, d => d.type === 1)
  const located = reply => reply.data.items.flatMap(group => {
    /* A page far down the list comes without its sections, saying how many hold the phrase: "location|count" */
    const counted = /data-sections="(\\d+)"/.exec(group[0].text || "")
    return counted ? [`${group[0].location}|${counted[1]}`] : group.slice(1).map(item => item.location)
  })
  const results = {}
  const times = []
  for (let round = 0; round < rounds; round++)
    for (const phrase of phrases) {
      const start = performance.now()
      const reply = await ask({type: 2, data: phrase}, answer(phrase, []))
      times.push(performance.now() - start)
      results[phrase] = located(reply)
    }
  const filtered = {}
  for (const [phrase, chosen] of filters) {
    await ask({type: 2, data: ""}, d => d.type === 3 && d.data.fanwenku.query === "")
    worker.postMessage({type: "fanwenku-filter", data: chosen})  /* no query now: nothing runs */
    filtered[phrase + "|" + JSON.stringify(chosen)] = located(await ask({type: 2, data: phrase}, answer(phrase, chosen)))
  }
  worker.terminate()
  return {results, times, filtered}
}
"""


def location_of(href: str) -> str:
    """A result's location as the truth writes it: no query string, no empty fragment, not percent-encoded."""
    parts = urlsplit(href)
    return unquote(parts.path).lstrip("/") + (f"#{unquote(parts.fragment)}" if parts.fragment else "")


def found_sections(locations: list[str], truth: set[str]) -> set[str]:
    """Our results as section locations. A page listed without its sections ("location|count", far down a long
    list) stands for the sections of that page in the truth when it names their number, else for a wrong one."""
    found = set()
    for entry in locations:
        address, _, count = entry.partition("|")
        if not count:
            found.add(location_of(address))
            continue
        page = location_of(address)
        held = {x for x in truth if x.split("#")[0] == page}
        found |= held if len(held) == int(count) else {f"{page}#(本页 {count} 节，不对)"}
    return found


def recall_precision(found: dict[str, set[str]], truths: dict[str, set[str]]) -> tuple[float, float]:
    got = relevant = hits = 0
    for key, truth in truths.items():
        mine = found.get(key, set())
        got += len(mine)
        relevant += len(truth)
        hits += len(mine & truth)
    return (hits / relevant if relevant else 1.0), (hits / got if got else 1.0)


def cold_query(browser, handler, base: str, url: str, phrase: str, search) -> dict:
    """A fresh browser on a sample page; the phrase typed once; bytes and times until the complete answer."""
    context = browser.new_context(locale="zh-CN")
    context.add_init_script(search["probe"])
    page = context.new_page()
    page.goto(base + url, wait_until="networkidle")
    search["ready"](page)
    handler.sent = 0
    handler.log = []
    search["type"](page, phrase)
    page.wait_for_function(search["done"], timeout=600_000)
    times = page.evaluate(search["times"])
    context.close()
    shown_at = times.pop("firstAt", None)
    first = sum(size for at, size in handler.log if shown_at and at <= shown_at) if shown_at else None
    return {"bytes": handler.sent, "bytes_first": first, **times}


def ours_typing(page, phrase: str) -> None:
    page.locator("[data-md-component=search-query]").focus()
    page.keyboard.insert_text(phrase)  # an IME commit, then the key that committed it: Material searches on keyup
    page.keyboard.up("Space")


OURS = {
    "probe": PROBE,
    "ready": lambda page: page.wait_for_function("window.__ready === true"),
    "type": ours_typing,
    "done": "window.__done !== undefined",
    "times": "({first: window.__shown === undefined ? null : window.__shown - window.__typed,"
    " done: window.__done - window.__typed, firstAt: window.__shownAt})",
}


def measure_ours(browser, handler, base: str, site: Path, sample_url: str, truth: dict, facets: dict) -> dict:
    cold = [cold_query(browser, handler, base, sample_url, phrase, OURS) for phrase in PHRASES]
    context = browser.new_context(locale="zh-CN")
    page = context.new_page()
    page.set_default_timeout(600_000)
    page.goto(base + sample_url)
    probe = page.evaluate(WORKER_PROBE, [PHRASES, WARM_ROUNDS, facets["asked"]])
    context.close()
    warm = sorted(probe["times"][len(PHRASES) :])
    truths = {phrase: truth[phrase] for phrase in PHRASES} | facets["truths"]
    found = {key: found_sections(locations, truths[key]) for key, locations in probe["results"].items()}
    found.update({key: found_sections(locations, truths[key]) for key, locations in probe["filtered"].items()})
    return search_row(cold, warm, found, truths)


def by_page(sets: dict[str, set[str]]) -> dict[str, set[str]]:
    return {key: {location.split("#")[0] for location in locations} for key, locations in sets.items()}


def search_row(cold: list[dict], warm: list[float], found: dict, truths: dict) -> dict:
    """The figures of one engine: cold queries, warm latency, recall and precision by section and by page."""
    recall, precision = recall_precision(found, truths)
    page_recall, page_precision = recall_precision(by_page(found), by_page(truths))
    firsts = [c["first"] for c in cold if c["first"] is not None]
    first_bytes = [c["bytes_first"] for c in cold if c["bytes_first"] is not None]
    return {
        "cold_queries": [{"phrase": phrase, **c} for phrase, c in zip(PHRASES, cold, strict=True)],
        "first_kb_median": statistics.median(first_bytes) / 1e3 if first_bytes else None,
        "first_kb_max": max(first_bytes) / 1e3 if first_bytes else None,
        "query_kb_median": statistics.median(c["bytes"] for c in cold) / 1e3,
        "query_kb_max": max(c["bytes"] for c in cold) / 1e3,
        "cold_first_s_median": statistics.median(firsts) / 1e3 if firsts else None,
        "cold_first_s_max": max(firsts) / 1e3 if firsts else None,
        "cold_done_s_max": max(c["done"] for c in cold) / 1e3,
        "warm_median_ms": statistics.median(warm),
        "warm_p95_ms": warm[math.ceil(0.95 * len(warm)) - 1],
        "recall": recall,
        "precision": precision,
        "page_recall": page_recall,
        "page_precision": page_precision,
    }


def filter_cases(site: Path, catalog, truth: dict) -> dict:
    """One filter per phrase (文种 or 类别, in turn), and the sections each filtered query must find."""
    entries = {e.url: e for e in [*catalog.samples, *catalog.templates]}
    groups = ["类别", *FACETS]
    kinds = ["范文", "模板", "常用表述", "其他页面"]
    values = {"类别": kinds, **{facet: [t.name for t in catalog.vocab[facet]] for facet in FACETS}}

    def kind(url: str) -> str:
        return entries[url].kind if url in entries else ("常用表述" if url.startswith("biaoshu/") else "其他页面")

    asked, truths = [], {}
    for i, phrase in enumerate(PHRASES):
        group = ["文种", "类别", "层级"][i % 3]
        value = values[group][i % len(values[group])]
        chosen = [[] for _ in groups]
        chosen[groups.index(group)] = [values[group].index(value)]
        asked.append([phrase, chosen])

        def keep(location: str, group=group, value=value) -> bool:
            url = location.split("#")[0]
            if group == "类别":
                return kind(url) == value
            return url in entries and value in entries[url].facets[group]

        truths[f"{phrase}|{json.dumps(chosen, separators=(',', ':'))}"] = {x for x in truth[phrase] if keep(x)}
    return {"asked": asked, "truths": truths}


# ---------------------------------------------------------------- Pagefind beside it


def pagefind_index(site: Path) -> dict:
    start = time.perf_counter()
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pagefind",
            "--site",
            str(site),
            "--root-selector",
            "article.md-content__inner",  # the page's content, as our index reads it
            "--exclude-selectors",
            "[data-search-exclude]",
            "--exclude-selectors",
            ".headerlink",
            "--silent",
        ],
        check=True,
    )
    seconds = time.perf_counter() - start
    bundle = sum(p.stat().st_size for p in (site / "pagefind").rglob("*") if p.is_file())
    return {"index_s": seconds, "bundle_mb": bundle / 1e6}


def pagefind_query(phrase: str) -> str:
    """Pagefind's exact-phrase syntax: each term in quotes (its terms must all occur, as ours)."""
    return " ".join(f'"{term}"' for term in phrase.split())


PAGEFIND_COLD = """
window.__pagefind = async query => {
  const start = performance.now()
  const pagefind = await import("/pagefind/pagefind.js")
  const search = await pagefind.search(query)
  let first = null
  let firstAt = null
  if (search.results.length) {
    await search.results[0].data()
    first = performance.now() - start
    firstAt = Date.now()
  }
  window.__pfTimes = {first, firstAt, done: performance.now() - start}
}
"""

PAGEFIND_WARM = """
async ([phrases, rounds]) => {
  const pagefind = await import("/pagefind/pagefind.js")
  await pagefind.init()
  const times = []
  const results = {}
  for (let round = 0; round < rounds; round++)
    for (const [phrase, query] of phrases) {
      const start = performance.now()
      const search = await pagefind.search(query)
      if (search.results.length) await search.results[0].data()
      times.push(performance.now() - start)
      if (round === rounds - 1) {
        const pages = await Promise.all(search.results.map(result => result.data()))
        results[phrase] = pages.flatMap(page => page.sub_results.map(sub => sub.url))
      }
    }
  return {results, times}
}
"""


def measure_pagefind(browser, handler, base: str, sample_url: str, truth: dict) -> dict:
    search = {
        "probe": PAGEFIND_COLD,
        "ready": lambda page: None,
        "type": lambda page, phrase: page.evaluate(f"window.__pagefind({json.dumps(pagefind_query(phrase))})"),
        "done": "window.__pfTimes !== undefined",
        "times": "window.__pfTimes",
    }
    cold = [cold_query(browser, handler, base, sample_url, phrase, search) for phrase in PHRASES]
    context = browser.new_context(locale="zh-CN")
    page = context.new_page()
    page.set_default_timeout(600_000)
    page.goto(base + sample_url)
    probe = page.evaluate(PAGEFIND_WARM, [[[p, pagefind_query(p)] for p in PHRASES], WARM_ROUNDS])
    context.close()
    warm = sorted(probe["times"][len(PHRASES) :])
    found = {phrase: {location_of(x) for x in locations} for phrase, locations in probe["results"].items()}
    return search_row(cold, warm, found, {phrase: truth[phrase] for phrase in PHRASES})


# ---------------------------------------------------------------- one library size


def run_size(browser, size: int, workdir: Path, budget: float, pagefind: bool) -> list[dict]:
    project = copy_project(workdir / f"lib-{size}")
    library = load_library(project)
    samples = generated_samples(library, size)
    write_samples(project, samples, library.annotations)  # annotated as the paragraphs they were drawn from
    site = project / "site"
    row = {"size": size, "engine": "本站", **build(project, site, budget)}
    if "note" in row:
        show(row)
        return [row]
    row.update(site_figures(site))
    catalog = load_library(project)
    sample_url = f"fanwen/{samples[0].slug}/" if samples else catalog.samples[0].url
    sections = site_sections(site)
    truth = {phrase: expected(sections, phrase) for phrase in PHRASES}
    httpd, handler, base = serve(site)
    try:
        row["first_view_kb"] = first_view_kb(browser, handler, base, sample_url)
        row.update(measure_ours(browser, handler, base, site, sample_url, truth, filter_cases(site, catalog, truth)))
        show(row)
        rows = [row]
        if pagefind:
            peer = {"size": size, "engine": "Pagefind 1.5.2", **pagefind_index(site)}
            peer.update(measure_pagefind(browser, handler, base, sample_url, truth))
            show(peer)
            rows.append(peer)
    finally:
        httpd.shutdown()
    shutil.rmtree(project, ignore_errors=True)
    return rows


# ---------------------------------------------------------------- the index builder alone


def generated_pages(count: int) -> list[Page]:
    """The same generated samples as pages with sections, without writing or building anything."""
    library = load_library(ROOT)
    pages = []
    real = [(s.slug, s.title, [b.text for b in s.blocks], s.facets) for s in library.samples]
    made = [(s.slug, s.title, s.lines, s.facets) for s in generated_samples(library, count, SEED + count)]
    for slug, title, lines, facets in real + made:
        url = f"fanwen/{slug}/"
        sections = [Section(url, title)]
        for block in split_blocks("\n".join(lines)):
            if block.is_heading:
                sections.append(Section(f"{url}#{block.anchor}", block.text))
            else:
                sections[-1].text += ("\n" if sections[-1].text else "") + block.text
        pages.append(Page(url, title, "范文", sections, facets))
    return pages


def fetch_plan(files: dict[str, str], manifest_path: str, phrase: str) -> tuple[list[str], int]:
    """The files search.js loads for a phrase on a cold worker (the manifest, the key shards, the text shards of the
    candidates), and how many of them come before its first screen of results."""

    @functools.cache
    def data(path: str):
        return json.loads(files[path].split(",", 1)[1].rsplit(");", 1)[0])

    manifest = data(manifest_path)
    keys = []
    for term in dict.fromkeys(fold(phrase).split()):
        keys += term_keys(term)
    plan = [manifest_path]
    candidates = None
    for key in dict.fromkeys(keys):
        path = f"{FOLDER}/k{fnv1a(key) % manifest['keys']}.{manifest['version']}.js"
        if path not in plan:
            plan.append(path)
        shard = data(path)
        ids = set(decode_postings(shard[key])) if key in shard else set()
        candidates = ids if candidates is None else candidates & ids
    starts, at = [], 0
    for step in decode_numbers(manifest["textStarts"]):
        at += step
        starts.append(at)
    page_of = [page for page, count in enumerate(decode_numbers(manifest["pages"])) for _ in range(count)]
    ordered = sorted(candidates or ())
    shards = sorted({bisect.bisect_right(starts, c) - 1 for c in ordered})
    plan += [f"{FOLDER}/t{j}.{manifest['version']}.js" for j in shards]
    shard_of = {c: bisect.bisect_right(starts, c) - 1 for c in ordered}
    terms = fold(phrase).split()

    def matches(section: int) -> bool:
        j = shard_of[section]
        record = data(f"{FOLDER}/t{j}.{manifest['version']}.js")["s"][section - starts[j]]
        title, _, text, note = (record + ["", "", "", ""])[:4]
        return all(any(term in fold(field) for field in (title, text, note)) for term in terms)

    def screenful(next_: int, at: int, wanted: int) -> int:
        seen = set()
        for c in ordered[next_:]:
            seen.add(page_of[c])
            if len(seen) >= wanted + 2:
                return max(1, shards.index(shard_of[c], at) - at + 1)
        return len(shards) - at

    # search.js: shards for the candidates of a first screen of results (FIRST_SCREEN pages and two more), again
    # until that many pages are found; that screen is shown when more shards remain, the rest BATCH at a time
    first, found, loaded, next_ = len(plan), set(), 0, 0
    while loaded < len(shards):
        loaded += screenful(next_, loaded, WORKER_FIRST_SCREEN - len(found))
        last = shards[min(loaded, len(shards)) - 1]
        while next_ < len(ordered) and shard_of[ordered[next_]] <= last:
            if matches(ordered[next_]):
                found.add(page_of[ordered[next_]])
            next_ += 1
        if loaded < len(shards) and len(found) >= WORKER_FIRST_SCREEN:
            first = len(plan) - len(shards) + loaded
            break
    return plan, first


HARNESS_SETUP = """
async manifest => {
  const worker = new Worker("assets/search/search.js")
  let waiting = null
  worker.onmessage = event => waiting && waiting(event.data)
  window.__ask = (message, until) => new Promise(resolve => {
    waiting = data => { if (until(data)) { waiting = null; resolve(data) } }
    worker.postMessage(message)
  })
  window.__worker = worker
  await window.__ask({type: 0, data: {config: {fanwenku: {manifest}}, docs: [], options: {}}}, d => d.type === 1)
}
"""

# After HARNESS_SETUP: every phrase asked `rounds` times; the first round is cold, the others warm.
HARNESS_PROBE = """
async ([phrases, rounds]) => {
  const results = {}
  const times = []
  const cold = []
  for (let round = 0; round < rounds; round++)
    for (const phrase of phrases) {
      const start = performance.now()
      let first = null
      let firstAt = null
      const reply = await window.__ask({type: 2, data: phrase}, d => {
        if (d.type !== 3 || d.data.fanwenku.query !== phrase) return false
        if (first === null && d.data.items.length) { first = performance.now() - start; firstAt = Date.now() }
        return d.data.fanwenku.done
      })
      const done = performance.now() - start
      if (round === 0) cold.push({first, firstAt, done})
      else times.push(done)
      results[phrase] = reply.data.items.flatMap(group => {
        const counted = /data-sections="(\\d+)"/.exec(group[0].text || "")
        return counted ? [`${group[0].location}|${counted[1]}`] : group.slice(1).map(item => item.location)
      })
    }
  window.__worker.terminate()
  return {results, times, cold}
}
"""


def index_truths(pages: list[Page]) -> dict[str, set[str]]:
    """Per phrase, the sections holding every term, by the same folding: the index-only row's ground truth."""
    folded = [(s.location, (fold(s.title), fold(s.text), fold(s.note))) for page in pages for s in page.sections]
    truths = {}
    for phrase in PHRASES:
        terms = fold(phrase).split()
        truths[phrase] = {at for at, fields in folded if all(any(t in field for field in fields) for t in terms)}
    return truths


def index_only(count: int, browser=None, workdir: Path | None = None) -> dict:
    """The shard builder alone on generated samples' text; the bytes a cold query needs by search.js's plan, and,
    given a browser, the worker itself run on the files (cold: each phrase first in a fresh browser)."""
    pages = generated_pages(count)
    text_mb = sum(len(s.title) + len(s.text) for p in pages for s in p.sections) * 3 / 1e6
    vocab = {facet: [t.name for t in load_library(ROOT, parts=()).vocab[facet]] for facet in FACETS}
    start = time.perf_counter()
    index = build_index(pages, vocab)
    seconds = time.perf_counter() - start
    gz = {}
    sizes, firsts = [], []
    for phrase in PHRASES:
        plan, first = fetch_plan(index.files, index.manifest, phrase)
        for path in plan:
            if path not in gz:
                gz[path] = len(gzip.compress(index.files[path].encode("utf-8"), 6))
        sizes.append(sum(gz[path] for path in plan))
        firsts.append(sum(gz[path] for path in plan[:first]))
    row = {
        "samples": count,
        "sections": index.stats["sections"],
        "text_mb": text_mb,
        "index_s": seconds,
        "files": len(index.files),
        "index_mb": index.stats["bytes"] / 1e6,
        "plan_first_kb_median": statistics.median(firsts) / 1e3,
        "plan_first_kb_max": max(firsts) / 1e3,
        "plan_query_kb_median": statistics.median(sizes) / 1e3,
        "plan_query_kb_max": max(sizes) / 1e3,
    }
    if browser is None:
        return row
    folder = workdir / f"index-{count}"
    for name, content in index.files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(content, encoding="utf-8")
    (folder / "assets/search").mkdir(parents=True)
    bundle = publish_scripts(ROOT, {"checker-rules": str})  # the worker as the build publishes it, with its twins
    script = bundle.content[bundle.name("assets/search/search.js")]
    (folder / "assets/search/search.js").write_text(script, encoding="utf-8")
    (folder / "index.html").write_text("<!doctype html><title>search</title>", encoding="utf-8")
    del index
    truths = index_truths(pages)
    httpd, handler, base = serve(folder)
    try:
        cold = []
        for phrase in PHRASES:  # each phrase first in a fresh browser: what a cold query fetches
            context = browser.new_context()
            page = context.new_page()
            page.set_default_timeout(1_800_000)
            page.goto(base)
            page.evaluate(HARNESS_SETUP, row_manifest(folder))  # the worker script is fetched with the page
            handler.sent, handler.log = 0, []
            one = page.evaluate(HARNESS_PROBE, [[phrase], 1])["cold"][0]
            shown_at = one.pop("firstAt")
            one["bytes_first"] = sum(size for at, size in handler.log if at <= shown_at) if shown_at else None
            cold.append({"bytes": handler.sent, **one})
            context.close()
        context = browser.new_context()
        page = context.new_page()
        page.set_default_timeout(1_800_000)
        page.goto(base)
        page.evaluate(HARNESS_SETUP, row_manifest(folder))
        probe = page.evaluate(HARNESS_PROBE, [PHRASES, WARM_ROUNDS])
        context.close()
    finally:
        httpd.shutdown()
        shutil.rmtree(folder, ignore_errors=True)
    found = {phrase: found_sections(locations, truths[phrase]) for phrase, locations in probe["results"].items()}
    row.update(search_row(cold, sorted(probe["times"]), found, truths))
    return row


def row_manifest(folder: Path) -> str:
    [manifest] = (folder / FOLDER).glob("manifest.*.js")
    return manifest.relative_to(folder).as_posix()


# ---------------------------------------------------------------- tables


def show(row: dict) -> None:
    """One row as it is measured, without the per-phrase details (they go to the JSON file)."""
    print(json.dumps({k: v for k, v in row.items() if k != "cold_queries"}, ensure_ascii=False), flush=True)


def fmt(value, digits: int = 3) -> str:
    if value is None:
        return "—"
    if isinstance(value, float):
        return f"{value:.{digits}g}" if abs(value) < 10**digits else f"{value:.0f}"
    return str(value)


def site_table(rows: list[dict]) -> str:
    head = "| 范文篇数 | 构建 s | 峰值内存 MB | 网站 MB | 页数 | 最大页 KB | 最大页 | 页面 gzip 中位数 KB | 首次打开范文页 KB |"
    lines = [head, "| " + " | ".join(["---"] * 9) + " |"]
    for r in rows:
        if r["engine"] != "本站":
            continue
        cells = [r["size"], r.get("build_s"), r.get("peak_mb"), r.get("site_mb"), r.get("pages")]
        cells += [r.get("largest_kb"), r.get("largest"), r.get("median_gz_kb"), r.get("first_view_kb")]
        lines.append("| " + " | ".join(fmt(c) for c in cells) + " |" + (f" {r['note']}" if r.get("note") else ""))
    return "\n".join(lines)


def search_table(rows: list[dict]) -> str:
    head = (
        "| 范文篇数 | 搜索 | 索引 s | 首屏结果前下载 KB（中位数/最大） | 每次查询共下载 KB（中位数/最大）"
        " | 冷启动首个结果 s（中位数/最大） | 冷启动全部结果 s（最大） | 热查询中位数 ms | 热查询 p95 ms"
        " | 召回率（节/页） | 准确率（节/页） |"
    )
    lines = [head, "| " + " | ".join(["---"] * 11) + " |"]
    for r in rows:
        if "warm_median_ms" not in r:
            continue
        cells = [
            r["size"],
            r["engine"],
            fmt(r.get("index_s")) if "index_s" in r else "构建内",
            f"{fmt(r['first_kb_median'])} / {fmt(r['first_kb_max'])}",
            f"{fmt(r['query_kb_median'])} / {fmt(r['query_kb_max'])}",
            f"{fmt(r['cold_first_s_median'])} / {fmt(r['cold_first_s_max'])}",
            fmt(r["cold_done_s_max"]),
            fmt(r["warm_median_ms"]),
            fmt(r["warm_p95_ms"]),
            f"{r['recall']:.1%} / {r['page_recall']:.1%}",
            f"{r['precision']:.1%} / {r['page_precision']:.1%}",
        ]
        lines.append("| " + " | ".join(str(c) for c in cells) + " |")
    return "\n".join(lines)


def index_table(rows: list[dict]) -> str:
    head = (
        "| 范文篇数（只建索引） | 节数 | 正文 MB | 建索引 s | 文件数 | 索引 MB"
        " | 首屏结果前下载 KB（中位数/最大） | 每次查询共下载 KB（中位数/最大） |"
    )
    lines = [head, "| " + " | ".join(["---"] * 8) + " |"]
    for r in rows:
        cells = [r["samples"], r["sections"], fmt(r["text_mb"]), fmt(r["index_s"]), r["files"], fmt(r["index_mb"])]
        cells += [f"{fmt(r['plan_first_kb_median'])} / {fmt(r['plan_first_kb_max'])}"]
        cells += [f"{fmt(r['plan_query_kb_median'])} / {fmt(r['plan_query_kb_max'])}"]
        lines.append("| " + " | ".join(str(c) for c in cells) + " |")
    return "\n".join(lines)


def main() -> None:
    numbers = lambda text: [int(x) for x in re.split(r"[,\s]+", text) if x]  # noqa: E731
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=numbers, nargs="+", help="library sizes to build (default 50 500 5000)")
    parser.add_argument("--index-only", type=numbers, nargs="+", help="index-only rows (default 50000)")
    parser.add_argument(
        "--index-browser", type=numbers, nargs="+", default=[], help="index-only sizes also run in Chromium"
    )
    parser.add_argument("--budget", type=float, default=3600, help="seconds allowed for one build")
    parser.add_argument("--no-pagefind", action="store_true", help="leave Pagefind out (a quicker run)")
    args = parser.parse_args()
    flat = lambda groups, default: [n for group in (groups or [default]) for n in group]  # noqa: E731
    sizes, index_sizes = flat(args.sizes, [50, 500, 5000]), flat(args.index_only, [50_000])
    in_browser = set(flat(args.index_browser, []))
    from playwright.sync_api import sync_playwright

    OUT.mkdir(exist_ok=True)
    rows, index_rows = [], []
    record = OUT / "bench_library.json"

    def save() -> None:
        record.write_text(json.dumps({"sites": rows, "index_only": index_rows}, ensure_ascii=False, indent=1), "utf-8")

    with tempfile.TemporaryDirectory(prefix="fwk-library-") as tmp, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS, headless=True)
        for size in sizes:
            rows += run_size(browser, size, Path(tmp), args.budget, not args.no_pagefind)
            save()
        for count in sorted(set(index_sizes) | in_browser):
            if count:
                index_rows.append(index_only(count, browser if count in in_browser else None, Path(tmp)))
                show(index_rows[-1])
                save()
        browser.close()
    print()
    print(site_table(rows))
    measured = rows + [{"size": f"{r['samples']}（只建索引）", "engine": "本站", **r} for r in index_rows]
    print()
    print(search_table(measured))
    if index_rows:
        print()
        print(index_table(index_rows))


if __name__ == "__main__":
    main()
