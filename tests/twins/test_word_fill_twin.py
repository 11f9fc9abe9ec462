"""The Word filler's twins agree: fill.js fills a template's unfilled document (macros/word/downloads.py) as
layout.py's build_docx lays it out with the same values: every paragraph with the same style, runs and text."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree
from node_runner import GENERATED, first_difference, node, twin_scripts

from macros.sources.library import load_library
from macros.word.downloads import template_docx
from macros.word.layout import docx_parts

ROOT = Path(__file__).resolve().parents[2]
NODE_SCRIPTS = twin_scripts("macros/word/fill.js")
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
LIBRARY = load_library(ROOT)
VALUES = st.text(alphabet=st.sampled_from("城南街道 2024年\n\r\t\u3000\u2028&<>一、\x00\x0b\ufffe𠀀"), max_size=12)


SHOWN = {f"{{{W}}}t": None, f"{{{W}}}br": "\n", f"{{{W}}}tab": "\t"}  # python-docx writes a typed tab as <w:tab/>


def shown(document_xml: str) -> list[tuple]:
    """Each paragraph of a document.xml as Word shows it: its style, and its runs' character style, highlight and
    text (line breaks as \\n, tabs as \\t; neighbouring runs that look alike as one)."""
    root = etree.fromstring(document_xml.encode("utf-8"))
    out = []
    for para in root.iter(f"{{{W}}}p"):
        style = para.find(f"{{{W}}}pPr/{{{W}}}pStyle")
        runs_shown = []
        for r in para.iter(f"{{{W}}}r"):
            char_style = r.find(f"{{{W}}}rPr/{{{W}}}rStyle")
            text = "".join(
                node.text or "" if node.tag == f"{{{W}}}t" else SHOWN[node.tag] for node in r if node.tag in SHOWN
            )
            highlight = r.find(f"{{{W}}}rPr/{{{W}}}highlight") is not None
            props = (None if char_style is None else char_style.get(f"{{{W}}}val"), highlight)
            if runs_shown and runs_shown[-1][:2] == props:  # runs that look alike show as one
                runs_shown[-1] = (*props, runs_shown[-1][2] + text)
            else:
                runs_shown.append((*props, text))
        out.append((None if style is None else style.get(f"{{{W}}}val"), runs_shown))
    return out


def filled_in_node(node, template, values: list[dict]) -> list[str]:
    unfilled = docx_parts(template_docx(template))["word/document.xml"]
    return node.calls("fanwenkuFillDocx", [[unfilled, v] for v in values])


@pytest.mark.parametrize("template", LIBRARY.templates, ids=lambda t: t.slug)
def test_the_fillers_agree_on_every_template_with_its_examples(node, template):
    values = [template.examples, {}, {f.key: f"{f.example}\n第二行" for f in template.fields}]
    python = [shown(docx_parts(template_docx(template, v))["word/document.xml"]) for v in values]
    assert [shown(xml) for xml in filled_in_node(node, template, values)] == python


@settings(GENERATED, max_examples=30)  # 270 documents filled: python-docx lays each out in about 6 ms
@given(st.data())
def test_the_fillers_agree_on_generated_values(node, data):
    for template in LIBRARY.templates:
        values = [data.draw(st.fixed_dictionaries({}, optional={f.key: VALUES for f in template.fields}))]
        python = [shown(docx_parts(template_docx(template, v))["word/document.xml"]) for v in values]
        different = first_difference(values, python, [shown(x) for x in filled_in_node(node, template, values)])
        assert different is None, different
