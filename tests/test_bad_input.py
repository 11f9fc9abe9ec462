"""Bad data stops the build with the file, the line and the fix; nothing is published."""

from __future__ import annotations

import pytest
from conftest import build_changed, copy_project, load_changed, run_build
from helpers import assert_build_refused, assert_load_refused, line_with, soup, visible_text

SAMPLE_META = "templates_src/samples/fanwen-2.yml"

# name: (file, text to replace, replacement, problem the message must state, whether it can name a line)
CASES = {
    "unknown 行业": (SAMPLE_META, "行业: [农业, 招商引资]", "行业: [农林, 招商引资]", "不在词表里", True),
    "missing field": (SAMPLE_META, "摘要:", "提要:", "缺少必填项“摘要”", False),
    "unknown key": (SAMPLE_META, "层级: 乡镇", "层级: 乡镇\n作者: 某人", "不认识的键“作者”", True),
    "bad yaml": (SAMPLE_META, "文种: 工作要点", "文种: [工作要点", "YAML 格式错误", False),
    "note at missing paragraph": ("templates_src/samples/fanwen-6.yml", "位置: p21", "位置: p99", "“p99”不存在", True),
    "duplicate slug": (
        SAMPLE_META,
        "slug: xiangzhen-nongye-zhaoshang-yaodian",
        "slug: jiedao-zhongdian-gongzuo-shuzhi",
        "重复",
        False,
    ),
    "unknown sample in a page": (
        "docs/fanwen/index.md",
        "{{ sample_index() }}",
        '{{ sample_page("nope") }}',
        "没有 slug 为“nope”的范文",
        False,
    ),
    "broken link": ("docs/index.md", "(about.md)", "(abuot.md)", "abuot.md", False),
}


# Pages in docs/ are checked by the build itself; one data case is also built end to end, to show the build stops.
BUILT = {"unknown sample in a page", "broken link", "unknown 行业"}


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_bad_input_is_refused(case, tmp_path):
    rel, old, new, problem, names_line = CASES[case]
    if case not in BUILT:
        project, error = load_changed(tmp_path, change=(rel, old, new))
        where = f"{rel}:{line_with(project / rel, new.splitlines()[-1])}" if names_line else rel
        assert_load_refused(error, where, problem)
        return
    project, out, result = build_changed(tmp_path, change=(rel, old, new))
    if case == "broken link":
        # MkDocs' own warning names the page; the link target is page text, so only the log is checked here
        # (scripts/build publishes nothing from a failed build).
        log = result.stdout + result.stderr
        assert result.returncode != 0 and "index.md" in log and problem in log, log[-2000:]
        return
    where = f"{rel}:{line_with(project / rel, new.splitlines()[-1])}" if names_line else rel
    assert_build_refused(result, out, where, problem)


def test_text_without_metadata_is_an_error(tmp_path):
    _, error = load_changed(tmp_path, files={"templates_src/samples/fanwen-9.txt": "正文。\n"})
    assert_load_refused(error, "templates_src/samples/fanwen-9.txt", "fanwen-9.yml")


def test_a_seventh_sample_is_a_data_only_change(tmp_path):
    """A new .txt and .yml in templates_src/samples/ give a page, a nav entry and listing entries."""
    project = copy_project(tmp_path / "project")
    samples = project / "templates_src/samples"
    (samples / "qita-7.txt").write_text("一、总体要求\n\n坚持项目为王，全力以赴抓招商。\n", encoding="utf-8")
    (samples / "qita-7.yml").write_text(
        "slug: ceshi-qi\n标题: 测试范文七\n顺序: 7\n来源: 测试\n摘要: 用于测试的第七篇。\n"
        "行业: [农业]\n文种: 工作思路\n层级: 市\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    result = run_build(project, out)
    assert result.returncode == 0, result.stderr[-2000:]
    page = soup(out, "fanwen/ceshi-qi/")
    assert visible_text(page.find("p", id="p2")) == "坚持项目为王，全力以赴抓招商。"
    for listing in ("hangye/nongye", "wenzhong/gongzuo-silu", "cengji/shi", "fanwen"):
        assert "ceshi-qi/" in (out / listing / "index.html").read_text(encoding="utf-8"), listing
    assert "测试范文七" in (out / "index.html").read_text(encoding="utf-8")  # in the navigation
