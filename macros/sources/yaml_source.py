"""YAML loading that remembers line numbers, so errors can name the line to fix."""

from __future__ import annotations

from pathlib import Path

import yaml

from macros.sources.errors import SourceError


class LocatedDict(dict):
    """A mapping from YAML that knows its own line and the line of each key (1-based)."""

    line: int = 0
    key_lines: dict
    raw: dict  # key -> a scalar value's text exactly as written (YAML reads `06` as 6, `1.50` as 1.5)

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)

    def text_of(self, key: str) -> str | None:
        """A scalar value as the writer typed it, or None when the key is absent or not a scalar."""
        return self.raw.get(key)


class _Loader(yaml.SafeLoader):
    path = "?"


def _construct_mapping(loader: _Loader, node: yaml.MappingNode) -> LocatedDict:
    loader.flatten_mapping(node)
    data = LocatedDict()
    data.line = node.start_mark.line + 1
    data.key_lines = {}
    data.raw = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if key in data:
            raise SourceError(
                loader.path, key_node.start_mark.line + 1, f"键“{key}”重复出现。", "删掉其中一个，或改成另一个键名。"
            )
        data[key] = loader.construct_object(value_node, deep=True)
        data.key_lines[key] = key_node.start_mark.line + 1
        if isinstance(value_node, yaml.ScalarNode) and data[key] is not None:
            data.raw[key] = value_node.value
    return data


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def parse_yaml(text: str, path: Path | str, first_line: int = 1):
    """Parse YAML text; line numbers are shifted by first_line - 1 (for front matter inside a file)."""
    loader = _Loader(text)
    loader.path = str(path)
    try:
        data = loader.get_single_data()
    except SourceError:
        raise
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + first_line if mark else None
        problem = getattr(exc, "problem", None) or str(exc)
        raise SourceError(
            path, line, f"YAML 格式错误：{problem}。", "检查缩进（用空格，不用 Tab）、冒号后的空格和引号是否成对。"
        ) from None
    finally:
        loader.dispose()
    if first_line != 1:
        _shift_lines(data, first_line - 1)
    return data


def _shift_lines(data, offset: int) -> None:
    if isinstance(data, LocatedDict):
        data.line += offset
        data.key_lines = {k: v + offset for k, v in data.key_lines.items()}
        for value in data.values():
            _shift_lines(value, offset)
    elif isinstance(data, list):
        for item in data:
            _shift_lines(item, offset)


def load_yaml_file(path: Path):
    return parse_yaml(path.read_text(encoding="utf-8"), path)
