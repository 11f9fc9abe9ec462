"""Render one template (模板) page: metadata, fill-in form, live preview, copy buttons and field table.

Everything from the template file is HTML-escaped into raw HTML blocks, so neither Markdown nor Jinja
ever reads the body: a template may contain any text. docs/assets/muban.js adds the live behaviour;
without JavaScript the preview (with 【【键】】 placeholders) is plain, selectable text.
"""

from __future__ import annotations

import html

from macros.pages.listing import entry_list
from macros.pages.markup import escape_text, md_link
from macros.pages.sample_page import facet_link
from macros.sources.catalog import FACETS
from macros.sources.library import Library
from macros.sources.templates import Field, Para, Template, fill
from macros.word.downloads import template_download_html

INPUT_MODES = {"数字": "decimal", "年份": "numeric"}
PLACEHOLDER_HINT_CHARS = 24  # longer 示例 are cut in the input's placeholder (the table shows them whole)


def attr(text: str) -> str:
    return html.escape(text, quote=True)


def meta_block(template: Template, catalog: Library, up: str) -> str:
    rows = [(f, "、".join(facet_link(catalog, f, n, up) for n in template.facets[f])) for f in FACETS]
    sources = [catalog.sample(s) for s in template.sources]
    rows.append(("来源范文", "、".join(md_link(s.title, f"{up}{s.src_uri}") for s in sources)))
    required = sum(f.required for f in template.fields)
    rows.append(("字段", f"{len(template.fields)} 个（必填 {required} 个）"))
    items = "\n".join(f"- <b>{k}</b>：{v}" for k, v in rows)
    return (
        f'<div class="fw-meta" markdown data-search-exclude="">\n\n'
        f'<p class="fw-summary">{escape_text(template.summary)}</p>\n\n{items}\n\n</div>'
    )


def slot_html(field: Field) -> str:
    """A placeholder in the preview: highlighted, labelled, and its text is exactly 【【键】】."""
    return (
        f'<span class="fw-ph" data-key="{attr(field.key)}" data-label="{attr(field.label)}" '
        f'title="字段：{attr(field.label)}">【【{escape_text(field.key)}】】</span>'
    )


def para_html(para: Para, template: Template) -> str:
    inner = "".join(slot_html(template.field(text)) if is_key else escape_text(text) for text, is_key in para.parts())
    # Preview headings sit under the page's h2, one level deeper than on a sample page.
    tag = f"h{min(para.level + 1, 6)}" if para.is_heading else "p"
    return f'<{tag} class="fw-tp">{inner}</{tag}>'


def input_html(template: Template, number: int, field: Field) -> str:
    fid = f"fw-{template.slug}-f{number}"
    hint = (
        field.example if len(field.example) <= PLACEHOLDER_HINT_CHARS else field.example[:PLACEHOLDER_HINT_CHARS] + "…"
    )
    common = (
        f'id="{fid}" name="{attr(field.key)}" data-key="{attr(field.key)}" aria-describedby="{fid}-hint" '
        f'placeholder="{attr("如：" + hint)}" autocomplete="off"' + (' aria-required="true"' if field.required else "")
    )
    if field.kind == "多行":
        control = f'<textarea {common} rows="3"></textarea>'
    else:
        mode = INPUT_MODES.get(field.kind)
        control = f'<input type="text" {common}' + (f' inputmode="{mode}"' if mode else "") + ">"
    need = "必填" if field.required else "选填"
    return (
        f'<div class="fw-tpl-field"><label for="{fid}">{escape_text(field.label)}'
        f'<span class="fw-need">{need}</span></label>{control}'
        f'<span class="fw-hint" id="{fid}-hint">{escape_text(field.help)}</span></div>'
    )


def workspace_html(template: Template, no_script_note: str) -> str:
    """Form and preview side by side, plus the plain texts the copy buttons copy (Material's clipboard).

    The form and the buttons start hidden and the note about them shown; muban.js swaps the two.
    """
    slug = template.slug
    plain = escape_text(fill(template))
    inputs = "".join(input_html(template, i, f) for i, f in enumerate(template.fields, start=1))
    preview = "".join(para_html(p, template) for p in template.paras)
    return (
        f'<div class="fw-tpl" data-template="{slug}">'
        f'<p class="fw-tpl-nojs" data-search-exclude>{escape_text(no_script_note)}</p>'
        f'<form class="fw-tpl-form" aria-label="填写字段" hidden data-search-exclude>'
        f'<p class="fw-tpl-status" role="status"></p>{inputs}'
        f'<div class="fw-tpl-actions">'
        f'<button type="button" class="md-button md-button--primary" data-clipboard-target="#fw-filled-{slug}">'
        f"复制已填内容</button>{template_download_html(template)}"
        f'<button type="button" class="md-button" data-fw-clear>清空</button></div></form>'
        f'<div class="fw-tpl-doc" role="region" aria-label="模板正文">'
        f'<div class="fw-tpl-toolbar" hidden data-search-exclude>'
        f'<button type="button" class="md-button" data-clipboard-target="#fw-plain-{slug}">复制模板</button>'
        f'<span class="fw-tpl-legend"><span class="fw-ph">【【键】】</span>是要填写的字段</span></div>'
        f'<div class="fw-tpl-preview">{preview}</div></div>'
        f'<pre class="fw-tpl-text" id="fw-plain-{slug}" hidden data-search-exclude>{plain}</pre>'
        f'<pre class="fw-tpl-text" id="fw-filled-{slug}" hidden data-search-exclude>{plain}</pre>'
        f"</div>"
    )


def field_table(template: Template) -> str:
    head = "".join(f"<th>{h}</th>" for h in ("占位符", "标签", "说明", "示例", "必填", "类型"))
    rows = "".join(
        f"<tr><td>【【{escape_text(f.key)}】】</td><td>{escape_text(f.label)}</td><td>{escape_text(f.help)}</td>"
        f"<td>{escape_text(f.example)}</td><td>{'是' if f.required else '否'}</td><td>{f.kind}</td></tr>"
        for f in template.fields
    )
    return f'<div class="fw-fields"><table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table></div>'


USAGE = (
    "在表单里填写，正文里的字段随之更新；同一个键的字段（如“地区”“年份”）在所有模板里共用，填一次处处可见，"
    "填写内容只保存在本机浏览器里。“复制已填内容”复制填好的全文，没填的字段保留为【【键】】，方便之后查找补齐；"
    "“复制模板”复制原样的模板；“清空”清掉本模板的全部字段（共用的字段在别的模板里也一并清掉）。复制的文字一段一行。"
)


def render_template(template: Template, catalog: Library, up: str = "../") -> str:
    """Markdown for a template page; `up` leads from the page's folder to docs/."""
    noscript = "浏览器没有启用 JavaScript：填写表单和复制按钮用不了，下面的正文可以直接选中复制。"
    return "\n\n".join(
        [
            meta_block(template, catalog, up),
            "## 填写与预览",
            f'<p class="fw-lead">{escape_text(USAGE)}</p>',
            workspace_html(template, noscript),
            "## 字段说明",
            "<p>正文里每个【【键】】由下表的字段填入；“示例”取自来源范文的原文。</p>",
            field_table(template),
        ]
    )


def template_index(catalog: Library, up: str) -> str:
    return entry_list(catalog.templates, catalog, up, empty="暂时还没有模板。")
