"""The errors a writer or a user of the command lines sees: one family, one message format.

Every one says what is wrong, where, and how to fix it, on one line:

    path[:line]: problem 修改方法：fix

whether the build stops on it (bad data in templates_src/), the draft checker or the importer reports it (a file
that cannot be read), or a rule's pattern is refused. Plain Python, so loaders and scripts need no MkDocs; the
build plugin turns a SourceError into MkDocs' PluginError with the same text.
"""

from __future__ import annotations

from pathlib import Path


class LocatedError(ValueError):
    """What is wrong (problem), where (`where`: the path, and the line when known) and how to fix it (fix)."""

    def __init__(self, path: Path | str | None, line: int | None, problem: str, fix: str):
        self.path = None if path is None else str(path)
        self.line = line
        self.problem = problem
        self.fix = fix
        super().__init__(str(self))

    @property
    def where(self) -> str:
        if self.path is None:
            return ""
        return f"{self.path}:{self.line}" if self.line else self.path

    def __str__(self) -> str:
        where = f"{self.where}: " if self.where else ""
        return f"{where}{self.problem} 修改方法：{self.fix}"

    def within(self, path: Path | str, line: int | None, subject: str) -> SourceError:
        """This error, found in `subject` (such as a rule's pattern) written at path:line, as a SourceError there."""
        return SourceError(path, line, f"{subject}{self.where}：{self.problem}。", f"{self.fix}。")


class SourceError(LocatedError):
    """Bad input in templates_src/ or docs/: stops the build with where and how to fix it."""

    def __init__(self, path: Path | str, line: int | None, problem: str, fix: str):
        super().__init__(_shown(Path(path)), line, problem, fix)


class ReadError(LocatedError):
    """A document from outside the library (a draft to check, a file to import) that cannot be read.

    Named as the user gave it (a command-line argument, '-' for standard input).
    """

    def __init__(self, path: Path | str, problem: str, fix: str):
        super().__init__(path, None, problem, fix)


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
