"""Our stylesheets (mkdocs.yml's extra_css) published as one file, so a page waits for one request of ours before
its first paint instead of seven (Material's own two come first, as before).

The sources stay separate files in docs/assets/, in the order mkdocs.yml lists them; the build joins them in that
order under a name holding a hash of the result, so a browser never keeps a stale copy. The joined file goes to
docs/assets/: a stylesheet from elsewhere may not use url() or @import, whose relative paths would then point
elsewhere.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError

from macros.search.index import hashed_name
from macros.sources.text_files import read_source

BUNDLE = "assets/styles.css"


class Stylesheets:
    """The joined stylesheet of one build: sources (URIs under docs/) and its content and published URI."""

    def __init__(self, docs_dir: Path, sources: list[str]) -> None:
        self.sources = sources
        parts = []
        for uri in sources:
            path = docs_dir / uri
            if "://" in uri or not path.is_file():
                raise PluginError(
                    f"mkdocs.yml: extra_css lists {uri}, which is not a file in docs/: add it or remove it."
                )
            text = read_source(path)
            moved = Path(uri).parent != Path(BUNDLE).parent
            if moved and ("url(" in text or "@import" in text):
                raise PluginError(
                    f"docs/{uri}: joined into docs/{BUNDLE}, its url() or @import paths would point elsewhere; move "
                    f"the file into docs/{Path(BUNDLE).parent}/ (and its mkdocs.yml entry) or drop the reference."
                )
            parts.append(f"/* {uri} */\n{text.rstrip()}\n")
        self.content = "\n".join(parts)
        self.uri = hashed_name(BUNDLE, self.content)


def bundle_stylesheets(config) -> Stylesheets | None:
    """Replace extra_css with the one joined file (None when mkdocs.yml lists no stylesheet)."""
    sources = [str(uri) for uri in config.extra_css]
    if not sources:
        return None
    styles = Stylesheets(Path(config.docs_dir), sources)
    config.extra_css = [styles.uri]
    return styles
