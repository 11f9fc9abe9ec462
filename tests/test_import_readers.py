"""The importer's readers: a .docx read as its reader sees it, and text files in the encodings Windows writes.

Every Word file here is built for one trap (tests/docx_traps.py); the expected texts are what Word shows,
written out by hand, and the numbering is also checked against LibreOffice's own rendering of the file.
"""

from __future__ import annotations

import codecs
import io
import shutil
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest
from docx_traps import (
    GONGWEN_LEVELS,
    cfb,
    footnote_ref,
    footnotes,
    image_run,
    level,
    numbering,
    p,
    package,
    run,
    table,
    textbox,
    wps_footer,
)
from hypothesis import given, settings
from hypothesis import strategies as st

from macros.sources.decode import MAX_TEXT_BYTES, TextDecodeError, decode, encoding_of
from macros.word.read import (
    NOTE_MARK,
    CorruptDocxError,
    EncryptedDocxError,
    Table,
    TrackedChangesError,
    format_number,
    read_docx,
)

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "import-samples"
TIANJIN = SHARED / "tianjin-2025-zhengfu-gongzuo-baogao.docx"
GBK_REPORT = SHARED / "2020-zhengfu-gongzuo-baogao-gbk.txt"

# --- Automatic numbering ----------------------------------------------------------------------------------

RESTART = '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride>'
NUMBERED_BODY = (
    p("总体情况", num=(1, 0))
    + p("经济运行", num=(1, 1))
    + p("工业", num=(1, 2))
    + p("一季度", num=(1, 3))
    + p("二季度", num=(1, 3))
    + p("农业", num=(1, 2))
    + p("社会事业", num=(1, 1))
    + p("这一段没有编号。")
    + p("主要做法", num=(1, 0))
    + p("加强领导", num=(1, 1))
    + p("另起一个列表", num=(2, 0))  # list 2 shares the definition and restarts it (startOverride)
    + p("回到原来的列表", num=(1, 0))  # Word continues the shared counter
    + p("编号来自段落样式", style="ListHeading")
)
NUMBERED_SHOWN = [
    "一、总体情况",
    "（一）经济运行",
    "1.工业",
    "（1）一季度",
    "（2）二季度",
    "2.农业",
    "（二）社会事业",
    "这一段没有编号。",
    "二、主要做法",
    "（一）加强领导",
    "一、另起一个列表",
    "二、回到原来的列表",
    "三、编号来自段落样式",
]


def numbered_docx() -> bytes:
    return package(NUMBERED_BODY, numbering_xml=numbering({1: GONGWEN_LEVELS}, {1: (1, ""), 2: (1, RESTART)}))


def test_automatic_numbering_shows_the_numbers_word_shows_restarting_as_word_does():
    content = read_docx(numbered_docx(), "numbered.docx")
    assert content.texts() == NUMBERED_SHOWN
    labels = [b.label for b in content.blocks]
    assert labels[:3] == ["一、", "（一）", "1."] and labels[7] == ""


def test_numbering_matches_libreoffices_rendering_of_the_same_file(tmp_path):
    """An independent reader of the same numbering.xml: LibreOffice's plain-text export shows the numbers."""
    soffice = shutil.which("soffice")
    assert soffice, "LibreOffice is needed: run scripts/ensure-office.sh"
    (tmp_path / "numbered.docx").write_bytes(numbered_docx())
    subprocess.run(
        [
            soffice,
            "--headless",
            f"-env:UserInstallation=file://{tmp_path}/lo",
            "--convert-to",
            "txt:Text",
            "numbered.docx",
        ],
        cwd=tmp_path,
        check=True,
        capture_output=True,
        timeout=180,
    )
    shown = (tmp_path / "numbered.txt").read_text(encoding="utf-8-sig").splitlines()
    assert ["".join(line.split()) for line in shown if line.strip()] == NUMBERED_SHOWN


def test_number_formats_word_uses_in_chinese_documents():
    cases = {
        ("chineseCounting", 1): "一",
        ("chineseCounting", 10): "十",
        ("chineseCounting", 12): "十二",
        ("chineseCounting", 20): "二十",
        ("chineseCounting", 35): "三十五",
        ("chineseCountingThousand", 105): "一百〇五",
        ("chineseLegalSimplified", 3): "叁",
        ("ideographTraditional", 2): "乙",
        ("decimalEnclosedCircle", 3): "③",
        ("decimalEnclosedParen", 1): "⑴",
        ("decimalFullWidth", 12): "１２",
        ("upperLetter", 28): "BB",
        ("lowerRoman", 4): "iv",
        ("decimal", 7): "7",
        ("none", 7): "",
    }
    assert {key: format_number(key[1], key[0]) for key in cases} == cases


