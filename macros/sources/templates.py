"""Fill-in templates (模板): load and validate templates_src/templates/*.md, fill them, check the round trip.

A template file is YAML front matter (metadata and the declared fields) followed by the body, one
paragraph per line, with placeholders written 【【键】】. The schema below is the whole contract; the
README.md beside the files documents it for writers, and a test keeps the two in step.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from macros.sources.catalog import SLUG, Sample, Term, check_facets, names
from macros.sources.errors import SourceError
from macros.sources.schema import Key, Schema
from macros.sources.site_map import TEMPLATE_PAGES
from macros.sources.text_blocks import split_blocks
from macros.sources.text_files import line_text, read_source, split_lines
from macros.sources.yaml_source import LocatedDict, int_value, parse_yaml, text_list, text_value

# The placeholder syntax, defined here only: pages hand the brackets to the browser scripts as data.
OPEN, CLOSE = "【【", "】】"
PLACEHOLDER = re.compile(f"{OPEN}([^{OPEN[0]}{CLOSE[0]}]*){CLOSE}")
ADDED = "【新增】"
YES_NO = {"是": True, "否": False}


# The schema of a template's front matter. Validation below follows it key by key.
README = "templates_src/templates/README.md"
METADATA = Schema(
    "模板元数据",
    README,
    (
        Key("slug", "一行文字", True, "网址名：小写字母、数字和连字符，全站唯一（两个模板同名会报错）"),
        Key("标题", "一行文字", True, "页面标题，一行文字"),
        Key("顺序", "整数", True, "整数，模板列表里的排序"),
        Key("摘要", "文字", True, "一两句话，说适合谁、写什么；也用作页面的搜索引擎描述"),
        Key("行业", "一项或几项", True, "templates_src/vocab.yml 里的行业名称，一个或一个列表"),
        Key("文种", "一项", True, "vocab.yml 里的一个文种名称"),
        Key("层级", "一项", True, "vocab.yml 里的一个层级名称"),
        Key(
            "来源", "一项或几项", True, "依据的范文 slug 列表（templates_src/samples/*.yml 里的 slug），每个都必须存在"
        ),
        Key("字段", "映射列表", True, "字段列表，至少一项，每项一个映射"),
    ),
)
FIELD = Schema(
    "字段",
    README,
    (
        Key("键", "一行文字", True, "占位符里的名字，不含空白和方头括号；一个模板里不能重复"),
        Key("标签", "一行文字", True, "表单上显示的名字"),
        Key("说明", "文字", True, "给填写人的提示"),
        Key(
            "示例",
            "文字",
            True,
            "来源范文里的原话（06、1.50 这样的数字也按写法保留），标点按公文规范改用全角；用示例填回去应能还原范文原句",
        ),
        Key("必填", "一行文字", False, "是 或 否，不写算“是”"),
        Key(
            "类型",
            "一行文字",
            False,
            "templates_src/vocab.yml 里“字段类型”的名称（文本、数字、年份、多行），不写算“文本”；“多行”在表单里是多行文本框",
        ),
    ),
)


@dataclass(frozen=True)
class Field:
    key: str
    label: str
    help: str
    example: str
    required: bool
    kind: str
    line: int


@dataclass(frozen=True)
class Para:
    """One paragraph or heading line of a template body."""

    line: int  # line number in the file
    text: str  # without the 【新增】 marker
    added: bool  # written by the template's author, not taken from a sample
    level: int = 0  # as in structure.Block: 0 for a paragraph, 2.. for a heading

    @property
    def is_heading(self) -> bool:
        return self.level > 0

    def parts(self) -> list[tuple[str, bool]]:
        """(text, is_placeholder) pieces in order; a placeholder's text is its key."""
        pieces = PLACEHOLDER.split(self.text)
        return [(p, i % 2 == 1) for i, p in enumerate(pieces) if p or i % 2 == 1]

    def placeholder_keys(self) -> list[str]:
        return PLACEHOLDER.findall(self.text)


