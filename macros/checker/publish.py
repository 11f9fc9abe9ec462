"""The rule set as a script for the browser: the bundle assets/checker/rules.js (macros/build/scripts.py) sets
globalThis.fanwenkuCheckerRules.

A script, not a JSON file to fetch: the folder build is opened from file://, where a page may not read files.
"""

from __future__ import annotations

import json

from macros.sources.checker_rules import Ruleset

GLOBAL = "globalThis.fanwenkuCheckerRules"


def rules_data(ruleset: Ruleset, phrase_slugs: dict[str, str] | None = None) -> dict:
    """as_data() plus, for the page, each phrase's slug: its page is biaoshu/<slug>/ (report.js; empty for the CLI)."""
    data = ruleset.as_data()
    slugs = phrase_slugs or {}
    for phrase in data["phrases"]:
        phrase["slug"] = slugs.get(phrase["text"], "")
    return data


def rules_script(ruleset: Ruleset, phrase_slugs: dict[str, str] | None = None) -> str:
    payload = json.dumps(rules_data(ruleset, phrase_slugs), ensure_ascii=False, separators=(",", ":"))
    return (
        f"/* Generated from templates_src/checker/ by macros/build/plugin.py: do not edit. */\n{GLOBAL} = {payload};\n"
    )