def test_bullets_legal_numbering_and_levels_that_never_restart():
    levels = (
        level(0, "chineseCounting", "%1、")
        + level(1, "decimal", "%1.%2", extra='<w:isLgl/><w:lvlRestart w:val="0"/>')
        + level(2, "bullet", "\uf06c")
    )
    body = p("甲", num=(1, 0)) + p("乙", num=(1, 1)) + p("丙", num=(1, 0)) + p("丁", num=(1, 1)) + p("点", num=(1, 2))
    texts = read_docx(package(body, numbering_xml=numbering({1: levels}, {1: (1, "")})), "x.docx").texts()
    # isLgl shows the 一 of level 1 as 1; lvlRestart 0 keeps counting 1.1, 2.2; the bullet glyph is not text.
    assert texts == ["一、甲", "1.1乙", "二、丙", "2.2丁", "点"]


def test_python_docx_list_styles_number_through_the_style():
    document = docx.Document()
    for text in ("第一项", "第二项"):
        document.add_paragraph(text, style="List Number")
    raw = io.BytesIO()
    document.save(raw)
    assert read_docx(raw.getvalue(), "list.docx").texts() == ["1.第一项", "2.第二项"]


# --- Text boxes, footers, tables, notes, pictures -------------------------------------------------------------


def test_text_box_stored_twice_is_read_once_before_its_anchor_paragraph():
    body = p(raw=textbox(p("某某县人民政府文件", center=True), p("某政发〔2024〕1号"))) + p("正文第一段。")
    body += p("正文第二段。", raw=textbox(p("抄送：县委办公室。")))
    content = read_docx(package(body), "banto.docx")
    assert content.texts() == [
        "某某县人民政府文件",
        "某政发〔2024〕1号",
        "",
        "正文第一段。",
        "抄送：县委办公室。",
        "正文第二段。",
    ]
    boxed = [b for b in content.blocks if b.in_textbox]
    assert [b.text for b in boxed] == ["某某县人民政府文件", "某政发〔2024〕1号", "抄送：县委办公室。"]
    assert boxed[0].centered


def test_footers_and_wps_page_number_text_boxes_are_left_out():
    footers = {"default": wps_footer("— 1 —"), "even": wps_footer("— 2 —"), "first": wps_footer("第一页页脚")}
    content = read_docx(package(p("正文。"), footers=footers), "footer.docx")
    assert content.texts() == ["正文。"]


def test_tables_come_as_tables_with_merged_cells_kept_in_their_columns():
    merged = (
        '<w:tr><w:tc><w:tcPr><w:gridSpan w:val="2"/></w:tcPr>'
        + p("合计")
        + "</w:tc><w:tc>"
        + p("30")
        + "</w:tc></w:tr>"
    )
    tbl = table([["项目", "数量", "金额"], ["道路", "2", "10"]]).replace("</w:tbl>", merged + "</w:tbl>")
    content = read_docx(package(p("表前。") + tbl + p("表后。")), "table.docx")
    assert isinstance(content.blocks[1], Table)
    assert content.blocks[1].rows == (("项目", "数量", "金额"), ("道路", "2", "10"), ("合计", "", "30"))
    assert content.texts() == ["表前。", "项目", "数量", "金额", "道路", "2", "10", "合计", "30", "表后。"]


def test_footnotes_are_marked_where_they_stand_and_kept_as_notes():
    body = p("全年增长5%", raw=footnote_ref(1) + run("，好于预期") + footnote_ref(2) + run("。"))
    content = read_docx(
        package(body, footnotes_xml=footnotes({1: "按可比价格计算。", 2: "数据来自统计局。"})), "fn.docx"
    )
    mark1, mark2 = NOTE_MARK.format(n=1), NOTE_MARK.format(n=2)
    assert content.texts() == [f"全年增长5%{mark1}，好于预期{mark2}。"]
    assert content.notes == ["按可比价格计算。", "数据来自统计局。"]


def test_pictures_are_counted_not_read_as_text():
    content = read_docx(package(p("图为现场。", raw=image_run()) + p(raw=image_run()), images=1), "img.docx")
    assert content.images == 2
    assert content.texts() == ["图为现场。", ""]


def test_hidden_text_and_field_codes_are_not_text_but_field_results_are():
    hidden = "<w:r><w:rPr><w:vanish/></w:rPr><w:t>隐藏的字</w:t></w:r>"
    field = (
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> DATE </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>2024年1月</w:t></w:r>'
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    )
    assert read_docx(package(p("日期：", raw=hidden + field)), "f.docx").texts() == ["日期：2024年1月"]


