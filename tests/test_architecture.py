"""The shape of the code: no import cycles in macros/, no sys.path edits, no module shadowing the standard library,
and the jobs kept apart (loading sources needs no MkDocs)."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "macros"
PYTHON_FILES = sorted(p for folder in ("macros", "scripts", "tests") for p in (ROOT / folder).rglob("*.py"))


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_of(path: Path) -> set[str]:
    """Every macros.* module this file imports, at any depth (imports inside functions count too)."""
    found = set()
    package = module_name(path).rsplit(".", 0 if path.name == "__init__.py" else 1)[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)
    return {name for name in found if name == "macros" or name.startswith("macros.")}


def graph() -> dict[str, set[str]]:
    modules = {module_name(p): p for p in PACKAGE.rglob("*.py")}
    return {name: {m for m in imports_of(path) if m in modules and m != name} for name, path in modules.items()}


def find_cycle(edges: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, int] = {}  # 1 visiting, 2 done
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(edges.get(node, ())):
            if state.get(nxt) == 1:
                return stack[stack.index(nxt) :] + [nxt]
            if nxt not in state and (cycle := visit(nxt)):
                return cycle
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(edges):
        if node not in state and (cycle := visit(node)):
            return cycle
    return None


def test_the_cycle_finder_finds_a_cycle():
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set(), "c": {"a", "b"}}) is None


def test_no_import_cycle_in_macros():
    cycle = find_cycle(graph())
    assert cycle is None, "import cycle: " + " -> ".join(cycle)


def sys_path_edits(source: str) -> list[int]:
    """Lines that change sys.path: sys.path.insert/append/extend, sys.path[...] = …, sys.path = …"""
    lines = []
    for node in ast.walk(ast.parse(source)):
        target = None
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            if node.func.attr in {"insert", "append", "extend", "remove", "pop", "clear"}:
                target = node.func.value
        elif isinstance(node, ast.Assign | ast.AugAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            target = next((t.value if isinstance(t, ast.Subscript) else t for t in targets), None)
        if isinstance(target, ast.Attribute) and target.attr == "path" and getattr(target.value, "id", "") == "sys":
            lines.append(node.lineno)
    return lines


@pytest.mark.parametrize(
    "source, edits",
    [("import sys\nsys.path.insert(0, 'x')\n", [2]), ("import sys\nsys.path[:0] = ['x']\n", [2]), ("x = [1]\n", [])],
)
def test_sys_path_edits_are_found(source, edits):
    assert sys_path_edits(source) == edits


def test_nothing_edits_sys_path():
    found = {str(p.relative_to(ROOT)): lines for p in PYTHON_FILES if (lines := sys_path_edits(p.read_text("utf-8")))}
    assert not found, f"sys.path edited (the project is installed editable: import it instead): {found}"


def test_no_module_is_named_after_the_standard_library():
    shadowing = [str(p.relative_to(ROOT)) for p in PACKAGE.rglob("*.py") if p.stem in sys.stdlib_module_names]
    assert not shadowing, shadowing


def test_loading_sources_needs_no_mkdocs():
    for path in (PACKAGE / "sources").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        names = [a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names]
        names += [n.module or "" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)]
        assert not [n for n in names if n.split(".")[0] in {"mkdocs", "material"}], path


def test_nothing_but_the_build_and_scripts_stands_on_the_importer():
    """The checker, the pages and the search read Word and text files through word/ and sources/, as the importer
    does: none of them imports the importer."""
    edges = graph()
    leaning = {
        module: sorted(m for m in targets if m.startswith("macros.importer"))
        for module, targets in edges.items()
        if module.split(".")[1:2]
        in (["checker"], ["pages"], ["search"], ["word"], ["sources"], ["guides"], ["documents"])
    }
    assert not {m: t for m, t in leaning.items() if t}, leaning


def test_every_script_in_macros_sits_beside_the_python_module_it_mirrors():
    """A JavaScript twin lives in the folder of its Python original (macros/build/scripts.py TWINS lists the pairs);
    scripts that are only page behaviour live in docs/assets/."""
    import importlib

    from macros.build.scripts import TWINS

    listed = {twin.js: twin for twin in TWINS}
    for script in sorted(PACKAGE.rglob("*.js")):
        name = script.relative_to(ROOT).as_posix()
        assert name in listed, (
            f"{name} is not in macros/build/scripts.py TWINS: a page-only script goes to docs/assets/"
        )
        original = Path(importlib.import_module(listed[name].python).__file__)
        assert original.parent == script.parent, f"{name} mirrors {original.relative_to(ROOT)}: move it beside it"


def test_sources_stand_on_nothing_else_of_macros():
    """sources/ loads all of templates_src/ into the Library every other package reads: it imports none of them."""
    outside = {
        module: sorted(i for i in imports if not i.startswith("macros.sources"))
        for module, imports in graph().items()
        if module.startswith("macros.sources.")
    }
    assert "macros.sources.library" in outside, "sources/ moved: update this check"
    assert not {m: found for m, found in outside.items() if found}


def test_build_code_never_imports_the_harness():
    """macros/harness/ is what tests, benchmarks and screenshots share: a build must not depend on it."""
    edges = graph()
    users = {m: sorted(i for i in deps if i.startswith("macros.harness")) for m, deps in edges.items()}
    outside = {m: found for m, found in users.items() if found and not m.startswith("macros.harness")}
    assert "macros.harness.project" in edges, "the harness moved: update this check"
    assert not outside, f"build code imports the test harness: {outside}"


def browser_shortcuts(source: str) -> list[tuple[int, str]]:
    """Calls a browser test must leave to tests/browsing.py (whose contexts reduce motion and whose axe waits for a
    settled page), and pauses that wait for time instead of for the state a test checks: (line, what)."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
        if isinstance(func, ast.Attribute) and name in {"new_context", "launch_persistent_context"}:
            found.append((node.lineno, name))
        elif name == "new_page" and isinstance(func, ast.Attribute) and "context" not in ast.unparse(func.value):
            found.append((node.lineno, "new_page outside a context"))  # browser.new_page() makes its own context
        elif name in {"Axe", "wait_for_timeout", "sleep"}:
            found.append((node.lineno, name))
    return found


@pytest.mark.parametrize(
    "source, found",
    [
        ("c = browser.new_context(locale='zh-CN')\n", [(1, "new_context")]),
        ("p = browser.new_page()\n", [(1, "new_page outside a context")]),
        ("Axe().run(page)\n", [(1, "Axe")]),
        ("page.wait_for_timeout(300)\ntime.sleep(1)\n", [(1, "wait_for_timeout"), (2, "sleep")]),
        ("context = new_context(browser)\npage = context.new_page()\nother = site_context.new_page()\n", []),
    ],
)
def test_browser_shortcuts_are_found(source, found):
    assert sorted(browser_shortcuts(source)) == found


def test_browser_tests_use_the_shared_context_and_waits():
    """Every context a test makes reduces motion and every axe run waits for a settled page (tests/browsing.py);
    no test pauses for a time in place of waiting for the state it checks."""
    tests = [p for p in PYTHON_FILES if p.parts[len(ROOT.parts)] == "tests" and p.name != "browsing.py"]
    found = {str(p.relative_to(ROOT)): hits for p in tests if (hits := browser_shortcuts(p.read_text("utf-8")))}
    assert not found, f"use tests/browsing.py (new_context, axe_violations) and wait for a state instead: {found}"
