"""范文库's build: one MkDocs plugin that owns the library for the whole build (mkdocs.yml: `plugins: - fanwenku`).

The steps, in the order MkDocs calls them:
1. on_config   load and validate templates_src/ once into a Library, the draft checker's rules and the guides'
               prose included (a bad file stops the build here, named); switch off jieba in Material's search; adapt
               the folder build;
               list generated pages in the nav (a folder of more than NAV_SECTION_MAX pages as its index alone), and
               the 元数据待确认 page only while a sample waits for its metadata to be confirmed; join our
               stylesheets into one (macros/build/stylesheets.py).
2. on_pre_build  hand the page macros (docs/*.md: {{ facet_index("行业") }} …) to mkdocs-macros; they read
               this build's Library, never the disk.
3. on_files    add the generated pages (rendered here, once, from the Library, their HTML blocks left for step 6:
               macros/pages/deferred.py; those the navigation leaves out marked not-in-nav), each sample's Word
               file (from .cache/docx/ when its text has not changed), the 同类写法 data of every sample page
               (macros/similar/, once per build, from .cache/similar/ when the paragraphs have not changed), and
               under content-hashed names the Word parts all templates share, our stylesheets joined, and the
               script bundles: the JavaScript twins of Python modules with their constants, the scripts using them
               and the checker's rules (macros/build/scripts.py); stop Material's search plugin from indexing
               pages (macros/build/site_search.py makes the index).
4. on_nav / on_env  note the pages the navigation leaves out unannounced; tell overrides/main.html the bundles'
               hashed names and the stock search worker ours replaces; render Material's navigation once per
               folder for the pages it does not list (macros/build/nav_cache.py).
5. on_page_markdown / on_page_content  template and sample pages load the checker's scripts and a sample page
               gets its 体检 panel and the 同类写法 script with where its data is; permalinks are named by aria-label
               instead of title (no tooltip mounted for each); a page of docs/ whose macros were left unrendered is
               noted.
6. on_post_page  put a generated page's HTML blocks back (rendered again); split each built page into search
               sections; note its links and ids.
7. on_post_build (last)  stop on what --strict would refuse (broken links and anchors, unlisted pages, unrendered
               macros: macros/build/site_checks.py), with or without --strict; write the sharded search index and
               shrink search_index.json to configuration; in the folder build, inline it again.
Steps that grow with the library (generating pages, Word files, MkDocs writing the pages, the search index) show
progress on a terminal, and nothing in a log or a pipe (macros/progress.py).
A `mkdocs serve` rebuild makes a new plugin instance, so every build starts from the files as they are.
"""

from __future__ import annotations

import logging
import re
import time
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel

from macros.build.folder_build import inline_index, offline_enabled, prepare_folder_build
from macros.build.nav_cache import NavCache
from macros.build.page_macros import page_macros
from macros.build.scripts import PublishedScripts, publish_scripts
from macros.build.site_checks import SiteChecks
from macros.build.site_search import SiteSearch
from macros.build.stylesheets import bundle_stylesheets
from macros.checker.publish import rules_script
from macros.pages.checker_panel import TIJIAN, sample_panel
from macros.pages.deferred import Deferred, defer, fill
from macros.pages.generated import GeneratedPage, generated_pages
from macros.pages.pending import PAGE_TITLE as PENDING_TITLE
from macros.pages.pending import PAGE_URI as PENDING_PAGE
from macros.pages.render import Links
from macros.progress import Progress
from macros.search.index import stock_worker_path
from macros.similar.publish import SimilarFiles, similar_draft_holder, similar_files, similar_holder
from macros.sources.errors import SourceError
from macros.sources.library import Library, load_library
from macros.sources.site_map import SAMPLE_PAGES, TEMPLATE_PAGES
from macros.word.cache import DocxCache, sample_key
from macros.word.downloads import TemplateWord, sample_docx, sample_docx_uri

log = logging.getLogger(f"mkdocs.plugins.{__name__}")

