"""The Python engine of the draft checker (公文体检): text in, findings out.

engine.js beside it is the same engine for the browser, function for function, with this module's constants
(`script_constants()`, written into the published script by macros/build/scripts.py); tests/twins/ runs both on
the same cases and requires identical answers. So everything here is written to have one obvious JavaScript
counterpart: patterns stay within the shared subset (regex_subset.py), iteration is explicit, positions are
counted in characters (code points), and every message is built from the same pieces.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import asdict, dataclass

from macros.checker import fixes, structure
from macros.checker.fixes import render
from macros.checker.structure import CHECKS, Document, phrases_in
from macros.sources.checker_rules import PARTY, Rule, Ruleset

# A draft longer than this is not one document (a 500-page report is about 300,000 characters).
MAX_CHARS = 1_000_000


@dataclass(frozen=True)
class Finding:
    line: int  # 1-based
    column: int  # 1-based, in characters
    end_column: int  # column + length: one past the last character
    rule: str
    level: str
    message: str
    fix: str | None
    basis: str

    def as_dict(self) -> dict:
        return asdict(self)


def characters(text: str) -> int:
    """The length of a text as the checker counts it, in characters (code points), as MAX_CHARS does."""
    return len(text)


def split_lines(text: str) -> list[str]:
    """The lines of a draft: a leading BOM dropped, CRLF and lone CR read as line ends."""
    if text.startswith("\ufeff"):
        text = text[1:]
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def _compiled(ruleset: Ruleset, key: str, pattern: str) -> re.Pattern:
    if key not in ruleset.compiled:
        ruleset.compiled[key] = re.compile(pattern)
    return ruleset.compiled[key]


def pattern_findings(rule: Rule, document: Document, regex: re.Pattern) -> list[Finding]:
    """Every non-empty match of a rule's pattern, searched once over the whole draft: the pattern cannot take a
    line end (checker_rules.py refuses it) and its ^ and $ are a line's start and end (regex_subset.for_whole_text),
    so a match lies within one line, found as a search line by line would find it."""
    text, starts, parts = document.text, document.starts, document.parts
    found = []
    pos = 0
    while pos <= len(text):
        match = regex.search(text, pos)
        if match is None:
            break
        if match.end() == match.start():  # an empty match marks nothing: step over it, as engine.js does
            pos = match.start() + 1
            continue
        pos = match.end()
        line = bisect_right(starts, match.start()) - 1
        if parts[line] in rule.skip:
            continue
        fix = render(rule.fix, match) if rule.fix is not None else None
        column = match.start() - starts[line] + 1
        found.append(
            Finding(
                line + 1,
                column,
                column + match.end() - match.start(),
                rule.id,
                rule.level,
                rule.message,
                fix,
                rule.basis,
            )
        )
    return found


def applies(rule: Rule, document: Document) -> bool:
    """Whether a rule reads this draft at all: its 只查文种 and, for 不查: 党的文件, the draft's kind."""
    if rule.kinds and document.kind not in rule.kinds:
        return False
    return not (PARTY in rule.skip and document.party)


def check(text: str, ruleset: Ruleset) -> list[Finding]:
    """Every finding of every rule, ordered by place (line, column, end) and then by the rules' order; where two
    错误 overlap, only the one of the rule standing first in rules.yml is kept (one_error_per_span)."""
    document = Document(split_lines(text), ruleset)
    keyed = []
    for order, rule in enumerate(ruleset.rules):
        if not applies(rule, document):
            continue
        if rule.pattern is not None:
            regex = _compiled(ruleset, rule.id, rule.pattern)
            found = pattern_findings(rule, document, regex)
        else:
            found = [
                Finding(line, start, end, rule.id, rule.level, message, fix, rule.basis)
                for line, start, end, message, fix in CHECKS[rule.check](document, rule)
                if document.parts[line - 1] not in rule.skip
            ]
        keyed += [((f.line, f.column, f.end_column, order), f) for f in found]
    keyed.sort(key=lambda pair: pair[0])
    return one_error_per_span(keyed)


def one_error_per_span(keyed: list[tuple[tuple[int, int, int, int], Finding]]) -> list[Finding]:
    """The findings with at most one 错误 on any character: of 错误 that overlap, the rule that stands first in
    rules.yml wins (the order is the priority: the narrower rule is written before the wider one). 建议 stay: they
    are advice, and the page fixes overlapping ones one at a time. `keyed` is sorted by place; so is the result.

    Overlapping findings form clusters (a sweep by place), nearly always of one or two, decided by priority
    within each: linear in the number of findings however many share a line."""
    out: list[Finding] = []
    cluster: list[tuple[int, Finding]] = []
    reach = (0, 0)  # (line, end column) the cluster covers
    for (line, column, end, order), finding in keyed:
        if cluster and (line, column) >= reach:
            out += _decide(cluster)
            cluster = []
        cluster.append((order, finding))
        reach = max(reach, (line, end)) if cluster[1:] else (line, end)
    out += _decide(cluster)
    return out


