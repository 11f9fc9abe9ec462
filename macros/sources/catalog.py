"""The vocabulary (行业/文种/层级) and the samples (范文) of templates_src/: loaded and validated."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from macros.sources.errors import SourceError
from macros.sources.pending import take_pending
from macros.sources.schema import Key, Schema
from macros.sources.site_map import FACETS, SAMPLE_PAGES
from macros.sources.text_blocks import Block, split_blocks
from macros.sources.text_files import read_source
from macros.sources.yaml_source import LocatedDict, int_value, load_yaml_file, text_list, text_value

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
VOCAB_FILE = "templates_src/vocab.yml"
# Every list of vocab.yml: the facets, the annotation words, the phrase categories, the field kinds.
VOCAB = Schema(
    "词表",
    VOCAB_FILE,
    (
        *(Key(facet, "映射列表", True, f"范文和模板按{facet}分类的名称") for facet in FACETS),
        Key("功能", "映射列表", True, "批注里段落的功能"),
        Key("技法", "映射列表", True, "批注里的写法"),
        Key("表述类别", "映射列表", True, "常用表述的类别，“常用表述”页按这里的顺序分组"),
        Key("字段类型", "映射列表", True, "模板里字段的“类型”"),
    ),
)
TERM = Schema(
    "词表的一项",
    VOCAB_FILE,
    (
        Key("名称", "一行文字", True, "页面上显示的中文"),
        Key("slug", "一行文字", True, "网址里的英文：小写字母、数字和连字符，定了不改"),
        Key("说明", "文字", True, "一句话，页面上会显示"),
    ),
)
VOCAB_LISTS = tuple(VOCAB.names)


@dataclass(frozen=True)
class Term:
    name: str
    slug: str
    description: str


@dataclass(frozen=True)
class Note:
    anchor: str
    kind: str
    text: str


@dataclass
class Sample:
    slug: str
    title: str
    order: int
    source: str
    collection: str | None  # the collection the source belongs to, such as a published set of samples
    summary: str
    facets: dict[str, list[str]]
    region: str | None
    era: str | None
    notes: list[Note]
    blocks: list[Block]
    meta_path: Path
    text_path: Path
    pending: dict[str, str] = field(default_factory=dict)  # fields marked 待确认 -> the guess (sources/pending.py)

    kind = "范文"

    @property
    def url(self) -> str:
        return f"{SAMPLE_PAGES}/{self.slug}/"

    @property
    def src_uri(self) -> str:
        return f"{SAMPLE_PAGES}/{self.slug}.md"

    @property
    def anchors(self) -> set[str]:
        return {b.anchor for b in self.blocks}

    def block(self, anchor: str) -> Block | None:
        return next((b for b in self.blocks if b.anchor == anchor), None)


def load_vocab(path: Path) -> dict[str, list[Term]]:
    data = VOCAB.check(load_yaml_file(path), path, 1)
    vocab: dict[str, list[Term]] = {}
    for facet in VOCAB_LISTS:
        items = data[facet]
        if not items:
            raise SourceError(path, data.line_of(facet), f"“{facet}”是空的。", f"在“{facet}:”下至少写一项。")
        terms = []
        for item in items:
            TERM.check(item, path, data.line_of(facet))
            name, slug = text_value(item, "名称", path, one_line=True), text_value(item, "slug", path, one_line=True)
            if not SLUG.match(slug):
                raise SourceError(path, item.line_of("slug"), f"slug“{slug}”不合规。", "只用小写字母、数字和连字符。")
            terms.append(Term(name, slug, text_value(item, "说明", path)))
        for attr in ("name", "slug"):
            values = [getattr(t, attr) for t in terms]
            dup = next((v for v in values if values.count(v) > 1), None)
            if dup:
                raise SourceError(path, data.line_of(facet), f"“{facet}”里“{dup}”出现了两次。", "删掉重复的一项。")
        vocab[facet] = terms
    return vocab


def names(vocab: dict[str, list[Term]], key: str) -> tuple[str, ...]:
    """The names of one vocabulary list, in the file's order."""
    return tuple(t.name for t in vocab[key])


def require_term(value: str, allowed: tuple[str, ...], key: str, path: Path, line: int | None, problem: str) -> None:
    """Stop at `line` unless `value` is one of `allowed`, vocab.yml's list `key`; `problem` says what is wrong."""
    if value not in allowed:
        raise SourceError(
            path,
            line,
            problem,
            f"改成其中之一：{'、'.join(allowed)}；或先在 templates_src/vocab.yml 的“{key}”里增加这一项。",
        )


def check_facets(
    meta: LocatedDict, path: Path, vocab: dict[str, list[Term]], multi: tuple[str, ...], pending=()
) -> dict:
    """Validate 行业/文种/层级 values against the vocabulary; returns facet -> list of names."""
    facets = {}
    for facet in FACETS:
        if facet in pending and meta[facet] == []:  # 待确认 with no guess in the vocabulary: listed nowhere yet
            facets[facet] = []
            continue
        values = text_list(meta, facet, path, single=facet not in multi)
        for v in values:
            require_term(v, names(vocab, facet), facet, path, meta.line_of(facet), f"“{facet}”的值“{v}”不在词表里。")
        facets[facet] = values
    return facets


