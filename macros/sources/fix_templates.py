"""The replacement templates of rules.yml (`改为`): checked and parsed as the rules load, kept as parts.

A template is text with group references: `$0` (the whole match), `$1` … `$9`, `${1}`, or `${1:变换}` where
变换 is one of TRANSFORMS; `$$` is a dollar sign. A group that took part in no match gives "". The parts are
published as they are, so both engines only join them: macros/checker/fixes.py (`render`, which also does the
transforms) and the browser's engine.js.
"""

from __future__ import annotations

import re

from macros.sources.errors import LocatedError

TRANSFORMS = ("阿拉伯数字", "汉字数字", "年份〇", "半角", "全角")  # what each does: macros/checker/fixes.py
_REFERENCE = re.compile(r"\$(?:\$|(\d)|\{(\d)(?::([^{}]*))?\})")


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