@dataclass
class Template:
    slug: str
    title: str
    order: int
    summary: str
    facets: dict[str, list[str]]
    sources: list[str]
    fields: list[Field]
    paras: list[Para]
    meta_path: Path

    kind = "模板"

    @property
    def url(self) -> str:
        return f"{TEMPLATE_PAGES}/{self.slug}/"

    @property
    def src_uri(self) -> str:
        return f"{TEMPLATE_PAGES}/{self.slug}.md"

    def field(self, key: str) -> Field:
        return next(f for f in self.fields if f.key == key)

    @property
    def examples(self) -> dict[str, str]:
        return {f.key: f.example for f in self.fields}


def placeholder(key: str) -> str:
    """A field's placeholder as written in a template and shown until it is filled: 【【键】】."""
    return f"{OPEN}{key}{CLOSE}"


def fill_parts(parts: list[tuple[str, bool]], values: dict[str, str]) -> str:
    """A paragraph from its parts (Para.parts()): a field with a value shows the value, one without its
    placeholder. templates.js beside this module is its twin on the template page."""
    return "".join((values.get(text) or placeholder(text)) if is_field else text for text, is_field in parts)


def fill_para(para: Para, values: dict[str, str]) -> str:
    """The paragraph with each placeholder replaced by its value; an unfilled one stays 【【键】】."""
    return fill_parts(para.parts(), values)


def script_constants() -> dict:
    """What templates.js takes from Python instead of retyping it (macros/build/scripts.py writes it in)."""
    return {"OPEN": OPEN, "CLOSE": CLOSE}


def fill(template: Template, values: dict[str, str] | None = None, *, drop_added: bool = False) -> str:
    """Plain text of the template, one paragraph per line: what the copy buttons put on the clipboard."""
    values = values or {}
    return "\n".join(fill_para(p, values) for p in template.paras if not (drop_added and p.added))


# ---------------------------------------------------------------- loading and validation


def split_front_matter(path: Path, text: str) -> tuple[str, list[str], int]:
    """(front matter YAML, body lines, file line number of the first body line)."""
    lines = split_lines(text)
    if not lines or lines[0].strip() != "---":
        raise SourceError(
            path, 1, "文件开头不是“---”，找不到元数据。", "第一行写“---”，接着写元数据，再用一行“---”结束。"
        )
    end = next((i for i in range(1, len(lines)) if lines[i].strip() == "---"), None)
    if end is None:
        raise SourceError(path, 1, "元数据没有结束的“---”。", "在字段表之后、正文之前加一行“---”。")
    return "\n".join(lines[1:end]), lines[end + 1 :], end + 2


def _text(meta: LocatedDict, key: str, path: Path) -> str:
    schema = FIELD if key in FIELD.names else METADATA
    return text_value(meta, key, path, one_line=schema[key].kind == "一行文字")


def load_fields(meta: LocatedDict, path: Path, kinds: tuple[str, ...]) -> list[Field]:
    fields: list[Field] = []
    for item in meta["字段"]:
        FIELD.check(item, path, meta.line_of("字段"))
        key = _text(item, "键", path)
        if re.search(r"[\s【】]", key):
            raise SourceError(path, item.line_of("键"), f"字段的键“{key}”含空白或方头括号。", FIELD["键"].what + "。")
        if any(f.key == key for f in fields):
            raise SourceError(path, item.line_of("键"), f"字段“{key}”声明了两次。", "删掉重复的一项，或给它换一个键。")
        required = text_value(item, "必填", path, required=False, one_line=True) or "是"
        if required not in YES_NO:
            raise SourceError(path, item.line_of("必填"), f"“必填”的值“{required}”不对。", "写“是”或“否”。")
        kind = text_value(item, "类型", path, required=False, one_line=True) or "文本"
        if kind not in kinds:
            raise SourceError(
                path, item.line_of("类型"), f"“类型”的值“{kind}”不对。", f"改成其中之一：{'、'.join(kinds)}。"
            )
        fields.append(
            Field(
                key=key,
                label=_text(item, "标签", path),
                help=_text(item, "说明", path),
                example=_text(item, "示例", path),
                required=YES_NO[required],
                kind=kind,
                line=item.line_of("键"),
            )
        )
    if not fields:
        raise SourceError(path, meta.line_of("字段"), "“字段”是空的。", "至少声明一个字段。")
    return fields


