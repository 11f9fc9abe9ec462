"""The 写作指南 pages: a guide and a side-by-side outline per 文种, a page per 功能 and per 技法, and their indexes.

What they show is derived in macros/guides/; here it becomes Markdown headings (for the page's table of contents)
around HTML fragments (macros/pages/fragments/, autoescaped), every link made by `Links` so it works on the web and
in the folder build. A page's content depends only on the data, so adding a sample changes the pages by itself.
"""

from __future__ import annotations

import json

from macros.guides.derive import Guide, GuideData, Hit, Part, excerpt, guide_data_for, name_slug
from macros.pages.concordance import BANK_PAGE, category_slug
from macros.pages.markup import md_escape
from macros.pages.render import Links, fragment
from macros.sources.annotations import FUNCTIONS, TECHNIQUES
from macros.sources.catalog import Catalog, Sample

GUIDES = "zhinan"  # folder of the guides and side-by-side pages
FUNCTIONS_FOLDER = "gongneng"
TECHNIQUES_FOLDER = "jifa"
PAGE_SIZE = 20  # paragraphs per page on a 功能 or 技法 page (zhinan.js pages longer lists)
PART_EXAMPLES = 4  # paragraphs quoted under each part of a guide
TECHNIQUE_EXAMPLES = 2  # examples under each 技法 of a guide
TECHNIQUES_SHOWN = 6  # the most used 技法 of a guide get a section; the rest one line with links
HIT_CHARS = 90
TOP_PHRASES = 12  # the most used phrases a guide lists
MISTAKES_LEAD = (
    "下面的毛病都是库里这一文种的范文真实出过的，来自批注里的“数据问题”，按类归在一起；最后一类是来源本身的缺损。"
)
GENERIC_NOTE = "这一文种还没有专门的指南正文，“用途”取自分类词表的说明；正文写好后放进 templates_src/guides/。"  # a paragraph on a 功能 page is cut to about this length
SCRIPT = "assets/zhinan.js"
# 功能 and 技法 pages: their script, and no table of contents (their groups are raw HTML, and the list wants width).
LIST_PAGE = f"scripts: [{SCRIPT}]\nhide: [toc]\n"


def guide_src(slug: str) -> str:
    return f"{GUIDES}/{slug}.md"


def side_by_side_src(slug: str) -> str:
    return f"{GUIDES}/{slug}/duizhao.md"


def function_src(name: str) -> str:
    return f"{FUNCTIONS_FOLDER}/{name_slug(name)}.md"


def technique_src(name: str) -> str:
    return f"{TECHNIQUES_FOLDER}/{name_slug(name)}.md"


def part_id(part: Part) -> str:
    return "bufen-" + name_slug(part.function)


# One colour per 功能 for the side-by-side outlines (a border, never text): the ones that stand next to each other
# in most documents (成绩, 做法, 问题, 措施, 目标) are the furthest apart. A 功能 added to the word list later and
# not given a colour here is grey; tests/test_guides.py asks for a colour for each.
FUNCTION_COLOURS = {
    "开篇": "#6d4c41",
    "背景意义": "#8e24aa",
    "成绩": "#2e7d32",
    "数据": "#00897b",
    "做法": "#1565c0",
    "问题": "#c62828",
    "原因": "#ef6c00",
    "措施": "#5e35b1",
    "打算": "#7cb342",
    "要求": "#ad1457",
    "结尾": "#546e7a",
    "过渡": "#9e9d24",
    "目标": "#f9a825",
}


def colour(function: str) -> str:
    return FUNCTION_COLOURS.get(function, "#9e9e9e")


def spread(hits: list, limit: int, key=lambda h: h.sample.slug) -> list:
    """Up to `limit` items taking each sample in turn, so one long sample does not fill the list."""
    queues: dict[str, list] = {}
    for item in hits:
        queues.setdefault(key(item), []).append(item)
    chosen: list = []
    while len(chosen) < min(limit, len(hits)):
        for queue in queues.values():
            if queue and len(chosen) < limit:
                chosen.append(queue.pop(0))
    order = {id(item): i for i, item in enumerate(hits)}
    return sorted(chosen, key=lambda item: order[id(item)])


