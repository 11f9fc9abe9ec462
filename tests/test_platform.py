"""The platform under the site (docs/weihu/pingtai.md): the lock stays below MkDocs 2 and Material 10, ProperDocs (MkDocs 1.x
continued by its original maintainers) builds the same site from the same mkdocs.yml, and what --strict refuses
today stops a build made without it (macros/build/site_checks.py)."""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
from pathlib import Path

from conftest import ROOT, copy_project
from helpers import article_html

from macros.build.site_checks import target_of

BOUNDS = {"mkdocs": 2, "mkdocs-material": 10}  # major versions the lock must stay below


def test_the_lock_stays_below_mkdocs_2_and_material_10():
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    constraints = pyproject["tool"]["uv"]["constraint-dependencies"]
    lock = tomllib.loads((ROOT / "uv.lock").read_text(encoding="utf-8"))
    locked = {p["name"]: p["version"] for p in lock["package"]}
    for name, major in BOUNDS.items():
        assert f"{name}<{major}" in constraints
        assert {"name": name, "specifier": f"<{major}"} in lock["manifest"]["constraints"], "run uv lock"
        assert int(locked[name].split(".")[0]) < major, (name, locked[name])


def build_with(command: list[str], project: Path, out: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("OFFLINE", None)
    return subprocess.run([*command, "-d", str(out)], cwd=project, env=env, capture_output=True, text=True)


def test_properdocs_builds_every_page_as_mkdocs_does(site, tmp_path):
    out = tmp_path / "properdocs"
    result = build_with([str(Path(sys.executable).with_name("properdocs")), "build", "--strict"], ROOT, out)
    assert result.returncode == 0, result.stderr[-3000:]
    assert not [line for line in result.stderr.splitlines() if "WARNING" in line], result.stderr
    files = lambda folder: {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}  # noqa: E731
    assert files(out) == files(site) - {".fanwenku-build"}
    pages = sorted(p for p in files(site) if p.endswith(".html") and p != "404.html")
    differ = [
        page
        for page in pages
        if article_html((out / page).read_text(encoding="utf-8")) != article_html((site / page).read_text("utf-8"))
    ]
    assert len(pages) > 100 and not differ, f"{len(differ)} of {len(pages)} pages differ: {differ[:20]}"


def test_what_strict_refuses_stops_a_build_without_it(tmp_path):
    project = copy_project(tmp_path / "project")
    about = project / "docs/about.md"
    about.write_text(
        about.read_text(encoding="utf-8")
        + "\n\n[甲](no-such-page.md) [乙](index.md#no-such-anchor) [丙](tijian/index.md#fw-ck-biaoshu)\n",
        encoding="utf-8",
    )
    (project / "docs/extra.md").write_text("# 多余的页\n", encoding="utf-8")
    (project / "mkdocs.yml").write_text(
        (project / "mkdocs.yml").read_text(encoding="utf-8") + "not_in_nav: |\n  raw.md\n", encoding="utf-8"
    )
    (project / "docs/raw.md").write_text(
        "---\nrender_macros: false\n---\n# 没展开\n\n{{ library_counts().samples }}\n", encoding="utf-8"
    )
    result = build_with([sys.executable, "-m", "mkdocs", "build"], project, tmp_path / "out")  # no --strict
    assert result.returncode != 0
    problems = result.stderr[result.stderr.index("构建停止") :].splitlines()[1:]
    assert problems == [
        "docs/extra.md: 不在导航里。 修改方法：在 mkdocs.yml 的 nav 里列出它，或把它写进 mkdocs.yml 的 not_in_nav（不进导航，从别的页面链接到它）。",
        "docs/raw.md: 宏没有展开：{{ library_counts().samples }}。 修改方法：mkdocs.yml 的 plugins 里要有 macros，页面的 front matter 里不要写 render_macros: false。",
        "docs/about.md（no-such-page.md）: 链接指向的文件没有生成。 修改方法：改正链接，或补上它指向的页面。",
        "docs/about.md（../#no-such-anchor）: 链接指向的锚点“no-such-anchor”在 index.md 里没有。 修改方法：改成页面上有的标题或段落锚点。",
    ]


def test_a_link_is_resolved_as_the_browser_does():
    assert target_of("fanwen/a/index.html", "../b/#p3") == ("fanwen/b/index.html", "p3")
    assert target_of("fanwen/a/index.html", "../../biaoshu/") == ("biaoshu/index.html", "")
    assert target_of("fanwen/a.html", "b.html#%E4%B8%80") == ("fanwen/b.html", "一")
    assert target_of("index.html", "./") == ("index.html", "")
    assert target_of("fanwen/a/index.html", "#p2") == ("fanwen/a/index.html", "p2")
    assert target_of("about/index.html", "a.docx?x=1") == ("about/a.docx", "")
    for outside in ("https://example.org/", "mailto:a@b.c", "javascript:void(0)", "//host/x"):
        assert target_of("index.html", outside) is None
