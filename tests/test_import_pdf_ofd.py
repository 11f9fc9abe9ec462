"""PDF and OFD in: paragraphs rebuilt from lines (macros/documents/), headers, footers and page numbers dropped; a
PDF LibreOffice exports from a real Word file imports with its paragraphs verbatim; an OFD made here from a sample's
text imports verbatim; a scan, a broken or hostile file is one line saying what to do."""

from __future__ import annotations

import io
import zipfile
import zlib
from collections import Counter
from pathlib import Path

import pytest
from ofd_files import make_ofd

from macros.documents.layout import Line, Page, rebuild
from macros.harness.office import convert
from macros.importer.run import import_files, read_document

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
# Real Word files whose LibreOffice PDF keeps every paragraph (scripts/bench_pdf.py prints all of them)
WORD = [
    SHARED / "realdocs" / "d01_2025年北京市政府工作报告.docx",
    SHARED / "import-samples" / "tianjin-2025-zhengfu-gongzuo-baogao.docx",
]


def lines_of(tmp_path: Path, name: str, data: bytes) -> list[str]:
    path = tmp_path / name
    path.write_bytes(data)
    echoed: list[str] = []
    batch = import_files([path], tmp_path / "out", project=ROOT, echo=echoed.append)
    assert batch.results[0].status == "imported", echoed
    return (tmp_path / "out" / f"{batch.results[0].slug}.txt").read_text(encoding="utf-8").splitlines()


def one_line(tmp_path: Path, name: str, data: bytes) -> str:
    path = tmp_path / name
    path.write_bytes(data)
    echoed: list[str] = []
    batch = import_files([path], tmp_path / "out", project=ROOT, echo=echoed.append)
    assert batch.results[0].status == "failed" and len(echoed) == 1 and "\n" not in echoed[0], echoed
    assert echoed[0].startswith(f"失败  {path}: ") and "修改方法：" in echoed[0]
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").iterdir())
    return echoed[0]


@pytest.fixture(scope="module")
def exported(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("pdf")
    convert(WORD, "pdf", out, timeout=300)
    return out


@pytest.mark.parametrize("word", WORD, ids=lambda p: p.stem[:12])
def test_a_pdf_exported_from_a_real_word_file_keeps_its_paragraphs_verbatim(exported, word):
    from_word = read_document(word, False, {})
    from_pdf = read_document(exported / f"{word.stem}.pdf", False, {})
    assert from_pdf.title == from_word.title and from_pdf.title_certain
    assert from_pdf.lines == from_word.lines  # every paragraph, in order: page numbers dropped, lines joined


def test_an_ofd_made_from_known_text_imports_verbatim(tmp_path, catalog):
    sample = catalog.samples[2]  # 海林市发改局的汇报: headings 一、 and half-width commas
    text = [block.text for block in sample.blocks]
    data = make_ofd(sample.title, text)
    assert len(zipfile.ZipFile(io.BytesIO(data)).namelist()) > 5  # more than one page
    assert lines_of(tmp_path, "汇报.ofd", data) == text
    draft = read_document(tmp_path / "汇报.ofd", False, {})
    assert draft.title == sample.title and draft.title_certain


def test_every_sample_survives_the_ofd_layout(tmp_path, catalog):
    for sample in catalog.samples:
        data = make_ofd(sample.title, [block.text for block in sample.blocks])
        (tmp_path / f"{sample.slug}.ofd").write_bytes(data)
        draft = read_document(tmp_path / f"{sample.slug}.ofd", False, {})
        assert (draft.title, draft.lines) == (sample.title, [b.text for b in sample.blocks]), sample.slug


def _pdf(objects: list[bytes]) -> bytes:
    """A PDF of numbered objects with a correct cross-reference table."""
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


def _stream(head: bytes, data: bytes) -> bytes:
    return b"<< " + head + b" /Length %d >>\nstream\n" % len(data) + data + b"\nendstream"


def scanned_pdf(pages: int = 2) -> bytes:
    """Pages that hold nothing but a picture, as a scanner makes them."""
    kids = b" ".join(b"%d 0 R" % (3 + 2 * n) for n in range(pages))
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, pages)]
    for n in range(pages):
        content = 4 + 2 * n
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents %d 0 R "
            b"/Resources << /XObject << /Im1 %d 0 R >> >> >>" % (content, 3 + 2 * pages)
        )
        objects.append(_stream(b"", b"q 595 0 0 842 0 0 cm /Im1 Do Q"))
    objects.append(
        _stream(
            b"/Type /XObject /Subtype /Image /Width 2 /Height 2 /ColorSpace /DeviceGray /BitsPerComponent 8",
            b"\x00\xff\xff\x00",
        )
    )
    return _pdf(objects)


