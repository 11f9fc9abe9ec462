#!/usr/bin/env python3
"""Benchmark the importer: 300 generated Word files imported, then the library built strictly.

    .venv/bin/python scripts/bench_import.py [--count 300] [--seed 7] [--keep DIR]

The files are made with python-docx from the real samples' paragraphs (templates_src/samples/*.txt), shuffled
with a fixed seed: every third document numbers its headings with Word's automatic numbering (一、 （一）
from numbering.xml, not typed), every fourth has a table, every fifth a text box (stored twice, as Word does).
They are imported into a temporary copy of the project (never into this checkout), once and then again (the
re-run finds only duplicates), and the copy is built with ``mkdocs build --strict``. Prints the figures.
Target (issue 13): at least 20 documents a second, and the build passes.
"""

from __future__ import annotations

import argparse
import io
import random
import re
import shutil
import sys
import tempfile
import time
from pathlib import Path

import docx
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

from macros.harness.project import copy_project, run_build
from macros.importer.run import import_files

ROOT = Path(__file__).resolve().parent.parent
PLACES = ["青山县", "临河县", "东湖区", "江北市", "南塘镇", "西园街道", "海林市", "商城县"]
KINDS = ["工作总结", "工作要点", "工作思路", "情况汇报", "讲话"]
TOPICS = ["招商引资", "农业产业化", "文旅融合", "新区建设", "项目建设"]
_TYPED = [re.compile(r"^[一二三四五六七八九十]+、"), re.compile(r"^[（(][一二三四五六七八九十]+[）)]")]
_LEVELS = (
    '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>'
    '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>'
)
ABSTRACT_ID, NUM_ID = "90", "90"


def real_paragraphs() -> list[str]:
    lines = []
    for path in sorted((ROOT / "templates_src" / "samples").glob("*.txt")):
        lines.extend(line for line in path.read_text(encoding="utf-8").splitlines() if line.strip())
    return lines


def add_numbering(document) -> None:
    """A 公文 outline list (一、 （一）) in the document's numbering part."""
    numbering = document.part.numbering_part.element
    abstract = parse_xml(f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{ABSTRACT_ID}">{_LEVELS}</w:abstractNum>')
    first_num = numbering.find(qn("w:num"))
    if first_num is not None:
        first_num.addprevious(abstract)
    else:
        numbering.append(abstract)
    numbering.append(
        parse_xml(f'<w:num {nsdecls("w")} w:numId="{NUM_ID}"><w:abstractNumId w:val="{ABSTRACT_ID}"/></w:num>')
    )


def numbered(paragraph, level: int) -> None:
    ppr = paragraph._p.get_or_add_pPr()
    ppr.append(parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/><w:numId w:val="{NUM_ID}"/></w:numPr>'))


def text_box(paragraph, lines: list[str]) -> None:
    """A floating text box as Word 2010+ saves it: the wps shape and its VML fallback, same text in both."""
    content = "".join(f"<w:p><w:r><w:t>{line}</w:t></w:r></w:p>" for line in lines)
    xml = (
        f'<w:r {nsdecls("w")} xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
        'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
        'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
        'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" xmlns:v="urn:schemas-microsoft-com:vml">'
        '<mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor distT="0" distB="0" distL="0" distR="0" '
        'simplePos="0" relativeHeight="1" behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1"><wp:simplePos x="0" y="0"/>'
        '<wp:positionH relativeFrom="page"><wp:posOffset>900000</wp:posOffset></wp:positionH>'
        '<wp:positionV relativeFrom="page"><wp:posOffset>900000</wp:posOffset></wp:positionV><wp:extent cx="5000000" cy="600000"/>'
        '<wp:wrapNone/><wp:docPr id="1" name="文本框 1"/><a:graphic><a:graphicData '
        'uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:wsp><wps:cNvSpPr txBox="1"/><wps:spPr/>'
        f"<wps:txbx><w:txbxContent>{content}</w:txbxContent></wps:txbx><wps:bodyPr/></wps:wsp></a:graphicData></a:graphic>"
        "</wp:anchor></w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox>"
        f"<w:txbxContent>{content}</w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>"
    )
    paragraph._p.append(parse_xml(xml))


def make_document(i: int, paragraphs: list[str], rng: random.Random) -> bytes:
    document = docx.Document()
    place, kind, topic = rng.choice(PLACES), rng.choice(KINDS), rng.choice(TOPICS)
    year = rng.randint(2015, 2024)
    if i % 3 == 0:
        add_numbering(document)
    first = document.add_paragraph()
    if i % 5 == 0:
        text_box(first, [f"{place}人民政府文件", f"{place[:1]}政发〔{year}〕{i}号"])
    title = document.add_paragraph(f"{place}{year}年{topic}{kind}（第{i}号）")
    title.alignment = 1
    for text in rng.sample(paragraphs, rng.randint(12, 30)):
        typed = next((n for n, p in enumerate(_TYPED) if p.match(text)), None)
        if i % 3 == 0 and typed is not None:
            numbered(document.add_paragraph(_TYPED[typed].sub("", text)), typed)
        else:
            document.add_paragraph(text)
    if i % 4 == 0:
        table = document.add_table(rows=3, cols=3)
        for r, row in enumerate([["项目", "计划", "完成"], ["签约项目", "20", "18"], ["到位资金", "30", str(i)]]):
            for c, value in enumerate(row):
                table.cell(r, c).text = value
    document.add_paragraph(f"{place}人民政府")
    document.add_paragraph(f"{year}年12月{1 + i % 28}日")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=300)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--keep", type=Path, help="leave the generated project here instead of a temporary folder")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="fanwenku-bench-import-")) if args.keep is None else args.keep
    try:
        return run(work, args.count, args.seed)
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)


