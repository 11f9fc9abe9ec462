"""The library: everything in templates_src/, loaded and validated into one object, by one loader.

The build (macros/build/plugin.py) loads it whole in on_config and every page render reads it; the command lines
load only the parts they use (the draft checker its rules, the importer its keywords), through the same loaders,
so they stay fast however many samples there are. Nothing here caches or watches files: a `mkdocs serve`
rebuild simply loads a new Library.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from macros.sources.annotations import Annotations, load_all
from macros.sources.catalog import Sample, Term, load_samples, load_vocab, names
from macros.sources.checker_rules import Ruleset, load_ruleset
from macros.sources.guide_prose import GuideProse, load_guide_prose
from macros.sources.import_rules import ImportRules, load_import_rules
from macros.sources.phrases import PhraseBank, build_bank, load_phrases
from macros.sources.templates import Template, load_templates

# The checkout this code belongs to: its templates_src/ is the library the command lines use unless told otherwise.
PROJECT = Path(__file__).resolve().parents[2]
# The parts of templates_src/ besides vocab.yml (always loaded: everything is checked against it), named by their
# folder, with the parts each needs loaded first. The phrase bank is checked against the samples when they load.
PARTS = {
    "samples": (),
    "templates": ("samples",),
    "annotations": ("samples",),
    "phrases": (),
    "checker": ("phrases",),
    "guides": (),
    "import": (),
}


@dataclass
class Library:
    """The loaded parts of templates_src/; a part load_library was not asked for is None."""

    root: Path
    vocab: dict[str, list[Term]]
    samples: list[Sample]
    templates: list[Template]
    annotations: dict[str, Annotations]  # sample slug -> its notes (samples without a file have none)
    phrases: PhraseBank
    ruleset: Ruleset  # the draft checker's rules (templates_src/checker/)
    guide_prose: GuideProse  # the guides' own text (templates_src/guides/)
    import_rules: ImportRules  # the importer's keywords and gazetteer (templates_src/import/)

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
        return self._terms[facet, name]

    def entries_with(self, facet: str, name: str) -> list:
        """The samples, then the templates, that have this value; the same list on every call (do not change it)."""
        return self._by_value.get((facet, name), [])

    # Pages look terms and entries up by value on every page: a scan of the list each time made a large
    # library's build grow with its square.
    @cached_property
    def _terms(self) -> dict[tuple[str, str], Term]:
        return {(facet, t.name): t for facet, terms in self.vocab.items() for t in terms}

    @cached_property
    def _by_value(self) -> dict[tuple[str, str], list]:
        found: dict[tuple[str, str], list] = {}
        for entry in self.entries:
            for facet, values in entry.facets.items():
                for name in dict.fromkeys(values):
                    found.setdefault((facet, name), []).append(entry)
        return found


def load_library(root: Path, parts: Iterable[str] = PARTS) -> Library:
    """Load and validate templates_src/ under root: vocab.yml and `parts` (all of PARTS by default) with the parts
    they need. The first bad file stops it with a SourceError."""
    wanted, asked = set(), list(parts)
    while asked:
        part = asked.pop()
        if part not in wanted:
            wanted.add(part)
            asked.extend(PARTS[part])
    src = Path(root) / "templates_src"

    def load(part, loader, *args):
        return loader(*args) if part in wanted else None

    # In the order a writer meets them: the first bad file stops the load.
    vocab = load_vocab(src / "vocab.yml")
    samples = load("samples", load_samples, src / "samples", vocab)
    templates = load("templates", load_templates, src / "templates", vocab, samples)
    annotations = load("annotations", load_all, src / "annotations", samples, vocab)
    phrases = load("phrases", lambda: build_bank(load_phrases(src / "phrases", names(vocab, "表述类别")), samples))
    return Library(
        root=Path(root),
        vocab=vocab,
        samples=samples,
        templates=templates,
        annotations=annotations,
        phrases=phrases,
        ruleset=load("checker", lambda: load_ruleset(src / "checker", phrases.phrases)),
        guide_prose=load("guides", load_guide_prose, src / "guides", vocab),
        import_rules=load("import", load_import_rules, src / "import"),
    )
