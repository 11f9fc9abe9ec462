"""The built site as a whole: anchors, browse listings, descriptions, and no reference outside the site."""

from __future__ import annotations

import os
import re
from collections import Counter

from bs4 import BeautifulSoup
from conftest import ROOT
from helpers import article_of, head_of, ids_in, listed_samples, soup

from macros.build.plugin import nav_targets
from macros.sources import site_map
from macros.sources.site_map import FACETS


def test_the_url_folders_are_the_folders_of_the_navigation():
    """site_map names each folder once; mkdocs.yml's nav and the hand-written pages in docs/ use the same names."""
    import yaml

    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    nav = yaml.safe_load(text[text.index("\nnav:") :])["nav"]  # the rest of the file holds tags of MkDocs
    folders = {target.split("/")[0] for target in nav_targets(nav) if "/" in target}
    named = [v for k, v in vars(site_map).items() if k.isupper() and isinstance(v, str)]
    named += [*site_map.FACETS.values(), *site_map.WORD_PAGES.values()]
    assert sorted(named) == sorted(folders) and len(set(named)) == len(named)
    for folder in (site_map.SAMPLE_PAGES, site_map.TEMPLATE_PAGES, site_map.PHRASE_PAGES, site_map.CHECKER_PAGE):
        assert (ROOT / "docs" / folder / "index.md").is_file(), folder


def all_pages(site):
    return sorted(p.parent.relative_to(site).as_posix() + "/" for p in site.rglob("index.html"))


def test_ids_are_unique_and_paragraphs_numbered(site, catalog):
    for sample in catalog.samples:
        ids = Counter(ids_in(site / sample.url / "index.html"))
        assert not [i for i, n in ids.items() if n > 1], f"{sample.slug}: duplicate ids"
        assert {f"p{k}" for k in range(1, len(sample.blocks) + 1)} <= set(ids)


def test_headings_have_readable_chinese_anchors(site, catalog):
    for sample in catalog.samples:
        for h in article_of(site, sample.url).select("h2, h3, h4"):
            assert not re.fullmatch(r"_\d+", h["id"]), f"{sample.slug}: anchor {h['id']}"
            assert re.search(r"[\u4e00-\u9fff]", h["id"]), f"{sample.slug}: anchor {h['id']} has no Chinese"


def test_listing_holds_exactly_the_matching_pages(site, catalog):
    checked = 0
    for facet, folder in FACETS.items():
        for term in catalog.vocab[facet]:
            linked = listed_samples(site, f"{folder}/{term.slug}/")
            expected = [s.slug for s in catalog.samples if term.name in s.facets[facet]]
            assert linked == expected, f"{facet} {term.name}"
            checked += 1
    assert checked == sum(len(catalog.vocab[f]) for f in FACETS)
    assert listed_samples(site, "fanwen/") == [s.slug for s in catalog.samples]


def test_sample_pages_show_their_metadata(site, catalog):
    for sample in catalog.samples:
        meta = article_of(site, sample.url).select_one(".fw-meta").get_text()
        for facet in FACETS:
            for name in sample.facets[facet]:
                assert name in meta
        assert sample.source in meta
        for optional in (sample.region, sample.era):
            assert optional is None or optional in meta


def test_every_page_has_a_meta_description(site, catalog):
    pages = all_pages(site)
    assert len(pages) >= 20
    descriptions = {}
    for url in pages:
        tag = head_of(site, url).find("meta", attrs={"name": "description"})
        assert tag and tag["content"].strip(), f"{url}: no meta description"
        descriptions[url] = tag["content"]
    for sample in catalog.samples:
        assert descriptions[sample.url] == sample.summary


# Strings in Material's own JavaScript bundles that look like URLs but are never requested by these pages:
# licence comments and namespaces, and loaders for features this site does not use.
NEVER_REQUESTED = {
    "http://www.w3.org/2000/svg": "SVG namespace",
    "https://unpkg.com/mermaid": "only for Mermaid diagrams; the site has none",
    "https://unpkg.com/resize-observer-polyfill": "only for browsers without ResizeObserver",
    "https://api.github.com/repos/": "only with repo_url set; it is not",
    "https://api.github.com/users/": "only with repo_url set; it is not",
    "https://bit.ly/2s3ChXG": "text of a console warning in the search worker",
    "http://schemas.openxmlformats.org/": "XML namespace names of the .docx parts (docx-fill.js, word-parts.*.js)",
    "http://schemas.microsoft.com/office/": "Word's own XML namespace names in the shared parts (word-parts.*.js)",
}
URL = re.compile(r"""(?:https?:)?//[a-z0-9.-]+\.[a-z]{2,}[^\s"'()<>]*""", re.IGNORECASE)
COMMENT = re.compile(r"/\*.*?\*/|^\s*//.*$", re.DOTALL | re.MULTILINE)


def test_no_reference_leaves_the_site(site):
    offenders = []
    for path in site.rglob("*"):
        if path.suffix not in {".html", ".css", ".js"}:
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        if path.suffix == ".html":
            # With SITE_URL given, each page names its own address in <link rel="canonical">: never requested.
            text = re.sub(r'<link rel="canonical" href="[^"]*">', "", text)
            refs = re.findall(r"""(?:src|href|action|poster|srcset)\s*=\s*["']([^"']+)""", text)
            refs += re.findall(r"""url\(\s*["']?([^"')]+)""", text)
            bad = [r for r in refs if URL.match(r)]
        elif path.suffix == ".css":
            bad = [u for u in re.findall(r"""(?:url\(|@import)\s*["']?([^"')\s;]+)""", text) if URL.match(u)]
        else:
            code = COMMENT.sub("", text)
            urls = [u for u in URL.findall(code) if u.lower().startswith("http")]  # `//x` in JS is a regex
            bad = [u for u in urls if not any(u.startswith(ok) for ok in NEVER_REQUESTED)]
        offenders += [f"{path.relative_to(site)}: {u}" for u in bad]
    assert not offenders, "\n".join(sorted(set(offenders))[:30])


