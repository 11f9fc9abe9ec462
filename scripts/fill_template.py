"""Fill a template from YAML or JSON values and write a GB/T 9704 .docx and a .txt for each value set.

    .venv/bin/python scripts/fill_template.py 模板 值文件 [值文件 ...] [-o 输出目录] [--name 字段键]

模板 is a template's slug or its file (templates_src/templates/*.md). Each 值文件 (.yml, .yaml or .json)
holds one value set, a mapping 键: 值, or a list of them, e.g. one per township. Every value set
is checked before anything is written: a key the template does not declare, a required field left out or
empty, or a value that is not text is an error naming the file, the set and the field. Optional fields
left out stay as their highlighted placeholder 【【键】】. Files are written to a temporary name and
renamed only when all of them are complete, so a failed run leaves nothing half-written.

Output names: <值文件名>.docx/.txt, or <值文件名>-<n> for the n-th set of a list; with --name 键, the
value of that field instead (e.g. --name 乡镇名称 gives 城关镇.docx, 河口乡.docx).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import yaml

from macros.sources.errors import SourceError
from macros.sources.library import load_library
from macros.sources.templates import Template, fill
from macros.word.downloads import template_docx

ROOT = Path(__file__).resolve().parent.parent


_UNSAFE = re.compile(r'[\\/:*?"<>|\s]+')


class InputError(Exception):
    """Bad command-line input: the message says what and where."""


@dataclass
class ValueSet:
    origin: str  # "file" or "file 第 n 组", for messages
    stem: str  # output file name without suffix
    values: dict[str, str]


def find_template(name: str) -> Template:
    templates = load_library(ROOT).templates
    path = Path(name)
    for template in templates:
        if template.slug == name or (path.suffix == ".md" and path.resolve() == template.meta_path.resolve()):
            return template
    known = "、".join(t.slug for t in templates)
    raise InputError(f"没有模板“{name}”。可用的模板：{known}")


def read_value_file(path: Path) -> list:
    if not path.is_file():
        raise InputError(f"{path}: 找不到这个值文件。")
    text = path.read_text(encoding="utf-8")
    try:
        data = json.loads(text) if path.suffix.lower() == ".json" else yaml.safe_load(text)
    except (json.JSONDecodeError, yaml.YAMLError) as error:
        raise InputError(
            f"{path}: 不是合法的 {'JSON' if path.suffix.lower() == '.json' else 'YAML'}：{error}"
        ) from None
    sets = data if isinstance(data, list) else [data]
    if not sets or not all(isinstance(s, dict) for s in sets):
        raise InputError(f"{path}: 应是“键: 值”的映射，或这样的映射组成的列表。")
    return sets


def check_values(template: Template, raw: dict, origin: str) -> dict[str, str]:
    """Values as text; unknown keys, non-text values and missing required fields are errors naming the field."""
    declared = [f.key for f in template.fields]
    values: dict[str, str] = {}
    for key, value in raw.items():
        key = str(key)
        if key not in declared:
            raise InputError(f"{origin}: 模板“{template.slug}”没有字段“{key}”。可用的字段：{'、'.join(declared)}")
        if isinstance(value, bool) or not isinstance(value, str | int | float | type(None)):
            raise InputError(f"{origin}: 字段“{key}”的值应是文字或数字。")
        values[key] = "" if value is None else str(value).strip()
    missing = [f.key for f in template.fields if f.required and not values.get(f.key)]
    if missing:
        raise InputError(f"{origin}: 缺少必填字段：{'、'.join(missing)}")
    return values


def value_sets(template: Template, files: list[Path], name_key: str | None) -> list[ValueSet]:
    if name_key and name_key not in {f.key for f in template.fields}:
        raise InputError(f"--name: 模板“{template.slug}”没有字段“{name_key}”。")
    result: list[ValueSet] = []
    for path in files:
        sets = read_value_file(path)
        for number, raw in enumerate(sets, start=1):
            origin = f"{path}" if len(sets) == 1 else f"{path} 第 {number} 组"
            values = check_values(template, raw, origin)
            stem = path.stem if len(sets) == 1 else f"{path.stem}-{number}"
            if name_key:
                stem = _UNSAFE.sub("", values.get(name_key, ""))
                if not stem:
                    raise InputError(f"{origin}: 用来命名文件的字段“{name_key}”是空的。")
            result.append(ValueSet(origin, stem, values))
    stems = [s.stem for s in result]
    duplicate = next((s for s in stems if stems.count(s) > 1), None)
    if duplicate:
        raise InputError(f"有两组值都要写成“{duplicate}”：换一个 --name 字段，或改值文件名。")
    return result


def outputs(template: Template, sets: list[ValueSet], out_dir: Path) -> dict[Path, bytes]:
    files: dict[Path, bytes] = {}
    for value_set in sets:
        text = f"{template.title}\n\n{fill(template, value_set.values)}\n"
        files[out_dir / f"{value_set.stem}.docx"] = template_docx(template, value_set.values)
        files[out_dir / f"{value_set.stem}.txt"] = text.encode("utf-8")
    return files


def write_all(files: dict[Path, bytes]) -> None:
    """Write every file to a temporary name first; rename them only when all are written."""
    temporary: list[tuple[str, Path]] = []
    try:
        for target, data in files.items():
            target.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".part")
            temporary.append((tmp, target))
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
        for tmp, target in temporary:
            os.replace(tmp, target)
    finally:
        for tmp, _ in temporary:
            if os.path.exists(tmp):
                os.unlink(tmp)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="fill_template.py", description="用 YAML/JSON 值文件填写模板，生成公文格式的 .docx 和 .txt。"
    )
    parser.add_argument("template", help="模板的 slug，或 templates_src/templates/ 里的 .md 文件")
    parser.add_argument("values", nargs="+", type=Path, help="值文件（.yml/.yaml/.json），一个映射或映射的列表")
    parser.add_argument("-o", "--out", type=Path, default=Path("."), help="输出目录（默认当前目录）")
    parser.add_argument("--name", metavar="键", help="用这个字段的值给输出文件命名")
    args = parser.parse_args(argv)
    try:
        template = find_template(args.template)
        files = outputs(template, value_sets(template, args.values, args.name), args.out)
        write_all(files)
    except (InputError, SourceError) as error:
        print(f"范文库: {error}", file=sys.stderr)
        return 2
    for path in files:
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
