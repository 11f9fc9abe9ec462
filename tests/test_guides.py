"""写作指南: guides, 功能/技法 pages and side-by-side outlines come from the data, and every link lands."""

from __future__ import annotations

import math
import re
import shutil
from pathlib import Path
from urllib.parse import unquote, urljoin, urlparse

import pytest
from conftest import ROOT, copy_project, run_build
from helpers import article_of, assert_build_refused, ids_in, visible_text

from macros.guides.derive import derive
from macros.pages.guides import LIST_SIZE, PALETTE
from macros.sources.catalog import names
from macros.sources.guide_prose import KIND
from macros.sources.library import load_library

GUIDE_FOLDERS = ("zhinan", "gongneng", "jifa")


def slug(library, kind: str, name: str) -> str:
    """The URL name vocab.yml gives a 功能 or 技法."""
    return library.term(kind, name).slug


def kinds_with_samples(catalog) -> list:
    return [t for t in catalog.vocab["文种"] if any(t.name in s.facets["文种"] for s in catalog.samples)]


def pages_under(site: Path, folder: str) -> list[Path]:
    return sorted((site / folder).rglob("index.html"))


def page_url(site: Path, path: Path) -> str:
    return path.parent.relative_to(site).as_posix() + "/"


def links_of(site: Path, path: Path) -> list[tuple[str, str]]:
    """(href, text) of every link in the page's article."""
    return [(a["href"], a.get_text()) for a in article_of(site, page_url(site, path)).select("a[href]")]


def ids_on(path: Path, seen: dict[Path, set[str]]) -> set[str]:
    """The ids of a page, parsed once per test however many links lead into it (`seen` is the test's own memo)."""
    if path not in seen:
        seen[path] = set(ids_in(path))
    return seen[path]


def resolve(site: Path, from_url: str, href: str) -> tuple[Path, str]:
    """The file and fragment a relative link in the web build leads to."""
    target = urlparse(urljoin("http://x/" + from_url, href))
    path = site / unquote(target.path).lstrip("/")
    if path.is_dir() or target.path.endswith("/"):
        path = path / "index.html"
    return path, unquote(target.fragment)


# -- prose ------------------------------------------------------------------------------------------------------


def test_every_kind_with_samples_has_a_guide_and_a_side_by_side_page(site, catalog):
    data = derive(catalog)
    assert [g.term.name for g in data.guides] == [t.name for t in kinds_with_samples(catalog)]
    for term in catalog.vocab["文种"]:
        guide = site / "zhinan" / term.slug / "index.html"
        if term in kinds_with_samples(catalog):
            body = article_of(site, f"zhinan/{term.slug}/")
            assert body.h1.get_text(strip=True).startswith(term.name)
            prose = data.prose.for_kind(term)
            assert prose.purpose in body.get_text() and prose.readers in body.get_text()
            assert not prose.generic, f"{term.name} has samples but no prose file in templates_src/guides/"
            for advice in prose.advice:
                assert advice.title in body.get_text()
            assert (site / "zhinan" / term.slug / "duizhao" / "index.html").is_file()
        else:
            assert not guide.exists()
            assert term.name in article_of(site, "zhinan/").get_text()  # named as waiting for a sample


def test_readme_documents_the_keys_the_loader_accepts():
    readme = (ROOT / "templates_src/guides/README.md").read_text(encoding="utf-8")
    for key in KIND.names:
        assert re.search(rf"^{key}:", readme, re.M), key


def test_every_function_has_its_own_colour(catalog):
    from macros.pages.guides import colour

    functions = names(catalog.vocab, "功能")
    assert len(functions) <= len(PALETTE) and len(set(PALETTE)) == len(PALETTE)
    assert len({colour(catalog, f) for f in functions}) == len(functions)


# -- derived content ---------------------------------------------------------------------------------------------


def main_function_positions(catalog, kind: str) -> dict[str, float]:
    """Recomputed here from the annotations: each main 功能's mean place, averaged over the samples that have it."""
    notes = catalog.annotations
    per_sample: dict[str, dict[str, list[float]]] = {}
    for sample in catalog.samples:
        if kind not in sample.facets["文种"] or sample.slug not in notes:
            continue
        for anchor, para in notes[sample.slug].paragraphs.items():
            place = (sample.block(anchor).number - 1) / (len(sample.blocks) - 1)
            per_sample.setdefault(para.functions[0], {}).setdefault(sample.slug, []).append(place)
    return {f: sum(sum(v) / len(v) for v in s.values()) / len(s) for f, s in per_sample.items()}


