"""Word downloads: a .docx of every sample, and a .docx of every template filled with the user's values.

A sample's file is written into the site at build time, next to its page (``fanwen/<slug>/<slug>.docx``). A template's file
depends on what the user typed, so the page carries the parts of the unfilled document (all XML, built by
python-docx with each field as a highlighted 【【键】】 run); docs/assets/docx-fill.js fills the runs and
zips the parts with the vendored fflate. Nothing is fetched: the link and the button work offline.
"""

from __future__ import annotations

import json
import re

from macros.sources.catalog import Sample
from macros.word.layout import Field, Para, build_docx, docx_parts, lead_style_for, paras_from_blocks, style_for

DOCX_SUFFIX = ".docx"
_UNSAFE_FILENAME = re.compile(r'[\\/:*?"<>|\s]+')


def file_name(title: str) -> str:
    """The name the browser saves the file as: the title, without characters Windows forbids."""
    return _UNSAFE_FILENAME.sub("", title) + DOCX_SUFFIX


def sample_docx(sample: Sample) -> bytes:
    """The sample's text verbatim, headings styled by their numbering; notes and annotations left out."""
    return build_docx(sample.title, paras_from_blocks(sample.blocks))


def sample_docx_uri(sample: Sample, use_directory_urls: bool = True) -> str:
    """Where the file goes in the site: in the sample page's folder, so the page links to it by its bare name.

    The page is fanwen/<slug>/index.html on the web and fanwen/<slug>.html in the folder build.
    """
    folder = f"fanwen/{sample.slug}/" if use_directory_urls else "fanwen/"
    return f"{folder}{sample.slug}{DOCX_SUFFIX}"


def template_paras(template) -> list[Para]:
    """A template's paragraphs for the layout: text pieces and fields, headings styled by numbering."""
    return [
        Para(
            style_for(p.text, p.is_heading),
            tuple(Field(t) if is_key else t for t, is_key in p.parts()),
            lead_style_for(p.text, p.is_heading),
        )
        for p in template.paras
    ]


def template_docx(template, values: dict[str, str] | None = None) -> bytes:
    """The template as .docx: fields with a value filled in, the others left as highlighted 【【键】】."""
    return build_docx(template.title, template_paras(template), values)


def template_docx_parts_json(template) -> str:
    """The unfilled document's parts as JSON, for the page's Word button (docx-fill.js fills and zips them)."""
    return json.dumps(docx_parts(template_docx(template)), ensure_ascii=False, separators=(",", ":"))
