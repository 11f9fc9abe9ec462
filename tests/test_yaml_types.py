"""YAML in templates_src/: only plain data. Aliases, anchors and tags are refused; every key has a type and
a wrong type is a message with the file and the line; scalars keep the text written."""

from __future__ import annotations

import pytest
from library_copy import (
    ANNOTATIONS,
    PHRASES,
    SAMPLE_META,
    TEMPLATE,
    VOCAB,
    copy_library,
    line_of,
    replace,
)

from macros.sources.errors import SourceError
from macros.sources.library import load_library
from macros.sources.yaml_source import parse_yaml

SLUG = "xiangzhen-nongye-zhaoshang-yaodian"


@pytest.fixture
def root(tmp_path):
    return copy_library(tmp_path)


def changed_line(old: str, new: str) -> str:
    """The start of the first line the replacement adds: the line the message must name."""
    return next(line for line in new.split("\n") if line not in old.split("\n")).strip()[:12]


def refused(root) -> SourceError:
    with pytest.raises(SourceError) as error:
        load_library(root)
    return error.value


# ---------------------------------------------------------------- aliases, anchors, tags


def test_an_alias_bomb_is_refused_at_its_first_anchor(root):
    """Nine aliases of nine aliases … : 60 000 entries from a few hundred bytes, refused before expanding."""
    bomb = ["a0: &a0 [甲, 甲, 甲, 甲, 甲, 甲, 甲, 甲, 甲]"]
    bomb += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 6)]
    (root / ANNOTATIONS).write_text("\n".join(bomb) + "\n写法要点: *a5\n", encoding="utf-8")
    error = refused(root)
    assert error.path.endswith(ANNOTATIONS) and error.line == 1
    assert "锚点“&a0”" in error.problem and len(str(error)) < 300


@pytest.mark.parametrize(
    ("rel", "old", "new", "problem"),
    [
        (SAMPLE_META, "标题: 乡镇", "标题: &t 乡镇", "锚点“&t”"),
        (TEMPLATE, "摘要: '供乡镇", "摘要: !!str '供乡镇", "标签“tag:yaml.org,2002:str”"),
        (PHRASES, "  类别: 推进落实", "  类别: !!python/name:os.system", "标签"),
        (ANNOTATIONS, "    功能: [目标]", "    功能: !custom [目标]", "标签“!custom”"),
        (VOCAB, "    slug: nongye", "    slug: !!binary bm9uZ3ll", "标签"),
        (SAMPLE_META, "层级: 乡镇", "层级: 乡镇\n<<: {地区: 某地}", "不认识的键“<<”"),
    ],
)
def test_anchors_tags_and_merge_keys_are_refused(root, rel, old, new, problem):
    replace(root, rel, old, new)
    error = refused(root)
    assert error.path.endswith(rel) and error.line == line_of(root, rel, changed_line(old, new))
    assert problem in error.problem, error.problem


def test_an_alias_is_refused_where_it_is_used(root):
    replace(root, SAMPLE_META, "层级: 乡镇", "层级: 乡镇\n地区: *a")
    error = refused(root)
    assert error.line == line_of(root, SAMPLE_META, "地区: *a") and "别名“*a”" in error.problem


# ---------------------------------------------------------------- a type for every key


