"""Benchmark and report for the draft checker (公文体检). Prints figures; it is not a test.

    .venv/bin/python scripts/bench_checker.py [--runs 20]

1. Findings per rule on the six samples (each sample's text one paragraph per line, as the sample pages check it).
2. Time to check a 20,000-character draft (the samples' paragraphs, shuffled with a fixed seed, until 20,000
   characters): the Python engine (what the CLI runs) in this process, the whole CLI as a fresh process, and the
   JavaScript engine in headless Chromium (first run, which compiles the patterns, and the median after it).
3. Bad input: what the CLI and the browser's .docx reader say for a binary file, an empty file, 10 MB of text
   and a corrupt .docx (exit status and the one line on standard error; never a traceback).
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from macros.build.scripts import TWIN_BY_PATH
from macros.checker.engine import check
from macros.checker.publish import rules_script
from macros.harness.chromium import CHROMIUM_ARGS
from macros.pages.checker_panel import sample_text
from macros.sources.library import load_library

ROOT = Path(__file__).resolve().parent.parent
SEED = 20261202
DRAFT_CHARS = 20_000


def draft_of(catalog, chars: int) -> str:
    paragraphs = [b.text for s in catalog.samples for b in s.blocks]
    rng = random.Random(SEED)
    out: list[str] = []
    while sum(len(p) + 1 for p in out) < chars:
        out.append(rng.choice(paragraphs))
    return "\n".join(out)[:chars]


def per_rule(catalog, ruleset) -> None:
    samples = sorted(catalog.samples, key=lambda s: s.text_path.stem)
    stems = [s.text_path.stem for s in samples]
    counts = {s.text_path.stem: Counter(f.rule for f in check(sample_text(s), ruleset)) for s in samples}
    print("## 六篇范文上每条规则的结果数\n")
    print("| 规则 | 级别 | " + " | ".join(stems) + " | 合计 |")
    print("| --- | --- | " + " | ".join("---" for _ in stems) + " | --- |")
    totals = Counter()
    for rule in ruleset.rules:
        row = [counts[s][rule.id] for s in stems]
        if sum(row):
            print(f"| {rule.id} | {rule.level} | " + " | ".join(map(str, row)) + f" | {sum(row)} |")
        totals[rule.level] += sum(row)
    silent = [r.id for r in ruleset.rules if not any(counts[s][r.id] for s in stems)]
    print(
        f"\n合计：错误 {totals['错误']} 处（全部人工核对为真，见 templates_src/checker/README.md），建议 {totals['建议']} 处；"
    )
    print(f"在六篇范文上没有结果的规则 {len(silent)} 条（它们的错例仍由测试逐条核对）。\n")


def python_timing(draft: str, ruleset, runs: int) -> None:
    check(draft, ruleset)  # compile the patterns once, as the CLI does on its first file
    times, cpu = [], []
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), time.process_time()
        found = check(draft, ruleset)
        times.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
    print(
        f"Python 引擎（命令行用的）：{len(draft)} 字、{len(found)} 条结果，中位数 {statistics.median(times):.1f} ms"
        f"（CPU {statistics.median(cpu):.1f} ms），最快 {min(times):.1f} ms，最慢 {max(times):.1f} ms（{runs} 次；"
        "机器和别人共用时墙钟时间会比 CPU 时间长）"
    )
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "draft.txt"
        path.write_text(draft, encoding="utf-8")
        walls = []
        for _ in range(3):
            start = time.perf_counter()
            subprocess.run([sys.executable, "-m", "macros.checker.cli", path], capture_output=True)
            walls.append(time.perf_counter() - start)
    print(f"整个命令行进程（含启动 Python、载入规则）：中位数 {statistics.median(walls):.2f} s（3 次）")


def browser_timing(draft: str, ruleset, runs: int) -> None:
    from playwright.sync_api import sync_playwright

    chromium = os.environ.get("CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS, headless=True)
        page = browser.new_page()
        page.goto("about:blank")
        page.add_script_tag(content=rules_script(ruleset))
        page.add_script_tag(path=str(ROOT / "docs/assets/vendor/fflate/fflate.min.js"))
        for twin in ("macros/checker/engine.js", "macros/word/read.js"):  # as the build publishes them
            page.add_script_tag(content=TWIN_BY_PATH[twin].source())
        first, times, count = page.evaluate(
            """([text, runs]) => {
                 const rules = window.fanwenkuCheckerRules, checker = window.fanwenkuChecker;
                 let t = performance.now(); const found = checker.check(text, rules);
                 const first = performance.now() - t; const times = [];
                 for (let i = 0; i < runs; i++) {
                   t = performance.now(); checker.check(text, rules); times.push(performance.now() - t);
                 }
                 return [first, times, found.length];
               }""",
            [draft, runs],
        )
        errors = {}
        for name, data in (
            ("二进制文件", bytes(range(256)) * 40),
            ("空文件", b""),
            ("损坏的 .docx", b"PK\x03\x04" + b"\0" * 64),
        ):
            errors[name] = page.evaluate(
                "bytes => { try { window.fanwenkuDocxText(new Uint8Array(bytes).buffer); return '（读出了）'; }"
                " catch (e) { return e.message; } }",
                list(data),
            )
        version = browser.version
        browser.close()
    print(
        f"JavaScript 引擎（Chromium {version}）：{count} 条结果，第一次（含编译规则）{first:.1f} ms，"
        f"之后中位数 {statistics.median(times):.1f} ms，最慢 {max(times):.1f} ms（{runs} 次）\n"
    )
    print("## 坏输入：网页打开 .docx 时\n")
    for name, message in errors.items():
        print(f"- {name}：{message}")


def bad_inputs() -> None:
    print("\n## 坏输入：命令行（scripts/check）\n")
    cases = {
        "binary.bin": bytes(range(256)) * 400,
        "empty.txt": b"",
        "ten-mb.txt": ("加强领导，落实责任。".encode() + b"\n") * (10_000_000 // 31),
        "corrupt.docx": b"PK\x03\x04" + b"\0" * 200,
    }
    with tempfile.TemporaryDirectory() as tmp:
        for name, data in cases.items():
            path = Path(tmp) / name
            path.write_bytes(data)
            start = time.perf_counter()
            result = subprocess.run([sys.executable, "-m", "macros.checker.cli", path], capture_output=True, text=True)
            seconds = time.perf_counter() - start
            traceback = "有 traceback！" if "Traceback" in result.stderr else "无 traceback"
            message = result.stderr.strip().replace(str(path), name)
            print(
                f"- {name}（{len(data):,} 字节）：退出码 {result.returncode}，{seconds:.2f} s，{traceback}：{message}"
            )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20, help="timed runs after the first (default 20)")
    args = parser.parse_args()
    catalog = load_library(ROOT)
    ruleset = catalog.ruleset
    print(
        f"规则 {len(ruleset.rules)} 条（错误 {sum(r.level == '错误' for r in ruleset.rules)} 条），词表 {len(ruleset.words)} 条\n"
    )
    per_rule(catalog, ruleset)
    draft = draft_of(catalog, DRAFT_CHARS)
    print("## 检查一篇 2 万字的文稿\n")
    python_timing(draft, ruleset, args.runs)
    browser_timing(draft, ruleset, args.runs)
    bad_inputs()
    return 0


if __name__ == "__main__":
    sys.exit(main())
