"""MkDocs hooks for exact phrase search in Material's search box (README: 搜索).

Material's `search` plugin stays (the theme shows its search box only with it) and Material's UI still starts a
search worker and hands it search/search_index.json; these hooks swap in ours and give it a sharded index:
- on_files: publish docs/assets/search/search.js (the worker, and the page script) under a name holding a hash
  of its content, never under its plain name, so a redeployed site never runs a stale worker from a cache;
  and stop Material's plugin from indexing pages (we split them ourselves, below);
- on_env: tell overrides/main.html the hashed name and the stock worker path it replaces;
- on_post_page: split each built page into sections (macros/search/sections.py), with its kind and its
  行业/文种/层级 from the catalog, joined by the page's source path;
- on_post_build (last): write the shards (macros/search/shards.py) and shrink search_index.json to
  configuration: the manifest's name, so a page view fetches nothing more for search until the user types.
"""

from __future__ import annotations

import json
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files

from macros.pages.concordance import BANK_PAGE
from macros.search.index import hashed_name, stock_worker_path
from macros.search.sections import split_sections
from macros.search.shards import FACET_GROUPS, KINDS, Page, build_index
from macros.sources.catalog import load_catalog

SCRIPTS = {"search": "assets/search/search.js"}  # one file: the search worker, and the page script
BANK_FOLDER = BANK_PAGE.split("/")[0] + "/"  # the phrase bank's pages (常用表述)
_published: dict[str, str] = {}
_state: dict = {}


def _search_plugin(config):
    plugin = config.plugins.get("material/search") or config.plugins.get("search")
    index = getattr(plugin, "search_index", None)
    if index is None or not hasattr(index, "add_entry_from_context"):
        raise PluginError("Material's search plugin changed: it has no search_index.add_entry_from_context any more.")
    return plugin


def on_files(files: Files, config) -> Files:
    _published.clear()
    for key, src_uri in SCRIPTS.items():
        source = files.get_file_from_path(src_uri)
        if source is None:
            raise PluginError(f"docs/{src_uri} is missing: the site search needs it.")
        content = source.content_string
        files.remove(source)
        _published[key] = hashed_name(src_uri, content)
        files.append(File.generated(config, _published[key], content=content))

    # Material's plugin (set up anew in its on_config) would parse every page again, and segment Chinese with
    # jieba when it is installed, for entries nobody reads: it writes an index of configuration only.
    _search_plugin(config).search_index.add_entry_from_context = lambda page: None

    catalog = load_catalog(Path(config.config_file_path).resolve().parent)
    entries = {}
    for order, sample in enumerate(catalog.samples):
        entries[sample.src_uri] = ("范文", order, sample.facets)
    for order, template in enumerate(catalog.templates):
        entries[template.src_uri] = ("模板", order, template.facets)
    _state.clear()
    _state.update(entries=entries, pages=[], vocab={g: [t.name for t in catalog.vocab[g]] for g in FACET_GROUPS})
    return files


def on_env(env, config, files):
    base, _, _ = env.loader.get_source(env, "base.html")
    stock = stock_worker_path(base)
    if stock is None:
        raise PluginError("Material's base.html no longer names one search worker: overrides/main.html cannot swap it.")
    env.globals["fwk_search"] = {**_published, "stock_worker": stock}
    return env


def on_post_page(output: str, page, config) -> str:
    if (page.meta.get("search") or {}).get("exclude"):
        return output
    src_uri = page.file.src_uri
    kind, order, facets = _state["entries"].get(src_uri, (None, None, {}))
    if kind is None:
        kind = "常用表述" if src_uri.startswith(BANK_FOLDER) else "其他页面"
        order = len(_state["pages"])
    sections = split_sections(output, page.url, notes=kind == "范文")
    if sections:
        title = sections[0].title or page.title or ""
        _state["pages"].append((KINDS.index(kind), order, Page(page.url, title, kind, sections, facets)))
    return output


@event_priority(-100)  # after Material's search plugin has written its (empty) index
def on_post_build(config):
    site = Path(config.site_dir)
    path = site / "search" / "search_index.json"
    if not path.is_file():
        raise PluginError("search/search_index.json was not written: keep Material's `search` plugin in mkdocs.yml.")
    pages = [page for _, _, page in sorted(_state["pages"], key=lambda item: item[:2])]
    try:
        index = build_index(pages, _state["vocab"])
    except ValueError as error:
        raise PluginError(f"search index: {error}") from error
    for name, content in index.files.items():
        target = site / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(content, encoding="utf-8")
    material_config = json.loads(path.read_text(encoding="utf-8"))["config"]
    data = {"config": {**material_config, "fanwenku": {"manifest": index.manifest}}, "docs": []}
    path.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
