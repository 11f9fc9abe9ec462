"""Benchmark of the real pipeline: generated libraries of 50, 500, 5,000 and 50,000 samples, built, served, searched.

For each size: a temporary copy of the project whose templates_src/samples/ holds the six real samples plus
generated ones (macros/harness/generated_library.py, as the scale test: paragraphs of the real samples drawn with a
fixed seed into the shape of one of them, annotated as the paragraphs they were drawn from; titles, 行业/文种/层级,
地区 and 年代 varied from templates_src/vocab.yml; templates and the phrase bank as they are), built with the
normal strict build (wall and CPU seconds, peak memory), served on 127.0.0.1 with gzip (as nginx or IIS with
compression do) and measured in headless Chromium. Beside our search, in the same run, Pagefind
(pagefind[extended], the extended build segments Chinese) indexes the same built site and is queried through its
own JavaScript API with quoted phrases. Optionally index-only rows: the shard builder alone (macros/search/shards.py,
no MkDocs) on generated text. Prints one table per part and writes the figures as JSON to bench-out/ (not
committed). Figures, not a test.

    .venv/bin/python scripts/bench_library.py                         # 50, 500, 5000 and 50000 (about two hours)
    .venv/bin/python scripts/bench_library.py --sizes 50,500 --no-pagefind   # a quicker run
    .venv/bin/python scripts/bench_library.py --sizes 50 --index-only 5000,50000   # the index builder alone too
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
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

from macros.harness.chromium import CHROMIUM_ARGS, chromium_path
from macros.harness.generated_library import SEED, generated_samples, search_pages, write_samples
from macros.harness.project import ROOT, copy_project
from macros.harness.search_truth import PHRASES, expected, sections_per_page, site_sections
from macros.harness.static_server import COMPRESSIBLE as TEXT
from macros.harness.static_server import FolderHandler
from macros.search.shards import build_index
from macros.sources.library import load_library
from macros.sources.site_map import FACETS

OUT = ROOT / "bench-out"
COMPRESSIBLE = TEXT | {".pf_meta", ".pf_index", ".pf_fragment"}  # Pagefind's files too
WARM_ROUNDS = 5  # each phrase this many times for the warm latency; the first round is not counted


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
    row = {
        "build_s": seconds,
        "build_cpu_s": usage.ru_utime + usage.ru_stime,  # the machine is shared: CPU seconds compare across runs
        "load": os.getloadavg()[0],  # the 1-minute load average as the build ends
        "peak_mb": usage.ru_maxrss / 1024,
    }
    written = log.read_text(encoding="utf-8", errors="replace")
    # The build logs the 同类写法 step's own seconds (macros/build/plugin.py): its share of the build
    similar = re.search(r"同类写法：\d+ 个数据文件，([\d.]+) s", written)
    if similar:
        row["similar_s"] = float(similar.group(1))
    if process.returncode != 0:
        tail = written.strip().splitlines()[-3:]
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


class CountingGzipHandler(FolderHandler):
    """The harness's folder server with text gzipped (macros/harness/static_server.py); counts the bytes of every
    response body and notes when each was sent (epoch ms), so bytes can be counted up to a moment the page notes
    with Date.now()."""

    gzip_text = True
    compressible = COMPRESSIBLE
    cache_control = "no-cache"
    sent = 0
    log: list[tuple[float, int]] = []

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

# Starts our worker in the page, as Material does; defines window.__ask(message, until) -> the first message `until`
# accepts, and window.__answer(query, chosen) -> an `until` for the complete answer to a query with that filter.
WORKER_SETUP = """
async () => {
  const config = JSON.parse(document.getElementById("__config").textContent)
  const index = await (await fetch(new URL("search/search_index.json", new URL(config.base, location.href)))).json()
  const worker = new Worker(config.search)
  let waiting = null
  worker.onmessage = event => waiting && waiting(event.data)
  window.__ask = (message, until) => new Promise(resolve => {
    waiting = data => { if (until(data)) { waiting = null; resolve(data) } }
    worker.postMessage(message)
  })
  window.__answer = (query, chosen) => data => data.type === 3 && data.data.fanwenku.done
    && data.data.fanwenku.query === query && JSON.stringify(data.data.fanwenku.filters) === JSON.stringify(chosen)
  window.__worker = worker
  await window.__ask({type: 0, data: {config: index.config, docs: index.docs, options: {suggest: false}}}, d => d.type === 1)
}
"""

# After WORKER_SETUP: every phrase asked `rounds` times (the first round not counted: it loads the index files).
WARM_PROBE = """
async ([phrases, rounds]) => {
  const times = []
  for (let round = 0; round < rounds; round++)
    for (const phrase of phrases) {
      const start = performance.now()
      await window.__ask({type: 2, data: phrase}, window.__answer(phrase, []))
      if (round) times.push(performance.now() - start)
    }
  window.__worker.terminate()
  return times
}
"""

# After WORKER_SETUP: one phrase (with a filter choice), its complete answer, and its result pages drawn up to `limit`
# (as Material and the page script draw them when the list is scrolled): the sections' locations, every page's
# number of sections (from the postings) and whether every page was drawn.
CHECK_PROBE = """
async ([phrase, chosen, limit]) => {
  window.__worker.postMessage({type: "fanwenku-filter", data: chosen})  /* no query yet: nothing runs */
  const reply = await window.__ask({type: 2, data: phrase}, window.__answer(phrase, chosen))
  const locations = []
  const pending = []
  reply.data.items.forEach((group, rank) => {  /* a placeholder is named by its place in the list */
    const found = /fw-search-pending" data-answer="(\\d+)"/.exec(group[0].text || "")
    if (found) pending.push([Number(found[1]), rank])
    else locations.push(...group.slice(1).map(item => item.location))
  })
  const drawing = pending.slice(0, Math.max(0, limit - (reply.data.items.length - pending.length)))
  for (let k = 0; k < drawing.length; k += 500) {
    const batch = drawing.slice(k, k + 500)
    const drawn = await window.__ask(
      {type: "fanwenku-draw", data: {answer: batch[0][0], ranks: batch.map(([, rank]) => rank)}},
      d => d.type === "fanwenku-drawn")
    for (const [, group] of drawn.data.groups) locations.push(...group.slice(1).map(item => item.location))
  }
  window.__worker.terminate()
  return {locations, sections: reply.data.fanwenku.sections, complete: drawing.length === pending.length}
}
"""


def location_of(href: str) -> str:
    """A result's location as the truth writes it: no query string, no empty fragment, not percent-encoded."""
    parts = urlsplit(href)
    return unquote(parts.path).lstrip("/") + (f"#{unquote(parts.fragment)}" if parts.fragment else "")


