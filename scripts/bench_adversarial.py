"""Benchmark: the checker on adversarial text, in both engines. Prints figures; it is not a test.

    .venv/bin/python scripts/bench_adversarial.py [--sizes 10000 100000 1000000] [--timeout 120]

Each kind of text a hostile or unlucky draft can hold is made at each size (characters) and checked by the Python
engine (in this process) and by the JavaScript engine (engine.js as the build publishes it, in Node: the same V8
as Chromium), then every fix is applied. A check that grows with the square of the text shows here: ten times the
text must take about ten times as long. Wall and CPU seconds are printed side by side (the machine is shared).
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from macros.build.scripts import TWIN_BY_PATH
from macros.checker.engine import apply_fixes, check
from macros.checker.publish import rules_script
from macros.sources.library import load_library

ROOT = Path(__file__).resolve().parent.parent

# name -> a piece repeated until the size is reached
KINDS = {
    "一个字符连写（、）": "、",
    "半角逗号（需改正的一处处）": "好,",
    "长串数字": "1",
    "长串星号和数字": "1*",
    "深层括号（（…））": None,  # half opening, half closing
    "很多短行": "（一）好\n",
    "书名号里只写文种": "《通知》",
    "重复的常用表述": "强势推进,",
}

NODE_SCRIPT = """
const fs = require("fs");
const vm = require("vm");
const job = JSON.parse(fs.readFileSync(process.argv[1], "utf8"));
const context = vm.createContext({});
for (const script of job.scripts) vm.runInContext(script, context);
const checker = context.fanwenkuChecker;
const rules = context.fanwenkuCheckerRules;
const text = fs.readFileSync(process.argv[2], "utf8");
const cpu = process.cpuUsage();
let wall = performance.now();
const found = checker.check(text, rules);
const checkWall = performance.now() - wall;
wall = performance.now();
checker.applyFixes(text, found);
const fixWall = performance.now() - wall;
const used = process.cpuUsage(cpu);
console.log(JSON.stringify({findings: found.length, check: checkWall / 1000, fix: fixWall / 1000,
  cpu: (used.user + used.system) / 1e6}));
"""


def text_of(kind: str, size: int) -> str:
    piece = KINDS[kind]
    if piece is None:
        return "（" * (size // 2) + "）" * (size - size // 2)
    return (piece * (size // len(piece) + 1))[:size]


def python_run(text: str, ruleset) -> tuple[int, float, float, float]:
    cpu, wall = time.process_time(), time.perf_counter()
    found = check(text, ruleset)
    checked = time.perf_counter() - wall
    wall = time.perf_counter()
    apply_fixes(text, found)
    return len(found), checked, time.perf_counter() - wall, time.process_time() - cpu


def node_run(job: Path, text: str, timeout: float) -> tuple[int, float, float, float] | str:
    node = shutil.which("node")
    if node is None:
        return "没有 Node.js"
    with tempfile.NamedTemporaryFile("w", encoding="utf-8", suffix=".txt", delete=False) as draft:
        draft.write(text)
    try:
        result = subprocess.run(
            [node, "-e", NODE_SCRIPT, str(job), draft.name], capture_output=True, text=True, timeout=timeout
        )
    except subprocess.TimeoutExpired:
        return f"超过 {timeout:.0f} s"
    finally:
        Path(draft.name).unlink()
    if result.returncode:
        return "出错：" + result.stderr.strip().splitlines()[-1]
    data = json.loads(result.stdout)
    return data["findings"], data["check"], data["fix"], data["cpu"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--timeout", type=float, default=120, help="seconds the JavaScript engine may take per text")
    args = parser.parse_args()
    library = load_library(ROOT, parts=("checker",))
    ruleset = library.ruleset
    with tempfile.TemporaryDirectory() as tmp:
        job = Path(tmp) / "job.json"
        job.write_text(
            json.dumps({"scripts": [rules_script(ruleset), TWIN_BY_PATH["macros/checker/engine.js"].source()]}),
            encoding="utf-8",
        )
        print("| 文字 | 字数 | 结果数 | Python 检查 | Python 改正 | Python CPU | JS 检查 | JS 改正 | JS CPU |")
        print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
        for kind in KINDS:
            for size in args.sizes:
                text = text_of(kind, size)
                count, checked, fixed, cpu = python_run(text, ruleset)
                js = node_run(job, text, args.timeout)
                js_cells = js if isinstance(js, str) else f"{js[1]:.3f} s | {js[2]:.3f} s | {js[3]:.2f} s"
                if isinstance(js, str):
                    js_cells = f"{js} | | "
                elif js[0] != count:
                    js_cells += f"（结果数不同：{js[0]}）"
                print(
                    f"| {kind} | {size:,} | {count:,} | {checked:.3f} s | {fixed:.3f} s | {cpu:.2f} s | {js_cells} |",
                    flush=True,
                )
    return 0


if __name__ == "__main__":
    sys.exit(main())
