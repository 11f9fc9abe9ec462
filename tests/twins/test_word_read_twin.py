"""The Word reader's twins agree: read.js reads a .docx as read.py's read_text does (the same paragraphs, or the
same problem and fix), on the trap packages, the real documents in ../shared/ and thousands of generated ones."""

from __future__ import annotations

import io
import random
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

import pytest
from docx_traps import (
    GONGWEN_LEVELS,
    HOSTILE_READ,
    HOSTILE_REFUSED,
    READER_TRAPS,
    encrypted_docx,
    footnote_ref,
    footnotes,
    level,
    numbering,
    p,
    package,
    run,
    table,
    textbox,
)
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree
from node_runner import GENERATED, as_bytes, first_difference, node, twin_scripts

from macros.sources.errors import ReadError
from macros.sources.library import load_library
from macros.word.downloads import template_docx
from macros.word.layout import docx_parts
from macros.word.read import read_text

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"
NODE_SCRIPTS = twin_scripts("macros/word/read.js")
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def python_reads(data: bytes) -> dict:
    try:
        return read_text(data, "x.docx")
    except ReadError as error:
        return {"error": {"problem": error.problem, "fix": error.fix}}


def browser_reads(node, files: list[bytes]) -> list[dict]:
    answers = node.calls("fanwenkuDocxText", [[as_bytes(data)] for data in files])
    return [{"error": {k: a["error"][k] for k in ("problem", "fix")}} if "error" in a else a for a in answers]