def para(cls: str, text: str, href: str | None = None, exclude: bool = False):
    return fragment("para", cls=cls, text=text, href=href, exclude=exclude)


def _count(part: Part, guide: Guide) -> str:
    total = len(guide.annotated)
    have = len(part.samples)
    return f"{total} 篇都有" if have == total and total > 1 else f"{total} 篇中 {have} 篇有" if total > 1 else ""


def _page(title: str, description: str, body: str, extra: str = "") -> str:
    return (
        f"---\ntitle: {json.dumps(title, ensure_ascii=False)}\n"
        f"description: {json.dumps(description, ensure_ascii=False)}\n{extra}---\n\n{body}\n"
    )


def guide_markdown(guide: Guide, data: GuideData, links: Links) -> str:
    """The guide of one 文种: Markdown headings around fragments, so the page keeps a table of contents."""
    prose, kind = data.prose, guide.prose
    many = len(guide.samples) > 1
    out = [
        f"# {md_escape(guide.term.name)}怎么写",
        fragment(
            "guide_intro",
            prose=kind,
            kind=guide.term.name,
            samples=guide.samples,
            side_by_side=side_by_side_src(guide.slug),
            links=links,
        ),
    ]
    if kind.generic:
        out.append(para("fw-note", GENERIC_NOTE))
    parts = guide.parts + guide.rare_parts
    if parts:
        out.append("## 通常的结构 {#jiegou}")
        out.append(
            fragment(
                "guide_parts",
                parts=guide.parts,
                rare=guide.rare_parts,
                part_id=part_id,
                count=lambda p: _count(p, guide),
            )
        )
        shown_parts = {p.function for p in parts}
        for number, part in enumerate(parts, 1):
            out.append(f"### {number}．{md_escape(part.function)} {{#{part_id(part)}}}")
            out.append(
                fragment(
                    "guide_part",
                    part=part,
                    frame=prose.part_text(kind, part.function),
                    # What we wrote for a 功能 that in this 文种 only ever rides along with this part.
                    also=[(f, kind.parts[f]) for f, _ in part.companions if f in kind.parts and f not in shown_parts],
                    shown=spread(part.hits, PART_EXAMPLES),
                    many=many,
                    function_page=function_src(part.function),
                    kind_slug=guide.slug,
                    links=links,
                )
            )
    else:
        out.append(para("fw-note", "这一文种的范文还没有批注，暂时整理不出结构；先看各篇原文。"))
    if guide.techniques:
        out.append("## 常用技法 {#jifa}")
        for use in guide.techniques[:TECHNIQUES_SHOWN]:
            out.append(f"### {md_escape(use.name)}（{len(use.examples)} 处） {{#jifa-{name_slug(use.name)}}}")
            out.append(
                fragment(
                    "guide_technique",
                    use=use,
                    text=prose.technique_text(kind, use.name),
                    examples=spread(use.examples, TECHNIQUE_EXAMPLES, key=lambda e: e.hit.sample.slug),
                    page=technique_src(use.name),
                    links=links,
                )
            )
        if guide.techniques[TECHNIQUES_SHOWN:]:
            rest = guide.techniques[TECHNIQUES_SHOWN:]
            out.append(fragment("guide_techniques_rest", rest=rest, technique_page=technique_src, links=links))
    if guide.phrases:
        out.append("## 常用表述 {#biaoshu}")
        out.append(
            fragment(
                "guide_phrases",
                categories=guide.categories,
                phrases=guide.phrases[:TOP_PHRASES],
                bank_page=BANK_PAGE,
                category_id=category_slug,
                links=links,
            )
        )
    out.append("## 写法要点 {#yaodian}")
    out.append(fragment("guide_advice", advice=kind.advice))
    if guide.mistakes or guide.other_notes or guide.gaps:
        out.append("## 常见毛病 {#maobing}")
        gaps = "最后一类是来源本身的缺损，不算写法问题。" if guide.gaps else ""
        out.append(para("fw-lead", MISTAKES_LEAD + gaps))
        groups = [(g.kind.name, g.kind.advice, g.notes) for g in guide.mistakes]
        if guide.other_notes:
            groups.append(("其他", "", guide.other_notes))
        if guide.gaps:
            groups.append(("来源的缺损", prose.gap_note, guide.gaps))
        for number, (name, advice, notes) in enumerate(groups, 1):
            out.append(f"### {md_escape(name)}（{len(notes)} 处） {{#maobing-{number}}}")
            out.append(fragment("guide_mistake", advice=advice, notes=notes, links=links))
    out.append("## 模板 {#muban}")
    out.append(fragment("guide_templates", templates=guide.templates, links=links))
    return "\n\n".join(out)