SAMPLES_README = "templates_src/samples/README.md"
SAMPLE = Schema(
    "范文元数据",
    SAMPLES_README,
    (
        Key("slug", "一行文字", True, "网址名：小写字母、数字和连字符，全站唯一，定了不改"),
        Key("标题", "一行文字", True, "范文的标题"),
        Key("顺序", "整数", True, "在范文列表里的排序"),
        Key("合集", "一行文字", False, "来源所属的合集；写了的，页面上的来源链接到“关于”页"),
        Key("来源", "文字", True, "出处"),
        Key("摘要", "文字", True, "一两句话，也用作页面的描述"),
        Key("行业", "一项或几项", True, "vocab.yml 里的行业名称，可写成列表"),
        Key("文种", "一项", True, "vocab.yml 里的一个文种名称"),
        Key("层级", "一项", True, "vocab.yml 里的一个层级名称"),
        Key("地区", "一行文字", False, "能看出来时写"),
        Key("年代", "一行文字", False, "能看出来时写，如“2020年”"),
        Key("注记", "映射列表", False, "来源有缺损的段落，每条有位置、类型、内容"),
    ),
)
NOTE = Schema(
    "注记",
    SAMPLES_README,
    (
        Key("位置", "一行文字", True, "段落锚点：原文第 k 个非空行是 pk"),
        Key("类型", "一行文字", True, "如“来源缺损”“缺字”"),
        Key("内容", "文字", True, "说明这一处的情况"),
    ),
)


def load_sample(meta_path: Path, vocab: dict[str, list[Term]]) -> Sample:
    text_path = meta_path.with_suffix(".txt")
    if not text_path.exists():
        raise SourceError(meta_path, None, f"找不到原文文件 {text_path.name}。", "把原文放在同名的 .txt 文件里。")
    meta = SAMPLE.check(load_yaml_file(meta_path), meta_path, 1)
    pending = take_pending(meta, FACETS, vocab)
    slug = text_value(meta, "slug", meta_path, one_line=True)
    if not SLUG.match(slug):
        raise SourceError(meta_path, meta.line_of("slug"), f"slug“{slug}”不合规。", "只用小写字母、数字和连字符。")
    order = int_value(meta, "顺序", meta_path)
    blocks = split_blocks(read_source(text_path))
    if not blocks:
        raise SourceError(text_path, None, "原文是空的。", "把范文正文粘贴进来，一段一行。")
    anchors = {b.anchor for b in blocks}
    notes = []
    for item in meta.get("注记") or []:
        NOTE.check(item, meta_path, meta.line_of("注记"))
        anchor = text_value(item, "位置", meta_path, one_line=True)
        if anchor not in anchors:
            raise SourceError(
                meta_path,
                item.line_of("位置"),
                f"注记指向的段落“{anchor}”不存在（原文共 {len(blocks)} 段，p1 到 p{len(blocks)}）。",
                "改成存在的段落锚点：原文第 k 个非空行就是 pk。",
            )
        kind = text_value(item, "类型", meta_path, one_line=True)
        notes.append(Note(anchor, kind, text_value(item, "内容", meta_path)))
    return Sample(
        slug=slug,
        title=text_value(meta, "标题", meta_path, one_line=True),
        order=order,
        source=text_value(meta, "来源", meta_path),
        collection=text_value(meta, "合集", meta_path, required=False, one_line=True),
        summary=text_value(meta, "摘要", meta_path),
        facets=check_facets(meta, meta_path, vocab, multi=("行业",), pending=pending),
        region=text_value(meta, "地区", meta_path, required=False, one_line=True),
        era=text_value(meta, "年代", meta_path, required=False, one_line=True),
        notes=notes,
        blocks=blocks,
        meta_path=meta_path,
        text_path=text_path,
        pending=pending,
    )


def check_unique_slugs(items, what: str) -> None:
    seen: dict[str, object] = {}
    for item in items:
        if item.slug in seen:
            other = seen[item.slug]
            raise SourceError(
                item.meta_path,
                None,
                f"{what} slug“{item.slug}”与 {other.meta_path} 重复。",
                "给其中一个换一个 slug（网址名）。",
            )
        seen[item.slug] = item


def load_samples(samples_dir: Path, vocab: dict[str, list[Term]]) -> list[Sample]:
    for text_path in sorted(samples_dir.glob("*.txt")):
        if not text_path.with_suffix(".yml").exists():
            raise SourceError(
                text_path,
                None,
                "这篇原文没有元数据文件。",
                f"新建 {text_path.with_suffix('.yml').name}，写明标题、行业等。",
            )
    samples = [load_sample(p, vocab) for p in sorted(samples_dir.glob("*.yml"))]
    check_unique_slugs(samples, "范文")
    return sorted(samples, key=lambda s: (s.order, s.slug))
