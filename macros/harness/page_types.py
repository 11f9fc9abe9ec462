"""One page of each type the site has, for what looks at every page type: axe in the three reading modes
(tests/test_reading.py) and Lighthouse (scripts/bench_lighthouse.py).

Addresses are directory URLs from the site's root ("" is the home page). The sample is the one earlier figures in the
manual (docs/weihu/guimo.md) used; the others are the library's first of their kind, so the list follows the data.
"""

from __future__ import annotations

from macros.sources.library import Library
from macros.sources.site_map import CHECKER_PAGE, GUIDE_PAGES, PHRASE_PAGES, SAMPLE_PAGES, WORD_PAGES

SAMPLE = "jiedao-zhongdian-gongzuo-shuzhi"


def page_types(library: Library) -> dict[str, str]:
    """Label -> URL of one page per type: home, a (paginated) list, a sample, a template, the phrase index, a phrase,
    a guide, a 功能 page, a 技法 page, 体检 and 关于."""
    sample = library.sample(SAMPLE) or library.samples[0]
    kind = library.term("文种", sample.facets["文种"][0])
    return {
        "首页": "",
        "分页列表（全部范文）": f"{SAMPLE_PAGES}/",
        "范文页": sample.url,
        "模板页": library.templates[0].url,
        "常用表述索引": f"{PHRASE_PAGES}/",
        "表述页": f"{PHRASE_PAGES}/{library.phrases.phrases[0].slug}/",
        "写作指南": f"{GUIDE_PAGES}/{kind.slug}/",
        "按功能": f"{WORD_PAGES['功能']}/{library.vocab['功能'][0].slug}/",
        "按技法": f"{WORD_PAGES['技法']}/{library.vocab['技法'][0].slug}/",
        "公文体检": f"{CHECKER_PAGE}/",
        "关于": "about/",
    }
