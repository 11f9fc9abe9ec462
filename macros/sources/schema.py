"""The one shape in which every data file of templates_src/ declares its keys, and the one check against it.

A Key says a key's name, the kind of value it takes (KINDS), whether it must be written, and how to write it
(`what`: shown in messages, and in the README beside the files). A Schema is the keys of one kind of mapping
(a sample's metadata, a rule, a field …) with the name messages call it by and the README that documents it.
Schema.check refuses, naming the file, the line and the fix: something that is not a mapping, a required key
absent or empty, a key the schema does not know, a value of the wrong kind. What a value means (a slug's letters,
a name of the vocabulary, an anchor that exists) each loader checks after this, with the typed getters of
yaml_source.py.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from macros.sources.errors import SourceError
from macros.sources.yaml_source import LocatedDict, shape_of


def _text(key: str, value) -> tuple[str, str] | None:
    if isinstance(value, str):
        return None
    return (
        f"“{key}”应是一段文字，这里写成了{shape_of(value)}。",
        f"写成“{key}: 文字”；文字里有方括号或逗号时，整段加上引号。",
    )


def _line(key: str, value) -> tuple[str, str] | None:
    if isinstance(value, str) and "\n" in value.strip():
        return f"“{key}”应是一行文字，这里有换行。", "把它写在一行里。"
    return _text(key, value)


def _whole_number(key: str, value) -> tuple[str, str] | None:
    if isinstance(value, str) and re.fullmatch(r"[0-9]{1,9}", value.strip()):
        return None
    return f"“{key}”应是整数。", f"写成“{key}: 3”这样的数字（0 到 999999999）。"


def _one(key: str, value) -> tuple[str, str] | None:
    if isinstance(value, list):
        return f"“{key}”只能有一个值。", "写成单个值，不要用方括号列表。"
    return _text(key, value)


def _items(key: str, value, item_ok, item_what: str, fix: str) -> tuple[str, str] | None:
    if not isinstance(value, list):
        return f"“{key}”应是列表。", fix
    for item in value:
        if not item_ok(item):
            return f"“{key}”的每一项应是{item_what}，这里有一项是{shape_of(item)}。", fix
    return None


def _one_or_more(key: str, value) -> tuple[str, str] | None:
    if isinstance(value, str):
        return None
    if isinstance(value, list):
        return _items(
            key, value, lambda item: isinstance(item, str), "一段文字", f"写成“{key}: [甲, 乙]”，每项是一段文字。"
        )
    return _text(key, value)


def _texts(key: str, value) -> tuple[str, str] | None:
    return _items(
        key, value, lambda item: isinstance(item, str), "一段文字", f"写成“{key}: [甲, 乙]”，每项是一段文字。"
    )


def _list(key: str, value) -> tuple[str, str] | None:
    if isinstance(value, list):
        return None
    return f"“{key}”应是列表，这里写成了{shape_of(value)}。", f"在“{key}:”下面另起几行，每项以“- ”开头。"


def _mapping(key: str, value) -> tuple[str, str] | None:
    if isinstance(value, LocatedDict):
        return None
    return f"“{key}”应是“键: 值”的映射，这里写成了{shape_of(value)}。", f"在“{key}:”下面另起几行，缩进后写“键: 值”。"


def _mappings(key: str, value) -> tuple[str, str] | None:
    fix = "每一项另起一行，以“- 键: 值”开头，同一项的其他键与第一个键对齐。"
    return _items(key, value, lambda item: isinstance(item, LocatedDict), "“键: 值”的映射", fix)


# kind -> what is wrong with a value of a key of that kind, and how to fix it (None when nothing is).
KINDS: dict[str, Callable[[str, object], tuple[str, str] | None]] = {
    "文字": _text,  # a paragraph
    "一行文字": _line,  # a title, a name, a label
    "整数": _whole_number,  # written in decimal digits
    "一项": _one,  # one name, not a list
    "一项或几项": _one_or_more,  # `甲` or `[甲, 乙]`
    "文字列表": _texts,  # `[甲, 乙]`
    "列表": _list,  # `- ` items of any kind
    "映射": _mapping,  # indented `键: 值` lines
    "映射列表": _mappings,  # `- 键: 值` items
}


@dataclass(frozen=True)
class Key:
    """One key of a data schema: its name, its kind (KINDS), whether it must be written, and how (for writers)."""

    name: str
    kind: str
    required: bool
    what: str

    def __post_init__(self):
        if self.kind not in KINDS:
            raise ValueError(f"unknown kind {self.kind!r} for key {self.name!r}")


@dataclass(frozen=True)
class Schema:
    """The keys of one kind of mapping; `what` names it in messages (“规则”), `readme` is where it is documented."""

    what: str
    readme: str
    keys: tuple[Key, ...]

    @property
    def names(self) -> list[str]:
        return [key.name for key in self.keys]

    def __getitem__(self, name: str) -> Key:
        return next(key for key in self.keys if key.name == name)

    def check(self, item, path: Path | str, line: int) -> LocatedDict:
        """item, when it is a mapping of this schema; else a SourceError at its line (`line` if it has none)."""
        if not isinstance(item, LocatedDict):
            raise SourceError(path, line, f"{self.what}应是“键: 值”的映射。", f"参照 {self.readme} 重写。")
        for key in self.keys:
            if key.required and item.get(key.name) in (None, ""):
                raise SourceError(
                    path, item.line, f"{self.what}缺少必填项“{key.name}”。", f"加上一行“{key.name}: …”（{key.what}）。"
                )
        unknown = next((name for name in item if name not in self.names), None)
        if unknown is not None:
            known = f"可用的键：{'、'.join(self.names)}。" if self.keys else "这里没有可写的键，删掉它。"
            raise SourceError(path, item.line_of(unknown), f"{self.what}里不认识的键“{unknown}”。", known)
        for key in self.keys:
            value = item.get(key.name)
            wrong = None if value is None else KINDS[key.kind](key.name, value)
            if wrong:
                raise SourceError(path, item.line_of(key.name), wrong[0], wrong[1])
        return item
