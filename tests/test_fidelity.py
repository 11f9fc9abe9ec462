"""Every paragraph and heading of every sample appears on its page exactly as in the source text."""

from __future__ import annotations

import re

from helpers import article_of, visible_text


def squeeze(text: str) -> str:
    return "".join(text.split())


def test_every_block_is_verbatim(site, catalog):
    checked = 0
    for sample in catalog.samples:
        body = article_of(site, sample.url)
        for block in sample.blocks:
            if block.is_heading:
                marker = body.find(id=block.anchor)
                assert marker is not None, f"{sample.slug}: no anchor {block.anchor}"
                element = marker.find_next(re.compile(r"^h[2-6]$"))
                assert element.name == f"h{block.level}", f"{sample.slug} {block.anchor}: level"
            else:
                element = body.find("p", id=block.anchor)
                assert element is not None, f"{sample.slug}: paragraph {block.anchor} missing"
            assert visible_text(element) == squeeze(block.text), f"{sample.slug} {block.anchor} differs"
            checked += 1
    assert checked == sum(len(s.blocks) for s in catalog.samples) > 0


def test_markdown_swallows_nothing(site, catalog):
    """The seed's `**年`, `200*年` and `区*下达` stay literal: no <em>/<strong> inside sample text."""
    texts = {s.slug: article_of(site, s.url) for s in catalog.samples}
    joined = "".join(visible_text(t) for t in texts.values())
    for literal in ["**年", "200*年", "区*下达"]:
        assert literal in joined, literal
    for slug, page in texts.items():
        for el in page.select("p.fw-p, h2, h3, h4"):
            assert not el.find(["em", "strong", "code"]), f"{slug}: Markdown formatted {el.get('id')}"


def test_page_text_is_the_whole_source_in_order(site, catalog):
    """Reading the sample's blocks in page order gives back the source file, nothing lost or added."""
    for sample in catalog.samples:
        body = article_of(site, sample.url)
        blocks = body.select("p.fw-p, h2, h3, h4, h5, h6")
        page_text = "".join(visible_text(b) for b in blocks)
        assert page_text == squeeze(sample.text_path.read_text(encoding="utf-8")), sample.slug


def test_damaged_source_is_flagged_where_it_is(site, catalog):
    expectations = {
        "xiangzhen-nongye-zhaoshang-yaodian": ["p17"],  # 三、保障措施 has no text
        "shi-wenlvju-2020-zongjie-2021-mouhua": ["p17"],  # (五) has no text
        "shangcheng-xian-zhaoshang-jianghua": ["p1", "p7", "p8"],  # mid-speech start, split word
        "yueqing-zhongxinqu-zongjie-ji-silu": ["p1", "p21"],  # **年, ends after point 1 of 三
        "jiedao-zhongdian-gongzuo-shuzhi": ["p2"],  # 200*年
    }
    for slug, anchors in expectations.items():
        body = article_of(site, catalog.sample(slug).url)
        for anchor in anchors:
            block = body.find(id=anchor)
            note = block.find_next(class_="fw-source-note")
            nxt = block.find_next(id=re.compile(r"^p\d+$"))
            assert note is not None, f"{slug} {anchor}: no note"
            assert nxt is None or note.sourceline < nxt.sourceline, f"{slug} {anchor}: note not beside it"
