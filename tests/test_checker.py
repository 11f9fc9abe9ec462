"""The draft checker (公文体检) in Python: rules as data, the shared regex subset, the engine, the CLI, and what it
finds on our own texts (the six samples, the filled templates, the 数据问题 notes written for the samples).

The browser engine is compared with this one in tests/test_checker_browser.py.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import pytest
from conftest import ROOT
from docx_traps import GONGWEN_LEVELS, numbering, p, package

from macros.checker.cli import main
from macros.checker.engine import MAX_CHARS, Finding, apply_fixes, check, split_lines
from macros.checker.fixes import APPLY, chinese_to_int, int_to_chinese, to_arabic, to_fullwidth, to_halfwidth
from macros.checker.publish import rules_data
from macros.pages.checker_panel import sample_panel, sample_text
from macros.sources.checker_rules import CHECKS, GROUPS
from macros.sources.errors import SourceError
from macros.sources.fix_templates import TRANSFORMS, parse_template
from macros.sources.library import load_library
from macros.sources.regex_subset import PatternError, expand_and_check, for_whole_text, takes_line_end
from macros.sources.templates import fill


def load_ruleset(project: Path):
    """The rules as the command line loads them: the checker's part of the library."""
    return load_library(project, parts=("checker",)).ruleset


RULESET = load_ruleset(ROOT)
README = ROOT / "templates_src" / "checker" / "README.md"
CHECK = [sys.executable, "-m", "macros.checker.cli"]  # what scripts/check runs


def findings_of(text: str, rule_id: str) -> list[Finding]:
    return [f for f in check(text, RULESET) if f.rule == rule_id]


# ---------------------------------------------------------------- the rules' own examples


@pytest.mark.parametrize("rule", RULESET.rules, ids=lambda r: r.id)
def test_every_bad_example_is_found_and_fixed_as_written(rule):
    for i, example in enumerate(rule.bad):
        found = findings_of(example, rule.id)
        assert found, f"{rule.id}: not found in {example!r}"
        assert all(f.level == rule.level and f.basis == rule.basis for f in found)
        if rule.fixed is not None:
            assert apply_fixes(example, found) == rule.fixed[i], f"{rule.id}: fixing {example!r}"
            assert not [f for f in findings_of(rule.fixed[i], rule.id) if f.fix is not None], "a fix that needs fixing"


@pytest.mark.parametrize("rule", RULESET.rules, ids=lambda r: r.id)
def test_every_good_example_passes(rule):
    for example in rule.good:
        assert not findings_of(example, rule.id), f"{rule.id}: reported {example!r}"


def test_every_word_of_the_list_is_found_and_its_correction_passes():
    for word in RULESET.words:
        found = findings_of(f"我们{word.wrong}了。", "yongci-cibiao")
        assert [(f.column, f.end_column, f.fix) for f in found] == [(3, 3 + len(word.wrong), word.right)], word.wrong
        assert not findings_of(f"我们{word.right}了。", "yongci-cibiao"), word.right
        for phrase in word.exclude:
            assert not findings_of(phrase, "yongci-cibiao"), phrase


def test_the_rule_set_covers_the_norms():
    assert len(RULESET.rules) >= 35
    assert len(RULESET.words) >= 60
    assert {r.group for r in RULESET.rules} == set(GROUPS)
    for rule in RULESET.rules:
        assert rule.message and rule.basis and rule.bad and rule.good, rule.id
        if rule.level == "错误":  # binding only where a national standard or the 条例 says so
            assert re.search(r"GB(/T)? \d|条例", rule.basis), f"{rule.id}: 错误 without a binding basis"
    structural = {r.check for r in RULESET.rules if r.check}
    assert structural == set(CHECKS), "every named check is used by a rule"


def test_published_data_is_what_the_browser_engine_reads():
    data = rules_data(RULESET, {"强势推进": "qiang-shi-tui-jin"})
    assert [r["id"] for r in data["rules"]] == [r.id for r in RULESET.rules]
    assert set(data["rules"][0]) == {
        "id",
        "group",
        "level",
        "basis",
        "message",
        "pattern",
        "check",
        "params",
        "fix",
        "skip",
        "kinds",
    }
    slugs = {p["text"]: p["slug"] for p in data["phrases"]}
    assert slugs["强势推进"] == "qiang-shi-tui-jin" and len(slugs) == len(RULESET.phrases)
    assert json.loads(json.dumps(data, ensure_ascii=False)) == data


