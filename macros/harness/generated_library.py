"""A large library made from the real one, for the scale test and the benchmarks.

Every generated sample follows the outline of one of the real samples (heading where it has a heading, paragraph
where it has a paragraph), each line drawn from the real samples' headings or paragraphs with a fixed seed, so the
text, the phrases and the page shapes are those of real 公文 while titles and 行业/文种/层级/地区/年代 vary. The
six real samples stay: templates, annotations and the phrase bank refer to them.

A generated sample is annotated as its sources are (templates_src/annotations/<slug>.yml): a line drawn from an
annotated paragraph takes that paragraph's 功能 and 技法 (the 技法 quote its text, which the line is), a heading
drawn from a heading with a 结构 entry takes its 作用, and the sample takes the 写法要点 of the sample whose outline
it follows; so the 功能 and 技法 pages, and the annotated sample pages, are measured at scale.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass
from pathlib import Path

from macros.search.sections import Section
from macros.search.shards import Page
from macros.sources.library import Library, load_library
from macros.sources.site_map import FACETS
from macros.sources.text_blocks import split_blocks

SEED = 20261201
# 地区 and 年代 are free text in a sample's metadata (templates_src/vocab.yml has no list of them).
REGIONS = ("汶河街道", "龙舌镇", "海林市", "商城县", "乐清市", "东太行", "北洺河", "广陵区", "青山乡", "南湖区")
ERAS = tuple(f"{year}年" for year in range(2005, 2025))
SLUG_PREFIX = "sheng-cheng"


@dataclass(frozen=True)
class GeneratedSample:
    slug: str
    title: str
    order: int
    source: str
    summary: str
    facets: dict[str, list[str]]
    region: str
    era: str
    lines: tuple[str, ...]
    # Where each line was drawn from: (real sample's slug, its block's anchor); and the outline's sample
    origins: tuple[tuple[str, str], ...] = ()
    shape: str = ""

    def meta_yaml(self) -> str:
        """The sample's .yml: one value each for 文种 and 层级, a list for 行业, as the loader wants."""
        meta = {
            "slug": self.slug,
            "标题": self.title,
            "顺序": self.order,
            "来源": self.source,
            "摘要": self.summary,
            "行业": self.facets["行业"],
            "文种": self.facets["文种"][0],
            "层级": self.facets["层级"][0],
            "地区": self.region,
            "年代": self.era,
        }
        # JSON values are valid YAML scalars and lists, with no quoting rules to get wrong.
        return "".join(f"{key}: {json.dumps(value, ensure_ascii=False)}\n" for key, value in meta.items())

    def text(self) -> str:
        return "\n\n".join(self.lines) + "\n"

    def annotations_yaml(self, annotations: dict) -> str | None:
        """The sample's annotation file, copied from its sources' annotations (None when they have none): line k
        is paragraph pk here, as in any sample whose text has no empty lines between paragraphs."""
        parts, paragraphs = [], []
        for number, (slug, anchor) in enumerate(self.origins, 1):
            notes = annotations.get(slug)
            if notes is None:
                continue
            role = next((part.role for part in notes.parts if part.anchor == anchor), None)
            if role is not None:
                parts.append((f"p{number}", role))
            if anchor in notes.paragraphs:
                paragraphs.append((f"p{number}", notes.paragraphs[anchor]))
        lessons = annotations[self.shape].lessons if self.shape in annotations else []
        if not (parts or paragraphs or lessons):
            return None
        out = []
        if parts:
            out.append("结构:")
            out += [f"  - 位置: {anchor}\n    作用: {_yaml(role)}" for anchor, role in parts]
        if paragraphs:
            out.append("段落:")
            for anchor, notes in paragraphs:
                out.append(f"  {anchor}:\n    功能: {_yaml(list(notes.functions))}")
                if notes.techniques:
                    out.append("    技法:")
                    out += [
                        f"      - 名称: {_yaml(t.name)}\n        原文: {_yaml(t.quote)}\n        说明: {_yaml(t.note)}"
                        for t in notes.techniques
                    ]
        if lessons:
            out.append("写法要点:")
            out += [f"  - 标题: {_yaml(lesson.title)}\n    内容: {_yaml(lesson.text)}" for lesson in lessons]
        return "\n".join(out) + "\n"


