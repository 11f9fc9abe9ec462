"""Build the site into a folder and publish it there, without ever replacing something that is not a build.

    python -m macros.build.publish [目标文件夹]            # scripts/build: the web site, site/ by default
    python -m macros.build.publish --offline [目标文件夹]  # scripts/build-offline: folder + zip for file://

The build goes to `<target>.building.<pid>` beside the target and replaces the target only when it
succeeded, so a failed build leaves the old site as it was. Because publishing deletes the old target, the
target is checked first: it must not be the project, a folder above it or one of its source folders, and
an existing folder must be empty or carry the marker file that every build writes. Leftovers of a build
that was killed (`<target>.building.<pid>` of a process that is gone) are removed on the next run.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import signal
import subprocess
import sys
import zipfile
from pathlib import Path

from macros.sources.errors import LocatedError
from macros.sources.places import real, refusal

ROOT = Path(__file__).resolve().parents[2]
MARKER = ".fanwenku-build"
MARKER_TEXT = (
    "范文库：这个文件夹由 scripts/build 或 scripts/build-offline 生成，下次构建时会被整个替换。\n"
    "不要在里面放别的文件。\n"
)
# Only a web server uses these: the sitemap is empty without an address, and from disk nothing leads to the
# 404 page (its links start with "/", which on file:// means the root of the disk).
WEB_ONLY = ("sitemap.xml", "sitemap.xml.gz", "404.html")
_STAGING = re.compile(r"\.building\.(\d+|[A-Za-z0-9]{6})$")  # ours: <pid>; the old shell scripts': mktemp's XXXXXX


class TargetError(LocatedError):
    """A target the build refuses: the message says why and what to do instead."""

    def __init__(self, target: Path, problem: str, fix: str):
        super().__init__(target, None, f"不能生成到这里：{problem}", fix)


def check_target(target: Path | str, root: Path = ROOT) -> Path:
    """The target as an absolute path with symlinks resolved, or TargetError when publishing there would
    destroy something that is not an earlier build."""
    target, root = real(target), real(root)
    reason = refusal(target, root)
    if reason:
        elsewhere = "换一个项目外的新文件夹（例如 /srv/fanwenku），或不写目标，用默认的 site/。"
        raise TargetError(target, f"{reason}发布会先删掉目标里原有的一切。", elsewhere)
    if target.exists() and not target.is_dir():
        raise TargetError(target, "这是一个文件，不是文件夹。", "换一个文件夹名；构建只替换它自己生成的文件夹。")
    if target.is_dir() and not (target / MARKER).is_file() and any(target.iterdir()):
        raise TargetError(
            target,
            f"这个文件夹不是空的，也不是以前的构建生成的（里面没有标记文件 {MARKER}）。为了不误删文件，构建不会替换它。",
            "换一个不存在的或空的文件夹；如果确认里面的东西都不要了，先自己删掉这个文件夹再构建。",
        )
    return target


def check_zip(path: Path, name: str) -> None:
    """The offline zip beside the folder is replaced too: only when an earlier build made it."""
    if (path.exists() or path.is_symlink()) and not _is_ours(path, name):
        raise TargetError(
            path,
            "旁边已经有这个名字的文件，但它不是以前的离线版构建生成的 zip。为了不误删文件，构建不会替换它。",
            "换一个目标文件夹名（zip 文件随文件夹命名）；或确认这个文件不要了，先自己删掉它。",
        )


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # another user's process
    return True


def _is_ours(path: Path, zip_name: str | None = None) -> bool:
    if path.is_dir() and not path.is_symlink():
        return (path / MARKER).is_file()
    return zip_name is not None and path.is_file() and zipfile.is_zipfile(path) and _zip_has_marker(path, zip_name)


def _zip_has_marker(path: Path, name: str) -> bool:
    with zipfile.ZipFile(path) as archive:
        return f"{name}/{MARKER}" in archive.namelist()


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    else:
        path.unlink()


def clean_leftovers(target: Path) -> list[Path]:
    """Remove what killed builds left beside the target; returns what was removed.

    `<target>.building.<pid>` of a process that is no longer running (a running one is another build of
    the same target, left alone), and `<target>.old` / `<target>.zip.old` of the earlier scripts when they
    carry the build's marker.
    """
    removed = []
    if not target.parent.is_dir():
        return removed
    for path in sorted(target.parent.iterdir()):
        rest = path.name[len(target.name) :] if path.name.startswith(target.name) else ""
        match = _STAGING.fullmatch(rest)
        if match and path.is_dir() and not path.is_symlink():
            if match.group(1).isdigit() and _alive(int(match.group(1))):
                continue
            _remove(path)
            removed.append(path)
        elif rest in (".old", ".zip.old") and _is_ours(path, target.name if rest == ".zip.old" else None):
            _remove(path)
            removed.append(path)
    return removed


def staging_folder(target: Path) -> Path:
    staging = target.with_name(f"{target.name}.building.{os.getpid()}")
    if staging.exists():
        _remove(staging)
    staging.mkdir(parents=True)
    return staging


def finish_site(site: Path, offline: bool) -> None:
    """Drop the web-only files from the folder build and write the marker into the finished site."""
    if offline:
        for name in WEB_ONLY:
            (site / name).unlink(missing_ok=True)
    (site / MARKER).write_text(MARKER_TEXT, encoding="utf-8")


def make_zip(site: Path, archive_path: Path) -> None:
    """One folder with the site's name inside, files in sorted order."""
    with zipfile.ZipFile(archive_path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for path in sorted(site.rglob("*")):
            archive.write(path, path.relative_to(site.parent).as_posix())


def publish(staging: Path, target: Path, with_zip: bool = False) -> None:
    """Move the finished site (and its zip) from the staging folder to the target.

    The old target moves into the staging folder first and goes when the staging folder is removed, so
    whatever happens, nothing is left beside the target but `<target>.building.<pid>`.
    """
    names = [target.name] + ([f"{target.name}.zip"] if with_zip else [])
    moved: list[tuple[Path, Path]] = []
    try:
        for name in names:
            published, previous = target.with_name(name), staging / f"{name}.previous"
            if published.exists() or published.is_symlink():
                published.rename(previous)
                moved.append((previous, published))
            (staging / name).rename(published)
            moved = [(p, o) for p, o in moved if o != published]
    except OSError:
        for previous, published in moved:  # put back what was moved aside for a name not yet replaced
            previous.rename(published)
        raise


def run_mkdocs(site: Path, root: Path, offline: bool) -> int:
    env = {**os.environ}
    env.pop("OFFLINE", None)  # the folder build is only what --offline asks for
    if offline:
        # No SITE_URL: the folder has no address, and Material's instant navigation does not work from file://.
        env.pop("SITE_URL", None)
        env["OFFLINE"] = "true"
    child = subprocess.Popen([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site)], cwd=root, env=env)
    try:
        return child.wait()
    finally:
        if child.poll() is None:
            child.terminate()
            child.wait()


