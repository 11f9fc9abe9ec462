"""Where the project keeps its sources: places no command may write into or replace (scripts/build publishes a
site, scripts/import writes samples). One list, so that both refuse the same places for the same reasons.
"""

from __future__ import annotations

import os
from pathlib import Path

# Folders of the project that hold sources or history.
SOURCE_FOLDERS = ("templates_src", "docs", "macros", "overrides", "scripts", "tests", ".git")


def within(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def real(path: Path | str) -> Path:
    """The absolute path with symlinks resolved: a link must not lead a write into a refused place."""
    return Path(os.path.realpath(Path(path).expanduser()))


def refusal(target: Path | str, root: Path, allow: tuple[Path, ...] = ()) -> str | None:
    """Why writing into target would put files among the project's sources (or replace the project), or None.

    `allow`: folders inside the sources that this command is for (the samples folder, for the importer).
    """
    target, root = real(target), real(root)
    if any(target == real(place) for place in allow):
        return None
    if target == root:
        return "这是项目文件夹本身。"
    if within(root, target):
        return f"项目 {root} 在这个文件夹里面。"
    for name in SOURCE_FOLDERS:
        if within(target, root / name):
            return f"它在项目的源文件夹 {name}/ 里。"
    if ".git" in target.parts:
        return "它在一个 git 仓库的 .git 文件夹里。"
    return None
