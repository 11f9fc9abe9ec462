"""One loader for all of templates_src/: the whole library for the build, a part of it for a command line, both
through the same loaders."""

from __future__ import annotations

from conftest import ROOT

from macros.checker.publish import rules_data
from macros.sources.library import PARTS, load_library

FIELDS = ("samples", "templates", "annotations", "phrases", "ruleset", "guide_prose", "import_rules")


def loaded(library) -> set[str]:
    return {name for name in FIELDS if getattr(library, name) is not None}


def test_the_whole_library_holds_every_part(catalog):
    assert loaded(catalog) == set(FIELDS)
    assert (
        catalog.ruleset.rules
        and catalog.guide_prose.kinds
        and set(catalog.import_rules.keywords) == {"文种", "层级", "行业"}
    )


def test_a_part_comes_with_what_it_needs_and_nothing_more():
    assert loaded(load_library(ROOT, parts=())) == set()
    assert loaded(load_library(ROOT, parts=("checker",))) == {"phrases", "ruleset"}
    assert loaded(load_library(ROOT, parts=("import",))) == {"import_rules"}
    assert loaded(load_library(ROOT, parts=("templates",))) == {"samples", "templates"}
    assert set(PARTS) == {"samples", "templates", "annotations", "phrases", "checker", "guides", "import"}


def test_the_command_line_gets_the_rules_the_build_publishes(catalog):
    """The checker's part loads the phrase bank without the samples; the browser and the CLI still get the same."""
    part = load_library(ROOT, parts=("checker",))
    assert rules_data(part.ruleset) == rules_data(catalog.ruleset)
    assert [p.slug for p in part.phrases.phrases] == [p.slug for p in catalog.phrases.phrases]
