"""A large library made from the real one, for the scale test and the benchmarks.

Every generated sample follows the outline of one of the real samples (heading where it has a heading, paragraph
where it has a paragraph), each line drawn from the real samples' headings or paragraphs with a fixed seed, so the
text, the phrases and the page shapes are those of real 公文 while titles and 行业/文种/层级/地区/年代 vary. The
six real samples stay: templates, annotations and the phrase bank refer to them.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass
from pathlib import Path

from macros.sources.library import Library, load_library
from macros.sources.site_map import FACETS

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


def generated_samples(library: Library, count: int, seed: int = SEED) -> list[GeneratedSample]:
    """count minus the real samples' number of new samples (none when count is not larger), the same for a seed."""
    rng = random.Random(seed)
    real = library.samples
    headings = [b.text for s in real for b in s.blocks if b.is_heading]
    paragraphs = [b.text for s in real for b in s.blocks if not b.is_heading]
    values = {facet: [t.name for t in library.vocab[facet]] for facet in FACETS}
    seen: dict[str, int] = {}
    samples = []
    for i in range(max(0, count - len(real))):
        shape = rng.choice(real)
        lines = tuple(rng.choice(headings if b.is_heading else paragraphs) for b in shape.blocks)
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
        paragraph = next((line for line in lines if line not in headings), lines[-1])
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
            )
        )
    return samples


def write_samples(project: Path, samples: list[GeneratedSample]) -> None:
    folder = project / "templates_src" / "samples"
    for sample in samples:
        (folder / f"{sample.slug}.yml").write_text(sample.meta_yaml(), encoding="utf-8")
        (folder / f"{sample.slug}.txt").write_text(sample.text(), encoding="utf-8")


def grow_library(project: Path, count: int, seed: int = SEED) -> list[GeneratedSample]:
    """Add samples to the copy of the project at `project` until its library holds `count`; returns the new ones."""
    samples = generated_samples(load_library(project, parts=("samples",)), count, seed)
    write_samples(project, samples)
    return samples


__all__ = ["ERAS", "REGIONS", "SEED", "GeneratedSample", "generated_samples", "grow_library", "write_samples"]
