"""Each trap of real Word and text files, imported: what the sample's .txt and .yml end up holding.

The files are built for the trap (tests/docx_traps.py) and imported with the importer itself into tmp_path;
the expected lines are written out by hand from what Word shows.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from docx_traps import (
    GONGWEN_LEVELS,
    footnote_ref,
    footnotes,
    image_run,
    numbering,
    p,
    package,
    run,
    table,
    textbox,
    wps_footer,
)

from macros.importer.run import import_files
from macros.sources.text_blocks import split_blocks

ROOT = Path(__file__).resolve().parent.parent


def imported(tmp_path: Path, name: str, data: bytes, **options) -> tuple[list[str], dict, str]:
    """Import one file; (the .txt's lines, the .yml, the terminal line)."""
    source = tmp_path / "in" / name
    source.parent.mkdir(parents=True, exist_ok=True)
    source.write_bytes(data)
    lines: list[str] = []
    batch = import_files([source], tmp_path / "out", project=ROOT, echo=lines.append, **options)
    result = batch.results[0]
    assert result.status == "imported", lines
    text = (tmp_path / "out" / f"{result.slug}.txt").read_text(encoding="utf-8")
    meta = yaml.safe_load((tmp_path / "out" / f"{result.slug}.yml").read_text(encoding="utf-8"))
    return text.splitlines(), meta, lines[0]


def test_automatic_numbering_is_written_out_and_read_as_headings(tmp_path):
    body = (
        p("关于全县招商引资工作情况的报告", center=True)
        + p("总体情况", num=(1, 0))
        + p("今年引进项目12个。")
        + p("主要做法", num=(1, 0))
        + p("强化领导", num=(1, 1))
        + p("成立专班。")
        + p("优化服务", num=(1, 1))
        + p("下一步打算", num=(1, 0))
    )
    data = package(body, numbering_xml=numbering({1: GONGWEN_LEVELS}, {1: (1, "")}))
    lines, meta, _ = imported(tmp_path, "numbered.docx", data)
    assert lines == [
        "一、总体情况",
        "今年引进项目12个。",
        "二、主要做法",
        "（一）强化领导",
        "成立专班。",
        "（二）优化服务",
        "三、下一步打算",
    ]
    assert meta["标题"] == "关于全县招商引资工作情况的报告"
    assert [b.level for b in split_blocks("\n".join(lines))] == [2, 0, 2, 3, 0, 3, 2]


@pytest.mark.parametrize(
    "county, region, level",
    [("商城县", "商城县", "县"), ("青山县", "待确认", "待确认：县")],  # 青山县 is in no gazetteer: a guess only
)
def test_masthead_in_text_boxes_is_kept_once_and_names_the_issuing_body(tmp_path, county, region, level):
    masthead = textbox(p(f"{county}人民政府文件", center=True), p("青政发〔2024〕3号", center=True))
    body = (
        p(raw=masthead)
        + p(f"{county}人民政府关于2024年招商引资工作情况的报告", center=True)
        + p("县人大常委会：")
        + p("今年以来，全县招商引资工作稳步推进，全县签约项目20个。全县到位资金30亿元。")
        + p(f"{county}人民政府", raw=textbox(p("抄送：县委办公室。")))
        + p("2024年12月20日")
    )
    lines, meta, _ = imported(tmp_path, "masthead.docx", package(body))
    assert lines == [
        f"{county}人民政府文件",
        "青政发〔2024〕3号",
        "县人大常委会：",
        "今年以来，全县招商引资工作稳步推进，全县签约项目20个。全县到位资金30亿元。",
        "抄送：县委办公室。",
        f"{county}人民政府",
        "2024年12月20日",
    ]
    assert meta["标题"] == f"{county}人民政府关于2024年招商引资工作情况的报告"
    assert (meta["地区"], meta["层级"], meta["年代"], meta["文种"]) == (region, level, "2024年", "情况汇报")


def test_wps_footer_text_boxes_and_odd_even_footers_are_left_out(tmp_path):
    footers = {"default": wps_footer("— 1 —"), "even": wps_footer("— 2 —")}
    body = p("某单位工作总结", center=True) + p("正文第一段。") + p("正文第二段。")
    lines, _, _ = imported(tmp_path, "footer.docx", package(body, footers=footers))
    assert lines == ["正文第一段。", "正文第二段。"]


def test_tables_become_table_rows_of_the_sample_format(tmp_path):
    body = (
        p("重点项目情况汇报", center=True)
        + p("表前。")
        + table([["项目", "投资（亿元）"], ["", ""], ["港口|码头", "1.5"]])
        + p("表后。")
    )
    lines, _, _ = imported(tmp_path, "table.docx", package(body))
    assert lines == ["表前。", "| 项目 | 投资（亿元） |", "| 港口\\|码头 | 1.5 |", "表后。"]
    blocks = split_blocks("\n".join(lines))
    assert [b.cells for b in blocks] == [None, ("项目", "投资（亿元）"), ("港口|码头", "1.5"), None]


def test_footnotes_are_kept_as_notes_at_the_end(tmp_path):
    body = p("年度工作总结", center=True) + p("全年增长5%", raw=footnote_ref(1) + run("。"))
    data = package(body, footnotes_xml=footnotes({1: "按可比价格计算。"}))
    lines, meta, _ = imported(tmp_path, "fn.docx", data)
    assert lines == ["全年增长5%[1]。", "[1]按可比价格计算。"]
    assert meta["注记"] == [{"位置": "p2", "类型": "脚注", "内容": meta["注记"][0]["内容"]}]
    assert "脚注" in meta["注记"][0]["内容"]


def test_pictures_are_counted_in_a_visible_note_where_they_stood(tmp_path):
    body = p("工作汇报", center=True) + p("第一段。") + p(raw=image_run() + image_run()) + p("图后一段。")
    lines, meta, _ = imported(tmp_path, "img.docx", package(body, images=1))
    assert lines == ["第一段。", "图后一段。"]
    assert meta["注记"] == [{"位置": "p2", "类型": "图片", "内容": "原文此处有 2 张图片，没有导入。"}]


TRACKED = p("工作总结", center=True) + p(
    "今年",
    raw='<w:ins w:id="1" w:author="甲"><w:r><w:t>全面</w:t></w:r></w:ins>'
    '<w:del w:id="2" w:author="甲"><w:r><w:delText>基本</w:delText></w:r></w:del>' + run("完成目标。"),
)


def test_tracked_changes_are_refused_and_nothing_is_written(tmp_path):
    source = tmp_path / "rev.docx"
    source.write_bytes(package(TRACKED))
    lines: list[str] = []
    batch = import_files([source], tmp_path / "out", project=ROOT, echo=lines.append)
    assert batch.results[0].status == "failed"
    assert lines[0].startswith(f"失败  {source}: ") and "修订" in lines[0] and "--accept-revisions" in lines[0]
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").iterdir())


def test_tracked_changes_accepted_on_request_with_a_note(tmp_path):
    lines, meta, _ = imported(tmp_path, "rev.docx", package(TRACKED), accept_revisions=True)
    assert lines == ["今年全面完成目标。"]
    assert meta["注记"][0]["类型"] == "修订" and "2 处" in meta["注记"][0]["内容"]


@pytest.mark.parametrize(
    "first, title, rest",
    [
        ("关于2024年工作情况的报告\u30002025年1月6日\u3000张三", "关于2024年工作情况的报告", "2025年1月6日\u3000张三"),
        ("在全县经济工作会议上的讲话（2024年1月5日）", "在全县经济工作会议上的讲话", "（2024年1月5日）"),
        ("在全县经济工作会议上的讲话  县长  李四", "在全县经济工作会议上的讲话", "县长  李四"),
    ],
)
def test_title_merged_with_date_and_speaker_is_split_off(tmp_path, first, title, rest):
    data = package(p(first, center=True) + p("同志们：") + p("今天召开会议，主要任务是部署全年工作。"))
    lines, meta, _ = imported(tmp_path, "merged.docx", data)
    assert meta["标题"] == title
    assert lines == [rest, "同志们：", "今天召开会议，主要任务是部署全年工作。"]


def test_title_broken_over_two_lines_by_hand_is_joined(tmp_path):
    data = package(
        p("商城县2024年工作总结", center=True, raw="<w:r><w:br/><w:t>及2025年工作思路</w:t></w:r>") + p("正文。")
    )
    lines, meta, _ = imported(tmp_path, "twoline.docx", data)
    assert meta["标题"] == "商城县2024年工作总结及2025年工作思路" and lines == ["正文。"]


def test_full_width_indentation_is_dropped_and_nothing_else(tmp_path):
    text = "关于某项工作的汇报\r\n\r\n\u3000\u3000第一段，中间的\u3000全角空格和 半角空格都留着。  \r\n\t第二段。\r\n\r\n\r\n"
    lines, _, _ = imported(tmp_path, "indent.txt", text.encode("gb18030"))
    assert lines == ["第一段，中间的\u3000全角空格和 半角空格都留着。", "第二段。"]


def test_no_title_takes_the_file_name_and_marks_it_uncertain(tmp_path):
    data = package(p("一、总体情况") + p("今年以来，各项工作稳步推进。") + p("二、存在问题"))
    lines, meta, line = imported(tmp_path, "2024年上半年工作总结.docx", data)
    assert meta["标题"] == "待确认：2024年上半年工作总结"
    assert lines[0] == "一、总体情况"
    assert "《待确认：2024年上半年工作总结》" in line


def test_heading_and_body_in_one_paragraph_stay_one_line(tmp_path):
    text = "招商引资工作要点\n（一）强化领导。成立招商引资工作领导小组，统筹全县招商工作。\n（二）优化服务\n"
    lines, _, _ = imported(tmp_path, "runin.txt", text.encode())
    assert lines[0] == "（一）强化领导。成立招商引资工作领导小组，统筹全县招商工作。"
    blocks = split_blocks("\n".join(lines))
    assert [b.is_heading for b in blocks] == [False, True]


@pytest.mark.parametrize(
    "encoding, data",
    [
        ("UTF-8 BOM, CRLF", b"\xef\xbb\xbf" + "乡镇工作要点\r\n一、目标\r\n全年完成任务。\r\n\r\n".encode()),
        ("UTF-16 BOM", "乡镇工作要点\n一、目标\n全年完成任务。\n".encode("utf-16")),
        ("GBK", "乡镇工作要点\n\n一、目标\n\n全年完成任务。\n\n\n".encode("gbk")),
    ],
)
def test_text_files_in_windows_encodings(tmp_path, encoding, data):
    lines, meta, _ = imported(tmp_path, "a.txt", data)
    assert lines == ["一、目标", "全年完成任务。"], encoding
    assert meta["标题"] == "乡镇工作要点" and meta["文种"] == "工作要点"


def test_page_breaks_and_control_characters_in_a_text_file(tmp_path):
    """A form feed (page break) ends a line; other control characters are invisible and the build refuses them."""
    text = "工作要点\n第一页的最后一段。\x0c第二页的第一段。\n有\x07响铃符和\x85下一行符的段落。\n"
    lines, _, _ = imported(tmp_path, "ff.txt", text.encode())
    assert lines == ["第一页的最后一段。", "第二页的第一段。", "有响铃符和下一行符的段落。"]


def test_the_importer_runs_without_mkdocs():
    """macros/importer/ is a plain library: importing the whole command line loads no MkDocs or Material."""
    import subprocess
    import sys

    code = "import sys, macros.importer.run; print(sorted(m for m in sys.modules if m.split('.')[0] in ('mkdocs', 'material')))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"