# ---------------------------------------------------------------- the README beside the rules


def _table(markdown: str, header: str) -> list[list[str]]:
    """The rows of the Markdown table whose header row starts with `header`, cells stripped."""
    lines = markdown.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(header))
    rows = []
    for line in lines[start + 2 :]:
        if not line.startswith("|"):
            break
        rows.append([cell.strip() for cell in line.strip().strip("|").split(" | ")])
    return rows


def test_readme_documents_the_checks_and_their_parameters():
    """The key tables of rules.yml are checked with every other schema's (tests/test_schemas.py)."""
    checks = _table(README.read_text(encoding="utf-8"), "| 检查 | 参数 | 改法 |")
    assert [r[0] for r in checks] == [f"`{name}`" for name in CHECKS]
    for row, (params, fixes) in zip(checks, CHECKS.values(), strict=True):
        documented = re.findall(r"`([^`]+)`（([^）]+)）：([^；]+)", row[1])
        assert documented == [(k.name, k.kind, k.what) for k in params.keys], row
        assert row[2] == ("有" if fixes else "无"), row


def test_readme_rules_table_is_the_rule_set():
    rows = _table(README.read_text(encoding="utf-8"), "| id | 分组 | 级别 | 依据 | 说明 |")
    assert rows == [[f"`{r.id}`", r.group, r.level, r.basis, r.message] for r in RULESET.rules]


# ---------------------------------------------------------------- the regex subset


@pytest.mark.parametrize(
    ("pattern", "position", "problem"),
    [
        (r"[0-9]+\d", 7, "\\d"),
        (r"\w+", 1, "\\w"),
        (r"a\sb", 2, "\\s"),
        (r"\b中", 1, "词边界"),
        ("中.文", 2, "点号"),
        ("(?P<n>中)", 1, "命名组"),
        ("(?i)abc", 1, "内联标志"),
        ("(?>ab)", 1, "原子组"),
        ("a*+", 3, "占有量词"),
        ("a{2", 2, "单独的 {"),
        ("a}", 2, "单独的 }"),
        ("a]", 2, "单独的 ]"),
        ("[]a]", 2, "空的字符类"),
        ("[^]", 3, "空的字符类"),
        ("[a[b]", 3, "嵌套集合"),
        ("[a--b]", 3, "集合运算"),
        ("(?=(a))b", 4, "环视里有捕获组"),
        ("((a)b)+", 2, "重复的分组里有捕获组"),
        ("(?=a)*", 6, "环视不能重复"),
        (r"\u{4e00}", 1, "\\u 后面"),
        (r"\ud83d", 1, "代理项"),
        (r"\，", 1, "不在两种引擎通用"),
        ("*a", 1, "前面没有可以重复"),
        ("(ab", 1, "没有对应的 )"),
        ("ab)", 3, "多了一个 )"),
        ("{不认识}", 1, "没有名为“不认识”的字符类"),
        ("(?<=a+)b", 1, "长度必须固定"),
        (r"(a)\2", 1, "反向引用的组不存在"),
        ("", 1, "模式是空的"),
        # Shapes that backtrack without end on a long line, in both engines (regex_subset.slow_shape)
        ("[0-9]*[*＊]+", 1, "以不限次数的重复开头"),
        ("(?:第)?[0-9]+名", 1, "以不限次数的重复开头"),
        ("[0-9]+(?=年)", 1, "以不限次数的重复开头"),
        ("(?<=[0-9])[0-9]+年", 1, "以不限次数的重复开头"),
        ("年(?:[0-9]+年)+", 1, "里面还有重复"),
        ("年[0-9]*[0-9]+", 1, "两个不限次数的重复相连"),
        ("年[0-9]+(?:万)?[0-9]*", 1, "两个不限次数的重复相连"),
        ("年(?:[0-9]|[0-5]x)*", 1, "同一个字开头"),
    ],
)
def test_patterns_outside_the_shared_subset_are_refused_with_their_place(pattern, position, problem):
    with pytest.raises(PatternError) as error:
        expand_and_check(pattern, {"汉字": "\\u4e00-\\u9fff"})
    assert error.value.position == position, str(error.value)
    assert problem in error.value.problem, str(error.value)
    assert error.value.fix


