"""Metadata review in a spreadsheet: scripts/import --review writes the sheet (drop-down lists from vocab.yml, 待确认
cells yellow, header frozen), a user's edits come back through LibreOffice Calc re-saving it, --apply checks every
cell first and writes nothing on a bad one, and edits the .yml files in place, comments and key order kept."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from openpyxl import load_workbook

from macros.harness.office import convert
from macros.importer.review import COLUMNS, ORIGINAL, SHEET, YELLOW, edit_meta
from macros.importer.run import import_files, main
from macros.sources.catalog import load_sample
from macros.sources.library import load_library

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
IMPORTED = [
    SHARED / "realdocs" / "t03_关于实施乡村振兴战略的意见_UTF8-BOM.txt",
    SHARED / "realdocs" / "corpus-samples" / "02-city-shenzhen-2023.txt",
    SHARED / "import-samples" / "tianjin-2025-zhengfu-gongzuo-baogao.docx",
]
COMMENTED = """\
# 手写的范文元数据，带注释
slug: jiedao-zhongdian-gongzuo-shuzhi
标题: 街道党工委负责同志抓重点工作的述职汇报   # 标题照原文
顺序: 1
合集: 招商重点工作思路范例6篇
来源: 范文1
摘要: 街道主要负责同志以第一人称回顾如何抓调查研究。
行业:
  - 招商引资   # 主要的行业
文种: 述职报告
层级: 街道
# 地区是看出来的
地区: 汶河街道
注记: []
"""


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    """templates_src/ copied, three real documents imported into its samples (their metadata partly 待确认), and the
    first sample's .yml written by hand with comments and a block list."""
    root = tmp_path_factory.mktemp("review")
    shutil.copytree(ROOT / "templates_src", root / "templates_src")
    samples = root / "templates_src" / "samples"
    (samples / "fanwen-1.yml").write_text(COMMENTED, encoding="utf-8")
    batch = import_files(IMPORTED, samples, project=root, echo=lambda line: None)
    assert [r.status for r in batch.results] == ["imported"] * 3
    return root


def run(project: Path, *args) -> int:
    return main([*map(str, args), "--into", str(project / "templates_src" / "samples")], project=project)


def snapshot(project: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted((project / "templates_src" / "samples").iterdir())}


def rows_of(path: Path) -> dict[str, dict[str, str]]:
    sheet = load_workbook(path)[SHEET]
    header = [c.value for c in sheet[1]]
    return {row[0]: dict(zip(header, row, strict=True)) for row in sheet.iter_rows(min_row=2, values_only=True)}


def calc_resave(path: Path, out: Path) -> Path:
    """The workbook opened and saved again by LibreOffice Calc, as an office suite would."""
    return convert([path], "xlsx:Calc MS Excel 2007 XML", out, timeout=180)[0]


def test_the_review_sheet_offers_the_vocabulary_and_marks_what_waits(project, tmp_path, capsys):
    sheet_path = tmp_path / "元数据.xlsx"
    assert run(project, "--review", sheet_path) == 0
    assert "9 篇范文" in capsys.readouterr().out  # the six samples and the three imported, one a row
    book = load_workbook(sheet_path)
    sheet = book[SHEET]
    assert [c.value for c in sheet[1]] == list(COLUMNS) and sheet.freeze_panes == "B2"
    assert sheet.column_dimensions["L"].hidden and sheet["L1"].value == ORIGINAL
    vocab = load_library(ROOT, parts=()).vocab
    lists = {str(v.sqref): v.formula1 for v in sheet.data_validations.dataValidation}
    assert lists == {
        "C2:C10 D2:D10 E2:E10": "'词表'!$A$2:$A$5",
        "F2:F10": "'词表'!$B$2:$B$7",
        "G2:G10": "'词表'!$C$2:$C$7",
    }
    assert [book["词表"].cell(n, 3).value for n in range(2, 8)] == [t.name for t in vocab["层级"]]
    rows = rows_of(sheet_path)
    shenzhen = next(r for slug, r in rows.items() if "shenzhen" in slug)
    assert shenzhen["待确认"] == "标题、行业、文种、年代" and shenzhen["层级"] == "市" and shenzhen["地区"] == "深圳市"
    number = list(rows).index(shenzhen["slug"]) + 2
    yellow = {c.column_letter for c in sheet[number] if c.fill.fgColor.rgb.endswith(YELLOW)}
    assert yellow == {"B", "C", "D", "E", "F", "I"}  # 标题, 行业 (three columns), 文种, 年代: the 待确认 ones

    assert run(project, "--review", tmp_path / "待确认.xlsx", "--pending") == 0
    assert len(rows_of(tmp_path / "待确认.xlsx")) == 3


