"""The Chromium that browser tests, benchmarks and screenshots start, and the flags it starts with."""

from __future__ import annotations

import os
import shutil

# The flags every Chromium here starts with (no sandbox as root, no background traffic on a closed network).
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]


def chromium_path() -> str:
    path = os.environ.get("CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    if not path:
        raise RuntimeError("No Chromium found: run scripts/test (it installs Debian's chromium) or set CHROMIUM=/path")
    return path
