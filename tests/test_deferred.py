"""A generated page's HTML blocks skip Markdown (macros/pages/deferred.py): the page must come out as if Markdown had
read it all. Checked in-process with the site's own Markdown configuration on every generated page."""

from __future__ import annotations

import markdown
from conftest import ROOT
from mkdocs.config import load_config
from mkdocs.utils.meta import get_data

from macros.pages.deferred import defer, fill
from macros.pages.generated import generated_pages


def test_deferred_blocks_give_the_page_markdown_would(catalog):
    config = load_config(str(ROOT / "mkdocs.yml"))
    converter = markdown.Markdown(extensions=config.markdown_extensions, extension_configs=config.mdx_configs)
    pages = kept = 0
    for folder in generated_pages(catalog).values():
        for page in folder:
            for directory_urls in (True, False):
                body, _ = get_data(page.render(directory_urls))
                deferred = defer(body)
                blocks = deferred.blocks(body)
                whole = converter.reset().convert(body)
                assert fill(converter.reset().convert(deferred.markdown), blocks) == whole, page.src_uri
                kept += sum(len(block) for block in blocks)
                pages += 1
    total = sum(len(get_data(p.render(u))[0]) for f in generated_pages(catalog).values() for p in f for u in (1, 0))
    assert pages > 300 and kept > 0.95 * total, kept / total  # nearly all, in both URL styles


def test_only_whole_block_elements_are_deferred():
    text = (
        '## 标题\n\n<div class="a"><p>一</p></div>\n\n<p>二</p> 尾巴\n\n<span>三</span>\n\n'
        "<section markdown>\n\n## 内\n\n</section>\n\n<div>\n\n<p>四</p>\n\n</div>\n\n<hr>\n\n<!-- 注 -->\n"
    )
    deferred = defer(text)
    skeleton, blocks = deferred.markdown, deferred.blocks(text)
    assert blocks == ['<div class="a"><p>一</p></div>', "<div>\n\n<p>四</p>\n\n</div>", "<hr>"]
    assert skeleton.startswith("## 标题\n\n<!--fw-deferred 0-->\n\n<p>二</p> 尾巴\n\n<span>三</span>\n\n<section")
    assert fill(skeleton, blocks) == text