def test_line_breaks_tabs_and_full_width_indentation_are_kept_by_the_reader():
    body = p("\u3000\u3000缩进的段落", raw="<w:r><w:br/><w:t>第二行</w:t><w:tab/><w:t>制表</w:t></w:r>")
    assert read_docx(package(body), "br.docx").texts() == ["\u3000\u3000缩进的段落\n第二行\t制表"]


def test_title_style_and_size_are_reported():
    content = read_docx(package(p("关于某某的报告", style="Title") + p("正文。")), "t.docx")
    first = content.blocks[0]
    assert (first.style, first.centered, first.size) == ("Title", True, 22.0)


# --- Tracked changes ---------------------------------------------------------------------------------------

TRACKED = (
    p(
        "今年目标",
        raw='<w:ins w:id="1" w:author="甲"><w:r><w:t>全面</w:t></w:r></w:ins>'
        '<w:del w:id="2" w:author="甲"><w:r><w:delText>基本</w:delText></w:r></w:del>' + run("完成。"),
    )
    + '<w:p><w:pPr><w:rPr><w:del w:id="3" w:author="甲"/></w:rPr></w:pPr>'
    + run("被删了段落标记的段")
    + "</w:p>"
    + p("与它合并。")
)


def test_tracked_changes_are_refused_with_a_message():
    with pytest.raises(TrackedChangesError) as error:
        read_docx(package(TRACKED), "rev.docx")
    assert "rev.docx" in str(error.value) and "3 处" in str(error.value) and "--accept-revisions" in str(error.value)


def test_tracked_changes_accepted_on_request():
    content = read_docx(package(TRACKED), "rev.docx", accept_revisions=True)
    assert content.texts() == ["今年目标全面完成。", "被删了段落标记的段与它合并。"]
    assert content.revisions == 3


# --- The real document -------------------------------------------------------------------------------------


def test_the_real_tianjin_report_reads_paragraph_by_paragraph():
    data = TIANJIN.read_bytes()
    content = read_docx(data, TIANJIN)
    texts = content.texts()
    naive = [para.text for para in docx.Document(io.BytesIO(data)).paragraphs]
    assert texts == naive  # typed numbers, no lists, boxes or tables: python-docx's text is the whole truth here
    assert texts[0] == "2025年天津市政府工作报告" and content.blocks[0].centered
    assert "一、2024年工作回顾" in texts and "（一）高质量发展迈出坚实步伐" in texts
    assert content.images == 0 and content.notes == []


# --- Files that are not readable Word documents --------------------------------------------------------------


def test_encrypted_docx_is_named_as_encrypted():
    data = cfb({"EncryptionInfo": b"\x04\x00\x04\x00\x40\x00\x00\x00", "EncryptedPackage": b"\x99" * 5000})
    with pytest.raises(EncryptedDocxError) as error:
        read_docx(data, "密码.docx")
    assert "密码.docx" in str(error.value) and "密码" in error.value.problem


def test_old_doc_renamed_docx_is_told_apart_from_encrypted():
    with pytest.raises(CorruptDocxError) as error:
        read_docx(cfb({"WordDocument": b"\xec\xa5" * 100}), "旧.docx")
    assert ".doc" in error.value.problem and "改成 .doc" in error.value.fix


@pytest.mark.parametrize(
    "data, problem",
    [
        (b"", "空的"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 100, "JPEG 图片"),
        (b"just text, not a zip", "损坏"),
    ],
)
def test_not_a_docx(data, problem):
    with pytest.raises(CorruptDocxError) as error:
        read_docx(data, "坏.docx")
    assert str(error.value).startswith("坏.docx: ") and problem in str(error.value) and "\n" not in str(error.value)