@pytest.mark.parametrize(
    ("pattern", "expanded"),
    [
        ("{汉字},", "[\\u4e00-\\u9fff],"),
        ("[^{汉字}0-9]", "[^\\u4e00-\\u9fff0-9\\n]"),  # a negated class never takes a line end
        (r"(?<![0-9])0([1-9])(?=月)|(?<=月)0([1-9])(?=日)", r"(?<![0-9])0([1-9])(?=月)|(?<=月)0([1-9])(?=日)"),
        (r"([，、])\1+", r"([，、])\1+"),
        (r"\(x\)\.\[\]\{2\}", r"\(x\)\.\[\]\{2\}"),
        ("a{2,3}?b{2,}c{1}", "a{2,3}?b{2,}c{1}"),
        ("(ab)+", "(ab)+"),
        ("[a\\-z]", "[a\\-z]"),
        # Repetitions that cannot make a search slow: anchored, guarded by a lookbehind, ending the match, bounded
        ("(?<![0-9])[0-9]*[*＊][0-9*＊]*", "(?<![0-9])[0-9]*[*＊][0-9*＊]*"),
        ("(?<={汉字})[ ]*,", "(?<=[\\u4e00-\\u9fff])[ ]*,"),
        ("^[0-9]+年", "^[0-9]+年"),
        ("\\.{3,}|。{3,}", "\\.{3,}|。{3,}"),
        ("[0-9]{1,12}年", "[0-9]{1,12}年"),
        ("年[0-9]+月[0-9]+日", "年[0-9]+月[0-9]+日"),
    ],
)
def test_patterns_in_the_subset_are_kept_and_named_classes_expanded(pattern, expanded):
    assert expand_and_check(pattern, {"汉字": "\\u4e00-\\u9fff"}) == expanded


@pytest.mark.parametrize(
    ("pattern", "whole", "takes"),
    [
        ("^一、", "(?<![^\\n])一、", False),
        ("[。；]$", "[。；](?![^\\n])", False),
        (r"\^x\$", r"\^x\$", False),
        ("[^$]^", "[^$\\n](?<![^\\n])", False),
        ("a\\nb", "a\\nb", True),
        ("[\\n，]", "[\\n，]", True),
        ("[\\t-\\r]", "[\\t-\\r]", True),
        ("[^，]", "[^，\\n]", False),
    ],
)
def test_a_pattern_is_searched_over_the_whole_draft_with_the_meaning_it_has_on_a_line(pattern, whole, takes):
    expanded = expand_and_check(pattern)  # negated classes leave line ends out
    assert for_whole_text(expanded) == whole
    assert takes_line_end(expanded) is takes
    if not takes:  # the same matches, line by line and over the joined lines
        lines = ["一、总体要求。", "（一）二、x$", "^x$；", "", "a，b"]
        by_line = [(n, m.span()) for n, line in enumerate(lines) for m in re.finditer(pattern, line) if m.group()]
        starts = [sum(len(x) + 1 for x in lines[:n]) for n in range(len(lines))]
        joined = "\n".join(lines)
        whole_found = []
        for m in re.finditer(whole, joined):
            if m.group():
                n = max(k for k, at in enumerate(starts) if at <= m.start())
                whole_found.append((n, (m.start() - starts[n], m.end() - starts[n])))
        assert whole_found == by_line


# ---------------------------------------------------------------- bad rule data stops with file:line and a fix


def _project(tmp_path: Path) -> Path:
    for part in ("templates_src/checker", "templates_src/phrases"):
        shutil.copytree(ROOT / part, tmp_path / part)
    shutil.copy2(ROOT / "templates_src/vocab.yml", tmp_path / "templates_src/vocab.yml")  # the phrase categories
    return tmp_path


