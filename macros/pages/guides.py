"""The 写作指南 pages: a guide and a side-by-side outline per 文种, a page per 功能 and per 技法, and their indexes.

What they show is derived in macros/guides/; here it becomes Markdown headings (for the page's table of contents)
around HTML fragments (macros/pages/fragments/, autoescaped), every link made by `Links` so it works on the web and
in the folder build. A page's content depends only on the library, so adding a sample changes the pages by itself.
macros/pages/generated.py lists these pages with the others (`guide_pages`).
"""

from __future__ import annotations

import bisect
import json
from collections.abc import Callable
from dataclasses import dataclass, field

from macros.guides.derive import Guide, GuideData, Hit, Part, derive, examples, excerpt, spread
from macros.pages.checker_panel import TIJIAN
from macros.pages.concordance import BANK_PAGE, category_slug, phrase_uri
from macros.pages.paging import PAGE_SIZE, UNLISTED, UNSEARCHED, Paging
from macros.pages.render import Links, Markup, fragment, md_text
from macros.sources.catalog import Sample, names
from macros.sources.library import Library
from macros.sources.site_map import FACETS, GUIDE_PAGES, WORD_PAGES

# Paragraphs per page of a 功能 or 技法 list: twice a browse list's (macros/pages/paging.py), their entries being
# shorter and their lists (every annotated paragraph) far longer: half as many pages to build.
LIST_SIZE = 2 * PAGE_SIZE
PART_EXAMPLES = 4  # paragraphs quoted under each part of a guide
TECHNIQUE_EXAMPLES = 2  # examples under each 技法 of a guide
TECHNIQUES_SHOWN = 6  # the most used 技法 of a guide get a section; the rest one line with links
HIT_CHARS = 90  # a paragraph on a 功能 page is cut to about this length
TOP_PHRASES = 12  # the most used phrases a guide lists
CHECKS_SHOWN = 6  # the 公文体检 rules a guide lists: those found in most of its samples
# Columns on a side-by-side page: annotated samples first. A page's size must not grow with the library: a guide
# names at most this many of its samples, and as many of each part's sections and of each kind of mistake.
COLUMNS_SHOWN = 12
SOURCES_SHOWN = 12  # samples named at the top of a guide; all of them are on the 文种's page
SECTIONS_SHOWN = 6  # sections of the samples listed under a part of a guide (范文里的安排)
NOTES_SHOWN = 8  # notes listed under a kind of mistake
CHECKS_LEAD = (
    "用公文体检检查库里的这些范文，查出最多的是下面几条。范文是原样照录的，这些问题都留在原文里；"
    "借用范文的句子时，先按这些规则改过来。"
)
MISTAKES_LEAD = "下面的毛病都是库里这一文种的范文真实出过的，来自批注里的“数据问题”，按类归在一起。"
GENERIC_NOTE = "这一文种还没有专门的指南正文，“用途”取自分类词表的说明；正文写好后放进 templates_src/guides/。"
# 功能 and 技法 pages: their scripts, and no table of contents (their groups are raw HTML, and the list wants width).
LIST_PAGE = "hide: [toc]\nscripts: [assets/zhinan.js]\n"
MORE_PAGE = LIST_PAGE + UNSEARCHED
FILTERS = (("行业", "hangye"), ("层级", "cengji"))  # a 功能 or 技法 list's filters: facet and query key
# One colour per 功能 for the side-by-side outlines (a border, never text), by the 功能's place in vocab.yml: the
# ones that stand next to each other in most documents (成绩, 做法, 问题, 措施, 目标) are the furthest apart. A 功能
# beyond the palette takes its colours again from the start.
PALETTE = (
    "#6d4c41",  # 开篇
    "#8e24aa",  # 背景意义
    "#2e7d32",  # 成绩
    "#00897b",  # 数据
    "#1565c0",  # 做法
    "#c62828",  # 问题
    "#ef6c00",  # 原因
    "#5e35b1",  # 措施
    "#7cb342",  # 打算
    "#ad1457",  # 要求
    "#546e7a",  # 结尾
    "#9e9d24",  # 过渡
    "#f9a825",  # 目标
)


