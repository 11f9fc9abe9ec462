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
    generated_packages,
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

BATCH = 25
EXAMPLES = 200  # 5,000 generated packages


@settings(GENERATED, max_examples=EXAMPLES)
@given(st.lists(generated_packages(), min_size=BATCH, max_size=BATCH))
def test_the_readers_agree_on_generated_packages(node, files):
    python = [python_reads(data) for data in files]
    different = first_difference(files, python, browser_reads(node, files), show=document_xml)
    assert different is None, different
