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


# ---------------------------------------------------------------- the importer: each file its own transaction

import os  # noqa: E402
import select  # noqa: E402
import signal  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import threading  # noqa: E402
from pathlib import Path  # noqa: E402

import macros.importer.convert as convert  # noqa: E402
import macros.importer.run as importer  # noqa: E402
from macros.importer.writer import write_document  # noqa: E402
from macros.sources.catalog import load_sample  # noqa: E402
from macros.sources.library import load_library  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
GOOD = package(p("关于全县招商引资工作情况的汇报", center=True) + p("今年以来，全县招商引资工作稳步推进。"))


def test_a_batch_of_hostile_files_goes_on_and_ends_with_the_right_summary(tmp_path, capsys):
    folder = tmp_path / "材料"
    folder.mkdir()
    for n, (data, _) in enumerate(REFUSED.values()):
        (folder / f"{n:02d}.docx").write_bytes(data)
    (folder / "99.docx").write_bytes(GOOD)
    out = tmp_path / "samples"
    assert importer.main([str(folder), "--into", str(out)]) == 1
    printed = capsys.readouterr()
    lines = printed.out.strip().splitlines()
    assert "Traceback" not in printed.out + printed.err
    assert sum(line.startswith("失败  ") for line in lines) == len(REFUSED)
    assert sum(line.startswith("导入  ") for line in lines) == 1
    assert lines[-1].startswith(f"共 {len(REFUSED) + 1} 个文件：导入 1 篇") and f"失败 {len(REFUSED)} 个" in lines[-1]
    assert sorted(f.suffix for f in out.iterdir()) == [".txt", ".yml"]