def checked(found: dict, truth: set[str]) -> tuple[set[str], set[str], bool]:
    """(our sections, the truth they are compared with, whether every page's count of sections is right). When not
    every result page was drawn (a phrase on tens of thousands of pages), the drawn pages are compared with the
    truth of those pages, and the counts of all of them with the truth's."""
    locations = {location_of(x) for x in found["locations"]}
    counts = sorted(sections_per_page(truth).values()) == sorted(found["sections"])
    if found["complete"]:
        return locations, truth, counts
    pages = {x.split("#")[0] for x in locations}
    return locations, {x for x in truth if x.split("#")[0] in pages}, counts


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


def measure_ours(browser, handler, base: str, site: Path, sample_url: str, truth: dict, facets: dict, limit: int):
    cold = [cold_query(browser, handler, base, sample_url, phrase, OURS) for phrase in PHRASES]

    def in_page(script: str, arg):
        context = browser.new_context(locale="zh-CN")
        page = context.new_page()
        page.set_default_timeout(1_800_000)
        page.goto(base + sample_url)
        page.evaluate(WORKER_SETUP)
        value = page.evaluate(script, arg)
        context.close()
        return value

    warm = sorted(in_page(WARM_PROBE, [PHRASES, WARM_ROUNDS]))
    groups = len(facets["asked"][0][1])
    asked = [(phrase, [[] for _ in range(groups)]) for phrase in PHRASES] + facets["asked"]
    truths = {phrase: truth[phrase] for phrase in PHRASES} | facets["truths"]
    found, compared, exact, drawn = {}, {}, [], []
    for phrase, chosen in asked:  # a fresh worker each: what drawing thousands of pages holds is let go
        key = phrase if not any(chosen) else f"{phrase}|{json.dumps(chosen, separators=(',', ':'))}"
        answer = in_page(CHECK_PROBE, [phrase, chosen, limit])
        found[key], compared[key], counts = checked(answer, truths[key])
        exact.append(counts)
        drawn.append(answer["complete"])
    row = search_row(cold, warm, found, compared)
    row["counts_exact"] = all(exact)  # every page of every answer with its right number of sections
    row["all_drawn"] = all(drawn)  # recall and precision over every section, else over the pages drawn
    return row


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


def run_size(browser, size: int, workdir: Path, budget: float, pagefind: bool, draw_limit: int) -> list[dict]:
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
        facets = filter_cases(site, catalog, truth)
        row.update(measure_ours(browser, handler, base, site, sample_url, truth, facets, draw_limit))
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


