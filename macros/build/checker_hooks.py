"""MkDocs hooks for the draft checker (公文体检, README: 公文体检).

- on_config: load and validate templates_src/checker/ once per build; bad rules stop the build with file:line;
- on_files: publish the rules as assets/checker/rules.js (a script: the folder build is opened from file://);
- on_page_markdown: the template and sample pages load the checker's scripts (front matter `scripts`);
- on_page_content: a sample page gets its 体检 panel, with the verbatim text the checker reads.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.structure.files import File, Files

from macros.checker.publish import RULES_SCRIPT, rules_script
from macros.checker.ruleset import Ruleset, load_ruleset
from macros.pages.checker_panel import TIJIAN, sample_panel
from macros.pages.render import Links
from macros.sources.catalog import load_catalog
from macros.sources.phrases import bank_for

# Scripts of the pages that run the checker, in order: data, engine, report, then the page's own part.
ENGINE_SCRIPTS = [RULES_SCRIPT, "assets/checker/engine.js", "assets/checker/report.js"]
INLINE_SCRIPT = "assets/checker/inline.js"  # the 检查 button of template pages, the panel of sample pages
_state: dict[str, object] = {}


def _root(config) -> Path:
    return Path(config.config_file_path).resolve().parent


def on_config(config):
    _state["ruleset"] = load_ruleset(_root(config))
    return config


def on_files(files: Files, config) -> Files:
    ruleset: Ruleset = _state["ruleset"]
    bank = bank_for(load_catalog(_root(config)))
    slugs = {p.text: p.slug for p in bank.phrases}
    files.append(File.generated(config, RULES_SCRIPT, content=rules_script(ruleset, slugs)))
    return files


def _checked_page(page) -> str | None:
    """'muban' or 'fanwen' for a generated template or sample page, else None."""
    uri = page.file.src_uri
    folder, _, name = uri.partition("/")
    if folder in ("muban", "fanwen") and name.endswith(".md") and "/" not in name and name != "index.md":
        return folder
    return None


def on_page_markdown(markdown: str, page, config, files) -> str:
    if _checked_page(page):
        scripts = list(page.meta.get("scripts") or [])
        page.meta["scripts"] = scripts + [s for s in [*ENGINE_SCRIPTS, INLINE_SCRIPT] if s not in scripts]
    return markdown


def on_page_content(html: str, page, config, files) -> str:
    if _checked_page(page) != "fanwen":
        return html
    sample = load_catalog(_root(config)).sample(page.file.src_uri.removeprefix("fanwen/").removesuffix(".md"))
    if sample is None:
        return html
    href = Links(page.file.src_uri, config["use_directory_urls"])(TIJIAN)
    return html + sample_panel(sample, href)
