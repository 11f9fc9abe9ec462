"""Our stylesheets reach the browser as one file: mkdocs.yml's extra_css, joined in order (macros/build/stylesheets.py)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from conftest import ROOT
from mkdocs.exceptions import PluginError

from macros.build.stylesheets import Stylesheets


class _Loader(yaml.SafeLoader):
    pass


_Loader.add_multi_constructor("", lambda loader, suffix, node: None)  # mkdocs.yml's !ENV and python/name tags


def listed() -> list[str]:
    return yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Loader)["extra_css"]


def test_every_page_links_our_styles_once_joined_in_order(site):
    sources = listed()
    assert len(sources) >= 5
    bundles = list((site / "assets").glob("styles.*.css"))
    assert len(bundles) == 1, bundles
    joined = bundles[0].read_text(encoding="utf-8")
    at = 0
    for uri in sources:  # each source whole, after the one before it
        text = (ROOT / "docs" / uri).read_text(encoding="utf-8").rstrip()
        found = joined.find(text, at)
        assert found >= at, f"{uri} is not in {bundles[0].name} after the stylesheet before it"
        at = found + len(text)
        assert not (site / uri).exists(), f"{uri} is published on its own as well"
    for page in [*site.glob("*/index.html"), site / "index.html", site / "404.html"]:
        html = page.read_text(encoding="utf-8")
        ours = [
            href for href in re.findall(r'<link rel="stylesheet" href="([^"]+)"', html) if "stylesheets/" not in href
        ]
        assert [href.rsplit("/", 1)[-1] for href in ours] == [bundles[0].name], page


def test_a_stylesheet_from_another_folder_may_not_point_elsewhere(tmp_path: Path):
    docs = tmp_path / "docs"
    (docs / "assets/extra").mkdir(parents=True)
    (docs / "assets/a.css").write_text("a { color: red; }\n", encoding="utf-8")
    (docs / "assets/extra/b.css").write_text(".b { background: url(b.png); }\n", encoding="utf-8")
    assert "color: red" in Stylesheets(docs, ["assets/a.css"]).content
    with pytest.raises(PluginError, match=r"docs/assets/extra/b\.css: .*url\(\).*move the file"):
        Stylesheets(docs, ["assets/a.css", "assets/extra/b.css"])
    with pytest.raises(PluginError, match=r"extra_css lists assets/nope\.css, which is not a file in docs/"):
        Stylesheets(docs, ["assets/nope.css"])


def test_the_joined_name_changes_with_the_content(tmp_path: Path):
    docs = tmp_path / "docs"
    (docs / "assets").mkdir(parents=True)
    (docs / "assets/a.css").write_text("a { color: red; }\n", encoding="utf-8")
    before = Stylesheets(docs, ["assets/a.css"]).uri
    (docs / "assets/a.css").write_text("a { color: blue; }\n", encoding="utf-8")
    after = Stylesheets(docs, ["assets/a.css"]).uri
    assert re.fullmatch(r"assets/styles\.[0-9a-f]{10}\.css", before) and before != after
