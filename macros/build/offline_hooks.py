"""MkDocs hooks for the folder build (scripts/build-offline, README: 离线版), a site opened straight from disk.

Material's `offline` plugin (enabled by OFFLINE=true, see mkdocs.yml) turns off directory URLs and inlines the
search index into search/search_index.js. These hooks do the rest and do nothing in the normal web build:
- on_config (before the plugin's): list our own copy of the iframe-worker shim as a polyfill. On file:// a
  browser starts no Web Worker, so the shim runs our search worker in a hidden iframe; because the path holds
  "iframe-worker", the plugin does not add the shim's CDN address, and the folder asks the network for nothing.
- on_config also switches off navigation.instant: Material 9.8.2 answers it on file:// with an observable that
  completes at once, and that completes the theme's document$ before the page has loaded, so nothing that waits
  for document$ runs (tooltips, annotations, the search highlight). Each page is a full load from disk anyway.
- on_post_build (after macros/search_hooks.py has rewritten search_index.json as plain UTF-8): inline that
  final index again, so search_index.js holds the same text as the JSON.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

SHIM = "assets/vendor/iframe-worker/shim.js"  # docs/assets/vendor/iframe-worker/VERSION records its release
INDEX_SCRIPT = "var __index = "  # what Material's offline plugin writes before the JSON, and its bundle reads


def offline_enabled(config) -> bool:
    plugin = config.plugins.get("material/offline") or config.plugins.get("offline")
    return bool(plugin and plugin.config.enabled)


@event_priority(50)  # before Material's offline plugin, which adds a CDN shim unless one is listed already
def on_config(config):
    if not offline_enabled(config):
        return config
    polyfills = config.extra.get("polyfills") or []
    outside = [url for url in polyfills if "://" in url]
    if outside:
        raise PluginError(f"The folder build may load nothing from the network, but extra.polyfills lists {outside}.")
    config.extra["polyfills"] = [*polyfills, SHIM]
    features = config.theme["features"]
    features[:] = [feature for feature in features if not feature.startswith("navigation.instant")]
    return config


@event_priority(-110)  # after search_hooks.py (-100) and the offline plugin (-100)
def on_post_build(config):
    if not offline_enabled(config):
        return
    folder = Path(config.site_dir) / "search"
    index = (folder / "search_index.json").read_text(encoding="utf-8")
    (folder / "search_index.js").write_text(INDEX_SCRIPT + index, encoding="utf-8")
