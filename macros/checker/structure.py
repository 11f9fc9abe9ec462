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
WEEKDAY = re.compile(r"((?:19|20)[0-9]{2})年([0-9]{1,2})月([0-9]{1,2})日[（(]?(星期|周)([一二三四五六日天])")
ATTACHMENT_ITEM = re.compile(r"^([0-9]{1,2})[.．、]")
# The parts whose lines the numbering checks read: not the title, the 附件说明, the 落款 or the 版记.
NUMBERED_PARTS = ("正文", "附件")


@dataclass(frozen=True)
class Numbered:
    index: int  # position in the list of numbering styles
    level: int  # 1..4
    value: int
    start: int  # 0-based character offsets of the number in the line
    end: int
    continued: bool = False  # read by the style's 接续时 form: a number only where it continues its list


REGEX_SYNTAX = "^$\\.*+?()[]{}|/"
# A 落款 written on one line: the issuing organ, a run of spaces, the date (the date is checked by 落款日期).
SIGNED_LINE = re.compile(r"^([^。，；：！？ \u3000]{2,40})[ \u3000]{2,}([^ \u3000][^\n]*)$")
# What a signature line (the organ above the date) and a note under the date may not hold.
SIGNATURE_BAD = re.compile(r"[。，；：！？,;:!?]")
NOTE = re.compile(r"^[（(][^（）()]{1,40}[）)]$")
SIGNATURE_MAX = 40  # characters of an organ's name in a 落款
RECIPIENT_MAX = 80  # characters of a 主送 line
RECIPIENT_BAD = re.compile(r"[。；;！!？?]")  # a line with these is a sentence, not a 主送


def regex_escape(text: str) -> str:
    """Escape the syntax characters only (engine.js escapes the same set), so both engines build one pattern."""
    return "".join("\\" + c if c in REGEX_SYNTAX else c for c in text)


