"""scripts/fill (macros/word/fill_cli.py) with awkward input: values keep the text written, bad files and folders are
messages (never tracebacks), output files get ordinary permissions."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import docx
import pytest

from macros.word import fill_cli as fill_template

TEMPLATE = "zhaoshang-yinzi-gongzuo-yaodian-moban"


@pytest.fixture
def template(catalog):
    return catalog.template(TEMPLATE)


def run(args, capsys) -> tuple[int, str]:
    code = fill_template.main([str(a) for a in args])
    err = capsys.readouterr().err
    assert "Traceback" not in err
    return code, err


def yaml_values(template, **changes: str) -> str:
    """A value file in YAML with every field filled, values written exactly as given (no quoting)."""
    values = {**template.examples, **changes}
    return "".join(f"{key}: {value}\n" for key, value in values.items())


def filled_text(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def test_values_keep_the_text_written(template, tmp_path, capsys):
    """YAML 1.1 made 9:30 into 570, 010 into 8, 1.50 into 1.5 and yes into True."""
    key = template.fields[0].key
    for written in ("9:30", "010", "1.50", "yes", "2020-13-45", "0x1F"):
        values = tmp_path / "v.yml"
        values.write_text(yaml_values(template, **{key: written}), encoding="utf-8")
        code, err = run([TEMPLATE, values, "-o", tmp_path / "out"], capsys)
        assert code == 0, err
        assert written in filled_text(tmp_path / "out/v.txt"), written


def test_json_numbers_keep_the_text_written(template, tmp_path, capsys):
    key = template.fields[0].key
    path = tmp_path / "v.json"
    raw = json.dumps({**template.examples, key: "@"}, ensure_ascii=False).replace('"@"', "1.50")
    path.write_text(raw, encoding="utf-8")
    code, err = run([TEMPLATE, path, "-o", tmp_path], capsys)
    assert code == 0, err
    assert "1.50" in filled_text(tmp_path / "v.txt")


def test_a_gbk_value_file_is_a_message_saying_how_to_convert(template, tmp_path, capsys):
    path = tmp_path / "乡镇.yml"
    path.write_bytes(yaml_values(template).encode("gb18030"))
    code, err = run([TEMPLATE, path, "-o", tmp_path / "out"], capsys)
    assert code == 2
    assert f"{path}:1" in err and "GB18030" in err and "iconv -f GB18030 -t UTF-8 乡镇.yml" in err
    assert not (tmp_path / "out").exists()


def test_a_control_character_in_a_value_file_is_located(template, tmp_path, capsys):
    path = tmp_path / "v.yml"
    text = yaml_values(template)
    second = text.split("\n")[1]
    path.write_text(text.replace(second, second + "\x0b", 1), encoding="utf-8")
    code, err = run([TEMPLATE, path, "-o", tmp_path / "out"], capsys)
    assert code == 2 and f"{path}:2" in err and "U+000B" in err


def test_escaped_control_characters_are_dropped(template, tmp_path, capsys):
    """JSON \\u000b or YAML "\\x0c" are deliberate values, but XML cannot hold them: they are dropped."""
    key = template.fields[0].key
    path = tmp_path / "v.json"
    path.write_text(
        json.dumps({**template.examples, key: "城\u000b关\u0000镇\u000c\ud800"}, ensure_ascii=True), encoding="utf-8"
    )
    code, err = run([TEMPLATE, path, "-o", tmp_path], capsys)
    assert code == 0, err
    assert "城关镇" in filled_text(tmp_path / "v.txt")
    assert "城关镇" in "\n".join(p.text for p in docx.Document(tmp_path / "v.docx").paragraphs)


def test_a_long_name_value_is_a_message(template, tmp_path, capsys):
    key = template.fields[0].key
    path = tmp_path / "v.yml"
    path.write_text(yaml_values(template, **{key: "长" * 100}), encoding="utf-8")
    code, err = run([TEMPLATE, path, "-o", tmp_path / "out", "--name", key], capsys)
    assert code == 2 and f"字段“{key}”的值太长，不能做文件名" in err
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("where", ["a file", "inside a file"])
def test_output_folder_that_is_a_file_is_a_message(template, tmp_path, capsys, where):
    values = tmp_path / "v.yml"
    values.write_text(yaml_values(template), encoding="utf-8")
    blocker = tmp_path / "报告.docx"
    blocker.write_bytes(b"mine")
    out = blocker if where == "a file" else blocker / "out"
    code, err = run([TEMPLATE, values, "-o", out], capsys)
    assert code == 2 and f"{blocker}: -o 指定的" in err and "是一个文件，不是文件夹" in err
    assert blocker.read_bytes() == b"mine"


def test_a_folder_that_cannot_be_written_is_a_message(template, tmp_path, capsys):
    values = tmp_path / "v.yml"
    values.write_text(yaml_values(template), encoding="utf-8")
    if os.geteuid() == 0:
        out = Path("/sys/kernel")  # root may write into any folder with mode 0555, but not into sysfs
    else:
        out = tmp_path / "只读"
        out.mkdir(mode=0o555)
    code, err = run([TEMPLATE, values, "-o", out], capsys)
    assert code == 2 and str(out) in err and ("没有写入这个文件夹的权限" in err or "写文件时出错" in err), err


@pytest.mark.parametrize("umask", [0o022, 0o002, 0o077])
def test_output_files_get_the_usual_permissions(template, tmp_path, capsys, umask):
    values = tmp_path / "v.yml"
    values.write_text(yaml_values(template), encoding="utf-8")
    old = os.umask(umask)
    try:
        code, err = run([TEMPLATE, values, "-o", tmp_path / "out"], capsys)
    finally:
        os.umask(old)
    assert code == 0, err
    for name in ("v.docx", "v.txt"):
        assert stat.S_IMODE((tmp_path / "out" / name).stat().st_mode) == 0o666 & ~umask, name