@pytest.mark.parametrize(
    ("rel", "old", "new", "problem"),
    [
        (SAMPLE_META, "层级: 乡镇", "层级: 乡镇\n地区: [甲, 乙]", "“地区”应是一段文字，这里写成了列表"),
        (SAMPLE_META, "层级: 乡镇", "层级: 乡镇\n年代: {起: 2020}", "“年代”应是一段文字，这里写成了映射"),
        (SAMPLE_META, "顺序: 2", "顺序: true", "“顺序”应是整数"),
        (SAMPLE_META, "顺序: 2", "顺序: 2.5", "“顺序”应是整数"),
        (SAMPLE_META, "顺序: 2", "顺序: 0x10", "“顺序”应是整数"),
        (SAMPLE_META, "顺序: 2", "顺序: 1:30", "“顺序”应是整数"),
        (SAMPLE_META, "顺序: 2", "顺序: " + "9" * 5000, "“顺序”应是整数"),
        (SAMPLE_META, "标题: 乡镇", "标题: " + "长" * 300 + "乡镇", "超过了 200 字"),
        (SAMPLE_META, f"slug: {SLUG}", "slug: {a: b}", "“slug”应是一段文字"),
        (SAMPLE_META, "文种: 工作要点", "文种: [工作要点, 工作思路]", "“文种”只能有一个值"),
        (SAMPLE_META, "行业: [农业, 招商引资]", "行业: [[农业], 招商引资]", "“行业”的每一项应是一段文字"),
        (SAMPLE_META, "注记: []", "注记: 第三段有缺字", "“注记”应是列表"),
        (SAMPLE_META, "注记: []", "注记: [{位置: [p1], 类型: 缺字, 内容: 有缺字}]", "“位置”应是一段文字"),
        (TEMPLATE, "顺序: 2", "顺序: yes", "“顺序”应是整数"),
        (TEMPLATE, "来源: [xiangzhen", "来源: [{a: b}, xiangzhen", "“来源”的每一项应是一段文字"),
        (TEMPLATE, "    必填: 是", "    必填: [是]", "“必填”应是一段文字"),
        (TEMPLATE, "标题: '乡镇", "标题: '" + "长" * 201, "超过了 200 字"),
        (TEMPLATE, "标题: '乡镇年度农业和农业招商工作要点'", '标题: "第一行\\n第二行"', "“标题”应是一行文字"),
        (ANNOTATIONS, "    功能: [目标]", "    功能: [[目标]]", "“功能”的每一项应是一段文字"),
        (ANNOTATIONS, "  - 位置: p1\n", "  - 位置: {p: 1}\n", "“位置”应是一段文字"),
        (PHRASES, "  类别: 推进落实\n  释义: 以强有力", "  类别: [推进落实]\n  释义: 以强有力", "“类别”应是一段文字"),
        (PHRASES, "- 短语: 强势推进", "- 短语: {强势: 推进}", "“短语”应是一段文字"),
        (VOCAB, "  - 名称: 农业", "  - 名称: [农业]", "“名称”应是一段文字"),
        (SAMPLE_META, "层级: 乡镇", "层级: 乡镇\n? [甲, 乙]\n: 丙", "键应是一个词"),
        (SAMPLE_META, "层级: 乡镇", "层级: 乡镇\n'': 丙", "空的键"),
        (SAMPLE_META, "层级: 乡镇", "层级: 乡镇\n地区: " + "[" * 500 + "]" * 500, "嵌套超过 40 层"),
    ],
)
def test_a_wrong_type_is_a_located_message(root, rel, old, new, problem):
    replace(root, rel, old, new)
    error = refused(root)
    assert error.path.endswith(rel), error
    assert problem in error.problem, error.problem
    assert error.line == line_of(root, rel, changed_line(old, new)), error


# ---------------------------------------------------------------- text as written


@pytest.mark.parametrize("written", ["2020", "2020.10", "2020-13-45", "1:30", "010", "yes", "1_000", "0x1F"])
def test_a_text_key_keeps_the_text_written(root, written):
    """YAML 1.1 would make these a number, a date (a traceback for month 13), 90, 8, True, 1000 and 31."""
    replace(root, SAMPLE_META, "层级: 乡镇", f"层级: 乡镇\n年代: {written}\n地区: {written}")
    sample = load_library(root).sample(SLUG)
    assert (sample.era, sample.region) == (written, written)


@pytest.mark.parametrize("separator", ["\u2028", "\u2029"])
def test_a_line_separator_in_yaml_is_named_on_its_line(root, separator):
    """PyYAML takes U+2028 for a line end: the rest of the value became a broken key, a line off."""
    replace(root, SAMPLE_META, "摘要: 一份", "摘要: 一份" + separator)
    error = refused(root)
    assert error.line == line_of(root, SAMPLE_META, "摘要: 一份") and f"U+{ord(separator):04X}" in error.problem


def test_parse_yaml_reads_scalars_as_text():
    data = parse_yaml("时间: 9:30\n编号: 010\n金额: 1.50\n是否: yes\n空: ~\n列表: [1, 2]\n", "x.yml")
    assert data == {"时间": "9:30", "编号": "010", "金额": "1.50", "是否": "yes", "空": None, "列表": ["1", "2"]}