SEARCH_SCRIPT = "assets/search/search.js"  # the search worker, and the page script (filters, highlighter)
# The draft checker's button on template and sample pages; it fetches the rules and the engine on the first click.
CHECKER_SCRIPTS = ["assets/checker/inline.js"]
# 同类写法 on sample pages: each paragraph's similar passages, fetched on the first click (macros/similar/)
SIMILAR_SCRIPTS = ["assets/similar.js"]
# Material mounts a tooltip for every element with a title as the page loads (content.tooltips), each one reading
# the layout: hundreds of permalinks made the 常用表述 page's load twice as busy. Their name stays, for screen readers.
PERMALINK_TITLE = re.compile(r'(<a class="headerlink" href="[^"]*") title="([^"]*)"')
# A generated folder with more pages than this shows in the navigation as its index page alone: Material renders
# the whole navigation into every page, so listing 500 samples made each page, and the build, grow with the
# library's square. Its pages are reached from the (paginated) index page instead.
NAV_SECTION_MAX = 30


class FanwenkuPlugin(BasePlugin):
    root: Path  # the project: mkdocs.yml's folder
    library: Library
    pages: dict[str, list[GeneratedPage]]
    scripts: PublishedScripts
    in_nav: set[str]  # the generated pages the navigation lists; the others are marked not-in-nav
    deferred: dict[str, tuple[GeneratedPage, Deferred]]  # generated pages whose HTML goes back in when written
    listed: set[str]  # the URLs of the pages the navigation lists
    search: SiteSearch
    similar: SimilarFiles
    checks: SiteChecks
    rendering: Progress  # MkDocs writing the pages, on a terminal

    @event_priority(50)  # before Material's offline plugin, which adds a CDN shim unless one is listed already
    def on_config(self, config):
        self.root = root = Path(config.config_file_path).resolve().parent
        try:
            self.library = load_library(root)
            self.ruleset = self.library.ruleset
            self.word = TemplateWord(self.library.templates)
            self.pages = generated_pages(self.library, self.word)
            self.styles = bundle_stylesheets(config)
        except SourceError as error:
            raise PluginError(str(error)) from None
        switch_off_segmentation()
        prepare_folder_build(config)
        pending = sum(1 for sample in self.library.samples if sample.pending)
        config.nav = pending_nav(expand_nav(config.nav or [], self.pages), pending)
        self.in_nav = set(nav_targets(config.nav))
        self.checks = SiteChecks()
        return config

    def on_pre_build(self, config):
        macros = config.plugins.get("macros")
        if macros is None:
            raise PluginError("mkdocs.yml: the `macros` plugin is missing; the pages in docs/ call its macros.")
        macros.register_macros(page_macros(self.library, self.word, macros, config))

    def on_files(self, files: Files, config) -> Files:
        self.deferred = {}
        try:
            with Progress("生成页面", sum(map(len, self.pages.values()))) as progress:  # on a terminal only
                for folder in self.pages.values():
                    for page in folder:
                        # Pages the navigation leaves out (a large folder's, further pages of a list) are not
                        # "omitted" for strict mode: they are reached from their index page.
                        inclusion = (
                            InclusionLevel.UNDEFINED if page.src_uri in self.in_nav else InclusionLevel.NOT_IN_NAV
                        )
                        progress.current(page.src_uri)
                        deferred = defer(page.render(config.use_directory_urls))
                        if deferred.spans:
                            self.deferred[page.src_uri] = (page, deferred)
                        content = deferred.markdown
                        files.append(File.generated(config, page.src_uri, content=content, inclusion=inclusion))
                        progress.advance()
        except SourceError as error:
            raise PluginError(str(error)) from None
        # A sample's Word file is laid out again only when its text or the layout changed (macros/word/cache.py).
        docx_cache = DocxCache(self.root)
        with Progress("范文的 Word 文件", len(self.library.samples)) as progress:
            for sample in self.library.samples:
                uri = sample_docx_uri(sample, config.use_directory_urls)
                progress.current(uri)
                entry = docx_cache.stored(sample_key(sample), lambda sample=sample: sample_docx(sample))
                if isinstance(entry, Path):  # copied from the cache when the site is written, not held meanwhile
                    files.append(File.generated(config, uri, abs_src_path=str(entry)))
                else:
                    files.append(File.generated(config, uri, content=entry))
                progress.advance()
        docx_cache.prune()
        log.info(f"Word 文件：{docx_cache.hits} 个取自缓存，{docx_cache.misses} 个重新生成。")
        # 同类写法: every paragraph's neighbours, once per build (from .cache/similar/ when nothing changed)
        started = time.perf_counter()
        self.similar = similar_files(self.library, config.use_directory_urls, cache=self.root / ".cache" / "similar")
        for uri, content in self.similar.files.items():
            files.append(File.generated(config, uri, content=content))
        log.info(f"同类写法：{len(self.similar.files)} 个数据文件，{time.perf_counter() - started:.1f} s。")
        slugs = {p.text: p.slug for p in self.library.phrases.phrases}
        files.append(File.generated(config, self.word.script_uri, content=self.word.script))
        if self.styles is not None:
            for uri in self.styles.sources:  # published joined only
                files.remove(files.get_file_from_path(uri))
            files.append(File.generated(config, self.styles.uri, content=self.styles.content))
        # Twins and the scripts using them, joined under hashed names (macros/build/scripts.py)
        try:
            self.scripts = publish_scripts(self.root, {"checker-rules": lambda: rules_script(self.ruleset, slugs)})
        except SourceError as error:
            raise PluginError(str(error)) from None
        for uri in self.scripts.sources():  # published inside a bundle only
            source = files.get_file_from_path(uri)
            if source is None:
                raise PluginError(f"docs/{uri} is missing: macros/build/scripts.py publishes it in a bundle.")
            files.remove(source)
        for uri, content in self.scripts.content.items():
            files.append(File.generated(config, uri, content=content))
        self.search = SiteSearch(self.library)
        self.search.stop_material_indexing(config)  # Material's plugin set its index up in on_config
        # MkDocs renders every page after this, and each is split into search sections (on_post_page)
        self.rendering = Progress("写出页面", len(files.documentation_pages()))
        return files

    def on_nav(self, nav, config, files):
        self.checks.note_unlisted(files, nav)
        self.listed = {page.url for page in nav.pages}
        return nav

    def on_env(self, env, config, files):
        base_template, _, _ = env.loader.get_source(env, "base.html")
        stock = stock_worker_path(base_template)
        if stock is None:
            raise PluginError(
                "Material's base.html no longer names one search worker: overrides/main.html cannot swap it."
            )
        env.globals["fwk_search"] = {"search": self.scripts.name(SEARCH_SCRIPT), "stock_worker": stock}
        env.globals["fwk_scripts"] = self.scripts
        self.checks.note_files(files)
        NavCache(env.get_template("partials/nav.html"), self.listed)
        return env

    @event_priority(100)  # before mkdocs-macros renders the page
    def _page_markdown_first(self, markdown: str, page, config, files) -> str:
        self.checks.note_macros(page, markdown)
        if checked_page(page):
            scripts = list(page.meta.get("scripts") or [])
            extra = CHECKER_SCRIPTS + (SIMILAR_SCRIPTS if checked_page(page) == SAMPLE_PAGES else [])
            page.meta["scripts"] = scripts + [s for s in extra if s not in scripts]
        return markdown

    @event_priority(-100)  # after it
    def _page_markdown_last(self, markdown: str, page, config, files) -> str:
        self.checks.check_macros_rendered(page, markdown)
        return markdown

    on_page_markdown = CombinedEvent(_page_markdown_first, _page_markdown_last)

    def on_page_content(self, html: str, page, config, files) -> str:
        html = PERMALINK_TITLE.sub(r'\1 aria-label="\2"', html)
        if checked_page(page) == SAMPLE_PAGES:
            sample = self.library.sample(page.file.src_uri.removeprefix(f"{SAMPLE_PAGES}/").removesuffix(".md"))
            if sample is not None:
                links = Links(page.file.src_uri, config.use_directory_urls)
                html += sample_panel(sample, links(TIJIAN))
                html += similar_holder(links(self.similar.first_part(sample.slug)), self.similar.listed[sample.slug])
        elif page.file.src_uri == TIJIAN:
            links = Links(page.file.src_uri, config.use_directory_urls)
            html += similar_draft_holder(links(self.similar.draft_folder()), self.similar.draft_shards)
        return html

    def on_build_error(self, error):
        if hasattr(self, "rendering"):
            self.rendering.close()

    def on_pre_page(self, page, config, files):
        self.rendering.current(page.file.src_uri)
        return page

    def on_post_page(self, output: str, page, config) -> str:
        if page.file.src_uri in self.deferred:
            generated, deferred = self.deferred[page.file.src_uri]
            try:
                output = fill(output, deferred.blocks(generated.render(config.use_directory_urls)))
            except SourceError as error:
                raise PluginError(str(error)) from None
        self.search.add_page(output, page)
        self.checks.add_page(page, output)
        self.rendering.advance()
        return output

    @event_priority(-110)  # after Material's search plugin wrote the index and its offline plugin inlined it (-100)
    def on_post_build(self, config):
        self.checks.raise_problems()  # whether or not the build runs with --strict (macros/build/site_checks.py)
        self.rendering.close()
        with Progress("搜索索引", 1) as progress:
            progress.current("切分片、写文件")
            text = self.search.write(config)
            progress.advance()
        if offline_enabled(config):
            inline_index(Path(config.site_dir) / "search" / "search_index.json", text)