def expected_parts(catalog, kind: str) -> list[str]:
    """The documented rule: parts in at least half the annotated samples first, each group by place, then word order."""
    notes = catalog.annotations
    annotated = [
        s for s in catalog.samples if kind in s.facets["文种"] and notes.get(s.slug, None) and notes[s.slug].paragraphs
    ]
    positions = main_function_positions(catalog, kind)
    having = {
        f: {s.slug for s in annotated for p in notes[s.slug].paragraphs.values() if p.functions[0] == f}
        for f in positions
    }
    need = math.ceil(len(annotated) / 2)
    order = names(catalog.vocab, "功能")
    ordered = sorted(positions, key=lambda f: (positions[f], order.index(f)))
    return [f for f in ordered if len(having[f]) >= need] + [f for f in ordered if len(having[f]) < need]


def test_a_guide_lists_each_main_function_as_a_part_in_reading_order(site, catalog):
    notes = catalog.annotations
    for term in kinds_with_samples(catalog):
        body = article_of(site, f"zhinan/{term.slug}/")
        headings = body.select("h3[id^=bufen-]")
        expected = expected_parts(catalog, term.name)
        assert [h["id"] for h in headings] == [f"bufen-{slug(catalog, '功能', f)}" for f in expected], term.name
        # Each part quotes only paragraphs whose main 功能 it is, and links them to their anchor.
        for heading, function in zip(headings, expected, strict=True):
            quoted = heading.find_next(class_="fw-part").select(".fw-excerpts a")
            assert quoted, f"{term.name} {function}: no paragraph quoted"
            for link in quoted:
                sample_slug, anchor = re.match(r"\.\./\.\./fanwen/([^/]+)/#(p\d+)$", link["href"]).groups()
                assert notes[sample_slug].paragraphs[anchor].functions[0] == function


def test_a_guide_shows_every_problem_note_of_its_samples_once(site, catalog):
    notes = catalog.annotations
    for term in kinds_with_samples(catalog):
        text = "".join(m.get_text() for m in article_of(site, f"zhinan/{term.slug}/").select(".fw-mistake"))
        for sample in catalog.samples:
            if term.name in sample.facets["文种"]:
                for problem in notes[sample.slug].problems:
                    assert text.count(problem.text) == 1, (term.name, problem.text)


def test_a_guide_lists_the_templates_of_its_kind(site, catalog):
    for term in kinds_with_samples(catalog):
        box = article_of(site, f"zhinan/{term.slug}/").select_one(".fw-guide-templates")
        expected = [t.title for t in catalog.templates if term.name in t.facets["文种"]]
        assert ([a.get_text() for a in box.select("a")] if box else []) == expected


def test_a_guide_lists_what_the_draft_checker_finds_in_its_samples(site, catalog):
    from macros.checker.engine import check

    ruleset = catalog.ruleset
    for term in kinds_with_samples(catalog):
        samples = [s for s in catalog.samples if term.name in s.facets["文种"]]
        found: dict[str, list] = {}
        for sample in samples:
            for finding in check("\n".join(b.text for b in sample.blocks), ruleset):
                found.setdefault(finding.rule, []).append((sample.slug, f"p{finding.line}"))
        items = article_of(site, f"zhinan/{term.slug}/").select(".fw-checks li")
        assert items, term.name
        widest = max(len({s for s, _ in v}) for v in found.values())
        for item in items:
            rule = item.select("a")[-1]["href"].rsplit("#rule-", 1)[1]
            places = found[rule]
            assert f"{len(places)} 处，见于 {len({s for s, _ in places})} 篇" in item.get_text(), (term.name, rule)
            first_slug, first_anchor = places[0]
            assert item.select("a")[0]["href"] == f"../../fanwen/{first_slug}/#{first_anchor}"
        # The rule found in the most samples comes first.
        top = items[0].select("a")[-1]["href"].rsplit("#rule-", 1)[1]
        assert len({s for s, _ in found[top]}) == widest, top


