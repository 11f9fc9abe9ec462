"""The replacement templates of rules.yml (`改为`) and the number conversions both engines share.

A template is text with group references: `$0` (the whole match), `$1` … `$9`, `${1}`, or `${1:变换}` where
变换 names a conversion below; `$$` is a dollar sign. A group that took part in no match gives "". The
template is parsed once here and published as parts, so docs/assets/checker/engine.js only joins them.
"""

from __future__ import annotations

import re

from macros.sources.errors import LocatedError

CHINESE_DIGITS = {
    "〇": 0,
    "○": 0,
    "零": 0,
    "一": 1,
    "二": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_REFERENCE = re.compile(r"\$(?:\$|(\d)|\{(\d)(?::([^{}]*))?\})")


def chinese_to_int(text: str) -> int | None:
    """二〇二一 -> 2021 (digit by digit), 十二 -> 12, 二十 -> 20, 三十一 -> 31; None when it is not a numeral."""
    if not text or any(c not in CHINESE_DIGITS and c != "十" for c in text):
        return None
    if "十" not in text:
        return int("".join(str(CHINESE_DIGITS[c]) for c in text))
    left, _, right = text.partition("十")
    if len(left) > 1 or len(right) > 1 or "十" in right:
        return None
    tens = CHINESE_DIGITS[left] if left else 1
    return tens * 10 + (CHINESE_DIGITS[right] if right else 0)


def int_to_chinese(n: int) -> str:
    """1..99 as a Chinese numeral: 三, 十, 十二, 二十, 二十一."""
    names = "〇一二三四五六七八九"
    if n < 10:
        return names[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else names[tens]) + "十" + (names[ones] if ones else "")


def to_arabic(text: str) -> str:
    value = chinese_to_int(text)
    return text if value is None else str(value)


def to_halfwidth(text: str) -> str:
    """Full-width ASCII forms (ＡＢ１２，) as their ASCII characters; the ideographic space as a space."""
    return "".join(chr(ord(c) - 0xFEE0) if 0xFF01 <= ord(c) <= 0xFF5E else " " if c == "\u3000" else c for c in text)


def to_fullwidth(text: str) -> str:
    """ASCII marks and letters (,;:?!) as their full-width forms; the space as the ideographic space."""
    return "".join(chr(ord(c) + 0xFEE0) if 0x21 <= ord(c) <= 0x7E else "\u3000" if c == " " else c for c in text)


TRANSFORMS = {"阿拉伯数字": to_arabic, "半角": to_halfwidth, "全角": to_fullwidth}


class TemplateError(LocatedError):
    """A replacement template that cannot be parsed; the rule loader places it in rules.yml (a SourceError)."""

    def __init__(self, problem: str, fix: str):
        super().__init__(None, None, problem, fix)


def parse_template(template: str, groups: int) -> list:
    """Parts of a replacement: str for text, [group, transform or ""] for a reference."""
    parts: list = []
    text: list[str] = []
    pos = 0

    def literal(chunk: str) -> str:
        if "$" in chunk:
            raise TemplateError("“$”后面应是组号", "写成 $1、${1} 或 ${1:变换}；要写美元符号本身，写成 $$")
        return chunk

    for m in _REFERENCE.finditer(template):
        text.append(literal(template[pos : m.start()]))
        pos = m.end()
        if m.group(0) == "$$":
            text.append("$")
            continue
        group = int(m.group(1) or m.group(2))
        transform = m.group(3) or ""
        if group > groups:
            raise TemplateError(
                f"“{m.group(0)}”引用第 {group} 组，模式里只有 {groups} 组", "改成模式里有的组号，或在模式里加上分组"
            )
        if transform and transform not in TRANSFORMS:
            raise TemplateError(f"不认识的变换“{transform}”", f"改成其中之一：{'、'.join(TRANSFORMS)}")
        if "".join(text):
            parts.append("".join(text))
        text = []
        parts.append([group, transform])
    text.append(literal(template[pos:]))
    if "".join(text):
        parts.append("".join(text))
    return parts


def render(parts: list, match: re.Match) -> str:
    out = []
    for part in parts:
        if isinstance(part, str):
            out.append(part)
        else:
            value = match.group(part[0]) or ""
            out.append(TRANSFORMS[part[1]](value) if part[1] else value)
    return "".join(out)
