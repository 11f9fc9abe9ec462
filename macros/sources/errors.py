"""Build errors that point a writer at the file, the line and the fix."""

from __future__ import annotations

from pathlib import Path


class SourceError(Exception):
    """Bad input in templates_src/ or docs/: stops the build with where and how to fix it.

    Plain Python, so loaders and scripts need no MkDocs; the build plugin turns it into MkDocs' PluginError.
    """

    def __init__(self, path: Path | str, line: int | None, problem: str, fix: str):
        self.path = _shown(Path(path))
        self.line = line
        self.problem = problem
        self.fix = fix
        where = f"{self.path}:{line}" if line else self.path
        super().__init__(f"{where}: {problem}\n  修改方法：{fix}")


class ReadError(ValueError):
    """A document from outside the library (a draft to check, a file to import) that cannot be read.

    One line, naming the file: ``<file>: <problem> 修改方法：<fix>``.
    """

    def __init__(self, path: Path | str, problem: str, fix: str):
        self.path = str(path)
        self.problem = problem
        self.fix = fix
        super().__init__(f"{self.path}: {problem} 修改方法：{fix}")


def _shown(path: Path) -> str:
    """The path as a writer sees it: relative to the project (the working directory) when inside it."""
    try:
        return path.resolve().relative_to(Path.cwd()).as_posix()
    except ValueError:
        return str(path)


def line_containing(path: Path, needle: str) -> int | None:
    """The first line of a file that contains needle (1-based), or None."""
    if not path.is_file():
        return None
    # Lines as every loader counts them (macros/sources/text_files.py); never fails on a badly encoded file.
    lines = path.read_bytes().decode("utf-8", "replace").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return next((i for i, line in enumerate(lines, start=1) if needle in line), None)
