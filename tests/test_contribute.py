"""投稿 without a server: the 投稿 page zips a chosen file with metadata chosen from the vocabulary (in Chromium, from
http and from the folder build), and scripts/import takes such a bundle as it takes a file, its metadata confirmed;
a bundle with bad metadata, or a .zip that is no bundle, is one line."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
import yaml
from browsing import new_context
from docx_traps import p, package

from macros.importer.bundle import META, ORIGINAL, bundle_bytes
from macros.importer.run import import_files

ROOT = Path(__file__).resolve().parent.parent
TITLE = "关于全县招商引资工作情况的汇报"
WORD = package(p(TITLE, center=True) + p("今年以来，全县招商引资工作稳步推进，签约项目12个。"))
CHOSEN = {
    "标题": TITLE,
    "行业": ["招商引资", "农业"],
    "文种": "情况汇报",
    "层级": "县",
    "地区": "河南省商城县",
    "年代": "2024年",
}


def imported(tmp_path: Path, name: str, data: bytes) -> tuple[list[str], list[str], dict | None]:
    """(lines echoed, the sample's text lines, its metadata) after importing one file."""
    tmp_path.mkdir(parents=True, exist_ok=True)
    path = tmp_path / name
    path.write_bytes(data)
    echoed: list[str] = []
    batch = import_files([path], tmp_path / "out", project=ROOT, echo=echoed.append)
    result = batch.results[0]
    if result.status != "imported":
        return echoed, [], None
    text = (tmp_path / "out" / f"{result.slug}.txt").read_text(encoding="utf-8").splitlines()
    meta = yaml.safe_load((tmp_path / "out" / f"{result.slug}.yml").read_text(encoding="utf-8"))
    return echoed, text, meta


def test_a_bundle_imports_with_its_metadata_confirmed(tmp_path):
    echoed, text, meta = imported(tmp_path, "投稿.zip", bundle_bytes(CHOSEN, "汇报.docx", WORD))
    assert echoed[0].startswith(f"导入  {tmp_path / '投稿.zip'} → ") and "已确认" in echoed[0]
    assert text == ["今年以来，全县招商引资工作稳步推进，签约项目12个。"]
    assert {key: meta[key] for key in CHOSEN} == CHOSEN and meta["来源"] == "投稿：汇报.docx"
    assert "待确认" not in str(meta)


def test_a_title_chosen_otherwise_keeps_the_documents_own_title_in_the_text(tmp_path):
    chosen = {**CHOSEN, "标题": "全县招商引资情况", "地区": "", "年代": ""}
    _, text, meta = imported(tmp_path, "b.zip", bundle_bytes(chosen, "汇报.docx", WORD))
    assert text == [TITLE, "今年以来，全县招商引资工作稳步推进，签约项目12个。"]
    assert meta["标题"] == "全县招商引资情况" and "地区" not in meta and "年代" not in meta


def _zip(members: dict[str, bytes | str]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


def _with_meta(text: str) -> bytes:
    return _zip({META: text, f"{ORIGINAL}.docx": WORD})


@pytest.mark.parametrize(
    "data, said",
    [
        (bundle_bytes({**CHOSEN, "行业": ["航天"]}, "a.docx", WORD), "“行业”的值“航天”不在词表里"),
        (bundle_bytes({**CHOSEN, "层级": "村"}, "a.docx", WORD), "“层级”的值“村”不在词表里"),
        (
            _with_meta('格式: "范文库投稿 1"\n文件名: "a.docx"\n标题: "x"\n行业: ["农业"]\n层级: "县"\n'),
            "缺少必填项“文种”",
        ),
        (
            _with_meta(
                '格式: "范文库投稿 9"\n文件名: "a.docx"\n标题: "x"\n行业: "农业"\n文种: "情况汇报"\n层级: "县"\n'
            ),
            "不是这个版本",
        ),
        (
            _with_meta(
                '格式: "范文库投稿 1"\n文件名: "a.docx"\n标题: "x"\n行业: "农业"\n文种: "情况汇报"\n层级: "县"\n作者: "甲"\n'
            ),
            "不认识的键“作者”",
        ),
        (
            _with_meta(
                '格式: "范文库投稿 1"\n文件名: "a.docx"\n标题: "\\u0007"\n行业: "农业"\n文种: "情况汇报"\n层级: "县"\n'
            ),
            "控制字符",
        ),
        (bundle_bytes(CHOSEN, "a.exe", b"MZ"), "不是能导入的文件"),
        (_zip({"汇报.docx": WORD}), "不是范文库的投稿包"),
        (bundle_bytes(CHOSEN, "a.docx", WORD)[:200], "损坏"),
    ],
    ids=["sector", "level", "missing", "format", "unknown-key", "control", "suffix", "plain-zip", "broken"],
)
def test_a_bad_bundle_is_one_line_and_nothing_is_written(tmp_path, data, said):
    echoed, _, meta = imported(tmp_path, "坏.zip", data)
    assert meta is None and len(echoed) == 1 and "\n" not in echoed[0], echoed
    assert echoed[0].startswith(f"失败  {tmp_path / '坏.zip'}: ") and said in echoed[0] and "修改方法：" in echoed[0]
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").iterdir())


@pytest.mark.parametrize("where", ["http", "file"])
def test_a_bundle_downloaded_from_the_page_imports_with_its_metadata(browser, server, offline, tmp_path, where):
    url = f"{server}tougao/" if where == "http" else (offline / "tougao" / "index.html").as_uri()
    context = new_context(browser, locale="zh-CN", accept_downloads=True)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    try:
        page.goto(url)
        form = page.locator("form[data-fw-tg-ready]")
        form.wait_for()
        source = tmp_path / "汇报.docx"
        source.write_bytes(WORD)
        save = page.get_by_role("button", name="下载投稿包")
        save.click()
        status = page.locator(".fw-tg-status")
        assert status.inner_text() == "请先选择文稿文件。"
        page.set_input_files("#fw-tg-file", source)
        page.fill("#fw-tg-title", CHOSEN["标题"])
        for sector in CHOSEN["行业"]:
            page.get_by_role("checkbox", name=sector).check()
        page.select_option("#fw-tg-kind", CHOSEN["文种"])
        page.select_option("#fw-tg-level", CHOSEN["层级"])
        page.fill("#fw-tg-region", CHOSEN["地区"])
        page.fill("#fw-tg-era", CHOSEN["年代"])
        with page.expect_download() as info:
            save.click()
        download = info.value
        assert download.suggested_filename == f"投稿-{TITLE}.zip"
        bundle = tmp_path / "downloaded.zip"
        download.save_as(bundle)
        page.wait_for_selector("form[data-fw-tg-done]")
        assert "没有上传" in status.inner_text()
    finally:
        context.close()
    assert not errors, errors
    echoed, text, meta = imported(tmp_path / "import", download.suggested_filename, bundle.read_bytes())
    assert meta is not None, echoed
    assert {key: meta[key] for key in CHOSEN} == CHOSEN and meta["来源"] == "投稿：汇报.docx"
    assert text == ["今年以来，全县招商引资工作稳步推进，签约项目12个。"]


def test_the_pages_lists_are_the_vocabularys(site, catalog):
    from helpers import article_of

    from macros.sources.catalog import names

    form = article_of(site, "tougao/").select_one("form[data-fw-tg]")
    assert [box["value"] for box in form.select('input[name="行业"]')] == list(names(catalog.vocab, "行业"))
    for key in ("文种", "层级"):
        options = [o["value"] for o in form.select(f'select[name="{key}"] option') if o["value"]]
        assert options == list(names(catalog.vocab, key))
