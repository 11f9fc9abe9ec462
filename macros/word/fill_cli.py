"""scripts/fill: fill a template from YAML or JSON values and write a GB/T 9704 .docx and a .txt for each value set.

    scripts/fill 模板 值文件 [值文件 ...] [-o 输出目录] [--name 字段键]

模板 is a template's slug or its file (templates_src/templates/*.md). Each 值文件 (.yml, .yaml or .json)
holds one value set, a mapping 键: 值, or a list of them, e.g. one per township. Every value set
is checked before anything is written: a key the template does not declare, a required field left out or
empty, or a value that is not text is an error naming the file, the set and the field. Value files are UTF-8
(a GBK file is an error that says how to convert it); every value is kept exactly as written (`9:30` stays
9:30, `010` stays 010), except characters that XML cannot hold, which are dropped. Optional fields
left out stay as their highlighted placeholder 【【键】】. Files are written to a temporary name and
renamed only when all of them are complete, so a failed run leaves nothing half-written; they get the
usual permissions (0666 less the umask, like any file a program creates).

Output names: <值文件名>.docx/.txt, or <值文件名>-<n> for the n-th set of a list; with --name 键, the
value of that field instead (e.g. --name 乡镇名称 gives 城关镇.docx, 河口乡.docx).
"""

from __future__ import annotations

import json
import os
import re
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from macros.command_line import CommandParser
from macros.sources.errors import LocatedError, SourceError
from macros.sources.library import PROJECT, load_library
from macros.sources.templates import Template, fill
from macros.sources.text_files import check_controls, decode_source
from macros.sources.yaml_source import parse_yaml
from macros.word.downloads import template_docx
from macros.word.layout import xml_text

_UNSAFE = re.compile(r'[\\/:*?"<>|\s\x00-\x1f\x7f]+')
MAX_NAME_BYTES = 200  # a file name holds 255 bytes on most file systems, less the suffix and temporary prefix


class InputError(LocatedError):
    """Bad command-line input: what is wrong (naming the file, the value set and the field) and how to fix it."""

    def __init__(self, problem: str, fix: str):
        super().__init__(None, None, problem, fix)


@dataclass
class ValueSet:
    origin: str  # "file" or "file 第 n 组", for messages
    stem: str  # output file name without suffix
    values: dict[str, str]


def find_template(name: str) -> Template:
    templates = load_library(PROJECT, parts=("templates",)).templates
    path = Path(name)
    for template in templates:
        if template.slug == name or (path.suffix == ".md" and path.resolve() == template.meta_path.resolve()):
            return template
    known = "、".join(t.slug for t in templates)
    raise InputError(f"没有模板“{name}”。", f"写其中一个模板的 slug：{known}")


def read_value_file(path: Path) -> list:
    if not path.is_file():
        raise InputError(f"{path}: 找不到这个值文件。", "检查文件名和路径。")
    text = decode_source(path.read_bytes(), path)
    check_controls(text, path)
    if path.suffix.lower() == ".json":
        try:  # numbers as written: 1.50 stays 1.50
            data = json.loads(text, parse_int=str, parse_float=str, parse_constant=str)
        except (json.JSONDecodeError, RecursionError) as error:
            raise InputError(f"{path}: 不是合法的 JSON：{error}", "照报错的位置改好，或改写成 YAML（.yml）。") from None
    else:
        # Every value as the text written: 9:30 stays 9:30, 010 stays 010.
        data = parse_yaml(text, path, escaped_controls=True)
    sets = data if isinstance(data, list) else [data]
    if not sets or not all(isinstance(s, dict) for s in sets):
        raise InputError(
            f"{path}: 应是“键: 值”的映射，或这样的映射组成的列表。",
            "每行写一个“字段: 值”；几组值写成列表，每组以“- ”开头。",
        )
    return sets


def check_values(template: Template, raw: dict, origin: str) -> dict[str, str]:
    """Values as text; unknown keys, non-text values and missing required fields are errors naming the field."""
    declared = [f.key for f in template.fields]
    values: dict[str, str] = {}
    for key, value in raw.items():
        key = str(key)
        if key not in declared:
            raise InputError(
                f"{origin}: 模板“{template.slug}”没有字段“{key}”。", f"改成其中之一：{'、'.join(declared)}"
            )
        if not isinstance(value, str | type(None)):
            raise InputError(f"{origin}: 字段“{key}”的值应是文字或数字。", f"写成“{key}: 值”，不要写成列表或映射。")
        values[key] = "" if value is None else xml_text(value).strip()
    missing = [f.key for f in template.fields if f.required and not values.get(f.key)]
    if missing:
        raise InputError(f"{origin}: 缺少必填字段：{'、'.join(missing)}", "在值文件里把这些字段补上。")
    return values