def test_config_keeps_the_intranet_promises():
    import yaml
    from conftest import ROOT

    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)
    Loader.add_constructor("!ENV", lambda loader, node: loader.construct_sequence(node))  # [variable, default]
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)
    assert config["theme"]["language"] == "zh"
    assert config["theme"]["font"] is False
    assert config["extra"]["generator"] is False
    assert config["strict"] is True
    assert all(config["validation"][k] == "warn" for k in ("anchors", "unrecognized_links", "absolute_links"))
    assert config["site_url"] == ["SITE_URL", ""], "no address unless the deployment gives one"
    offline = next(p["offline"] for p in config["plugins"] if isinstance(p, dict) and "offline" in p)
    assert offline["enabled"] == ["OFFLINE", False], "the folder build only when scripts/build-offline asks"


def test_pages_name_an_address_only_when_site_url_is_given(site):
    """By default every link is relative (intranet servers at unknown addresses); SITE_URL adds canonical links."""
    site_url = os.environ.get("SITE_URL", "")
    pages = list(site.rglob("index.html"))
    canonical = [re.findall(r'<link rel="canonical" href="([^"]*)"', p.read_text(encoding="utf-8")) for p in pages]
    if not site_url:
        assert not any(canonical)
    else:
        assert all(len(c) == 1 and c[0].startswith(site_url) for c in canonical)


PAGE_SCRIPTS = {
    "assets/muban.js",
    "assets/docx-fill.js",
    "assets/biaoshu.js",
    "assets/notes-switch.js",
    "assets/zhinan.js",
    "assets/tips.js",
    "assets/tech-notes.js",
}
CHECKER = "assets/checker/inline.js"  # a button; the rules and the engine are fetched on its first click


def our_scripts(page_soup) -> set[str]:
    """Our page scripts a page loads (Material's bundle and the search script are on every page)."""
    # A bundle of macros/build/scripts.py by its plain name: assets/muban.<hash>.js is assets/muban.js
    found = {
        re.sub(r"\.[0-9a-f]{10}\.js$", ".js", re.sub(r"^(\.\./)+", "", s["src"]))
        for s in page_soup.select("script[src]")
    }
    return {s for s in found if s in PAGE_SCRIPTS or "fflate" in s or s.startswith("assets/checker/")}


def test_scripts_load_only_where_they_run(site, catalog):
    """Sample pages need none of the form, Word or phrase-bank scripts; fflate is fetched on the first Word click."""
    for sample in catalog.samples:
        expected = {"assets/notes-switch.js", "assets/tips.js", "assets/tech-notes.js", CHECKER}
        assert our_scripts(soup(site, sample.url)) == expected
    for template in catalog.templates:
        expected = {"assets/muban.js", "assets/docx-fill.js", "assets/tips.js", CHECKER}
        assert our_scripts(soup(site, template.url)) == expected
    assert our_scripts(soup(site, "biaoshu/")) == {"assets/biaoshu.js"}
    assert our_scripts(soup(site, f"biaoshu/{catalog.phrases.phrases[0].slug}/")) == {
        "assets/tips.js"
    }  # a phrase's page
    assert our_scripts(soup(site, "")) == set()
    # 写作指南: the 功能 and 技法 lists filter and page; the guides and outlines need no script.
    assert our_scripts(soup(site, "gongneng/wen-ti/")) == {"assets/zhinan.js"}
    assert our_scripts(soup(site, "jifa/pai-bi/")) == {"assets/zhinan.js"}
    assert our_scripts(soup(site, "zhinan/gongzuo-zongjie/")) == set()
    # The helper they share is defined in the head, before them: Material's instant navigation inserts a page's
    # scripts all at once and runs each as it loads, so none may depend on another script file.
    template_page = soup(site, catalog.templates[0].url)
    assert any("window.fanwenkuOnPage =" in s.string for s in template_page.head.select("script:not([src])"))
    for src in PAGE_SCRIPTS:
        assert "window.fanwenkuOnPage =" not in (ROOT / "docs" / src).read_text(encoding="utf-8"), src
    # Inside the content, so that Material's instant navigation runs them again on the page it shows.
    for script in soup(site, catalog.templates[0].url).select("script[src*='muban']"):
        assert script.find_parent("article") is not None
    # The 阅读设置 control's script is on every page, outside the content: the header it works on outlives instant
    # navigation, and so does its one set of listeners.
    for url in ("", catalog.samples[0].url, "tijian/"):
        (reading,) = soup(site, url).select("script[src$='assets/reading.js']")
        assert reading.find_parent("article") is None


def test_the_404_page_speaks_chinese_and_leads_home_and_to_search(site):
    """A web server shows 404.html for any address it lacks: in Chinese, with links from the site's root (the page
    can be shown at any depth) to the home page and the list of samples, and the way to search."""
    page = BeautifulSoup((site / "404.html").read_text(encoding="utf-8"), "html.parser")
    article = page.select_one("article")
    assert article.h1.get_text() == "找不到这个页面"
    assert "Not found" not in page.get_text()
    assert [a["href"] for a in article.select("a")] == ["/", "/fanwen/"]
    assert "搜索" in article.get_text()
