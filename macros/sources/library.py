"""The library: everything in templates_src/, loaded and validated once per build into one object.

The build (macros/build/plugin.py) loads it in on_config and every page render reads it; scripts load it the
same way. Nothing here caches or watches files: a `mkdocs serve` rebuild simply loads a new Library.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from macros.sources.annotations import Annotations, load_all
from macros.sources.catalog import Sample, Term, load_samples, load_vocab, names
from macros.sources.phrases import PhraseBank, build_bank, load_phrases
from macros.sources.templates import Template, load_templates


@dataclass
class Library:
    root: Path
    vocab: dict[str, list[Term]]
    samples: list[Sample]
    templates: list[Template]
    annotations: dict[str, Annotations]  # sample slug -> its notes (samples without a file have none)
    phrases: PhraseBank

    @property
    def entries(self) -> list:
        """Everything listed by facet: samples, then templates."""
        return [*self.samples, *self.templates]

    def sample(self, slug: str) -> Sample | None:
        return self._by_slug[0].get(slug)

    def template(self, slug: str) -> Template | None:
        return self._by_slug[1].get(slug)

    @cached_property
    def _by_slug(self) -> tuple[dict[str, Sample], dict[str, Template]]:
        # Each sample page looks its sample up: a scan of the list made a build grow with the library's square.
        return {s.slug: s for s in self.samples}, {t.slug: t for t in self.templates}

    def term(self, facet: str, name: str) -> Term:
        return next(t for t in self.vocab[facet] if t.name == name)

    def entries_with(self, facet: str, name: str) -> list:
        return [e for e in self.entries if name in e.facets[facet]]


def load_library(root: Path) -> Library:
    """Load and validate templates_src/ under root; the first bad file stops it with a SourceError."""
    src = Path(root) / "templates_src"
    vocab = load_vocab(src / "vocab.yml")
    samples = load_samples(src / "samples", vocab)
    templates = load_templates(src / "templates", vocab, samples)
    return Library(
        root=Path(root),
        vocab=vocab,
        samples=samples,
        templates=templates,
        annotations=load_all(src / "annotations", samples, vocab),
        phrases=build_bank(load_phrases(src / "phrases", names(vocab, "表述类别")), samples),
    )
