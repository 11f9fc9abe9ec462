"""Metadata review in a spreadsheet: `scripts/import --review 元数据.xlsx` writes one row per sample, `--apply`
reads the sheet back into the samples' .yml files (docs/weihu/daoru.md: 用表格核对元数据).

The sheet (openpyxl, pinned) has the columns of COLUMNS; 行业, 文种 and 层级 are drop-down lists (data validation)
made from vocab.yml's lists, kept on a sheet of their own, so values are chosen, not typed; the cells still 待确认 are
yellow and their fields named in the 待确认 column; the header row is frozen and filtered. A hidden column keeps each
row's slug as written, so a changed slug is recognised.

--apply checks every cell before writing anything: an unknown value, a missing required value, a slug that does not
exist, a changed slug, a duplicate row, a field the 待确认 column does not know, a control character or a line break,
each one line naming the sheet, row and column, with the fix. Only when every row is valid are the files written, each
changed file first in full beside itself and then all renamed (Ctrl-C held between the renames, macros/importer/
writer.py), each read back by the build's own loader first (macros/sources/catalog.py load_sample).

How a .yml is changed: only the values that differ, edited where they stand, found by the positions PyYAML's composer
gives each key and value; every other byte stays as it was: comments (also on the edited line, after the value), key
order, blank lines, quoting and list style of what did not change. ruamel.yaml's round trip would keep comments too,
but it re-emits the whole file (re-wrapping long lines, re-indenting lists, re-quoting), and it is another parser
beside the hardened one: the files only ever hold what yaml_source.py accepts, so PyYAML's positions are exact.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

import yaml

from macros.importer.writer import _interrupts_held, flow_list, scalar
from macros.sources.catalog import SAMPLE, Sample, Term, load_sample, names
from macros.sources.errors import LocatedError, SourceError
from macros.sources.pending import PENDING, PENDING_FIELDS
from macros.sources.site_map import FACETS
from macros.sources.text_files import CONTROL, read_source
from macros.sources.yaml_source import MAX_LINE_CHARS, MAX_TEXT_CHARS, parse_yaml

SHEET = "元数据"
VOCAB_SHEET = "词表"
HELP_SHEET = "说明"
SECTORS = ("行业", "行业（二）", "行业（三）")  # a sample may have up to three
COLUMNS = ("slug", "标题", *SECTORS, "文种", "层级", "地区", "年代", "来源", "待确认", "原 slug")
ORIGINAL = "原 slug"  # hidden: the slug as written, to recognise a changed one
PENDING_COLUMN = "待确认"
ONE_LINE = {"slug", "标题", "地区", "年代", *SECTORS, "文种", "层级"}
YELLOW = "FFF2CC"
HELP = (
    "这张表列出范文的元数据，改好后保存，再运行 scripts/import --apply 这个文件，写回 templates_src/samples/ 里的 .yml。",
    "行业、文种、层级从下拉列表里选（列表来自 templates_src/vocab.yml，见“词表”工作表）；一篇可以有三个行业。",
    "黄色的格子是导入时猜的、还没人核对的值，“待确认”一列写着哪几项还待确认：核对（或改好）之后，把这一项从“待确认”里删掉；",
    "还没核对的项留在“待确认”里，写回时仍标“待确认”。标题、行业、文种、层级、来源必须填（待确认的可以空着）；地区、年代可以空着。",
    "slug 是网址名，定了不改；不要增删行。--apply 先逐格检查，有一格不对就什么也不写，并逐条说明在哪一行哪一列、怎么改。",
)


class SheetError(LocatedError):
    """A cell of the review sheet that cannot be applied: the file, the sheet, the row and the column."""

    def __init__(self, path: Path | str, row: int | None, column: str | None, problem: str, fix: str):
        self.cell = (row, column)
        super().__init__(path, None, problem, fix)

    @property
    def where(self) -> str:
        row, column = self.cell
        place = f"{self.path} 工作表“{SHEET}”"
        if row is not None:
            place += f" 第 {row} 行"
        if column is not None:
            letter = _letter(COLUMNS.index(column) + 1) if column in COLUMNS else "?"
            place += f" {letter} 列（{column}）"
        return place


def _letter(number: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(number)


# ---------------------------------------------------------------------------------------------- the samples


def load_samples_folder(folder: Path, vocab: dict[str, list[Term]]) -> list[Sample]:
    """Every sample of the folder, as the build reads it; a bad one stops with its SourceError."""
    samples = [load_sample(path, vocab) for path in sorted(folder.glob("*.yml"))]
    return sorted(samples, key=lambda s: (s.order, s.slug))


def row_of(sample: Sample) -> dict[str, str]:
    """A sample's cells: its values, a 待确认 value's guess, and the 待确认 fields."""
    sectors = sample.pending["行业"].split("、") if "行业" in sample.pending else sample.facets["行业"]
    sectors = [s for s in sectors if s][: len(SECTORS)]
    cells = {
        "slug": sample.slug,
        "标题": sample.pending.get("标题", sample.title),
        "文种": sample.pending["文种"] if "文种" in sample.pending else sample.facets["文种"][0],
        "层级": sample.pending["层级"] if "层级" in sample.pending else sample.facets["层级"][0],
        "地区": sample.region or "",
        "年代": sample.era or "",
        "来源": sample.source,
        PENDING_COLUMN: "、".join(key for key in PENDING_FIELDS if key in sample.pending),
        ORIGINAL: sample.slug,
    }
    for column, value in zip(SECTORS, [*sectors, "", "", ""][: len(SECTORS)], strict=True):
        cells[column] = value
    return {key: value or "" for key, value in cells.items()}


# -------------------------------------------------------------------------------------------- --review


def write_review(path: Path, samples: list[Sample], vocab: dict[str, list[Term]], pending_only: bool) -> int:
    """Write the review workbook; returns how many rows it has."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.worksheet.datavalidation import DataValidation

    rows = [row_of(s) for s in samples if s.pending or not pending_only]
    book = Workbook()
    sheet = book.active
    sheet.title = SHEET
    sheet.append(list(COLUMNS))
    for cells in rows:
        sheet.append([cells[column] for column in COLUMNS])
    bold = Font(bold=True)
    for cell in sheet[1]:
        cell.font = bold
    yellow = PatternFill("solid", start_color=YELLOW, end_color=YELLOW)
    for number, cells in enumerate(rows, start=2):
        pending = set(cells[PENDING_COLUMN].split("、")) - {""}
        for column in COLUMNS:
            field = "行业" if column in SECTORS else column
            if field in pending:
                sheet.cell(number, COLUMNS.index(column) + 1).fill = yellow
    widths = {"slug": 28, "标题": 40, "来源": 30, "地区": 18, "年代": 14, PENDING_COLUMN: 18}
    for index, column in enumerate(COLUMNS, start=1):
        sheet.column_dimensions[_letter(index)].width = widths.get(column, 12)
    sheet.column_dimensions[_letter(COLUMNS.index(ORIGINAL) + 1)].hidden = True
    sheet.freeze_panes = "B2"
    last = max(len(rows) + 1, 2)
    sheet.auto_filter.ref = f"A1:{_letter(COLUMNS.index(PENDING_COLUMN) + 1)}{last}"

    lists = book.create_sheet(VOCAB_SHEET)
    for index, facet in enumerate(FACETS, start=1):
        lists.cell(1, index, facet).font = bold
        for number, term in enumerate(vocab[facet], start=2):
            lists.cell(number, index, term.name)
        letter = _letter(index)
        choices = DataValidation(
            type="list",
            formula1=f"'{VOCAB_SHEET}'!${letter}$2:${letter}${len(vocab[facet]) + 1}",
            allow_blank=True,
            showErrorMessage=True,
            errorTitle=f"{facet}不在词表里",
            error=f"请从下拉列表里选{facet}；要用新的{facet}，先在 templates_src/vocab.yml 里加上。",
        )
        sheet.add_data_validation(choices)
        for column in SECTORS if facet == "行业" else (facet,):
            letter = _letter(COLUMNS.index(column) + 1)
            choices.add(f"{letter}2:{letter}{last}")
        lists.column_dimensions[letter].width = 14
    lists.protection.sheet = True

    notes = book.create_sheet(HELP_SHEET)
    notes.column_dimensions["A"].width = 120
    for number, line in enumerate(HELP, start=1):
        notes.cell(number, 1, line).alignment = Alignment(wrap_text=True)
    _save(book, path)
    return len(rows)


