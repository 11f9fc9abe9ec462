"""Bad annotation and phrase data stops the build with the file, the line and the fix (like test_bad_input)."""

from __future__ import annotations

import pytest
from conftest import build_changed, load_changed
from helpers import assert_build_refused, assert_load_refused, line_with

NOTES = "templates_src/annotations/fanwen-1.yml"
PHRASES = "templates_src/phrases/tuijin.yml"

# name: (file, text to replace, replacement, problem the message must state, text of the line it must name)
CASES = {
    "paragraph key that does not exist": (NOTES, "  p7:\n    功能", "  p70:\n    功能", "“p70”不是", "  p70:"),
    "结构 at a missing paragraph": (NOTES, "  - 位置: p5", "  - 位置: p50", "“p50”不是", "位置: p50"),
    "结构 out of order": (NOTES, "  - 位置: p5", "  - 位置: p2  # 乱序", "排在 p3 后面", "乱序"),
    "数据问题 at a missing paragraph": (NOTES, "  - 位置: p7\n", "  - 位置: p77\n", "“p77”不是", "位置: p77"),
    "unknown 功能": (NOTES, "功能: [问题, 打算]", "功能: [问题, 展望]", "功能“展望”不在功能词表里", "[问题, 展望]"),
    "unknown 技法": (
        NOTES,
        "      - 名称: 对比\n        原文: 做到",
        "      - 名称: 比喻\n        原文: 做到",
        "技法“比喻”",
        "名称: 比喻",
    ),
    "原文 not in its paragraph": (NOTES, "原文: 做到放手不撒手", "原文: 做到放手又撒手", "不在 p4 里", "放手又撒手"),
    "原文 with full-width commas": (
        NOTES,
        "原文: 打造一个中心,建立一种机制",
        "原文: 打造一个中心，建立一种机制",
        "全角、半角",
        "打造一个中心，建立",
    ),
    "unknown key in a note": (
        NOTES,
        "  p7:\n    功能",
        "  p7:\n    作用: 收尾\n    功能",
        "不认识的键“作用”",
        "作用: 收尾",
    ),
    "phrase not in the library": (PHRASES, "- 短语: 强势推进", "- 短语: 强势推近", "一次也没有出现", "短语: 强势推近"),
    "duplicate phrase": (PHRASES, "- 短语: 全力以赴", "- 短语: 强势推进", "重复：tuijin.yml 第 1 行", "短语: 强势推进"),
    "unknown category": (
        PHRASES,
        "  类别: 推进落实\n  释义: 以强有力",
        "  类别: 推进工作\n  释义: 以强有力",
        "不在类别表里",
        "推进工作",
    ),
    "missing 释义": (PHRASES, "  释义: 以强有力", "  释意: 以强有力", "缺少必填项“释义”", "短语: 强势推进"),
}


BUILT = {"unknown 功能"}  # one case built end to end: the build stops and publishes nothing


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_bad_data_is_refused(case, tmp_path):
    rel, old, new, problem, needle = CASES[case]
    if case not in BUILT:
        project, error = load_changed(tmp_path, change=(rel, old, new))
        assert_load_refused(error, f"{rel}:{line_with(project / rel, needle, last=True)}:", problem)
        return
    project, out, result = build_changed(tmp_path, change=(rel, old, new))
    assert_build_refused(result, out, f"{rel}:{line_with(project / rel, needle, last=True)}:", problem)
    assert not out.exists() or not any(out.rglob("*.html")), "pages were published"


def test_annotation_file_without_a_sample_is_an_error(tmp_path):
    _, error = load_changed(tmp_path, files={"templates_src/annotations/fanwen-9.yml": "写法要点: []\n"})
    assert_load_refused(error, "templates_src/annotations/fanwen-9.yml", "没有名为 fanwen-9.txt 的范文")