def test_edits_saved_by_libreoffice_calc_come_back_into_the_yml_files(project, tmp_path, capsys):
    sheet_path = tmp_path / "元数据.xlsx"
    assert run(project, "--review", sheet_path) == 0
    capsys.readouterr()
    book = load_workbook(sheet_path)
    sheet = book[SHEET]
    slugs = [row[0].value for row in sheet.iter_rows(min_row=2)]
    t03 = slugs.index(next(s for s in slugs if s.startswith("zhong-gong-zhong-yang"))) + 2
    sheet[f"F{t03}"] = "情况汇报"  # chosen from the list
    sheet[f"K{t03}"] = None  # everything checked: nothing waits
    first = slugs.index("jiedao-zhongdian-gongzuo-shuzhi") + 2
    sheet[f"D{first}"] = "农业"  # a second 行业
    sheet[f"H{first}"] = "山东省汶河街道"
    book.save(sheet_path)
    before = snapshot(project)
    saved = calc_resave(sheet_path, tmp_path / "calc")
    resaved = load_workbook(saved)[SHEET]
    assert len(resaved.data_validations.dataValidation) == 3 and resaved.column_dimensions["L"].hidden
    assert resaved[f"F{t03}"].value == "情况汇报"

    assert run(project, "--apply", saved) == 0, capsys.readouterr()
    out = capsys.readouterr().out
    assert out.startswith("写回了 2 篇范文的元数据：")
    after = snapshot(project)
    assert [name for name in after if after[name] != before[name]] == sorted(["fanwen-1.yml", f"{slugs[t03 - 2]}.yml"])
    # Only the two values changed; the comments, the key order and everything else as written
    assert after["fanwen-1.yml"].decode() == COMMENTED.replace(
        "  - 招商引资   # 主要的行业\n", "  - 招商引资\n  - 农业   # 主要的行业\n"
    ).replace("地区: 汶河街道", "地区: 山东省汶河街道")
    samples = project / "templates_src" / "samples"
    vocab = load_library(project, parts=()).vocab
    first_sample = load_sample(samples / "fanwen-1.yml", vocab)
    assert first_sample.facets["行业"] == ["招商引资", "农业"] and first_sample.region == "山东省汶河街道"
    t03_sample = load_sample(samples / f"{slugs[t03 - 2]}.yml", vocab)
    assert t03_sample.facets["文种"] == ["情况汇报"] and not t03_sample.pending
    assert "# 由 scripts/import 从" in (samples / f"{slugs[t03 - 2]}.yml").read_text(encoding="utf-8")

    assert run(project, "--apply", saved) == 0  # applied once: the sheet and the files agree now
    assert "什么也不用改" in capsys.readouterr().out


def test_every_bad_cell_is_named_and_nothing_is_written(project, tmp_path, capsys):
    sheet_path = tmp_path / "元数据.xlsx"
    assert run(project, "--review", sheet_path) == 0
    capsys.readouterr()
    book = load_workbook(sheet_path)
    sheet = book[SHEET]
    sheet["G2"] = "县级"  # not a 层级 of the vocabulary
    sheet["F3"] = None  # 文种 left empty, and it does not wait
    sheet["A4"] = "no-such-sample"  # a changed slug
    sheet["A5"] = "no-such-sample"
    sheet["L5"] = None  # a row that was never the sheet's: a slug that does not exist
    for column in "ABCDEFGHIJKL":  # row 6 again as row 12: a duplicate
        sheet[f"{column}12"] = sheet[f"{column}6"].value
    sheet["K7"] = "标题、作者"
    sheet["B8"] = "标题\n第二行"
    book.save(sheet_path)
    before = snapshot(project)
    assert run(project, "--apply", sheet_path) == 1
    lines = capsys.readouterr().out.splitlines()
    where = f"{sheet_path} 工作表“元数据”"
    expected = [
        (f"{where} 第 2 行 G 列（层级）: “县级”不在层级的词表里。", "从下拉列表里选："),
        (f"{where} 第 3 行 F 列（文种）: 文种没有填。", "填上文种"),
        (f"{where} 第 4 行 A 列（slug）: slug 从“", "slug 是网址名，定了不改"),
        (f"{where} 第 5 行 A 列（slug）: 没有 slug 为“no-such-sample”的范文。", "不要新增行"),
        (f"{where} 第 7 行 K 列（待确认）: “作者”不是可以待确认的项。", "用“、”隔开"),
        (f"{where} 第 8 行 B 列（标题）: 这一格应是一行文字，里面有换行。", "写成一行"),
        (f"{where} 第 12 行 A 列（slug）: 这一行和第 6 行是同一篇范文", "删掉重复的一行"),
    ]
    assert (
        len(lines) == len(expected) + 1
        and lines[-1] == f"表格里有 {len(expected)} 处要改，什么也没有写。改好后保存，再运行一次。"
    )
    for line, (start, fix) in zip(lines, expected, strict=False):
        assert line.startswith(start) and "修改方法：" in line and fix in line, line
    assert snapshot(project) == before


@pytest.mark.parametrize(
    "name, data, said",
    [
        ("坏.xlsx", b"PK\x03\x04 not a workbook", "打不开这个表格"),
        ("旧.xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "打不开"),
    ],
)
def test_a_file_that_is_not_the_review_sheet_is_one_line(project, tmp_path, capsys, name, data, said):
    (tmp_path / name).write_bytes(data)
    assert run(project, "--apply", tmp_path / name) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and said in err and "修改方法：" in err


def test_values_are_edited_where_they_stand():
    text = "# 注释\nslug: a\n标题: 旧标题  # 留着\n行业: [农业]\n文种: 待确认：意见\n层级: 县\n注记: []\n"
    edited = edit_meta(
        text, {"标题": "新标题", "行业": ["农业", "文旅"], "文种": "情况汇报", "层级": "县", "地区": "商城县"}
    )
    assert (
        edited
        == "# 注释\nslug: a\n标题: 新标题  # 留着\n行业: [农业, 文旅]\n文种: 情况汇报\n层级: 县\n地区: 商城县\n注记: []\n"
    )
    assert edit_meta(edited, {"地区": None}) == edited.replace("地区: 商城县", "地区:")
