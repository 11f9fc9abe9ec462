"""How well the checker (公文体检) finds mistakes and how often it is wrong. Prints figures; exit 1 when a finding on a
real document has no verdict in the table (or a verdict has no finding), so the table is rechecked by hand.

    .venv/bin/python scripts/bench_corpus.py [--drafts FOLDER] [--real FOLDER] [--details]

1. The labelled drafts of templates_src/checker/corpus/ (or --drafts: another folder of drafts in the same format,
   such as one kept outside the repository): planted mistakes found per kind (recall), found at the level the norms
   give them, and every finding on a correct line (false 错误, false 建议 per 100 correct lines).
2. The real documents of ../shared/realdocs/ (or --real): each finding against its recorded verdict in
   templates_src/checker/corpus/realdocs.md: 错误 true or false, 建议 useful or not.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from macros.checker.cli import read_draft
from macros.checker.corpus import KINDS, judge, load_corpus, load_verdicts, measure, real_documents, real_findings
from macros.sources.library import load_library

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "templates_src" / "checker" / "corpus"
REAL = ROOT.parent / "shared" / "realdocs"


def percent(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f}%" if whole else "—"


def corpus_report(folder: Path, ruleset, details: bool) -> None:
    drafts = load_corpus(folder)
    result = measure(drafts, ruleset)
    planted = sum(result.planted.values())
    print(f"## 语料：{folder}（{len(drafts)} 篇，埋错 {planted} 处，正确的行 {result.correct_lines} 行）\n")
    print("| 类 | 埋错 | 查出 | 召回率 | 按应有级别查出 |")
    print("| --- | --- | --- | --- | --- |")
    for kind in KINDS:
        n, found, level = result.planted[kind], result.found[kind], result.at_level[kind]
        print(f"| {kind} | {n} | {found} | {percent(found, n)} | {level} |")
    found = sum(result.found.values())
    level = sum(result.at_level.values())
    print(f"| 合计 | {planted} | {found} | {percent(found, planted)} | {level} |\n")
    errors, advice = result.false_of("错误"), result.false_of("建议")
    per_100 = 100 * len(advice) / result.correct_lines if result.correct_lines else 0
    print(f"正确的行上：误报“错误” {len(errors)} 处，误报“建议” {len(advice)} 处（每 100 行 {per_100:.2f} 处）。\n")
    if details:
        for p in result.missed:
            print(f"- 漏报 {p.draft}:{p.line} [{p.kind}] “{p.wrong}”：{p.text}")
        for p in result.low:
            print(f"- 只报成建议 {p.draft}:{p.line} [{p.kind}] “{p.wrong}”")
        for name, line, f in result.false:
            print(f"- 误报 {name}:{line} {f.level} [{f.rule}] {f.message}")
        print()


def real_report(folder: Path, ruleset) -> int:
    paths = real_documents(folder)
    characters = sum(len(read_draft(p.name, p.read_bytes())) for p in paths)
    found = real_findings(folder, ruleset)
    judged = judge(found, load_verdicts(CORPUS / "realdocs.md"))
    errors = sum(n for (level, _), n in judged.counts.items() if level == "错误")
    advice = sum(n for (level, _), n in judged.counts.items() if level == "建议")
    print(f"## 真实文稿：{folder}（{len(paths)} 份，共 {characters:,} 字）\n")
    print(f"- “错误” {errors} 处：真 {judged.counts[('错误', '真')]}，假 {judged.counts[('错误', '假')]}")
    print(
        f"- “建议” {advice} 处：有用 {judged.counts[('建议', '有用')]}，无用 {judged.counts[('建议', '无用')]}"
        f"（有用 {percent(judged.counts[('建议', '有用')], advice)}）"
    )
    for real in judged.unjudged:
        f = real.finding
        print(f"- 没有核对结论：{real.file} 第{f.line}行第{f.column}字 {f.level} [{f.rule}] “{real.text}”")
    for verdict in judged.stale:
        print(f"- 核对表里有、实际没有查出：{verdict.file} 第{verdict.line}行第{verdict.column}字 [{verdict.rule}]")
    if judged.unjudged or judged.stale:
        print("\n核对表（templates_src/checker/corpus/realdocs.md）要按上面几处重新核对。")
        return 1
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--drafts", type=Path, default=CORPUS, help="a folder of labelled drafts (default: ours)")
    parser.add_argument("--real", type=Path, default=REAL, help="the folder of real documents")
    parser.add_argument("--details", action="store_true", help="list every miss and every false finding")
    args = parser.parse_args()
    wall, cpu = time.perf_counter(), time.process_time()
    ruleset = load_library(ROOT, parts=("checker",)).ruleset
    print(
        f"规则 {len(ruleset.rules)} 条（错误 {sum(r.level == '错误' for r in ruleset.rules)} 条），词表 {len(ruleset.words)} 条\n"
    )
    corpus_report(args.drafts, ruleset, args.details)
    status = real_report(args.real, ruleset)
    print(f"\n用时：{time.perf_counter() - wall:.1f} s（CPU {time.process_time() - cpu:.1f} s）")
    return status


if __name__ == "__main__":
    sys.exit(main())
