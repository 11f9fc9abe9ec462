"""Everything the site shows that comes from templates_src/: loaded, validated, cached per build."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from macros.sources.errors import SourceError
from macros.sources.pending import take_pending
from macros.sources.text_blocks import Block, split_blocks
from macros.sources.yaml_source import LocatedDict, load_yaml_file

# The three ways to browse, with the URL folder of their listing pages.
FACETS = {"行业": "hangye", "文种": "wenzhong", "层级": "cengji"}
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


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
    summary: str
    facets: dict[str, list[str]]
    region: str | None
    era: str | None
    notes: list[Note]
    blocks: list[Block]
    meta_path: Path
    text_path: Path
    pending: dict[str, str] = field(
        default_factory=dict
    )  # fields marked 待确认 -> the guess (macros/sources/pending.py)

    kind = "范文"

    @property
    def url(self) -> str:
        return f"fanwen/{self.slug}/"

    @property
    def src_uri(self) -> str:
        return f"fanwen/{self.slug}.md"

    @property
    def anchors(self) -> set[str]:
        return {b.anchor for b in self.blocks}

    def block(self, anchor: str) -> Block | None:
        return next((b for b in self.blocks if b.anchor == anchor), None)


@dataclass
class Catalog:
    root: Path
    vocab: dict[str, list[Term]]
    samples: list[Sample]
    entries: list = field(default_factory=list)  # everything listed by facet: samples, later templates
    templates: list = field(default_factory=list)  # fill-in templates (macros/templates.py)

    def sample(self, slug: str) -> Sample | None:
        return next((s for s in self.samples if s.slug == slug), None)

    def template(self, slug: str):
        return next((t for t in self.templates if t.slug == slug), None)

    def term(self, facet: str, name: str) -> Term:
        return next(t for t in self.vocab[facet] if t.name == name)

    def entries_with(self, facet: str, name: str) -> list:
        return [e for e in self.entries if name in e.facets[facet]]


def load_vocab(path: Path) -> dict[str, list[Term]]:
    data = load_yaml_file(path)
    if not isinstance(data, LocatedDict):
        raise SourceError(path, 1, "词表文件应是“行业/文种/层级”三个键的映射。", "参照文件开头的注释重写。")
    vocab: dict[str, list[Term]] = {}
    for facet in FACETS:
        items = data.get(facet)
        if not isinstance(items, list) or not items:
            raise SourceError(path, data.line, f"缺少“{facet}”列表。", f"加上“{facet}:”和至少一项。")
        terms = []
        for item in items:
            line = getattr(item, "line", data.line_of(facet))
            if not isinstance(item, dict) or not {"名称", "slug", "说明"} <= item.keys():
                raise SourceError(path, line, f"“{facet}”的这一项缺少名称、slug 或说明。", "三项都要写。")
            if not SLUG.match(str(item["slug"])):
                raise SourceError(
                    path, item.line_of("slug"), f"slug“{item['slug']}”不合规。", "只用小写字母、数字和连字符。"
                )
            terms.append(Term(str(item["名称"]), str(item["slug"]), str(item["说明"])))
        for attr in ("name", "slug"):
            values = [getattr(t, attr) for t in terms]
            dup = next((v for v in values if values.count(v) > 1), None)
            if dup:
                raise SourceError(path, data.line_of(facet), f"“{facet}”里“{dup}”出现了两次。", "删掉重复的一项。")
        vocab[facet] = terms
    return vocab


def check_facets(
    meta: LocatedDict, path: Path, vocab: dict[str, list[Term]], multi: tuple[str, ...], pending=()
) -> dict:
    """Validate 行业/文种/层级 values against the vocabulary; returns facet -> list of names."""
    facets = {}
    for facet in FACETS:
        value = meta[facet]
        if facet in pending and value == []:  # 待确认 with no guess in the vocabulary: listed nowhere yet
            facets[facet] = []
            continue
        values = value if isinstance(value, list) else [value]
        if facet not in multi and isinstance(value, list):
            raise SourceError(path, meta.line_of(facet), f"“{facet}”只能有一个值。", "写成单个值，不要用方括号列表。")
        allowed = [t.name for t in vocab[facet]]
        for v in values:
            if v not in allowed:
                raise SourceError(
                    path,
                    meta.line_of(facet),
                    f"“{facet}”的值“{v}”不在词表里。",
                    f"改成其中之一：{'、'.join(allowed)}；或先在 templates_src/vocab.yml 里增加这一项。",
                )
        if not values:
            raise SourceError(path, meta.line_of(facet), f"“{facet}”不能为空。", "至少写一个值。")
        facets[facet] = [str(v) for v in values]
    return facets


def require_keys(meta, path: Path, required: tuple[str, ...], optional: tuple[str, ...], what: str) -> None:
    if not isinstance(meta, LocatedDict):
        raise SourceError(path, 1, f"{what}应是“键: 值”的映射。", "参照同目录的 README.md 重写。")
    for key in required:
        if key not in meta or meta[key] in (None, ""):
            raise SourceError(path, meta.line, f"缺少必填项“{key}”。", f"加上一行“{key}: …”。")
    unknown = [k for k in meta if k not in required + optional]
    if unknown:
        raise SourceError(
            path,
            meta.line_of(unknown[0]),
            f"不认识的键“{unknown[0]}”。",
            f"可用的键：{'、'.join(required + optional)}。",
        )


SAMPLE_REQUIRED = ("slug", "标题", "顺序", "来源", "摘要", "行业", "文种", "层级")
SAMPLE_OPTIONAL = ("地区", "年代", "注记")


def load_sample(meta_path: Path, vocab: dict[str, list[Term]]) -> Sample:
    text_path = meta_path.with_suffix(".txt")
    if not text_path.exists():
        raise SourceError(meta_path, None, f"找不到原文文件 {text_path.name}。", "把原文放在同名的 .txt 文件里。")
    meta = load_yaml_file(meta_path)
    require_keys(meta, meta_path, SAMPLE_REQUIRED, SAMPLE_OPTIONAL, "范文元数据")
    slug = str(meta["slug"])
    if not SLUG.match(slug):
        raise SourceError(meta_path, meta.line_of("slug"), f"slug“{slug}”不合规。", "只用小写字母、数字和连字符。")
    if not isinstance(meta["顺序"], int):
        raise SourceError(meta_path, meta.line_of("顺序"), "“顺序”应是整数。", "写成 1、2、3 这样的数字。")
    pending = take_pending(meta, FACETS, vocab)
    blocks = split_blocks(text_path.read_text(encoding="utf-8"))
    if not blocks:
        raise SourceError(text_path, None, "原文是空的。", "把范文正文粘贴进来，一段一行。")
    anchors = {b.anchor for b in blocks}
    notes = []
    for item in meta.get("注记") or []:
        if not isinstance(item, LocatedDict) or not {"位置", "类型", "内容"} <= item.keys():
            line = getattr(item, "line", meta.line_of("注记"))
            raise SourceError(meta_path, line, "注记的每一项要有位置、类型、内容。", "补齐这三项。")
        if item["位置"] not in anchors:
            raise SourceError(
                meta_path,
                item.line_of("位置"),
                f"注记指向的段落“{item['位置']}”不存在（原文共 {len(blocks)} 段，p1 到 p{len(blocks)}）。",
                "改成存在的段落锚点：原文第 k 个非空行就是 pk。",
            )
        notes.append(Note(str(item["位置"]), str(item["类型"]), str(item["内容"])))
    return Sample(
        slug=slug,
        title=str(meta["标题"]),
        order=meta["顺序"],
        source=str(meta["来源"]),
        summary=str(meta["摘要"]),
        facets=check_facets(meta, meta_path, vocab, multi=("行业",), pending=pending),
        region=meta.get("地区"),
        era=meta.get("年代"),
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


def _fingerprint(src: Path) -> tuple:
    return tuple((str(p), p.stat().st_mtime_ns, p.stat().st_size) for p in sorted(src.rglob("*")) if p.is_file())


_cache: dict[Path, tuple[tuple, Catalog]] = {}


def load_catalog(root: Path) -> Catalog:
    """The catalog of templates_src/ under root; loaded once and reloaded only when a file changes."""
    src = root / "templates_src"
    stamp = _fingerprint(src)
    cached = _cache.get(root)
    if cached and cached[0] == stamp:
        return cached[1]
    vocab = load_vocab(src / "vocab.yml")
    samples = load_samples(src / "samples", vocab)
    from macros.sources.templates import load_templates  # imported here: templates.py builds on this module

    templates = load_templates(src / "templates", vocab, samples)
    catalog = Catalog(root=root, vocab=vocab, samples=samples, entries=[*samples, *templates], templates=templates)
    _cache[root] = (stamp, catalog)
    return catalog