def _decide(cluster: list[tuple[int, Finding]]) -> list[Finding]:
    if len(cluster) < 2:
        return [f for _, f in cluster]
    kept: list[Finding] = []
    for _, finding in sorted(cluster, key=lambda pair: (pair[1].level != "错误", pair[0])):
        overlapping = [k for k in kept if k.column < finding.end_column and finding.column < k.end_column]
        if finding.level == "错误" and any(k.level == "错误" for k in overlapping):
            continue
        kept.append(finding)
    chosen = {id(f) for f in kept}
    return [f for _, f in cluster if id(f) in chosen]


def _get(finding, key: str):
    return finding[key] if isinstance(finding, dict) else getattr(finding, key)


def chosen_fixes(findings: list) -> list:
    """The fixes applied together, in place order: of overlapping ones, the first (Findings or their dicts)."""
    chosen: list = []
    place = lambda f: (_get(f, "line"), _get(f, "column"), _get(f, "end_column"))  # noqa: E731
    for finding in sorted((f for f in findings if _get(f, "fix") is not None), key=place):
        last = chosen[-1] if chosen else None
        if last and _get(last, "line") == _get(finding, "line") and _get(finding, "column") < _get(last, "end_column"):
            continue
        chosen.append(finding)
    return chosen


def apply_fixes(text: str, findings: list[Finding]) -> str:
    """The text with the findings' fixes applied; of overlapping fixes the first in place order wins.

    Lines keep their text otherwise; the result uses "\\n" line ends (what split_lines reads).
    """
    lines = split_lines(text)
    chosen = chosen_fixes(findings)
    # Each line rebuilt once from its pieces: a fix at a time would copy a long line once per fix.
    by_line: dict[int, list[Finding]] = {}
    for finding in chosen:
        by_line.setdefault(finding.line, []).append(finding)
    for number, on_line in by_line.items():
        line, pieces, at = lines[number - 1], [], 0
        for finding in on_line:
            pieces += [line[at : finding.column - 1], finding.fix]
            at = finding.end_column - 1
        lines[number - 1] = "".join(pieces) + line[at:]
    return "\n".join(lines)


def find_phrases(text: str, ruleset: Ruleset) -> list[dict]:
    """Where a draft uses a phrase of the bank, to link it to its page: {line, column, end_column, phrase} (the
    phrase's text), leftmost and longest first, half-width punctuation read as full-width."""
    return [
        {"line": number, "column": start + 1, "end_column": end + 1, "phrase": phrase.text}
        for number, line in enumerate(split_lines(text), start=1)
        for start, end, phrase in phrases_in(line, ruleset)
    ]


def script_constants() -> dict:
    """What engine.js takes from Python instead of retyping it (macros/build/scripts.py writes it in)."""
    return {
        "MAX_CHARS": MAX_CHARS,
        "CHINESE_DIGITS": fixes.CHINESE_DIGITS,
        "CIRCLED": fixes.CIRCLED,
        "LEVEL_NAMES": structure.LEVEL_NAMES,
        "INDENT": structure.INDENT.pattern,
        "UNIT": structure.UNIT.pattern,
        "BOOK_TITLE": structure.BOOK_TITLE.pattern,
        "PUNCT_FOLD": structure.PUNCT_FOLD,
        "TITLE_BAD": structure.TITLE_BAD.pattern,
        "TITLE_NOTE": structure.TITLE_NOTE.pattern,
        "SYNTAX": structure.REGEX_SYNTAX,
        "SIGNED_LINE": structure.SIGNED_LINE.pattern,
        "SIGNATURE_BAD": structure.SIGNATURE_BAD.pattern,
        "NOTE": structure.NOTE.pattern,
        "SIGNATURE_MAX": structure.SIGNATURE_MAX,
        "RECIPIENT_MAX": structure.RECIPIENT_MAX,
        "RECIPIENT_BAD": structure.RECIPIENT_BAD.pattern,
        "ATTACHMENT_ITEM": structure.ATTACHMENT_ITEM.pattern,
        "NUMBERED_PARTS": structure.NUMBERED_PARTS,
        "WEEKDAY": structure.WEEKDAY.pattern,
        "WEEKDAYS": structure.WEEKDAYS,
        "YEAR_ZEROS": fixes.YEAR_ZEROS,
        "PARTY": PARTY,
    }
