"""Annotations on sample pages: beside the text, complete, each 技法 note behind its own button."""

from __future__ import annotations

import re

import pytest
from conftest import ROOT
from helpers import article_of

from macros.sources.annotations import LESSONS
from macros.sources.catalog import names


def test_readme_points_at_the_word_lists_instead_of_copying_them(catalog):
    """The 功能 and 技法 words live in vocab.yml only: a copy in the README would drift."""
    readme = (ROOT / "templates_src/annotations/README.md").read_text(encoding="utf-8")
    assert "templates_src/vocab.yml" in readme
    for key in ("功能", "技法"):
        words = names(catalog.vocab, key)
        assert len(words) >= 10
        assert "、".join(words[:4]) not in readme, f"the README copies the {key} list"


def test_every_sample_is_annotated(catalog):
    notes = catalog.annotations
    for sample in catalog.samples:
        assert sample.slug in notes, f"{sample.slug} has no file in templates_src/annotations/"
        annotated = notes[sample.slug]
        assert annotated.parts and annotated.paragraphs
        low, high = LESSONS
        assert low <= len(annotated.lessons) <= high


def test_structure_box_links_each_part(site, catalog):
    notes = catalog.annotations
    for sample in catalog.samples:
        body = article_of(site, sample.url)
        box = body.select_one("details.fw-structure")
        assert box is not None and box.find_previous(id=re.compile(r"^p\d+$")) is None, "box is not at the top"
        links = box.select(".fw-outline a")
        assert [a["href"] for a in links] == [f"#{p.anchor}" for p in notes[sample.slug].parts]
        assert all(body.find(id=a["href"][1:]) for a in links)


def test_function_labels_and_techniques_sit_beside_their_paragraph(site, catalog):
    notes = catalog.annotations
    for sample in catalog.samples:
        body = article_of(site, sample.url)
        for anchor, para in notes[sample.slug].paragraphs.items():
            block = body.find(id=anchor)
            label = block.find_previous(class_="fw-func")
            assert label.find_next(id=re.compile(r"^p\d+$")) is block, f"{sample.slug} {anchor}: label"
            assert [s.get_text() for s in label.select(".fw-func__item")] == list(para.functions)
            if not para.techniques:
                continue
            line = block.find_next(class_="fw-tech")
            nxt = block.find_next(id=re.compile(r"^p\d+$"))
            assert nxt is None or line.sourceline < nxt.sourceline, f"{sample.slug} {anchor}: 技法 not beside"
            # One button per 技法 after its name, controlling the list item with its note, the list right below.
            buttons = line.select("button.fw-tech__marker")
            assert len(buttons) == len(para.techniques) and all(b.get("aria-expanded") == "false" for b in buttons)
            items = line.find_next_sibling().find_all("li", recursive=False)
            assert line.find_next_sibling().name == "ol" and len(items) == len(para.techniques)
            assert [b["aria-controls"] for b in buttons] == [item["id"] for item in items]
            assert [b.find_parent(class_="fw-tech__item").get_text() for b in buttons] == [
                t.name for t in para.techniques
            ]
            for item, tech in zip(items, para.techniques, strict=True):
                assert tech.quote in item.get_text() and tech.note in item.get_text()


def test_source_notes_are_merged_not_repeated(site, catalog):
    """One 原文说明 box per paragraph at most; every 数据问题 is shown in it."""
    notes = catalog.annotations
    for sample in catalog.samples:
        body = article_of(site, sample.url)
        boxes = body.select(".fw-source-note")
        owners = [b.find_previous(id=re.compile(r"^p\d+$"))["id"] for b in boxes]
        assert len(owners) == len(set(owners)), f"{sample.slug}: two boxes at one paragraph"
        shown = {o: b.get_text() for o, b in zip(owners, boxes, strict=True)}
        for problem in notes[sample.slug].problems:
            assert problem.text in shown.get(problem.anchor, ""), f"{sample.slug} {problem.anchor}"


def test_lessons_close_the_page(site, catalog):
    notes = catalog.annotations
    for sample in catalog.samples:
        body = article_of(site, sample.url)
        box = body.select_one(".fw-lessons")
        assert box.find_next(id=re.compile(r"^p\d+$")) is None
        titles = [li.b.get_text() for li in box.select("li")]
        assert titles == [lesson.title for lesson in notes[sample.slug].lessons]


def test_a_sample_without_annotations_still_gets_marks_and_its_source_notes(catalog):
    from macros.pages.render import Links
    from macros.pages.sample_notes import AnnotationLayer
    from macros.pages.sample_page import render_sample

    sample = catalog.sample("shangcheng-xian-zhaoshang-jianghua")
    links = Links(sample.src_uri)
    page = render_sample(sample, catalog, links, AnnotationLayer(sample, None, catalog.phrases, links))
    for ours in ("fw-structure", "fw-func", "fw-tech", "fw-lessons", "数据问题"):
        assert ours not in page
    assert "fw-phrase" in page and "来源缺损" in page and "功能" not in page


@pytest.mark.parametrize(
    ("kinds", "problems", "shown"),
    [
        (["来源缺损"], [], ["来源缺损"]),  # nothing written: the metadata note as before
        (["来源缺损"], ["详"], ["数据问题"]),  # the 数据问题 restates it in more detail
        (["隐去", "空标题"], ["详"], ["隐去", "数据问题"]),  # the redaction count stays
        ([], ["甲", "乙"], ["数据问题", "数据问题"]),
    ],
)
def test_merged_notes(kinds, problems, shown):
    from macros.pages.sample_notes import merged_notes
    from macros.sources.catalog import Note

    notes = [Note("p1", kind, "…") for kind in kinds]
    assert [n.kind for n in merged_notes("p1", notes, problems)] == shown
