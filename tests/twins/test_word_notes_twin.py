"""The Word writers' twins agree: annotate.js writes the same comments copy and the same tracked-changes copy of a
.docx as annotate.py (every part, in the same order, byte for byte), or refuses it with the same words; on the real
documents of ../shared/, the trap packages and generated ones with the checker's findings and arbitrary spans."""

from __future__ import annotations

import io
import random
import zipfile
from pathlib import Path

from docx_traps import (
    BODY,
    GONGWEN_LEVELS,
    LISTS,
    READER_TRAPS,
    RESTART,
    footnotes,
    numbering,
    p,
    package,
    run,
    textbox,
)
from hypothesis import given, settings
from hypothesis import strategies as st
from node_runner import GENERATED, as_bytes, first_difference, node, twin_scripts

from macros.checker.engine import check
from macros.sources.errors import ReadError
from macros.sources.library import load_library
from macros.word.annotate import comment_docx, fix_docx
from macros.word.read import read_text

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"
NODE_SCRIPTS = twin_scripts("macros/checker/engine.js", "macros/word/read.js", "macros/word/annotate.js")
RULESET = load_library(ROOT, parts=("checker",)).ruleset
DATE = "2026-12-06T10:00:00Z"
WRITERS = {"comments": comment_docx, "fixes": fix_docx}


def parts(data: bytes) -> list[tuple[str, bytes]]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return [(info.filename, archive.read(info)) for info in archive.infolist()]


def findings_of(data: bytes, seed: int | None = None) -> list[dict]:
    """The checker's findings on the file's text, and with a seed also arbitrary spans on its lines (with a fix, an
    empty fix or none), so that runs are cut anywhere."""
    try:
        text = read_text(data)["text"]
    except ReadError:
        return []
    found = [f.as_dict() for f in check(text, RULESET)]
    if seed is not None:
        rng = random.Random(seed)
        for number, line in enumerate(text.split("\n"), start=1):
            if line and rng.random() < 0.6:
                start = rng.randint(1, len(line))
                end = rng.randint(start + 1, len(line) + 1)
                fix = rng.choice([None, "", "改", "&<甲>"])
                found.append(
                    {
                        "line": number,
                        "column": start,
                        "end_column": end,
                        "rule": "test",
                        "level": rng.choice(["错误", "建议"]),
                        "message": "测试 $1 & <说明>",
                        "fix": fix,
                        "basis": "依据",
                    }
                )
    return found


def python_writes(kind: str, data: bytes, findings: list[dict]):
    try:
        return parts(WRITERS[kind](data, findings, DATE))
    except ReadError as error:
        return {"error": {"problem": error.problem, "fix": error.fix}}


def browser_writes(node, kind: str, cases: list[tuple[bytes, list[dict]]]) -> list:
    answers = node.calls(f"fanwenkuWordNotes.{kind}", [[as_bytes(data), found, DATE] for data, found in cases])
    return [
        {"error": {k: a["error"][k] for k in ("problem", "fix")}} if isinstance(a, dict) else parts(bytes(a))
        for a in answers
    ]


def agree(node, cases: list[tuple[bytes, list[dict]]]) -> None:
    for kind in WRITERS:
        python = [python_writes(kind, data, found) for data, found in cases]
        different = first_difference(cases, python, browser_writes(node, kind, cases), show=lambda c: len(c[1]))
        assert different is None, f"{kind}: {different}"


def test_the_writers_agree_on_the_real_documents_and_the_traps(node):
    files = sorted((SHARED / "realdocs").glob("*.docx")) + sorted((SHARED / "import-samples").glob("*.docx"))
    cases = [(path.read_bytes(), findings_of(path.read_bytes())) for path in files]
    cases += [(data, findings_of(data, seed)) for seed, data in enumerate(READER_TRAPS.values())]
    assert sum(len(found) for _, found in cases) > 50
    agree(node, cases)


def test_a_text_box_and_a_tracked_change_are_refused_or_left_alone_alike(node):
    box = package(p("正文,第一段。", raw=textbox(p("文本框里,也有逗号。"))) + p("第二段,好。"))
    tracked = package(p("已有修订", raw=f'<w:ins w:id="1" w:author="甲">{run("插入的")}</w:ins>'))
    agree(node, [(box, findings_of(box, 3)), (tracked, findings_of(tracked))])
    assert "error" in python_writes("comments", tracked, [])


# Generated packages: the reader's pool (tests/twins/test_word_read_twin.py) without tracked changes, which a writer
# refuses, and with runs the writer must cut and copy: formatting, several w:t, fields, bookmarks, hyperlinks.
FORMATTED = [
    '<w:r><w:rPr><w:b/><w:color w:val="FF0000"/></w:rPr><w:t>加粗,红字</w:t><w:t xml:space="preserve"> 两段</w:t></w:r>',
    '<w:r><w:rPr><w:rFonts w:eastAsia="仿宋_GB2312"/></w:rPr><w:t>仿宋：2021-2025年</w:t></w:r>',
    '<w:bookmarkStart w:id="0" w:name="a"/><w:r><w:t>书签里,的字</w:t></w:r><w:bookmarkEnd w:id="0"/>',
    '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r>'
    '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>3,4</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>',
    '<w:hyperlink r:id="rId9"><w:r><w:t>链接,里</w:t></w:r><w:r><w:rPr><w:i/></w:rPr><w:t>的字</w:t></w:r></w:hyperlink>',
    '<w:proofErr w:type="spellStart"/><w:r><w:t>（一）、加强&amp;领导</w:t></w:r><w:proofErr w:type="spellEnd"/>',
]
POOL = [f for f in BODY if "w:ins" not in f and "w:del" not in f]
POOL += [p("加强领导,落实责任", raw="".join(FORMATTED[i : i + 2])) for i in range(len(FORMATTED))]


@st.composite
def clean_packages(draw) -> bytes:
    return package(
        "".join(draw(st.lists(st.sampled_from(POOL), min_size=1, max_size=8))),
        numbering_xml=numbering(
            {1: GONGWEN_LEVELS, 2: draw(st.sampled_from(LISTS))},
            {1: (1, ""), 2: (2, ""), 3: (1, RESTART if draw(st.booleans()) else "")},
        ),
        footnotes_xml=footnotes({1: "注一", 2: "注二"}) if draw(st.booleans()) else None,
    )


BATCH = 20
EXAMPLES = 50  # 1,000 generated packages, each written twice (comments and fixes) by both engines


@settings(GENERATED, max_examples=EXAMPLES)
@given(st.lists(clean_packages(), min_size=BATCH, max_size=BATCH), st.integers(0, 2**16))
def test_the_writers_agree_on_generated_packages(node, files, seed):
    agree(node, [(data, findings_of(data, seed + n)) for n, data in enumerate(files)])
