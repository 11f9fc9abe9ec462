"""Word downloads: a .docx of every sample, and a .docx of every template filled with the user's values.

A sample's file is written into the site at build time, next to its page (``fanwen/<slug>/<slug>.docx``). A template's file
depends on what the user typed, so the page carries the parts of the unfilled document (all XML, built by
python-docx with each field as a highlighted 【【键】】 run) that are its own, and one script holds the parts all
templates share; the Word button (docs/assets/docx-fill.js, with macros/word/fill.js) fills the runs and zips the
parts with the vendored fflate. The scripts are part of the site: the link and the button work offline and from the
folder build.
"""

from __future__ import annotations

import json
import re
from functools import cached_property

from macros.search.index import hashed_name
from macros.sources.catalog import Sample
from macros.sources.site_map import SAMPLE_PAGES
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
    folder = sample.url if use_directory_urls else f"{SAMPLE_PAGES}/"
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


# The parts every template's document has alike (styles, settings, fonts, footers: 15 KB of XML) are published once,
# as a script the Word button loads with fflate on its first click; a page carries only its own parts.
SHARED_PARTS_SCRIPT = "assets/word-parts.js"


class TemplateWord:
    """The unfilled Word documents of a build's templates, each laid out once."""

    def __init__(self, templates) -> None:
        self.templates = templates

    @cached_property
    def parts(self) -> dict[str, dict[str, str]]:
        """slug -> the parts of its unfilled document, in zip order."""
        return {t.slug: docx_parts(template_docx(t)) for t in self.templates}

    @cached_property
    def shared(self) -> dict[str, str]:
        """The parts that are the same, name and text, in every template's document."""
        documents = list(self.parts.values())
        if not documents:
            return {}
        return {name: text for name, text in documents[0].items() if all(d.get(name) == text for d in documents)}

    @cached_property
    def script(self) -> str:
        return f"window.fanwenkuWordParts = {compact_json(self.shared)};\n"

    @cached_property
    def script_uri(self) -> str:
        """The script's place in the site, under a name holding a hash of its content: a page of a new build never
        zips its parts with a stale copy."""
        return hashed_name(SHARED_PARTS_SCRIPT, self.script)

    def page_parts_json(self, template) -> str:
        """The parts for the page's Word button, in zip order; a shared part is null (docx-fill.js takes it from
        the script)."""
        parts = self.parts[template.slug]
        return compact_json({name: None if name in self.shared else text for name, text in parts.items()})


def compact_json(value) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
