"""Word in, Word out (macros/word/annotate.py): a checked .docx written back with every finding as a comment, or every
one-click fix as a tracked change; everything else as it was. Opened by python-docx and LibreOffice; read back by our
reader. The browser's twin is compared in tests/twins/test_word_notes_twin.py."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import docx
import pytest
from conftest import ROOT
from docx_traps import GONGWEN_LEVELS, numbering, p, package, run, table, textbox, wps_footer
from lxml import etree

from macros.checker.engine import apply_fixes, check
from macros.sources.library import load_library
from macros.word.annotate import AUTHOR, AnnotateError, Element, comment_docx, fix_docx, parse, write_fixes
from macros.word.read import read_docx, read_text

CHECK = [sys.executable, "-m", "macros.checker.cli"]  # what scripts/check runs

RULESET = load_library(ROOT, parts=("checker",)).ruleset
DATE = "2026-12-06T10:00:00Z"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
REAL = ROOT.parent / "shared" / "realdocs"
CHANGED = {"word/document.xml", "word/comments.xml", "word/_rels/document.xml.rels", "[Content_Types].xml"}


def numbered_with_a_text_box() -> bytes:
    """A draft as Word saves one: automatic numbering (一、 （一） 1.), a text box in the 版头, a table, a footer
    holding the page number in a text box, formatting split over runs; and mistakes in all of them."""
    body = (
        p(raw=textbox(p("云溪县人民政府文件"), p("云府发〔2026〕3号")))
        + p("云溪县人民政府关于做好安全生产工作的通知")
        + p("各乡镇人民政府，县政府各部门：")
        + p("总体要求", num=(1, 0))
        + p(
            "",
            raw=run("加强领导,落实责任")
            + "<w:r><w:rPr><w:b/></w:rPr><w:t>，确保</w:t></w:r>"
            + run("2021-2025年不出大事。"),
        )
        + p("重点任务", num=(1, 1))
        + p("排查隐患", num=(1, 2))
        + p("要在2026.3.5前完成排查,报县应急管理局。")
        + p("保障措施", num=(1, 0))
        + table([["项目", "完成时间"], ["道路排查", "3月10日前"], ["消防检查", "4月1日-4月10日"]])
        + p("附件：1.检查表")
        + p("云溪县人民政府")
        + p("2026年3月1日")
    )
    return package(
        body,
        numbering_xml=numbering({1: GONGWEN_LEVELS}, {1: (1, "")}),
        footers={"default": wps_footer("— 1 —")},
    )


def parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {info.filename: archive.read(info) for info in archive.infolist()}


def paragraphs_xml(data: bytes) -> list[str]:
    """Every w:p of document.xml as its text in the file, in order (text boxes' paragraphs included)."""
    xml = parts(data)["word/document.xml"].decode("utf-8")
    found: list[str] = []

    def walk(element: Element) -> None:
        for child in element.children:
            if child.name == "w:p":
                found.append(xml[child.start : child.end])
            walk(child)

    walk(parse(xml))
    return found


def rejected(data: bytes) -> bytes:
    """The copy with every tracked change rejected: insertions dropped, deletions kept as text."""
    files = parts(data)
    root = etree.fromstring(files["word/document.xml"])
    for ins in root.iter(f"{{{W}}}ins"):
        ins.getparent().remove(ins)
    for deleted in list(root.iter(f"{{{W}}}del")):
        for text in deleted.iter(f"{{{W}}}delText"):
            text.tag = f"{{{W}}}t"
        parent = deleted.getparent()
        at = parent.index(deleted)
        for k, child in enumerate(list(deleted)):
            parent.insert(at + k, child)
        parent.remove(deleted)
    files["word/document.xml"] = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return out.getvalue()


def findings_of(data: bytes):
    return check(read_text(data)["text"], RULESET)


def test_a_numbered_draft_with_a_text_box_gets_a_comment_on_every_finding_and_nothing_else_changes():
    original = numbered_with_a_text_box()
    found = findings_of(original)
    rules = {f.rule for f in found}
    assert {"biaodian-douhao", "shuzi-nianfen-fanwei", "riqi-dian", "shuzi-riqi-fanwei"} <= rules, rules
    copy = comment_docx(original, found, DATE)
    before, after = parts(original), parts(copy)
    assert [n for n in after if n not in before] == ["word/comments.xml"]
    for name, content in before.items():
        if name not in CHANGED:
            assert after[name] == content, f"{name} changed"  # styles, numbering, footer, settings: byte for byte
    assert read_text(copy) == read_text(original)  # the same text, automatic numbers and text box included
    flagged = {f.line for f in found}
    lines = read_text(original)["text"].split("\n")
    texts_before = paragraphs_xml(original)
    texts_after = paragraphs_xml(copy)
    assert len(texts_after) == len(texts_before)
    unflagged = [n for n, line in enumerate(lines, start=1) if n not in flagged and line]
    assert unflagged
    for xml_before, xml_after in zip(texts_before, texts_after, strict=True):
        if "commentRangeStart" not in xml_after:
            assert xml_after == xml_before  # a paragraph without a finding: the same bytes
    opened = docx.Document(io.BytesIO(copy))
    comments = list(opened.comments)
    assert len(comments) == len(found)
    assert {c.author for c in comments} == {AUTHOR}
    for comment, finding in zip(comments, found, strict=True):
        assert comment.text.startswith(f"{finding.level}：{finding.message}")
        assert f"依据：{finding.basis}" in comment.text
        if finding.fix:
            assert f"改为：“{finding.fix}”" in comment.text


def test_every_one_click_fix_becomes_a_tracked_change_that_accepts_to_the_fixed_text():
    original = numbered_with_a_text_box()
    found = findings_of(original)
    text = read_text(original)["text"]
    written = write_fixes(original, found, DATE)
    assert written.on_text >= 5 and written.left_out == 0
    accepted = read_docx(written.data, "copy.docx", accept_revisions=True)
    assert "\n".join(accepted.texts()) == apply_fixes(text, found)
    assert read_text(rejected(written.data))["text"] == text  # rejecting every change gives the draft back
    xml = parts(written.data)["word/document.xml"].decode("utf-8")
    assert xml.count(f'w:author="{AUTHOR}" w:date="{DATE}"') == xml.count("<w:ins ") + xml.count("<w:del ")
    assert "<w:b/>" in xml  # the bold run kept its formatting, also where it was cut
    before, after = parts(original), parts(written.data)
    assert set(after) == set(before)
    for name, content in before.items():
        if name != "word/document.xml":
            assert after[name] == content


def test_a_file_with_tracked_changes_of_its_own_is_refused_with_what_to_do():
    tracked = package(p("已有修订", raw=f'<w:ins w:id="1" w:author="甲">{run("插入的,字")}</w:ins>'))
    with pytest.raises(AnnotateError) as error:
        comment_docx(tracked, [], DATE, "draft.docx")
    assert "已有 1 处修订" in error.value.problem and "接受或拒绝" in error.value.fix
    assert str(error.value).startswith("draft.docx: ")


@pytest.mark.parametrize("path", sorted(REAL.glob("*.docx")), ids=lambda p: p.name[:3])
def test_the_real_documents_are_written_back_with_their_text_unchanged(path):
    original = path.read_bytes()
    found = findings_of(original)
    text = read_text(original)["text"]
    commented = comment_docx(original, found, DATE)
    assert read_text(commented)["text"] == text
    assert len(list(docx.Document(io.BytesIO(commented)).comments)) == len(found)
    fixed = fix_docx(original, found, DATE)
    assert "\n".join(read_docx(fixed, "x", accept_revisions=True).texts()) == apply_fixes(text, found)
    assert read_text(rejected(fixed))["text"] == text
    before = parts(original)
    for copy in (commented, fixed):
        after = parts(copy)
        assert all(after[name] == content for name, content in before.items() if name not in CHANGED)
        for name in CHANGED & set(after):
            etree.fromstring(after[name])  # well-formed


def pdf_notes(pdf: Path) -> list[str]:
    """The comments LibreOffice exported as PDF annotations (/Contents, UTF-16 in hex)."""
    data = pdf.read_bytes()
    return [bytes.fromhex(m.decode()).decode("utf-16-be") for m in re.findall(rb"/Contents <FEFF([0-9A-Fa-f]*)>", data)]


def test_libreoffice_opens_both_copies_and_prints_the_comments(tmp_path):
    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.fail("soffice is missing: run scripts/test (scripts/ensure-office.sh installs it)")
    original = numbered_with_a_text_box()
    found = findings_of(original)
    (tmp_path / "comments.docx").write_bytes(comment_docx(original, found, DATE))
    (tmp_path / "fixes.docx").write_bytes(fix_docx(original, found, DATE))
    export = 'pdf:writer_pdf_Export:{"ExportNotes":{"type":"boolean","value":"true"}}'
    result = subprocess.run(
        [soffice, f"-env:UserInstallation=file://{tmp_path}/profile", "--headless", "--convert-to", export]
        + ["--outdir", str(tmp_path), str(tmp_path / "comments.docx"), str(tmp_path / "fixes.docx")],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    notes = pdf_notes(tmp_path / "comments.pdf")
    assert len(notes) == len(found)
    assert any(f"改为：“{f.fix}”" in note for f in found if f.fix for note in notes)
    assert all(note.startswith(("错误：", "建议：")) for note in notes)
    text = subprocess.run(["pdftotext", str(tmp_path / "fixes.pdf"), "-"], capture_output=True, text=True).stdout
    assert "2021-20252021—2025" in text.replace("\n", "")  # the change shown as changes are: the old struck, the new
    assert pdf_notes(tmp_path / "fixes.pdf") == []


def test_cli_writes_both_copies_and_says_how_many(tmp_path):
    draft = tmp_path / "draft.docx"
    draft.write_bytes(numbered_with_a_text_box())
    result = subprocess.run(
        [*CHECK, draft] + ["--word-comments", tmp_path / "c.docx", "--word-fixes", tmp_path / "f.docx"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1, result.stderr  # there are 错误
    lines = result.stdout.splitlines()
    assert re.fullmatch(rf"{re.escape(str(draft))}: 已另存带批注的副本 .*c\.docx：\d+ 处批注。", lines[-2])
    assert re.fullmatch(rf"{re.escape(str(draft))}: 已另存带修订的副本 .*f\.docx：\d+ 处修订。", lines[-1])
    assert len(list(docx.Document(tmp_path / "c.docx").comments)) == len(findings_of(draft.read_bytes()))
    refused = subprocess.run(
        [*CHECK, draft, draft, "--word-fixes", tmp_path / "x.docx"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert refused.returncode == 2 and "只用于一个 .docx 文件" in refused.stderr
    assert not (tmp_path / "x.docx").exists()
    missing = subprocess.run(
        [*CHECK, draft, "--word-comments", tmp_path / "no" / "c.docx"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert missing.returncode == 2 and "写不出这个文件" in missing.stderr and "Traceback" not in missing.stderr
