"""Hostile Word files: each one a few kilobytes that once stopped a batch with a traceback, hung, or grew into a
sample of megabytes (issue: hardening the new doors). The reader (macros/word/read.py, as the importer and the
checker's command line use it) either reads such a file or refuses it in one line that names the file, says what
is wrong and how to fix it, within its budgets; read.js gives the same answers (tests/twins/)."""

from __future__ import annotations

import io
import zipfile

import pytest
from docx_traps import HOSTILE_READ as READ
from docx_traps import HOSTILE_REFUSED as REFUSED
from docx_traps import p, package, run

from macros.checker.cli import main as check_main
from macros.sources.errors import ReadError
from macros.word.read import MAX_PART_BYTES, CorruptDocxError, read_docx


@pytest.mark.parametrize("name", list(READ))
def test_odd_numbering_and_spans_are_read(name):
    content = read_docx(READ[name], f"{name}.docx")
    assert content.texts()


@pytest.mark.parametrize("name", list(REFUSED))
def test_a_file_beyond_a_budget_is_refused_in_one_line(name):
    data, words = REFUSED[name]
    with pytest.raises(CorruptDocxError) as error:
        read_docx(data, f"材料/{name}.docx")
    message = str(error.value)
    assert message.startswith(f"材料/{name}.docx: ") and words in message and "修改方法：" in message, message
    assert "\n" not in message


def big_part() -> bytes:
    """195 KB that unzip to more than a part's budget: a document.xml of one paragraph repeated."""
    base = package(p("正文。"))
    paragraph = f"<w:p>{run('很长的正文。' * 20)}</w:p>".encode()
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(base)) as old, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            data = old.read(info)
            if info.filename == "word/document.xml":
                head, _, tail = data.partition(b"<w:body>")
                data = head + b"<w:body>" + paragraph * (MAX_PART_BYTES // len(paragraph) + 1) + tail
            new.writestr(info.filename, data)
    return out.getvalue()


def test_a_part_that_unzips_beyond_its_budget_is_refused_before_it_is_read():
    data = big_part()
    assert len(data) < 1_000_000
    with pytest.raises(CorruptDocxError) as error:
        read_docx(data, "大.docx")
    assert "word/document.xml" in str(error.value) and "50 MB" in str(error.value)


def test_the_checkers_command_line_says_cannot_read_with_status_2(tmp_path, capsys):
    """Exit status 1 means "the draft has errors": a file that cannot be read is 2, in one line, no traceback."""
    names = []
    for data, _words in REFUSED.values():
        path = tmp_path / f"{len(names)}.docx"
        path.write_bytes(data)
        names.append(str(path))
    assert check_main(names) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert len(err.strip().splitlines()) == len(names), err
    for path in names:
        assert f"{path}: " in err


def test_readers_raise_read_errors_only():
    """Whatever is wrong with a file, the reader's answer is a ReadError (which the callers turn into one line)."""
    for data, _ in REFUSED.values():
        with pytest.raises(ReadError):
            read_docx(data, "x.docx")
