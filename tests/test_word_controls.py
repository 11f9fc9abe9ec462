"""Control characters typed or pasted into a template's fields: the Word file drops the ones XML cannot hold,
in the browser and in Python alike, and opens in python-docx and in LibreOffice."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
from pathlib import Path

import docx
import pytest
from conftest import ROOT

from macros.word.downloads import template_docx

# Word's manual line break and page break (U+000B, U+000C) come with text copied out of a .doc; U+0000 and
# the rest with text from a terminal or a database. U+2028 is allowed in XML and stays.
INLINE = "城\x0b南\x00街\x0c道\x1f\ufffe"
INLINE_KEPT = "城南街道"
MULTILINE = "第一段\x0b内容\x01\r\n第二段\u2028同一段\x08\r第三段"
MULTILINE_KEPT = ["第一段内容", "第二段\u2028同一段", "第三段"]


@pytest.fixture(scope="module")
def fields(catalog):
    """A template with a 多行 field that is a whole paragraph, that field, and a field inside a sentence."""
    for template in catalog.templates:
        whole = [f for f in template.fields if any(p.parts() == [(f.key, True)] for p in template.paras)]
        inline = [
            f for f in template.fields if any(len(p.parts()) > 1 and (f.key, True) in p.parts() for p in template.paras)
        ]
        if whole and inline:
            return template, inline[0].key, whole[0].key
    pytest.fail("no template has both a whole-paragraph field and a field inside a sentence")


def office_text(files: list[Path], tmp_path: Path) -> dict[str, str]:
    """Each .docx converted to plain text by LibreOffice: only a file it can open converts."""
    soffice = shutil.which("soffice")
    if not soffice:
        pytest.fail("soffice is missing: run scripts/test (scripts/ensure-office.sh installs it)")
    subprocess.run(
        [soffice, f"-env:UserInstallation=file://{tmp_path}/profile", "--headless", "--convert-to", "txt:Text"]
        + ["--outdir", str(tmp_path / "txt"), *map(str, files)],
        env={**os.environ, "FONTCONFIG_FILE": str(ROOT / "tests/fonts.conf")},
        check=True,
        capture_output=True,
        timeout=300,
    )
    return {f.name: (tmp_path / "txt" / f.with_suffix(".txt").name).read_text(encoding="utf-8-sig") for f in files}


def paragraphs(data: bytes) -> list[tuple[str, str]]:
    return [(p.style.name, p.text) for p in docx.Document(io.BytesIO(data)).paragraphs]


def check_text(text: str) -> None:
    assert INLINE_KEPT in text
    for line in MULTILINE_KEPT:
        assert line in text


def test_python_drops_what_xml_cannot_hold(fields, tmp_path):
    template, inline, whole = fields
    data = template_docx(template, {inline: INLINE, whole: MULTILINE})
    text = "\n".join(p for _, p in paragraphs(data))
    check_text(text)
    assert [p for _, p in paragraphs(data) if p in MULTILINE_KEPT] == MULTILINE_KEPT  # one paragraph a line
    (tmp_path / "python.docx").write_bytes(data)
    check_text(office_text([tmp_path / "python.docx"], tmp_path)["python.docx"])


def test_the_browser_drops_the_same(fields, page, server, tmp_path):
    template, inline, whole = fields
    values = {inline: INLINE, whole: MULTILINE}
    page.goto(server + template.url)
    page.locator(".fw-tpl[data-fw-ready] .fw-tpl-form").wait_for(state="visible")
    # Set the values as a paste would: fill() cannot type every control character.
    page.evaluate(
        """values => { for (const [key, value] of Object.entries(values)) {
             const input = document.querySelector(`.fw-tpl-form [data-key='${key}']`);
             input.value = value;
             input.dispatchEvent(new Event("input", { bubbles: true }));
           } }""",
        values,
    )
    assert page.evaluate(f"document.querySelector(\".fw-tpl-form [data-key='{inline}']\").value") == INLINE
    with page.expect_download() as info:
        page.get_by_role("button", name="下载 Word", exact=True).click()
    target = tmp_path / "browser.docx"
    info.value.save_as(target)
    data = target.read_bytes()
    assert paragraphs(data) == paragraphs(template_docx(template, values))
    check_text(office_text([target], tmp_path)["browser.docx"])
