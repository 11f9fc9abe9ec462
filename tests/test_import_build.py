"""After an import the library builds strictly: 待确认 accepted and shown, tables on the page and in Word."""

from __future__ import annotations

import io
from pathlib import Path

import docx
import pytest
import yaml
from bs4 import BeautifulSoup
from conftest import copy_project, run_build
from docx_traps import footnote_ref, footnotes, image_run, p, package, run, table
from helpers import soup

from macros.build.plugin import pending_nav
from macros.importer.run import import_files
from macros.word.read import Table, read_docx

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "import-samples"

# Every guess certain: the title names the body, the year and the kind; the text says 招商 often enough.
CERTAIN = package(
    p("商城县人民政府关于2024年招商引资工作情况的汇报", center=True)
    + p("今年以来，全县招商引资工作稳步推进。全县新签约招商项目20个，落户企业12家，招商到位资金30亿元。")
    + p("一是强化招商专班。二是开展以商招商。三是优化客商服务，新签约项目按期落户。")
)
TABLE_DOC = package(
    p("重点项目推进情况汇报", center=True)
    + p("全县重点项目进展如下，图为开工现场。", raw=image_run())
    + table([["项目", "投资<b>亿元</b>"], ["港口码头", "1.5"], ["物流园", "2"]])
    + p("以上项目均按计划推进", raw=footnote_ref(1) + run("。")),
    footnotes_xml=footnotes({1: "数据截至11月底。"}),
    images=1,
)


# Text that would be markup or template syntax if it were run instead of shown.
MARKUP_TITLE = "关于{{ 7*7 }}<b>加粗</b>&amp;的汇报"
MARKUP = package(p(MARKUP_TITLE, center=True) + p("正文里的 {% raw %} 和 <script>alert(1)</script> 照原样显示。"))


@pytest.fixture(scope="module")
def imported_site(tmp_path_factory):
    """A copy of the project with the two real documents and three built ones imported, built strictly."""
    tmp = tmp_path_factory.mktemp("import-build")
    project = copy_project(tmp / "project")
    inputs = tmp / "in"
    inputs.mkdir()
    (inputs / "certain.docx").write_bytes(CERTAIN)
    (inputs / "table.docx").write_bytes(TABLE_DOC)
    (inputs / "markup.docx").write_bytes(MARKUP)
    (inputs / "gbk.txt").write_bytes((SHARED / "2020-zhengfu-gongzuo-baogao-gbk.txt").read_bytes())
    (inputs / "tianjin.docx").write_bytes((SHARED / "tianjin-2025-zhengfu-gongzuo-baogao.docx").read_bytes())
    samples = project / "templates_src" / "samples"
    batch = import_files(sorted(inputs.iterdir()), samples, project=project, echo=lambda line: None)
    assert [r.status for r in batch.results] == ["imported"] * 5
    slugs = {r.path.name: r.slug for r in batch.results}
    out = tmp / "site"
    result = run_build(project, out)
    assert result.returncode == 0, result.stdout + result.stderr
    warnings = [line for line in result.stderr.splitlines() if "WARNING" in line]
    assert not warnings, "\n".join(warnings)
    metas = {
        name: yaml.safe_load((samples / f"{slug}.yml").read_text(encoding="utf-8")) for name, slug in slugs.items()
    }
    return out, slugs, metas


def test_uncertain_metadata_is_shown_on_the_sample_page(imported_site):
    out, slugs, metas = imported_site
    assert metas["tianjin.docx"]["文种"] == "待确认：政府工作报告"  # not in vocab.yml: a suggestion, not a value
    page = soup(out, f"fanwen/{slugs['tianjin.docx']}")
    box = page.select_one(".fw-pending")
    assert box is not None and box.select_one(".admonition-title").get_text() == "元数据待确认"
    items = [li.get_text() for li in box.select("li")]
    assert any(i.startswith("文种：政府工作报告") and "词表里没有“政府工作报告”" in i for i in items)
    assert f"templates_src/samples/{slugs['tianjin.docx']}.yml" in box.get_text()


def test_certain_metadata_needs_no_confirmation(imported_site):
    out, slugs, metas = imported_site
    meta = metas["certain.docx"]
    assert not any("待确认" in str(v) for v in meta.values()), meta
    assert soup(out, f"fanwen/{slugs['certain.docx']}").select_one(".fw-pending") is None
    listing = soup(out, "hangye/zhaoshang-yinzi")
    assert "商城县人民政府关于2024年招商引资工作情况的汇报" in listing.get_text()


