"""The phrase bank (templates_src/phrases/*.yml): set phrases, checked against the library, and their matcher.

Marking runs once over each paragraph with one compiled pattern. The pattern is the phrases' trie written
as a regular expression (`强势推进|全力以赴(?:,攻坚克难)?` and so on), so at each position the engine
follows one path of at most the longest phrase's length: linear in the text, whatever the bank's size, and
the longest phrase starting at the leftmost position wins.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from pypinyin import Style, lazy_pinyin

from macros.sources.catalog import Sample, require_term
from macros.sources.errors import SourceError
from macros.sources.schema import Key, Schema
from macros.sources.yaml_source import load_yaml_file, text_value

PHRASE = Schema(
    "短语条目",
    "templates_src/phrases/README.md",
    (
        Key("短语", "一行文字", True, "照范文原文逐字写"),
        Key("类别", "一行文字", True, "vocab.yml 里“表述类别”的名称"),
        Key("释义", "文字", True, "这个说法是什么意思"),
        Key("用法", "文字", True, "用在什么地方、怎么搭配"),
        Key("近义", "文字列表", True, "意思相近的说法"),
    ),
)


@dataclass(frozen=True)
class Phrase:
    text: str
    category: str
    meaning: str
    usage: str
    synonyms: tuple[str, ...]
    path: Path
    line: int
    slug: str = ""  # the name of its page, biaoshu/<slug>/, unique in the bank


def pinyin_key(text: str) -> tuple:
    """Sort key: toneless syllables first (a, ai, an …), then tones, then the characters themselves."""
    return (lazy_pinyin(text), lazy_pinyin(text, style=Style.TONE3), text)


def pinyin_slug(text: str) -> str:
    """An ASCII anchor such as qiang-shi-tui-jin; marks and other non-letters become separators."""
    syllables = "-".join(lazy_pinyin(text)).lower()
    return re.sub(r"[^a-z0-9]+", "-", syllables).strip("-") or "x"


def _entry(item, path: Path, fallback_line: int, categories: tuple[str, ...]) -> Phrase:
    PHRASE.check(item, path, fallback_line)
    text = text_value(item, "短语", path, one_line=True)
    meaning, usage = text_value(item, "释义", path), text_value(item, "用法", path)
    category = text_value(item, "类别", path, one_line=True)
    require_term(category, categories, "表述类别", path, item.line_of("类别"), f"类别“{category}”不在类别表里。")
    synonyms = item["近义"]
    if not all(s.strip() and "\n" not in s for s in synonyms):
        raise SourceError(path, item.line_of("近义"), "“近义”应是短语列表。", "写成“近义: [全力推进, 加快推进]”。")
    return Phrase(
        text=text,
        category=category,
        meaning=meaning,
        usage=usage,
        synonyms=tuple(s.strip() for s in synonyms),
        path=path,
        line=item.line_of("短语"),
    )


def load_phrases(folder: Path, categories: tuple[str, ...]) -> list[Phrase]:
    """Every entry of every file, in file order; structure, categories and duplicates checked."""
    phrases: list[Phrase] = []
    seen: dict[str, Phrase] = {}
    for path in sorted(folder.glob("*.yml")):
        data = load_yaml_file(path)
        if data is None:
            continue
        if not isinstance(data, list):
            raise SourceError(path, 1, "短语文件应是一个列表。", "每个短语以“- 短语: …”开头，参照 README.md。")
        for item in data:
            phrase = _entry(item, path, 1, categories)
            first = seen.get(phrase.text)
            if first is not None:
                raise SourceError(
                    path,
                    phrase.line,
                    f"短语“{phrase.text}”重复：{first.path.name} 第 {first.line} 行已经收了。",
                    "删掉其中一条，或把两条的释义、用法合并成一条。",
                )
            seen[phrase.text] = phrase
            phrases.append(phrase)
    return phrases


def trie_pattern(words: list[str]) -> str:
    """One regular expression matching any of words, preferring the longest at each position."""
    trie: dict = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def build(node: dict) -> str:
        branches = [re.escape(char) + build(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        # A phrase ends here: the greedy `?` still tries the longer phrases first.
        return f"(?:{body})?" if "" in node else body

    return build(trie)


@dataclass
class PhraseBank:
    phrases: list[Phrase]  # sorted by pinyin
    pattern: re.Pattern | None

    def __post_init__(self):
        self.by_text = {p.text: p for p in self.phrases}

    def find(self, text: str) -> list[tuple[int, int, Phrase]]:
        """Non-overlapping occurrences, leftmost first and longest at each position."""
        if self.pattern is None:
            return []
        return [(m.start(), m.end(), self.by_text[m.group()]) for m in self.pattern.finditer(text)]


def build_bank(phrases: list[Phrase], samples: list[Sample] | None) -> PhraseBank:
    """Check every phrase against the samples (unless they were not loaded), give each a unique anchor, sort by
    pinyin, compile."""
    texts = [b.text for s in samples for b in s.blocks] if samples is not None else []
    for phrase in phrases:
        if samples is not None and not any(phrase.text in t for t in texts):
            raise SourceError(
                phrase.path,
                phrase.line,
                f"短语“{phrase.text}”在全库范文里一次也没有出现。",
                "多半是打错了字或标点：照原文逐字抄写（原文多用半角逗号“,”）。",
            )
    ordered = sorted(phrases, key=lambda p: pinyin_key(p.text))
    slugged, used = [], {"index"}  # biaoshu/index.md is the bank's index; each phrase has biaoshu/<slug>.md
    for phrase in ordered:
        base = slug = pinyin_slug(phrase.text)
        n = 2
        while slug in used:
            slug, n = f"{base}-{n}", n + 1
        used.add(slug)
        slugged.append(Phrase(**{**phrase.__dict__, "slug": slug}))
    pattern = re.compile(trie_pattern([p.text for p in slugged])) if slugged else None
    return PhraseBank(slugged, pattern)
