"""The draft checker's rules (templates_src/checker/): rules.yml and words.yml loaded and validated, with the
phrase bank, into the Ruleset both engines run (macros/checker/engine.py here, engine.js in the browser).

The schema is the tables below; templates_src/checker/README.md documents them for writers, and a test keeps
the README equal to them. Every error names the file, the line and the fix (SourceError, as for templates).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from macros.sources.errors import SourceError
from macros.sources.fix_templates import TemplateError, parse_template
from macros.sources.phrases import Phrase
from macros.sources.regex_subset import PatternError, expand_and_check, for_whole_text, group_count, takes_line_end
from macros.sources.schema import Key, Schema
from macros.sources.yaml_source import LocatedDict, load_yaml_file

GROUPS = ("序号", "标点", "数字与日期", "用词", "结构", "占位符")
LEVELS = ("错误", "建议")
# The parts of a draft a rule can leave alone (`不查`), found by macros/checker/structure.py from rules.yml's 文稿;
# 党的文件 is a whole draft: one whose first lines or 落款 name a Party organ.
PARTS = ("版头", "标题", "主送", "正文", "附件说明", "落款", "版记", "附件")
PARTY = "党的文件"


README = "templates_src/checker/README.md"
# rules.yml: the top-level keys, and the keys of one rule.
TOP = Schema(
    "rules.yml",
    README,
    (
        Key("字符类", "映射", False, "名字 → 字符类的内容（不带方括号），模式里写成 {名字}"),
        Key("文稿", "映射", True, "怎样认出文稿的各部分：文种、党的文件、附件说明、附件页、版记、落款日期"),
        Key("序号", "映射列表", True, "各层序号的写法：层、模式（第 1 组是数字）、数字（汉字、阿拉伯、圈码）"),
        Key("规则", "映射列表", True, "规则列表，每项一条规则"),
    ),
)
RULE = Schema(
    "规则",
    README,
    (
        Key("id", "一行文字", True, "规则编号：小写字母、数字和连字符，全表唯一，定了不改（命令行和网页都显示它）"),
        Key("分组", "一行文字", True, "序号、标点、数字与日期、用词、结构、占位符之一"),
        Key(
            "级别",
            "一行文字",
            True,
            "错误（依据是国标或条例的强制性要求）或 建议（“可以”“一般”、实务做法、需要人看）",
        ),
        Key("依据", "文字", True, "标准或条例的名称和条款，如“GB/T 15834—2011 4.13.3.2”"),
        Key("模式", "文字", False, "正则表达式（两种引擎通用的写法，见下文），与“检查”二选一"),
        Key("检查", "一行文字", False, "结构检查的名字（见下文），与“模式”二选一"),
        Key("参数", "映射", False, "结构检查的参数（映射），各检查自己的键见下文"),
        Key(
            "不查",
            "一项或几项",
            False,
            "这些部分不查（版头、标题、主送、正文、附件说明、落款、版记、附件），或写“党的文件”：党的文件整篇不查",
        ),
        Key("只查文种", "一项或几项", False, "只查标题是“关于……的”这些文种的文稿，如 [报告]"),
        Key("改为", "文字", False, "机械改法：替换模板（$1、${1:阿拉伯数字}、$$），不写表示没有机械改法"),
        Key("说明", "文字", True, "一句话，告诉写稿人哪里不对、怎么改"),
        Key("错例", "一项或几项", True, "至少一条会被查出的句子"),
        Key("改后", "一项或几项", False, "与错例一一对应：套用本规则全部改法后的句子；写了“改为”的规则必须写"),
        Key("正例", "一项或几项", True, "至少一条不会被查出的句子"),
    ),
)
NUMBERING = Schema(
    "序号",
    README,
    (
        Key("层", "一行文字", True, "1 至 4：一、 （一） 1. （1）"),
        Key("模式", "文字", True, "从行首匹配序号的正则表达式，第 1 组是数字本身"),
        Key("数字", "一行文字", True, "汉字、阿拉伯 或 圈码：改序号时写成哪种数字"),
        Key(
            "接续时",
            "文字",
            False,
            "另一种写法（第 1 组是数字），只在接着同一层的上一个序号（或后面紧接着下一个）时才算序号，如“14.2025年……”",
        ),
    ),
)
SHAPE = Schema(
    "文稿",
    README,
    (
        Key("文种", "文字列表", True, "公文标题以“关于……的”加这些文种结尾，如 [通知, 报告, 请示]"),
        Key("党的文件", "文字列表", True, "文稿的前五个非空行或落款里有这些词，就是党的文件，如 [中共, 党委]"),
        Key("附件说明", "文字", True, "正文后附件说明的第一行（去掉缩进后）的正则表达式"),
        Key("附件页", "文字", True, "附件正文开头一行（去掉缩进后）的正则表达式：这一行和以后都是附件"),
        Key("版记", "文字", True, "版记一行（去掉缩进后）的正则表达式：抄送、印发"),
        Key("落款日期", "文字", True, "落款里成文日期一行（去掉缩进后）的正则表达式"),
    ),
)
NUMERALS = ("汉字", "阿拉伯", "圈码")
WORD = Schema(
    "词条",
    README,
    (
        Key("误", "一行文字", True, "错误的写法（逐字查找）"),
        Key("正", "一行文字", True, "正确的写法，也是机械改法"),
        Key(
            "依据",
            "一行文字",
            True,
            "这个写法的出处：《第一批异形词整理表》（2001）、《现代汉语词典》第7版、《通用规范汉字表》",
        ),
        Key("正例", "一行文字", True, "用正确写法的一句话"),
        Key("反例", "一行文字", True, "同一句话用错误的写法：查得出，改完就是正例"),
        Key("说明", "文字", False, "补充说明，接在““误”应写作“正”。”之后"),
        Key("排除", "一项或几项", False, "含有“误”却没有错的词语列表，出现在这些词里时不报"),
    ),
)


def _check(name: str, fixes: bool, *params: Key) -> tuple[str, tuple[Schema, bool]]:
    return name, (Schema(f"检查“{name}”的参数", README, params), fixes)


# Structural checks: name -> (the schema of its 参数, whether the check computes a fix). Every parameter is required;
# a number must be above 0, a text or a list must not be empty.
CHECKS: dict[str, tuple[Schema, bool]] = dict(
    [
        _check("序号连续", True),
        _check("序号跳层", False),
        _check(
            "空标题",
            False,
            Key("标题最长", "整数", True, "一行不超过这么多字才算单独成行的标题"),
            Key("标题不以这些结尾", "文字", True, "以其中一个字符结尾的行不算标题"),
        ),
        _check(
            "段末标点",
            False,
            Key("最短", "整数", True, "不少于这么多字的段落才查"),
            Key("标题最长", "整数", True, "带序号、没有句号的一行不超过这么多字时算标题，不查"),
            Key("句中标点", "文字", True, "段中含有其中之一才算正文段落"),
            Key("段末可用", "文字", True, "段落可以用这些字符结尾"),
        ),
        _check("成对标号", False, Key("成对", "文字列表", True, "每项是开、闭两个标号再加名称，如“《》书名号”")),
        _check("单位写法", True, Key("单位", "文字列表", True, "单位的标准写法，大小写不同算同一单位")),
        _check(
            "主送机关冒号",
            True,
            Key("文种", "文字列表", True, "标题以这些文种结尾才查主送机关"),
            Key("机关结尾", "文字列表", True, "主送机关一行以这些词结尾"),
        ),
        _check(
            "同段混用",
            False,
            Key("甲", "文字", True, "一种写法的正则表达式"),
            Key("乙", "文字", True, "另一种写法的正则表达式：同一段里两种都有时，报出这一种"),
        ),
        _check("星期核对", True),
        _check("结束语", False, Key("结束语", "文字列表", True, "每项是“结束语：文种、文种”，只有这些文种用它")),
        _check("书名简称", False, Key("简称", "文字列表", True, "书名号里只有这些词时报")),
        _check(
            "表述重复",
            False,
            Key("次数", "整数", True, "同一表述出现到第几次时提示"),
            Key("相隔最多", "整数", True, "这几次出现在多少字以内才算接连重复"),
            Key("备选最多", "整数", True, "提示里最多列几个换用的说法（取自这个表述的“近义”）"),
            Key("只查类别", "文字列表", True, "只查常用表述库里这些类别的表述，固定的提法不在其中"),
        ),
        _check("词表", True),
    ]
)


@dataclass
class Rule:
    id: str
    group: str
    level: str
    basis: str
    message: str
    pattern: str | None  # expanded, in the shared subset
    check: str | None
    params: dict
    fix: list | None  # parsed replacement template (macros/checker/fixes.py) for pattern rules
    skip: tuple[str, ...]  # 不查: parts of a draft (PARTS) and PARTY
    kinds: tuple[str, ...]  # 只查文种: only drafts whose title is of one of these 文种 (empty: every draft)
    bad: list[str]
    fixed: list[str] | None
    good: list[str]
    line: int
    path: Path

    def as_data(self) -> dict:
        """What the browser engine needs (no examples, no source location)."""
        return {
            "id": self.id,
            "group": self.group,
            "level": self.level,
            "basis": self.basis,
            "message": self.message,
            "pattern": self.pattern,
            "check": self.check,
            "params": self.params,
            "fix": self.fix,
            "skip": list(self.skip),
            "kinds": list(self.kinds),
        }


@dataclass(frozen=True)
class Word:
    wrong: str
    right: str
    note: str
    exclude: tuple[str, ...]
    line: int
    basis: str = ""
    good: str = ""
    bad: str = ""


@dataclass(frozen=True)
class NumberingLevel:
    level: int
    pattern: str
    numeral: str
    continued: str | None = None  # 接续时: read as a number only where it continues its list


@dataclass(frozen=True)
class DocumentShape:
    """rules.yml 文稿: how the checker finds a draft's parts (macros/checker/structure.py)."""

    kinds: tuple[str, ...]
    party: tuple[str, ...]
    attachment_note: str
    attachment_page: str
    record: str
    date: str

    def as_data(self) -> dict:
        return {
            "kinds": list(self.kinds),
            "party": list(self.party),
            "attachment_note": self.attachment_note,
            "attachment_page": self.attachment_page,
            "record": self.record,
            "date": self.date,
        }