@dataclass(frozen=True)
class GuidePage:
    """One page for generated.py: its front matter, and its body for the links of the web or the folder build."""

    src_uri: str
    nav_title: str
    title: str
    description: str
    body: Callable[[Links], str]
    extra: str = ""


@dataclass
class LabelList:
    """The paragraphs of one 功能 or 技法 as its pages list them (in 文种 order, LIST_SIZE a page), and what each
    page's 行业/层级 filter needs to know of the others: for every choice (a value of each, or none), how many
    paragraphs match and on which pages."""

    kind: str  # 功能 or 技法
    name: str
    entries: list[tuple[Hit, list]]  # each paragraph with its uses of the 技法 (empty for a 功能)
    paging: Paging
    group_totals: dict[str, int] = field(default_factory=dict)  # 文种 slug -> paragraphs
    group_pages: dict[str, int] = field(default_factory=dict)  # 文种 slug -> the page its first paragraph is on
    matches: dict[str, tuple[int, list[int]]] = field(default_factory=dict)  # "行业slug|层级slug" -> count, pages
    facets: list[dict] = field(default_factory=list)  # the filter's choices: the values the paragraphs have
    uses: int = 0  # uses of the 技法 in all its paragraphs

    @classmethod
    def of(cls, kind: str, name: str, entries: list, data: GuideData) -> LabelList:
        library = data.library
        listed = cls(kind, name, entries, Paging(label_src(library, kind, name), len(entries), LIST_SIZE))
        slugs = {facet: {t.name: t.slug for t in library.vocab[facet]} for facet, _ in FILTERS}
        pages: dict[str, list[int]] = {}
        counts: dict[str, int] = {}
        for i, (hit, _) in enumerate(entries):
            number = i // LIST_SIZE + 1
            group = data.kind_of(hit.sample).slug
            listed.group_totals[group] = listed.group_totals.get(group, 0) + 1
            listed.group_pages.setdefault(group, number)
            industries, levels = ([""] + [slugs[f][n] for n in hit.sample.facets[f]] for f, _ in FILTERS)
            for key in {f"{a}|{b}" for a in industries for b in levels}:
                counts[key] = counts.get(key, 0) + 1
                at = pages.setdefault(key, [])
                if not at or at[-1] != number:
                    at.append(number)
        listed.matches = {key: (counts[key], pages[key]) for key in sorted(counts)}
        listed.facets = _facets(library, [hit for hit, _ in entries])
        listed.uses = sum(len(uses) for _, uses in entries)
        return listed

    def src_uri(self, number: int) -> str:
        return self.paging.src_uri(number)

    def window(self, number: int) -> list[tuple[Hit, list]]:
        return self.entries[self.paging.window(number)]

    def filter_data(self, number: int, links: Links) -> str:
        """What page `number`'s filter script reads (docs/assets/zhinan.js), as JSON: this page, how to link any
        page, and for each choice its count, its first page and its pages before and after this one (0 for none).
        Its size depends on the vocabulary only. (An attribute, not a script element: Material's instant navigation
        runs every script element of the page it swaps in.)"""
        template = 987654321  # a page number no list reaches, to make the link pattern of every page from
        pattern = links(self.src_uri(template)).replace(str(template), "{n}")
        combos = {}
        for key, (count, pages) in self.matches.items():
            at = bisect.bisect_left(pages, number)
            before = pages[at - 1] if at else 0
            after_at = at + 1 if at < len(pages) and pages[at] == number else at
            after = pages[after_at] if after_at < len(pages) else 0
            combos[key] = [count, pages[0], before, after]
        data = {"page": number, "pages": self.paging.count, "first": links(self.src_uri(1)), "pattern": pattern}
        data["combos"] = combos
        return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def guide_src(slug: str) -> str:
    return f"{GUIDE_PAGES}/{slug}.md"


