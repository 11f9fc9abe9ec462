"""The draft checker's markup in pages: the panel of a sample page and the rules table of the 体检 page."""

from __future__ import annotations

from macros.pages.render import fragment
from macros.sources.catalog import Sample
from macros.sources.checker_rules import GROUPS, Ruleset
from macros.sources.site_map import CHECKER_PAGE

TIJIAN = f"{CHECKER_PAGE}/index.md"


def sample_text(sample: Sample) -> str:
    """What the checker reads on a sample page: one paragraph per line, so line k is paragraph pk."""
    return "\n".join(block.text for block in sample.blocks)


def sample_panel(sample: Sample, tijian_href: str) -> str:
    """The panel holds the text in an attribute (escaped by the fragment's autoescape; an attribute keeps line ends):
    data never goes into a <script> element, not even one of type application/json."""
    return str(fragment("checker_sample", text=sample_text(sample), tijian_href=tijian_href))


def rules_table(ruleset: Ruleset) -> str:
    groups = [(group, [r for r in ruleset.rules if r.group == group]) for group in GROUPS]
    return str(fragment("checker_rules", groups=[(g, rules) for g, rules in groups if rules]))
