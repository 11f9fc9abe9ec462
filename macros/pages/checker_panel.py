"""The draft checker's markup in pages: the panel of a sample page and the rules table of the 体检 page."""

from __future__ import annotations

import json

from macros.checker.ruleset import GROUPS, Ruleset
from macros.pages.render import Markup, fragment
from macros.sources.catalog import Sample

TIJIAN = "tijian/index.md"


def sample_text(sample: Sample) -> str:
    """What the checker reads on a sample page: one paragraph per line, so line k is paragraph pk."""
    return "\n".join(block.text for block in sample.blocks)


def script_json(value) -> Markup:
    """JSON safe inside <script type="application/json">: no "<", ">" or "&" can end the element."""
    text = json.dumps(value, ensure_ascii=False)
    return Markup(text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e"))


def sample_panel(sample: Sample, tijian_href: str) -> str:
    return str(fragment("checker_sample", source=script_json({"text": sample_text(sample)}), tijian_href=tijian_href))


def rules_table(ruleset: Ruleset) -> str:
    groups = [(group, [r for r in ruleset.rules if r.group == group]) for group in GROUPS]
    return str(fragment("checker_rules", groups=[(g, rules) for g, rules in groups if rules]))