def side_by_side_src(slug: str) -> str:
    return f"{GUIDE_PAGES}/{slug}/duizhao.md"


def label_src(library: Library, kind: str, name: str) -> str:
    """The page of a 功能 or 技法 (kind), named by its slug in vocab.yml: gongneng/wen-ti.md."""
    return f"{WORD_PAGES[kind]}/{library.term(kind, name).slug}.md"


def part_id(library: Library, part: Part) -> str:
    return "bufen-" + library.term("功能", part.function).slug


def colour(library: Library, function: str) -> str:
    return PALETTE[names(library.vocab, "功能").index(function) % len(PALETTE)]


def para(cls: str, text: str, href: str | None = None, exclude: bool = False):
    return fragment("para", cls=cls, text=text, href=href, exclude=exclude)


def _count(part: Part, guide: Guide) -> str:
    total = len(guide.annotated)
    have = len(part.samples)
    return f"{total} 篇都有" if have == total and total > 1 else f"{total} 篇中 {have} 篇有" if total > 1 else ""


def guide_markdown(guide: Guide, data: GuideData, links: Links, lists: dict[tuple[str, str], LabelList]) -> str:
    """The guide of one 文种: Markdown headings around fragments, so the page keeps a table of contents."""
    prose, kind, library = data.prose, guide.prose, data.library
    many = len(guide.samples) > 1
    out = [
        f"# {md_text(guide.term.name)}怎么写",
        fragment(
            "guide_intro",
            prose=kind,
            kind=guide.term.name,
            samples=guide.samples[:SOURCES_SHOWN],
            total=len(guide.samples),
            kind_page=f"{FACETS['文种']}/{guide.term.slug}.md",
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
                part_id=lambda p: part_id(library, p),
                count=lambda p: _count(p, guide),
            )
        )
        shown_parts = {p.function for p in parts}
        for number, part in enumerate(parts, 1):
            out.append(f"### {number}．{md_text(part.function)} {{#{part_id(library, part)}}}")
            out.append(
                fragment(
                    "guide_part",
                    part=part,
                    frame=prose.part_text(kind, part.function),
                    # What we wrote for a 功能 that in this 文种 only ever rides along with this part.
                    also=[(f, kind.parts[f]) for f, _ in part.companions if f in kind.parts and f not in shown_parts],
                    shown=examples(part.hits, PART_EXAMPLES),
                    sections=spread(part.sections, SECTIONS_SHOWN, key=lambda section: section.sample.slug),
                    many=many,
                    function_page=lists[("功能", part.function)].src_uri(
                        lists[("功能", part.function)].group_pages.get(guide.slug, 1)
                    ),
                    kind_slug=guide.slug,
                    links=links,
                )
            )
    else:
        out.append(para("fw-note", "这一文种的范文还没有批注，暂时整理不出结构；先看各篇原文。"))
    if guide.techniques:
        out.append("## 常用技法 {#jifa}")
        for use in guide.techniques[:TECHNIQUES_SHOWN]:
            slug = library.term("技法", use.name).slug
            out.append(f"### {md_text(use.name)}（{len(use.examples)} 处） {{#jifa-{slug}}}")
            out.append(
                fragment(
                    "guide_technique",
                    use=use,
                    text=prose.technique_text(kind, use.name),
                    examples=examples(use.examples, TECHNIQUE_EXAMPLES, hit=lambda e: e.hit),
                    page=label_src(library, "技法", use.name),
                    links=links,
                )
            )
        if guide.techniques[TECHNIQUES_SHOWN:]:
            rest = guide.techniques[TECHNIQUES_SHOWN:]
            page = lambda name: label_src(library, "技法", name)  # noqa: E731
            out.append(fragment("guide_techniques_rest", rest=rest, technique_page=page, links=links))
    if guide.phrases:
        out.append("## 常用表述 {#biaoshu}")
        out.append(
            fragment(
                "guide_phrases",
                categories=guide.categories,
                phrases=guide.phrases[:TOP_PHRASES],
                bank_page=BANK_PAGE,
                phrase_page=phrase_uri,
                category_id=lambda c: category_slug(library, c),
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
            out.append(f"### {md_text(name)}（{len(notes)} 处） {{#maobing-{number}}}")
            shown_notes = spread(notes, NOTES_SHOWN, key=lambda n: n.sample.slug)
            out.append(fragment("guide_mistake", advice=advice, notes=shown_notes, total=len(notes), links=links))
    if guide.checks:
        out.append("## 公文体检查出的问题 {#tijian}")
        out.append(para("fw-lead", CHECKS_LEAD))
        out.append(fragment("guide_checks", checks=guide.checks[:CHECKS_SHOWN], tijian=TIJIAN, links=links))
    out.append("## 模板 {#muban}")
    out.append(fragment("guide_templates", templates=guide.templates, links=links))
    return "\n\n".join(out)


def side_by_side_markdown(guide: Guide, library: Library, links: Links) -> str:
    order = names(library.vocab, "功能")
    legend = sorted({s.label for o in guide.outlines for s in o.sections if s.label}, key=order.index)
    lead = (
        f"库里的 {len(guide.samples)} 篇{guide.term.name}各占一栏，按原文顺序列出提纲：每一项是批注“结构”里的一部分，"
        "写明它做什么、它的段落主要写什么。点标题回到原文。"
    )
    if len(guide.samples) == 1:
        lead += "这一文种目前只有一篇，收入更多范文后会并排出现。"
    # Annotated outlines first (they say what each part does), then in library order; at most COLUMNS_SHOWN.
    outlines = sorted(guide.outlines, key=lambda o: not any(s.label for s in o.sections))[:COLUMNS_SHOWN]
    if len(guide.outlines) > COLUMNS_SHOWN:
        lead += (
            f"库里共有 {len(guide.outlines)} 篇，这里并排前 {COLUMNS_SHOWN} 篇（有批注的在前），其余的见文种分类页。"
        )
    return "\n\n".join(
        [
            f"# {md_text(guide.term.name)}：各篇结构对照",
            para("fw-lead", lead),
            para("fw-back", f"{guide.term.name}怎么写", href=links(guide_src(guide.slug))),
            fragment(
                "side_by_side",
                outlines=outlines,
                legend=legend,
                colour=lambda f: colour(library, f),
                meta=lambda s: sample_meta(s),
                links=links,
            ),
        ]
    )


def sample_meta(sample: Sample) -> str:
    # A facet still 待确认 with no guess in the vocabulary is empty: shown as such, not guessed here.
    parts = ["、".join(sample.facets["行业"]) or "行业待确认", "、".join(sample.facets["层级"]) or "层级待确认"]
    if sample.region:
        parts.append(sample.region.split("（")[0])
    return " · ".join(parts)


def _facets(library: Library, hits: list[Hit]) -> list[dict]:
    """The 行业 and 层级 values these paragraphs' samples have, for the filter's choices (vocabulary order)."""
    result = []
    for facet, key in FILTERS:
        present = {n for h in hits for n in h.sample.facets[facet]}
        terms = [t for t in library.vocab[facet] if t.name in present]
        result.append({"name": facet, "key": key, "terms": terms})
    return result


def _item(hit: Hit, library: Library, links: Links, others: list[tuple[str, str]], label: str, uses=None) -> dict:
    sample = hit.sample
    return {
        "hit": hit,
        "href": links(sample.src_uri, hit.block.anchor),
        "text": excerpt(hit.block.text, HIT_CHARS),
        "uses": uses or [],
        "hangye": " ".join(library.term("行业", n).slug for n in sample.facets["行业"]),
        "cengji": " ".join(library.term("层级", n).slug for n in sample.facets["层级"]),
        "facets": sample_meta(sample),
        "others": others,
        "others_label": label,
    }


def _groups(data: GuideData, items: list[dict], totals: dict[str, int]) -> list[dict]:
    groups: dict[str, dict] = {}
    for item in items:
        term = data.kind_of(item["hit"].sample)
        group = groups.setdefault(term.slug, {"term": term, "entries": [], "total": totals[term.slug]})
        group["entries"].append(item)
    return list(groups.values())


def _list_page(listed: LabelList, data: GuideData, links: Links, number: int, items: list[dict]) -> Markup:
    """A page of a 功能 or 技法 list: the filter, the page's paragraphs by 文种, the pager, the filter's data."""
    return fragment(
        "hits",
        facets=listed.facets,
        groups=_groups(data, items, listed.group_totals),
        total=len(listed.entries),
        first=(number - 1) * LIST_SIZE + 1,
        pager=Markup(listed.paging.pager(number, links)),
        data=listed.filter_data(number, links),
    )


def function_markdown(listed: LabelList, data: GuideData, links: Links, number: int = 1) -> str:
    library, name = data.library, listed.name
    items = [
        _item(
            h,
            library,
            links,
            [(f, links(label_src(library, "功能", f))) for f in h.functions if f != name],
            "同一段还写",
        )
        for h, _ in listed.window(number)
    ]
    lead = (
        f"{data.prose.functions[name]}"
        f"全库有 {len(listed.entries)} 段标了“{name}”，按文种分组，每段列出开头和所在范文；点链接看原文的上下文。"
    )
    title = listed.paging.title(f"写“{name}”的段落", number)
    return "\n\n".join([f"# {md_text(title)}", para("fw-lead", lead), _list_page(listed, data, links, number, items)])


def technique_markdown(listed: LabelList, data: GuideData, links: Links, number: int = 1) -> str:
    library, name = data.library, listed.name
    items = []
    for hit, uses in listed.window(number):
        others = list(dict.fromkeys(t.name for t in hit.notes.techniques if t.name != name))
        also = [(t, links(label_src(library, "技法", t))) for t in others]
        items.append(_item(hit, library, links, also, "同一段还用了", uses))
    count = listed.uses
    times = f"（共 {count} 处）" if count != len(listed.entries) else ""
    lead = (
        f"{data.prose.techniques[name]}全库有 {len(listed.entries)} 段用了“{name}”{times}，按文种分组，"
        "每处列出原文和批注。"
    )
    title = listed.paging.title(f"技法：{name}", number)
    return "\n\n".join([f"# {md_text(title)}", para("fw-lead", lead), _list_page(listed, data, links, number, items)])


GUIDE_INDEX_LEAD = (
    "每个文种一篇指南：这种材料写给谁看、通常分几部分、每部分怎么写，配上库里真实范文的例段、常用技法、"
    "常用表述和范文里出过的毛病。结构和例段都从范文的批注里整理出来，收入新范文就会更新；“结构对照”把同一文种"
    "各篇的提纲并排放在一起，看同一种材料可以怎样分部分。"
)
FUNCTION_INDEX_LEAD = (
    "批注给范文的每一段标了功能：这一段在文中是讲成绩、讲问题，还是讲措施。点一个功能，看全库所有这样的段落，"
    "按文种分组，可以按行业和层级筛选。"
)
TECHNIQUE_INDEX_LEAD = "批注里指出的每一处写法，按技法归在一起：原文怎么写、为什么这样写，点链接回到原文看上下文。"


def guide_index_markdown(data: GuideData, links: Links) -> str:
    return "\n\n".join(
        [
            "# 写作指南",
            para("fw-lead", GUIDE_INDEX_LEAD),
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
            names_index(data, links, "功能"),
            "## 按技法找写法 {#jifa}",
            para("fw-lead", "批注里指出的写法，每种列出全库的用例和说明。"),
            names_index(data, links, "技法"),
        ]
    )


def names_index(data: GuideData, links: Links, kind: str) -> str:
    """The 功能 (or 技法) of the vocabulary that some paragraph has, each with its count, link and how to write it."""
    found, texts = (
        (data.functions, data.prose.functions) if kind == "功能" else (data.techniques, data.prose.techniques)
    )
    every = names(data.library.vocab, kind)
    items = [(n, len(found[n]), links(label_src(data.library, kind, n)), texts[n]) for n in every if n in found]
    return str(fragment("names_index", items=items, missing=[n for n in every if n not in found]))


def guide_pages(library: Library) -> dict[str, list[GuidePage]]:
    """Folder -> its pages, in navigation order; "_index" holds the three folder index pages (the nav's entries).

    Derives everything once here. With the draft checker's rules, each guide lists what they find in its samples.
    """
    data = derive(library)
    # One list per 功能 and per 技法, cut into pages
    lists = {
        ("功能", name): LabelList.of("功能", name, [(h, []) for h in hits], data)
        for name, hits in data.functions.items()
    }
    lists |= {("技法", name): LabelList.of("技法", name, entries, data) for name, entries in data.techniques.items()}
    guides = []
    for guide in data.guides:
        name = guide.term.name
        guides.append(
            GuidePage(
                guide_src(guide.slug),
                f"{name}怎么写",
                f"{name}怎么写：写作指南",
                f"{name}的写作指南：{guide.prose.purpose}"[:150],
                lambda links, g=guide: guide_markdown(g, data, links, lists),
            )
        )
        guides.append(
            GuidePage(
                side_by_side_src(guide.slug),
                f"{name}结构对照",
                f"{name}：各篇结构对照",
                f"库里各篇{name}的提纲并排对照，看同一文种可以怎样分部分。",
                lambda links, g=guide: side_by_side_markdown(g, library, links),
                "hide: [navigation, toc]\n",
            )
        )
    # Each 功能 and 技法: its first page in its folder (the navigation lists it), its further pages apart
    labels = {
        "功能": ("全库标为", data.prose.functions, function_markdown),
        "技法": ("全库用到", data.prose.techniques, technique_markdown),
    }
    firsts: dict[str, list[GuidePage]] = {"功能": [], "技法": []}
    further: list[GuidePage] = []
    for (kind, name), listed in lists.items():
        lead, prose, render = labels[kind]
        for number in range(1, listed.paging.count + 1):
            page = GuidePage(
                listed.src_uri(number),
                name if number == 1 else listed.paging.title(name, number),
                listed.paging.title(f"{kind}：{name}", number),
                f"{lead}“{name}”的段落：{prose[name]}"[:150],
                lambda links, listed=listed, render=render, number=number: render(listed, data, links, number),
                LIST_PAGE if number == 1 else MORE_PAGE,
            )
            (firsts[kind] if number == 1 else further).append(page)
    functions, techniques = firsts["功能"], firsts["技法"]
    indexes = [
        GuidePage(
            f"{GUIDE_PAGES}/index.md",
            "写作指南",
            "写作指南",
            GUIDE_INDEX_LEAD[:150],
            lambda links: guide_index_markdown(data, links),
        ),
        GuidePage(
            f"{WORD_PAGES['功能']}/index.md",
            "按功能",
            "按功能浏览段落",
            FUNCTION_INDEX_LEAD[:150],
            lambda links: (
                f"# 按功能浏览段落\n\n{para('fw-lead', FUNCTION_INDEX_LEAD)}\n\n{names_index(data, links, '功能')}"
            ),
        ),
        GuidePage(
            f"{WORD_PAGES['技法']}/index.md",
            "按技法",
            "按技法浏览写法",
            TECHNIQUE_INDEX_LEAD[:150],
            lambda links: (
                f"# 按技法浏览写法\n\n{para('fw-lead', TECHNIQUE_INDEX_LEAD)}\n\n{names_index(data, links, '技法')}"
            ),
        ),
    ]
    return {
        GUIDE_PAGES: guides,
        WORD_PAGES["功能"]: functions,
        WORD_PAGES["技法"]: techniques,
        "_index": indexes,
        UNLISTED: further,
    }