def paragraphs_with(catalog, which: str, name: str) -> set[tuple[str, str]]:
    notes = catalog.annotations
    found = set()
    for slug, annotated in notes.items():
        for anchor, para in annotated.paragraphs.items():
            names = para.functions if which == "function" else [t.name for t in para.techniques]
            if name in names:
                found.add((slug, anchor))
    return found


def listed(site: Path, url: str) -> list[tuple[str, str]]:
    """(sample slug, anchor) of each paragraph on a 功能 or 技法 page, in page order."""
    items = article_of(site, url).select(".fw-hit")
    result = []
    for item in items:
        href = item.select_one(".fw-hit__where a")["href"]
        result.append(re.match(r"\.\./\.\./fanwen/([^/]+)/#(p\d+)$", href).groups())
    return result


@pytest.mark.parametrize(("which", "kind", "folder"), [("function", "功能", "gongneng"), ("technique", "技法", "jifa")])
def test_each_function_and_technique_page_lists_every_paragraph_that_has_it(site, catalog, which, kind, folder):
    for name in names(catalog.vocab, kind):
        expected = paragraphs_with(catalog, which, name)
        url = f"{folder}/{slug(catalog, kind, name)}/"
        if not expected:
            assert not (site / url).exists(), f"{url} exists but no paragraph has {name}"
            continue
        shown = listed(site, url)
        assert len(shown) == len(set(shown)) and set(shown) == expected, name


def test_function_page_groups_follow_the_vocabulary_and_carry_the_filter_values(site, catalog):
    order = [t.name for t in catalog.vocab["文种"]]
    for name in names(catalog.vocab, "功能"):
        url = f"gongneng/{slug(catalog, '功能', name)}/"
        if not (site / url).exists():
            continue
        body = article_of(site, url)
        groups = [g.h2.contents[0].strip() for g in body.select(".fw-hitgroup")]
        assert groups == sorted(groups, key=order.index), name
        for item in body.select(".fw-hit"):
            sample_slug = re.search(r"fanwen/([^/]+)/", item.select_one(".fw-hit__where a")["href"]).group(1)
            sample = catalog.sample(sample_slug)
            assert item["data-hangye"].split() == [catalog.term("行业", n).slug for n in sample.facets["行业"]]
            assert item["data-cengji"].split() == [catalog.term("层级", n).slug for n in sample.facets["层级"]]
        total = len(derive(catalog).functions[name])
        assert body.select_one(".fw-hits")["data-total"] == str(total)
        assert len(body.select(".fw-hit")) == min(total, LIST_SIZE)


def test_technique_pages_quote_each_use_with_its_note(site, catalog):
    notes = catalog.annotations
    for name in names(catalog.vocab, "技法"):
        url = f"jifa/{slug(catalog, '技法', name)}/"
        if not (site / url).exists():
            continue
        text = article_of(site, url).get_text()
        for annotated in notes.values():
            for para in annotated.paragraphs.values():
                for tech in para.techniques:
                    if tech.name == name:
                        assert tech.quote in text and tech.note in text, (name, tech.quote)


def test_side_by_side_shows_each_samples_outline_in_its_own_column(site, catalog):
    notes = catalog.annotations
    for term in kinds_with_samples(catalog):
        body = article_of(site, f"zhinan/{term.slug}/duizhao/")
        columns = body.select(".fw-sbs__col")
        samples = [s for s in catalog.samples if term.name in s.facets["文种"]]
        assert len(columns) == len(samples)
        for column, sample in zip(columns, samples, strict=True):
            assert column.h2.get_text(strip=True) == sample.title
            hrefs = [a["href"] for a in column.select(".fw-sbs__outline > li > a")]
            parts = notes[sample.slug].parts
            # One entry per 结构 entry, after an opening section when text stands before the first one.
            assert hrefs[len(hrefs) - len(parts) :] == [f"../../../fanwen/{sample.slug}/#{p.anchor}" for p in parts]
            assert len(hrefs) - len(parts) in (0, 1)
            roles = [r.get_text() for r in column.select(".fw-sbs__role")]
            assert roles == [p.role for p in parts]


# -- links --------------------------------------------------------------------------------------------------------


