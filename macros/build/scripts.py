"""The scripts the build publishes from more than one source (docs/weihu/jiagou.md: 页面脚本和它们的 Python 孪生).

A *twin* is browser JavaScript that does what a Python module does: the checker's engine, the Word reader, the
Word filler, the search's folding and index decoding, a template's filling, a draft's 同类写法 look-up. It lives beside its Python original
(macros/checker/engine.py + engine.js) and takes the original's constants from it, never retyped: the build
writes `script_constants()` of the Python module as the script's first statement,
`(globalThis.fanwenkuPython ||= {})["checker/engine"] = {...};`, and keeps the script as a function,
globalThis.fanwenkuInstall[key], that a page can hand to a Worker. TWINS lists every pair with what each JS export
mirrors; tests/twins/ runs every twin in Node on cases Python answered, and fails on a twin or an export missing
from the table.

A *bundle* is a script pages load: twins, docs/assets/ scripts and generated text joined in order, published under
a name holding a hash of its content, so a redeployed site never runs a stale copy. A page names a bundle by its
plain name in front matter (`scripts: [assets/word/read.js]`) and overrides/main.html writes the hashed one; the
bundles another script loads on demand are in `window.fanwenkuScripts` (plain name -> hashed path from the site's
root), which main.html writes into every page's head.
"""

from __future__ import annotations

import importlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from macros.search.index import hashed_name
from macros.sources.text_files import read_source

PROJECT = Path(__file__).resolve().parents[2]
GLOBAL = "globalThis.fanwenkuPython"


@dataclass(frozen=True)
class Twin:
    js: str  # the script, from the project's root: macros/checker/engine.js
    python: str  # the module it mirrors: macros.checker.engine (its script_constants() feed the script)
    exports: dict[str, str]  # what the script defines on globalThis ("fanwenkuChecker.check") -> its Python original

    @property
    def key(self) -> str:
        """checker/engine: where the script finds its constants, globalThis.fanwenkuPython[key]."""
        return self.js.removeprefix("macros/").removesuffix(".js")

    def constants(self) -> dict:
        return importlib.import_module(self.python).script_constants()

    def source(self, root: Path = PROJECT) -> str:
        """The script as published: its constants from Python, then the file inside a function that is called at
        once and kept as globalThis.fanwenkuInstall[key]: a page can start a Worker from the function's own text
        (the 体检 page checks long drafts off the main thread, also from file://, where a Worker cannot load a
        file but can run a Blob)."""
        data = json.dumps(self.constants(), ensure_ascii=False, separators=(",", ":"))
        key = json.dumps(self.key)
        return (
            f"/* {self.js}, with the constants of {self.python} (macros/build/scripts.py) */\n"
            f"({GLOBAL} ||= {{}})[{key}] = {data};\n"
            f"(globalThis.fanwenkuInstall ||= {{}})[{key}] = function () {{\n{read_source(root / self.js).rstrip()}\n}};\n"
            f"globalThis.fanwenkuInstall[{key}]();\n"
        )


TWINS = (
    Twin(
        "macros/checker/engine.js",
        "macros.checker.engine",
        {
            "fanwenkuChecker.check": "check",
            "fanwenkuChecker.applyFixes": "apply_fixes",
            "fanwenkuChecker.chosenFixes": "chosen_fixes",
            "fanwenkuChecker.findPhrases": "find_phrases",
            "fanwenkuChecker.splitLines": "split_lines",
            "fanwenkuChecker.characters": "characters",
            "fanwenkuChecker.MAX_CHARS": "MAX_CHARS",
        },
    ),
    Twin("macros/word/read.js", "macros.word.read", {"fanwenkuDocxText": "read_text"}),
    Twin(
        "macros/word/annotate.js",
        "macros.word.annotate",
        {"fanwenkuWordNotes.comments": "comment_docx", "fanwenkuWordNotes.fixes": "fix_docx"},
    ),
    Twin("macros/word/fill.js", "macros.word.layout", {"fanwenkuFillDocx": "build_docx"}),
    Twin(
        "macros/search/index.js",
        "macros.search.index",
        {
            "fanwenkuSearchIndex.fold": "fold",
            "fanwenkuSearchIndex.foldChar": "fold_char",
            "fanwenkuSearchIndex.MAY_CHANGE": "MAY_CHANGE",
        },
    ),
    Twin(
        "macros/search/shards.js",
        "macros.search.shards",
        {
            "fanwenkuShards.decodeNumbers": "decode_numbers",
            "fanwenkuShards.decodeGaps": "decode_gaps",
            "fanwenkuShards.decodePostings": "decode_postings",
            "fanwenkuShards.decodePageTable": "decode_page_table",
            "fanwenkuShards.fnv1a": "fnv1a",
            "fanwenkuShards.termKeys": "term_keys",
            "fanwenkuShards.FORMAT": "FORMAT",
            "fanwenkuShards.PAGE_SHARD": "PAGE_SHARD",
        },
    ),
    Twin(
        "macros/similar/sketch.js",
        "macros.similar.sketch",
        {
            "fanwenkuSketch.pairHashes": "pair_hashes",
            "fanwenkuSketch.lookedUp": "looked_up",
            "fanwenkuSketch.shardName": "shard_name",
            "fanwenkuSketch.textFile": "text_file",
            "fanwenkuSketch.candidates": "candidates",
            "fanwenkuSketch.scorePairs": "score_pairs",
            "fanwenkuSketch.decodeIds": "decode_ids",
        },
    ),
    Twin(
        "macros/sources/templates.js",
        "macros.sources.templates",
        {"fanwenkuTemplates.fillParts": "fill_parts", "fanwenkuTemplates.placeholder": "placeholder"},
    ),
)
TWIN_BY_PATH = {twin.js: twin for twin in TWINS}


