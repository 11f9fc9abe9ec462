"""Take full-page screenshots of built pages in headless Chromium, to look at what we ship.

    scripts/build && .venv/bin/python scripts/screenshots.py site "" fanwen/ hangye/zhaoshang-yinzi/

Writes PNGs to screenshots/ (ignored by git). Options: --out DIR, --width PX, --mobile.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from macros.harness.chromium import CHROMIUM_ARGS, chromium_path
from macros.harness.static_server import StaticServer


def main(argv: list[str] | None = None) -> int:
    from playwright.sync_api import sync_playwright

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("site", type=Path)
    parser.add_argument("paths", nargs="+", help='page paths such as "" (home) or fanwen/')
    parser.add_argument("--out", type=Path, default=Path("screenshots"))
    parser.add_argument("--width", type=int, default=1280)
    parser.add_argument("--mobile", action="store_true", help="390 px wide, touch")
    args = parser.parse_args(argv)
    chromium = chromium_path()
    args.out.mkdir(parents=True, exist_ok=True)
    server = StaticServer(args.site).start()
    base = server.url
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
            width = 390 if args.mobile else args.width
            page = browser.new_page(viewport={"width": width, "height": 900}, has_touch=args.mobile)
            for path in args.paths:
                page.goto(base + path)
                page.wait_for_load_state("networkidle")
                name = (path.strip("/").replace("/", "_") or "home") + ("-mobile" if args.mobile else "") + ".png"
                page.screenshot(path=str(args.out / name), full_page=True)
                print(args.out / name)
            browser.close()
    finally:
        server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
