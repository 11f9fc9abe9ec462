"""The table of twins (macros/build/scripts.py TWINS) is complete and true: every script in macros/ is in it, every
name a twin defines for the page is listed with its Python original, and every original exists."""

from __future__ import annotations

import importlib
import re
from pathlib import Path

import pytest
from node_runner import node

from macros.build.scripts import BUNDLES, TWINS

ROOT = Path(__file__).resolve().parents[2]


def test_every_script_in_macros_is_a_twin_in_the_table():
    scripts = {p.relative_to(ROOT).as_posix() for p in (ROOT / "macros").rglob("*.js")}
    listed = {twin.js for twin in TWINS}
    assert scripts == listed, (
        f"not in TWINS: {sorted(scripts - listed)}; in TWINS but missing: {sorted(listed - scripts)}"
    )


@pytest.mark.parametrize("twin", TWINS, ids=lambda t: t.key)
def test_a_twin_defines_exactly_what_the_table_lists(node, twin):
    defined = node.exports(twin.source())
    assert sorted(defined) == sorted(twin.exports), (
        "a twin's globals must each be listed in TWINS with the Python they mirror: "
        f"unlisted {sorted(set(defined) - set(twin.exports))}, not defined {sorted(set(twin.exports) - set(defined))}"
    )


@pytest.mark.parametrize("twin", TWINS, ids=lambda t: t.key)
def test_every_python_original_exists(twin):
    module = importlib.import_module(twin.python)
    assert Path(module.__file__).parent == (ROOT / twin.js).parent, "a twin lives beside its Python original"
    missing = [name for name in twin.exports.values() if not hasattr(module, name)]
    assert not missing, f"{twin.python} has no {missing}"
    assert isinstance(module.script_constants(), dict)


def retyped(constants: dict, script: str) -> list:
    """Constants of the original written out again in a script: texts of six characters or more, numbers of four
    digits or more (the tables, limits and messages a twin must take from globalThis.fanwenkuPython)."""
    found = []
    for name, value in constants.items():
        texts = [value] if isinstance(value, str) else []
        texts += [v for v in (value.values() if isinstance(value, dict) else []) if isinstance(v, str)]
        found += [(name, text) for text in texts if len(text) >= 6 and text in script]
        if (
            isinstance(value, int)
            and not isinstance(value, bool)
            and value >= 1000
            and re.search(rf"\b{value}\b", script)
        ):
            found.append((name, value))
    return found


def test_a_retyped_constant_is_found():
    constants = {"RESAVE": "另存为 .docx 再试。", "LIMIT": 1000000, "TABLE": {"a": "〇一二三四五六"}}
    script = 'const A = "另存为 .docx 再试。"; const B = 1000000; const C = "〇一二三四五六";'
    assert [name for name, _ in retyped(constants, script)] == ["RESAVE", "LIMIT", "TABLE"]
    assert retyped(constants, "const A = PY.RESAVE;") == []


@pytest.mark.parametrize("twin", TWINS, ids=lambda t: t.key)
def test_a_twin_takes_its_constants_from_python_instead_of_retyping_them(twin):
    assert not retyped(twin.constants(), (ROOT / twin.js).read_text(encoding="utf-8"))


def test_every_bundle_part_exists():
    for bundle in BUNDLES:
        for part in bundle.parts:
            assert part.startswith("generated:") or (ROOT / part).is_file(), (bundle.uri, part)


@pytest.mark.parametrize(
    "twin",
    [t for t in TWINS if any(not callable(getattr(importlib.import_module(t.python), n)) for n in t.exports.values())],
    ids=lambda t: t.key,
)
def test_a_constant_a_twin_exports_has_its_python_value(node, twin):
    node.ask({"load": [twin.source()]})
    module = importlib.import_module(twin.python)
    for name, original in twin.exports.items():
        value = getattr(module, original)
        if callable(value):
            continue
        shown = node.call(name)
        expected = value.pattern if isinstance(value, re.Pattern) else value
        assert shown == expected, name