def test_a_scanned_pdf_is_one_line_that_says_it_needs_ocr(tmp_path):
    line = one_line(tmp_path, "扫描件.pdf", scanned_pdf())
    assert "没有文字层" in line and "2 页" in line and "OCR" in line


def test_a_pdf_whose_streams_unpack_into_gigabytes_is_refused_before_they_are_read(tmp_path):
    bomb = zlib.compress(b"\0" * (60 * 2**20), 9)  # 60 MB of zeros in 60 KB
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
        _stream(b"/Filter /FlateDecode", bomb),
    ]
    line = one_line(tmp_path, "炸弹.pdf", _pdf(objects))
    assert "解压后超过 50 MB" in line


@pytest.mark.parametrize(
    "name, data, said",
    [
        ("坏.pdf", b"%PDF-1.7\n" + bytes(range(256)) * 40, "损坏"),
        ("不是.pdf", b"PK\x03\x04 a zip, not a PDF", "不是 PDF"),
        ("坏.ofd", make_ofd("标题", ["正文一段。"])[:300], "损坏"),
        ("不是.ofd", b"%PDF-1.4 not an OFD", "不是 OFD"),
    ],
)
def test_a_broken_pdf_or_ofd_is_one_line(tmp_path, name, data, said):
    assert said in one_line(tmp_path, name, data)


def _ofd_with(parts: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        for name, data in parts.items():
            package.writestr(name, data)
    return out.getvalue()


def _parts() -> dict[str, bytes]:
    package = zipfile.ZipFile(
        io.BytesIO(make_ofd("关于全县招商引资工作情况的汇报", ["今年以来，全县招商引资工作稳步推进。"]))
    )
    return {name: package.read(name) for name in package.namelist()}


@pytest.mark.parametrize(
    "change, said",
    [
        ({"OFD.xml": None}, "缺少 OFD.xml"),
        ({"Doc_0/Document.xml": b"<ofd:Document xmlns:ofd='x'><unclosed>"}, "不是完整的 XML"),
        ({"Doc_0/Pages/Page_0/Content.xml": b"<a>" * 500 + b"</a>" * 500}, "超过 100 层"),
        ({"Doc_0/Pages/Page_0/Content.xml": b"<a>" + b" " * (51 * 2**20) + b"</a>"}, "解压后超过 50 MB"),
        ({"Doc_0/Pages/Page_0/Content.xml": b'<!DOCTYPE a [<!ENTITY e "x">]><a>&e;</a>'}, "没有文字"),
    ],
    ids=["no-root", "bad-xml", "deep", "big-part", "entity"],
)
def test_a_broken_or_hostile_ofd_is_one_line(tmp_path, change, said):
    parts = _parts()
    for name, data in change.items():
        if data is None:
            del parts[name]
        else:
            parts[name] = data
    assert said in one_line(tmp_path, "坏.ofd", _ofd_with(parts))


def _line(top: float, text: str, x0: float = 28.0, x1: float | None = None) -> Line:
    return Line(x0, x1 if x1 is not None else x0 + len(text) * 5.6, top, top + 5.6, 5.6, text)


def test_a_line_short_of_the_margin_ends_its_paragraph_and_page_numbers_go():
    full = "很" * 28
    pages = [
        Page(
            210,
            297,
            [
                _line(37, full),
                _line(47, "完。"),
                _line(57, "一、总体情况"),
                _line(67, "　　" + "好" * 26),
                _line(77, "续完。"),
                _line(275, "— 1 —", 97),
            ],
        ),
        Page(210, 297, [_line(37, "第二页的一段，" + "长" * 21), _line(47, "接着上一页。"), _line(275, "— 2 —", 97)]),
    ]
    texts = [block.text for block in rebuild(pages)]
    assert texts == [
        full + "完。",
        "一、总体情况",
        "　　" + "好" * 26 + "续完。",
        "第二页的一段，" + "长" * 21 + "接着上一页。",
    ]
    counts = Counter(text[:2] for text in texts)
    assert not [t for t in texts if "—" in t] and counts["很很"] == 1