class Document:
    """The lines of a draft with what several checks need: its parts (标题, 正文, 附件说明, 落款 …), its 文种,
    whether it is a Party document, and each line's heading number."""

    def __init__(self, lines: list[str], ruleset):
        self.lines = lines
        self.ruleset = ruleset
        self.text = "\n".join(lines)  # what the rules' patterns search, once (engine.py pattern_findings)
        self.starts = [0] * len(lines)  # where each line starts in it
        for i in range(1, len(lines)):
            self.starts[i] = self.starts[i - 1] + len(lines[i - 1]) + 1
        self.nonempty = [i for i, line in enumerate(lines) if line.strip(" \t\u3000")]
        # following[i]: the first non-empty line after line i (None at the end); made once, looked up in O(1)
        self.following: list[int | None] = [None] * len(lines)
        after = None
        for i in range(len(lines) - 1, -1, -1):
            self.following[i] = after
            if lines[i].strip(" \t\u3000"):
                after = i
        shape = ruleset.shape
        self.title_line = self.title(list(shape.kinds))
        self.kind = self._kind(shape)
        self.parts = self._parts(shape)
        self.party = self._party(shape)
        self._numbering = [
            (n, re.compile(n.pattern), re.compile(n.continued) if n.continued else None) for n in ruleset.numbering
        ]
        self.numbered = [
            self._number(line) if self.parts[i] in NUMBERED_PARTS else None for i, line in enumerate(lines)
        ]
        # restart[i]: line i begins an attachment, whose numbers start afresh
        self.restart = [
            self.parts[i] == "附件" and (i == 0 or self.parts[i - 1] != "附件" or self._page(i))
            for i in range(len(lines))
        ]
        self._resolve_continued()

    # ---------------------------------------------------------------- parts

    def _page(self, i: int) -> bool:
        return self._matches("附件页", self.stripped(i)[0])

    def _matches(self, key: str, text: str) -> bool:
        compiled = self.ruleset.compiled
        name = f"(shape){key}"
        if name not in compiled:
            shape = self.ruleset.shape
            pattern = {
                "附件说明": shape.attachment_note,
                "附件页": shape.attachment_page,
                "版记": shape.record,
                "落款日期": shape.date,
            }[key]
            compiled[name] = re.compile(pattern)
        return compiled[name].search(text) is not None

    def _kind(self, shape) -> str | None:
        """The 文种 of a 公文 whose title is “（机关）关于……的<文种>”; None for any other draft."""
        if self.title_line is None:
            return None
        text = TITLE_NOTE.sub("", self.stripped(self.title_line)[0])
        at = text.find("关于")
        if at < 0:
            return None
        for kind in shape.kinds:
            if text.endswith("的" + kind) and len(text) - len(kind) - 1 > at + 2:
                return kind
        return None

    def _parts(self, shape) -> list[str]:
        n = len(self.lines)
        parts = ["正文"] * n
        if self.title_line is not None:
            for i in self.nonempty:
                if i >= self.title_line:
                    break
                parts[i] = "版头"
            parts[self.title_line] = "标题"
            below = self.following[self.title_line]
            if below is not None:
                text = self.stripped(below)[0]
                if len(text) <= RECIPIENT_MAX and text.endswith(("：", ":")) and not RECIPIENT_BAD.search(text):
                    parts[below] = "主送"
        start = self.title_line + 1 if self.title_line is not None else 0
        end = n  # the body and what closes it end where the attachments begin
        for i in self.nonempty:
            if i >= start and self._page(i):
                end = i
                for k in range(i, n):
                    parts[k] = "附件"
                break
        for i in self.nonempty:
            if start <= i < end and self._matches("版记", self.stripped(i)[0]):
                for k in range(i, end):
                    parts[k] = "版记"
                end = i
                break
        self._signature(parts, start, end)
        for i in self.nonempty:
            if start <= i < end and parts[i] == "正文" and self._matches("附件说明", self.stripped(i)[0]):
                parts[i] = "附件说明"
                self._attachment_list(parts, i, end)
                break
        return parts

    def _signature(self, parts: list[str], start: int, end: int) -> None:
        """落款: the date closing the body (notes in brackets under it), and up to two organ names above it."""
        body = [i for i in self.nonempty if start <= i < end]
        k = len(body) - 1
        notes = []
        while k >= 0 and len(notes) < 2 and NOTE.match(self.stripped(body[k])[0]):
            notes.append(body[k])
            k -= 1
        if k < 0:
            return
        text = self.stripped(body[k])[0]
        one_line = SIGNED_LINE.match(text)
        if self._matches("落款日期", text):
            parts[body[k]] = "落款"
            for above in body[max(0, k - 2) : k][::-1]:
                name = self.stripped(above)[0]
                if len(name) > SIGNATURE_MAX or SIGNATURE_BAD.search(name) or parts[above] != "正文":
                    break
                parts[above] = "落款"
        elif one_line and self._matches("落款日期", one_line.group(2)):
            parts[body[k]] = "落款"
        else:
            return
        for i in notes:
            parts[i] = "落款"

    def _attachment_list(self, parts: list[str], first: int, end: int) -> None:
        """The lines after “附件：1.…” that go on numbering the attachments: 2.… 3.…"""
        expected = 2
        for i in self.nonempty:
            if i <= first or i >= end or parts[i] != "正文":
                continue
            text = self.stripped(i)[0]
            m = ATTACHMENT_ITEM.match(text)
            if m is None or int(m.group(1)) != expected:
                break
            parts[i] = "附件说明"
            expected += 1

    def _party(self, shape) -> bool:
        """A Party document: a marker in its first five non-empty lines or its 落款."""
        where = self.nonempty[:5] + [i for i in self.nonempty[5:] if self.parts[i] == "落款"]
        return any(marker in self.lines[i] for i in where for marker in shape.party)

    # ---------------------------------------------------------------- numbers

    def _number(self, line: str) -> Numbered | None:
        offset = INDENT.match(line).end()
        rest = line[offset:]
        for index, (style, regex, continued) in enumerate(self._numbering):
            m = regex.search(rest)
            ambiguous = False
            if m is None and continued is not None:
                m = continued.search(rest)
                ambiguous = True
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
            return Numbered(index, style.level, value, offset + m.start(1), offset + m.end(1), ambiguous)
        return None

    def _resolve_continued(self) -> None:
        """A number read by a 接续时 form stays a number only where it goes on from the one before it in its list,
        or starts a list whose next number is 2; otherwise the line is text (“1.5亿元资金已拨付”)."""
        following: list[Numbered | None] = [None] * len(self.lines)
        after = None
        for i in range(len(self.lines) - 1, -1, -1):
            following[i] = after
            if self.numbered[i] is not None:
                after = self.numbered[i]
        last: dict[int, int] = {}
        for i, numbered in enumerate(self.numbered):
            if self.restart[i]:
                last = {}
            if numbered is None:
                continue
            for index in list(last):
                if self.ruleset.numbering[index].level > numbered.level:
                    del last[index]
            if numbered.continued:
                previous = last.get(numbered.index)
                nxt = following[i]
                if previous is not None:
                    keep = previous == numbered.value - 1
                else:
                    keep = numbered.value == 1 and nxt is not None and nxt.index == numbered.index and nxt.value == 2
                if not keep:
                    self.numbered[i] = None
                    continue
            last[numbered.index] = numbered.value

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
        if doc.restart[i]:
            last = {}
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
            last[numbered.index] = numbered.value  # the next one goes on from this, so a skip is reported once
        else:
            last[numbered.index] = numbered.value


