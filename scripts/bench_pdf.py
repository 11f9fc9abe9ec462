"""How many paragraphs of a Word file survive its PDF: each real .docx of ../shared/ is exported to PDF by LibreOffice
(headless, as an office would), both are imported, and the .docx's paragraphs (title and text, as the importer keeps
them) are looked up verbatim among the PDF's (docs/weihu/daoru.md: PDF 和 OFD). Prints one line per file, wall and CPU time.

    .venv/bin/python scripts/bench_pdf.py [--keep 文件夹]    # --keep: leave the PDFs there
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections import Counter
from pathlib import Path

from macros.harness.office import convert
from macros.importer.run import read_document

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
TARGET = 0.98


def paragraphs(path: Path) -> list[str]:
    draft = read_document(path, True, {})
    return [draft.title, *draft.lines]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--keep", type=Path, help="leave the exported PDFs in this folder")
    args = parser.parse_args()
    docx = sorted(p for folder in ("realdocs", "import-samples") for p in (SHARED / folder).glob("*.docx"))
    with tempfile.TemporaryDirectory() as work:
        out = args.keep or Path(work)
        out.mkdir(parents=True, exist_ok=True)
        wall = time.perf_counter()
        convert(docx, "pdf", out)
        print(f"LibreOffice 导出 {len(docx)} 个 PDF：{time.perf_counter() - wall:.1f} s（墙钟）\n")
        print("| 文件 | .docx 段落 | PDF 段落 | 逐字相同 | 比例 | 读 PDF 墙钟 s | CPU s |")
        print("| --- | --- | --- | --- | --- | --- | --- |")
        below = []
        for path in docx:
            pdf = out / f"{path.stem}.pdf"
            wall, cpu = time.perf_counter(), time.process_time()
            found = paragraphs(pdf)
            wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
            wanted = paragraphs(path)
            left = Counter(found)
            kept = 0
            for paragraph in wanted:
                if left[paragraph]:
                    left[paragraph] -= 1
                    kept += 1
            share = kept / len(wanted)
            below += [path.name] if share < TARGET else []
            print(f"| {path.name} | {len(wanted)} | {len(found)} | {kept} | {share:.1%} | {wall:.2f} | {cpu:.2f} |")
    print(f"\n目标：每个文件 ≥ {TARGET:.0%}。" + (f"未达到：{'、'.join(below)}" if below else "全部达到。"))
    return 1 if below else 0


if __name__ == "__main__":
    raise SystemExit(main())