@pytest.mark.parametrize(
    ("old", "new", "needle", "above", "problem"),
    [
        (
            "    模式: '^([{行首空白}]*[0-9]{1,2})、(?![0-9])'",
            "    模式: '^\\d、'",
            "模式: '^\\d",
            0,
            "\\d 在 Python 里",
        ),
        (
            "    级别: 错误\n    依据: GB/T 15834—2011 4.6",
            "    级别: 严重\n    依据: GB/T 15834—2011 4.6",
            "级别: 严重",
            0,
            "级别“严重”不对",
        ),
        ("    改为: '$1.'", "    改为: '$7.'", "改为: '$7.'", 0, "引用第 7 组"),
        ("    检查: 序号跳层", "    检查: 序号倒挂", "检查: 序号倒挂", 0, "没有名为“序号倒挂”的结构检查"),
        ("      次数: 3\n", "      次数: 三\n", "次数: 三", 0, "“次数”应是整数"),
        ("  - id: shuzi-xuwei", "  - id: Shuzi_Xuwei", "id: Shuzi_Xuwei", 0, "规则编号“Shuzi_Xuwei”不合规"),
        ("    改后: ['1.加强组织领导', '　　2.落实工作责任。']\n", "", "改为: '$1.'", 0, "没有写“改后”"),
        (
            "    模式: '^([{行首空白}]*[0-9]{1,2})、(?![0-9])'",
            "    模式: '^([{行首空白}]*[0-9]{1,2})、\\n'",
            "模式: '^([{行首空白}]*[0-9]{1,2})、\\n'",
            0,
            "能匹配换行",
        ),
        (
            "    正例: ['1.加强组织领导', '2021、2022年连续两年达标。']\n",
            "",
            "id: xuhao-shuzi-dunhao",
            0,
            "缺少必填项“正例”",
        ),
    ],
)
def test_bad_rules_name_the_file_line_and_fix(tmp_path, old, new, needle, above, problem):
    project = _project(tmp_path)
    path = project / "templates_src/checker/rules.yml"
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    lines = path.read_text(encoding="utf-8").splitlines()
    line = next(i for i, t in enumerate(lines, start=1) if needle in t)
    with pytest.raises(SourceError) as error:
        load_ruleset(project)
    assert error.value.path.endswith("templates_src/checker/rules.yml")
    assert problem in error.value.problem, str(error.value)
    assert error.value.fix
    assert error.value.line == line - above, str(error.value)


def test_bad_word_list_entries_name_the_line(tmp_path):
    project = _project(tmp_path)
    path = project / "templates_src/checker/words.yml"
    entry = "- 误: 布署\n  正: 部署\n  依据: 《现代汉语词典》第7版\n  正例: 部署工作。\n  反例: 布署工作。\n"
    path.write_text(entry * 2, encoding="utf-8")
    with pytest.raises(SourceError) as error:
        load_ruleset(project)
    assert (error.value.line, "重复") == (6, "重复") and "重复" in error.value.problem
    path.write_text(entry.replace("反例: 布署工作。", "反例: 部署工作。"), encoding="utf-8")
    with pytest.raises(SourceError, match="反例要用“布署”"):
        load_ruleset(project)
    path.write_text(entry.replace("布署", "自已").replace("部署", "自己") + "  排除: [自己人]\n", encoding="utf-8")
    with pytest.raises(SourceError, match="排除的“自己人”里没有“自已”"):
        load_ruleset(project)


# ---------------------------------------------------------------- fixes and numbers


@pytest.mark.parametrize(
    ("text", "value"),
    [("二〇二一", 2021), ("二○二一", 2021), ("十", 10), ("十二", 12), ("二十", 20), ("三十一", 31), ("一", 1)],
)
def test_chinese_numerals(text, value):
    assert chinese_to_int(text) == value
    if value < 100 and "〇" not in text and "○" not in text and len(text) < 4:
        assert int_to_chinese(value) == text


@pytest.mark.parametrize("text", ["", "十十", "二十三十", "百", "两"])
def test_not_chinese_numerals(text):
    assert chinese_to_int(text) is None
    assert to_arabic(text) == text


def test_width_transforms():
    assert to_halfwidth("２０２１ＡＢ，\u3000") == "2021AB, "
    assert to_fullwidth("?! a") == "？！\u3000ａ"


