"""scripts/fill (macros/word/fill_cli.py): value files in, .docx and .txt out; bad values are errors naming the field."""

from __future__ import annotations

import io
import json

import docx
import pytest
import yaml

from macros.word import fill_cli as fill_template

TEMPLATE = "zhaoshang-yinzi-gongzuo-yaodian-moban"


@pytest.fixture
def template(catalog):
    return catalog.template(TEMPLATE)


def run(args, capsys) -> tuple[int, str]:
    code = fill_template.main([str(a) for a in args])
    captured = capsys.readouterr()
    return code, captured.err


def test_one_file_per_township_from_a_list(template, tmp_path, capsys):
    towns = [{**template.examples, "地区": town} for town in ("城关", "河口")]
    values = tmp_path / "乡镇.yml"
    values.write_text(yaml.safe_dump(towns, allow_unicode=True), encoding="utf-8")
    code, err = run([TEMPLATE, values, "-o", tmp_path / "out", "--name", "地区"], capsys)
    assert code == 0, err
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["城关.docx", "城关.txt", "河口.docx", "河口.txt"]
    text = (tmp_path / "out/河口.txt").read_text(encoding="utf-8")
    assert text.startswith(template.title + "\n\n") and "河口" in text and "【【" not in text
    document = docx.Document(tmp_path / "out/河口.docx")
    assert document.paragraphs[0].text.replace("\n", "") == template.title
    assert "\n".join(p.text for p in document.paragraphs[2:]) + "\n" == text.split("\n\n", 1)[1]


def test_several_files_json_and_yaml_with_numbers(template, tmp_path, capsys):
    a = tmp_path / "a.json"
    a.write_text(json.dumps({**template.examples, "投资目标": 6000}, ensure_ascii=False), encoding="utf-8")
    b = tmp_path / "b.yaml"
    b.write_text(yaml.safe_dump(template.examples, allow_unicode=True), encoding="utf-8")
    code, err = run([TEMPLATE, a, b, "-o", tmp_path], capsys)
    assert code == 0, err
    assert "6000" in (tmp_path / "a.txt").read_text(encoding="utf-8")
    assert (tmp_path / "b.docx").exists()


def test_optional_fields_left_out_stay_highlighted(catalog, tmp_path, capsys):
    template = next(t for t in catalog.templates if any(not f.required for f in t.fields))
    optional = next(f.key for f in template.fields if not f.required)
    values = {k: v for k, v in template.examples.items() if k != optional}
    path = tmp_path / "v.yml"
    path.write_text(yaml.safe_dump(values, allow_unicode=True), encoding="utf-8")
    code, err = run([template.slug, path, "-o", tmp_path], capsys)
    assert code == 0, err
    runs = [r for p in docx.Document(tmp_path / "v.docx").paragraphs for r in p.runs]
    assert any(r.text == f"【【{optional}】】" and r.font.highlight_color for r in runs)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"不存在的键": "x"}, "没有字段“不存在的键”"),
        ({"地区": None, "骨干企业": ""}, "缺少必填字段：骨干企业、地区"),
        ({"地区": ["城关"]}, "字段“地区”的值应是文字或数字"),
    ],
)
def test_bad_values_name_the_field_and_write_nothing(template, tmp_path, capsys, change, message):
    good = dict(template.examples)
    bad = {**template.examples, **change}
    path = tmp_path / "v.yml"
    path.write_text(yaml.safe_dump([good, bad], allow_unicode=True), encoding="utf-8")
    out = tmp_path / "out"
    code, err = run([TEMPLATE, path, "-o", out], capsys)
    assert code == 2
    assert message in err and "第 2 组" in err
    assert not out.exists() or not any(out.iterdir())  # the good first set was not written either


def test_unknown_template_lists_the_known_ones(tmp_path, capsys):
    path = tmp_path / "v.yml"
    path.write_text("{}", encoding="utf-8")
    code, err = run(["no-such", path], capsys)
    assert code == 2 and TEMPLATE in err


def test_a_failed_write_leaves_no_file_behind(template, tmp_path, monkeypatch):
    files = fill_template.outputs(template, [fill_template.ValueSet("x", "a", template.examples)], tmp_path)
    real_replace = fill_template.os.replace
    calls = []

    def flaky(src, dst):
        calls.append(dst)
        if len(calls) == 2:
            raise OSError("disk full")
        real_replace(src, dst)

    monkeypatch.setattr(fill_template.os, "replace", flaky)
    with pytest.raises(OSError):
        fill_template.write_all(files)
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".part")]  # no temporary file left


def test_docx_output_opens(template, tmp_path):
    files = fill_template.outputs(template, [fill_template.ValueSet("x", "a", template.examples)], tmp_path)
    data = files[tmp_path / "a.docx"]
    assert docx.Document(io.BytesIO(data)).paragraphs[0].text.replace("\n", "") == template.title
