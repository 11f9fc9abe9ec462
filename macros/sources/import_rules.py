"""The keywords the importer guesses a draft's metadata with (templates_src/import/rules.yml), loaded and checked.

Each section maps a name to its keywords (`名称: [关键词, …]`); templates_src/import/README.md says how the importer
(macros/importer/guess.py) uses each. A name outside vocab.yml is allowed: the importer then writes its guess as
待确认, for a maintainer to add the name to the vocabulary or change it.
"""

from __future__ import annotations

from pathlib import Path

from macros.sources.errors import SourceError
from macros.sources.yaml_source import Key, LocatedDict, check_keys, load_yaml_file, text_list

README = "templates_src/import/README.md"
SECTIONS = {
    "文种": Key(True, "名称: [关键词, …]，在标题里找"),
    "层级": Key(True, "名称: [关键词, …]，在全文里数机关的自称和称呼"),
    "行业": Key(True, "名称: [关键词, …]，在全文里数"),
}


def load_import_rules(path: Path) -> dict[str, dict[str, list[str]]]:
    """Section -> name -> its keywords."""
    data = load_yaml_file(path)
    check_keys(data, path, SECTIONS, 1, README)
    rules: dict[str, dict[str, list[str]]] = {}
    for section in SECTIONS:
        entries = data[section]
        if not isinstance(entries, LocatedDict):
            raise SourceError(
                path, data.line_of(section), f"“{section}”应是“名称: [关键词, …]”的映射。", f"参照 {README} 改正。"
            )
        rules[section] = {name: text_list(entries, name, path) for name in entries}
    return rules
