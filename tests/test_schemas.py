"""Every data file of templates_src/ declares its keys in one shape (macros/sources/schema.py), every loader checks
them with it, and the README beside the files documents every key: a table of keys says exactly what the schema
says; otherwise the key shows in a YAML example."""

from __future__ import annotations

import importlib
import pkgutil
import re

import pytest
from conftest import ROOT

import macros.sources
from macros.sources.checker_rules import CHECKS, NUMBERING, RULE, SHAPE, TOP, WORD
from macros.sources.errors import SourceError
from macros.sources.schema import Key, Schema
from macros.sources.templates import FIELD, METADATA
from macros.sources.yaml_source import parse_yaml


def all_schemas() -> dict[str, Schema]:
    """Every Schema of macros/sources/, by where it is defined (module.NAME, or the check a 参数 schema belongs to)."""
    found: dict[int, tuple[str, Schema]] = {}
    for info in pkgutil.iter_modules(macros.sources.__path__):
        module = importlib.import_module(f"macros.sources.{info.name}")
        for name, value in vars(module).items():
            if isinstance(value, Schema) and id(value) not in found:
                found[id(value)] = (f"{info.name}.{name}", value)
    for check, (schema, _) in CHECKS.items():
        found[id(schema)] = (f"checker_rules.CHECKS[{check}]", schema)
    return dict(found.values())


SCHEMAS = all_schemas()
# The README key tables (| 键 | 必须写 | 怎么写 |), in the order they stand: each is one schema, exactly.
TABLES = {
    "templates_src/checker/README.md": (TOP, SHAPE, RULE, NUMBERING, WORD),
    "templates_src/templates/README.md": (METADATA, FIELD),
    "templates_src/samples/README.md": tuple(s for n, s in SCHEMAS.items() if n in ("catalog.SAMPLE", "catalog.NOTE")),
}


def key_tables(markdown: str) -> list[list[tuple[str, str, str]]]:
    tables, lines = [], markdown.splitlines()
    for i, line in enumerate(lines):
        if line.startswith("| 键 | 必须写 | 怎么写 |"):
            rows = []
            for row in lines[i + 2 :]:
                if not row.startswith("|"):
                    break
                rows.append(tuple(cell.strip() for cell in row.strip().strip("|").split(" | ")))
            tables.append(rows)
    return tables


def test_every_folder_of_templates_src_declares_its_keys():
    readmes = {schema.readme for schema in SCHEMAS.values()}
    folders = {p.name for p in (ROOT / "templates_src").iterdir() if p.is_dir()}
    assert readmes == {f"templates_src/{folder}/README.md" for folder in folders} | {"templates_src/vocab.yml"}
    assert len(TABLES["templates_src/samples/README.md"]) == 2


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_every_key_is_documented_beside_the_files(name):
    schema = SCHEMAS[name]
    text = (ROOT / schema.readme).read_text(encoding="utf-8")
    for key in schema.keys:
        shown = (
            f"| `{key.name}` |" in text  # a row of a key table
            or f"`{key.name}`（{key.kind}）：{key.what}" in text  # a check's parameter (checker README)
            or re.search(rf"^\s*(- )?{re.escape(key.name)}:", text, re.MULTILINE)  # a YAML example
        )
        assert shown, f"{schema.readme} does not show “{key.name}” ({name})"


@pytest.mark.parametrize("readme", sorted(TABLES))
def test_key_tables_say_what_the_schemas_say(readme):
    tables = key_tables((ROOT / readme).read_text(encoding="utf-8"))
    expected = [
        [(f"`{k.name}`", "是" if k.required else "否", k.what) for k in schema.keys] for schema in TABLES[readme]
    ]
    assert tables == expected


SCHEMA = Schema(
    "测试项",
    "README.md",
    (
        Key("标题", "一行文字", True, "一行"),
        Key("正文", "文字", False, "一段"),
        Key("顺序", "整数", False, "数"),
        Key("文种", "一项", False, "一个"),
        Key("行业", "一项或几项", False, "一个或几个"),
        Key("近义", "文字列表", False, "列表"),
        Key("参数", "映射", False, "映射"),
        Key("注记", "映射列表", False, "映射的列表"),
    ),
)


@pytest.mark.parametrize(
    ("yaml", "line", "problem"),
    [
        ("- 标题: 甲\n", 1, "测试项应是“键: 值”的映射。"),
        ("正文: 乙\n", 1, "测试项缺少必填项“标题”。"),
        ("标题: ''\n", 1, "测试项缺少必填项“标题”。"),
        ("标题: 甲\n作者: 丙\n", 2, "测试项里不认识的键“作者”。"),
        ("标题: [甲]\n", 1, "“标题”应是一段文字，这里写成了列表"),
        ('标题: "甲\\n乙"\n', 1, "“标题”应是一行文字，这里有换行。"),
        ("标题: 甲\n正文: {a: b}\n", 2, "“正文”应是一段文字，这里写成了映射"),
        ("标题: 甲\n顺序: 1.5\n", 2, "“顺序”应是整数。"),
        ("标题: 甲\n文种: [甲, 乙]\n", 2, "“文种”只能有一个值。"),
        ("标题: 甲\n行业: [甲, [乙]]\n", 2, "“行业”的每一项应是一段文字，这里有一项是列表"),
        ("标题: 甲\n近义: 甲\n", 2, "“近义”应是列表。"),
        ("标题: 甲\n近义: [甲, null]\n", 2, "“近义”的每一项应是一段文字，这里有一项是空的。"),
        ("标题: 甲\n参数: [a]\n", 2, "“参数”应是“键: 值”的映射，这里写成了列表"),
        ("标题: 甲\n注记: [甲]\n", 2, "“注记”的每一项应是“键: 值”的映射，这里有一项是一段文字。"),
    ],
)
def test_a_mapping_outside_its_schema_is_refused_at_its_line(yaml, line, problem):
    with pytest.raises(SourceError) as error:
        SCHEMA.check(parse_yaml(yaml, "x.yml"), "x.yml", 1)
    assert (error.value.line, error.value.fix != "") == (line, True)
    assert error.value.problem.startswith(problem), error.value.problem


def test_a_mapping_of_the_schema_passes_with_every_kind():
    text = "标题: 甲\n正文: |\n  两\n  行\n顺序: '007'\n文种: 乙\n行业: 丙\n近义: []\n参数: {a: b}\n注记: [{a: b}]\n"
    data = parse_yaml(text, "x.yml")
    assert SCHEMA.check(data, "x.yml", 1) is data
    assert SCHEMA.check(parse_yaml("标题: 甲\n正文:\n", "x.yml"), "x.yml", 1)  # an optional key left empty


def test_a_key_of_an_unknown_kind_is_a_programming_error():
    with pytest.raises(ValueError, match="unknown kind"):
        Key("标题", "文本", True, "一行")