def parse_body(path: Path, lines: list[str], first_line: int, fields: list[Field]) -> list[Para]:
    declared = {f.key for f in fields}
    raw: list[tuple[int, str, bool]] = []
    for offset, line in enumerate(lines):
        number = first_line + offset
        text = line_text(line)
        if not text:
            continue
        added = text.startswith(ADDED)
        if added:
            text = text[len(ADDED) :].strip()
            if not text:
                raise SourceError(path, number, "“【新增】”后面没有内容。", "删掉这一行，或在标记后写上补写的句子。")
        if ADDED in text:
            raise SourceError(path, number, "“【新增】”只能写在一段的开头。", "把它挪到段首，或把这段拆成两行。")
        rest = PLACEHOLDER.sub("", text)
        if "【【" in rest or "】】" in rest:
            broken = rest[max(rest.find("【【"), rest.find("】】")) :][:12]
            raise SourceError(
                path, number, f"占位符没有写完整：“{broken}…”。", "占位符写成【【键】】，前后各两个方头括号。"
            )
        for key in PLACEHOLDER.findall(text):
            if not key:
                raise SourceError(path, number, "有一个空的占位符“【【】】”。", "在括号里写上字段的键，或删掉它。")
            if key not in declared:
                raise SourceError(
                    path,
                    number,
                    f"占位符【【{key}】】没有在“字段”里声明。",
                    f"在“字段”里加一项“键: {key}”，或改成已声明的键：{'、'.join(declared)}。",
                )
        raw.append((number, text, added))
    if not raw:
        raise SourceError(path, first_line, "模板没有正文。", "在结束元数据的“---”之后写正文，一段一行。")
    used = {key for _, text, _ in raw for key in PLACEHOLDER.findall(text)}
    for field in fields:
        if field.key not in used:
            raise SourceError(
                path,
                field.line,
                f"字段“{field.key}”声明了，正文里却没有用到。",
                f"在正文里写上【【{field.key}】】，或删掉这个字段。",
            )
    # Heading levels come from the numbering, exactly as for samples.
    blocks = split_blocks("\n".join(text for _, text, _ in raw))
    return [Para(number, text, added, block.level) for (number, text, added), block in zip(raw, blocks, strict=True)]


def load_template(path: Path, vocab: dict[str, list[Term]], samples: list[Sample]) -> Template:
    front, body, body_line = split_front_matter(path, read_source(path))
    meta = METADATA.check(parse_yaml(front, path, first_line=2), path, 2)
    slug = _text(meta, "slug", path)
    if not SLUG.match(slug):
        raise SourceError(path, meta.line_of("slug"), f"slug“{slug}”不合规。", "只用小写字母、数字和连字符。")
    title = _text(meta, "标题", path)
    order = int_value(meta, "顺序", path)
    sources = text_list(meta, "来源", path)
    known = {s.slug for s in samples}
    for source in sources:
        if source not in known:
            raise SourceError(
                path,
                meta.line_of("来源"),
                f"来源范文“{source}”不存在。",
                f"改成已有范文的 slug：{'、'.join(sorted(known))}。",
            )
    fields = load_fields(meta, path, names(vocab, "字段类型"))
    return Template(
        slug=slug,
        title=title,
        order=order,
        summary=_text(meta, "摘要", path),
        facets=check_facets(meta, path, vocab, multi=("行业",)),
        sources=sources,
        fields=fields,
        paras=parse_body(path, body, body_line, fields),
        meta_path=path,
    )


