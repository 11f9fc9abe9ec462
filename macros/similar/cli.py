"""scripts/similar: where a draft's paragraphs were written before (docs/weihu/tonglei.md).

    scripts/similar FILE... [--json] [--top N]

FILE is a .txt or .docx (read as the checker reads drafts: macros/checker/cli.py read_draft), or - for standard
input. The library is read from templates_src/ (no built site needed). For each paragraph of the draft long enough to
compare, its most similar paragraphs in the library, near-copies first. Human output: the paragraph's line, then one
line per neighbour (《title》第 N 段, score, 近乎相同). With --json: {file: [{line, text, similar: [{slug, title,
anchor, score, near_copy}]}]} (for one file, just its list). Exit status: 0 no near-copy, 1 some paragraph is a
near-copy of the library's, 2 a file could not be read.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from macros.checker.cli import load_draft, read_draft
from macros.similar.neighbours import NEIGHBOURS, similar_to
from macros.similar.passages import MIN_CHARS, library_passages
from macros.similar.publish import MIN_SCORE
from macros.sources.errors import LocatedError, ReadError
from macros.sources.library import PROJECT, load_library


def draft_paragraphs(text: str) -> list[tuple[int, str]]:
    """(line, text) of the draft's paragraphs long enough to compare."""
    return [(n, line.strip()) for n, line in enumerate(text.split("\n"), 1) if len(line.strip()) >= MIN_CHARS]


def main(argv: list[str] | None = None, project: Path = PROJECT) -> int:
    parser = argparse.ArgumentParser(
        prog="similar",
        description="找出文稿的每一段在范文库里最相近的段落（近乎相同的排在前面），看看哪些段落以前写过、照搬了哪一篇。",
        epilog="例：scripts/similar 总结.docx；scripts/similar 要点.txt --json --top 3。"
        "退出码：0 没有近乎相同的段落，1 有段落与库里的近乎相同，2 有文件读不出来。",
    )
    parser.add_argument("files", nargs="+", metavar="FILE", help=".txt、.docx 文件，或 - 表示标准输入")
    parser.add_argument("--json", action="store_true", help="输出 JSON")
    parser.add_argument("--top", type=int, default=NEIGHBOURS, metavar="N", help=f"每段列几个（默认 {NEIGHBOURS}）")
    args = parser.parse_args(argv)
    try:
        library = load_library(project, parts=("samples",))
    except LocatedError as error:
        print(error, file=sys.stderr)
        return 2
    passages = library_passages(library.samples)
    titles = {s.slug: s.title for s in library.samples}
    unreadable = near = False
    results: dict[str, list[dict]] = {}
    for name in args.files:
        try:
            text = read_draft(name, load_draft(name))
        except ReadError as error:
            print(error, file=sys.stderr)
            unreadable = True
            continue
        paragraphs = draft_paragraphs(text)
        found = similar_to([t for _, t in paragraphs], passages, top=max(1, args.top)) if passages else []
        shown = []
        for (line, paragraph), neighbours in zip(paragraphs, found, strict=True):
            similar = [
                {
                    "slug": passages[n.passage].slug,
                    "title": titles[passages[n.passage].slug],
                    "anchor": passages[n.passage].anchor,
                    "score": n.score,
                    "near_copy": n.near,
                }
                for n in neighbours
                if n.score >= MIN_SCORE
            ]
            near = near or any(s["near_copy"] for s in similar)
            shown.append({"line": line, "text": paragraph, "similar": similar})
        results[name] = shown
        if not args.json:
            for item in shown:
                print(f"{name}:{item['line']}: {item['text'][:30]}{'…' if len(item['text']) > 30 else ''}")
                for s in item["similar"]:
                    mark = "  近乎相同" if s["near_copy"] else ""
                    print(
                        f"    《{s['title']}》第 {s['anchor'][1:]} 段（{s['slug']}#{s['anchor']}）相似度 {s['score']:.2f}{mark}"
                    )
            copies = sum(1 for item in shown if any(s["near_copy"] for s in item["similar"]))
            print(f"{name}: {len(shown)} 段，其中 {copies} 段与库里的段落近乎相同。")
    if args.json:
        print(
            json.dumps(
                next(iter(results.values()), []) if len(args.files) == 1 else results, ensure_ascii=False, indent=1
            )
        )
    return 2 if unreadable else 1 if near else 0


if __name__ == "__main__":
    sys.exit(main())
