"""A rule's fix applied: the parsed replacement template (macros/sources/fix_templates.py) joined for a match, and
the conversions its transforms and the numbering checks use (the browser's engine.js does the same).
"""

from __future__ import annotations

import re

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


def to_chinese(text: str) -> str:
    """20 -> 二十 (1..99, as Party congresses and plenums are numbered); other text as it is."""
    return int_to_chinese(int(text)) if text.isascii() and text.isdigit() and 0 < int(text) < 100 else text


YEAR_ZEROS = "0OoＯ０零○"  # what stands for 〇 in a year written in Chinese numerals (GB/T 15835—2011 5.2.5)


def to_year_zero(text: str) -> str:
    """二0二六, 二零二六 -> 二〇二六."""
    return "".join("〇" if c in YEAR_ZEROS else c for c in text)


def to_halfwidth(text: str) -> str:
    """Full-width ASCII forms (ＡＢ１２，) as their ASCII characters; the ideographic space as a space."""
    return "".join(chr(ord(c) - 0xFEE0) if 0xFF01 <= ord(c) <= 0xFF5E else " " if c == "\u3000" else c for c in text)


def to_fullwidth(text: str) -> str:
    """ASCII marks and letters (,;:?!) as their full-width forms; the space as the ideographic space."""
    return "".join(chr(ord(c) + 0xFEE0) if 0x21 <= ord(c) <= 0x7E else "\u3000" if c == " " else c for c in text)


# What each transform a template may name (macros/sources/fix_templates.py TRANSFORMS) does; a test checks both
# list the same names.
APPLY = {
    "阿拉伯数字": to_arabic,
    "汉字数字": to_chinese,
    "年份〇": to_year_zero,
    "半角": to_halfwidth,
    "全角": to_fullwidth,
}


def render(parts: list, match: re.Match) -> str:
    out = []
    for part in parts:
        if isinstance(part, str):
            out.append(part)
        else:
            value = match.group(part[0]) or ""
            out.append(APPLY[part[1]](value) if part[1] else value)
    return "".join(out)
