"""Write an imported document as <slug>.txt and <slug>.yml, atomically per document.

Both files are first written in full under hidden temporary names in the same folder; only then are they
renamed into place (text first, metadata last, so the build never sees a .yml without its text). A failure
anywhere removes what was written for the document: an error, a full disk or Ctrl-C leaves nothing of it.
(No fsync: renames keep a document whole against interruption; surviving a power cut is the file system's job.)
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import yaml

from macros.importer.extract import Draft
from macros.importer.guess import Guess

HEADER = (
    "# 由 scripts/import_docs.py 从“{name}”导入。原文在同名的 .txt 里，一段一行，照原样未改字。\n"
    "# 写着“待确认”的是导入时猜的：核对后删去“待确认：”（没有猜出来的填上），见 README 的“导入自己的文档”。\n"
)
MAX_SUMMARY_CHARS = 80


# Starts with a Chinese character or full-width mark, no ASCII colon, hash or line break: YAML reads it as written.
_PLAIN = re.compile(r"^[\u4e00-\u9fff\u3000-\u303f\uff01-\uffef][^:#\n\r]*(?<!\s)$")
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _reads_back(line: str, value) -> bool:
    try:
        return yaml.load(line, Loader=_LOADER) == {"k": value}
    except yaml.YAMLError:
        return False


def scalar(value: str) -> str:
    """value as a YAML scalar: plain when YAML reads it back unchanged, else a JSON (= YAML) string."""
    if _PLAIN.match(value) or (value and "#" not in value and _reads_back(f"k: {value}", value)):
        return value
    return json.dumps(value, ensure_ascii=False)


def flow_list(values: list[str]) -> str:
    line = "[" + ", ".join(scalar(v) for v in values) + "]"
    return line if _reads_back(f"k: {line}", values) else json.dumps(values, ensure_ascii=False)


def summary_of(lines: list[str], title: str) -> str:
    """The text's first sentence (a line that is not a salutation, date or source), cut at MAX_SUMMARY_CHARS."""
    for line in lines:
        if len(line) < 15 or line.startswith(("|", "来源", "——")) or line.endswith(("：", ":")):
            continue
        end = line.find("。")
        sentence = line[: end + 1] if 0 <= end < MAX_SUMMARY_CHARS else line
        if len(sentence) > MAX_SUMMARY_CHARS:
            sentence = sentence[:MAX_SUMMARY_CHARS] + "……"
        return sentence
    return title


def render_meta(draft: Draft, guesses: dict[str, Guess], slug: str, order: int) -> str:
    """The .yml of an imported document (templates_src/samples format, 待确认 where a guess is not certain)."""
    out = [HEADER.format(name=draft.path.name)]
    title = guesses["标题"]
    out.append(f"slug: {slug}")
    out.append(f"标题: {scalar(title.shown)}")
    out.append(f"顺序: {order}")
    out.append(f"来源: {scalar('导入：' + draft.path.name)}")
    out.append(f"摘要: {scalar(summary_of(draft.lines, title.value))}")
    sector = guesses["行业"]
    out.append(f"行业: {flow_list(sector.value) if sector.certain else scalar(sector.shown)}")
    for key in ("文种", "层级", "地区", "年代"):
        out.append(f"{key}: {scalar(guesses[key].shown)}")
    if draft.notes:
        out.append("注记:")
        for at, kind, text in draft.notes:
            at = min(at, len(draft.lines) - 1)
            out.append(f"  - 位置: p{at + 1}\n    类型: {scalar(kind)}\n    内容: {scalar(text)}")
    else:
        out.append("注记: []")
    return "\n".join(out) + "\n"


def render_text(lines: list[str]) -> str:
    return "\n".join(lines) + "\n"


def write_document(folder: Path, slug: str, text: str, meta: str) -> None:
    """Write <slug>.txt and <slug>.yml into folder, all or nothing (see the module docstring)."""
    folder.mkdir(parents=True, exist_ok=True)
    targets = [(folder / f"{slug}.txt", text), (folder / f"{slug}.yml", meta)]
    for target, _ in targets:
        if target.exists():
            raise FileExistsError(f"{target} 已经存在")
    temps: list[Path] = []
    placed: list[Path] = []
    try:
        for target, content in targets:
            temp = folder / f".{target.name}.{os.getpid()}.part"
            temps.append(temp)
            with open(temp, "w", encoding="utf-8", newline="\n") as handle:
                handle.write(content)
        for (target, _), temp in zip(targets, temps, strict=True):
            os.replace(temp, target)
            placed.append(target)
    except BaseException:
        for path in [*temps, *placed]:
            path.unlink(missing_ok=True)
        raise
