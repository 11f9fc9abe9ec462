"""Shared fixtures: a strict build of the real site, a local HTTP server for it, and headless Chromium.

The suite runs in parallel (pytest-xdist, `-n` in pyproject.toml's addopts, one test file per worker so that a
module's fixtures are made once): each site variant below is still built once per run and shared by the workers
(`built_once`), and the site built for instant navigation is served by the controlling process (`instant_site`).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from browsing import new_context

# Shared with the benchmark scripts (macros/harness/); imported here so test modules keep `from conftest import …`.
from macros.harness.chromium import CHROMIUM_ARGS, chromium_path  # noqa: F401
from macros.harness.project import ROOT, copy_project, run_build  # noqa: F401
from macros.harness.static_server import StaticServer  # noqa: F401


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


def built_once(tmp_path_factory, name: str, make: Callable[[Path], None]) -> Path:
    """A folder that `make` fills (a site build), made once per test run however many xdist workers use it.

    Without xdist: a new temporary folder. With it: a folder in the temporary folder the run's workers share; the
    first worker to need it makes it while holding a file lock, the others wait and use it. A failed `make` is not
    marked done, so every worker that needs the folder tries again and fails with its own message.
    """
    if os.environ.get("PYTEST_XDIST_WORKER") is None:
        folder = tmp_path_factory.mktemp(name)
        make(folder)
        return folder
    from filelock import FileLock

    shared = tmp_path_factory.getbasetemp().parent  # the run's folder, holding each worker's own basetemp
    folder, done = shared / name, shared / f"{name}.done"
    with FileLock(shared / f"{name}.lock"):
        if not done.exists():
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir()
            make(folder)
            done.touch()
    return folder


def _strict_build(project: Path, out: Path, **settings: str) -> None:
    result = run_build(project, out, **settings)
    assert result.returncode == 0, f"strict build failed:\n{result.stdout}\n{result.stderr}"
    warnings = [line for line in result.stderr.splitlines() if "WARNING" in line]
    assert not warnings, "build printed warnings:\n" + "\n".join(warnings)


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """The real site, built once per test run with --strict."""
    return built_once(tmp_path_factory, "site", lambda out: _strict_build(ROOT, out))


@pytest.fixture(scope="session")
def catalog():
    from macros.sources.library import load_library

    return load_library(ROOT)


@pytest.fixture(scope="session")
def server(site):
    with StaticServer(site) as static:
        yield static.url


INSTANT = "instant"  # the shared folder of the instant-navigation build, served by the xdist controller


@pytest.hookimpl(trylast=True)  # after pytest's own configure has made config._tmp_path_factory
def pytest_configure(config):
    """Under xdist, the controlling process serves the instant-navigation build for all workers (see instant_site)."""
    if hasattr(config, "workerinput") or not config.pluginmanager.hasplugin("dsession"):
        return
    folder = config._tmp_path_factory.getbasetemp() / INSTANT / "site"  # the workers' shared folder (built_once)
    config._instant_server = StaticServer(folder).start()


def pytest_configure_node(node):
    """xdist hook: tell each worker where the controller serves the instant-navigation build."""
    node.workerinput["instant_url"] = node.config._instant_server.url


def pytest_unconfigure(config):
    server = getattr(config, "_instant_server", None)
    if server:
        server.stop()


@pytest.fixture(scope="session")
def instant_site(request, tmp_path_factory):
    """The site built with site_url set to where it is served, once per run: only then does Material's instant
    navigation work (it follows links listed in sitemap.xml, which MkDocs writes only with a site_url).
    Material matches sitemap entries by protocol and host name, the port included: the server's own. Under xdist
    that server runs in the controlling process, so every worker's browser sees the one address the build names."""
    url = getattr(request.config, "workerinput", {}).get("instant_url")
    if url is None:
        out = tmp_path_factory.mktemp(INSTANT) / "site"
        static = StaticServer(out)
        _strict_build(ROOT, out, SITE_URL=static.url)
        with static:
            yield static.url
        return
    built_once(tmp_path_factory, INSTANT, lambda folder: _strict_build(ROOT, folder / "site", SITE_URL=url))
    yield url


@pytest.fixture(scope="session")
def offline(tmp_path_factory) -> Path:
    """The folder build and its zip, made by the documented command (scripts/build-offline), once per run."""

    def make(folder: Path) -> None:
        result = subprocess.run([ROOT / "scripts/build-offline", folder / "fanwenku"], capture_output=True, text=True)
        assert result.returncode == 0, f"scripts/build-offline failed:\n{result.stdout}\n{result.stderr}"
        warnings = [line for line in result.stderr.splitlines() if "WARNING" in line]
        assert not warnings, "build printed warnings:\n" + "\n".join(warnings)

    return built_once(tmp_path_factory, "offline", make) / "fanwenku"


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def site_context(browser):
    """The browser context the `page` fixture opens its pages in, one per test process: a new context and its
    first page cost Chromium 0.45 s of CPU, a page in this one 0.28 s, and its HTTP and code caches stay warm.
    Motion reduced, as in every context the tests make (tests/browsing.py)."""
    context = new_context(browser, locale="zh-CN")
    yield context
    context.close()


# What a page leaves behind on the site's origin that a next test could see (sessionStorage ends with the tab).
STORED = "cookies,local_storage,indexeddb,cache_storage,service_workers,file_systems,websql"


@pytest.fixture
def page(site_context, server):
    """A fresh page with nothing stored; every request that leaves the local server fails the test."""
    page = site_context.new_page()
    outside: list[str] = []
    page.on("request", lambda r: None if r.url.startswith((server, "data:", "blob:")) else outside.append(r.url))
    yield page
    cdp = site_context.new_cdp_session(page)
    cdp.send("Storage.clearDataForOrigin", {"origin": server.rstrip("/"), "storageTypes": STORED})
    cdp.detach()
    page.close()
    site_context.clear_cookies()
    site_context.clear_permissions()
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