def skipped_level(doc: Document, rule) -> Iterator[Hit]:
    """A level skipped under its parent, where the draft uses that level elsewhere: a draft that only ever writes
    “一、” and “1.” has chosen two levels (many units do), one that writes “（一）” too has skipped it here."""
    used = {n.level for n in doc.numbered if n is not None}
    open_levels: list[int] = []
    for i, numbered in enumerate(doc.numbered):
        if doc.restart[i]:
            open_levels = []
        if numbered is None:
            continue
        while open_levels and open_levels[-1] >= numbered.level:
            open_levels.pop()
        if open_levels and open_levels[-1] < numbered.level - 1 and open_levels[-1] + 1 in used:
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
        if doc.numbered[i] is not None and "。" not in text and len(text) <= params["标题最长"]:
            continue  # a numbered line without a full stop is a heading, unless it runs on like a paragraph
        if len(text) < params["最短"] or not any(c in text for c in params["句中标点"]):
            continue
        if text[-1] not in params["段末可用"]:
            end = offset + len(text)
            yield _hit(i, end - 1, end, "段落末尾没有句末标点：漏了句号，或者这段话没有写完。")


def paired_marks(doc: Document, rule) -> Iterator[Hit]:
    pairs = [(spec[0], spec[1], spec[2:]) for spec in rule.params["成对"]]
    key = f"(marks){rule.id}"
    if key not in doc.ruleset.compiled:  # one pattern for every mark: a line is walked mark by mark, not char by char
        doc.ruleset.compiled[key] = re.compile(
            "[" + "".join(regex_escape(left + right) for left, right, _ in pairs) + "]"
        )
    marks = doc.ruleset.compiled[key]
    for i in doc.nonempty:
        line = doc.lines[i]
        found = [(m.start(), m.group()) for m in marks.finditer(line)]
        if not found:
            continue
        following = doc.next_nonempty(i)
        for left, right, name in pairs:
            opened: list[int] = []
            for pos, char in found:
                if char == left:
                    opened.append(pos)
                elif char == right:
                    if opened:
                        opened.pop()
                    else:
                        yield _hit(
                            i, pos, pos + 1, f"{name}没有配对：这里的后一半（{right}）前面没有对应的前一半（{left}）。"
                        )
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


def mixed_in_paragraph(doc: Document, rule) -> Iterator[Hit]:
    """Two ways of writing one kind of number in one paragraph (GB/T 15835—2011 4.3: 同类别同形式): where a line has
    both 甲 and 乙, every 乙 is reported, with the first 甲 as the other way."""
    compiled = doc.ruleset.compiled
    key = f"(mixed){rule.id}"
    if key not in compiled:
        compiled[key] = (re.compile(rule.params["甲"]), re.compile(rule.params["乙"]))
    first, second = compiled[key]
    for i in doc.nonempty:
        line = doc.lines[i]
        one = first.search(line)
        if one is None:
            continue
        for m in second.finditer(line):
            if m.end() > m.start():
                message = f"这一段里既有“{one.group()}”，又有“{m.group()}”：同一类的数字用同一种写法。"
                yield _hit(i, m.start(), m.end(), message)


WEEKDAYS = "一二三四五六日"


