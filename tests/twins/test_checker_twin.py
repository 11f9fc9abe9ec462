"""The checker's two engines (macros/checker/engine.py and engine.js) agree: the same findings, the same text after
every fix, the same phrases found, on the library's texts and on thousands of generated drafts."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from node_runner import GENERATED, first_difference, node, twin_scripts

from macros.checker.engine import apply_fixes, check, find_phrases
from macros.checker.publish import rules_script
from macros.pages.checker_panel import sample_text
from macros.sources.library import load_library
from macros.sources.templates import fill

ROOT = Path(__file__).resolve().parents[2]
LIBRARY = load_library(ROOT)
RULESET = LIBRARY.ruleset
NODE_SCRIPTS = [rules_script(RULESET), *twin_scripts("macros/checker/engine.js")]  # as the 体检 page loads them
RULES = {"$global": "fanwenkuCheckerRules"}
BATCH = 50  # drafts per generated example: one round trip to Node each
EXAMPLES = 110  # 5,500 generated drafts


def library_texts() -> list[str]:
    """The six samples (as files and as pages read them), every template filled with its examples and unfilled,
    every rule example and its fixed form, every word of the list, and texts that trip naive engines."""
    texts = [s.text_path.read_text(encoding="utf-8") for s in LIBRARY.samples]
    texts += [sample_text(s) for s in LIBRARY.samples]
    texts += [fill(t, t.examples) for t in LIBRARY.templates] + [fill(t) for t in LIBRARY.templates]
    for rule in RULESET.rules:
        texts += rule.bad + rule.good + (rule.fixed or [])
    texts += [f"{w.wrong}，{w.right}，{'、'.join(w.exclude)}" for w in RULESET.words]
    texts += [
        "𠀀𠀁加强,落实𠀀,好。\r\n二〇二一年三月五日\r一、\u2028好,的\u2029",  # astral characters, CR, line separators
        "\ufeff1、加强\n\n\n（一）、x\n（三）y\n①甲\n③乙\n（1）丙",
        "关于2021年工作情况的报告\n市人民政府\n请批准。妥否，请批示。请批准",
        "强势推进,强势推进，强势推进;全力以赴,攻坚克难。全力以赴，攻坚克难。全力以赴,攻坚克难",
        "3KM、3km、3Km；110kV与110kv",
        "",
    ]
    return texts


def fragments() -> list[str]:
    """Pieces drafts are made of: the rules' own examples, the word list, the bank's phrases, numbering, dates,
    units, marks in both widths, and the characters engines count differently."""
    pieces = [t for rule in RULESET.rules for t in rule.bad + rule.good + (rule.fixed or [])]
    pieces += [w.wrong for w in RULESET.words] + [w.right for w in RULESET.words]
    pieces += [e for w in RULESET.words for e in w.exclude] + [p.text for p in RULESET.phrases]
    pieces += [
        "一、",
        "二、",
        "四、",
        "（一）",
        "（二）",
        "（四）",
        "1.",
        "2.",
        "5.",
        "（1）",
        "（3）",
        "①",
        "③",
        "十一、",
    ]
    pieces += ["关于加强安全生产工作的报告", "关于申请专项资金的请示", "各乡镇人民政府、县直各单位", "市人民政府："]
    pieces += [
        "2024年3月5日",
        "二〇二一年",
        "3km",
        "3KM",
        "110kV",
        "《条例》",
        "《关于…的通知》",
        "请批准",
        "妥否，请批示",
    ]
    pieces += list(",，;；:：()（）《》“”【】!?！？。、…—～- \t\u3000") + ["\n", "\n", "\r\n", "\r", "\u2028", "\ufeff"]
    pieces += ["𠀀", "𠮷", "\U0001f600", "Ａ１", "ｋｍ"]
    return pieces


PIECES = fragments()
DRAFT = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=3)), min_size=1, max_size=40).map("".join)


def findings(texts: list[str]) -> list[list[dict]]:
    return [[f.as_dict() for f in check(text, RULESET)] for text in texts]


def test_the_engines_agree_on_the_library(node):
    texts = library_texts()
    python = findings(texts)
    assert node.calls("fanwenkuChecker.check", [[t, RULES] for t in texts]) == python
    assert sum(map(len, python)) > 1500  # the corpus exercises the rules
    fixed = [apply_fixes(t, check(t, RULESET)) for t in texts]
    found = node.calls("fanwenkuChecker.check", [[t, RULES] for t in texts])
    assert node.calls("fanwenkuChecker.applyFixes", [[t, f] for t, f in zip(texts, found, strict=True)]) == fixed
    assert node.calls("fanwenkuChecker.findPhrases", [[t, RULES] for t in texts]) == [
        find_phrases(t, RULESET) for t in texts
    ]


@settings(GENERATED, max_examples=EXAMPLES)
@given(st.lists(DRAFT, min_size=BATCH, max_size=BATCH))
def test_the_engines_agree_on_generated_drafts(node, drafts):
    python = findings(drafts)
    different = first_difference(drafts, python, node.calls("fanwenkuChecker.check", [[d, RULES] for d in drafts]))
    assert different is None, different
    fixed = [apply_fixes(d, check(d, RULESET)) for d in drafts]
    fixes = node.calls("fanwenkuChecker.applyFixes", [[d, f] for d, f in zip(drafts, python, strict=True)])
    assert first_difference(drafts, fixed, fixes) is None, first_difference(drafts, fixed, fixes)
    phrases = node.calls("fanwenkuChecker.findPhrases", [[d, RULES] for d in drafts])
    assert first_difference(drafts, [find_phrases(d, RULESET) for d in drafts], phrases) is None
    lengths = node.calls("fanwenkuChecker.characters", [[d] for d in drafts])
    assert first_difference(drafts, [len(d) for d in drafts], lengths) is None
