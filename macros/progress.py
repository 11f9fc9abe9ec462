"""Progress on long work (an import batch, the build's long steps): on a terminal, one line that says how far it is
(done/total), the file in hand and about how long is left; nothing at all when the output is not a terminal (a CI
log, a pipe, the tests), where a redrawn line is only noise.

The line is drawn by tqdm (pinned in pyproject.toml): well kept, small, no dependencies, and it measures Chinese
characters as two columns. It goes to standard error, so that what a command prints on standard output (the
importer's one line per file) stays clean when redirected; lines printed while the bar is shown go above it.
"""

from __future__ import annotations

import os
import sys
from typing import TextIO

BAR = "{desc}：{n_fmt}/{total_fmt} {bar} 已用 {elapsed}，约剩 {remaining}{postfix}"


DEFAULT_COLUMNS, DEFAULT_ROWS = 80, 24


def _columns(stream: TextIO) -> int:
    try:
        return os.get_terminal_size(stream.fileno()).columns
    except (AttributeError, ValueError, OSError):
        return 0


def on_terminal(stream: TextIO | None = None) -> bool:
    stream = stream or sys.stderr
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # a closed or replaced stream
        return False


class Progress:
    """A progress line for `total` steps of `what` (“导入”, “生成页面”), drawn only on a terminal."""

    def __init__(self, what: str, total: int, *, stream: TextIO | None = None):
        self.stream = stream or sys.stderr
        self.bar = None
        if on_terminal(self.stream) and total > 0:
            from tqdm import tqdm

            known = _columns(self.stream) > 0  # a terminal that says its width (a new pty may say 0)
            self.bar = tqdm(
                total=total,
                desc=what,
                file=self.stream,
                bar_format=BAR,
                dynamic_ncols=known,
                ncols=None if known else DEFAULT_COLUMNS,
                nrows=None if known else DEFAULT_ROWS,  # tqdm draws nothing on a terminal 0 rows high
                mininterval=0.2,
                leave=False,
            )

    def current(self, name: str) -> None:
        """The item in hand (a file's name), shown at the end of the line."""
        if self.bar is not None:
            self.bar.set_postfix_str(name[-40:], refresh=False)

    def advance(self, steps: int = 1) -> None:
        if self.bar is not None:
            self.bar.update(steps)

    def print(self, line: str, stream: TextIO | None = None) -> None:
        """A line of output, above the progress line while it is shown."""
        stream = stream or sys.stdout
        if self.bar is None:
            print(line, file=stream, flush=True)
        else:
            from tqdm import tqdm

            tqdm.write(line, file=stream)
            stream.flush()

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
            self.bar = None

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, *exc) -> bool:
        self.close()
        return False
