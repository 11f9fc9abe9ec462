"""The checker's measured corpus (templates_src/checker/corpus/): our own labelled drafts, and the verdicts on what
the checker finds in the real documents of ../shared/realdocs/. scripts/bench_corpus.py prints the figures;
tests/test_checker_corpus.py holds them as a floor.

A draft is a YAML file: 文种, 说明 and 正文, a list of lines. A line written as text is correct 公文 as the norms
want it; a line written as a mapping holds one planted mistake: 行 (the line), 错处 (the wrong text as it stands in
the line), 类 (its kind, KINDS) and 级别 (what a proofreader calls it by the written norms: 错误 where a standard or
the 条例 says 应/不得, else 建议). The checker has found a planted mistake when a finding on its line covers part of
its 错处; it has found it at its level when such a finding has the label's level. Every finding on a correct line
is a false one.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from macros.checker.cli import read_draft
from macros.checker.engine import Finding, check, split_lines
from macros.sources.checker_rules import LEVELS, Ruleset
from macros.sources.errors import SourceError
from macros.sources.schema import Key, Schema
from macros.sources.yaml_source import LocatedDict, load_yaml_file

README = "templates_src/checker/corpus/README.md"
KINDS = ("序号", "标点", "数字", "日期", "用词", "公文惯例", "占位符")
DRAFT = Schema(
    "文稿",
    README,
    (
        Key("文种", "一行文字", True, "这篇文稿的文种（只作说明，体检自己从标题看文种）"),
        Key("说明", "文字", True, "这篇文稿是什么、主要考哪些写法"),
        Key("正文", "列表", True, "文稿的行：正确的行直接写文字，埋了错的行写成映射"),
    ),
)
PLANTED = Schema(
    "埋错的行",
    README,
    (
        Key("行", "一行文字", True, "这一行的文字"),
        Key("错处", "一行文字", True, "错的文字，照行里的原样写（行里第一次出现的那处）"),
        Key("类", "一行文字", True, "序号、标点、数字、日期、用词、公文惯例、占位符之一"),
        Key("级别", "一行文字", True, "按成文的规范该报的级别：错误（标准或条例说“应”“不得”）或 建议"),
        Key("说明", "文字", False, "补充说明"),
    ),
)


@dataclass(frozen=True)
class Planted:
    draft: str
    line: int  # 1-based line of the draft
    text: str
    wrong: str
    start: int  # 1-based columns of the wrong text, end exclusive (as findings count)
    end: int
    kind: str
    level: str


@dataclass
class Draft:
    name: str  # the file's stem
    kind: str
    about: str
    lines: list[str]
    planted: list[Planted]
    correct: list[int]  # 1-based numbers of the correct lines

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


def load_draft(path: Path) -> Draft:
    data = DRAFT.check(load_yaml_file(path), path, 1)
    items = data["正文"]
    if not isinstance(items, list) or not items:
        raise SourceError(path, data.line_of("正文"), "“正文”应是一行一项的列表。", "每行写成“- 文字”。")
    lines, planted, correct = [], [], []
    for item in items:
        number = len(lines) + 1
        if isinstance(item, str):
            lines.append(item)
            correct.append(number)
            continue
        item = PLANTED.check(item, path, data.line_of("正文"))
        text, wrong, kind, level = (item[k] for k in ("行", "错处", "类", "级别"))
        if kind not in KINDS:
            raise SourceError(path, item.line_of("类"), f"“类”写成了“{kind}”。", f"写其中之一：{'、'.join(KINDS)}。")
        if level not in LEVELS:
            raise SourceError(path, item.line_of("级别"), f"“级别”写成了“{level}”。", "写“错误”或“建议”。")
        at = text.find(wrong)
        if at < 0:
            raise SourceError(path, item.line_of("错处"), f"“{wrong}”不在这一行里。", "照行里的原样写错的文字。")
        lines.append(text)
        planted.append(Planted(path.stem, number, text, wrong, at + 1, at + 1 + len(wrong), kind, level))
    if not isinstance(data, LocatedDict):  # pragma: no cover - DRAFT.check returned it
        raise AssertionError
    return Draft(path.stem, data["文种"], data["说明"], lines, planted, correct)


def load_corpus(folder: Path) -> list[Draft]:
    return [load_draft(path) for path in sorted(folder.glob("*.yml"))]


@dataclass
class Measure:
    """What the checker finds on the corpus: per kind, planted mistakes found (and found at their level); every
    finding on a correct line."""

    planted: Counter = field(default_factory=Counter)
    found: Counter = field(default_factory=Counter)
    at_level: Counter = field(default_factory=Counter)
    correct_lines: int = 0
    false: list[tuple[str, int, Finding]] = field(default_factory=list)
    missed: list[Planted] = field(default_factory=list)
    low: list[Planted] = field(default_factory=list)  # found, but only below their level (a 建议 for an 错误)

    def recall(self, kind: str) -> float:
        return self.found[kind] / self.planted[kind] if self.planted[kind] else 1.0

    def false_of(self, level: str) -> list[tuple[str, int, Finding]]:
        return [f for f in self.false if f[2].level == level]


def covers(finding: Finding, planted: Planted) -> bool:
    return finding.line == planted.line and finding.column < planted.end and planted.start < finding.end_column


def measure(drafts: list[Draft], ruleset: Ruleset) -> Measure:
    result = Measure()
    for draft in drafts:
        findings = check(draft.text, ruleset)
        for planted in draft.planted:
            result.planted[planted.kind] += 1
            hits = [f for f in findings if covers(f, planted)]
            if hits:
                result.found[planted.kind] += 1
                if any(f.level == planted.level or f.level == "错误" for f in hits):
                    result.at_level[planted.kind] += 1
                else:
                    result.low.append(planted)
            else:
                result.missed.append(planted)
        correct = set(draft.correct)
        result.correct_lines += len(correct)
        result.false += [(draft.name, f.line, f) for f in findings if f.line in correct]
    return result


# ---------------------------------------------------------------- the real documents and their verdicts

VERDICTS = ("真", "假", "有用", "无用")  # 错误 are true or false; 建议 useful or not
HEADER = "| 文件 | 行 | 列 | 规则 | 级别 | 查出的 | 核对 | 理由 |"


@dataclass(frozen=True)
class Verdict:
    file: str  # the file's name up to the first “_” (d01, t05)
    line: int
    column: int
    rule: str
    level: str
    text: str  # the flagged text, trimmed (“（空格）” for spaces only)
    verdict: str
    reason: str

    @property
    def key(self) -> tuple[str, int, int, str]:
        return (self.file, self.line, self.column, self.rule)


@dataclass(frozen=True)
class RealFinding:
    file: str
    finding: Finding
    text: str

    @property
    def key(self) -> tuple[str, int, int, str]:
        return (self.file, self.finding.line, self.finding.column, self.finding.rule)


def shown(text: str) -> str:
    return text.strip() or "（空格）"


def load_verdicts(path: Path) -> list[Verdict]:
    """The rows of the verdict table (realdocs.md): one per finding on a real document."""
    lines = path.read_text(encoding="utf-8").splitlines()
    start = lines.index(HEADER) + 2
    verdicts = []
    for number, row in enumerate(lines[start:], start=start + 1):
        if not row.startswith("|"):
            break
        cells = [cell.strip() for cell in row.strip().strip("|").split(" | ")]
        if len(cells) != 8 or cells[6] not in VERDICTS or not cells[7]:
            raise SourceError(
                path, number, "核对表的这一行写得不对。", f"八栏，“核对”写{'、'.join(VERDICTS)}之一，“理由”不能空。"
            )
        file, line, column, rule, level, text, verdict, reason = cells
        verdicts.append(Verdict(file, int(line), int(column), rule.strip("`"), level, text, verdict, reason))
    return verdicts


def real_documents(folder: Path) -> list[Path]:
    """The real documents: every .docx and .txt directly in the folder (../shared/realdocs/)."""
    return sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in (".docx", ".txt"))


def real_findings(folder: Path, ruleset: Ruleset) -> list[RealFinding]:
    found = []
    for path in real_documents(folder):
        text = read_draft(path.name, path.read_bytes())  # as the command line reads it
        lines = split_lines(text)
        for finding in check(text, ruleset):
            span = lines[finding.line - 1][finding.column - 1 : finding.end_column - 1]
            found.append(RealFinding(path.name.split("_")[0], finding, shown(span)))
    return found


@dataclass
class Judged:
    """The findings on the real documents against the table: verdicts by level, findings without a verdict,
    verdicts for findings that are gone (or whose text or level changed)."""

    counts: Counter = field(default_factory=Counter)  # (level, verdict) -> findings
    unjudged: list[RealFinding] = field(default_factory=list)
    stale: list[Verdict] = field(default_factory=list)
    characters: int = 0
    documents: int = 0

    def share(self, level: str, verdict: str) -> float:
        total = sum(n for (lv, _), n in self.counts.items() if lv == level)
        return self.counts[(level, verdict)] / total if total else 1.0


def judge(found: list[RealFinding], verdicts: list[Verdict]) -> Judged:
    by_key = {v.key: v for v in verdicts}
    result = Judged()
    seen = set()
    for real in found:
        verdict = by_key.get(real.key)
        if verdict is None or verdict.text != real.text or verdict.level != real.finding.level:
            result.unjudged.append(real)
            continue
        seen.add(real.key)
        result.counts[(verdict.level, verdict.verdict)] += 1
    result.stale = [v for v in verdicts if v.key not in seen]
    return result