def weekday_check(doc: Document, rule) -> Iterator[Hit]:
    """A date with its weekday: 2026年2月3日（星期五） is a Tuesday. Dates that cannot exist are left to their rule."""
    for i in doc.nonempty:
        for m in WEEKDAY.finditer(doc.lines[i]):
            year, month, day = int(m.group(1)), int(m.group(2)), int(m.group(3))
            if not valid_date(year, month, day):
                continue
            right = WEEKDAYS[day_of_week(year, month, day)]
            written = m.group(5)
            if written == right or (written == "天" and right == "日"):
                continue
            start = m.start(4)
            message = f"{year}年{month}月{day}日是{m.group(4)}{right}，不是{m.group(4)}{written}。"
            yield _hit(i, start, m.end(5), message, m.group(4) + right)


def valid_date(year: int, month: int, day: int) -> bool:
    if not 1 <= month <= 12 or day < 1:
        return False
    leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
    days = (31, 29 if leap else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)[month - 1]
    return day <= days


def day_of_week(year: int, month: int, day: int) -> int:
    """0 for Monday … 6 for Sunday (Sakamoto's method; engine.js computes the same, no calendar library)."""
    offsets = (0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4)
    y = year - 1 if month < 3 else year
    sunday_first = (y + y // 4 - y // 100 + y // 400 + offsets[month - 1] + day) % 7  # 0 = Sunday
    return (sunday_first + 6) % 7


def closing_formula(doc: Document, rule) -> Iterator[Hit]:
    """A closing formula of another 文种: “特此报告” in a 通知, “特此通知” in a 批复."""
    if doc.kind is None:
        return
    closings = {}
    for item in rule.params["结束语"]:
        phrase, _, kinds = item.partition("：")
        closings[phrase] = kinds.split("、")
    for i in doc.nonempty:
        if doc.parts[i] != "正文":
            continue
        text, offset = doc.stripped(i)
        core = text.rstrip("。！")
        kinds = closings.get(core)
        if kinds is not None and doc.kind not in kinds:
            message = f"“{core}”是{'、'.join(kinds)}的结束语，这份{doc.kind}不用它。"
            yield _hit(i, offset, offset + len(core), message)


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


FOLD_TABLE = str.maketrans(PUNCT_FOLD)


def fold_punctuation(text: str) -> str:
    """Half-width punctuation as full-width, one character for one, so phrase positions stay the same."""
    return text.translate(FOLD_TABLE)


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
    """A phrase of the bank's rhetorical categories used 次数 times within 相隔最多 characters: reported once, where
    it happens first, with the phrase's own 近义 as alternatives (a fixed 提法 such as 高质量发展 is in no checked
    category)."""
    params = rule.params
    times, span, categories = params["次数"], params["相隔最多"], params["只查类别"]
    uses: dict[str, list[int]] = {}  # folded phrase -> offsets in the draft of its recent uses
    places: dict[str, tuple[int, int, int, object, int]] = {}
    offset = 0
    for i, line in enumerate(doc.lines):
        for start, end, phrase in phrases_in(line, doc.ruleset):
            if phrase.category not in categories:
                continue
            key = fold_punctuation(phrase.text)
            if key in places:
                continue
            recent = [at for at in uses.get(key, []) if offset + start - at <= span][-(times - 1) :]
            recent.append(offset + start)
            uses[key] = recent
            if len(recent) >= times:
                places[key] = (i, start, end, phrase, len(recent))
        offset += len(line) + 1
    for i, start, end, phrase, count in places.values():
        alternatives = list(dict.fromkeys(fold_punctuation(t) for t in phrase.synonyms))[: params["备选最多"]]
        used = doc.lines[i][start:end]
        others = f"可以换个说法：{'、'.join(alternatives)}。" if alternatives else "换个说法。"
        yield _hit(i, start, end, f"“{used}”在{span}字以内用了{count}次，{others}")


def word_list(doc: Document, rule) -> Iterator[Hit]:
    if "(words)" not in doc.ruleset.compiled:  # made once per rule set: 350 words sorted and joined
        by_text = {w.wrong: w for w in doc.ruleset.words}
        ordered = sorted(by_text, key=lambda t: -len(t))
        doc.ruleset.compiled["(words)"] = (by_text, re.compile("|".join(regex_escape(t) for t in ordered)))
    by_text, regex = doc.ruleset.compiled["(words)"]
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
    "同段混用": mixed_in_paragraph,
    "星期核对": weekday_check,
    "结束语": closing_formula,
    "书名简称": bare_title,
    "表述重复": phrase_repeat,
    "词表": word_list,
}
