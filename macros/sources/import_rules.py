"""What the importer guesses a draft's metadata with (templates_src/import/), loaded and checked: the keywords of
rules.yml and the gazetteer places.txt.

Each keyword section maps a name to its keywords (`名称: [关键词, …]`); templates_src/import/README.md says how the
importer (macros/importer/guess.py) uses each. A name outside vocab.yml is allowed: the importer then writes its guess
as 待确认, for a maintainer to add the name to the vocabulary or change it. 国家机关 lists the bodies whose documents
are the state's own (层级 国家, 地区 全国). places.txt lists the names of China's administrative divisions by level,
so that a place is recognised by its name, not by a suffix (实施乡村振兴 holds no 实施乡).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from macros.sources.errors import SourceError
from macros.sources.schema import Key, Schema
from macros.sources.text_files import read_source
from macros.sources.yaml_source import load_yaml_file, text_list

KEYWORD_SECTIONS = ("文种", "层级", "行业")
SECTIONS = Schema(
    "导入规则",
    "templates_src/import/README.md",
    (
        Key("文种", "映射", True, "名称: [关键词, …]，在标题里找"),
        Key("层级", "映射", True, "名称: [关键词, …]，在全文里数机关的自称和称呼"),
        Key("行业", "映射", True, "名称: [关键词, …]，在全文里数"),
        Key("国家机关", "文字列表", True, "党中央、国务院这一级的发文机关：是发文机关时，层级是“国家”，地区是“全国”"),
    ),
)
# The levels of places.txt, as vocab.yml's 层级 names them (省 is not a 层级 of the vocabulary yet: guessed, pending).
PLACE_LEVELS = ("省", "市", "县", "乡镇", "街道")
_SECTION = re.compile(r"^\[(.+)\]$")


@dataclass(frozen=True)
class Gazetteer:
    """Place names -> the levels a place of that name has (朝阳区: 县; 城关镇: 乡镇)."""

    levels: dict[str, frozenset[str]]
    longest: int

    def __contains__(self, name: str) -> bool:
        return name in self.levels


@dataclass(frozen=True)
class ImportRules:
    keywords: dict[str, dict[str, list[str]]]  # 文种 / 层级 / 行业 -> name -> its keywords
    national: tuple[str, ...]  # 国家机关
    places: Gazetteer


def load_import_rules(folder: Path) -> ImportRules:
    """rules.yml and places.txt of templates_src/import/."""
    path = folder / "rules.yml"
    data = SECTIONS.check(load_yaml_file(path), path, 1)
    keywords = {
        section: {name: text_list(data[section], name, path) for name in data[section]} for section in KEYWORD_SECTIONS
    }
    return ImportRules(keywords, tuple(text_list(data, "国家机关", path)), load_places(folder / "places.txt"))


def load_places(path: Path) -> Gazetteer:
    levels: dict[str, set[str]] = {}
    level = None
    for number, line in enumerate(read_source(path).split("\n"), start=1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        section = _SECTION.match(line)
        if section:
            level = section.group(1)
            if level not in PLACE_LEVELS:
                raise SourceError(
                    path,
                    number,
                    f"不认识的层级“{level}”。",
                    f"层级只能是 {'、'.join(f'[{x}]' for x in PLACE_LEVELS)}。",
                )
            continue
        if level is None:
            raise SourceError(
                path, number, "地名写在了第一个 [层级] 之前。", "在前面加一行 [省]、[市]、[县]、[乡镇] 或 [街道]。"
            )
        for name in line.split():
            if len(name) < 2:
                raise SourceError(path, number, f"“{name}”不像地名（只有一个字）。", "写全称，如“城关镇”。")
            levels.setdefault(name, set()).add(level)
    if not levels:
        raise SourceError(path, None, "地名表是空的。", "用 scripts/make_places.py 重新生成。")
    return Gazetteer({name: frozenset(found) for name, found in levels.items()}, max(map(len, levels)))
