"""The folder build (scripts/build-offline, docs/weihu/goujian.md: 离线版), a site opened straight from disk.

Material's `offline` plugin (enabled by OFFLINE=true, see mkdocs.yml) turns off directory URLs and inlines the
search index into search/search_index.js. The plugin (macros/build/plugin.py) does the rest through these
functions, which do nothing in the normal web build:
- prepare_folder_build (on_config, before the offline plugin's): list our own copy of the iframe-worker shim as
  a polyfill. On file:// a browser starts no Web Worker, so the shim runs our search worker in a hidden iframe;
  because the path holds "iframe-worker", the offline plugin does not add the shim's CDN address, and the
  folder asks the network for nothing. It also switches off navigation.instant: Material 9.8.2 answers it on
  file:// with an observable that completes at once, and that completes the theme's document$ before the page
  has loaded, so nothing that waits for document$ runs (tooltips, annotations, the search highlight).
- inline_index (on_post_build, after the index was rewritten as plain UTF-8): inline that final index again, so
  search_index.js holds the same text as the JSON.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError

SHIM = "assets/vendor/iframe-worker/shim.js"  # docs/assets/vendor/iframe-worker/VERSION records its release
INDEX_SCRIPT = "var __index = "  # what Material's offline plugin writes before the JSON, and its bundle reads


def offline_enabled(config) -> bool:
    plugin = config.plugins.get("material/offline") or config.plugins.get("offline")
    return bool(plugin and plugin.config.enabled)


def prepare_folder_build(config) -> None:
    if not offline_enabled(config):
        return
    polyfills = config.extra.get("polyfills") or []
    outside = [url for url in polyfills if "://" in url]
    if outside:
        raise PluginError(f"The folder build may load nothing from the network, but extra.polyfills lists {outside}.")
    config.extra["polyfills"] = [*polyfills, SHIM]
    features = config.theme["features"]
    features[:] = [feature for feature in features if not feature.startswith("navigation.instant")]


def inline_index(json_path: Path, text: str) -> None:
    json_path.with_suffix(".js").write_text(INDEX_SCRIPT + text, encoding="utf-8")
