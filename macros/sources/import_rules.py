"""The keywords the importer guesses a draft's metadata with (templates_src/import/rules.yml), loaded and checked.

Each section maps a name to its keywords (`名称: [关键词, …]`); templates_src/import/README.md says how the importer
(macros/importer/guess.py) uses each. A name outside vocab.yml is allowed: the importer then writes its guess as
待确认, for a maintainer to add the name to the vocabulary or change it.
"""

from __future__ import annotations

from pathlib import Path

from macros.sources.schema import Key, Schema
from macros.sources.yaml_source import load_yaml_file, text_list

SECTIONS = Schema(
    "导入规则",
    "templates_src/import/README.md",
    (
        Key("文种", "映射", True, "名称: [关键词, …]，在标题里找"),
        Key("层级", "映射", True, "名称: [关键词, …]，在全文里数机关的自称和称呼"),
        Key("行业", "映射", True, "名称: [关键词, …]，在全文里数"),
    ),
)


def load_import_rules(path: Path) -> dict[str, dict[str, list[str]]]:
    """Section -> name -> its keywords."""
    data = SECTIONS.check(load_yaml_file(path), path, 1)
    return {
        section: {name: text_list(data[section], name, path) for name in data[section]} for section in SECTIONS.names
    }