def _yaml(value) -> str:
    # JSON strings and lists are valid YAML scalars and flow lists, with no quoting rules to get wrong.
    return json.dumps(value, ensure_ascii=False)


def generated_samples(library: Library, count: int, seed: int = SEED) -> list[GeneratedSample]:
    """count minus the real samples' number of new samples (none when count is not larger), the same for a seed."""
    rng = random.Random(seed)
    real = library.samples
    headings = [(b.text, s.slug, b.anchor) for s in real for b in s.blocks if b.is_heading]
    paragraphs = [(b.text, s.slug, b.anchor) for s in real for b in s.blocks if not b.is_heading]
    heading_texts = {text for text, _, _ in headings}
    values = {facet: [t.name for t in library.vocab[facet]] for facet in FACETS}
    seen: dict[str, int] = {}
    samples = []
    for i in range(max(0, count - len(real))):
        shape = rng.choice(real)
        drawn = [rng.choice(headings if b.is_heading else paragraphs) for b in shape.blocks]
        lines = tuple(text for text, _, _ in drawn)
        facets = {
            "行业": rng.sample(values["行业"], rng.choice((1, 1, 2))),
            "文种": [rng.choice(values["文种"])],
            "层级": [rng.choice(values["层级"])],
        }
        region, era = rng.choice(REGIONS), rng.choice(ERAS)
        title = f"{region}{era}{'和'.join(facets['行业'])}{facets['文种'][0]}"
        seen[title] = seen.get(title, 0) + 1
        if seen[title] > 1:
            title += f"（之{seen[title]}）"
        paragraph = next((line for line in lines if line not in heading_texts), lines[-1])
        samples.append(
            GeneratedSample(
                slug=f"{SLUG_PREFIX}-{i + 1:05d}",
                title=title,
                order=100 + i,
                source=shape.source,
                summary=paragraph[:60],
                facets=facets,
                region=region,
                era=era,
                lines=lines,
                origins=tuple((slug, anchor) for _, slug, anchor in drawn),
                shape=shape.slug,
            )
        )
    return samples


def write_samples(project: Path, samples: list[GeneratedSample], annotations: dict | None = None) -> None:
    """Write the samples' text and metadata, and given the real samples' annotations (Library.annotations), the
    annotations copied from them."""
    folder = project / "templates_src" / "samples"
    notes = project / "templates_src" / "annotations"
    for sample in samples:
        (folder / f"{sample.slug}.yml").write_text(sample.meta_yaml(), encoding="utf-8")
        (folder / f"{sample.slug}.txt").write_text(sample.text(), encoding="utf-8")
        copied = sample.annotations_yaml(annotations) if annotations is not None else None
        if copied is not None:
            (notes / f"{sample.slug}.yml").write_text(copied, encoding="utf-8")


def grow_library(project: Path, count: int, seed: int = SEED) -> list[GeneratedSample]:
    """Add annotated samples to the copy of the project at `project` until its library holds `count`; returns the
    new ones."""
    library = load_library(project, parts=("annotations",))
    samples = generated_samples(library, count, seed)
    write_samples(project, samples, library.annotations)
    return samples


def search_pages(root: Path, count: int, seed: int = SEED) -> list[Page]:
    """The library of the project at root grown to `count` samples, as the search index's pages (a section per
    heading, as the sample pages have), without writing or building anything: for the index alone."""
    library = load_library(root, parts=("samples",))
    real = [(s.slug, s.title, [b.text for b in s.blocks], s.facets) for s in library.samples]
    made = [(s.slug, s.title, s.lines, s.facets) for s in generated_samples(library, count, seed)]
    pages = []
    for slug, title, lines, facets in real + made:
        url = f"fanwen/{slug}/"
        sections = [Section(url, title)]
        for block in split_blocks("\n".join(lines)):
            if block.is_heading:
                sections.append(Section(f"{url}#{block.anchor}", block.text))
            else:
                sections[-1].text += ("\n" if sections[-1].text else "") + block.text
        pages.append(Page(url, title, "范文", sections, facets))
    return pages


__all__ = [
    "ERAS",
    "REGIONS",
    "SEED",
    "GeneratedSample",
    "generated_samples",
    "grow_library",
    "search_pages",
    "write_samples",
]
