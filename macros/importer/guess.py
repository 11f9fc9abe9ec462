"""Guess a draft's metadata (文种, 层级, 地区, 年代, 行业) and say how sure each guess is.

The keywords are data: templates_src/import/rules.yml (its README explains each section), loaded with the rest
of the library (macros/sources/import_rules.py). A guess that is not certain, or a value the vocabulary
(templates_src/vocab.yml) lacks, is written into the .yml as ``待确认：<guess>`` (macros/sources/pending.py),
never silently as if it were known.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from macros.importer.extract import DATE, Draft

# Lines at each end of a text that name who wrote it and when (版头, 落款, 成文日期, a speech's subtitle).
HEAD_LINES = 4
TAIL_LINES = 4
EDGE_WEIGHT = 5

_PLACE_SUFFIX = "自治区|自治州|自治县|街道|省|市|州|盟|县|区|旗|镇|乡"
_PLACE = re.compile(rf"[\u4e00-\u9fff]{{2,6}}?(?:{_PLACE_SUFFIX})")
# What may come right after a place name when it names an issuing body or an office-holder.
_ORG_AFTER = re.compile(
    r"^(?:人民政府|政府|党委|委员会|委|人大|人民代表大会|政协|办事处|党工委|工委|管委会|纪委|"
    r"[\u4e00-\u9fff]{1,8}?(?:局|厅|办公室|管委会)|市长|县长|区长|镇长|乡长|书记|领导|第|"
    r"20\d\d|19\d\d)"
)
# A place name starts after these (a date, a preposition, 中共 …): they are trimmed off the front.
_PLACE_PREFIX = re.compile(
    r"^.*(?:年|月|日|在|关于|中共|对|向|的|和|与|及|全|我|本|各|从|把|是|为|于|到|由|将|以|上|给|按照|根据|通过|围绕|"
    r"加快|推进|推动|建设|发展|深化|全面|实现|打造|创建|作为|成为|带领|组织|召开|参加|举办|开展|配合|协调|赴|来|同|"
    r"跟|被|让|使|经|自|据|代表|支持|服务|走进|来到|落户|入驻|引进|考察|调研|视察|贯彻|落实|执行|传达|学习|领会|汇报|"
    r"报告|请示|按|完成|争取|得到|受到|获得|部署|要求|决定|安排)"
)
_NOT_PLACES = (
    "社区|园区|景区|辖区|地区|山区|市区|城区|片区|小区|城市|都市|超市|城乡|乡镇|城镇|集镇|村镇|示范区|开发区|保护区|"
    "试验区|功能区|核心区|中心区|街区|校区|厂区|矿区|库区|灾区|林区|牧区|湾区|专区|新区|老区|省市|县市|市县|县区|"
    "区县|重镇|小镇|强县|大县|强市|大市|名镇|城市|省区|全区|各区|该县|该市|该区|本市|本县|家乡|故乡|下乡|返乡|回乡|"
    "老乡|异乡|水乡|之乡|县乡|保税区|自贸区|先行区|合作区|经济区|集聚区|产业区|服务区|生活区|居住区|风景区|游览区|"
    "工业区|商务区|住宅区|度假区|旅游区|农村|郊区|特区|选区|社区"
)
_NOT_PLACE = re.compile(rf"(?:{_NOT_PLACES})$|某|×|＊|\*|X|x|〇")
# A department as the issuing body: “海林市发改局学习贯彻……”, “市文化和旅游局2020年……”, “××新区管委会”.
_DEPARTMENT = re.compile(
    r"[\u4e00-\u9fff]{1,12}?(?:局|厅|委员会|管委会|办公室|中心区|新区|开发区|高新区|园区)"
    r"(?:党组|党委|机关)?(?=关于|学习|贯彻|落实|工作|建设|年度|上半年|\d|[一二三四五六七八九十〇]{4}年|在|的|$|\s)"
)
_NOT_DEPARTMENT = re.compile(r"(?:格局|大局|全局|布局|结局|开局|新局|当局|时局|政局|党委|人大常委会)$")
_SUFFIX_LEVEL = {
    "街道": "街道",
    "镇": "乡镇",
    "乡": "乡镇",
    "县": "县",
    "区": "县",
    "旗": "县",
    "自治县": "县",
    "市": "市",
    "州": "市",
    "盟": "市",
    "自治州": "市",
    "省": "省",
    "自治区": "省",
}
_SUFFIXES = sorted(_SUFFIX_LEVEL, key=len, reverse=True)
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


def guess_metadata(draft: Draft, rules: dict, vocab: dict[str, list[str]]) -> dict[str, Guess]:
    """标题 / 文种 / 层级 / 地区 / 年代 / 行业 of a draft, each with whether it is certain."""
    edges = [draft.title, *draft.masthead, *draft.head, *draft.lines[:HEAD_LINES], *draft.lines[-TAIL_LINES:]]
    region = guess_region(draft, edges)
    return {
        "标题": Guess(draft.title, draft.title_certain),
        "文种": guess_kind(draft, rules["文种"], vocab["文种"]),
        "层级": guess_level(draft, edges, region, rules["层级"], vocab["层级"]),
        "地区": region,
        "年代": guess_era(draft, edges),
        "行业": guess_sector(draft, rules["行业"], vocab["行业"]),
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


def places(text: str) -> list[tuple[str, bool]]:
    """Place names in a line, each with whether it names a body (“××县人民政府”, “××市委”, “××市市长”)."""
    found = []
    for match in _PLACE.finditer(text):
        name = _PLACE_PREFIX.sub("", match.group())
        suffix = next(x for x in _SUFFIXES if name.endswith(x))
        if len(name) - len(suffix) < 2 or _NOT_PLACE.search(name):  # a name before the suffix, not a common word
            continue
        found.append((name, bool(_ORG_AFTER.match(text[match.end() :]))))
    return found


def guess_region(draft: Draft, edges: list[str]) -> Guess:
    """地区: a place that names the issuing body in the title, 版头, 落款 or opening lines."""
    in_title = [name for name, _ in places(draft.title)]
    if in_title and draft.title_from_text:
        return Guess(in_title[0], True, "标题")
    text = "\n".join(draft.lines)
    named = Counter(name for line in edges for name, is_body in places(line) if is_body)
    if named:
        name, _ = max(named.items(), key=lambda kv: (kv[1], text.count(kv[0]), len(kv[0])))
        return Guess(name, text.count(name) >= 2, "发文机关")
    anywhere = Counter(name for line in draft.lines for name, is_body in places(line) if is_body)
    if anywhere and anywhere.most_common(1)[0][1] >= 2:
        return Guess(anywhere.most_common(1)[0][0], False, "正文")
    return Guess(None, False)


def _department(title: str) -> bool:
    return any(not _NOT_DEPARTMENT.search(m.group()) for m in _DEPARTMENT.finditer(title))


def guess_level(draft: Draft, edges: list[str], region: Guess, rules: dict[str, list[str]], names: list[str]) -> Guess:
    """层级: a department as the issuing body; else the kind of place in the title; else who the text says “we” are."""
    if draft.title_from_text and _department(draft.title):
        return Guess("部门", "部门" in names, "标题")
    if region.certain and region.evidence == "标题":
        suffix = next((s for s in _SUFFIXES if region.value.endswith(s)), None)
        if suffix:
            level = _SUFFIX_LEVEL[suffix]
            return Guess(level, level in names, "标题")
    text = "\n".join(draft.lines)
    edge_text = "\n".join(edges)
    scores = Counter(
        {name: sum(text.count(w) + EDGE_WEIGHT * edge_text.count(w) for w in words) for name, words in rules.items()}
    )
    ranked = [kv for kv in scores.most_common() if kv[1] > 0]
    if not ranked:
        return Guess(None, False)
    top, score = ranked[0]
    second = ranked[1][1] if len(ranked) > 1 else 0
    return Guess(top, top in names and score >= 5 and score >= 3 * second, "称呼")


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
    """行业: keyword counts (title counts five times); every name within 60% of the best one."""
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
    certain = all(name in names for name in chosen) and best >= 6 and rest <= 0.5 * best
    return Guess(chosen, certain, "关键词")