def run(work: Path, count: int, seed: int) -> int:
    project = copy_project(work / "project")
    inputs = work / "in"
    inputs.mkdir(exist_ok=True)
    rng = random.Random(seed)
    paragraphs = real_paragraphs()
    started = time.perf_counter()
    for i in range(1, count + 1):
        (inputs / f"{i:03d}.docx").write_bytes(make_document(i, paragraphs, rng))
    generated = time.perf_counter() - started
    files = sorted(inputs.iterdir())
    size = sum(f.stat().st_size for f in files)
    samples = project / "templates_src" / "samples"

    started = time.perf_counter()
    batch = import_files(files, samples, project=project, echo=lambda line: None)
    first = time.perf_counter() - started
    started = time.perf_counter()
    again = import_files(files, samples, project=project, echo=lambda line: None)
    second = time.perf_counter() - started

    out = work / "site"
    started = time.perf_counter()
    build = run_build(project, out)
    built = time.perf_counter() - started
    warnings = [line for line in build.stderr.splitlines() if "WARNING" in line]
    pages = len(list(out.rglob("index.html"))) if out.exists() else 0

    imported = batch.count("imported")
    pending = sum(1 for r in batch.results if r.pending)
    print(
        f"生成：{count} 个 .docx（{size / 2**20:.1f} MB），{generated:.1f} s；自动编号 {count // 3}、表格 {count // 4}、文本框 {count // 5} 个"
    )
    print(
        f"导入：{imported} 篇导入、{batch.count('duplicate')} 篇重复、{batch.count('failed')} 个失败，"
        f"{first:.2f} s，{count / first:.1f} 篇/s（目标 ≥ 20 篇/s）；{pending} 篇有待确认的元数据"
    )
    print(
        f"再导入一遍：{again.count('duplicate')} 篇重复、{again.count('imported')} 篇导入，{second:.2f} s，{count / second:.1f} 篇/s"
    )
    print(f"严格构建：{'通过' if build.returncode == 0 and not warnings else '失败'}，{built:.1f} s，{pages} 个页面")
    if build.returncode or warnings:
        print(build.stdout[-3000:] + build.stderr[-3000:], file=sys.stderr)
        return 1
    failed = [r for r in batch.results if r.status != "imported"]
    for result in failed[:5]:
        print(f"  {result.status}: {result.path.name} {result.message}", file=sys.stderr)
    return 0 if imported == count and again.count("duplicate") == count else 1


if __name__ == "__main__":
    sys.exit(main())
