"""Samples whose metadata is marked 待确认 (macros/sources/pending.py): the box on the sample page and the
maintenance page that lists them all."""

from __future__ import annotations

from macros.pages.markup import escape_text, md_escape, md_link
from macros.pages.render import fragment
from macros.sources.catalog import FACETS, Catalog, Sample

PAGE_URI = "weihu/daiqueren.md"
PAGE_TITLE = "元数据待确认"
PAGE_DESCRIPTION = "导入时猜测、还没有人核对的范文元数据，逐篇列出。"


def pending_items(sample: Sample, catalog: Catalog) -> list[dict[str, str]]:
    """field, guess and a note for each value marked 待确认, in the order of the .yml's keys."""
    items = []
    for key, guess in sample.pending.items():
        note = ""
        if key in FACETS:
            names = {t.name for t in catalog.vocab[key]}
            missing = [g for g in guess.split("、") if g and g not in names]
            if missing:
                note = f"词表里没有“{'、'.join(missing)}”：在 templates_src/vocab.yml 增加，或改成已有的一项"
        items.append({"field": key, "guess": guess or "没有猜出来", "note": note})
    return items


def pending_note(sample: Sample, catalog: Catalog) -> str:
    """The 元数据待确认 box, or '' when every value is confirmed."""
    if not sample.pending:
        return ""
    meta_file = f"templates_src/samples/{sample.meta_path.name}"
    return str(fragment("pending", items=pending_items(sample, catalog), meta_file=meta_file))


def pending_listing(catalog: Catalog, up: str) -> str:
    """The maintenance page: every sample with values to confirm, and what they are."""
    samples = [s for s in catalog.samples if s.pending]
    lead = (
        "导入的文稿（<code>scripts/import_docs.py</code>）里，猜得不确定的元数据在 .yml 里写成“待确认：猜测值”。"
        "核对后删去“待确认：”，这一篇就从本页消失。"
    )
    if not samples:
        return f'<p class="fw-lead">{lead}</p>\n\n<p class="fw-empty">{escape_text("目前没有待确认的范文。")}</p>'
    lines = [f'<p class="fw-lead">{lead}</p>', "", f"共 {len(samples)} 篇：", ""]
    for sample in samples:
        fields = "；".join(
            f"{i['field']}：{i['guess']}" + (f"（{i['note']}）" if i["note"] else "")
            for i in pending_items(sample, catalog)
        )
        lines.append(
            f"- {md_link(sample.title, up + sample.src_uri)}（{md_escape(sample.meta_path.name)}）  \n  {md_escape(fields)}"
        )
    return "\n".join(lines)
