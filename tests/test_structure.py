"""Table-driven tests of heading detection and heading levels."""

from __future__ import annotations

import pytest

from macros.sources.text_blocks import empty_sections, heading_rank, split_blocks


@pytest.mark.parametrize(
    ("line", "rank"),
    [
        ("一、抓调查研究,科学部署", 0),
        ("(一)承担上级考核目标完成情况", 1),
        ("（二）谋划实施的重点项目", 1),
        ("3、积极做好项目工程的前期工作", 2),
        ("2.启动建设", 2),
        ("①果业", 3),
        ("1、农业优势产业:", None),  # ends like a lead-in sentence
        ("1.全域旅游成效显著。聘请专家团队", None),  # a numbered paragraph, not a heading
        ("2020年2月份被省文化和旅游厅授予", None),  # 2020 is not a list number
        ("下面,就做好全县招商引资工作,我再讲几点意见。", None),
        ("一、" + "很长" * 30, None),
    ],
)
def test_heading_rank(line, rank):
    assert heading_rank(line) == rank


@pytest.mark.parametrize(
    ("text", "levels"),
    [
        ("一、甲\n\n正文。\n\n(一)乙\n\n正文。\n\n二、丙", [2, 0, 3, 0, 2]),
        # A text that starts at (一) and later uses 二、 never skips a level.
        ("(一)甲\n\n正文。\n\n2、乙\n\n正文。\n\n3、丙\n\n二、丁", [2, 0, 3, 0, 3, 2]),
        ("正文。\n\n正文二。", [0, 0]),
    ],
)
def test_levels_never_skip(text, levels):
    assert [b.level for b in split_blocks(text)] == levels


def test_anchors_count_every_non_empty_line():
    blocks = split_blocks("一、甲\n\n\n正文。\n正文二。\n")
    assert [b.anchor for b in blocks] == ["p1", "p2", "p3"]
    assert [b.text for b in blocks] == ["一、甲", "正文。", "正文二。"]


def test_empty_sections():
    blocks = split_blocks("一、甲\n\n(一)乙\n\n正文。\n\n(二)丙\n\n二、丁")
    assert [b.text for b in empty_sections(blocks)] == ["(二)丙", "二、丁"]
