"""The prose of the guides (templates_src/guides/): one file per 文种 plus tongyong.yml, shared by all.

A 文种 file holds what only a writer can say (what the document is for, who reads it, how to frame each part,
advice); tongyong.yml holds how to write each 功能 and 技法 (a word without a line there falls back on its one-line
description in vocab.yml), the frame of a 文种 that has no file yet, and the word lists that sort the 数据问题 notes
into common mistakes. Every key is checked; a mistake names file and line.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from macros.sources.catalog import Term, names, require_term
from macros.sources.errors import SourceError
from macros.sources.schema import Key, Schema
from macros.sources.yaml_source import LocatedDict, load_yaml_file, text_list, text_value

COMMON_FILE = "tongyong.yml"
ADVICE = (3, 6)  # how many 要点 a 文种 file has, at least and at most
README = "templates_src/guides/README.md"
_ADVICE_WHAT = f"{ADVICE[0]} 至 {ADVICE[1]} 条，每条有标题、内容"
KIND = Schema(
    "写作指南",
    README,
    (
        Key("文种", "一行文字", True, "与文件名的 slug 对应的文种名称"),
        Key("用途", "文字", True, "一段：这种材料干什么用"),
        Key("读者", "文字", True, "一段：谁看、看什么、怎么看"),
        Key("部分", "映射", False, "功能 → 某一部分在这个文种里怎么写"),
        Key("技法", "映射", False, "技法 → 它在这个文种里有什么讲究"),
        Key("要点", "映射列表", True, _ADVICE_WHAT),
    ),
)
COMMON = Schema(
    "通用文字",
    README,
    (
        Key("功能", "映射", False, "功能 → 这一部分怎么写"),
        Key("技法", "映射", False, "技法 → 怎么用"),
        Key("通用指南", "映射", True, "没有自己文件的文种用的读者、要点"),
        Key("常见毛病", "映射列表", True, "每类有名称、关键词、提醒"),
        Key("来源缺损", "映射", True, "算作来源缺损的关键词和说明"),
    ),
)
FRAME = Schema(
    "通用指南",
    README,
    (Key("读者", "文字", True, "一段：谁看、看什么"), Key("要点", "映射列表", True, _ADVICE_WHAT)),
)
ADVICE_ITEM = Schema(
    "要点", README, (Key("标题", "一行文字", True, "一句话的要点"), Key("内容", "文字", True, "展开说"))
)
MISTAKE = Schema(
    "常见毛病",
    README,
    (
        Key("名称", "一行文字", True, "这一类毛病叫什么"),
        Key("关键词", "文字列表", True, "数据问题的说明里出现其中一个就归入这一类"),
        Key("提醒", "文字", True, "一句提醒"),
    ),
)
GAPS = Schema(
    "来源缺损",
    README,
    (
        Key("关键词", "文字列表", True, "数据问题的说明里出现其中一个，算来源的缺损"),
        Key("说明", "文字", True, "指南里折叠列出时的一句说明"),
    ),
)


@dataclass(frozen=True)
class Advice:
    title: str
    text: str


@dataclass(frozen=True)
class KindProse:
    """What we say about one 文种; `generic` when it comes from tongyong.yml because the 文种 has no file."""

    kind: str
    purpose: str
    readers: str
    parts: dict[str, str]
    techniques: dict[str, str]
    advice: tuple[Advice, ...]
    path: Path
    generic: bool = False


@dataclass(frozen=True)
class MistakeKind:
    name: str
    keywords: tuple[str, ...]
    advice: str

    def matches(self, text: str) -> bool:
        return any(k in text for k in self.keywords)


@dataclass
class GuideProse:
    common_path: Path
    functions: dict[str, str]  # every 功能 of the vocabulary: how to write it (or its vocabulary description)
    techniques: dict[str, str]  # every 技法 likewise
    generic_readers: str
    generic_advice: tuple[Advice, ...]
    mistakes: tuple[MistakeKind, ...]
    gap_keywords: tuple[str, ...]
    gap_note: str
    kinds: dict[str, KindProse] = field(default_factory=dict)

    def for_kind(self, term: Term) -> KindProse:
        """The 文种's own prose, or the generic frame: its vocabulary description and the common advice."""
        own = self.kinds.get(term.name)
        if own is not None:
            return own
        return KindProse(
            term.name, term.description, self.generic_readers, {}, {}, self.generic_advice, self.common_path, True
        )

    def part_text(self, kind: KindProse, function: str) -> str:
        return kind.parts.get(function) or self.functions[function]

    def technique_text(self, kind: KindProse, technique: str) -> str:
        return kind.techniques.get(technique) or self.techniques[technique]


def _text(item: LocatedDict, key: str, path: Path) -> str:
    return text_value(item, key, path)


