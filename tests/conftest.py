"""Shared fixtures: a strict build of the real site, a local HTTP server for it, and headless Chromium."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# The flags every Chromium here starts with (no sandbox as root, no background traffic on a closed network).
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
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


def copy_project(dest: Path) -> Path:
    dest.mkdir(parents=True, exist_ok=True)
    for part in PROJECT_PARTS:
        src = ROOT / part
        if src.is_dir():
            shutil.copytree(src, dest / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(src, dest / part)
    return dest


def build_changed(tmp_path: Path, files: dict[str, str] | None = None, change: tuple[str, str, str] | None = None):
    """Build a copy of the project after writing `files` (path -> text) and applying `change` (path, old, new).

    Returns (project, out, result) so bad-input tests can check the log and what was published.
    """
    from helpers import edit

    project = copy_project(tmp_path / "project")
    for rel, text in (files or {}).items():
        (project / rel).write_text(text, encoding="utf-8")
    if change:
        rel, old, new = change
        edit(project / rel, old, new)
    out = tmp_path / "out"
    return project, out, run_build(project, out)


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """The real site, built once per test session with --strict."""
    out = tmp_path_factory.mktemp("site")
    result = run_build(ROOT, out)
    assert result.returncode == 0, f"strict build failed:\n{result.stdout}\n{result.stderr}"
    warnings = [line for line in result.stderr.splitlines() if "WARNING" in line]
    assert not warnings, "build printed warnings:\n" + "\n".join(warnings)
    return out


@pytest.fixture(scope="session")
def catalog():
    from macros.sources.catalog import load_catalog

    return load_catalog(ROOT)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def server(site):
    handler = functools.partial(_QuietHandler, directory=str(site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()


def chromium_path() -> str:
    path = os.environ.get("CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    if not path:
        pytest.fail("No Chromium found: run scripts/test (it installs Debian's chromium) or set CHROMIUM=/path")
    return path


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, server):
    """A fresh page; every request that leaves the local server fails the test."""
    context = browser.new_context(locale="zh-CN")
    page = context.new_page()
    outside: list[str] = []
    page.on("request", lambda r: None if r.url.startswith((server, "data:", "blob:")) else outside.append(r.url))
    yield page
    context.close()
    assert not outside, f"requests left the site: {outside}"


def pytest_terminal_summary(terminalreporter):
    """Per template: its fields, the round-trip check, and how much of its source samples it keeps."""
    from macros.sources.catalog import load_catalog
    from macros.sources.templates import round_trip

    try:
        catalog = load_catalog(ROOT)
    except Exception:  # a broken source is reported by the tests themselves
        return
    samples = {s.slug: s for s in catalog.samples}
    terminalreporter.section("模板往返核对 (template round trip)")
    for template in catalog.templates:
        r = round_trip(template, samples)
        terminalreporter.write_line(
            f"{template.slug}: {len(template.fields)} fields; sentences found {r.checked - len(r.missing)}/{r.checked}; "
            f"source sentences kept {r.kept}/{r.total}; 【新增】 paragraphs {r.added}; "
            f"normalised: {', '.join(f'{k} ×{n}' for k, n in r.normalised.items()) or 'nothing'}"
        )
