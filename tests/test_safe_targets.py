"""scripts/build and scripts/build-offline never replace a folder that is not an earlier build.

Most cases run macros.build.publish in-process against a small fake project, with a stand-in for MkDocs;
the end-to-end ones run the real commands, and the one that names the project itself runs on a copy.
"""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from conftest import ROOT, copy_project

from macros.build import publish
from macros.build.publish import MARKER, TargetError, build, check_target, clean_leftovers


@pytest.fixture
def project(tmp_path) -> Path:
    root = tmp_path / "project"
    for name in (
        "templates_src/samples",
        "docs/assets",
        "macros/sources",
        "overrides",
        ".git/objects",
        "scripts",
        "site-copy",
    ):
        (root / name).mkdir(parents=True)
        (root / name / "keep.txt").write_text("源文件", encoding="utf-8")
    (root / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")
    return root


def fake_mkdocs(pages: dict[str, str] | None = None, status: int = 0):
    """Stands in for `mkdocs build -d site`: writes the pages and returns the exit status."""

    def run(site: Path, root: Path, offline: bool) -> int:
        site.mkdir(parents=True)
        for name, text in (pages or {"index.html": "新网站", "404.html": "x", "sitemap.xml": "x"}).items():
            (site / name).write_text(text, encoding="utf-8")
        return status

    return run


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


# ---------------------------------------------------------------- which targets are refused


@pytest.mark.parametrize(
    ("where", "problem"),
    [
        (".", "项目文件夹本身"),
        ("..", "在这个文件夹里面"),
        ("/", "在这个文件夹里面"),
        ("templates_src", "源文件夹 templates_src/"),
        ("templates_src/samples/new", "源文件夹 templates_src/"),
        ("docs", "源文件夹 docs/"),
        ("docs/assets/site", "源文件夹 docs/"),
        ("macros", "源文件夹 macros/"),
        ("overrides/site", "源文件夹 overrides/"),
        (".git", "源文件夹 .git/"),
        ("scripts", "源文件夹 scripts/"),
        ("site-copy", "不是空的"),
        ("mkdocs.yml", "是一个文件"),
    ],
)
def test_refused_targets(project, where, problem):
    before = tree(project)
    target = project / where if not where.startswith("/") else Path(where)
    with pytest.raises(TargetError) as error:
        build(target, project, run=fake_mkdocs())
    message = str(error.value)
    assert message.startswith(f"{error.value.path}: 不能生成到这里：") and problem in message, message
    assert message.endswith(f" 修改方法：{error.value.fix}") and "\n" not in message, message
    assert tree(project) == before
    assert not list(project.parent.glob("*.building.*")) and not list(project.glob("*.building.*"))


def test_a_symlink_into_the_sources_is_refused(project, tmp_path):
    link = tmp_path / "looks-harmless"
    link.symlink_to(project / "templates_src")
    with pytest.raises(TargetError, match="templates_src"):
        check_target(link, project)


def test_a_folder_of_someone_elses_files_is_refused(project, tmp_path):
    folder = tmp_path / "srv"
    (folder / "photos").mkdir(parents=True)
    (folder / "photos/a.jpg").write_bytes(b"\xff\xd8")
    with pytest.raises(TargetError) as error:
        build(folder, project, run=fake_mkdocs())
    assert f"没有标记文件 {MARKER}" in str(error.value) and "先自己删掉" in str(error.value)
    assert (folder / "photos/a.jpg").read_bytes() == b"\xff\xd8"


@pytest.mark.parametrize("state", ["missing", "empty", "earlier build"])
def test_accepted_targets(project, tmp_path, state):
    target = tmp_path / "out" / "site"
    if state != "missing":
        target.mkdir(parents=True)
    if state == "earlier build":
        (target / MARKER).write_text("", encoding="utf-8")
        (target / "old.html").write_text("旧网站", encoding="utf-8")
    assert build(target, project, run=fake_mkdocs()) == target
    assert tree(target) == {
        "404.html": b"x",
        MARKER: publish.MARKER_TEXT.encode(),
        "index.html": "新网站".encode(),
        "sitemap.xml": b"x",
    }
    assert sorted(p.name for p in target.parent.iterdir()) == ["site"]


# ---------------------------------------------------------------- failures and leftovers


def test_a_failed_build_leaves_the_old_site_and_nothing_else(project, tmp_path):
    target = tmp_path / "site"
    build(target, project, run=fake_mkdocs({"index.html": "旧网站"}))
    before = tree(target)
    with pytest.raises(publish.BuildFailed):
        build(target, project, run=fake_mkdocs({"index.html": "半截"}, status=1))
    assert tree(target) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["project", "site"]


def dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_leftovers_of_killed_builds_are_cleaned(tmp_path):
    target = tmp_path / "site"
    killed = tmp_path / f"site.building.{dead_pid()}"
    (killed / "site").mkdir(parents=True)
    old_script = tmp_path / "site.building.Ab3xZ9"  # the earlier shell script's mktemp name
    old_script.mkdir()
    old = tmp_path / "site.old"
    old.mkdir()
    (old / MARKER).write_text("", encoding="utf-8")
    running = tmp_path / f"site.building.{os.getpid()}"  # a build of the same target running right now
    running.mkdir()
    theirs = [tmp_path / "site.older", tmp_path / "site2.building.1", tmp_path / "site.old-notes"]
    for path in theirs:
        path.mkdir()
    assert set(clean_leftovers(target)) == {killed, old_script, old}
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([running.name] + [p.name for p in theirs])


def test_an_old_folder_without_the_marker_is_not_ours(tmp_path):
    old = tmp_path / "site.old"
    old.mkdir()
    (old / "notes.txt").write_text("我的笔记", encoding="utf-8")
    assert clean_leftovers(tmp_path / "site") == []
    assert (old / "notes.txt").exists()


# ---------------------------------------------------------------- the folder build's zip


def test_offline_build_publishes_folder_and_zip_with_the_marker(project, tmp_path):
    target = tmp_path / "fanwenku"
    build(target, project, offline=True, run=fake_mkdocs())
    assert sorted(tree(target)) == [MARKER, "index.html"]  # sitemap and 404 are for web servers
    with zipfile.ZipFile(tmp_path / "fanwenku.zip") as archive:
        assert sorted(archive.namelist()) == [f"fanwenku/{MARKER}", "fanwenku/index.html"]
    build(target, project, offline=True, run=fake_mkdocs({"index.html": "第二次"}))
    with zipfile.ZipFile(tmp_path / "fanwenku.zip") as archive:
        assert archive.read("fanwenku/index.html").decode() == "第二次"


def test_offline_build_keeps_a_zip_it_did_not_make(project, tmp_path):
    mine = tmp_path / "fanwenku.zip"
    with zipfile.ZipFile(mine, "w") as archive:
        archive.writestr("合同.docx", b"important")
    before = mine.read_bytes()
    with pytest.raises(TargetError, match="不是以前的离线版构建生成的 zip"):
        build(tmp_path / "fanwenku", project, offline=True, run=fake_mkdocs())
    assert mine.read_bytes() == before and not (tmp_path / "fanwenku").exists()


# ---------------------------------------------------------------- the real commands


def test_build_of_the_project_itself_is_refused_end_to_end(tmp_path):
    """The reported data loss (`scripts/build .`), run on a copy so a regression cannot hit the repository."""
    copy = copy_project(tmp_path / "project")
    (copy / ".git").mkdir()
    (copy / ".git/HEAD").write_text("ref: refs/heads/main\n", encoding="utf-8")
    before = tree(copy)
    for target in (copy, copy / "templates_src", tmp_path):
        result = subprocess.run(
            [sys.executable, copy / "macros/build/publish.py", target], capture_output=True, text=True, cwd=copy
        )
        assert result.returncode == 2, result.stderr
        assert "不能生成到这里" in result.stderr and "修改方法：" in result.stderr and "Traceback" not in result.stderr
    assert tree(copy) == before


def test_scripts_refuse_a_folder_that_is_not_a_build(tmp_path):
    folder = tmp_path / "docs-of-mine"
    folder.mkdir()
    (folder / "a.txt").write_text("不要删", encoding="utf-8")
    for script in ("build", "build-offline"):
        result = subprocess.run([ROOT / "scripts" / script, folder], capture_output=True, text=True)
        assert result.returncode == 2, result.stderr
        assert f"{folder}: 不能生成到这里" in result.stderr and "没有标记文件" in result.stderr
        assert (folder / "a.txt").read_text(encoding="utf-8") == "不要删"
        assert sorted(p.name for p in tmp_path.iterdir()) == ["docs-of-mine"]


def test_scripts_build_publishes_a_marked_site_in_place_of_an_earlier_one(tmp_path):
    target = tmp_path / "站点"
    target.mkdir()
    (target / MARKER).write_text("", encoding="utf-8")
    (target / "旧页面.html").write_text("旧", encoding="utf-8")
    result = subprocess.run([ROOT / "scripts/build", target], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-2000:]
    assert f"已生成 {target}" in result.stdout
    assert (target / MARKER).is_file() and (target / "index.html").is_file()
    assert not (target / "旧页面.html").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["站点"]