@dataclass(frozen=True)
class Bundle:
    uri: str  # the plain name pages use, under the site's root: assets/word/read.js
    parts: tuple[str, ...]  # twins (macros/…) and files of docs/ (docs/assets/…), or "generated:<name>", in order
    on_demand: bool = False  # loaded by another script: listed in window.fanwenkuScripts


BUNDLES = (
    # The worker and the page script of the search (overrides/main.html starts it in place of Material's worker)
    Bundle(
        "assets/search/search.js", ("macros/search/index.js", "macros/search/shards.js", "docs/assets/search/search.js")
    ),
    # The checker: the 体检 page loads them, template and sample pages on the first click (docs/assets/checker/inline.js)
    Bundle("assets/checker/rules.js", ("generated:checker-rules",), on_demand=True),
    Bundle("assets/checker/engine.js", ("macros/checker/engine.js",), on_demand=True),
    Bundle("assets/word/read.js", ("macros/word/read.js",)),
    # The 体检 page's two Word downloads: the findings written back into the opened .docx (uses read.js and fflate)
    Bundle("assets/word/annotate.js", ("macros/word/annotate.js",)),
    # Template pages: the form, and the Word button (its filler first, for the click)
    Bundle("assets/muban.js", ("macros/sources/templates.js", "docs/assets/muban.js")),
    Bundle("assets/docx-fill.js", ("macros/word/fill.js", "docs/assets/docx-fill.js")),
    # The 体检 page's 同类写法: a draft's paragraphs looked up in the library's sketches (macros/similar/sketch.py)
    Bundle(
        "assets/similar-draft.js",
        (
            "macros/search/index.js",
            "macros/search/shards.js",
            "macros/similar/sketch.js",
            "docs/assets/checker/similar-draft.js",
        ),
    ),
)


@dataclass
class PublishedScripts:
    """One build's bundles: content by hashed path, and the hashed path of each plain name."""

    content: dict[str, str] = field(default_factory=dict)  # hashed path -> script
    names: dict[str, str] = field(default_factory=dict)  # plain name -> hashed path
    on_demand: dict[str, str] = field(default_factory=dict)  # the same, for bundles loaded on demand

    def name(self, uri: str) -> str:
        """The path a page loads for uri: a bundle's hashed path, any other script's own."""
        return self.names.get(uri, uri)

    def sources(self) -> set[str]:
        """docs/ files that are published only inside a bundle."""
        return {part.removeprefix("docs/") for b in BUNDLES for part in b.parts if part.startswith("docs/")}


def publish_scripts(root: Path, generated: dict[str, Callable[[], str]]) -> PublishedScripts:
    """Join and name every bundle. generated: "generated:<name>" parts, made by the build (the checker's rules)."""
    published = PublishedScripts()
    for bundle in BUNDLES:
        texts = []
        for part in bundle.parts:
            if part.startswith("generated:"):
                texts.append(generated[part.removeprefix("generated:")]())
            elif part in TWIN_BY_PATH:
                texts.append(TWIN_BY_PATH[part].source(root))
            else:
                texts.append(f"/* {part} */\n{read_source(root / part)}")
        content = "\n".join(text.rstrip("\n") + "\n" for text in texts)
        uri = hashed_name(bundle.uri, content)
        published.content[uri] = content
        published.names[bundle.uri] = uri
        if bundle.on_demand:
            published.on_demand[bundle.uri] = uri
    return published