def side_by_side_markdown(guide: Guide, links: Links) -> str:
    legend = list(dict.fromkeys(s.label for o in guide.outlines for s in o.sections if s.label))
    legend.sort(key=FUNCTIONS.index)
    lead = (
        f"库里的 {len(guide.samples)} 篇{guide.term.name}各占一栏，按原文顺序列出提纲：每一项是批注“结构”里的一部分，"
        "写明它做什么、它的段落主要写什么。点标题回到原文。"
    )
    if len(guide.samples) == 1:
        lead += "这一文种目前只有一篇，收入更多范文后会并排出现。"
    return "\n\n".join(
        [
            f"# {md_escape(guide.term.name)}：各篇结构对照",
            para("fw-lead", lead),
            para("fw-back", f"{guide.term.name}怎么写", href=links(guide_src(guide.slug))),
            fragment(
                "side_by_side",
                outlines=guide.outlines,
                legend=legend,
                colour=colour,
                meta=lambda s: sample_meta(s),
                links=links,
            ),
        ]
    )


def sample_meta(sample: Sample) -> str:
    parts = ["、".join(sample.facets["行业"]), sample.facets["层级"][0]]
    if sample.region:
        parts.append(sample.region.split("（")[0])
    return " · ".join(parts)


def _facets(catalog: Catalog, hits: list[Hit]) -> list[dict]:
    """The 行业 and 层级 values these paragraphs' samples have, for the filter's choices (vocabulary order)."""
    result = []
    for facet, key in (("行业", "hangye"), ("层级", "cengji")):
        present = {n for h in hits for n in h.sample.facets[facet]}
        terms = [t for t in catalog.vocab[facet] if t.name in present]
        result.append({"name": facet, "key": key, "terms": terms})
    return result


def _item(hit: Hit, catalog: Catalog, links: Links, others: list[tuple[str, str]], label: str, uses=None) -> dict:
    sample = hit.sample
    return {
        "hit": hit,
        "href": links(sample.src_uri, hit.block.anchor),
        "text": excerpt(hit.block.text, HIT_CHARS),
        "uses": uses or [],
        "hangye": " ".join(catalog.term("行业", n).slug for n in sample.facets["行业"]),
        "cengji": " ".join(catalog.term("层级", n).slug for n in sample.facets["层级"]),
        "facets": sample_meta(sample),
        "others": others,
        "others_label": label,
    }


def _groups(data: GuideData, items: list[dict]) -> list[dict]:
    groups: dict[str, dict] = {}
    for item in items:
        term = data.kind_of(item["hit"].sample)
        groups.setdefault(term.slug, {"term": term, "entries": []})["entries"].append(item)
    return list(groups.values())


def function_markdown(name: str, data: GuideData, links: Links) -> str:
    hits = data.functions[name]
    items = [
        _item(h, data.catalog, links, [(f, links(function_src(f))) for f in h.functions if f != name], "同一段还写")
        for h in hits
    ]
    lead = (
        f"{data.prose.functions[name]}"
        f"全库有 {len(hits)} 段标了“{name}”，按文种分组，每段列出开头和所在范文；点链接看原文的上下文。"
    )
    return "\n\n".join(
        [
            f"# 写“{md_escape(name)}”的段落",
            para("fw-lead", lead),
            fragment("hits", page_size=PAGE_SIZE, facets=_facets(data.catalog, hits), groups=_groups(data, items)),
        ]
    )