def test_the_maintenance_page_lists_exactly_the_documents_to_confirm(imported_site):
    out, slugs, metas = imported_site
    page = soup(out, "weihu/daiqueren")
    listed = {a["href"].strip("/").split("/")[-1] for a in page.select("article li a")}
    pending = {slugs[name] for name, meta in metas.items() if any("待确认" in str(v) for v in meta.values())}
    assert listed == pending and slugs["tianjin.docx"] in listed and slugs["certain.docx"] not in listed
    for href in (a["href"] for a in page.select("article li a")):
        assert (out / "weihu" / "daiqueren" / href / "index.html").resolve().is_file()
    nav = [a.get_text(strip=True) for a in page.select("nav.md-nav--primary a")]
    assert f"元数据待确认（{len(pending)}）" in nav  # how many wait, seen from every page


def test_table_block_is_a_table_on_the_page_with_its_text_escaped(imported_site):
    out, slugs, _ = imported_site
    page = soup(out, f"fanwen/{slugs['table.docx']}")
    tables = page.select("article table")
    assert len(tables) == 1
    rows = [[cell.get_text() for cell in tr.select("th, td")] for tr in tables[0].select("tr")]
    assert rows == [["项目", "投资<b>亿元</b>"], ["港口码头", "1.5"], ["物流园", "2"]]
    assert [th["scope"] for th in tables[0].select("th")] == ["col", "col"]
    assert [tr["id"] for tr in tables[0].select("tr")] == ["p2", "p3", "p4"]
    notes = [n.get_text(" ", strip=True) for n in page.select(".fw-source-note")]
    assert any("图片" in n and "1 张图片" in n for n in notes) and any("脚注" in n for n in notes)


def test_table_block_is_a_table_in_the_word_download(imported_site):
    out, slugs, _ = imported_site
    slug = slugs["table.docx"]
    data = (out / "fanwen" / slug / f"{slug}.docx").read_bytes()
    content = read_docx(data, f"{slug}.docx")
    tables = [b for b in content.blocks if isinstance(b, Table)]
    assert [t.rows for t in tables] == [(("项目", "投资<b>亿元</b>"), ("港口码头", "1.5"), ("物流园", "2"))]
    word_table = docx.Document(io.BytesIO(data)).tables[0]
    assert [c.paragraphs[0].style.name for c in word_table.rows[0].cells] == ["表头文字", "表头文字"]
    assert word_table.rows[1].cells[0].paragraphs[0].style.name == "表格文字"


def test_the_pending_entry_is_counted_or_left_out_inside_a_section():
    """mkdocs.yml lists the page in the 维护 section, beside the maintainer's manual: found there too."""
    nav = [
        {"首页": "index.md"},
        {"维护": ["weihu/index.md", {"构建": "weihu/goujian.md"}, {"待确认": "weihu/daiqueren.md"}]},
    ]
    assert pending_nav(nav, 3)[1] == {
        "维护": ["weihu/index.md", {"构建": "weihu/goujian.md"}, {"元数据待确认（3）": "weihu/daiqueren.md"}]
    }
    assert pending_nav(nav, 0)[1] == {"维护": ["weihu/index.md", {"构建": "weihu/goujian.md"}]}
    assert pending_nav(nav, 0)[0] == {"首页": "index.md"}


def test_the_real_site_has_nothing_to_confirm(site):
    page = soup(site, "weihu/daiqueren")
    assert "目前没有待确认的范文" in page.get_text()
    # The page stays at its address, but readers meet no empty maintenance page in the navigation.
    assert not [a for a in soup(site, "").select("nav.md-nav--primary a") if "待确认" in a.get_text()]
    for sample_page in (site / "fanwen").glob("*/index.html"):
        html = BeautifulSoup(sample_page.read_text(encoding="utf-8"), "html.parser")
        assert html.select_one(".fw-pending") is None, sample_page


def test_imported_text_is_kept_and_shown_verbatim_never_run(imported_site):
    out, slugs, metas = imported_site
    assert metas["markup.docx"]["标题"] == MARKUP_TITLE
    page = soup(out, f"fanwen/{slugs['markup.docx']}")
    assert page.select_one("article h1").get_text() == MARKUP_TITLE
    assert page.select_one("#p1").get_text().endswith("正文里的 {% raw %} 和 <script>alert(1)</script> 照原样显示。")
    # Only our page scripts (by src) and the checker's JSON data: no inline script, no markup in the data.
    scripts = page.select("article script")
    assert all(s.get("src") or s.get("type") == "application/json" for s in scripts)
    assert all("<script" not in s.get_text() for s in scripts)
    source = next(li for li in page.select(".fw-meta li") if li.get_text().startswith("来源"))
    assert source.get_text() == "来源：导入：markup.docx" and source.select_one("a") is None