def index_only(count: int) -> dict:
    """The shard builder alone (no MkDocs) on the generated samples' text: its time and what it writes."""
    pages = search_pages(ROOT, count, SEED + count)
    text_mb = sum(len(s.title) + len(s.text) for p in pages for s in p.sections) * 3 / 1e6
    vocab = {facet: [t.name for t in load_library(ROOT, parts=()).vocab[facet]] for facet in FACETS}
    start, cpu = time.perf_counter(), time.process_time()
    index = build_index(pages, vocab)
    return {
        "samples": count,
        "sections": index.stats["sections"],
        "text_mb": text_mb,
        "index_s": time.perf_counter() - start,
        "index_cpu_s": time.process_time() - cpu,
        "files": len(index.files),
        "index_mb": index.stats["bytes"] / 1e6,
        "manifest_b": len(index.files[index.manifest].encode()),
    }


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
    head = (
        "| 范文篇数 | 构建 s（墙钟） | 构建 CPU s | 其中同类写法 s | 负载 | 峰值内存 MB | 网站 MB | 页数 | 最大页 KB"
        " | 最大页 | 页面 gzip 中位数 KB | 首次打开范文页 KB |"
    )
    lines = [head, "| " + " | ".join(["---"] * 12) + " |"]
    for r in rows:
        if r["engine"] != "本站":
            continue
        cells = [r["size"], r.get("build_s"), r.get("build_cpu_s"), r.get("similar_s"), r.get("load"), r.get("peak_mb")]
        cells += [r.get("site_mb")]
        cells += [r.get("pages"), r.get("largest_kb"), r.get("largest"), r.get("median_gz_kb"), r.get("first_view_kb")]
        lines.append("| " + " | ".join(fmt(c) for c in cells) + " |" + (f" {r['note']}" if r.get("note") else ""))
    return "\n".join(lines)


def search_table(rows: list[dict]) -> str:
    head = (
        "| 范文篇数 | 搜索 | 索引 s | 首屏结果前下载 KB（中位数/最大） | 每次查询共下载 KB（中位数/最大）"
        " | 冷启动首个结果 s（中位数/最大） | 冷启动全部结果 s（最大） | 热查询中位数 ms | 热查询 p95 ms"
        " | 召回率（节/页） | 准确率（节/页） | 每页节数全对 |"
    )
    lines = [head, "| " + " | ".join(["---"] * 12) + " |"]
    for r in rows:
        if "warm_median_ms" not in r:
            continue
        recall = f"{r['recall']:.1%} / {r['page_recall']:.1%}"
        precision = f"{r['precision']:.1%} / {r['page_precision']:.1%}"
        if r.get("all_drawn") is False:  # compared on the pages drawn (up to --draw-limit per answer)
            recall, precision = f"{recall}（已画出的页）", f"{precision}（已画出的页）"
        counts = {True: "是", False: "否"}.get(r.get("counts_exact"), "—")
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
            recall,
            precision,
            counts,
        ]
        lines.append("| " + " | ".join(str(c) for c in cells) + " |")
    return "\n".join(lines)


def index_table(rows: list[dict]) -> str:
    head = "| 范文篇数（只建索引） | 节数 | 正文 MB | 建索引 s | 建索引 CPU s | 文件数 | 索引 MB | 清单字节 |"
    lines = [head, "| " + " | ".join(["---"] * 8) + " |"]
    for r in rows:
        cells = [r["samples"], r["sections"], fmt(r["text_mb"]), fmt(r["index_s"]), fmt(r["index_cpu_s"])]
        cells += [r["files"], fmt(r["index_mb"]), r["manifest_b"]]
        lines.append("| " + " | ".join(str(c) for c in cells) + " |")
    return "\n".join(lines)


def main() -> None:
    numbers = lambda text: [int(x) for x in re.split(r"[,\s]+", text) if x]  # noqa: E731
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=numbers, nargs="+", help="library sizes to build (default 50 500 5000 50000)")
    parser.add_argument("--index-only", type=numbers, nargs="+", default=[], help="index-only rows (default none)")
    parser.add_argument("--budget", type=float, default=3600, help="seconds allowed for one build")
    parser.add_argument("--no-pagefind", action="store_true", help="leave Pagefind out (a quicker run)")
    parser.add_argument(
        "--draw-limit", type=int, default=6000, help="result pages drawn per answer to compare with the truth"
    )
    args = parser.parse_args()
    flat = lambda groups, default: [n for group in (groups or [default]) for n in group]  # noqa: E731
    sizes, index_sizes = flat(args.sizes, [50, 500, 5000, 50_000]), flat(args.index_only, [])
    from playwright.sync_api import sync_playwright

    OUT.mkdir(exist_ok=True)
    rows, index_rows = [], []
    record = OUT / "bench_library.json"

    def save() -> None:
        record.write_text(json.dumps({"sites": rows, "index_only": index_rows}, ensure_ascii=False, indent=1), "utf-8")

    print(f"load average at the start: {os.getloadavg()}", flush=True)
    with tempfile.TemporaryDirectory(prefix="fwk-library-") as tmp, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS, headless=True)
        for size in sizes:
            rows += run_size(browser, size, Path(tmp), args.budget, not args.no_pagefind, args.draw_limit)
            save()
        browser.close()
    for count in index_sizes:
        index_rows.append(index_only(count))
        show(index_rows[-1])
        save()
    print()
    print(site_table(rows))
    print()
    print(search_table(rows))
    if index_rows:
        print()
        print(index_table(index_rows))


if __name__ == "__main__":
    main()
