"""YAML loading that remembers line numbers, so errors can name the line to fix.

Only the plain parts of YAML are accepted, because a writer's file is data and nothing else:
- every scalar is read as the text written (`06` stays "06", `9:30` stays "9:30", `yes` stays "yes"); the
  typed getters below turn a text into an integer where a key wants one. Only an empty value, `~` and `null`
  mean "nothing".
- anchors and aliases (`&a`, `*a`) are refused: a few nested aliases in a small file expand into gigabytes;
- explicit tags (`!!int`, `!!binary`, `!x`) are refused: they are how YAML turns text into other things;
- keys are single words, not lists or mappings; control characters in a value are refused, as in files.
Line numbers count "\\n" only, like every other loader (PyYAML also counts U+2028 and U+0085 as line ends).
"""

from __future__ import annotations

import bisect
import re
from pathlib import Path

import yaml
from yaml.composer import Composer
from yaml.constructor import SafeConstructor
from yaml.resolver import BaseResolver

try:  # libyaml's scanner and parser (PyYAML's wheels have it): the events ten times as fast as in Python
    from yaml._yaml import CParser as _Events
except ImportError:  # pragma: no cover - a PyYAML built without libyaml
    from yaml.parser import Parser
    from yaml.reader import Reader
    from yaml.scanner import Scanner

    class _Events(Reader, Scanner, Parser):
        def __init__(self, text: str):
            Reader.__init__(self, text)
            Scanner.__init__(self)
            Parser.__init__(self)


from macros.sources.errors import SourceError
from macros.sources.text_files import check_controls, read_source

# Line and paragraph separators: text in a .txt source, but line ends to YAML, which then misreads the rest.
_SEPARATOR = re.compile("[\u2028\u2029]")
MAX_DEPTH = 40  # our files nest four levels at most; deeper is a mistake (and deep enough to exhaust the stack)


class LocatedDict(dict):
    """A mapping from YAML that knows its own line and the line of each key (1-based)."""

    line: int = 0
    key_lines: dict

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)


class _Resolver(BaseResolver):
    """Plain scalars are text; only an empty value, ~ and null are None (YAML 1.1 has ints, floats, booleans,
    sexagesimal times, octals and dates here, and turns 9:30 into 570)."""


_Resolver.add_implicit_resolver("tag:yaml.org,2002:null", re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""])


class _Loader(Composer, _Events, SafeConstructor, _Resolver):
    """Events from the parser; nodes composed here (in Python, to refuse anchors, aliases, tags and deep nesting as
    they come); values constructed as text."""

    def __init__(self, text: str, path: str, first_line: int, escaped_controls: bool = False):
        _Events.__init__(self, text)
        Composer.__init__(self)
        SafeConstructor.__init__(self)
        _Resolver.__init__(self)
        self.path = path
        self.first_line = first_line
        self.depth = 0
        self.escaped_controls = escaped_controls
        self.line_starts = [i for i, c in enumerate(text) if c == "\n"]

    def line_at(self, mark) -> int:
        """The 1-based line of a mark in the file, counting "\\n" only."""
        return bisect.bisect_left(self.line_starts, mark.index) + self.first_line

    def refuse(self, mark, problem: str, fix: str) -> SourceError:
        return SourceError(self.path, self.line_at(mark), problem, fix)

    def compose_node(self, parent, index):
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent):
            raise self.refuse(
                event.start_mark,
                f"用了 YAML 别名“*{event.anchor}”。",
                "把要重复的内容直接再写一遍；范文库的数据文件不用锚点（&）和别名（*）。",
            )
        if event.anchor is not None:
            raise self.refuse(
                event.start_mark,
                f"用了 YAML 锚点“&{event.anchor}”。",
                "删掉“&名字”；要重复的内容直接再写一遍，不用别名（*）。",
            )
        tag = getattr(event, "tag", None)
        if tag is not None:
            raise self.refuse(
                event.start_mark,
                f"用了 YAML 标签“{tag}”。",
                "删掉以“!”开头的标签，直接写值；要写以“!”开头的文字，给它加上引号。",
            )
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise self.refuse(event.start_mark, f"嵌套超过 {MAX_DEPTH} 层。", "检查缩进和方括号、花括号是否成对。")
        try:
            node = super().compose_node(parent, index)
        finally:
            self.depth -= 1
        if isinstance(node, yaml.ScalarNode) and not self.escaped_controls:
            check_controls(node.value, self.path, self.line_at(node.start_mark))
        return node

    def construct_mapping(self, node, deep=False):
        data = LocatedDict()
        data.line = self.line_at(node.start_mark)
        data.key_lines = {}
        for key_node, value_node in node.value:
            line = self.line_at(key_node.start_mark)
            if not isinstance(key_node, yaml.ScalarNode):
                raise SourceError(
                    self.path, line, "键应是一个词，这里是列表或映射。", "写成“键: 值”，键不加方括号或花括号。"
                )
            key = self.construct_object(key_node, deep=True)
            if key is None or not key.strip():
                raise SourceError(self.path, line, "有一个空的键。", "在冒号前写上键名，或删掉这一行。")
            if key in data:
                raise SourceError(self.path, line, f"键“{key}”重复出现。", "删掉其中一个，或改成另一个键名。")
            data[key] = self.construct_object(value_node, deep=True)
            data.key_lines[key] = line
        return data


