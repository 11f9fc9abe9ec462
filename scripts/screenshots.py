"""Take screenshots of built pages in headless Chromium, to look at what we ship.

    scripts/build && .venv/bin/python scripts/screenshots.py site "" fanwen/ hangye/zhaoshang-yinzi/
    .venv/bin/python scripts/screenshots.py site tijian/ --reading size=xl,contrast=high --width 1366 --height 768

Writes PNGs to screenshots/ (ignored by git), full pages unless --height is given (then one screen). Options:
--out DIR, --width PX, --height PX, --mobile (390 px wide, touch), --reading NAME=VALUE,… (the 阅读设置 stored
before the page loads, as a reader's choice would be: size=l|xl, contrast=high, spacing=wide).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from macros.harness.chromium import CHROMIUM_ARGS, chromium_path
from macros.harness.reading import stored
from macros.harness.static_server import StaticServer


def main(argv: list[str] | None = None) -> int:
    from playwright.sync_api import sync_playwright

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("site", type=Path)
    parser.add_argument("paths", nargs="+", help='page paths such as "" (home) or fanwen/')
    parser.add_argument("--out", type=Path, default=Path("screenshots"))
    parser.add_argument("--width", type=int, default=1280)
    parser.add_argument("--height", type=int, help="one screen of this height instead of the full page")
    parser.add_argument("--mobile", action="store_true", help="390 px wide, touch")
    parser.add_argument("--reading", default="", help="阅读设置, e.g. size=xl,contrast=high")
    args = parser.parse_args(argv)
    chromium = chromium_path()
    args.out.mkdir(parents=True, exist_ok=True)
    server = StaticServer(args.site).start()
    base = server.url
    suffix = ("-mobile" if args.mobile else "") + ("-" + args.reading.replace(",", "-") if args.reading else "")
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
            width = 390 if args.mobile else args.width
            height = args.height or (844 if args.mobile else 900)
            page = browser.new_page(viewport={"width": width, "height": height}, has_touch=args.mobile)
            if args.reading:
                page.add_init_script(stored(dict(part.split("=", 1) for part in args.reading.split(",") if part)))
            for path in args.paths:
                page.goto(base + path)
                page.wait_for_load_state("networkidle")
                name = (path.strip("/").replace("/", "_") or "home") + suffix + ".png"
                page.screenshot(path=str(args.out / name), full_page=args.height is None)
                print(args.out / name)
            browser.close()
    finally:
        server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