@pytest.mark.parametrize(
    ("template", "parts"),
    [
        ("$1.", [[1, ""], "."]),
        ("（$1$2）", ["（", [1, ""], [2, ""], "）"]),
        ("${1:阿拉伯数字}年", [[1, "阿拉伯数字"], "年"]),
        ("$$5", ["$5"]),
        ("", []),
    ],
)
def test_replacement_templates(template, parts):
    assert parse_template(template, 2) == parts


@pytest.mark.parametrize(("template", "problem"), [("$3", "只有 2 组"), ("${1:大写}", "不认识的变换"), ("a$b", "组号")])
def test_bad_replacement_templates(template, problem):
    with pytest.raises(ValueError, match=problem):
        parse_template(template, 2)


def test_every_transform_a_template_may_name_is_done_by_the_engine():
    assert list(APPLY) == list(TRANSFORMS)


# ---------------------------------------------------------------- the engine


def test_positions_are_characters_lines_are_1_based_and_line_ends_any_kind():
    text = "\ufeff𠀀𠀁加强,落实\r\n二〇二一年三月五日\r一、好,的"
    found = check(text, RULESET)
    comma = [f for f in found if f.rule == "biaodian-douhao"]
    assert [(f.line, f.column, f.end_column) for f in comma] == [(1, 5, 6), (3, 4, 5)]  # 𠀀 is one character
    assert split_lines(text) == ["𠀀𠀁加强,落实", "二〇二一年三月五日", "一、好,的"]
    date = [f for f in found if f.rule == "shuzi-chengwen-riqi"]
    assert [(f.line, f.fix) for f in date] == [(2, "2021年3月5日")]


def test_findings_are_ordered_by_place_then_by_rule():
    found = check("一、加强领导,落实责任\n三、保障措施", RULESET)
    keys = [(f.line, f.column, f.end_column) for f in found]
    assert keys == sorted(keys)
    order = [r.id for r in RULESET.rules]
    for a, b in zip(found, found[1:], strict=False):
        if (a.line, a.column, a.end_column) == (b.line, b.column, b.end_column):
            assert order.index(a.rule) < order.index(b.rule)


def test_apply_fixes_skips_overlaps_and_keeps_other_lines():
    text = "增长15-30%,好\n不变的一行"
    found = check(text, RULESET)
    assert {f.rule for f in found} >= {"shuzi-shuzhi-fanwei", "biaodian-douhao"}
    fixed = apply_fixes(text, found)
    assert fixed.split("\n")[1] == "不变的一行"
    assert fixed.startswith("增长15～30%，好")
    assert apply_fixes(fixed, check(fixed, RULESET)) == "增长15%～30%，好\n不变的一行"  # the overlap, next round


def test_empty_and_blank_drafts_have_no_findings():
    for text in ("", "\n\n", "\u3000\u3000\n"):
        assert check(text, RULESET) == []


# ---------------------------------------------------------------- our own texts


def _sample_findings(catalog) -> dict[str, list[Finding]]:
    return {s.text_path.stem: check(sample_text(s), RULESET) for s in catalog.samples}


def test_samples_have_no_false_errors_every_error_checked_by_hand_in_the_readme(catalog):
    """The README lists every 错误 on the six samples, grouped by paragraph and rule, with a hand verdict."""
    rows = _table(README.read_text(encoding="utf-8"), "| 范文 | 段 | 规则 | 处数 | 核对 |")
    listed = {(r[0], r[1], r[2].strip("`")): (int(r[3]), r[4]) for r in rows}
    actual: dict[tuple[str, str, str], int] = defaultdict(int)
    for stem, found in _sample_findings(catalog).items():
        for f in found:
            if f.level == "错误":
                actual[(stem, f"p{f.line}", f.rule)] += 1
    assert {k: n for k, (n, _) in listed.items()} == dict(actual), "recheck the 错误 table in the README by hand"
    verdicts = {verdict for _, verdict in listed.values()}
    assert verdicts == {"真"}, "false 错误 on a sample: fix the rule (宁可漏报，不可误报)"
    print(f"\n六篇范文：错误 {sum(actual.values())} 处，全部人工核对为真，误报 0")


