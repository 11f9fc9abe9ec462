"""A template's twins agree: templates.js fills a paragraph's parts as templates.py's fill_parts does, on every
template of the library and on generated parts and values (values that are empty, blank, markup or the names of
JavaScript's own object properties included)."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from node_runner import GENERATED, first_difference, node, twin_scripts

from macros.sources.library import load_library
from macros.sources.templates import fill_parts, placeholder

ROOT = Path(__file__).resolve().parents[2]
NODE_SCRIPTS = twin_scripts("macros/sources/templates.js")
KEYS = st.sampled_from(["地区", "年份", "单位名称", "constructor", "__proto__", "toString", "hasOwnProperty", ""])
VALUES = st.dictionaries(KEYS, st.sampled_from(["", " ", "城南街道", "<b>x</b>", "第一行\n第二行", "0", "false"]))
PARTS = st.lists(st.one_of(st.tuples(st.text(max_size=6), st.just(False)), st.tuples(KEYS, st.just(True))), max_size=6)


def test_every_template_fills_alike(node):
    for template in load_library(ROOT).templates:
        cases = [(para.parts(), values) for para in template.paras for values in ({}, template.examples)]
        python = [fill_parts(parts, values) for parts, values in cases]
        assert node.calls("fanwenkuTemplates.fillParts", [[parts, values] for parts, values in cases]) == python
    keys = ["地区", "constructor"]
    assert node.calls("fanwenkuTemplates.placeholder", [[k] for k in keys]) == [placeholder(k) for k in keys]


@settings(GENERATED, max_examples=50)
@given(st.lists(st.tuples(PARTS, VALUES), min_size=100, max_size=100))
def test_generated_parts_fill_alike(node, cases):
    python = [fill_parts(parts, values) for parts, values in cases]
    javascript = node.calls("fanwenkuTemplates.fillParts", [[parts, values] for parts, values in cases])
    assert first_difference(cases, python, javascript) is None, first_difference(cases, python, javascript)