def build(target: Path | str, root: Path = ROOT, *, offline: bool = False, run=run_mkdocs) -> Path:
    """Check the target, build into a staging folder beside it, publish; returns the published folder.

    run(site, root, offline) makes the site in `site` and returns an exit status (tests pass their own).
    """
    target = check_target(target, root)
    if offline:
        check_zip(target.with_name(f"{target.name}.zip"), target.name)
    clean_leftovers(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = staging_folder(target)
    try:
        site = staging / target.name
        status = run(site, root, offline)
        if status != 0:
            raise BuildFailed(status)
        finish_site(site, offline)
        if offline:
            make_zip(site, staging / f"{target.name}.zip")
        publish(staging, target, with_zip=offline)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return target


class BuildFailed(Exception):
    def __init__(self, status: int):
        super().__init__(f"构建失败（退出码 {status}），原来的网站没有改动。")
        self.status = status


def _stop(signum, frame):
    raise SystemExit(128 + signum)  # runs the cleanup in build()'s finally


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="publish", description="构建网站并发布到目标文件夹。")
    parser.add_argument("--offline", action="store_true", help="离线版：链接指向文件，另生成 zip")
    parser.add_argument("target", nargs="?", help="目标文件夹（默认 site/ 或 offline/fanwenku/）")
    args = parser.parse_args(argv)
    default = ROOT / ("offline/fanwenku" if args.offline else "site")
    signal.signal(signal.SIGTERM, _stop)
    try:
        target = build(args.target or default, offline=args.offline)
    except TargetError as error:
        print(f"范文库: {error}", file=sys.stderr)
        return 2
    except BuildFailed as error:
        print(f"范文库: {error}", file=sys.stderr)
        return error.status
    except OSError as error:
        print(f"范文库: 发布时出错：{error}。原来的网站如果还在，没有改动。", file=sys.stderr)
        return 2
    if args.offline:
        print(f"范文库: 已生成 {target} （打开其中的 index.html）和 {target}.zip")
    else:
        print(f"范文库: 已生成 {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
