"""The commands a person runs (scripts/check, scripts/import, scripts/fill): each sets itself up on a fresh clone as
the first command run, answers --help in Chinese with examples and exit codes, and says usage errors in one line."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
COMMANDS = {
    "check": "macros.checker.cli",
    "import": "macros.importer.run",
    "fill": "macros.word.fill_cli",
}
# What a fresh clone does not have: made by the scripts, by builds and by tests.
NOT_IN_A_CLONE = (".git", ".venv", ".cache", "site", "offline", "bench-out", "screenshots", "node_modules")
TEMPLATE = "zhaoshang-yinzi-gongzuo-yaodian-moban"


def fresh_clone(dest: Path) -> Path:
    """The project as a clone has it (no .venv, no caches); uv itself linked in from ours, so that setting up takes
    seconds: bootstrap.sh would otherwise install the pinned uv with pip first, which is the same step every time."""
    shutil.copytree(ROOT, dest, ignore=shutil.ignore_patterns(*NOT_IN_A_CLONE, "__pycache__", "*.pyc"))
    (dest / ".cache").mkdir()
    (dest / ".cache" / "uv-tool").symlink_to(ROOT / ".cache" / "uv-tool", target_is_directory=True)
    return dest


def first_run(clone: Path, command: str, *args, cwd: Path) -> subprocess.CompletedProcess:
    shutil.rmtree(clone / ".venv", ignore_errors=True)
    env = {k: v for k, v in os.environ.items() if k not in {"VIRTUAL_ENV", "UV_PROJECT_ENVIRONMENT", "PYTHONPATH"}}
    env["PATH"] = os.pathsep.join(p for p in env["PATH"].split(os.pathsep) if not p.startswith(str(ROOT)))
    result = subprocess.run(
        [clone / "scripts" / command, *map(str, args)], cwd=cwd, env=env, capture_output=True, text=True, timeout=300
    )
    assert (clone / ".venv" / "bin" / "python").exists(), f"scripts/{command} did not make .venv:\n{result.stderr}"
    return result


def test_each_command_works_as_the_first_command_on_a_fresh_clone(tmp_path, catalog):
    clone = fresh_clone(tmp_path / "clone")
    work = tmp_path / "work"  # the user's own folder: relative paths are theirs, not the project's
    work.mkdir()
    (work / "稿.txt").write_text(
        "关于全县招商引资工作情况的汇报\n今年以来,全县招商引资工作稳步推进。\n", encoding="utf-8"
    )
    (work / "值.yml").write_text(yaml.safe_dump(catalog.template(TEMPLATE).examples, allow_unicode=True), "utf-8")

    check = first_run(clone, "check", "稿.txt", cwd=work)
    assert check.returncode == 1, check.stderr  # one 错误: the half-width comma
    assert check.stdout.startswith("稿.txt:2:5: 错误 [biaodian-douhao]")

    samples = sorted((clone / "templates_src" / "samples").iterdir())
    imported = first_run(clone, "import", "稿.txt", "--dry-run", cwd=work)
    assert imported.returncode == 0, imported.stderr
    assert imported.stdout.startswith("导入  稿.txt → ") and "试运行" in imported.stdout
    assert sorted((clone / "templates_src" / "samples").iterdir()) == samples

    filled = first_run(clone, "fill", TEMPLATE, "值.yml", "-o", "出", cwd=work)
    assert filled.returncode == 0, filled.stderr
    assert sorted(p.name for p in (work / "出").iterdir()) == ["值.docx", "值.txt"]


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_help_is_in_chinese_with_examples_and_exit_codes(command):
    result = subprocess.run([sys.executable, "-m", COMMANDS[command], "--help"], capture_output=True, text=True)
    assert result.returncode == 0
    help_text = result.stdout
    assert help_text.startswith(f"用法：scripts/{command} ")
    examples = help_text.split("例子：\n", 1)[1].split("\n\n", 1)[0].splitlines()
    assert 2 <= len(examples) <= 3 and all(line.startswith(f"  scripts/{command} ") or "|" in line for line in examples)
    assert "退出码：\n  0  " in help_text and "  2  " in help_text
    assert "usage" not in help_text and "show this help" not in help_text


@pytest.mark.parametrize(
    "command, args, said",
    [
        ("check", [], "缺少参数 FILE"),
        ("import", ["--bogus", "a.docx"], "不认识的参数 --bogus"),
        ("fill", [TEMPLATE, "v.yml", "-o"], "参数 -o/--out 后面要写一个值"),
    ],
)
def test_a_usage_error_is_one_chinese_line_that_says_where_the_help_is(command, args, said):
    result = subprocess.run([sys.executable, "-m", COMMANDS[command], *args], capture_output=True, text=True)
    assert result.returncode == 2
    lines = result.stderr.strip().split("\n")
    assert lines[0].startswith(f"用法：scripts/{command} ")  # argparse wraps a long usage over more lines
    assert lines[-1] == f"scripts/{command}: {said}。运行 scripts/{command} --help 看说明和例子。"


def test_the_old_command_names_are_gone_from_the_project():
    """scripts/check_draft.py, import_docs.py and fill_template.py were renamed: nothing may still name them."""
    old = ("check_draft.py", "import_docs.py", "fill_template.py")
    places = ["README.md", "mkdocs.yml", ".ci", "docs", "macros", "overrides", "scripts", "templates_src", "tests"]
    files = [p for place in places for p in [ROOT / place, *(ROOT / place).rglob("*")] if p.is_file()]
    files = [p for p in files if p.suffix in {".py", ".md", ".yml", ".html", ".js", ".sh", ""} and p != Path(__file__)]
    files = [p for p in files if not set(p.relative_to(ROOT).parts) & {"node_modules", "__pycache__"}]
    naming = [str(p.relative_to(ROOT)) for p in files if any(o in p.read_text("utf-8", "replace") for o in old)]
    assert not naming, naming
    assert all((ROOT / "scripts" / name).stat().st_mode & 0o111 for name in COMMANDS)