def test_truncated_docx_is_corrupt_not_a_crash():
    data = numbered_docx()
    for cut in (len(data) // 3, len(data) - 30):
        with pytest.raises(CorruptDocxError):
            read_docx(data[:cut], "cut.docx")


def test_docx_with_broken_xml_or_no_body_is_corrupt():
    raw = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(numbered_docx())) as src, zipfile.ZipFile(raw, "w") as dst:
        for item in src.infolist():
            body = src.read(item)
            dst.writestr(item, body[: len(body) // 2] if item.filename == "word/document.xml" else body)
    with pytest.raises(CorruptDocxError) as error:
        read_docx(raw.getvalue(), "half.docx")
    assert "word/document.xml" in str(error.value)


# --- Text files ---------------------------------------------------------------------------------------------

SAMPLE_TEXT = "一、总体情况\n今年，全县上下齐心协力，完成了“十四五”目标任务（见附表）。\n"


@pytest.mark.parametrize(
    "data, encoding",
    [
        (SAMPLE_TEXT.encode("utf-8"), "UTF-8"),
        (codecs.BOM_UTF8 + SAMPLE_TEXT.encode("utf-8"), "UTF-8（带 BOM）"),
        (SAMPLE_TEXT.encode("utf-16"), "UTF-16（带 BOM）"),  # little-endian with BOM, as Notepad writes
        (codecs.BOM_UTF16_BE + SAMPLE_TEXT.encode("utf-16-be"), "UTF-16（带 BOM）"),
        (SAMPLE_TEXT.encode("gb18030"), "GB18030"),
        (SAMPLE_TEXT.replace("\n", "\r\n").encode("gbk"), "GB18030"),
        # UTF-16 without a BOM, as some exporters write it: told from binary data and from Big5 by what it reads as
        (SAMPLE_TEXT.encode("utf-16-le"), "UTF-16（无 BOM）"),
        (SAMPLE_TEXT.encode("utf-16-be"), "UTF-16（无 BOM）"),
    ],
)
def test_text_encodings_windows_writes(data, encoding):
    assert decode(data, "a.txt") == SAMPLE_TEXT
    assert encoding_of(data) == encoding


def test_utf16_without_bom_and_without_ascii_is_read():
    text = "总体情况今年全县上下齐心协力"  # no ASCII character (nor 一, U+4E00): not one NUL byte either
    assert b"\x00" not in text.encode("utf-16-le")
    assert decode(text.encode("utf-16-le"), "a.txt") == text
    assert encoding_of(text.encode("utf-16-le")) == "UTF-16（无 BOM）"


def test_line_endings_become_newlines():
    assert decode("甲\r\n乙\r丙\n".encode(), "a.txt") == "甲\n乙\n丙\n"
    assert decode(b"", "empty.txt") == ""


def test_the_real_gbk_report_decodes():
    text = decode(GBK_REPORT.read_bytes(), GBK_REPORT)
    assert text.startswith("政府工作报告（文字实录）\n")
    assert "一、2019年和今年以来工作回顾" in text and text.rstrip().endswith("(来源：中国政府网）")


@pytest.mark.parametrize(
    "data, problem",
    [
        (SAMPLE_TEXT.encode("big5", "ignore") * 3, "Big5"),
        ("Résumé, façade, naïve élève: ça va très bien.".encode("latin-1"), "既不是 UTF-8"),
        (SAMPLE_TEXT.encode("utf-16-le")[1:], "NUL"),  # UTF-16 cut short: no longer text
        (codecs.BOM_UTF32_LE + SAMPLE_TEXT.encode("utf-32-le"), "UTF-32"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF" + bytes(range(256)), "NUL"),
        (b"\x81\x30\xfe", "既不是 UTF-8"),
    ],
)
def test_other_encodings_are_clear_errors_naming_the_file(data, problem):
    with pytest.raises(TextDecodeError) as error:
        decode(data, "材料/甲.txt")
    message = str(error.value)
    assert message.startswith("材料/甲.txt: ") and problem in message and "\n" not in message


def test_mixed_utf8_and_gbk_lines_are_refused_with_their_line_numbers():
    data = (
        "第一段是 UTF-8 编码的。\n".encode() + "第二段是 GBK 编码的。\n".encode("gbk") + "第三段又是 UTF-8。\n".encode()
    )
    with pytest.raises(TextDecodeError) as error:
        decode(data, "mixed.txt")
    assert (
        "混用" in error.value.problem
        and "第 1、3 行是 UTF-8" in error.value.problem
        and "第 2 行" in error.value.problem
    )


def test_a_text_over_the_limit_is_refused_before_decoding():
    with pytest.raises(TextDecodeError) as error:
        decode(b"a" * (MAX_TEXT_BYTES + 1), "big.txt")
    assert "MB" in error.value.problem


_REAL_PARAGRAPHS = [
    line
    for path in sorted((ROOT / "templates_src" / "samples").glob("*.txt"))
    for line in path.read_text(encoding="utf-8").splitlines()
    if len(line) >= 12
]


@settings(derandomize=True, max_examples=200, deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from(_REAL_PARAGRAPHS), st.integers(0, 400), st.integers(12, 200)), min_size=1, max_size=6
    )
)
def test_any_real_chinese_text_round_trips_through_every_accepted_encoding(pieces):
    text = "\n".join(para[start : start + length] or para for para, start, length in pieces)
    for codec in ("utf-8", "utf-8-sig", "utf-16", "gb18030"):
        assert decode(text.encode(codec), "x.txt") == text, codec