def test_every_link_from_guide_function_and_technique_pages_resolves(site):
    checked = 0
    seen: dict[Path, set[str]] = {}
    for folder in GUIDE_FOLDERS:
        for path in pages_under(site, folder):
            from_url = page_url(site, path)
            for href, text in links_of(site, path):
                if href.startswith(("http:", "https:", "mailto:")):
                    pytest.fail(f"{from_url}: external link {href}")
                target, fragment = resolve(site, from_url, href)
                assert target.is_file(), f"{from_url}: “{text}” -> {href}: no such page"
                if fragment:
                    assert fragment in ids_on(target, seen), f"{from_url}: “{text}” -> {href}: no #{fragment} there"
                if re.fullmatch(r"p\d+", fragment or ""):
                    checked += 1
    assert checked > 100  # the paragraph links were among them


def test_sample_page_labels_link_to_their_function_and_technique_pages(site, catalog):
    notes = catalog.annotations
    for sample in catalog.samples:
        body = article_of(site, sample.url)
        for anchor, para in notes[sample.slug].paragraphs.items():
            label = body.find(id=anchor).find_previous(class_="fw-func")
            hrefs = [a["href"] for a in label.select("a.fw-func__item")]
            assert hrefs == [f"../../gongneng/{slug(catalog, '功能', f)}/" for f in para.functions]
            if para.techniques:
                line = body.find(id=anchor).find_next(class_="fw-tech")
                assert [a["href"] for a in line.select(".fw-tech__item a")] == [
                    f"../../jifa/{slug(catalog, '技法', t.name)}/" for t in para.techniques
                ]
        for a in body.select(".fw-func a, .fw-tech__item a"):
            assert resolve(site, sample.url, a["href"])[0].is_file()


# -- adding data --------------------------------------------------------------------------------------------------

NEW_TEXT = """一、总体情况
今年以来,全镇上下围绕年初目标,工作取得新进展。
怎样把产业做强?关键在于抓龙头、建基地、育品牌。
全年新增果业基地3000亩,引进加工企业2家。
二、存在问题
龙头企业带动能力不强,主要原因是规模小、链条短。
"""
NEW_META = """slug: ceshi-zongjie
标题: 测试镇年度农业工作总结
顺序: 8
来源: 测试
摘要: 用于测试的工作总结。
行业: [农业]
文种: 工作总结
层级: 乡镇
"""
NEW_NOTES = """结构:
  - 位置: p1
    作用: 先讲全年总体情况。
  - 位置: p5
    作用: 讲问题和原因。
段落:
  p2:
    功能: [开篇]
  p3:
    功能: [过渡, 做法]
    技法:
      - 名称: 设问
        原文: 怎样把产业做强?
        说明: 先问后答，引出三项做法。
  p4:
    功能: [成绩, 数据]
  p6:
    功能: [问题, 原因]
写法要点:
  - 标题: 甲
    内容: 甲甲。
  - 标题: 乙
    内容: 乙乙。
  - 标题: 丙
    内容: 丙丙。
数据问题:
  - 位置: p4
    内容: “果业基地”疑为“果业示范基地”之误，原文照录。
"""
NEW_KIND_SAMPLE = """slug: ceshi-fangan
标题: 测试实施方案
顺序: 9
来源: 测试
摘要: 用于测试的新文种。
行业: [文旅]
文种: 实施方案
层级: 县
"""


@pytest.fixture(scope="module")
def grown(tmp_path_factory):
    """The project with one more annotated 工作总结 and a sample of a new 文种 that has no prose file."""
    project = copy_project(tmp_path_factory.mktemp("grown") / "project")
    src = project / "templates_src"
    (src / "samples/ceshi-8.txt").write_text(NEW_TEXT, encoding="utf-8")
    (src / "samples/ceshi-8.yml").write_text(NEW_META, encoding="utf-8")
    (src / "annotations/ceshi-8.yml").write_text(NEW_NOTES, encoding="utf-8")
    (src / "samples/ceshi-9.txt").write_text("一、工作目标\n到年底建成游客中心。\n", encoding="utf-8")
    (src / "samples/ceshi-9.yml").write_text(NEW_KIND_SAMPLE, encoding="utf-8")
    vocab = src / "vocab.yml"
    vocab.write_text(
        vocab.read_text(encoding="utf-8").replace(
            "\n层级:",
            "  - 名称: 实施方案\n    slug: shishi-fangan\n    说明: 把一项工作分解成步骤、分工和时限。\n\n层级:",
        ),
        encoding="utf-8",
    )
    out = project / "out"
    result = run_build(project, out)
    assert result.returncode == 0, result.stdout[-1500:] + result.stderr[-3000:]
    yield project, out
    shutil.rmtree(project, ignore_errors=True)