def test_an_unexpected_error_in_one_file_is_that_files_failure(tmp_path, monkeypatch, capsys):
    """Whatever a reader might raise (a RecursionError, a bug): one line for that file, the others imported."""
    (tmp_path / "a.docx").write_bytes(GOOD)
    (tmp_path / "b.docx").write_bytes(GOOD.replace(b"\x00", b"\x00"))
    reading = importer.read_document

    def flaky(path, *args, **kwargs):
        if path.name == "a.docx":
            raise RecursionError("maximum recursion depth exceeded")
        return reading(path, *args, **kwargs)

    monkeypatch.setattr(importer, "read_document", flaky)
    out = tmp_path / "samples"
    assert importer.main([str(tmp_path / "a.docx"), str(tmp_path / "b.docx"), "--into", str(out)]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith(f"失败  {tmp_path / 'a.docx'}: ") and "RecursionError" in lines[0]
    assert "修改方法：" in lines[0] and lines[1].startswith("导入  ")


@pytest.mark.parametrize(
    "into", [".", "docs", "templates_src", "templates_src/templates", "macros/build", ".git", "..", "/"]
)
def test_into_refuses_the_places_the_build_refuses(tmp_path, into, capsys):
    project = tmp_path / "project"
    for folder in ("templates_src/samples", "templates_src/templates", "docs", "macros/build", ".git"):
        (project / folder).mkdir(parents=True)
    source = tmp_path / "a.docx"
    source.write_bytes(GOOD)
    before = sorted(str(p) for p in project.rglob("*"))
    target = Path(into) if into.startswith("/") else project / into
    assert importer.main([str(source), "--into", str(target)], project=project) == 2
    err = capsys.readouterr().err
    assert "不能导入到" in err and "修改方法：" in err
    assert sorted(str(p) for p in project.rglob("*")) == before


def test_a_link_leading_out_of_the_folder_is_skipped_not_imported(tmp_path, capsys):
    secret = tmp_path / "secret.txt"
    secret.write_text("关于口令的说明\n这不是范文库的文稿，是别处的文件。", encoding="utf-8")
    folder = tmp_path / "材料"
    (folder / "inside").mkdir(parents=True)
    (folder / "report.docx").write_bytes(GOOD)
    (folder / "passwd.txt").symlink_to(secret)
    (folder / "elsewhere").symlink_to(tmp_path, target_is_directory=True)
    (folder / "inside" / "same.docx").symlink_to(folder / "report.docx")  # inside the folder: imported (a duplicate)
    (folder / ".hidden.txt").write_text("隐藏的文件", encoding="utf-8")
    (folder / "~$report.docx").write_bytes(b"lock")
    out = tmp_path / "samples"
    assert importer.main([str(folder), "--into", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "secret" not in printed and "口令" not in printed
    assert "导入 1 篇" in printed and "重复 1 篇" in printed and "另有 3 个文件已跳过" in printed
    assert not any("口令" in f.read_text(encoding="utf-8") for f in out.iterdir())


def test_what_the_importer_writes_the_strict_loader_reads(tmp_path, capsys):
    """A line separator in the first sentence, a newline and a right-to-left override in the file name, zero-width
    characters in the title: the .yml still loads as the build loads it, the title is clean and the removal said."""
    folder = tmp_path / "材料"
    folder.mkdir()
    name = "会议\n标题: 注入\u202e.txt"
    text = "关于\u200b全县\u202e招商引资工作的汇报\n今年以来，全县招商引资\u2028工作稳步推进，成效明显，增长较快。\n第二段。"
    (folder / name).write_text(text, encoding="utf-8")
    out = tmp_path / "samples"
    assert importer.main([str(folder / name), "--into", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "标题里看不见的字符（U+200B、U+202E）已删去" in printed
    meta = next(out.glob("*.yml"))
    sample = load_sample(meta, load_library(ROOT, parts=("samples",)).vocab)
    assert sample.title == "待确认：关于全县招商引资工作的汇报" or sample.title == "关于全县招商引资工作的汇报"
    assert "\u2028" not in meta.read_text(encoding="utf-8")
    assert "\\u000a" in meta.read_text(encoding="utf-8").splitlines()[0]  # the newline of the name, shown escaped
    assert "\u2028" in next(out.glob("*.txt")).read_text(encoding="utf-8")  # the text itself stays verbatim


def test_ctrl_c_between_the_two_renames_is_held_until_both_files_are_in_place(tmp_path, monkeypatch):
    renames = []
    replace = os.replace

    def interrupted_replace(source, target):
        replace(source, target)
        renames.append(target)
        if len(renames) == 1:
            # Ctrl-C right after the text is in place, to the main thread as in the command (a test worker has other
            # threads, and a signal sent to the process may go to one that does not hold it back)
            signal.pthread_kill(threading.main_thread().ident, signal.SIGINT)

    monkeypatch.setattr(os, "replace", interrupted_replace)
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)  # as in a command (a test worker ignores it)
    try:
        with pytest.raises(KeyboardInterrupt):
            write_document(tmp_path, "x", "正文\n", "slug: x\n")
    finally:
        signal.signal(signal.SIGINT, previous)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["x.txt", "x.yml"]


def test_ctrl_c_stops_a_batch_with_one_line_and_status_130(tmp_path):
    folder = tmp_path / "材料"
    folder.mkdir()
    for n in range(40):
        (folder / f"{n:02d}.docx").write_bytes(
            package(p(f"关于第{n}项工作的汇报", center=True) + p(f"第{n}项工作稳步推进，成效明显。" * 40))
        )
    out = tmp_path / "samples"
    process = subprocess.Popen(
        [sys.executable, "-m", "macros.importer.run", str(folder), "--into", str(out)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    first = process.stdout.readline()  # one document imported: the batch is under way
    assert first.startswith("导入  "), first
    process.send_signal(signal.SIGINT)
    rest, err = process.communicate(timeout=120)
    if process.returncode == 0:  # the batch ended before the signal arrived: nothing to check but that
        return
    assert process.returncode == 130, (rest, err)
    assert "Traceback" not in err and rest.strip().splitlines()[-1].startswith("已中断（Ctrl-C），还有 ")
    stems = [{f.stem for f in out.glob(f"*.{ext}")} for ext in ("txt", "yml")]
    assert stems[0] == stems[1]  # every document whole: both files or neither
    assert not list(out.glob(".*.part"))


def test_a_hung_libreoffice_is_stopped_with_everything_it_started(tmp_path, monkeypatch):
    pids = tmp_path / "pids"
    fake = tmp_path / "soffice"
    fake.write_text(f"#!/bin/sh\nsleep 300 &\necho $! >> {pids}\necho $$ >> {pids}\nsleep 300\n", encoding="utf-8")
    fake.chmod(0o755)
    monkeypatch.setenv("SOFFICE", str(fake))
    monkeypatch.setattr(convert, "TIMEOUT_SECONDS", 1)
    monkeypatch.setattr(convert, "SECONDS_PER_FILE", 0)
    old = tmp_path / "旧文件.doc"
    old.write_bytes(b"\xd0\xcf\x11\xe0" + b"\x00" * 100)
    results = convert.convert_to_docx([old])
    message = str(results[old])
    assert "没有转换完" in message and "已把它停下" in message and "apt-get" not in message
    for pid in map(int, pids.read_text().split()):
        try:
            handle = os.pidfd_open(pid)
        except ProcessLookupError:
            continue  # already gone
        ended, _, _ = select.select([handle], [], [], 30)  # readable once the process has ended
        os.close(handle)
        assert ended, f"LibreOffice's process {pid} is still running"


# ---------------------------------------------------------------- any generated Word file: read, or one line

from docx_traps import generated_packages  # noqa: E402
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from macros.checker.cli import read_draft  # noqa: E402


@settings(
    max_examples=40,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.function_scoped_fixture],
)
@given(st.lists(generated_packages(), min_size=5, max_size=5))
def test_the_importer_and_the_checker_read_any_generated_word_file_or_refuse_it_in_one_line(tmp_path, files):
    """Random numbering (odd levels, starts beyond Word's), spans, nesting deep and deeper than the budget, notes,
    text boxes, tracked changes: the checker reads the draft or says why in one line (a ReadError: exit 2); the
    importer imports it, or fails it in one line and goes on."""
    folder = tmp_path / f"batch{len(list(tmp_path.iterdir()))}"
    folder.mkdir()
    paths = []
    for n, data in enumerate(files):
        paths.append(folder / f"{n}.docx")
        paths[-1].write_bytes(data)
        try:
            read_draft(paths[-1].name, data)
        except ReadError as error:  # what the command line prints in one line, with status 2
            assert "\n" not in str(error) and str(error).startswith(f"{n}.docx: ") and "修改方法：" in str(error)
    lines: list[str] = []
    batch = importer.import_files(paths, folder / "samples", dry_run=True, echo=lines.append)
    assert len(batch.results) == len(files) == len(lines)
    for line, result in zip(lines, batch.results, strict=True):
        assert "\n" not in line and (result.status != "failed" or "修改方法：" in line), line
        assert "意外的问题" not in line, line  # a reader's refusal, never an unexpected error
