"""The importer's guesses on every real document in ../shared/ against the right values, written down by hand in
templates_src/import/truth.md: no value may be written without 待确认 unless it is right.

    .venv/bin/python tests/test_import_guesses.py --write    # refresh the table's 猜测 rows after changing the guesser
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
FOLDERS = ("realdocs", "import-samples")
TABLE = ROOT / "templates_src" / "import" / "truth.md"
FIELDS = ("标题", "文种", "层级", "地区", "年代", "行业")
NONE = "—"  # no right value: a template or a format note is no body's document
OR = " / "  # between right values
_ROW = re.compile(r"^\|\s*(?P<file>[^|]*?)\s*\|\s*(?P<kind>正确|猜测)\s*\|(?P<cells>.*)\|$")
TOP = """\
# 导入猜测核对表

`scripts/import` 猜元数据（`macros/importer/guess.py`，关键词和地名表在本目录）在仓库旁边 `../shared/` 里每一份真实
文件上的结果。每个文件两行：**正确**是人工核定的值（几个都算对时用“ / ”隔开；“—”表示没有正确的值，比如模板和格式说明
不是哪一级机关的公文），**猜测**是导入时写进 .yml 的值，带“待确认：”的是没有当成确定的猜测。

`tests/test_import_guesses.py` 每次重新猜一遍：没有“待确认”却和正确值不同的，测试失败；猜测行和这里写的不同（改了猜法或
`rules.yml`），测试也失败，核对后运行 `.venv/bin/python tests/test_import_guesses.py --write` 刷新猜测行（正确行只能手改）。
t03 和 t04 是同一篇文件的两种编码，导入时第二篇算“重复”，这里各猜一次。

| 文件 | | 标题 | 文种 | 层级 | 地区 | 年代 | 行业 |
| --- | --- | --- | --- | --- | --- | --- | --- |
"""


def documents() -> list[Path]:
    from macros.importer.run import SUPPORTED

    found = [p for folder in FOLDERS for p in sorted((SHARED / folder).rglob("*")) if p.suffix.lower() in SUPPORTED]
    return [p for p in found if p.name.upper() != p.name]  # README.md and SOURCES.md are not documents


def name_of(path: Path) -> str:
    return path.relative_to(SHARED).as_posix()


def guesses() -> dict[str, dict[str, str]]:
    """file -> field -> the value as the .yml holds it ('待确认：…' when not certain)."""
    from macros.importer.guess import guess_metadata
    from macros.importer.run import read_document
    from macros.sources.catalog import names
    from macros.sources.library import load_library
    from macros.sources.site_map import FACETS

    library = load_library(ROOT, parts=("import",))
    vocab = {facet: list(names(library.vocab, facet)) for facet in FACETS}
    found = {}
    for path in documents():
        guessed = guess_metadata(read_document(path, False, {}), library.import_rules, vocab)
        found[name_of(path)] = {field: guessed[field].shown for field in FIELDS}
    return found


def read_table(text: str) -> dict[str, dict[str, dict[str, str]]]:
    """file -> 正确 / 猜测 -> field -> cell."""
    table: dict[str, dict[str, dict[str, str]]] = {}
    current = None
    for line in text.splitlines():
        row = _ROW.match(line)
        if not row:
            continue
        current = row["file"].strip() or current
        cells = [cell.strip() for cell in row["cells"].split(" | ")]
        table.setdefault(current, {})[row["kind"]] = dict(zip(FIELDS, cells, strict=True))
    return table


def render(table: dict, found: dict[str, dict[str, str]]) -> str:
    rows = []
    for name, guessed in found.items():
        right = table.get(name, {}).get("正确") or dict.fromkeys(FIELDS, "？")
        rows.append(f"| {name} | 正确 | {' | '.join(right[f] for f in FIELDS)} |")
        rows.append(f"| | 猜测 | {' | '.join(guessed[f] for f in FIELDS)} |")
    return TOP + "\n".join(rows) + "\n"


def is_right(field: str, guessed: str, right: str) -> bool:
    allowed = [] if right == NONE else right.split(OR)
    if field == "行业":  # a list: every sector guessed must be a right one
        sectors = {s for value in allowed for s in value.split("、")}
        return bool(guessed) and set(guessed.split("、")) <= sectors
    return guessed in allowed


def test_the_table_lists_every_real_document_with_its_right_values():
    table = read_table(TABLE.read_text(encoding="utf-8"))
    names = [name_of(p) for p in documents()]
    assert len(names) >= 17, names  # ../shared/ as the issue was written against
    assert sorted(table) == sorted(names), "run tests/test_import_guesses.py --write, then fill in the 正确 rows"
    unfilled = {name for name, rows in table.items() if "？" in rows["正确"].values()}
    assert not unfilled, f"write the right values of {unfilled} into {TABLE.name}"


def test_no_value_is_written_without_pending_unless_it_is_right():
    table = read_table(TABLE.read_text(encoding="utf-8"))
    wrong, certain = [], 0
    for name, guessed in guesses().items():
        for field in FIELDS:
            value = guessed[field]
            if value.startswith("待确认"):
                continue
            certain += 1
            if not is_right(field, value, table[name]["正确"][field]):
                wrong.append(f"{name} {field}: 猜 {value}，应是 {table[name]['正确'][field]}")
    assert not wrong, "\n".join(wrong)
    # A guesser that only ever says 待确认 is never wrong either: the strong evidence of these files is used.
    assert certain >= 40, certain


def test_the_table_shows_the_guesses_as_they_are():
    table = read_table(TABLE.read_text(encoding="utf-8"))
    stale = {
        name: {f: (table[name]["猜测"][f], value) for f, value in guessed.items() if table[name]["猜测"][f] != value}
        for name, guessed in guesses().items()
    }
    stale = {name: fields for name, fields in stale.items() if fields}
    assert not stale, f"the guesses changed: check them, then run tests/test_import_guesses.py --write: {stale}"


def test_a_wrong_certain_value_is_caught():
    assert is_right("地区", "北京市", "北京市") and not is_right("地区", "实施乡", "全国")
    assert not is_right("层级", "乡镇", NONE) and is_right("标题", "政府工作报告", "2024年政府工作报告 / 政府工作报告")
    assert is_right("行业", "农业", "农业") and not is_right("行业", "农业、文旅", "农业")


if __name__ == "__main__":
    if sys.argv[1:] != ["--write"]:
        sys.exit(__doc__)
    existing = read_table(TABLE.read_text(encoding="utf-8")) if TABLE.exists() else {}
    TABLE.write_text(render(existing, guesses()), encoding="utf-8")
    print(TABLE)
