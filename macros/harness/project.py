"""A project to test or measure: copies of it, and strict builds of a copy (as scripts/build makes the site)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# Files a site build needs; tests that break an input copy these into tmp_path first.
PROJECT_PARTS = ["mkdocs.yml", "docs", "templates_src", "macros", "overrides"]


def run_build(project: Path, out: Path, **settings: str) -> subprocess.CompletedProcess:
    """A strict build of the web site; settings are environment variables mkdocs.yml reads, e.g. SITE_URL.

    SITE_URL set in the environment of the test run is honoured (a deployment can test its own address);
    OFFLINE is not: the folder build is made by scripts/build-offline (tests/test_offline.py).
    """
    # No -q: MkDocs counts strict-mode warnings only for records that the log level lets through.
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **settings}
    env.pop("OFFLINE", None)
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(out)],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
    )


def copy_project(dest: Path, parts: list[str] = PROJECT_PARTS) -> Path:
    dest.mkdir(parents=True, exist_ok=True)
    for part in parts:
        src = ROOT / part
        if src.is_dir():
            # __pycache__ too: its bytecode stays valid for an unchanged copy (copy2 keeps each source's time)
            shutil.copytree(src, dest / part)
        else:
            shutil.copy2(src, dest / part)
    return dest
