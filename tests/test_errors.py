"""One error family, one message format: `path[:line]: problem 修改方法：fix` on one line, from every error a writer
or a user of the command lines can meet (the build, the draft checker, the importer, the publishing step)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from macros.build.publish import TargetError
from macros.checker.cli import DraftError
from macros.importer.convert import ConversionError
from macros.importer.run import ImportFailure
from macros.sources.decode import TextDecodeError
from macros.sources.errors import LocatedError, ReadError, SourceError
from macros.sources.fix_templates import TemplateError, parse_template
from macros.sources.regex_subset import PatternError, expand_and_check
from macros.word.read import CorruptDocxError, EncryptedDocxError, TrackedChangesError

ROOT = Path(__file__).resolve().parent.parent
READ_ERRORS = (ReadError, DraftError, ImportFailure, ConversionError, TextDecodeError)
# The Word reader's errors take a message of read.py's MESSAGES (read.js says the same) and its values.
WORD_ERRORS = (CorruptDocxError, EncryptedDocxError, TrackedChangesError)


def test_a_source_error_is_one_line_with_file_line_problem_and_fix():
    error = SourceError("/elsewhere/rules.yml", 12, "级别“严重”不对。", "写“错误”或“建议”。")
    assert str(error) == "/elsewhere/rules.yml:12: 级别“严重”不对。 修改方法：写“错误”或“建议”。"
    assert str(SourceError("/elsewhere/a.yml", None, "缺。", "补。")) == "/elsewhere/a.yml: 缺。 修改方法：补。"


def test_a_source_error_names_a_file_of_the_project_relative_to_it(monkeypatch):
    monkeypatch.chdir(ROOT)
    error = SourceError(ROOT / "templates_src" / "vocab.yml", 3, "问题。", "改法。")
    assert str(error) == "templates_src/vocab.yml:3: 问题。 修改方法：改法。"


@pytest.mark.parametrize("kind", READ_ERRORS)
def test_every_reader_error_names_the_file_as_given_on_one_line(kind):
    error = kind("草稿/文稿.docx", "文件是空的（0 字节）。", "找到原文件重新拷贝一份。")
    assert isinstance(error, LocatedError) and (error.path, error.line) == ("草稿/文稿.docx", None)
    assert str(error) == "草稿/文稿.docx: 文件是空的（0 字节）。 修改方法：找到原文件重新拷贝一份。"


@pytest.mark.parametrize("kind", WORD_ERRORS)
def test_every_word_reader_error_names_the_file_as_given_on_one_line(kind):
    error = kind("草稿/文稿.docx", "empty")
    assert isinstance(error, LocatedError) and (error.path, error.line) == ("草稿/文稿.docx", None)
    assert str(error) == "草稿/文稿.docx: 文件是空的（0 字节）。 修改方法：找到原文件重新拷贝一份。"


def test_a_refused_target_is_in_the_same_format():
    error = TargetError(Path("/srv/site"), "已有的文件夹不是空的。", "换一个空文件夹。")
    assert str(error) == "/srv/site: 不能生成到这里：已有的文件夹不是空的。 修改方法：换一个空文件夹。"


def test_a_pattern_error_is_placed_at_its_character_then_in_its_file():
    with pytest.raises(PatternError) as caught:
        expand_and_check("ab)")
    error = caught.value
    assert str(error) == f"第 3 个字符处: {error.problem} 修改方法：{error.fix}"
    placed = error.within("/elsewhere/rules.yml", 40, "模式“ab)”")
    assert isinstance(placed, SourceError) and (placed.path, placed.line) == ("/elsewhere/rules.yml", 40)
    assert str(placed) == f"/elsewhere/rules.yml:40: 模式“ab)”第 3 个字符处：{error.problem}。 修改方法：{error.fix}。"


def test_a_template_error_is_placed_in_its_file():
    with pytest.raises(TemplateError) as caught:
        parse_template("$3", 2)
    error = caught.value
    assert str(error) == f"{error.problem} 修改方法：{error.fix}" and "只有 2 组" in error.problem
    placed = error.within("/elsewhere/rules.yml", 41, "改法“$3”")
    assert str(placed) == f"/elsewhere/rules.yml:41: 改法“$3”：{error.problem}。 修改方法：{error.fix}。"


def _error_classes() -> dict[str, list[str]]:
    """Every class of macros/ whose name ends in Error or Failure -> its bases as written."""
    found = {}
    for path in (ROOT / "macros").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef) and node.name.endswith(("Error", "Failure")):
                found[node.name] = [ast.unparse(base) for base in node.bases]
    return found


def test_every_error_class_of_macros_is_in_the_family():
    classes = _error_classes()
    assert "PatternError" in classes and "TemplateError" in classes  # the walk finds them
    family = {"LocatedError", "SourceError", "ReadError"}
    grown = True
    while grown:  # subclasses of subclasses
        before = len(family)
        family |= {name for name, bases in classes.items() if set(bases) & family}
        grown = len(family) > before
    assert sorted(set(classes) - family) == [], "derive from macros.sources.errors.LocatedError"
