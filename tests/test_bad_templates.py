"""A catalogue of broken template files: each stops the build with the file, the line and the fix."""

from __future__ import annotations

import re

import pytest
from conftest import build_changed, copy_project, load_changed, run_build
from helpers import assert_build_refused, assert_load_refused, line_with

BAD = "templates_src/templates/zz-ceshi.md"
# A small valid template; every case below breaks one thing in it.
GOOD = """---
slug: ceshi-moban
标题: 测试模板
顺序: 99
摘要: 只给测试用。
行业: [农业]
文种: 工作要点
层级: 乡镇
来源: [xiangzhen-nongye-zhaoshang-yaodian]
字段:
  - 键: 面积
    标签: 新增面积（亩）
    说明: 只写数字。
    示例: 2000
    必填: 是
    类型: 数字
  - 键: 品种
    标签: 深加工品种
    说明: 用顿号隔开。
    示例: 脐橙、萝卜、辣椒
---
一、目标任务

①果业:新增果业开发面积【【面积】】亩;实施标准化果园建设工程,建成标准化果园10家以上。

2、完成农业招商引资项目投资5000万元,在【【品种】】农产品深加工项目引进上取得突破。
"""

# name: (file, text to replace, replacement, problem the message states, text on the line it must name or None)
CASES = {
    "placeholder not declared": (
        BAD,
        "【【品种】】农产品",
        "【【品类】】农产品",
        "【【品类】】没有在“字段”里声明",
        "【【品类】】",
    ),
    "field never used": (
        BAD,
        "在【【品种】】农产品",
        "在脐橙农产品",
        "字段“品种”声明了，正文里却没有用到",
        "- 键: 品种",
    ),
    "duplicate field key": (BAD, "  - 键: 品种", "  - 键: 面积  # 又一个", "字段“面积”声明了两次", "# 又一个"),
    "missing metadata": (BAD, "摘要: 只给测试用。\n", "", "缺少必填项“摘要”", None),
    "missing field part": (BAD, "    标签: 深加工品种\n", "", "字段缺少必填项“标签”", "- 键: 品种"),
    "unknown 行业": (BAD, "行业: [农业]", "行业: [农林]", "“行业”的值“农林”不在词表里", "行业: [农林]"),
    "unknown 文种": (BAD, "文种: 工作要点", "文种: 通知", "“文种”的值“通知”不在词表里", "文种: 通知"),
    "unknown key": (BAD, "层级: 乡镇", "层级: 乡镇\n作者: 某人", "不认识的键“作者”", "作者: 某人"),
    "bad 必填": (BAD, "必填: 是", "必填: 对", "“必填”的值“对”不对", "必填: 对"),
    "bad 类型": (BAD, "类型: 数字", "类型: 金额", "“类型”的值“金额”不对", "类型: 金额"),
    "broken yaml": (BAD, "标题: 测试模板", "标题: [测试模板", "YAML 格式错误", ""),
    "front matter not closed": (BAD, "---\n一、目标任务", "一、目标任务", "元数据没有结束的“---”", "---"),
    "no front matter": (BAD, "---\nslug", "slug", "找不到元数据", "slug: ceshi-moban"),
    "unclosed placeholder": (BAD, "【【面积】】亩", "【【面积】亩", "占位符没有写完整", "【【面积】亩"),
    "half-closed placeholder": (
        BAD,
        "在【【品种】】农产品",
        "在【【品种】】农产品品种】】",
        "占位符没有写完整",
        "品种】】",
    ),
    "unknown source sample": (
        BAD,
        "来源: [xiangzhen-nongye-zhaoshang-yaodian]",
        "来源: [nope]",
        "来源范文“nope”不存在",
        "来源: [nope]",
    ),
    "marker inside a paragraph": (BAD, "2、完成", "2、【新增】完成", "“【新增】”只能写在一段的开头", "2、【新增】"),
    "unknown template in a page": (
        "docs/muban/index.md",
        "{{ template_index() }}",
        '{{ template_page("nope") }}',
        "没有 slug 为“nope”的模板",
        'template_page("nope")',
    ),
}


BUILT = {"placeholder not declared", "unknown template in a page"}  # built end to end: pages in docs/ and one data case


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_bad_template_is_refused(case, tmp_path):
    rel, old, new, problem, needle = CASES[case]
    if case in BUILT:
        project, out, result = build_changed(tmp_path, files={BAD: GOOD}, change=(rel, old, new))
        message = result.stdout + result.stderr
    else:
        project, error = load_changed(tmp_path, files={BAD: GOOD}, change=(rel, old, new))
        message = str(error)
    path = project / rel
    where = rel
    if needle == "---":
        where += ":1"
    elif needle:
        where += f":{line_with(path, needle)}"
    if case in BUILT:
        assert_build_refused(result, out, where, problem)
    else:
        assert_load_refused(error, where, problem)
    if needle == "":  # YAML's own mark: some line of the front matter, whichever the parser names
        assert re.search(rf"{re.escape(rel)}:\d+:", message), message[-2000:]


def test_the_good_fixture_builds(tmp_path):
    """The catalogue breaks one thing at a time in a file that is otherwise valid."""
    project = copy_project(tmp_path / "project")
    (project / BAD).write_text(GOOD, encoding="utf-8")
    result = run_build(project, tmp_path / "out")
    assert result.returncode == 0, result.stderr[-2000:]
    assert (tmp_path / "out" / "muban" / "ceshi-moban" / "index.html").exists()


def test_two_templates_with_one_slug(tmp_path):
    second = "templates_src/templates/zzz-ceshi.md"  # read after zz-ceshi.md
    _, error = load_changed(tmp_path, files={BAD: GOOD, second: GOOD})
    assert_load_refused(error, f"{second}:2", "模板 slug“ceshi-moban”与 zz-ceshi.md 重复")