def technique_markdown(name: str, data: GuideData, links: Links) -> str:
    entries = data.techniques[name]
    items = []
    for hit, uses in entries:
        others = list(dict.fromkeys(t.name for t in hit.notes.techniques if t.name != name))
        items.append(
            _item(hit, data.catalog, links, [(t, links(technique_src(t))) for t in others], "同一段还用了", uses)
        )
    count = sum(len(u) for _, u in entries)
    times = f"（共 {count} 处）" if count != len(entries) else ""
    lead = f"{data.prose.techniques[name]}全库有 {len(entries)} 段用了“{name}”{times}，按文种分组，每处列出原文和批注。"
    return "\n\n".join(
        [
            f"# 技法：{md_escape(name)}",
            para("fw-lead", lead),
            fragment(
                "hits",
                page_size=PAGE_SIZE,
                facets=_facets(data.catalog, [h for h, _ in entries]),
                groups=_groups(data, items),
            ),
        ]
    )


def guide_index_markdown(data: GuideData, links: Links) -> str:
    functions = names_index(data, links, "function")
    techniques = names_index(data, links, "technique")
    return "\n\n".join(
        [
            fragment(
                "guide_index",
                guides=data.guides,
                waiting=data.waiting,
                guide_page=lambda g: guide_src(g.slug),
                side_by_side=lambda g: side_by_side_src(g.slug),
                links=links,
            ),
            "## 按功能找段落 {#gongneng}",
            para("fw-lead", "每一段都标了它在文中做什么。想看别人怎么写“问题”、怎么写“措施”，从这里进。"),
            functions,
            "## 按技法找写法 {#jifa}",
            para("fw-lead", "批注里指出的写法，每种列出全库的用例和说明。"),
            techniques,
        ]
    )


def names_index(data: GuideData, links: Links, which: str) -> str:
    if which == "function":
        names, found, texts, src = FUNCTIONS, data.functions, data.prose.functions, function_src
    else:
        names, found, texts, src = TECHNIQUES, data.techniques, data.prose.techniques, technique_src
    items = [(n, len(found[n]), links(src(n)), texts[n]) for n in names if n in found]
    return str(fragment("names_index", items=items, missing=[n for n in names if n not in found]))


def guide_pages(catalog: Catalog) -> dict[str, list[tuple[str, str, str]]]:
    """Folder -> [(src_uri, nav title, markdown)] for generated.py: the page files, whose bodies are macro calls."""
    data = guide_data_for(catalog)
    guides = []
    for guide in data.guides:
        name = guide.term.name
        guides.append(
            (
                guide_src(guide.slug),
                f"{name}怎么写",
                _page(
                    f"{name}怎么写：写作指南",
                    f"{name}的写作指南：{guide.prose.purpose}"[:150],
                    f'{{{{ guide_page("{guide.slug}") }}}}',
                ),
            )
        )
        guides.append(
            (
                side_by_side_src(guide.slug),
                f"{name}结构对照",
                _page(
                    f"{name}：各篇结构对照",
                    f"库里各篇{name}的提纲并排对照，看同一文种可以怎样分部分。",
                    f'{{{{ guide_side_by_side("{guide.slug}") }}}}',
                    "hide: [navigation, toc]\n",
                ),
            )
        )
    functions = [
        (
            function_src(name),
            name,
            _page(
                f"功能：{name}",
                f"全库标为“{name}”的段落：{data.prose.functions[name]}"[:150],
                f'{{{{ function_page("{name}") }}}}',
                LIST_PAGE,
            ),
        )
        for name in data.functions
    ]
    techniques = [
        (
            technique_src(name),
            name,
            _page(
                f"技法：{name}",
                f"全库用到“{name}”的段落：{data.prose.techniques[name]}"[:150],
                f'{{{{ technique_page("{name}") }}}}',
                LIST_PAGE,
            ),
        )
        for name in data.techniques
    ]
    return {GUIDES: guides, FUNCTIONS_FOLDER: functions, TECHNIQUES_FOLDER: techniques}


__all__ = [
    "guide_index_markdown",
    "guide_markdown",
    "guide_pages",
    "function_markdown",
    "technique_markdown",
    "side_by_side_markdown",
]
