"""Every source file is read the same way: UTF-8 or a located message, no BOM, lines end at "\\n" only,
no control characters, indentation ignored. Each case changes one file of a copy of templates_src/."""

from __future__ import annotations

import pytest
from library_copy import (
    ANNOTATIONS,
    PHRASES,
    SAMPLE_META,
    SAMPLE_TEXT,
    TEMPLATE,
    VOCAB,
    copy_library,
    line_of,
    replace,
)

from macros.sources.errors import SourceError
from macros.sources.library import load_library

EVERY_KIND = [SAMPLE_TEXT, SAMPLE_META, TEMPLATE, ANNOTATIONS, PHRASES, VOCAB]


@pytest.fixture
def root(tmp_path):
    return copy_library(tmp_path)


def refused(root) -> SourceError:
    with pytest.raises(SourceError) as error:
        load_library(root)
    return error.value


def blocks(catalog, slug="xiangzhen-nongye-zhaoshang-yaodian"):
    return [(b.anchor, b.text, b.level) for b in catalog.sample(slug).blocks]


# ---------------------------------------------------------------- encodings


@pytest.mark.parametrize("rel", EVERY_KIND)
def test_a_gbk_file_is_a_located_message_saying_how_to_convert(root, rel):
    path = root / rel
    text = path.read_text(encoding="utf-8")
    path.write_bytes(text.encode("gb18030"))
    error = refused(root)
    assert error.path.endswith(rel)
    first_non_ascii = next(i for i, line in enumerate(text.split("\n"), start=1) if not line.isascii())
    assert error.line == first_non_ascii
    assert "GB18030" in error.problem and f"iconv -f GB18030 -t UTF-8 {path.name}" in error.fix


@pytest.mark.parametrize("rel", [SAMPLE_TEXT, TEMPLATE])
def test_a_utf16_file_is_named_as_such(root, rel):
    path = root / rel
    path.write_bytes(path.read_text(encoding="utf-8").encode("utf-16"))
    error = refused(root)
    assert error.path.endswith(rel) and error.line == 1
    assert "UTF-16" in error.problem and "iconv -f UTF-16 -t UTF-8" in error.fix


def test_bytes_in_no_known_encoding_name_the_byte(root):
    (root / SAMPLE_TEXT).write_bytes("一、目标\n".encode() + b"\xff\xfe\x00abc\x80\n")
    error = refused(root)
    assert error.path.endswith(SAMPLE_TEXT) and error.line == 2 and "0x" in error.problem


# ---------------------------------------------------------------- BOM, line ends, indentation


@pytest.mark.parametrize("rel", EVERY_KIND)
def test_a_bom_changes_nothing(root, rel):
    reference = blocks(load_library(root))
    path = root / rel
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    catalog = load_library(root)
    assert blocks(catalog) == reference
    assert catalog.sample("xiangzhen-nongye-zhaoshang-yaodian").blocks[0].level == 2  # 一、目标任务 stays a heading


@pytest.mark.parametrize("rel", EVERY_KIND)
def test_windows_line_ends_change_nothing(root, rel):
    reference = blocks(load_library(root))
    path = root / rel
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    assert blocks(load_library(root)) == reference


def test_full_width_indentation_keeps_headings_in_samples_and_templates(root):
    catalog = load_library(root)
    reference = blocks(catalog)
    template = catalog.templates[0].slug
    paras = [(p.text, p.level) for p in catalog.template(template).paras]
    for rel in (SAMPLE_TEXT, TEMPLATE):
        path = root / rel
        lines = path.read_text(encoding="utf-8").split("\n")
        if rel == TEMPLATE:  # indent the body, not the front matter
            end = lines.index("---", 1)
            lines[end + 1 :] = ["\u3000\u3000" + line if line else line for line in lines[end + 1 :]]
        else:
            lines = ["\u3000\u3000" + line + " " if line else line for line in lines]
        path.write_text("\n".join(lines), encoding="utf-8")
    catalog = load_library(root)
    assert blocks(catalog) == reference
    assert [(p.text, p.level) for p in catalog.template(template).paras] == paras


def test_a_line_separator_stays_inside_its_paragraph(root):
    """U+2028 and U+2029 are text: they do not start a new paragraph, so no later anchor moves."""
    reference = blocks(load_library(root))
    anchor, text, _ = reference[3]
    replace(root, SAMPLE_TEXT, text, text[:5] + "\u2028" + text[5:10] + "\u2029" + text[10:])
    changed = blocks(load_library(root))
    assert len(changed) == len(reference)
    assert changed[3] == (anchor, text[:5] + "\u2028" + text[5:10] + "\u2029" + text[10:], 0)
    assert changed[4:] == reference[4:]


# ---------------------------------------------------------------- control characters


@pytest.mark.parametrize(
    ("rel", "needle", "char"),
    [
        (SAMPLE_TEXT, "新增果业开发面积", "\x0b"),  # Word's manual line break, pasted from a .doc
        (SAMPLE_TEXT, "新增果业开发面积", "\x0c"),
        (SAMPLE_TEXT, "新增果业开发面积", "\x85"),
        (SAMPLE_TEXT, "新增果业开发面积", "\x00"),
        (SAMPLE_META, "摘要: ", "\x1b"),
        (TEMPLATE, "一、目标任务", "\x08"),
        (TEMPLATE, "摘要: ", "\x7f"),
        (ANNOTATIONS, "作用: 先列全年", "\x0b"),
        (PHRASES, "释义: 以强有力", "\x0c"),
        (VOCAB, "说明: 项目引进", "\x01"),
    ],
)
def test_a_control_character_is_reported_with_file_and_line(root, rel, needle, char):
    line = line_of(root, rel, needle)
    replace(root, rel, needle, needle + char)
    error = refused(root)
    assert (error.path.endswith(rel), error.line) == (True, line)
    assert f"U+{ord(char):04X}" in error.problem and "删掉" in error.fix


@pytest.mark.parametrize("escape", ["\\x0b", "\\0", "\\u001b", "\\x85"])
def test_a_control_character_written_as_a_yaml_escape_is_reported(root, escape):
    replace(root, SAMPLE_META, "摘要: 一份", f'摘要: "一份{escape}')
    replace(root, SAMPLE_META, "四项重点工作。", '四项重点工作。"')
    error = refused(root)
    assert error.path.endswith(SAMPLE_META) and error.line == line_of(root, SAMPLE_META, "摘要:")
    assert "控制字符" in error.problem
