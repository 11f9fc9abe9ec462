"""Guess a draft's metadata (文种, 层级, 地区, 年代, 行业) and say how sure each guess is.

A guess is certain only on strong evidence; anything else is written into the .yml as ``待确认：<guess>``
(macros/sources/pending.py), never silently as if it were known:

- 地区 and 层级: the issuing body (发文机关) where a document names it: at the start of the title (“2025年北京市政府
  工作报告”, “中共中央 国务院关于……”), in the 版头 (“××县人民政府文件”), in the 落款 (a short last line “××镇人民政府”), or
  where a speaker says whom he speaks for (“我代表深圳市人民政府”). Its place must be a name of the gazetteer
  (templates_src/import/places.txt, by level), never a word that merely ends like one: 实施乡村振兴 holds no place
  实施乡. The place's level is the 层级 (省 is not in vocab.yml: pending); a department (××局, ××新区管委会) in the title
  makes it 部门; a body of 国家机关 (rules.yml: 中共中央, 国务院 …) makes it 国家, with 地区 全国.
- 文种: its word in the title (rules.yml), and a name of vocab.yml.
- 年代: the year in the title or in the 成文日期.
- 行业: the sector whose keywords lead clearly (rules.yml), one of them in the title.
How often 称呼 such as 全县 or 我局 occur, places in the body and years in the text give pending guesses only.
templates_src/import/truth.md lists, for every real document in ../shared/, the guesses and the right values.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from macros.importer.extract import DATE, Draft
from macros.sources.import_rules import Gazetteer, ImportRules

# Lines at each end of a text that name who wrote it and when (版头, 落款, 成文日期, a speech's subtitle).
HEAD_LINES = 4
TAIL_LINES = 4
EDGE_WEIGHT = 5
OPENING_LINES = 8  # where a report says whom it speaks for, after its date, venue and speaker lines
MAX_SIGNATURE_CHARS = 40  # a 落款 line: the body's name, perhaps with the date

NATIONAL_LEVEL = "国家"
NATIONAL_REGION = "全国"
# What may come right after a place name when it names an issuing body or an office-holder.
_ORG_AFTER = re.compile(
    r"^\s?(?:人民政府|政府|党委|委员会|委|人大|人民代表大会|政协|办事处|党工委|工委|管委会|纪委|"
    r"[\u4e00-\u9fff]{1,8}?(?:局|厅|办公室|管委会)|市长|县长|区长|镇长|乡长|书记|领导|第|"
    r"20\d\d|19\d\d)"
)
# What a title may start with before the issuing body: a year, 中共 (中共××县委).
_YEAR_LEAD = re.compile(r"^(?:19|20)\d\d\s*年度?\s*")
_TITLE_LEAD = re.compile(r"^(?:(?:19|20)\d\d\s*年度?\s*)?(?:中共)?")
# A speaker saying whom he speaks for: “现在，我代表深圳市人民政府，向大会报告……”.
_ON_BEHALF = re.compile(r"我代表(?:第[一二三四五六七八九十]+届)?([^，,。；\s]{2,30})")
# A department as the issuing body: “海林市发改局学习贯彻……”, “市文化和旅游局2020年……”, “××新区管委会”.
_DEPARTMENT = re.compile(
    r"[\u4e00-\u9fff]{1,12}?(?:局|厅|委员会|管委会|办公室|中心区|新区|开发区|高新区|园区)"
    r"(?:党组|党委|机关)?(?=关于|学习|贯彻|落实|工作|建设|年度|上半年|\d|[一二三四五六七八九十〇]{4}年|在|的|$|\s)"
)
_NOT_DEPARTMENT = re.compile(r"(?:格局|大局|全局|布局|结局|开局|新局|当局|时局|政局|党委|人大常委会|中央委员会)$")
_CN_DIGIT = str.maketrans("〇零一二三四五六七八九○Ｏ", "001234567890" + "0")
_YEAR = re.compile(r"((?:19|20)\d\d|[〇零一二三四五六七八九○Ｏ]{4})\s*年")
_DATE_LINE = re.compile(rf"^[—\-－\s（(]*{DATE.pattern}[）)\s]*(?:在|于|$)")


@dataclass
class Guess:
    value: str | list[str] | None  # a list for 行业; None when nothing could be guessed
    certain: bool
    evidence: str = ""  # where the guess came from, for the terminal line

    @property
    def shown(self) -> str:
        text = "、".join(self.value) if isinstance(self.value, list) else (self.value or "")
        return text if self.certain else f"待确认：{text}" if text else "待确认"


@dataclass(frozen=True)
class Issuer:
    """Who issued a document, as a place of the gazetteer (the chain as written: 深圳市盐田区, and the innermost
    place's levels), or the state (national)."""

    region: str
    levels: frozenset[str]
    where: str  # 标题 / 版头 / 落款 / 代表
    national: bool = False


def guess_metadata(draft: Draft, rules: ImportRules, vocab: dict[str, list[str]]) -> dict[str, Guess]:
    """标题 / 文种 / 层级 / 地区 / 年代 / 行业 of a draft, each with whether it is certain."""
    edges = [draft.title, *draft.masthead, *draft.head, *draft.lines[:HEAD_LINES], *draft.lines[-TAIL_LINES:]]
    issuer = find_issuer(draft, rules)
    keywords = rules.keywords
    return {
        "标题": Guess(draft.title, draft.title_certain),
        "文种": guess_kind(draft, keywords["文种"], vocab["文种"]),
        "层级": guess_level(draft, edges, issuer, keywords["层级"], vocab["层级"]),
        "地区": guess_region(draft, issuer, rules.places),
        "年代": guess_era(draft, edges),
        "行业": guess_sector(draft, keywords["行业"], vocab["行业"]),
    }


def guess_kind(draft: Draft, rules: dict[str, list[str]], names: list[str]) -> Guess:
    """文种 from the title: the keyword that comes first in it (the longer one at the same place)."""
    hits = [(draft.title.find(w), -len(w), name) for name, words in rules.items() for w in words if w in draft.title]
    if hits:
        name = min(hits)[2]
        return Guess(name, name in names and draft.title_from_text, "标题")
    opening = "".join(draft.lines[:HEAD_LINES])
    if "同志们" in opening or "各位代表" in opening:
        return Guess("讲话稿" if "讲话稿" in names else None, False, "称呼")
    return Guess(None, False)


# ------------------------------------------------------------------------------------------- places and bodies


def find_places(text: str, places: Gazetteer) -> list[tuple[int, int]]:
    """Where names of the gazetteer stand in text, as (start, end) spans, longest first, never overlapping."""
    spans = []
    for end in range(2, len(text) + 1):
        for length in range(min(places.longest, end), 1, -1):
            if text[end - length : end] in places:
                spans.append((end - length, end))
                break
    chosen: list[tuple[int, int]] = []
    for start, end in sorted(spans, key=lambda s: (s[0], -s[1])):
        if not chosen or start >= chosen[-1][1]:
            chosen.append((start, end))
    return chosen


def chains(text: str, places: Gazetteer) -> list[tuple[int, int, str]]:
    """Runs of places written one after the other (深圳市盐田区): (start, end, innermost place)."""
    runs: list[tuple[int, int, str]] = []
    for start, end in find_places(text, places):
        if runs and runs[-1][1] == start:
            runs[-1] = (runs[-1][0], end, text[start:end])
        else:
            runs.append((start, end, text[start:end]))
    return runs


def _level(name: str, places: Gazetteer) -> frozenset[str]:
    levels = places.levels[name]
    # 东莞市、中山市、儋州市、嘉峪关市 are 地级市 without counties: listed as both
    return frozenset({"市"}) if levels == {"市", "县"} else levels


def bodies(text: str, places: Gazetteer) -> list[Issuer]:
    """The issuing bodies a line names: a run of places followed by 人民政府, 党委, 委员会, ××局 …"""
    return [
        Issuer(text[start:end], _level(inner, places), "")
        for start, end, inner in chains(text, places)
        if _ORG_AFTER.match(text[end:])
    ]


def _national(text: str, rules: ImportRules) -> bool:
    return any(text.startswith(body) for body in rules.national)


def find_issuer(draft: Draft, rules: ImportRules) -> Issuer | None:
    """The issuing body where a document names it (see the module docstring), or None."""
    places = rules.places
    title = draft.title if draft.title_from_text else ""
    if _national(_YEAR_LEAD.sub("", title), rules):
        return Issuer(NATIONAL_REGION, frozenset(), "标题", national=True)
    lead = title[_TITLE_LEAD.match(title).end() :].lstrip()
    runs = chains(lead, places)
    if runs and runs[0][0] == 0:
        start, end, inner = runs[0]
        return Issuer(lead[start:end], _level(inner, places), "标题")
    for line in draft.masthead:
        if _national(line, rules):
            return Issuer(NATIONAL_REGION, frozenset(), "版头", national=True)
        found = bodies(line, places)
        if found and line.startswith(found[0].region):
            return Issuer(found[0].region, found[0].levels, "版头")
    for line in draft.lines[-TAIL_LINES:]:
        if len(line) > MAX_SIGNATURE_CHARS:
            continue
        if _national(line, rules):
            return Issuer(NATIONAL_REGION, frozenset(), "落款", national=True)
        found = bodies(line, places)
        if found and line.startswith(found[0].region):
            return Issuer(found[0].region, found[0].levels, "落款")
    for line in draft.lines[:OPENING_LINES]:
        speaker = _ON_BEHALF.search(line)
        if not speaker:
            continue
        if _national(speaker.group(1), rules):
            return Issuer(NATIONAL_REGION, frozenset(), "代表", national=True)
        found = bodies(speaker.group(1), places)
        if found and speaker.group(1).startswith(found[0].region):
            return Issuer(found[0].region, found[0].levels, "代表")
    return None


def guess_region(draft: Draft, issuer: Issuer | None, places: Gazetteer) -> Guess:
    """地区: the issuing body's place; else, pending, the body named most often in the text."""
    if issuer is not None:
        return Guess(issuer.region, True, issuer.where)
    named = Counter(body.region for line in draft.lines for body in bodies(line, places))
    if named:
        return Guess(named.most_common(1)[0][0], False, "正文")
    return Guess(None, False)


def _department(title: str) -> bool:
    return any(not _NOT_DEPARTMENT.search(m.group()) for m in _DEPARTMENT.finditer(title))


def guess_level(draft: Draft, edges: list[str], issuer: Issuer | None, rules: dict[str, list[str]], names) -> Guess:
    """层级: a department in the title; else the issuing body's level; else, pending, who the text says “we” are."""
    if issuer is not None and issuer.national:
        return Guess(NATIONAL_LEVEL, NATIONAL_LEVEL in names, issuer.where)
    if draft.title_from_text and _department(draft.title):
        return Guess("部门", "部门" in names, "标题")
    if issuer is not None and len(issuer.levels) == 1:
        (level,) = issuer.levels
        return Guess(level, level in names, issuer.where)
    text = "\n".join(draft.lines)
    edge_text = "\n".join(edges)
    scores = Counter(
        {name: sum(text.count(w) + EDGE_WEIGHT * edge_text.count(w) for w in words) for name, words in rules.items()}
    )
    ranked = [kv for kv in scores.most_common() if kv[1] > 0]
    if not ranked:
        return Guess(None, False)
    return Guess(ranked[0][0], False, "称呼")


def _year(text: str) -> int | None:
    match = _YEAR.search(text)
    if not match:
        return None
    year = int(match.group(1).translate(_CN_DIGIT))
    return year if 1949 <= year <= 2100 else None


def guess_era(draft: Draft, edges: list[str]) -> Guess:
    """年代: the year in the title; else the year of the 成文日期 (a date line at the start or the end)."""
    year = _year(draft.title)
    if year and draft.title_from_text:
        return Guess(f"{year}年", True, "标题")
    for line in [*draft.head, *draft.lines[:HEAD_LINES], *reversed(draft.lines[-TAIL_LINES:])]:
        if _DATE_LINE.match(line):
            year = _year(line)
            if year:
                return Guess(f"{year}年", True, "成文日期")
    if year:  # in a title taken from the file name
        return Guess(f"{year}年", False, "文件名")
    years = Counter(y for line in draft.lines for y in [_year(line)] if y)
    if years:
        return Guess(f"{max(years)}年", False, "正文")
    return Guess(None, False)


def guess_sector(draft: Draft, rules: dict[str, list[str]], names: list[str]) -> Guess:
    """行业: keyword counts (title counts five times); every name within 60% of the best one. Certain only when the
    best leads clearly and a keyword of each name listed is in the title."""
    text = "\n".join(draft.lines)
    scores = Counter(
        {name: sum(text.count(w) + EDGE_WEIGHT * draft.title.count(w) for w in words) for name, words in rules.items()}
    )
    ranked = [kv for kv in scores.most_common() if kv[1] > 0]
    if not ranked:
        return Guess(None, False)
    best = ranked[0][1]
    chosen = [name for name, score in ranked if score >= 0.6 * best][:3]
    rest = ranked[len(chosen)][1] if len(ranked) > len(chosen) else 0
    titled = draft.title_from_text and all(any(w in draft.title for w in rules[name]) for name in chosen)
    certain = titled and all(name in names for name in chosen) and best >= 6 and rest <= 0.5 * best
    return Guess(chosen, certain, "关键词")