@dataclass(frozen=True)
class PhraseEntry:
    text: str
    category: str
    synonyms: tuple[str, ...]


@dataclass
class Ruleset:
    rules: list[Rule]
    shape: DocumentShape
    numbering: list[NumberingLevel]
    words: list[Word]
    phrases: list[PhraseEntry]
    compiled: dict = field(default_factory=dict, repr=False)  # filled by the engine on first use

    def rule(self, rule_id: str) -> Rule:
        return next(r for r in self.rules if r.id == rule_id)

    def as_data(self) -> dict:
        """The whole rule set as the browser engine reads it (window.fanwenkuCheckerRules)."""
        return {
            "groups": list(GROUPS),
            "levels": list(LEVELS),
            "shape": self.shape.as_data(),
            "numbering": [
                {"level": n.level, "pattern": n.pattern, "numeral": n.numeral, "continued": n.continued}
                for n in self.numbering
            ],
            "rules": [r.as_data() for r in self.rules],
            "words": [
                {"wrong": w.wrong, "right": w.right, "note": w.note, "exclude": list(w.exclude)} for w in self.words
            ],
            "phrases": [{"text": p.text, "category": p.category, "synonyms": list(p.synonyms)} for p in self.phrases],
        }


def _text(item: LocatedDict, key: str, path: Path) -> str:
    value = item.get(key)
    if not isinstance(value, str) or not value.strip():
        raise SourceError(
            path, item.line_of(key), f"“{key}”应是一段文字。", f"写成“{key}: 文字”，有特殊字符时加单引号。"
        )
    return value


