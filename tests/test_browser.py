"""What only a browser shows: accessibility (axe-core) and that a page load stays inside the site."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

PAGES = [
    "",
    "hangye/zhaoshang-yinzi/",
    "fanwen/yueqing-zhongxinqu-zongjie-ji-silu/",
    "muban/",
    "muban/bumen-xuexi-guanche-quanhui-jingshen-huibao-moban/",
]


@pytest.mark.parametrize("url", PAGES)
def test_axe_finds_no_violation(page, server, url):
    page.goto(server + url)
    results = Axe().run(page)
    violations = [(v["id"], v["help"], len(v["nodes"])) for v in results.response["violations"]]
    assert not violations, violations


def test_paragraph_anchor_lands_on_the_paragraph(page, server):
    page.goto(server + "fanwen/shangcheng-xian-zhaoshang-jianghua/#p8")
    assert page.locator("#p8").is_visible()
    assert page.locator("#p8").evaluate("el => el.getBoundingClientRect().top") < 200
