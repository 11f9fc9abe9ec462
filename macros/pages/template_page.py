"""Render one template (模板) page: metadata, fill-in form, live preview, copy buttons and field table.

The markup comes from macros/pages/fragments/template.html, so everything from the template file is escaped and
neither Markdown nor Jinja ever reads the body: a template may contain any text. docs/assets/muban.js adds the
live behaviour; without JavaScript the preview (with 【【键】】 placeholders) is plain, selectable text.
"""

from __future__ import annotations

from macros.pages.listing import entry_list
from macros.pages.render import Links, Markup, part
from macros.pages.sample_page import facet_page
from macros.sources.library import Library
from macros.sources.site_map import FACETS
from macros.sources.templates import Template, fill, placeholder
from macros.word.downloads import TemplateWord, file_name

INPUT_MODES = {"数字": "decimal", "年份": "numeric"}
PLACEHOLDER_HINT_CHARS = 24  # longer 示例 are cut in the input's placeholder (the table shows them whole)
NO_SCRIPT = "浏览器没有启用 JavaScript：填写表单和复制按钮用不了，下面的正文可以直接选中复制。"
USAGE = (
    "在表单里填写，正文里的字段随之更新；同一个键的字段（如“地区”“年份”）在所有模板里共用，填一次处处可见，"
    "填写内容只保存在本机浏览器里。“复制已填内容”复制填好的全文，没填的字段保留为【【键】】，方便之后查找补齐；"
    "“复制模板”复制原样的模板；“清空”清掉本模板的全部字段（共用的字段在别的模板里也一并清掉）。复制的文字一段一行。"
)
FIELDS_NOTE = "正文里每个【【键】】由下表的字段填入；“示例”取自来源范文的原文。"


def meta_rows(template: Template, library: Library, links: Links) -> list:
    rows = [(f, [(n, links(facet_page(library, f, n))) for n in template.facets[f]]) for f in FACETS]
    sources = [library.sample(s) for s in template.sources]
    rows.append(("来源范文", [(s.title, links(s.src_uri)) for s in sources]))
    required = sum(f.required for f in template.fields)
    rows.append(("字段", [(f"{len(template.fields)} 个（必填 {required} 个）", None)]))
    return rows


def workspace(template: Template, word: TemplateWord):
    fragments = part("template")
    inputs = []
    for number, field in enumerate(template.fields, start=1):
        hint = field.example
        if len(hint) > PLACEHOLDER_HINT_CHARS:
            hint = hint[:PLACEHOLDER_HINT_CHARS] + "…"
        inputs.append(fragments.input(f"fw-{template.slug}-f{number}", field, hint, INPUT_MODES.get(field.kind)))
    preview = []
    for para in template.paras:
        pieces = [
            (placeholder(text), template.field(text)) if is_key else (text, None) for text, is_key in para.parts()
        ]
        # Preview headings sit under the page's h2, one level deeper than on a sample page.
        preview.append(fragments.para(f"h{min(para.level + 1, 6)}" if para.is_heading else "p", pieces))
    button = fragments.docx_button(
        file_name(template.title),
        word.page_parts_json(template),
        word.script_uri.removeprefix("assets/"),  # the Word button's script loads it from its own folder
        placeholder("键"),
    )
    return fragments.workspace(
        template.slug,
        placeholder("键"),
        NO_SCRIPT,
        Markup("").join(inputs),
        Markup("").join(preview),
        fill(template),
        button,
    )


def render_template(template: Template, library: Library, links: Links, word: TemplateWord) -> str:
    """Markdown for a template page: raw HTML blocks between two Markdown headings."""
    fragments = part("template")
    return "\n\n".join(
        str(p)
        for p in [
            part("sample").meta(template.summary, meta_rows(template, library, links)),  # one metadata box for both
            "## 填写与预览",
            fragments.lead(USAGE),
            workspace(template, word),
            "## 字段说明",
            f"<p>{FIELDS_NOTE}</p>",
            fragments.field_table(template.fields, placeholder),
        ]
    )


def template_index(library: Library, links: Links) -> str:
    return entry_list(library.templates, library, links, empty="暂时还没有模板。")