def _texts(item: LocatedDict, key: str, path: Path) -> list[str]:
    value = item.get(key)
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not value or not all(isinstance(v, str) and v for v in value):
        raise SourceError(path, item.line_of(key), f"“{key}”应是一条或多条文字。", f"写成“{key}: ['…', '…']”。")
    return value


def _pattern(text: str, classes: dict[str, str], path: Path, line: int) -> str:
    try:
        return expand_and_check(text, classes)
    except PatternError as error:
        raise error.within(path, line, f"模式“{text}”") from None


def _params(rule: LocatedDict, check: str, path: Path, classes: dict[str, str]) -> dict:
    schema, _ = CHECKS[check]
    line = rule.line_of("参数") if "参数" in rule else rule.line
    params = schema.check(rule.get("参数") or _empty(line), path, line)
    values = {}
    for key in schema.keys:
        value = params[key.name]
        if key.kind == "整数":
            value = int(value)  # YAML scalars are read as text; the schema checked the digits
        if not value or (key.kind == "文字列表" and not all(value)):
            problem = f"参数“{key.name}”应大于 0。" if key.kind == "整数" else f"参数“{key.name}”不能为空。"
            raise SourceError(path, params.line_of(key.name), problem, f"{key.what}。")
        values[key.name] = value
    if check == "成对标号" and any(len(v) < 3 for v in values["成对"]):
        raise SourceError(path, line, "“成对”的每一项要有开、闭两个标号和名称。", "写成“《》书名号”这样。")
    if check == "同段混用":
        for key in ("甲", "乙"):
            values[key] = _pattern(values[key], classes, path, params.line_of(key))
    if check == "结束语":
        for item in values["结束语"]:
            phrase, _, kinds = item.partition("：")
            if not phrase or not kinds or any(not k for k in kinds.split("、")):
                raise SourceError(path, params.line_of("结束语"), f"结束语“{item}”写法不对。", "写成“特此通知：通知”。")
    return values


