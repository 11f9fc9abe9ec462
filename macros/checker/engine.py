"""The Python engine of the draft checker (公文体检): text in, findings out.

engine.js beside it is the same engine for the browser, function for function, with this module's constants
(`script_constants()`, written into the published script by macros/build/scripts.py); tests/twins/ runs both on
the same cases and requires identical answers. So everything here is written to have one obvious JavaScript
counterpart: patterns stay within the shared subset (regex_subset.py), iteration is explicit, positions are
counted in characters (code points), and every message is built from the same pieces.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass

from macros.checker import fixes, structure
from macros.checker.fixes import render
from macros.checker.structure import CHECKS, Document, phrases_in
from macros.sources.checker_rules import Rule, Ruleset

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


def pattern_findings(rule: Rule, lines: list[str], regex: re.Pattern) -> list[Finding]:
    found = []
    for number, line in enumerate(lines, start=1):
        pos = 0
        while pos <= len(line):
            match = regex.search(line, pos)
            if match is None:
                break
            if match.end() == match.start():  # an empty match marks nothing: step over it, as engine.js does
                pos = match.start() + 1
                continue
            fix = render(rule.fix, match) if rule.fix is not None else None
            found.append(
                Finding(number, match.start() + 1, match.end() + 1, rule.id, rule.level, rule.message, fix, rule.basis)
            )
            pos = match.end()
    return found


def check(text: str, ruleset: Ruleset) -> list[Finding]:
    """Every finding of every rule, ordered by place (line, column, end) and then by the rules' order."""
    document = Document(split_lines(text), ruleset)
    keyed = []
    for order, rule in enumerate(ruleset.rules):
        if rule.pattern is not None:
            found = pattern_findings(rule, document.lines, _compiled(ruleset, rule.id, rule.pattern))
        else:
            found = [
                Finding(line, start, end, rule.id, rule.level, message, fix, rule.basis)
                for line, start, end, message, fix in CHECKS[rule.check](document, rule)
            ]
        keyed += [((f.line, f.column, f.end_column, order), f) for f in found]
    keyed.sort(key=lambda pair: pair[0])
    return [f for _, f in keyed]


def apply_fixes(text: str, findings: list[Finding]) -> str:
    """The text with the findings' fixes applied; of overlapping fixes the first in place order wins.

    Lines keep their text otherwise; the result uses "\\n" line ends (what split_lines reads).
    """
    lines = split_lines(text)
    chosen: list[Finding] = []
    for finding in sorted((f for f in findings if f.fix is not None), key=lambda f: (f.line, f.column, f.end_column)):
        last = chosen[-1] if chosen else None
        if last and last.line == finding.line and finding.column < last.end_column:
            continue
        chosen.append(finding)
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
    }