def broken(data: bytes, part: str, content: bytes | None) -> bytes:
    """The package with one part replaced (or left out when content is None)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as old, zipfile.ZipFile(out, "w") as new:
        for info in old.infolist():
            if info.filename != part:
                new.writestr(info, old.read(info))
        if content is not None:
            new.writestr(part, content)
    return out.getvalue()


def document_xml(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return archive.read("word/document.xml").decode("utf-8")


GOOD = READER_TRAPS["numbering"]
BAD_FILES = {
    "empty": b"",
    "cut short": b"PK\x03\x04" + b"\x00" * 64,
    "a PDF": b"%PDF-1.7" + b"\x00" * 64,
    "a PNG": bytes.fromhex("89504e470d0a1a0a") + b"\x00" * 64,
    "an old .doc": bytes.fromhex("d0cf11e0a1b11ae1") + b"\x00" * 64,
    "encrypted": encrypted_docx(),
    "no document part": broken(GOOD, "word/document.xml", None),
    "document not XML": broken(GOOD, "word/document.xml", b"<w:document><w:body>"),
    "no body": broken(GOOD, "word/document.xml", f'<w:document xmlns:w="{W}"/>'.encode()),
    "styles not XML": broken(GOOD, "word/styles.xml", b"<oops"),
}


def real_files() -> list[Path]:
    return sorted((SHARED / "import-samples").glob("*.docx")) + sorted((SHARED / "realdocs").glob("*.docx"))


def test_the_readers_agree_on_the_trap_packages_and_the_real_documents(node):
    files = [*READER_TRAPS.values(), *(path.read_bytes() for path in real_files())]
    assert len(files) >= 10
    python = [python_reads(data) for data in files]
    assert browser_reads(node, files) == python
    assert sum(len(answer.get("paragraphs", [])) for answer in python) > 500  # 521 when written


def test_the_readers_agree_on_hostile_files(node):
    """Files that once stopped a batch, hung or grew without bound: read alike, or refused alike."""
    files = [*HOSTILE_READ.values(), *(data for data, _ in HOSTILE_REFUSED.values())]
    assert browser_reads(node, files) == [python_reads(data) for data in files]


@pytest.mark.parametrize("name", list(BAD_FILES))
def test_the_readers_say_the_same_of_a_file_they_cannot_read(node, name):
    python = python_reads(BAD_FILES[name])
    assert "error" in python
    assert browser_reads(node, [BAD_FILES[name]]) == [python]


# ---------------------------------------------------------------- generated packages

# Generated packages are lists of fragments drawn from a pool made once with a fixed seed: Hypothesis then draws a
# handful of indexes per package instead of every character (a package costs about 0.5 ms to draw, not 3.5 ms).
ALPHABET = "一二三四五六七八九十甲乙abc ，。、；：,.;:（）()“”《》\t\u3000𠀀&<>'\"①"
FORMATS = ("decimal", "chineseCounting", "ideographDigital", "decimalEnclosedCircle", "upperLetter", "lowerRoman")
FORMATS += ("bullet", "none", "decimalFullWidth", "chineseLegalSimplified", "decimalZero", "ideographTraditional")
LEVEL_TEXTS = ("%1.", "（%1）", "%1.%2", "第%1章", "%1、%2、%3", "")


def make_pool(seed: int = 21) -> tuple[list[str], list[str]]:
    """(body fragments: paragraphs and tables, numbering definitions) covering what the reader handles."""
    rng = random.Random(seed)

    def text() -> str:
        return "".join(rng.choice(ALPHABET) for _ in range(rng.randint(0, 8)))

    def a_run() -> str:
        kind = rng.choice(["text", "text", "tab", "br", "hidden", "ins", "del", "sym", "note", "box", "hyper"])
        return {
            "text": lambda: run(text()),
            "tab": lambda: "<w:r><w:tab/></w:r>",
            "br": lambda: "<w:r><w:br/></w:r>",
            "hidden": lambda: f'<w:r><w:rPr><w:vanish/></w:rPr><w:t xml:space="preserve">{escape(text())}</w:t></w:r>',
            "ins": lambda: f'<w:ins w:id="1" w:author="甲">{run(text())}</w:ins>',
            "del": lambda: f'<w:del w:id="2" w:author="甲"><w:r><w:delText>{escape(text())}</w:delText></w:r></w:del>',
            "sym": lambda: (
                f'<w:r><w:sym w:font="Wingdings" w:char="{rng.choice(["F06C", "4E00", "0041", "zz"])}"/></w:r>'
            ),
            "note": lambda: footnote_ref(rng.randint(1, 3)),
            "box": lambda: textbox(p(text())),
            "hyper": lambda: f'<w:hyperlink w:anchor="a">{run(text())}</w:hyperlink>',
        }[kind]()

    def a_paragraph() -> str:
        num = rng.choice([None, None, (rng.randint(1, 3), rng.choice([0, 1, 2, 3, 4, 9, 12, -1, "abc", " 2 "]))])
        style = rng.choice([None, None, "Title", "Heading1", "ListHeading", "Missing"])
        para = p(text(), num=num, style=style, raw="".join(a_run() for _ in range(rng.randint(0, 4))))
        if rng.random() < 0.2:
            para = f"<w:sdt><w:sdtContent>{para}</w:sdtContent></w:sdt>"
        if rng.random() < 0.03:  # deep nesting, within the budget or beyond it
            depth = rng.choice([40, 99, 101, 150])
            para = "<w:sdt>" * depth + para + "</w:sdt>" * depth
        if rng.random() < 0.1:
            para = f'<w:p><w:pPr><w:rPr><w:del w:id="3" w:author="甲"/></w:rPr></w:pPr>{run(text())}</w:p>' + para
        return para

    def a_table() -> str:
        rows = [[text() for _ in range(rng.randint(1, 3))] for _ in range(rng.randint(1, 3))]
        xml = table(rows)
        if rng.random() < 0.5:
            span = rng.choice(["2", "2", "3", "0", "-4", "63", "64", "3000000", "x"])
            xml = xml.replace("<w:tc>", f'<w:tc><w:tcPr><w:gridSpan w:val="{span}"/></w:tcPr>', 1)
        if rng.random() < 0.1:  # a table in a cell: its rows become lines of the cell
            xml = xml.replace("</w:tc>", table([[text(), text()], [text()]]) + "<w:p/></w:tc>", 1)
        if rng.random() < 0.5:
            xml = xml.replace("<w:tc>", "<w:tc><w:tcPr><w:vMerge/></w:tcPr>", 1)
        return xml

    body = [a_table() if rng.random() < 0.25 else a_paragraph() for _ in range(400)]
    starts = [*range(0, 31), -1, 32767, 32768, 300000000, "1_0", "x"]  # the last few beyond Word's or no number
    lists = [
        "".join(
            level(
                rng.choice([i, i, i, 9, 10, -1]),
                rng.choice(FORMATS),
                rng.choice([*LEVEL_TEXTS, "%1" * 30]),
                start=rng.choice(starts) if rng.random() < 0.2 else rng.randint(0, 30),
            )
            for i in range(3)
        )
        for _ in range(40)
    ]
    return body, lists


BODY, LISTS = make_pool()
RESTART = '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride>'


@st.composite
def packages(draw) -> bytes:
    return package(
        "".join(draw(st.lists(st.sampled_from(BODY), min_size=1, max_size=8))),
        numbering_xml=numbering(
            {1: GONGWEN_LEVELS, 2: draw(st.sampled_from(LISTS))},
            {1: (1, ""), 2: (2, ""), 3: (1, RESTART if draw(st.booleans()) else "")},
        ),
        footnotes_xml=footnotes({1: "注一", 2: "注二"}) if draw(st.booleans()) else None,
    )


BATCH = 25
EXAMPLES = 200  # 5,000 generated packages


@settings(GENERATED, max_examples=EXAMPLES)
@given(st.lists(packages(), min_size=BATCH, max_size=BATCH))
def test_the_readers_agree_on_generated_packages(node, files):
    python = [python_reads(data) for data in files]
    different = first_difference(files, python, browser_reads(node, files), show=document_xml)
    assert different is None, different