def _empty(line: int) -> LocatedDict:
    """The 参数 of a rule that writes none: an empty mapping at the rule's line."""
    empty = LocatedDict()
    empty.line, empty.key_lines = line, {}
    return empty


def load_rule(item, path: Path, classes: dict[str, str], fallback_line: int) -> Rule:
    RULE.check(item, path, fallback_line)
    rule_id = _text(item, "id", path)
    if not all(c.islower() or c.isdigit() or c == "-" for c in rule_id) or not rule_id.isascii():
        raise SourceError(path, item.line_of("id"), f"规则编号“{rule_id}”不合规。", RULE["id"].what + "。")
    group, level = _text(item, "分组", path), _text(item, "级别", path)
    if group not in GROUPS:
        raise SourceError(path, item.line_of("分组"), f"分组“{group}”不对。", f"改成其中之一：{'、'.join(GROUPS)}。")
    if level not in LEVELS:
        raise SourceError(path, item.line_of("级别"), f"级别“{level}”不对。", "写“错误”或“建议”。")
    if ("模式" in item) == ("检查" in item):
        raise SourceError(
            path,
            item.line,
            f"规则“{rule_id}”要写“模式”或“检查”，只写其中一个。",
            "普通规则写正则表达式“模式”；结构检查写“检查”。",
        )
    pattern = check = fix = None
    params: dict = {}
    if "模式" in item:
        pattern = _pattern(_text(item, "模式", path), classes, path, item.line_of("模式"))
        if takes_line_end(pattern):
            raise SourceError(
                path,
                item.line_of("模式"),
                f"模式“{item['模式']}”能匹配换行，可体检是一行一行查的。",
                "删掉模式里的 \\n（或字符类里的换行）。",
            )
        pattern = for_whole_text(pattern)
        if "参数" in item:
            raise SourceError(path, item.line_of("参数"), "只有结构检查才有“参数”。", "删掉“参数”。")
        if item.get("改为") is not None:
            template = item["改为"]
            if not isinstance(template, str):
                raise SourceError(path, item.line_of("改为"), "“改为”应是文字（可以是空字符串 ''）。", "加上单引号。")
            try:
                fix = parse_template(template, group_count(pattern))
            except TemplateError as error:
                raise error.within(path, item.line_of("改为"), f"改法“{template}”") from None
    else:
        check = _text(item, "检查", path)
        if check not in CHECKS:
            raise SourceError(
                path, item.line_of("检查"), f"没有名为“{check}”的结构检查。", f"可用的检查：{'、'.join(CHECKS)}。"
            )
        if "改为" in item:
            raise SourceError(path, item.line_of("改为"), "结构检查的改法由检查本身给出，不写“改为”。", "删掉“改为”。")
        params = _params(item, check, path, classes)
    skip = tuple(_texts(item, "不查", path)) if "不查" in item else ()
    for part in skip:
        if part not in PARTS and part != PARTY:
            raise SourceError(
                path, item.line_of("不查"), f"“不查”里的“{part}”不是文稿的一部分。", RULE["不查"].what + "。"
            )
    kinds = tuple(_texts(item, "只查文种", path)) if "只查文种" in item else ()
    bad, good = _texts(item, "错例", path), _texts(item, "正例", path)
    fixed = None
    if "改后" in item:
        fixed = _texts(item, "改后", path)
        if len(fixed) != len(bad):
            raise SourceError(
                path,
                item.line_of("改后"),
                f"“改后”有 {len(fixed)} 条，“错例”有 {len(bad)} 条。",
                "一条错例对应一条改后的句子。",
            )
    has_fix = fix is not None or (check is not None and CHECKS[check][1])
    if fix is not None and fixed is None:
        raise SourceError(
            path, item.line_of("改为"), f"规则“{rule_id}”有改法，却没有写“改后”。", "加上“改后”：每条错例改完的样子。"
        )
    if fixed is not None and not has_fix:
        raise SourceError(
            path, item.line_of("改后"), f"规则“{rule_id}”没有改法，“改后”用不上。", "删掉“改后”，或加上“改为”。"
        )
    return Rule(
        id=rule_id,
        group=group,
        level=level,
        basis=_text(item, "依据", path).strip(),
        message=_text(item, "说明", path).strip(),
        pattern=pattern,
        check=check,
        params=params,
        fix=fix,
        skip=skip,
        kinds=kinds,
        bad=bad,
        fixed=fixed,
        good=good,
        line=item.line,
        path=path,
    )


