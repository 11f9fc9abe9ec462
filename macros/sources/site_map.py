"""The site's URL folders, each named once: every page address is built from these names.

Changing one moves pages, and the links readers keep stop working. The hand-written index pages sit in folders of
the same names (docs/fanwen/index.md …, listed in mkdocs.yml's nav); tests/test_site.py checks the two agree.
"""

from __future__ import annotations

SAMPLE_PAGES = "fanwen"  # 范文: a page per sample (fanwen/<slug>/, its Word file beside it); the list of all
TEMPLATE_PAGES = "muban"  # 模板: a page per template
PHRASE_PAGES = "biaoshu"  # 常用表述: the bank's index and a page per phrase
GUIDE_PAGES = "zhinan"  # 写作指南: a guide and a side-by-side outline per 文种
CHECKER_PAGE = "tijian"  # 公文体检
CONTRIBUTE_PAGE = "tougao"  # 投稿: a colleague's document and its metadata, zipped in the browser for the maintainer
MAINTENANCE_PAGES = "weihu"  # 元数据待确认: the samples whose imported metadata waits to be confirmed
# The facets, the three ways to browse, in the order pages show them: name (a list of vocab.yml) -> the folder
# of its pages, one per value (hangye/nongye/) and an index (hangye/).
FACETS = {"行业": "hangye", "文种": "wenzhong", "层级": "cengji"}
# The annotation words (lists of vocab.yml) with a page per word: name -> folder.
WORD_PAGES = {"功能": "gongneng", "技法": "jifa"}