def _mapping(data: LocatedDict, key: str, path: Path, allowed: tuple[str, ...], what: str) -> dict[str, str]:
    """A “词: 一段话” mapping whose words come from `allowed` (the vocabulary's 功能 or 技法)."""
    value = data.get(key)
    if value is None:
        return {}
    for word in value:
        require_term(word, allowed, what, path, value.line_of(word), f"“{word}”不在{what}词表里。")
    return {str(w): _text(value, w, path) for w in value}


def _advice(data: LocatedDict, key: str, path: Path, count: tuple[int, int] | None) -> tuple[Advice, ...]:
    items = data[key]
    if count and not count[0] <= len(items) <= count[1]:
        raise SourceError(
            path,
            data.line_of(key),
            f"“{key}”有 {len(items)} 条。",
            f"写 {count[0]} 到 {count[1]} 条，每条有标题和内容。",
        )
    result = []
    for item in items:
        ADVICE_ITEM.check(item, path, data.line_of(key))
        result.append(Advice(_text(item, "标题", path), _text(item, "内容", path)))
    return tuple(result)


def _words(item: LocatedDict, key: str, path: Path) -> tuple[str, ...]:
    if not item[key]:
        raise SourceError(path, item.line_of(key), f"“{key}”应是非空的词语列表。", f"写成“{key}: [词一, 词二]”。")
    return tuple(text_list(item, key, path))


def _described(own: dict[str, str], terms: list[Term]) -> dict[str, str]:
    """Every word of the vocabulary list: our line on how to write it, else its vocabulary description."""
    return {t.name: own.get(t.name) or t.description for t in terms}


def load_common(path: Path, vocab: dict[str, list[Term]]) -> GuideProse:
    if not path.is_file():
        raise SourceError(
            path, None, "找不到写作指南的通用文字。", f"在 templates_src/guides/ 里建 {COMMON_FILE}，参照 README.md。"
        )
    data = COMMON.check(load_yaml_file(path), path, 1)
    frame = FRAME.check(data["通用指南"], path, data.line_of("通用指南"))
    mistakes = []
    for item in data["常见毛病"]:
        MISTAKE.check(item, path, data.line_of("常见毛病"))
        mistakes.append(MistakeKind(_text(item, "名称", path), _words(item, "关键词", path), _text(item, "提醒", path)))
    gaps = GAPS.check(data["来源缺损"], path, data.line_of("来源缺损"))
    return GuideProse(
        common_path=path,
        functions=_described(_mapping(data, "功能", path, names(vocab, "功能"), "功能"), vocab["功能"]),
        techniques=_described(_mapping(data, "技法", path, names(vocab, "技法"), "技法"), vocab["技法"]),
        generic_readers=_text(frame, "读者", path),
        generic_advice=_advice(frame, "要点", path, ADVICE),
        mistakes=tuple(mistakes),
        gap_keywords=_words(gaps, "关键词", path),
        gap_note=_text(gaps, "说明", path),
    )


def load_kind(path: Path, term: Term, vocab: dict[str, list[Term]]) -> KindProse:
    data = KIND.check(load_yaml_file(path), path, 1)
    kind = text_value(data, "文种", path, one_line=True)
    if kind != term.name:
        raise SourceError(
            path,
            data.line_of("文种"),
            f"文件名 {path.name} 对应的文种是“{term.name}”，文件里写的是“{kind}”。",
            f"把“文种”改成“{term.name}”，或把文件改名为那个文种的 slug（见 vocab.yml）。",
        )
    return KindProse(
        kind=term.name,
        purpose=_text(data, "用途", path),
        readers=_text(data, "读者", path),
        parts=_mapping(data, "部分", path, names(vocab, "功能"), "功能"),
        techniques=_mapping(data, "技法", path, names(vocab, "技法"), "技法"),
        advice=_advice(data, "要点", path, ADVICE),
        path=path,
    )


def load_guide_prose(folder: Path, vocab: dict[str, list[Term]]) -> GuideProse:
    """The prose of folder (templates_src/guides/), checked against the vocabulary."""
    prose = load_common(folder / COMMON_FILE, vocab)
    by_slug = {t.slug: t for t in vocab["文种"]}
    for path in sorted(folder.glob("*.yml")):
        if path.name == COMMON_FILE:
            continue
        term = by_slug.get(path.stem)
        if term is None:
            raise SourceError(
                path,
                None,
                f"没有 slug 为“{path.stem}”的文种。",
                f"文件名用 vocab.yml 里文种的 slug：{'、'.join(by_slug)}（通用文字写在 {COMMON_FILE}）。",
            )
        prose.kinds[term.name] = load_kind(path, term, vocab)
    return prose
