"""The .docx files as a reader sees them: LibreOffice (headless) lays them out to PDF, poppler turns the
pages into text and pictures, and we count lines per page and characters per line."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import ROOT

from macros.word.downloads import sample_docx, template_docx

SAMPLE = "shi-wenlvju-2020-zongjie-2021-mouhua"  # the longest sample: seven pages
TEMPLATE = "jiedao-zhongdian-gongzuo-shuzhi-moban"
LEFT_EMPTY = ("上级目标", "到任时间")  # stay as highlighted placeholders
PAGE_NUMBER = re.compile(r"\s*—\s*\d+\s*—\s*")
LINE_END_PUNCTUATION = "。，、；：！？”’）》"
LINE_OPENERS = "“‘（《"
DPI = 72


def _tool(name: str) -> str:
    path = shutil.which(name)
    if not path:
        pytest.fail(f"{name} is missing: run scripts/test (scripts/ensure-office.sh installs it)")
    return path


@pytest.fixture(scope="module")
def rendered(tmp_path_factory, catalog) -> dict[str, Path]:
    """name -> PDF, for a sample and a partly filled template, converted in one LibreOffice run."""
    out = tmp_path_factory.mktemp("office")
    template = catalog.template(TEMPLATE)
    values = {k: v for k, v in template.examples.items() if k not in LEFT_EMPTY}
    files = {
        "sample": sample_docx(catalog.sample(SAMPLE)),
        "template": template_docx(template, values),
    }
    for name, data in files.items():
        (out / f"{name}.docx").write_bytes(data)
    env = {**os.environ, "FONTCONFIG_FILE": str(ROOT / "tests/fonts.conf")}
    subprocess.run(
        [
            _tool("soffice"),
            f"-env:UserInstallation=file://{out}/profile",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(out),
            *(str(out / f"{name}.docx") for name in files),
        ],
        env=env,
        check=True,
        capture_output=True,
        timeout=300,
    )
    return {name: out / f"{name}.pdf" for name in files}


def pages_text(pdf: Path) -> list[list[str]]:
    """Each page's non-empty text lines (layout kept), without the page number line."""
    text = subprocess.run(
        [_tool("pdftotext"), "-layout", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    pages = text.split("\f")
    if not pages[-1].strip():
        pages.pop()
    return [[line for line in page.splitlines() if line.strip() and not PAGE_NUMBER.fullmatch(line)] for page in pages]


def page_picture(pdf: Path, page: int, kind: str) -> Path:
    """One page as PNG (kind "png") or as greyscale PGM (kind "pgm", for counting rows of ink)."""
    prefix = pdf.with_name(f"{pdf.stem}-{page}-{kind}")
    flags = ["-png"] if kind == "png" else ["-gray"]
    subprocess.run(
        [_tool("pdftoppm"), *flags, "-r", str(DPI), "-f", str(page), "-l", str(page), "-singlefile", str(pdf), prefix],
        check=True,
    )
    return prefix.with_suffix(f".{kind}")


def ink_rows(pgm: Path) -> list[tuple[int, int]]:
    """(first, last) pixel row of each horizontal band that holds ink."""
    data = pgm.read_bytes()
    header = re.match(rb"P5\s+(\d+)\s+(\d+)\s+255\s", data)
    width, height = int(header[1]), int(header[2])
    pixels = data[header.end() :]
    bands, start = [], None
    for y in range(height):
        inked = min(pixels[y * width : (y + 1) * width]) < 128
        if inked and start is None:
            start = y
        if not inked and start is not None:
            bands.append((start, y - 1))
            start = None
    return bands


def test_full_pages_hold_22_lines(rendered):
    for name, pdf in rendered.items():
        pages = pages_text(pdf)
        assert len(pages) >= 3, name
        # Page 1 holds the title (one or two lines) and the blank line under it, which has no text.
        counts = [len(lines) + (1 if number == 0 else 0) for number, lines in enumerate(pages)]
        assert counts[:-1] == [22] * (len(pages) - 1), (name, counts)
        assert counts[-1] <= 22


def test_lines_hold_28_characters(rendered):
    """A full line of Chinese text (not a paragraph's first or last line) holds 28 characters; 29 only when
    the 29th is punctuation squeezed at the line end, as Word does too."""
    measured: list[int] = []
    for pdf in rendered.values():
        for lines in pages_text(pdf):
            for line, following in zip(lines, lines[1:], strict=False):
                text = line.strip()
                if line.startswith(" ") or following.startswith(" ") or not all(ord(c) > 0x2000 for c in text):
                    continue  # first line (indented), last line (the next is indented), or with Latin letters
                measured.append(len(text))
                # 避头尾: a mark that may not open a line takes the 28th character down with it, and an opening mark
                # may not close one (the template's full-width “ after 提出了): then the line holds 27.
                nxt = following.strip()
                pushed = len(text) == 27 and (nxt[1:2] in LINE_END_PUNCTUATION or nxt[:1] in LINE_OPENERS)
                assert len(text) == 28 or (len(text) == 29 and text[-1] in LINE_END_PUNCTUATION) or pushed, (
                    text,
                    following,
                )
    assert len(measured) >= 8, measured
    assert measured.count(28) >= 0.8 * len(measured), measured


def test_page_picture_shows_22_rows_and_the_page_number(rendered):
    pgm = page_picture(rendered["sample"], 2, "pgm")
    bands = ink_rows(pgm)
    assert len(bands) == 23, bands  # 22 lines of text, then “— 2 —”
    starts = [first for first, _ in bands[:22]]
    pitch = (starts[-1] - starts[0]) / 21
    assert pitch == pytest.approx(28.95 * DPI / 72, abs=0.5)
    number_top = bands[-1][0]
    assert number_top > bands[21][1] + 15  # below the 版心, clear of the last line


def test_page_pictures_are_a4(rendered):
    for pdf in rendered.values():
        png = page_picture(pdf, 1, "png")
        header = png.read_bytes()[:24]
        assert header[:8] == b"\x89PNG\r\n\x1a\n"
        width, height = int.from_bytes(header[16:20], "big"), int.from_bytes(header[20:24], "big")
        assert width / height == pytest.approx(210 / 297, abs=0.005)


def test_placeholders_left_empty_stay_visible(rendered):
    text = "".join(line.strip() for lines in pages_text(rendered["template"]) for line in lines)
    for key in LEFT_EMPTY:
        assert f"【【{key}】】" in text
    assert "立足汶河实际" in text