def test_an_annotated_sample_updates_the_guide_with_no_code_change(grown, site):
    project, out = grown
    before = article_of(site, "zhinan/gongzuo-zongjie/")
    after = article_of(out, "zhinan/gongzuo-zongjie/")
    assert "测试镇年度农业工作总结" in after.select_one(".fw-guide-source").get_text()
    # 开篇 is new to 工作总结: in one sample of three, it is listed among the rarer parts, after the usual ones.
    assert before.select_one("h3[id=bufen-kai-pian]") is None
    expected = expected_parts(load_library(project), "工作总结")
    grown = load_library(project)
    assert [h["id"] for h in after.select("h3[id^=bufen-]")] == [f"bufen-{slug(grown, '功能', f)}" for f in expected]
    assert "开篇" in after.select_one(".fw-partlist__rare").get_text()
    part = after.select_one("h3[id=bufen-kai-pian]").find_next(class_="fw-part")
    assert [a["href"] for a in part.select(".fw-excerpts a")] == ["../../fanwen/ceshi-zongjie/#p2"]
    assert "先讲全年总体情况。" in part.get_text()  # the 结构 entry's 作用
    # Its 数据问题 is sorted into 错别字 by the word “之误”, its 设问 counts among the techniques.
    mistakes = "".join(m.get_text() for m in after.select(".fw-mistake"))
    assert "“果业基地”疑为“果业示范基地”之误" in mistakes
    assert "设问" in "".join(t.get_text() for t in after.select("h3[id^=jifa-], .fw-tech-rest"))


def test_an_annotated_sample_updates_function_technique_and_side_by_side_pages(grown, site):
    project, out = grown
    assert ("ceshi-zongjie", "p2") in listed(out, "gongneng/kai-pian/")
    assert ("ceshi-zongjie", "p3") in listed(out, "gongneng/guo-du/")
    assert len(listed(out, "gongneng/cheng-ji/")) == len(listed(site, "gongneng/cheng-ji/")) + 1
    # No sample used 设问 before: its page appears, and so does its nav entry.
    assert not (site / "jifa/she-wen").exists()
    assert listed(out, "jifa/she-wen/") == [("ceshi-zongjie", "p3")]
    assert "设问" in article_of(out, "jifa/").get_text()
    columns = article_of(out, "zhinan/gongzuo-zongjie/duizhao/").select(".fw-sbs__col")
    assert len(columns) == len(article_of(site, "zhinan/gongzuo-zongjie/duizhao/").select(".fw-sbs__col")) + 1
    assert columns[-1].h2.get_text(strip=True) == "测试镇年度农业工作总结"
    assert [a["href"].rsplit("#", 1)[1] for a in columns[-1].select(".fw-sbs__outline > li > a")] == ["p1", "p5"]
    # The filter offers 乡镇 and 农业 now on the 成绩 page.
    options = [o["value"] for o in article_of(out, "gongneng/cheng-ji/").select("select option")]
    assert "xiangzhen" in options and "nongye" in options


def test_a_new_kind_without_prose_gets_a_generic_guide(grown):
    project, out = grown
    catalog = load_library(project)
    body = article_of(out, "zhinan/shishi-fangan/")
    assert visible_text(body.h1) == "实施方案怎么写"
    prose = catalog.guide_prose
    assert "把一项工作分解成步骤、分工和时限。" in body.get_text()  # 用途 from vocab.yml
    assert prose.generic_readers in body.get_text()
    assert all(a.title in body.get_text() for a in prose.generic_advice)
    assert "还没有专门的指南正文" in body.get_text()
    assert (out / "zhinan/shishi-fangan/duizhao/index.html").is_file()