def value_sets(template: Template, files: list[Path], name_key: str | None) -> list[ValueSet]:
    if name_key and name_key not in {f.key for f in template.fields}:
        raise InputError(f"--name: 模板“{template.slug}”没有字段“{name_key}”。", "写模板里有的字段，或不用 --name。")
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
                    raise InputError(
                        f"{origin}: 用来命名文件的字段“{name_key}”是空的。", "填上这个字段，或换一个 --name 字段。"
                    )
                if len(stem.encode("utf-8")) > MAX_NAME_BYTES:
                    raise InputError(
                        f"{origin}: 字段“{name_key}”的值太长，不能做文件名（UTF-8 下最多 {MAX_NAME_BYTES} 字节，"
                        f"约 {MAX_NAME_BYTES // 3} 个汉字）。",
                        "换一个短些的 --name 字段，或不用 --name。",
                    )
            result.append(ValueSet(origin, stem, values))
    stems = [s.stem for s in result]
    duplicate = next((s for s in stems if stems.count(s) > 1), None)
    if duplicate:
        raise InputError(f"有两组值都要写成“{duplicate}”。", "换一个 --name 字段，或改值文件名。")
    return result


def outputs(template: Template, sets: list[ValueSet], out_dir: Path) -> dict[Path, bytes]:
    files: dict[Path, bytes] = {}
    for value_set in sets:
        text = f"{template.title}\n\n{fill(template, value_set.values)}\n"
        files[out_dir / f"{value_set.stem}.docx"] = template_docx(template, value_set.values)
        files[out_dir / f"{value_set.stem}.txt"] = text.encode("utf-8")
    return files


def check_out_dir(out_dir: Path) -> None:
    """-o names a folder that exists or can be made, and that this user may write into."""
    existing = next((p for p in (out_dir, *out_dir.parents) if p.exists()), None)
    if existing is not None and not existing.is_dir():
        where = "-o 指定的" if existing == out_dir else f"-o 指定的 {out_dir} 的上级"
        raise InputError(f"{existing}: {where}是一个文件，不是文件夹。", "换一个文件夹，或去掉 -o 写到当前文件夹。")
    if existing is not None and not os.access(existing, os.W_OK | os.X_OK):
        raise InputError(f"{existing}: 没有写入这个文件夹的权限。", "用 -o 换一个自己能写的文件夹。")


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_all(files: dict[Path, bytes]) -> None:
    """Write every file to a temporary name first; rename them only when all are written."""
    temporary: list[tuple[str, Path]] = []
    mode = 0o666 & ~_umask()  # mkstemp makes 0600; the result is an ordinary file
    try:
        for target, data in files.items():
            target.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".part")
            temporary.append((tmp, target))
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                os.fchmod(handle.fileno(), mode)
        for tmp, target in temporary:
            os.replace(tmp, target)
    finally:
        for tmp, _ in temporary:
            if os.path.exists(tmp):
                os.unlink(tmp)


def main(argv: list[str] | None = None) -> int:
    parser = CommandParser(
        "scripts/fill",
        "用 YAML 或 JSON 值文件填写模板，每组值生成一份公文格式（GB/T 9704）的 .docx 和一份 .txt。"
        "模板名见网站的“模板”栏（每个模板页都写着它的 slug），字段名见模板页的表单。",
        [
            "scripts/fill zhaoshang-yinzi-gongzuo-yaodian-moban 城关镇.yml          # 写出 城关镇.docx 和 城关镇.txt",
            "scripts/fill zhaoshang-yinzi-gongzuo-yaodian-moban 各乡镇.yml -o 输出 --name 地区"
            "   # 列表里每个乡镇一份，按“地区”命名",
            "scripts/fill templates_src/templates/jiedao-shuzhi.md 值.json -o ~/桌面",
        ],
        {0: "全部写好", 2: "没有写任何文件：模板名、值文件、字段或输出文件夹有问题（报错一行说明怎么改）"},
    )
    parser.add_argument("template", help="模板的 slug，或 templates_src/templates/ 里的 .md 文件")
    parser.add_argument("values", nargs="+", type=Path, help="值文件（.yml/.yaml/.json），一个映射或映射的列表")
    parser.add_argument("-o", "--out", type=Path, default=Path("."), help="输出目录（默认当前目录）")
    parser.add_argument("--name", metavar="键", help="用这个字段的值给输出文件命名")
    args = parser.parse_args(argv)
    try:
        template = find_template(args.template)
        check_out_dir(args.out)
        files = outputs(template, value_sets(template, args.values, args.name), args.out)
        write_all(files)
    except (InputError, SourceError) as error:
        print(f"scripts/fill: {error}", file=sys.stderr)
        return 2
    except OSError as error:  # a full disk, a folder made read-only meanwhile …: no file is left half-written
        where = f"{error.filename}: " if error.filename else ""
        print(
            f"scripts/fill: {where}写文件时出错：{error.strerror or error}。没有留下写了一半的文件。", file=sys.stderr
        )
        return 2
    for path in files:
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
