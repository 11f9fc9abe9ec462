"""Teaching notes on a sample (templates_src/annotations/<name>.yml): loaded and checked against its text.

Every note is keyed by a paragraph anchor (pK) of the sample it belongs to; a note that points at a
paragraph that does not exist, uses a 功能 or 技法 outside the word lists, or quotes a 原文 that is not in
its paragraph stops the build with the file and the line.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from macros.sources.catalog import Sample, names, require_term
from macros.sources.errors import SourceError
from macros.sources.schema import Key, Schema
from macros.sources.yaml_source import LocatedDict, load_yaml_file, text_list, text_value

LESSONS = (3, 6)  # how many 写法要点 a file has, at least and at most
README = "templates_src/annotations/README.md"
FILE = Schema(
    "批注文件",
    README,
    (
        Key("结构", "映射列表", False, "文章骨架：每个标题一项，有位置、作用"),
        Key("段落", "映射", False, "段落锚点 → 它的功能和技法"),
        Key("写法要点", "映射列表", False, f"{LESSONS[0]} 至 {LESSONS[1]} 条，每条有标题、内容"),
        Key("数据问题", "映射列表", False, "来源损坏或隐去的地方，每条有位置、内容"),
    ),
)
PART = Schema(
    "结构",
    README,
    (Key("位置", "一行文字", True, "标题所在的段落锚点"), Key("作用", "文字", True, "这一部分干什么")),
)
PARAGRAPH = Schema(
    "段落的批注",
    README,
    (
        Key("功能", "一项或几项", True, "词表里的功能，可多个，第一个是这一段主要做的事"),
        Key("技法", "映射列表", False, "写法批注，每条有名称、原文、说明"),
    ),
)
TECHNIQUE = Schema(
    "技法",
    README,
    (
        Key("名称", "一行文字", True, "词表里的技法"),
        Key("原文", "文字", True, "该段原文里逐字照抄的一段"),
        Key("说明", "文字", True, "这样写好在哪里"),
    ),
)
LESSON = Schema(
    "写法要点",
    README,
    (Key("标题", "一行文字", True, "一句话的要点"), Key("内容", "文字", True, "写给要模仿这篇的人")),
)
PROBLEM = Schema(
    "数据问题",
    README,
    (Key("位置", "一行文字", True, "段落锚点"), Key("内容", "文字", True, "来源哪里损坏或隐去了")),
)
# Full-width and half-width forms of the same mark: a quote that differs only in these gets a precise hint.
_WIDTHS = str.maketrans("，；：（）！？", ",;:()!?")


@dataclass(frozen=True)
class Part:
    anchor: str
    role: str


@dataclass(frozen=True)
class Technique:
    name: str
    quote: str
    note: str


@dataclass(frozen=True)
class ParagraphNotes:
    functions: tuple[str, ...]
    techniques: tuple[Technique, ...]


@dataclass(frozen=True)
class Lesson:
    title: str
    text: str


@dataclass(frozen=True)
class Problem:
    anchor: str
    text: str


@dataclass
class Annotations:
    path: Path
    parts: list[Part] = field(default_factory=list)
    paragraphs: dict[str, ParagraphNotes] = field(default_factory=dict)
    lessons: list[Lesson] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def _text(item: LocatedDict, key: str, path: Path) -> str:
    return text_value(item, key, path, one_line=key == "标题")


def _check_anchor(anchor: str, sample: Sample, path: Path, line: int) -> str:
    if anchor not in sample.anchors:
        raise SourceError(
            path,
            line,
            f"“{anchor}”不是《{sample.title}》里的段落（原文共 {len(sample.blocks)} 段，p1 到 p{len(sample.blocks)}）。",
            "改成存在的段落锚点：原文第 k 个非空行就是 pk。",
        )
    return anchor


def _anchor(item: LocatedDict, key: str, sample: Sample, path: Path) -> str:
    return _check_anchor(text_value(item, key, path, one_line=True), sample, path, item.line_of(key))


def _quote_fix(quote: str, text: str) -> str:
    if quote.translate(_WIDTHS) in text.translate(_WIDTHS):
        return "只是标点的全角、半角不同：照原文的标点抄（原文多用半角“,”）。"
    return "从该段原文里逐字复制一段（包括标点），不要改写或缩略。"


def _paragraph(key: str, item, data: LocatedDict, sample: Sample, path: Path, vocab: dict) -> ParagraphNotes:
    PARAGRAPH.check(item, path, data.line_of(key))
    functions = text_list(item, "功能", path)
    for name in functions:
        require_term(name, names(vocab, "功能"), "功能", path, item.line_of("功能"), f"功能“{name}”不在功能词表里。")
    text = sample.block(key).text
    techniques = []
    for tech in item.get("技法") or []:
        TECHNIQUE.check(tech, path, item.line_of("技法"))
        name = text_value(tech, "名称", path, one_line=True)
        require_term(name, names(vocab, "技法"), "技法", path, tech.line_of("名称"), f"技法“{name}”不在技法词表里。")
        quote = _text(tech, "原文", path)
        if quote not in text:
            raise SourceError(path, tech.line_of("原文"), f"原文“{quote}”不在 {key} 里。", _quote_fix(quote, text))
        techniques.append(Technique(name, quote, _text(tech, "说明", path)))
    return ParagraphNotes(tuple(functions), tuple(techniques))


def load_annotations(path: Path, sample: Sample, vocab: dict) -> Annotations:
    data = FILE.check(load_yaml_file(path), path, 1)
    notes = Annotations(path)
    for item in data.get("结构") or []:
        PART.check(item, path, data.line_of("结构"))
        part = Part(_anchor(item, "位置", sample, path), _text(item, "作用", path))
        if notes.parts and sample.block(part.anchor).number <= sample.block(notes.parts[-1].anchor).number:
            raise SourceError(
                path,
                item.line_of("位置"),
                f"结构里的 {part.anchor} 排在 {notes.parts[-1].anchor} 后面。",
                "按原文顺序排列，每个位置只写一次。",
            )
        notes.parts.append(part)
    paragraphs = data.get("段落") or LocatedDict()
    for key, item in paragraphs.items():
        _check_anchor(str(key), sample, path, paragraphs.line_of(key))
        notes.paragraphs[str(key)] = _paragraph(str(key), item, paragraphs, sample, path, vocab)
    lessons = data.get("写法要点") or []
    low, high = LESSONS
    if not low <= len(lessons) <= high:
        raise SourceError(
            path,
            data.line_of("写法要点") if "写法要点" in data else data.line,
            f"写法要点有 {len(lessons)} 条。",
            f"写 {low} 到 {high} 条，每条有标题和内容。",
        )
    for item in lessons:
        LESSON.check(item, path, data.line_of("写法要点"))
        notes.lessons.append(Lesson(_text(item, "标题", path), _text(item, "内容", path)))
    for item in data.get("数据问题") or []:
        PROBLEM.check(item, path, data.line_of("数据问题"))
        notes.problems.append(Problem(_anchor(item, "位置", sample, path), _text(item, "内容", path)))
    return notes


def load_all(folder: Path, samples: list[Sample], vocab: dict) -> dict[str, Annotations]:
    """Sample slug -> its annotations; a sample without a file has none. A file without a sample is an error."""
    by_stem = {s.text_path.stem: s for s in samples}
    result = {}
    for path in sorted(folder.glob("*.yml")):
        sample = by_stem.get(path.stem)
        if sample is None:
            raise SourceError(
                path,
                None,
                f"没有名为 {path.stem}.txt 的范文。",
                f"文件名要与范文源文件同名：{'、'.join(sorted(by_stem))}。",
            )
        result[sample.slug] = load_annotations(path, sample, vocab)
    return result
