"""Shared fixtures: a strict build of the real site, a local HTTP server for it, and headless Chromium."""

from __future__ import annotations

from pathlib import Path

import pytest

# Shared with the benchmark scripts (tests/support.py); imported here so test modules keep `from conftest import …`.
from support import CHROMIUM_ARGS, ROOT, StaticServer, chromium_path, copy_project, run_build  # noqa: F401


def _changed(project: Path, files: dict[str, str] | None, change: tuple[str, str, str] | None) -> None:
    from helpers import edit

    for rel, text in (files or {}).items():
        (project / rel).write_text(text, encoding="utf-8")
    if change:
        rel, old, new = change
        edit(project / rel, old, new)


def load_changed(tmp_path: Path, files: dict[str, str] | None = None, change: tuple[str, str, str] | None = None):
    """Load a changed copy of templates_src/ in-process, as the build's first step does.

    Returns (project, error): the SourceError the loader raised, or None when the library loaded.
    """
    from macros.sources.errors import SourceError
    from macros.sources.library import load_library

    project = copy_project(tmp_path / "project", ["templates_src"])
    _changed(project, files, change)
    try:
        load_library(project)
    except SourceError as error:
        return project, error
    return project, None


def build_changed(tmp_path: Path, files: dict[str, str] | None = None, change: tuple[str, str, str] | None = None):
    """Build a copy of the project after writing `files` (path -> text) and applying `change` (path, old, new).

    Returns (project, out, result) so bad-input tests can check the log and what was published.
    """
    project = copy_project(tmp_path / "project")
    _changed(project, files, change)
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
    from macros.sources.library import load_library

    return load_library(ROOT)


@pytest.fixture(scope="session")
def server(site):
    with StaticServer(site) as static:
        yield static.url


@pytest.fixture(scope="session")
def instant_site(tmp_path_factory):
    """The site built with site_url set to where it is served, once per run: only then does Material's instant
    navigation work (it follows links listed in sitemap.xml, which MkDocs writes only with a site_url).
    Material matches sitemap entries by protocol and host name, the port included: the server's own."""
    out = tmp_path_factory.mktemp("instant") / "site"
    static = StaticServer(out)
    result = run_build(ROOT, out, SITE_URL=static.url)
    assert result.returncode == 0, result.stderr[-2000:]
    with static:
        yield static.url


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
    from macros.sources.library import load_library
    from macros.sources.templates import round_trip

    try:
        catalog = load_library(ROOT)
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