def test_readme_counts_per_rule_on_the_samples(catalog):
    rows = _table(README.read_text(encoding="utf-8"), "| 规则 | 级别 | fanwen-1 |")
    stems = sorted(_sample_findings(catalog))
    counts: dict[str, list[int]] = {}
    for stem_index, stem in enumerate(stems):
        for f in _sample_findings(catalog)[stem]:
            counts.setdefault(f.rule, [0] * len(stems))[stem_index] += 1
    expected = [
        [f"`{r.id}`", r.level, *map(str, counts[r.id]), str(sum(counts[r.id]))] for r in RULESET.rules if r.id in counts
    ]
    assert rows == expected


def test_every_template_filled_with_its_examples_has_no_error(catalog):
    for template in catalog.templates:
        errors = [f for f in check(fill(template, template.examples), RULESET) if f.level == "错误"]
        assert not errors, f"{template.meta_path.name}: {errors[:3]}"


def test_an_unfilled_template_reports_its_placeholders(catalog):
    template = catalog.templates[0]
    found = findings_of(fill(template), "zhanwei-mubanziduan")
    assert len(found) == sum(len(p.placeholder_keys()) for p in template.paras)


# One entry per 数据问题 note of templates_src/annotations/, in file order: the rule that finds it, or why not.
DATA_NOTES = {
    "fanwen-1": [
        ("p1", None, "缺开头和结尾：要懂述职报告该有哪些部分"),
        ("p2", "zhanwei-xinghao", ""),
        ("p4", None, "“有政”语病和脱字：要懂句意"),
        ("p7", "zhanwei-xinghao", ""),
    ],
    "fanwen-2": [
        ("p1", None, "缺指导思想：要懂工作要点的结构"),
        ("p2", "jiegou-biaoti-maohao", ""),
        ("p5", None, "“出猪出栏”语义重复：要懂词义"),
        ("p15", None, "“论证”该是“认证”：两个都是词，要看上下文"),
        ("p17", "jiegou-kong-biaoti", ""),
    ],
    "fanwen-3": [
        ("p2", "yongci-cibiao", ""),
        ("p4", None, "“同步创意项目”搭配不当：要懂搭配"),
        ("p4", None, "只有两部分、没有结束语：节选，要懂文种结构"),
    ],
    "fanwen-4": [
        ("p3", None, "内容不完整：要懂该写什么"),
        ("p5", None, "指标表述残缺、百分比写成小数：要懂数据的含义"),
        ("p7", None, "隐去地名后书名残缺，没有留下“*”之类的标记"),
        ("p10", "biaodian-kong", ""),
        ("p11", None, "节目名称残缺，没有标记"),
        ("p12", None, "活动名称缺数字，没有标记"),
        ("p16", None, "“市及我市”残句：要懂句意"),
        ("p17", "jiegou-kong-biaoti", ""),
        ("p25", "biaodian-chengdui", ""),
        ("p25", None, "与 p7 的时间对不上：要比对前后文的事实"),
    ],
    "fanwen-5": [
        ("p1", None, "节选从中间开始：要懂讲话的结构"),
        ("p5", None, "缺一级标题：很多讲话稿本来就从“（一）”写起，机器不能当错"),
        ("p6", "yongci-cibiao", ""),
        ("p7", "biaodian-duanmo", ""),
        ("p8", "xuhao-duanzhong", ""),
        ("p8", None, "结尾不在节选范围内：要懂讲话的结构"),
    ],
    "fanwen-6": [
        ("p1", "zhanwei-xinghao", ""),
        ("p2", "zhanwei-xinghao", ""),
        ("p2", "danwei-tongyi", ""),
        ("p10", None, "“群众有”缺宾语：要懂句意"),
        ("p10", "yongci-jianchen", ""),
        ("p13", "biaodian-duanmo", ""),
        ("p18", None, "句子成分残缺：要懂句意"),
        ("p21", None, "来源到第1条就结束：要懂文稿该有多长（此段的“**年”另由占位符规则报出）"),
    ],
}


