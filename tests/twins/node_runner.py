"""tests/twins: every JavaScript twin (macros/build/scripts.py TWINS) against its Python original, in Node.

Python writes the cases and answers them; runner.mjs runs the twin as the build publishes it on the same cases.
One Node process per test module (the `node` fixture: a module imports it and lists in NODE_SCRIPTS the scripts
its cases call, in the order a page loads them), so thousands of cases cost milliseconds each.
"""

from __future__ import annotations

import base64
import json
import shutil
import subprocess
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, settings

from macros.build.scripts import TWIN_BY_PATH

HERE = Path(__file__).resolve().parent
RUNNER = HERE / "runner.mjs"


def twin_scripts(*paths: str) -> list[str]:
    """The twins as the build publishes them: each with its Python constants in front."""
    return [TWIN_BY_PATH[path].source() for path in paths]


class Node:
    """A Node process running runner.mjs, with the given scripts loaded."""

    def __init__(self, scripts: list[str] = ()):
        node = shutil.which("node")
        if node is None:
            pytest.fail("tests/twins needs Node.js 18 or newer (Debian: apt-get install nodejs npm).")
        if not (HERE / "node_modules" / "@xmldom" / "xmldom").is_dir():
            pytest.fail("tests/twins/node_modules is missing: scripts/test installs it (npm ci --prefix tests/twins).")
        self.process = subprocess.Popen(
            [node, str(RUNNER)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            encoding="utf-8",
            bufsize=1,
        )
        if scripts:
            self.ask({"load": list(scripts)})

    def ask(self, request: dict) -> dict:
        self.process.stdin.write(json.dumps(request) + "\n")  # ASCII: lone surrogates travel as \\ud800
        self.process.stdin.flush()
        line = self.process.stdout.readline()
        if not line:
            raise RuntimeError(f"the Node runner stopped (exit {self.process.wait()})")
        reply = json.loads(line)
        if "failed" in reply:
            raise RuntimeError(reply["failed"])
        return reply

    def calls(self, name: str, args: list[list]) -> list:
        """name(*a) for each a in args, in one round trip."""
        return self.ask({"calls": [[name, a] for a in args]})["results"]

    def call(self, name: str, *args):
        return self.calls(name, [list(args)])[0]

    def exports(self, script: str) -> list[str]:
        return self.ask({"exports": script})["exports"]

    def close(self) -> None:
        self.process.stdin.close()
        self.process.wait(timeout=30)


def first_difference(cases: list, python: list, javascript: list, show=repr) -> str | None:
    """The first case the engines answer differently, shown (by `show`) for the failure message; None when they
    agree."""
    assert len(python) == len(javascript)
    for case, mine, theirs in zip(cases, python, javascript, strict=True):
        if mine != theirs:
            return f"case {show(case)}:\n  Python     {mine!r}\n  JavaScript {theirs!r}"
    return None


# Generated cases: a fixed seed and a bounded number, the same every run; no shrinking, since a failing batch names
# its first differing case itself (first_difference) and shrinking would replay the batch hundreds of times.
GENERATED = settings(
    derandomize=True,
    database=None,
    deadline=None,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def as_bytes(data: bytes) -> dict:
    """A bytes argument for the runner: it arrives as a Uint8Array."""
    return {"$bytes": base64.b64encode(data).decode("ascii")}


@pytest.fixture(scope="module")
def node(request):
    """Node with the module's NODE_SCRIPTS loaded."""
    runner = Node(getattr(request.module, "NODE_SCRIPTS", ()))
    yield runner
    runner.close()
