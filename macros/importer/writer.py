"""Write an imported document as <slug>.txt and <slug>.yml, atomically per document.

Both files are first written in full under hidden temporary names in the same folder; only then are they
renamed into place (text first, metadata last, so the build never sees a .yml without its text), with Ctrl-C held
back between the two renames: an interrupt arrives when both are in place. A failure anywhere else removes what was
written for the document: an error, a full disk or Ctrl-C leaves nothing of it. (No fsync: renames keep a document
whole against interruption; surviving a power cut is the file system's job.)

Everything written to the .yml is what the build's own reader accepts (macros/sources/yaml_source.py): a value never
holds a character YAML or the build refuses (controls, line and paragraph separators), a file name in the header
comment shows them as escapes, and the rendered file is read back by that reader before it is written.
"""

from __future__ import annotations

import json
import os
import re
import signal
from pathlib import Path

import yaml

from macros.importer.extract import Draft
from macros.importer.guess import Guess
from macros.sources.yaml_source import parse_yaml

HEADER = (
    "# 由 scripts/import 从“{name}”导入。原文在同名的 .txt 里，一段一行，照原样未改字。\n"
    "# 写着“待确认”的是导入时猜的：核对后删去“待确认：”（没有猜出来的填上），见维护手册 docs/weihu/zengjia.md 的“待确认”。\n"
)
BUNDLE_HEADER = (
    "# 由 scripts/import 从投稿包里的“{name}”导入。原文在同名的 .txt 里，一段一行，照原样未改字。\n"
    "# 元数据是投稿人在网站“投稿”页上选定的。\n"
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


# What a value may not hold: C0/C1 controls, line and paragraph separators (YAML reads them as line ends, the
# build refuses them), U+FFFE/U+FFFF.
_UNWRITABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ufffe\uffff]")


def one_line(value: str) -> str:
    """A value for the .yml: what YAML or the build would refuse becomes a space."""
    return re.sub(" {2,}", " ", _UNWRITABLE.sub(" ", value)).strip()


def shown_name(name: str) -> str:
    """A file name for the header comment: what is not printable shown as an escape (a newline would end the
    comment and make the rest of the name YAML)."""
    return "".join(c if c.isprintable() else f"\\u{ord(c):04x}" for c in name)


def scalar(value: str) -> str:
    """value as a YAML scalar: plain when YAML reads it back unchanged, else a JSON (= YAML) string."""
    value = one_line(value)
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


def render_meta(draft: Draft, guesses: dict[str, Guess], slug: str, order: int, how: str = "导入") -> str:
    """The .yml of an imported document (templates_src/samples format, 待确认 where a guess is not certain); `how`:
    导入, or 投稿 for a bundle of the 投稿 page (its metadata confirmed)."""
    out = [(BUNDLE_HEADER if how == "投稿" else HEADER).format(name=shown_name(draft.path.name))]
    title = guesses["标题"]
    out.append(f"slug: {slug}")
    out.append(f"标题: {scalar(title.shown)}")
    out.append(f"顺序: {order}")
    out.append(f"来源: {scalar(how + '：' + shown_name(draft.path.name))}")
    out.append(f"摘要: {scalar(summary_of(draft.lines, title.value))}")
    sector = guesses["行业"]
    out.append(f"行业: {flow_list(sector.value) if sector.certain else scalar(sector.shown)}")
    for key in ("文种", "层级", "地区", "年代"):
        if guesses[key].certain and not guesses[key].value:  # confirmed as not known (a bundle's 地区 left empty)
            continue
        out.append(f"{key}: {scalar(guesses[key].shown)}")
    if draft.notes:
        out.append("注记:")
        for at, kind, text in draft.notes:
            at = min(at, len(draft.lines) - 1)
            out.append(f"  - 位置: p{at + 1}\n    类型: {scalar(kind)}\n    内容: {scalar(text)}")
    else:
        out.append("注记: []")
    meta = "\n".join(out) + "\n"
    parse_yaml(meta, f"{slug}.yml")  # the build's reader accepts it: a SourceError here is a bug, reported, not written
    return meta


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
    whole = False
    try:
        for target, content in targets:
            temp = folder / f".{target.name}.{os.getpid()}.part"
            temps.append(temp)
            with open(temp, "w", encoding="utf-8", newline="\n") as handle:
                handle.write(content)
        with _interrupts_held():
            for (target, _), temp in zip(targets, temps, strict=True):
                os.replace(temp, target)
                placed.append(target)
            whole = True  # still held: a Ctrl-C arrives after this, and the document stays
    except BaseException:
        if not whole:
            for path in [*temps, *placed]:
                path.unlink(missing_ok=True)
        raise


class _interrupts_held:
    """Ctrl-C (SIGINT) held back while the two renames run, delivered right after: the pair is never cut in two.
    The handler is swapped rather than the signal blocked: in a process with other threads the kernel may hand the
    signal to a thread that does not block it. Where handlers cannot be set (not the main thread), the rollback
    above is the safeguard."""

    def __enter__(self):
        self.swapped = self.caught = False
        try:
            self.previous = signal.signal(signal.SIGINT, self._hold)
            self.swapped = True
        except (AttributeError, ValueError, OSError):
            pass
        return self

    def _hold(self, signum, frame):
        self.caught = True

    def __exit__(self, *exc):
        if self.swapped:
            signal.signal(signal.SIGINT, self.previous)
            if self.caught:
                signal.raise_signal(signal.SIGINT)  # now handled as it would have been
        return False