def load_templates(templates_dir: Path, vocab: dict[str, list[Term]], samples: list[Sample]) -> list[Template]:
    """Every template except README.md, in list order; two with one slug are an error."""
    templates = [
        load_template(p, vocab, samples) for p in sorted(templates_dir.glob("*.md")) if p.name.lower() != "readme.md"
    ]
    seen: dict[str, Template] = {}
    for template in templates:
        if template.slug in seen:
            front, _, _ = split_front_matter(template.meta_path, read_source(template.meta_path))
            line = parse_yaml(front, template.meta_path, first_line=2).line_of("slug")
            raise SourceError(
                template.meta_path,
                line,
                f"模板 slug“{template.slug}”与 {seen[template.slug].meta_path.name} 重复。",
                "给其中一个换一个 slug（网址名）。",
            )
        seen[template.slug] = template
    return sorted(templates, key=lambda t: (t.order, t.slug))


# ---------------------------------------------------------------- round trip

_SENTENCE_END = re.compile(r"(?<=[。！？；])")


def sentences(text: str) -> list[str]:
    """Split at 。！？；, keeping the mark with its sentence."""
    return [s for s in (part.strip() for part in _SENTENCE_END.split(text)) if s]


# Templates follow the 公文 norms (the draft checker finds no 错误 in them); the samples are the record and keep
# their slips (half-width commas, 1、 numbering, 1-2个). So the round trip compares after folding these in both
# texts: first the patterns (name -> (pattern, replacement)), then the characters.
PATTERN_FOLD = {
    "N、→N.": (re.compile(r"^(\d{1,2})、(?!\d)"), r"\1."),
    "数字间 -→～": (re.compile(r"(?<=\d)-(?=\d)"), "～"),
    "》、《→》《": (re.compile(r"(?<=[》”])、(?=[《“])"), ""),
}
PUNCTUATION_FOLD = {",": "，", ";": "；", ":": "：", "(": "（", ")": "）", "?": "？", "!": "！", "“": "", "”": ""}


def normalise(text: str, counts: dict[str, int] | None = None) -> str:
    """text with PATTERN_FOLD and PUNCTUATION_FOLD applied; counts what changed (“,→，”: n) when given a dict."""
    counts = {} if counts is None else counts
    for name, (pattern, replacement) in PATTERN_FOLD.items():
        text, n = pattern.subn(replacement, text)
        if n:
            counts[name] = counts.get(name, 0) + n
    out = []
    for char in text:
        folded = PUNCTUATION_FOLD.get(char, char)
        if folded != char:
            key = f"{char}→{folded or '（删去）'}"
            counts[key] = counts.get(key, 0) + 1
        out.append(folded)
    return "".join(out)


@dataclass(frozen=True)
class RoundTrip:
    slug: str
    checked: int  # sentences of the template (without 【新增】 paragraphs), filled with the 示例 values
    missing: list[str]  # of those, the ones not found in the sources (both normalised)
    kept: int  # sentences of the source samples that the filled template reproduces
    total: int  # all sentences of the source samples
    added: int  # 【新增】 paragraphs, not checked
    normalised: dict[str, int]  # what normalise() changed, in the template and its sources together


def round_trip(template: Template, samples: dict[str, Sample]) -> RoundTrip:
    """Fill with the 示例 values and look for every sentence in the sources (lines joined, no separator).

    Both sides are normalised first (PUNCTUATION_FOLD, 1、 numbering); `normalised` says what that changed.
    """
    counts: dict[str, int] = {}
    blocks = [b for slug in template.sources for b in samples[slug].blocks]
    texts = [(normalise(b.text, counts), b.is_heading) for b in blocks]
    source = "".join(text for text, _ in texts)
    ours: list[str] = []
    filled_paras = []
    for para in template.paras:
        if not para.added:
            filled = normalise(fill_para(para, template.examples), counts)
            filled_paras.append(filled)
            ours += [filled] if para.is_heading else sentences(filled)
    theirs = [s for text, heading in texts for s in ([text] if heading else sentences(text))]
    filled_text = "".join(filled_paras)
    return RoundTrip(
        slug=template.slug,
        checked=len(ours),
        missing=[s for s in ours if s not in source],
        kept=sum(s in filled_text for s in theirs),
        total=len(theirs),
        added=sum(p.added for p in template.paras),
        normalised=dict(sorted(counts.items(), key=lambda kv: -kv[1])),
    )
