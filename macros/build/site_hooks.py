"""MkDocs hooks: add the pages generated from templates_src/ and list them in the navigation."""

from __future__ import annotations

import re
from pathlib import Path

from mkdocs.structure.files import File, Files

from macros.pages.generated import generated_pages
from macros.sources.annotations import annotations_for
from macros.sources.catalog import load_catalog
from macros.sources.phrases import bank_for


def _root(config) -> Path:
    return Path(config.config_file_path).resolve().parent


def on_config(config):
    """Expand a nav entry that points at a generated folder's index.md into that folder's section."""
    catalog = load_catalog(_root(config))
    # Bad annotation or phrase data stops the build here, once, before any page is rendered.
    annotations_for(catalog)
    bank_for(catalog)
    pages = generated_pages(catalog)
    nav = []
    for item in config.nav or []:
        title, target = next(iter(item.items())) if isinstance(item, dict) else (None, item)
        folder = target.split("/")[0] if isinstance(target, str) and target.endswith("/index.md") else None
        if folder in pages:
            item = {title: [target, *({nav_title: uri} for uri, nav_title, _ in pages[folder])]}
        nav.append(item)
    config.nav = nav
    return config


def on_files(files: Files, config) -> Files:
    for folder_pages in generated_pages(load_catalog(_root(config))).values():
        for src_uri, _, content in folder_pages:
            files.append(File.generated(config, src_uri, content=content))
    return files


# Material mounts a tooltip for every element with a title as the page loads (content.tooltips), each one reading
# the layout: hundreds of permalinks made the 常用表述 page's load twice as busy. Their name stays, for screen readers.
_PERMALINK_TITLE = re.compile(r'(<a class="headerlink" href="[^"]*") title="([^"]*)"')


def on_page_content(html: str, page, config, files) -> str:
    """Permalinks (¶) named by aria-label instead of title, so no tooltip is mounted for them."""
    return _PERMALINK_TITLE.sub(r'\1 aria-label="\2"', html)