def test_every_link_still_resolves_after_adding_data(grown):
    project, out = grown
    seen: dict[Path, set[str]] = {}
    for folder in GUIDE_FOLDERS:
        for path in pages_under(out, folder):
            for href, text in links_of(out, path):
                target, fragment = resolve(out, page_url(out, path), href)
                assert target.is_file(), (path, href)
                if fragment:
                    assert fragment in ids_on(target, seen), (path, href, text)


# -- bad prose ----------------------------------------------------------------------------------------------------


@pytest.fixture
def prose_project(tmp_path):
    project = tmp_path / "project"
    shutil.copytree(ROOT / "templates_src", project / "templates_src")
    return project


@pytest.mark.parametrize(
    ("file", "old", "new", "problem", "at"),
    [
        ("gongzuo-zongjie.yml", "  成绩: 这是", "  成果: 这是", "“成果”不在功能词表里", "  成果:"),
        ("gongzuo-zongjie.yml", "  数据说话: 总结", "  数据支撑: 总结", "“数据支撑”不在技法词表里", "  数据支撑:"),
        ("gongzuo-zongjie.yml", "文种: 工作总结", "文种: 工作要点", "对应的文种是“工作总结”", "文种: 工作要点"),
        ("gongzuo-zongjie.yml", "用途: ", "用处: ", "缺少必填项“用途”", None),
        ("jianghua.yml", "\n读者: ", "\n# 读者: ", "缺少必填项“读者”", None),
        ("tongyong.yml", "  设问: 先提问", "  反问: 先提问", "“反问”不在技法词表里", "  反问:"),
        (
            "tongyong.yml",
            "    关键词: [编号, 层级, 冒号]",
            "    关键词: []",
            "“关键词”应是非空的词语列表",
            "关键词: []",
        ),
        (
            "shuzhi-baogao.yml",
            "要点:\n  - 标题: 按怎么履职",
            "要点:\n  - 题目: 按怎么履职",
            "缺少必填项“标题”",
            "题目:",
        ),
    ],
)
def test_bad_prose_names_file_line_and_fix(prose_project, file, old, new, problem, at):
    from macros.sources.errors import SourceError

    path = prose_project / "templates_src/guides" / file
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(SourceError) as error:
        load_library(prose_project, parts=("guides",))
    assert problem in error.value.problem and error.value.fix
    assert error.value.path.endswith(file)
    if at:
        assert at in path.read_text(encoding="utf-8").splitlines()[error.value.line - 1]


def test_a_prose_file_for_an_unknown_kind_is_refused(prose_project):
    from macros.sources.errors import SourceError

    (prose_project / "templates_src/guides/tongzhi.yml").write_text("文种: 通知\n", encoding="utf-8")
    with pytest.raises(SourceError) as error:
        load_library(prose_project, parts=("guides",))
    assert "没有 slug 为“tongzhi”的文种" in error.value.problem


def test_bad_prose_stops_the_build_and_publishes_nothing(tmp_path):
    from conftest import build_changed

    _, out, result = build_changed(
        tmp_path, change=("templates_src/guides/jianghua.yml", "  过渡: 各部分", "  转场: 各部分")
    )
    assert_build_refused(result, out, "templates_src/guides/jianghua.yml", "“转场”不在功能词表里")


# -- helpers ------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "limit", "shown"),
    [
        ("短句。", 10, "短句。"),  # short enough: whole
        ("第一句比较长一些。第二句接着写下去很长很长很长。", 16, "第一句比较长一些。…"),  # cut after a sentence
        ("一二三。四五六七八九十一二三四五六七八", 12, "一二三。四五六七八九十一…"),  # the sentence is too short
        ("没有句号的一长串文字没有句号的一长串文字", 8, "没有句号的一长串…"),
    ],
)
def test_excerpt(text, limit, shown):
    from macros.guides.derive import excerpt

    assert excerpt(text, limit) == shown