def test_the_checker_finds_the_data_notes_it_can_and_says_why_not_the_rest(catalog):
    notes = catalog.annotations
    found_by_stem = _sample_findings(catalog)
    found = total = 0
    for sample in catalog.samples:
        stem = sample.text_path.stem
        problems = notes[sample.slug].problems
        table = DATA_NOTES[stem]
        assert [p.anchor for p in problems] == [anchor for anchor, _, _ in table], f"{stem}: notes changed"
        for problem, (anchor, rule, reason) in zip(problems, table, strict=True):
            total += 1
            if rule is None:
                assert reason, f"{stem} {anchor}: say why the checker cannot find it"
                continue
            hits = [f for f in found_by_stem[stem] if f.rule == rule and f"p{f.line}" == anchor]
            assert hits, f"{stem} {anchor}: {rule} no longer finds “{problem.text[:30]}…”"
            found += 1
    assert (found, total) == (16, 36)
    print(f"\n数据问题：{total} 条中查出 {found} 条，其余 {total - found} 条要懂句意或文种，见 DATA_NOTES")


# ---------------------------------------------------------------- the sample page's panel


def test_sample_panel_holds_the_text_as_an_attribute_never_in_a_script(catalog):
    from bs4 import BeautifulSoup

    sample = catalog.samples[0]
    html = sample_panel(sample, "../../tijian/")
    panel = BeautifulSoup(html, "html.parser").select_one("section.fw-ck-panel")
    assert panel["data-fw-ck-text"] == sample_text(sample)
    assert len(sample_text(sample).split("\n")) == len(sample.blocks)
    assert "<script" not in html
    hostile = type(sample)(**{**sample.__dict__, "blocks": [type(sample.blocks[0])(1, '"><script>alert(1)</script>&')]})
    html = sample_panel(hostile, "../../tijian/")
    assert (
        "<script>" not in html
        and BeautifulSoup(html, "html.parser").section["data-fw-ck-text"] == hostile.blocks[0].text
    )


# ---------------------------------------------------------------- the command line


def _run(capsys, *args: str, stdin: bytes | None = None, monkeypatch=None) -> tuple[int, str, str]:
    if stdin is not None:
        import io

        monkeypatch.setattr(sys, "stdin", type("S", (), {"buffer": io.BytesIO(stdin)})())
    code = main(list(args), project=ROOT)
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_with_a_bad_rule_file_says_where_in_one_line_and_exits_2(tmp_path, capsys):
    project = _project(tmp_path / "project")
    rules = project / "templates_src/checker/rules.yml"
    rules.write_text(
        rules.read_text(encoding="utf-8").replace("    级别: 错误\n", "    级别: 严重\n", 1), encoding="utf-8"
    )
    line = next(i for i, text in enumerate(rules.read_text(encoding="utf-8").split("\n"), 1) if "级别: 严重" in text)
    draft = tmp_path / "draft.txt"
    draft.write_text("加强领导。\n", encoding="utf-8")
    code = main([str(draft)], project=project)
    out, err = capsys.readouterr()
    assert (code, out) == (2, "")
    assert err.startswith(f"{rules}:{line}: 级别“严重”不对。 修改方法：") and err.count("\n") == 1, err


def test_cli_human_output_and_exit_codes(tmp_path, capsys):
    clean = tmp_path / "clean.txt"
    clean.write_text("一、总体要求\n加强领导，落实责任。\n", encoding="utf-8")
    code, out, err = _run(capsys, str(clean))
    assert (code, err) == (0, "") and out.strip() == f"{clean}: 没有发现问题。"
    bad = tmp_path / "bad.txt"
    bad.write_text("一、总体要求\n加强领导,落实责任。\n", encoding="utf-8")
    code, out, _ = _run(capsys, str(bad))
    assert code == 1
    assert f"{bad}:2:5: 错误 [biaodian-douhao] 中文里的逗号用全角“，”，不用半角“,”。（改为“，”）" in out.splitlines()
    assert out.splitlines()[-1] == f"{bad}: 错误 1 处，建议 0 处。"
    code, _, err = _run(capsys, str(bad), str(tmp_path / "missing.txt"))
    assert code == 2 and "missing.txt: 文件不存在。" in err