def load_numbering(items, path: Path, classes: dict[str, str], line: int) -> list[NumberingLevel]:
    if not isinstance(items, list) or not items:
        raise SourceError(path, line, "“序号”应是列表。", "每层一项：层、模式、数字。")
    levels = []
    for item in items:
        NUMBERING.check(item, path, line)
        # YAML scalars are read as text (macros/sources/yaml_source.py): the level is the digit as written.
        level = item["层"]
        if not (isinstance(level, str) and level.strip() in ("1", "2", "3", "4")):
            raise SourceError(path, item.line_of("层"), "“层”应是 1 至 4 的整数。", NUMBERING["层"].what + "。")
        level = int(level)
        pattern = _pattern(_text(item, "模式", path), classes, path, item.line_of("模式"))
        if not pattern.startswith("^") or group_count(pattern) < 1:
            raise SourceError(
                path,
                item.line_of("模式"),
                "序号的模式要从行首（^）匹配，并用第 1 组括出数字。",
                "例如 '^([一二三四五六七八九十]{1,3})、'。",
            )
        numeral = _text(item, "数字", path)
        if numeral not in NUMERALS:
            raise SourceError(
                path, item.line_of("数字"), f"“数字”的值“{numeral}”不对。", f"写其中之一：{'、'.join(NUMERALS)}。"
            )
        continued = None
        if "接续时" in item:
            continued = _pattern(_text(item, "接续时", path), classes, path, item.line_of("接续时"))
            if not continued.startswith("^") or group_count(continued) < 1:
                raise SourceError(
                    path,
                    item.line_of("接续时"),
                    "“接续时”的模式要从行首（^）匹配，并用第 1 组括出数字。",
                    "例如 '^([0-9]{1,2})[.．](?=[0-9])'。",
                )
        levels.append(NumberingLevel(level, pattern, numeral, continued))
    return levels