def test_problem_notes_go_to_the_first_matching_kind_then_to_the_gaps(catalog):
    from macros.guides.derive import ProblemNote, sort_problems

    prose = derive(catalog).prose
    sample = catalog.samples[0]
    block = sample.blocks[0]
    first, second = prose.mistakes[0], prose.mistakes[1]
    notes = [
        ProblemNote(sample, block, f"甲{second.keywords[0]}乙{first.keywords[0]}"),  # both kinds: the first listed wins
        ProblemNote(
            sample, block, f"甲{prose.gap_keywords[0]}乙{second.keywords[0]}"
        ),  # a mistake word beats a gap word
        ProblemNote(sample, block, f"只有{prose.gap_keywords[0]}"),
        ProblemNote(sample, block, "什么词也不沾"),
    ]
    groups, others, gaps = sort_problems(notes, prose)
    assert [(g.kind.name, [n.text for n in g.notes]) for g in groups] == [
        (first.name, [notes[0].text]),
        (second.name, [notes[1].text]),
    ]
    assert gaps == [notes[2]] and others == [notes[3]]


def test_spread_takes_each_sample_in_turn_and_keeps_page_order():
    from macros.guides.derive import spread

    class Item:
        def __init__(self, slug, n):
            self.sample = type("S", (), {"slug": slug})
            self.n = n

    items = [Item("a", 1), Item("a", 2), Item("a", 3), Item("b", 4), Item("c", 5)]
    assert [i.n for i in spread(items, 3)] == [1, 4, 5]
    assert [i.n for i in spread(items, 4)] == [1, 2, 4, 5]
    assert [i.n for i in spread(items, 9)] == [1, 2, 3, 4, 5]


def errors_by_paragraph(catalog) -> dict[tuple[str, str], list[str]]:
    """(sample slug, anchor) -> the messages of the 错误 the draft checker finds in that paragraph."""
    from macros.checker.engine import check

    found: dict[tuple[str, str], list[str]] = {}
    for sample in catalog.samples:
        for f in check("\n".join(b.text for b in sample.blocks), catalog.ruleset):
            if f.level == "错误":
                found.setdefault((sample.slug, sample.blocks[f.line - 1].anchor), []).append(f.message)
    return found


def quoted(article, item_selector: str, where_selector: str) -> list[tuple[tuple[str, str], object]]:
    out = []
    for item in article.select(item_selector):
        href = item.select_one(where_selector)["href"]
        out.append((re.search(r"fanwen/([^/]+)/#(p\d+)$", href).groups(), item))
    return out


def test_guides_quote_paragraphs_free_of_errors_and_others_only_as_labelled_counter_examples(site, catalog):
    errors = errors_by_paragraph(catalog)
    assert errors  # the samples keep their source text: many paragraphs have 错误
    clean_shown = bad_shown = 0
    pages = [
        (f"zhinan/{t.slug}/", ".fw-part .fw-excerpts > li, .fw-tech-use .fw-excerpts > li", ".fw-excerpts__where a")
        for t in kinds_with_samples(catalog)
    ]
    pages += [
        (f"{folder}/{slug(catalog, kind, name)}/", ".fw-hit", ".fw-hit__where a")
        for kind, folder in (("功能", "gongneng"), ("技法", "jifa"))
        for name in names(catalog.vocab, kind)
        if (site / folder / slug(catalog, kind, name)).exists()
    ]
    for url, item_selector, where in pages:
        for key, item in quoted(article_of(site, url), item_selector, where):
            label = item.select_one(".fw-bad-label")
            if key in errors:
                bad_shown += 1
                assert label is not None and label.get_text() == "反例", (url, key)
                listed = [li.get_text() for li in item.select(".fw-findings li")]
                assert [m for m in listed] and all(any(m in li for li in listed) for m in errors[key]), (url, key)
            else:
                clean_shown += 1
                assert label is None, (url, key)
    assert clean_shown and bad_shown


def test_a_guide_part_picks_its_examples_among_paragraphs_free_of_errors(site, catalog):
    """The 工作总结 guide once quoted 上级指标26%,因疫情总人次-0.6745 right under advice against such numbers."""
    errors = errors_by_paragraph(catalog)
    for term in kinds_with_samples(catalog):
        for part in article_of(site, f"zhinan/{term.slug}/").select(".fw-part"):
            shown = quoted(part, ".fw-excerpts > li", ".fw-excerpts__where a")
            bad = [key for key, _ in shown if key in errors]
            # A 反例 only where the part has no paragraph free of errors: then it is the only one shown.
            assert not bad or len(shown) == 1, (term.name, bad)
    text = article_of(site, "zhinan/gongzuo-zongjie/").get_text()
    assert "上级指标26%" not in text or "反例" in text