def test_cli_json_has_exactly_the_finding_fields(tmp_path, capsys):
    bad = tmp_path / "bad.txt"
    bad.write_text("2021年03月05日,完成。", encoding="utf-8")
    code, out, _ = _run(capsys, str(bad), "--json")
    data = json.loads(out)
    assert code == 1 and isinstance(data, list) and data
    assert all(
        set(item) == {"line", "column", "end_column", "rule", "level", "message", "fix", "basis"} for item in data
    )
    assert data == [f.as_dict() for f in check(bad.read_text(encoding="utf-8"), RULESET)]
    code, out, _ = _run(capsys, str(bad), str(bad), "--json")
    assert list(json.loads(out)) == [str(bad)]  # several files: an object by file name


@pytest.mark.parametrize(
    ("encoding", "prefix"), [("utf-8", b""), ("utf-8-sig", b""), ("gb18030", b""), ("utf-16", b"")]
)
def test_cli_reads_the_encodings_windows_writes(tmp_path, capsys, encoding, prefix):
    path = tmp_path / f"{encoding}.txt"
    text = "关于加强招商引资工作的通知\r\n各乡镇人民政府：\r\n加强领导,落实责任。\r\n"
    path.write_bytes(prefix + text.encode(encoding))
    code, out, err = _run(capsys, str(path), "--json")
    assert code == 1, err
    assert [(f["line"], f["column"], f["rule"]) for f in json.loads(out)] == [(3, 5, "biaodian-douhao")]


def test_cli_reads_docx_with_the_numbers_automatic_numbering_shows(tmp_path, capsys):
    body = p("总体要求", num=(1, 0)) + p("指导思想", num=(1, 1)) + p("加强领导,落实责任。")
    body += p("主要任务", num=(1, 0)) + p("抓项目", num=(1, 2))
    path = tmp_path / "draft.docx"
    path.write_bytes(package(body, numbering_xml=numbering({1: GONGWEN_LEVELS}, {1: (1, "")})))
    code, out, _ = _run(capsys, str(path), "--json")
    rules = [(f["line"], f["rule"]) for f in json.loads(out)]
    assert code == 1
    assert (3, "biaodian-douhao") in rules
    assert (5, "xuhao-tiaoceng") in rules  # “1.抓项目” right under “二、”: the number Word shows is checked


def test_cli_reads_standard_input(capsys, monkeypatch):
    code, out, _ = _run(capsys, "-", "--json", stdin="一、加强领导\n三、落实责任。".encode(), monkeypatch=monkeypatch)
    assert code == 0
    fixes = [(f["line"], f["fix"]) for f in json.loads(out) if f["rule"] == "xuhao-lianxu"]
    assert fixes == [(2, "二")]


BAD_INPUTS = {
    "binary.txt": (bytes(range(256)) * 40, "NUL 字节"),
    "empty.txt": (b"", "没有可检查的内容"),
    "blank.txt": ("\u3000\n \n".encode(), "没有可检查的内容"),
    "huge.txt": ("加强领导，落实责任。\n".encode() * 100_000, "超过体检的上限"),  # 1.1 million characters
    "a-text-too-long.txt": ("加强领导。\n".encode() * 600_000, "字，不像是一篇文稿"),  # over MAX_TEXT_CHARS
    "bigger.txt": (b"a" * (11 * 1024 * 1024), "超过一篇文稿的上限"),
    "corrupt.docx": (b"PK\x03\x04" + b"\x00" * 200, "文件不完整或已损坏"),
    "picture.docx": (b"\x89PNG\r\n\x1a\n" + b"\x00" * 100, "PNG 图片"),
    "old.doc": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "旧版 Word（.doc）"),
    "big5.txt": ("政府工作報告，經濟發展。".encode("big5"), "既不是 UTF-8"),
}


@pytest.mark.parametrize("name", list(BAD_INPUTS))
def test_bad_input_gives_one_clear_line_and_exit_2(tmp_path, name):
    data, problem = BAD_INPUTS[name]
    path = tmp_path / name
    path.write_bytes(data)
    result = subprocess.run([*CHECK, path], capture_output=True, text=True, timeout=120)
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr and result.stdout == ""
    assert result.stderr.startswith(f"{path}: ") and problem in result.stderr and "修改方法：" in result.stderr


def test_max_chars_is_larger_than_any_real_document(catalog):
    longest = max(len(sample_text(s)) for s in catalog.samples)
    assert longest * 50 < MAX_CHARS