def _save(book, path: Path) -> None:
    """Save beside the target under a temporary name, then rename: a failed save leaves no half-written file."""
    fd, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    os.close(fd)
    try:
        book.save(temp)
        os.replace(temp, path)
    finally:
        if os.path.exists(temp):
            os.unlink(temp)


# --------------------------------------------------------------------------------------------- --apply


@dataclass
class Wanted:
    """What a row asks a sample's metadata to be: key -> raw value (a text, a list of names, or None)."""

    sample: Sample
    values: dict[str, str | list[str] | None]


def _text(value) -> str:
    """A cell as text: a number Calc or Excel made of 2020 is 2020 again."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def read_sheet(path: Path) -> list[tuple[int, dict[str, str]]]:
    """(row number, cells by column name) for every row that is not empty; a SheetError when the file or its header
    is not the review sheet."""
    from openpyxl import load_workbook

    fix = "用 scripts/import --review 重新生成表格，在那张表上改。"
    try:
        book = load_workbook(path, data_only=True)
    except Exception:  # not a workbook, damaged, an old .xls: openpyxl raises several kinds
        raise SheetError(
            path,
            None,
            None,
            "打不开这个表格（不是 .xlsx 文件，或已损坏）。",
            "在 WPS 表格或 Excel 里另存为 .xlsx 再试。",
        ) from None
    if SHEET not in book.sheetnames:
        raise SheetError(path, None, None, f"表格里没有名为“{SHEET}”的工作表。", fix)
    sheet = book[SHEET]
    header = [_text(cell.value) for cell in next(sheet.iter_rows(min_row=1, max_row=1))]
    missing = [column for column in COLUMNS if column not in header]
    if missing:
        raise SheetError(path, 1, None, f"表头少了“{'、'.join(missing)}”列。", fix)
    places = {column: header.index(column) for column in COLUMNS}
    rows = []
    for number, cells in enumerate(sheet.iter_rows(min_row=2, values_only=True), start=2):
        values = {column: _text(cells[i]) if i < len(cells) else "" for column, i in places.items()}
        if any(values.values()):
            rows.append((number, values))
    return rows


def check_rows(path: Path, rows, samples: dict[str, Sample], vocab: dict[str, list[Term]]) -> tuple[list, list]:
    """(wanted changes, errors): every cell checked, nothing written."""
    errors: list[SheetError] = []
    wanted: list[Wanted] = []
    seen: dict[str, int] = {}

    def error(row: int, column: str | None, problem: str, fix: str) -> None:
        errors.append(SheetError(path, row, column, problem, fix))

    for number, cells in rows:
        slug, original = cells["slug"], cells[ORIGINAL]
        if original and slug != original:
            error(
                number, "slug", f"slug 从“{original}”改成了“{slug}”。", f"改回“{original}”：slug 是网址名，定了不改。"
            )
            continue
        if slug not in samples:
            error(
                number,
                "slug",
                f"没有 slug 为“{slug}”的范文。",
                "只改表里原有的行，不要新增行；用 --review 重新生成表格。",
            )
            continue
        if slug in seen:
            error(number, "slug", f"这一行和第 {seen[slug]} 行是同一篇范文（{slug}）。", "删掉重复的一行，只留一行。")
            continue
        seen[slug] = number
        before = len(errors)
        for column, value in cells.items():
            if CONTROL.search(value):
                error(number, column, "有看不见的控制字符。", "删掉这一格重新输入（多半是从别处复制来的）。")
            elif column in ONE_LINE and "\n" in value:
                error(number, column, "这一格应是一行文字，里面有换行。", "把它写成一行。")
            elif len(value) > (MAX_TEXT_CHARS if column == "来源" else MAX_LINE_CHARS):
                error(number, column, f"有 {len(value)} 个字，太长了。", "把它缩短。")
        pending = [p for p in re.split(r"[、，,；;\s]+", cells[PENDING_COLUMN]) if p]
        unknown = [p for p in pending if p not in PENDING_FIELDS]
        if unknown:
            error(
                number,
                PENDING_COLUMN,
                f"“{'、'.join(unknown)}”不是可以待确认的项。",
                f"只写 {'、'.join(PENDING_FIELDS)} 中还没核对的几项，用“、”隔开；都核对过了就清空。",
            )
        values: dict[str, str | list[str] | None] = {}
        for field in ("标题", "行业", "文种", "层级", "地区", "年代"):
            columns = SECTORS if field == "行业" else (field,)
            chosen = [cells[c] for c in columns if cells[c]]
            if field in FACETS:
                allowed = names(vocab, field)
                for column in columns:
                    if cells[column] and cells[column] not in allowed and field not in pending:
                        error(
                            number,
                            column,
                            f"“{cells[column]}”不在{field}的词表里。",
                            f"从下拉列表里选：{'、'.join(allowed)}；要用新的{field}，先加进 templates_src/vocab.yml；还没核对就在“待确认”里留着“{field}”。",
                        )
            required = field in ("标题", "行业", "文种", "层级")
            if required and not chosen and field not in pending:
                error(
                    number,
                    columns[0],
                    f"{field}没有填。",
                    f"填上{field}（行业、文种、层级从下拉列表里选）；还不知道就在“待确认”里写上“{field}”。",
                )
            if field in pending:
                values[field] = f"{PENDING}：{'、'.join(chosen)}" if chosen else PENDING
            elif field == "行业":
                values[field] = chosen
            else:
                values[field] = chosen[0] if chosen else None
        if not cells["来源"]:
            error(number, "来源", "来源没有填。", "写上出处（导入的文档写“导入：原文件名”）。")
        values["来源"] = cells["来源"]
        if len(errors) == before:
            wanted.append(Wanted(samples[slug], values))
    return wanted, errors


# ------------------------------------------------------------------------------- editing a .yml in place


def _same(current, value) -> bool:
    if isinstance(value, list) or isinstance(current, list):
        as_list = current if isinstance(current, list) else [current] if current not in (None, "") else []
        return [str(x).strip() for x in as_list] == (value if isinstance(value, list) else [value])
    return (None if current in (None, "") else str(current).strip()) == value


def _render(value, block_indent: str | None) -> str:
    """The text after `key:` for a value: a scalar, a flow list, or (where the file had one) a block list."""
    if value is None:
        return ""
    if isinstance(value, list):
        if block_indent is not None:
            return "".join(f"\n{block_indent}- {scalar(v)}" for v in value)
        return " " + flow_list(value)
    return " " + scalar(value)


def edit_meta(text: str, values: dict[str, str | list[str] | None]) -> str:
    """text with the top-level keys of values set to them; everything else as it was (see the module docstring)."""
    document = yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    found = {key.value: (key, value) for key, value in document.value}
    current = parse_yaml(text, "edit")  # values as the build reads them: 2020 is the text 2020
    edits: list[tuple[int, int, str]] = []
    order = SAMPLE.names
    for key, value in values.items():
        if _same(current.get(key), value):
            continue
        if key in found:
            key_node, value_node = found[key]
            colon = text.index(":", key_node.end_mark.index)
            end = value_node.end_mark.index
            indent = None
            if isinstance(value_node, yaml.SequenceNode) and not value_node.flow_style:
                end = value_node.value[-1].end_mark.index if value_node.value else end
                first = value_node.start_mark
                indent = " " * first.column
            elif isinstance(value_node, yaml.ScalarNode) and value_node.value == "" and not value_node.style:
                end = colon + 1  # `key:` with nothing after it
            edits.append((colon + 1, end, _render(value, indent)))
        elif value not in (None, []):
            earlier = [k for k in order[: order.index(key)] if k in found]
            if earlier:
                last = found[earlier[-1]][1]
                ends = (
                    last.value[-1].end_mark.index
                    if isinstance(last, yaml.SequenceNode) and last.value and not last.flow_style
                    else last.end_mark.index
                )
                at = text.find("\n", ends)
                at = len(text) if at < 0 else at
                edits.append((at, at, f"\n{key}:{_render(value, None)}"))
            else:
                edits.append((0, 0, f"{key}:{_render(value, None)}\n"))
    for start, end, new in sorted(edits, reverse=True):
        text = text[:start] + new + text[end:]
    return text


def apply_review(path: Path, folder: Path, vocab: dict[str, list[Term]]) -> tuple[list[str], list[SheetError], int]:
    """(slugs whose .yml changed, errors, rows read): nothing is written unless there are no errors."""
    samples = {s.slug: s for s in load_samples_folder(folder, vocab)}
    rows = read_sheet(path)
    wanted, errors = check_rows(path, rows, samples, vocab)
    if errors:
        return [], errors, len(rows)
    changed: dict[Path, str] = {}
    for want in wanted:
        before = read_source(want.sample.meta_path)
        after = edit_meta(before, want.values)
        if after != before:
            _check_loads(want.sample, after, vocab, path, rows)
            changed[want.sample.meta_path] = after
    write_all(changed)
    return sorted(p.stem for p in changed), [], len(rows)


def _check_loads(sample: Sample, text: str, vocab, path: Path, rows) -> None:
    """The edited file is read by the build's own loader before anything is written (with its text beside it)."""
    with tempfile.TemporaryDirectory(prefix="fanwenku-review-") as work:
        meta = Path(work) / sample.meta_path.name
        meta.write_text(text, encoding="utf-8")
        shutil.copyfile(sample.text_path, meta.with_suffix(".txt"))
        try:
            load_sample(meta, vocab)
        except SourceError as error:
            number = next((n for n, cells in rows if cells["slug"] == sample.slug), None)
            raise SheetError(
                path, number, None, f"写回后 {sample.meta_path.name} 读不出来（{error.problem}）。", error.fix
            ) from None


def write_all(files: dict[Path, str]) -> None:
    """Every file written in full beside itself first; then all renamed, Ctrl-C held between the renames."""
    temps: list[tuple[Path, Path]] = []
    try:
        for target, text in files.items():
            temp = target.with_name(f".{target.name}.{os.getpid()}.part")
            temps.append((temp, target))
            with open(temp, "w", encoding="utf-8", newline="\n") as handle:
                handle.write(text)
        with _interrupts_held():
            for temp, target in temps:
                os.replace(temp, target)
    finally:
        for temp, _ in temps:
            temp.unlink(missing_ok=True)
