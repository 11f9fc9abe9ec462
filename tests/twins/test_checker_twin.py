"""The checker's two engines (macros/checker/engine.py and engine.js) agree: the same findings, the same text after
every fix, the same phrases found, on the library's texts and on thousands of generated drafts."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from node_runner import GENERATED, first_difference, node, twin_scripts

from macros.checker.cli import read_draft
from macros.checker.corpus import load_corpus
from macros.checker.engine import apply_fixes, check, chosen_fixes, find_phrases
from macros.checker.publish import rules_script
from macros.pages.checker_panel import sample_text
from macros.sources.library import load_library
from macros.sources.templates import fill

ROOT = Path(__file__).resolve().parents[2]
REAL = ROOT.parent / "shared" / "realdocs"
LIBRARY = load_library(ROOT)
CORPUS = load_corpus(ROOT / "templates_src" / "checker" / "corpus")
RULESET = LIBRARY.ruleset
NODE_SCRIPTS = [rules_script(RULESET), *twin_scripts("macros/checker/engine.js")]  # as the 体检 page loads them
RULES = {"$global": "fanwenkuCheckerRules"}
BATCH = 50  # drafts per generated example: one round trip to Node each
EXAMPLES = 110  # 5,500 generated drafts


def library_texts() -> list[str]:
    """The six samples (as files and as pages read them), every template filled with its examples and unfilled,
    every rule example and its fixed form, every word of the list with its examples, the labelled drafts of the
    corpus, the real documents of ../shared/realdocs/, and texts that trip naive engines."""
    texts = [s.text_path.read_text(encoding="utf-8") for s in LIBRARY.samples]
    texts += [sample_text(s) for s in LIBRARY.samples]
    texts += [fill(t, t.examples) for t in LIBRARY.templates] + [fill(t) for t in LIBRARY.templates]
    for rule in RULESET.rules:
        texts += rule.bad + rule.good + (rule.fixed or [])
    texts += [f"{w.wrong}，{w.right}，{'、'.join(w.exclude)}\n{w.good}\n{w.bad}" for w in RULESET.words]
    texts += [draft.text for draft in CORPUS]
    texts += [read_draft(p.name, p.read_bytes()) for p in sorted(REAL.iterdir()) if p.suffix in (".txt", ".docx")]
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
    pieces += [line for draft in CORPUS for line in draft.lines]
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
    # The parts of a draft and what they change: titles of each 文种, a Party organ, 附件, 落款, 版记, deadlines
    pieces += [
        "中共云溪县委关于学习贯彻全会精神的意见",
        "云溪县人民政府关于申请资金和调整布局的请示",
        "关于同意设立物流园区的批复",
        "附件：1.任务清单",
        "2.名单",
        "附件",
        "附件2",
        "云溪县人民政府",
        "2026年2月5日",
        "二〇二五年十二月十日",
        "（此件公开发布）",
        "抄送：县委办公室。",
        "云溪县人民政府办公室        2026年1月12日印发",
        "特此报告。",
        "特此通知。",
        "此复",
        "14.2025年10件民生实事",
        "1.5亿元",
        "13.",
        "2026年2月3日（星期五）",
        "2024年2月29日（周四）",
        "2月30日前",
        "3月10日前",
        "百分之四十五",
        "二十个",
        "约30项左右",
        "提高到9.1%，提高了2.9%",
        "二0二六年",
        "党的20大",
        "「」",
        "《关于《章程》的提纲》",
        "……等",
        "研究如何落实？",
        "贵单位",
        "请予审批",
        "认真的落实",
        "做的很好",
    ]
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
    # The fixes applied together (the Word copy with tracked fixes takes the same choice)
    assert node.calls("fanwenkuChecker.chosenFixes", [[f] for f in found]) == [chosen_fixes(f) for f in found]
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
