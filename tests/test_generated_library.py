"""The generated library of the scale test and the benchmarks (macros/harness/generated_library.py): its samples
load as any sample does and carry the annotations of the paragraphs they were drawn from."""

from __future__ import annotations

from conftest import copy_project

from macros.harness.generated_library import SLUG_PREFIX, grow_library
from macros.sources.library import load_library


def test_generated_samples_carry_their_sources_annotations(tmp_path):
    project = copy_project(tmp_path / "project", ["templates_src"])
    real = load_library(project)
    made = grow_library(project, 40)
    library = load_library(project)  # every copied annotation passes the loader's checks
    assert len(made) == 40 - len(real.samples) and len(library.samples) == 40
    copied_paragraphs = copied_parts = 0
    for sample in made:
        notes = library.annotations.get(sample.slug)
        assert sample.slug.startswith(SLUG_PREFIX)
        for number, (slug, anchor) in enumerate(sample.origins, 1):
            source = real.annotations.get(slug)
            here = f"p{number}"
            assert library.sample(sample.slug).block(here).text == real.sample(slug).block(anchor).text
            if source is not None and anchor in source.paragraphs:
                assert notes.paragraphs[here] == source.paragraphs[anchor]
                copied_paragraphs += 1
            else:
                assert notes is None or here not in notes.paragraphs
            roles = [part.role for part in source.parts if part.anchor == anchor] if source else []
            mine = [part.role for part in notes.parts if part.anchor == here] if notes else []
            assert mine == roles
            copied_parts += len(roles)
        if sample.shape in real.annotations:
            assert notes.lessons == real.annotations[sample.shape].lessons
    assert copied_paragraphs > 100 and copied_parts > 10