_Loader.add_constructor(BaseResolver.DEFAULT_MAPPING_TAG, _Loader.construct_mapping)


def parse_yaml(text: str, path: Path | str, first_line: int = 1, *, escaped_controls: bool = False):
    """Parse YAML text; line numbers are shifted by first_line - 1 (for front matter inside a file).

    A control character in the text is an error; one written as an escape in quotes ("\\x0b") too, unless
    escaped_controls (the Word CLI's value files: it drops what XML cannot hold, like the browser form).
    """
    check_controls(text, path, first_line)
    separator = _SEPARATOR.search(text)
    if separator:
        raise SourceError(
            path,
            text.count("\n", 0, separator.start()) + first_line,
            f"有一个看不见的分隔符 U+{ord(separator.group()):04X}，YAML 会把它当成换行，读错后面的内容。",
            "删掉它（多半是从网页或 Word 复制带进来的）；值要分行时，在这一行真的换行。",
        )
    loader = _Loader(text, str(path), first_line, escaped_controls)
    try:
        return loader.get_single_data()
    except SourceError:
        raise
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        line = loader.line_at(mark) if mark else None
        problem = getattr(exc, "problem", None) or str(exc)
        raise SourceError(
            path, line, f"YAML 格式错误：{problem}。", "检查缩进（用空格，不用 Tab）、冒号后的空格和引号是否成对。"
        ) from None
    finally:
        loader.dispose()


def load_yaml_file(path: Path):
    return parse_yaml(read_source(path), path)


# ---------------------------------------------------------------- typed values
# Every key of every data file is read through one of these, so a wrong type is a message, never a traceback.

MAX_LINE_CHARS = 200  # a one-line value: titles, names, labels (Word allows 255 characters in a document title)
MAX_TEXT_CHARS = 5000  # a paragraph: summaries, notes, explanations


def shape_of(value) -> str:
    """What a YAML value is, in a writer's words (for messages)."""
    shapes = {list: "列表（方括号或“- ”开头的几行）", LocatedDict: "映射（缩进的“键: 值”）", str: "一段文字"}
    return shapes.get(type(value), "空的")


def text_value(
    data: LocatedDict, key: str, path: Path | str, *, required: bool = True, one_line: bool = False
) -> str | None:
    """A key's text, stripped; None when an optional key is absent or empty."""
    value = data.get(key)
    if isinstance(value, str):
        value = value.strip()
    if value is None or value == "":
        if required:
            raise SourceError(path, data.line_of(key), f"“{key}”不能为空。", f"在“{key}:”后面写上内容。")
        return None
    if not isinstance(value, str):
        raise SourceError(
            path,
            data.line_of(key),
            f"“{key}”应是一段文字，这里写成了{shape_of(value)}。",
            f"写成“{key}: 文字”；文字里有方括号或逗号时，整段加上引号。",
        )
    limit = MAX_LINE_CHARS if one_line else MAX_TEXT_CHARS
    if one_line and "\n" in value:
        raise SourceError(path, data.line_of(key), f"“{key}”应是一行文字，这里有换行。", "把它写在一行里。")
    if len(value) > limit:
        raise SourceError(
            path, data.line_of(key), f"“{key}”有 {len(value)} 个字，超过了 {limit} 字的上限。", "把它缩短。"
        )
    return value


def int_value(data: LocatedDict, key: str, path: Path | str) -> int:
    """A whole number written in decimal digits (`顺序: 3`); true, 1.5, 0x10 or 一 are errors."""
    value = data.get(key)
    if not isinstance(value, str) or not re.fullmatch(r"[0-9]{1,9}", value.strip()):
        raise SourceError(
            path, data.line_of(key), f"“{key}”应是整数。", f"写成“{key}: 3”这样的数字（0 到 999999999）。"
        )
    return int(value)


def text_list(data: LocatedDict, key: str, path: Path | str, *, single: bool = False) -> list[str]:
    """One text or a list of texts (`行业: [农业, 招商引资]`); with single=True, exactly one text."""
    value = data.get(key)
    values = value if isinstance(value, list) else [value]
    if single and isinstance(value, list):
        raise SourceError(path, data.line_of(key), f"“{key}”只能有一个值。", "写成单个值，不要用方括号列表。")
    if not values:
        raise SourceError(path, data.line_of(key), f"“{key}”不能为空。", "至少写一个值。")
    texts = []
    for item in values:
        if not isinstance(item, str) or not item.strip():
            raise SourceError(
                path,
                data.line_of(key),
                f"“{key}”的每一项应是一段文字，这里有一项是{shape_of(item)}。",
                f"写成“{key}: [甲, 乙]”，每项是一个词。",
            )
        if len(item.strip()) > MAX_LINE_CHARS or "\n" in item.strip():
            raise SourceError(
                path, data.line_of(key), f"“{key}”有一项太长或有换行。", f"每项是一行文字，不超过 {MAX_LINE_CHARS} 字。"
            )
        texts.append(item.strip())
    return texts
