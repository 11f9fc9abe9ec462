"""MkDocs hooks for exact phrase search in Material's search box (README: 搜索).

Material's `search` plugin still writes search/search_index.json, and Material's UI still fetches it and talks to
a search worker; these hooks swap in ours (docs/assets/search/search.js, the worker and also the page highlighter):
- on_config: switch off jieba segmentation (it splits phrases and fills the index with zero-width spaces);
- on_files: publish the script under a name holding a hash of its content, never under its plain name,
  so a redeployed site never runs a stale worker from a browser cache;
- on_env: tell overrides/main.html the hashed name and the stock worker path it replaces;
- on_post_build (last): rewrite the index as plain UTF-8 and fail the build if segmentation still ran.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files

from macros.search.index import hashed_name, plain_utf8_index, stock_worker_path

SCRIPTS = {"search": "assets/search/search.js"}  # one file: the search worker, and the page highlighter
_published: dict[str, str] = {}


def on_config(config):
    # Material segments Chinese whenever `import jieba` works (there is no option for it): take that away.
    from material.plugins.search import plugin as material_search

    if not hasattr(material_search, "jieba"):
        raise PluginError("Material's search plugin changed: it has no module-level `jieba` switch any more.")
    material_search.jieba = None
    return config


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
    return files


def on_env(env, config, files):
    base, _, _ = env.loader.get_source(env, "base.html")
    stock = stock_worker_path(base)
    if stock is None:
        raise PluginError("Material's base.html no longer names one search worker: overrides/main.html cannot swap it.")
    env.globals["fwk_search"] = {**_published, "stock_worker": stock}
    return env


@event_priority(-100)  # after Material's search plugin has written the index
def on_post_build(config):
    path = Path(config.site_dir) / "search" / "search_index.json"
    if not path.is_file():
        raise PluginError("search/search_index.json was not written: keep Material's `search` plugin in mkdocs.yml.")
    try:
        text = plain_utf8_index(path.read_text(encoding="utf-8"))
    except ValueError as error:
        raise PluginError(f"search/search_index.json: {error}") from error
    path.write_text(text, encoding="utf-8")
