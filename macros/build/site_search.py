"""The site search's part of a build (docs/weihu/sousuo.md), called by the build plugin (macros/build/plugin.py).

Material's `search` plugin stays (the theme shows its search box only with it) and Material's UI still starts a
search worker and hands it search/search_index.json; the plugin publishes our worker (docs/assets/search/search.js)
in its place, and this gives it a sharded index:
- stop_material_indexing (on_files): Material's plugin would parse every page again (and segment Chinese with
  jieba when installed) for entries nobody reads; it now writes an index of configuration only;
- add_page (on_post_page): split the built page into sections (macros/search/sections.py), with its kind and its
  行业/文种/层级 from the Library, joined by the page's source path;
- write (on_post_build, after Material wrote its index): write the shards (macros/search/shards.py) and shrink
  search_index.json to configuration, the manifest's name: a page view fetches nothing more for search until
  the user types.
"""

from __future__ import annotations

import json
from pathlib import Path

from mkdocs.exceptions import PluginError

from macros.search.sections import split_sections
from macros.search.shards import KINDS, Page, build_index
from macros.sources.library import Library
from macros.sources.site_map import FACETS, PHRASE_PAGES


class SiteSearch:
    def __init__(self, library: Library):
        self.entries: dict[str, tuple[str, int, dict]] = {}
        for order, sample in enumerate(library.samples):
            self.entries[sample.src_uri] = ("范文", order, sample.facets)
        for order, template in enumerate(library.templates):
            self.entries[template.src_uri] = ("模板", order, template.facets)
        self.vocab = {group: [term.name for term in library.vocab[group]] for group in FACETS}
        self.pages: list[tuple[int, int, Page]] = []

    @staticmethod
    def stop_material_indexing(config) -> None:
        plugin = config.plugins.get("material/search") or config.plugins.get("search")
        index = getattr(plugin, "search_index", None)
        if index is None or not hasattr(index, "add_entry_from_context"):
            raise PluginError("Material's search plugin changed: it has no search_index.add_entry_from_context.")
        index.add_entry_from_context = lambda page: None

    def add_page(self, output: str, page) -> None:
        if (page.meta.get("search") or {}).get("exclude"):
            return
        src_uri = page.file.src_uri
        kind, order, facets = self.entries.get(src_uri, (None, 0, {}))
        if kind is None:
            kind = "常用表述" if src_uri.startswith(f"{PHRASE_PAGES}/") else "其他页面"
            order = len(self.pages)
        sections = split_sections(output, page.url, notes=kind == "范文")
        if sections:
            title = sections[0].title or page.title or ""
            self.pages.append((KINDS.index(kind), order, Page(page.url, title, kind, sections, facets)))

    def write(self, config) -> str:
        """Write the shards; return the new search_index.json text (also written)."""
        site = Path(config.site_dir)
        path = site / "search" / "search_index.json"
        if not path.is_file():
            raise PluginError(
                "search/search_index.json was not written: keep Material's `search` plugin in mkdocs.yml."
            )
        pages = [page for _, _, page in sorted(self.pages, key=lambda item: item[:2])]
        try:
            index = build_index(pages, self.vocab)
        except ValueError as error:
            raise PluginError(f"search index: {error}") from error
        for name, content in index.files.items():
            target = site / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(content, encoding="utf-8")
        material_config = json.loads(path.read_text(encoding="utf-8"))["config"]
        data = {"config": {**material_config, "fanwenku": {"manifest": index.manifest}}, "docs": []}
        text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
        path.write_text(text, encoding="utf-8")
        return text
