"""The structural checks of rules.yml (`检查: 名字`): what one regular expression on one line cannot see.

Each check reads the whole document and yields (line, column, end column, message, fix) with 1-based
character positions. engine.js has the same functions under the same names.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from macros.checker.fixes import CIRCLED, chinese_to_int, int_to_chinese

Hit = tuple[int, int, int, str, str | None]
INDENT = re.compile(r"^[ \t\u3000]*")
LEVEL_NAMES = {1: "一、", 2: "（一）", 3: "1.", 4: "（1）"}
UNIT = re.compile(r"(?<=[0-9])[ ]?([A-Za-z]{1,4})(?![A-Za-z])")
BOOK_TITLE = re.compile(r"《([^《》]{1,8})》")
PUNCT_FOLD = {",": "，", ";": "；", ":": "：", "(": "（", ")": "）", "!": "！", "?": "？"}
TITLE_BAD = re.compile(r"[。，,；;！？!?]")
TITLE_NOTE = re.compile(r"[（(][^（）()]*[）)]$")


@dataclass(frozen=True)
class Numbered:
    index: int  # position in the list of numbering styles
    level: int  # 1..4
    value: int
    start: int  # 0-based character offsets of the number in the line
    end: int


REGEX_SYNTAX = "^$\\.*+?()[]{}|/"


def regex_escape(text: str) -> str:
    """Escape the syntax characters only (engine.js escapes the same set), so both engines build one pattern."""
    return "".join("\\" + c if c in REGEX_SYNTAX else c for c in text)


class Document:
    """The lines of a draft with what several checks need: numbering, headings, the title."""

    def __init__(self, lines: list[str], ruleset):
        self.lines = lines
        self.ruleset = ruleset
        self.nonempty = [i for i, line in enumerate(lines) if line.strip(" \t\u3000")]
        self._numbering = [(n, re.compile(n.pattern)) for n in ruleset.numbering]
        self.numbered = [self._number(line) for line in lines]
        # following[i]: the first non-empty line after line i (None at the end); made once, looked up in O(1)
        self.following: list[int | None] = [None] * len(lines)
        after = None
        for i in range(len(lines) - 1, -1, -1):
            self.following[i] = after
            if lines[i].strip(" \t\u3000"):
                after = i

    def _number(self, line: str) -> Numbered | None:
        offset = INDENT.match(line).end()
        rest = line[offset:]
        for index, (style, regex) in enumerate(self._numbering):
            m = regex.search(rest)
            if m is None:
                continue
            text = m.group(1)
            if style.numeral == "汉字":
                value = chinese_to_int(text)
            elif style.numeral == "圈码":
                value = CIRCLED.index(text) + 1 if len(text) == 1 and text in CIRCLED else None
            else:
                value = int(text) if text.isascii() and text.isdigit() else None
            if value is None:
                return None
            return Numbered(index, style.level, value, offset + m.start(1), offset + m.end(1))
        return None

    def shown(self, index: int, value: int) -> str:
        numeral = self.ruleset.numbering[index].numeral
        if numeral == "汉字":
            return int_to_chinese(value) if 0 < value < 100 else str(value)
        if numeral == "圈码":
            return CIRCLED[value - 1] if 0 < value <= len(CIRCLED) else str(value)
        return str(value)

    def stripped(self, i: int) -> tuple[str, int]:
        line = self.lines[i]
        offset = INDENT.match(line).end()
        return line[offset:].rstrip(" \t\u3000"), offset

    def next_nonempty(self, i: int) -> int | None:
        return self.following[i]

    def title(self, kinds: list[str]) -> int | None:
        """The title line: among the first three non-empty lines, one without sentence marks ending in a 文种."""
        for i in self.nonempty[:3]:
            text, _ = self.stripped(i)
            if not 4 <= len(text) <= 60 or TITLE_BAD.search(text):
                continue
            core = TITLE_NOTE.sub("", text)
            if any(core.endswith(kind) for kind in kinds):
                return i
        return None


def _hit(i: int, start: int, end: int, message: str, fix: str | None = None) -> Hit:
    return (i + 1, start + 1, end + 1, message, fix)


def numbering_sequence(doc: Document, rule) -> Iterator[Hit]:
    last: dict[int, int] = {}  # numbering style -> the number it reached under the current parent
    for i, numbered in enumerate(doc.numbered):
        if numbered is None:
            continue
        for index in list(last):
            if doc.ruleset.numbering[index].level > numbered.level:
                del last[index]
        previous = last.get(numbered.index)
        here = doc.shown(numbered.index, numbered.value)
        if previous is None:
            if numbered.value != 1:
                first = doc.shown(numbered.index, 1)
                yield _hit(i, numbered.start, numbered.end, f"这一层的第一个序号是“{here}”，前面没有“{first}”。")
            last[numbered.index] = numbered.value
        elif numbered.value != previous + 1:
            expected = doc.shown(numbered.index, previous + 1)
            before = doc.shown(numbered.index, previous)
            yield _hit(
                i,
                numbered.start,
                numbered.end,
                f"序号不连续：前一个同级序号是“{before}”，这里应是“{expected}”。",
                expected,
            )
            last[numbered.index] = previous + 1
        else:
            last[numbered.index] = numbered.value


def skipped_level(doc: Document, rule) -> Iterator[Hit]:
    open_levels: list[int] = []
    for i, numbered in enumerate(doc.numbered):
        if numbered is None:
            continue
        while open_levels and open_levels[-1] >= numbered.level:
            open_levels.pop()
        if open_levels and open_levels[-1] < numbered.level - 1:
            parent = open_levels[-1]
            yield _hit(
                i,
                numbered.start,
                numbered.end,
                f"“{LEVEL_NAMES[parent]}”下面直接用了“{LEVEL_NAMES[numbered.level]}”，跳过了“{LEVEL_NAMES[parent + 1]}”这一层。",
            )
        open_levels.append(numbered.level)


def _is_heading(doc: Document, i: int, params: dict) -> bool:
    if doc.numbered[i] is None:
        return False
    text, _ = doc.stripped(i)
    ends = params["标题不以这些结尾"]
    return len(text) <= params["标题最长"] and "。" not in text and not (text and text[-1] in ends)


def empty_section(doc: Document, rule) -> Iterator[Hit]:
    for i in doc.nonempty:
        if not _is_heading(doc, i, rule.params):
            continue
        text, offset = doc.stripped(i)
        following = doc.next_nonempty(i)
        if following is None:
            yield _hit(i, offset, offset + len(text), "这个标题是全文最后一行，下面没有正文。")
        elif doc.numbered[following] is not None and doc.numbered[following].level <= doc.numbered[i].level:
            yield _hit(i, offset, offset + len(text), "这个标题下面没有正文：下一行就是同级或上一级的标题。")


def paragraph_end(doc: Document, rule) -> Iterator[Hit]:
    params = rule.params
    for i in doc.nonempty:
        text, offset = doc.stripped(i)
        if doc.numbered[i] is not None and "。" not in text:
            continue  # a numbered line without a full stop is a heading, however long
        if len(text) < params["最短"] or not any(c in text for c in params["句中标点"]):
            continue
        if text[-1] not in params["段末可用"]:
            end = offset + len(text)
            yield _hit(i, end - 1, end, "段落末尾没有句末标点：漏了句号，或者这段话没有写完。")


def paired_marks(doc: Document, rule) -> Iterator[Hit]:
    for i in doc.nonempty:
        line = doc.lines[i]
        for spec in rule.params["成对"]:
            left, right, name = spec[0], spec[1], spec[2:]
            opened: list[int] = []
            for pos, char in enumerate(line):
                if char == left:
                    opened.append(pos)
                elif char == right:
                    if opened:
                        opened.pop()
                    else:
                        yield _hit(
                            i, pos, pos + 1, f"{name}没有配对：这里的后一半（{right}）前面没有对应的前一半（{left}）。"
                        )
            following = doc.next_nonempty(i)
            if opened and following is not None and doc.stripped(following)[0].startswith(left):
                opened = opened[1:]  # a quotation running on into the next paragraph, which opens it again
            for pos in opened:
                yield _hit(i, pos, pos + 1, f"{name}没有配对：这里的前一半（{left}）后面没有对应的后一半（{right}）。")


def unit_spelling(doc: Document, rule) -> Iterator[Hit]:
    canonical = {unit.lower(): unit for unit in rule.params["单位"]}
    seen: dict[str, list[tuple[int, int, int, str]]] = {}
    for i in doc.nonempty:
        for m in UNIT.finditer(doc.lines[i]):
            word = m.group(1)
            if word.lower() in canonical:
                seen.setdefault(word.lower(), []).append((i, m.start(1), m.end(1), word))
    for key, places in seen.items():
        spellings = list(dict.fromkeys(word for _, _, _, word in places))
        if len(spellings) < 2:
            continue
        standard = canonical[key]
        for i, start, end, word in places:
            if word != standard:
                message = f"同一篇里这个单位有{len(spellings)}种写法（{'、'.join(spellings)}），统一写成“{standard}”。"
                yield _hit(i, start, end, message, standard)


def main_recipient_colon(doc: Document, rule) -> Iterator[Hit]:
    title = doc.title(rule.params["文种"])
    if title is None:
        return
    candidate = doc.next_nonempty(title)
    if candidate is None:
        return
    text, offset = doc.stripped(candidate)
    if not text or len(text) > 80 or re.search(r"[。；;？！?!]", text[:-1]):
        return
    tail = text[-1] if text[-1] in "，,.。;；" else ""
    body = text[:-1] if tail else text
    if body.endswith(("：", ":")) or not any(body.endswith(w) for w in rule.params["机关结尾"]):
        return
    if not (body.startswith("各") or any(mark in body for mark in "、，,")):
        return
    end = offset + len(text)
    message = "主送机关的最后一个机关名称后面要加全角冒号“：”。"
    if tail:
        yield _hit(candidate, end - 1, end, message, "：")
    else:
        yield _hit(candidate, end - 1, end, message, text[-1] + "：")


def report_asks(doc: Document, rule) -> Iterator[Hit]:
    title = doc.title(["报告"])
    if title is None:
        return
    for i in doc.nonempty:
        if i <= title:
            continue
        line = doc.lines[i]
        for term in rule.params["请示用语"]:
            pos = line.find(term)
            while pos >= 0:
                yield _hit(i, pos, pos + len(term), f"报告里不得夹带请示事项：“{term}”这类请求批准的话应另写请示。")
                pos = line.find(term, pos + len(term))


def bare_title(doc: Document, rule) -> Iterator[Hit]:
    whole = "\n".join(doc.lines)
    declared: dict[str, bool] = {}  # whether the draft introduces a short title, searched once per title

    def is_declared(inner: str) -> bool:
        if inner not in declared:
            declared[inner] = f"简称《{inner}》" in whole or f"简称“{inner}”" in whole
        return declared[inner]

    for i in doc.nonempty:
        for m in BOOK_TITLE.finditer(doc.lines[i]):
            inner = m.group(1)
            if inner in rule.params["简称"] and not is_declared(inner):
                yield _hit(
                    i,
                    m.start(),
                    m.end(),
                    f"《{inner}》只写了文种：引用文件要写全称，或先写全称再注明“以下简称《{inner}》”。",
                )


def fold_punctuation(text: str) -> str:
    """Half-width punctuation as full-width, one character for one, so phrase positions stay the same."""
    return "".join(PUNCT_FOLD.get(c, c) for c in text)


def phrase_index(ruleset) -> tuple[dict, re.Pattern | None]:
    """The bank's phrases by their folded text (a later entry of the same folded text takes its value), and one
    pattern for them all, longer first (so the longest phrase at the leftmost place wins). Made once per rule set."""
    if "(phrases)" not in ruleset.compiled:  # rule ids have no brackets
        folded = {fold_punctuation(p.text): p for p in ruleset.phrases}
        ordered = sorted(folded, key=lambda t: -len(t))  # stable: longer first, then the bank's order
        regex = re.compile("|".join(regex_escape(t) for t in ordered)) if ordered else None
        ruleset.compiled["(phrases)"] = (folded, regex)
    return ruleset.compiled["(phrases)"]


def phrases_in(line: str, ruleset) -> Iterator[tuple[int, int, object]]:
    """Where a draft's line uses a phrase of the bank: (start, end, phrase), with half-width punctuation read as
    full-width (a draft may type either; the bank's pages, macros/sources/phrases.py, match text exactly)."""
    folded, regex = phrase_index(ruleset)
    if regex is not None:
        for m in regex.finditer(fold_punctuation(line)):
            yield m.start(), m.end(), folded[m.group()]


def phrase_repeat(doc: Document, rule) -> Iterator[Hit]:
    phrases = doc.ruleset.phrases
    counts: dict[str, int] = {}
    places: dict[str, tuple[int, int, int, object]] = {}
    for i in doc.nonempty:
        for start, end, phrase in phrases_in(doc.lines[i], doc.ruleset):
            key = fold_punctuation(phrase.text)
            counts[key] = counts.get(key, 0) + 1
            if counts[key] == rule.params["次数"]:
                places[key] = (i, start, end, phrase)
    for key, (i, start, end, phrase) in places.items():
        others = [p.text for p in phrases if p.category == phrase.category and p.text != phrase.text]
        alternatives = list(dict.fromkeys(fold_punctuation(t) for t in [*phrase.synonyms, *others]))
        alternatives = alternatives[: rule.params["备选最多"]]
        used = doc.lines[i][start:end]
        yield _hit(i, start, end, f"“{used}”全文用了{counts[key]}次，可以换个说法：{'、'.join(alternatives)}。")


def word_list(doc: Document, rule) -> Iterator[Hit]:
    words = doc.ruleset.words
    by_text = {w.wrong: w for w in words}
    ordered = sorted(by_text, key=lambda t: -len(t))
    regex = re.compile("|".join(regex_escape(t) for t in ordered))
    for i in doc.nonempty:
        line = doc.lines[i]
        pos = 0
        while True:
            m = regex.search(line, pos)
            if m is None:
                break
            word = by_text[m.group()]
            excluded = any(
                line.startswith(phrase, k)
                for phrase in word.exclude
                for k in range(max(0, m.end() - len(phrase)), m.start() + 1)
            )
            if excluded:
                pos = m.start() + 1
                continue
            message = f"“{word.wrong}”应写作“{word.right}”。" + word.note
            yield _hit(i, m.start(), m.end(), message, word.right)
            pos = m.end()


CHECKS = {
    "序号连续": numbering_sequence,
    "序号跳层": skipped_level,
    "空标题": empty_section,
    "段末标点": paragraph_end,
    "成对标号": paired_marks,
    "单位写法": unit_spelling,
    "主送机关冒号": main_recipient_colon,
    "报告夹带请示": report_asks,
    "书名简称": bare_title,
    "表述重复": phrase_repeat,
    "词表": word_list,
}