def checked_page(page) -> str | None:
    """'muban' or 'fanwen' for a generated template or sample page (the checker runs there), else None."""
    folder, _, name = page.file.src_uri.partition("/")
    if folder in (TEMPLATE_PAGES, SAMPLE_PAGES) and name.endswith(".md") and "/" not in name and name != "index.md":
        return folder
    return None


def switch_off_segmentation() -> None:
    """Material segments Chinese whenever `import jieba` works (there is no option for it): take that away."""
    from material.plugins.search import plugin as material_search

    if not hasattr(material_search, "jieba"):
        raise PluginError("Material's search plugin changed: it has no module-level `jieba` switch any more.")
    material_search.jieba = None


def expand_nav(nav: list, pages: dict[str, list[GeneratedPage]], limit: int = NAV_SECTION_MAX) -> list:
    """A nav entry that points at a generated folder's index.md becomes that folder's section, unless the folder
    holds more than `limit` pages: then the entry stays a link to the index page, which lists them."""
    expanded = []
    for item in nav:
        title, target = next(iter(item.items())) if isinstance(item, dict) else (None, item)
        folder = target.split("/")[0] if isinstance(target, str) and target.endswith("/index.md") else None
        if folder in pages and len(pages[folder]) <= limit:
            item = {title: [target, *({page.nav_title: page.src_uri} for page in pages[folder])]}
        expanded.append(item)
    return expanded


def pending_nav(nav: list, pending: int) -> list:
    """The maintenance page's entry, titled with how many samples wait for their metadata to be confirmed; left out
    while none does, so readers do not meet an empty page (it is still built, at the same address)."""
    kept = []
    for item in nav:
        title, target = next(iter(item.items())) if isinstance(item, dict) else (None, item)
        if isinstance(target, list):  # a section (the 维护 one holds it beside the maintainer's manual)
            kept.append({title: pending_nav(target, pending)})
            continue
        if target == PENDING_PAGE:
            if not pending:
                continue
            item = {f"{PENDING_TITLE}（{pending}）": target}
        kept.append(item)
    return kept


def nav_targets(nav) -> list[str]:
    """Every page a navigation (as mkdocs.yml writes it: lists, {title: target} and bare targets) links to."""
    if isinstance(nav, str):
        return [nav]
    if isinstance(nav, dict):
        return [t for value in nav.values() for t in nav_targets(value)]
    if isinstance(nav, list):
        return [t for item in nav for t in nav_targets(item)]
    return []