def load_shape(item, path: Path, classes: dict[str, str], line: int) -> DocumentShape:
    shape = SHAPE.check(item, path, line)
    kinds, party = _texts(shape, "文种", path), _texts(shape, "党的文件", path)
    patterns = {
        key: _pattern(_text(shape, key, path), classes, path, shape.line_of(key))
        for key in ("附件说明", "附件页", "版记", "落款日期")
    }
    return DocumentShape(
        tuple(kinds), tuple(party), patterns["附件说明"], patterns["附件页"], patterns["版记"], patterns["落款日期"]
    )


def load_words(path: Path) -> list[Word]:
    data = load_yaml_file(path)
    if not isinstance(data, list) or not data:
        raise SourceError(path, 1, "词表应是一个列表。", "每条以“- 误: …”开头，下一行写“正: …”。")
    words: list[Word] = []
    seen: dict[str, Word] = {}
    for item in data:
        WORD.check(item, path, 1)
        wrong, right = _text(item, "误", path), _text(item, "正", path)
        if wrong == right:
            raise SourceError(path, item.line_of("正"), f"词条“{wrong}”的误和正一样。", "改正其中一个。")
        if wrong in seen:
            raise SourceError(
                path, item.line_of("误"), f"词条“{wrong}”重复：第 {seen[wrong].line} 行已经收了。", "删掉其中一条。"
            )
        exclude = tuple(_texts(item, "排除", path)) if "排除" in item else ()
        for phrase in exclude:
            if wrong not in phrase:
                raise SourceError(
                    path,
                    item.line_of("排除"),
                    f"排除的“{phrase}”里没有“{wrong}”，写了也不起作用。",
                    "只写含有“误”的词语。",
                )
        note = item.get("说明") or ""
        good, bad = _text(item, "正例", path), _text(item, "反例", path)
        if right not in good or wrong not in bad:
            raise SourceError(
                path,
                item.line_of("正例"),
                f"词条“{wrong}”的正例要用“{right}”，反例要用“{wrong}”。",
                "照正例写反例，只把正字换成误字。",
            )
        word = Word(
            wrong,
            right,
            note.strip() if isinstance(note, str) else "",
            exclude,
            item.line_of("误"),
            _text(item, "依据", path).strip(),
            good,
            bad,
        )
        seen[wrong] = word
        words.append(word)
    return words


def load_ruleset(folder: Path, phrases: list[Phrase]) -> Ruleset:
    """The rule set of rules.yml and words.yml in folder (templates_src/checker/) and the phrase bank's phrases
    (in the bank's order: the CLI and the build hand the browser the same data)."""
    path = folder / "rules.yml"
    data = TOP.check(load_yaml_file(path), path, 1)
    classes = data.get("字符类") or {}
    if not all(isinstance(v, str) and v for v in classes.values()):
        raise SourceError(
            path, data.line_of("字符类"), "“字符类”应是“名字: 字符”的映射。", "例如“汉字: '\\u4e00-\\u9fff'”。"
        )
    for name, body in classes.items():
        line = classes.line_of(name)
        if not isinstance(name, str) or not name or name[0].isdigit() or "{" in name or "}" in name:
            raise SourceError(path, line, f"字符类名“{name}”不能用。", "名字用汉字或字母开头，不含花括号。")
        _pattern(f"[{body}]", {}, path, line)
    shape = load_shape(data["文稿"], path, classes, data.line_of("文稿"))
    numbering = load_numbering(data["序号"], path, classes, data.line_of("序号"))
    items = data["规则"]
    if not items:
        raise SourceError(path, data.line_of("规则"), "“规则”是空的。", "每条规则以“- id: …”开头。")
    rules: list[Rule] = []
    for item in items:
        rule = load_rule(item, path, classes, data.line_of("规则"))
        if any(r.id == rule.id for r in rules):
            raise SourceError(path, item.line_of("id"), f"规则编号“{rule.id}”重复。", "给其中一条换一个编号。")
        rules.append(rule)
    entries = [PhraseEntry(p.text, p.category, p.synonyms) for p in phrases]
    return Ruleset(rules, shape, numbering, load_words(folder / "words.yml"), entries)
