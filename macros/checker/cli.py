"""scripts/check: check drafts from the command line (docs/weihu/tijian.md).

    scripts/check FILE... [--json] [--word-comments OUT.docx] [--word-fixes OUT.docx]

FILE is a .txt (UTF-8, UTF-8 with BOM or GB18030, detected), a .docx (paragraph texts as Word shows them,
automatic numbers included, tracked changes read as accepted), or - for standard input (text). Human
output: one line per finding, `file:line:column: 级别 [rule] message`, then a summary per file. With --json:
the list of findings of the file (for several files, an object mapping each file to its list), each finding
exactly {line, column, end_column, rule, level, message, fix, basis}. Problems reading a file go to standard
error as one line naming the file. Exit status: 0 no 错误, 1 some 错误, 2 some file (a draft, or one of the
rules in templates_src/checker/) could not be read or written.

With one .docx, --word-comments OUT.docx writes a copy of it with every finding as a Word comment (批注) and
--word-fixes OUT.docx a copy with every one-click fix as a tracked change (修订), both by macros/word/annotate.py;
the rest of the file stays as it was. A copy is written whole or not at all.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from macros.checker.engine import MAX_CHARS, Finding, check
from macros.command_line import CommandParser
from macros.sources.decode import decode
from macros.sources.errors import ReadError, SourceError
from macros.sources.library import PROJECT, load_library
from macros.word.annotate import write_comments, write_fixes
from macros.word.read import read_docx

OLD_FORMATS = {".doc": "旧版 Word（.doc）", ".wps": "WPS 文字（.wps）", ".pdf": "PDF", ".odt": "OpenDocument（.odt）"}


class DraftError(ReadError):
    """A draft that cannot be checked: missing, unreadable, an old format, no text, far too long."""


def read_draft(name: str, data: bytes) -> str:
    """The text to check: one line per paragraph. `name` is the file's name ('-' for standard input)."""
    suffix = Path(name).suffix.lower() if name != "-" else ""
    if suffix in OLD_FORMATS:
        raise DraftError(
            name, f"{OLD_FORMATS[suffix]}文件不能直接检查。", "在 Word 或 WPS 里另存为 .docx 或 .txt 再检查。"
        )
    # The readers' errors (macros/word/read.py, macros/sources/decode.py) name the file as given, like ours.
    if suffix == ".docx" or (suffix != ".txt" and data.startswith(b"PK\x03\x04")):
        text = "\n".join(read_docx(data, name, accept_revisions=True).texts())
    else:
        text = decode(data, name)
    if not text.strip(" \t\u3000\n\ufeff"):
        raise DraftError(name, "文件里没有文字，没有可检查的内容。", "确认选对了文件。")
    if len(text) > MAX_CHARS:
        raise DraftError(
            name,
            f"文稿有 {len(text):,} 个字符，超过体检的上限 {MAX_CHARS:,}，不像是一篇文稿。",
            "确认选对了文件；确实很长的，分成几个文件分别检查。",
        )
    return text


def load_draft(name: str) -> bytes:
    if name == "-":
        return sys.stdin.buffer.read()
    path = Path(name)
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise DraftError(name, "文件不存在。", "检查文件名和路径。") from None
    except IsADirectoryError:
        raise DraftError(name, "这是一个文件夹，不是文件。", "给出文件夹里的 .txt 或 .docx 文件。") from None
    except PermissionError:
        raise DraftError(name, "没有读取这个文件的权限。", "换一个有权限的账户，或把文件拷出来再检查。") from None
    except OSError as error:
        raise DraftError(
            name, f"读不出这个文件（{error.strerror}）。", "检查文件是否完整、所在的盘是否可用。"
        ) from None


def human_line(name: str, finding: Finding) -> str:
    fix = "" if finding.fix is None else f"（改为“{finding.fix}”）" if finding.fix else "（删去）"
    return f"{name}:{finding.line}:{finding.column}: {finding.level} [{finding.rule}] {finding.message}{fix}"


def summary(name: str, findings: list[Finding]) -> str:
    errors = sum(f.level == "错误" for f in findings)
    if not findings:
        return f"{name}: 没有发现问题。"
    return f"{name}: 错误 {errors} 处，建议 {len(findings) - errors} 处。"


class CopyError(ReadError):
    """A Word copy that cannot be written where it was asked for."""


def write_copy(name: str, data: bytes, findings: list[Finding], kind: str, out: str) -> str:
    """The copy with comments (批注) or tracked changes (修订) written to out, whole or not at all; the line saying so."""
    date = datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")
    writer = write_comments if kind == "批注" else write_fixes
    written = writer(data, findings, date, name)
    target = Path(out)
    try:
        handle, temporary = tempfile.mkstemp(prefix=".check-", suffix=".docx", dir=target.parent)
        with os.fdopen(handle, "wb") as file:
            file.write(written.data)
        os.chmod(temporary, 0o666 & ~_umask())
        os.replace(temporary, target)
    except OSError as error:
        raise CopyError(
            out, f"写不出这个文件（{error.strerror}）。", "换一个能写的文件夹，或先关掉在 Word 里打开的同名文件。"
        ) from None
    if kind == "批注":
        where = (
            f"，其中 {written.at_paragraph} 处标在段首（文字不在文件正文里，如自动编号、文本框）"
            if written.at_paragraph
            else ""
        )
        return f"{name}: 已另存带批注的副本 {out}：{written.on_text + written.at_paragraph} 处批注{where}。"
    left = f"，{written.left_out} 处改不成修订（在自动编号、文本框或域里），见批注" if written.left_out else ""
    return f"{name}: 已另存带修订的副本 {out}：{written.on_text} 处修订{left}。"


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def main(argv: list[str] | None = None, project: Path = PROJECT) -> int:
    parser = CommandParser(
        "scripts/check",
        "按公文规范检查文稿（序号、标点、数字与日期、用词、结构、占位符），每处问题一行："
        "文件:行:列: 级别 [规则] 说明（改为“…”）。规则见 templates_src/checker/。",
        [
            "scripts/check 文稿.docx 文稿.txt      # 检查两个文件",
            "scripts/check 文稿.txt --json         # 结果写成 JSON，给别的程序用",
            "scripts/check 文稿.docx --word-comments 文稿-批注.docx   # 另存一份把每处结果写成批注的 Word",
        ],
        {0: "没有错误（可能有建议）", 1: "有错误", 2: "有文件读不出来，或规则文件有问题（各一行说明怎么改）"},
    )
    parser.add_argument("files", nargs="+", metavar="FILE", help=".txt、.docx 文件，或 - 表示标准输入")
    parser.add_argument("--json", action="store_true", help="输出 JSON：每条结果一个对象")
    parser.add_argument("--word-comments", metavar="OUT.docx", help="把每一处结果写成批注，另存为这个 Word 文件")
    parser.add_argument("--word-fixes", metavar="OUT.docx", help="把能机械改正的写成修订，另存为这个 Word 文件")
    args = parser.parse_args(argv)
    copies = {"批注": args.word_comments, "修订": args.word_fixes}
    if any(copies.values()) and (len(args.files) != 1 or Path(args.files[0]).suffix.lower() != ".docx"):
        parser.error("--word-comments 和 --word-fixes 只用于一个 .docx 文件")
    try:  # the rules and the phrase bank only: the samples are not needed to check a draft
        ruleset = load_library(project, parts=("checker",)).ruleset
    except SourceError as error:
        print(error, file=sys.stderr)
        return 2
    unreadable = errors = False
    results: dict[str, list[dict]] = {}
    for name in args.files:
        try:
            data = load_draft(name)
            findings = check(read_draft(name, data), ruleset)
            notes = [write_copy(name, data, findings, kind, out) for kind, out in copies.items() if out]
        except ReadError as error:
            print(error, file=sys.stderr)
            unreadable = True
            continue
        errors = errors or any(f.level == "错误" for f in findings)
        if args.json:
            results[name] = [f.as_dict() for f in findings]
        else:
            for finding in findings:
                print(human_line(name, finding))
            print(summary(name, findings))
            for note in notes:
                print(note)
    if args.json:
        shown = next(iter(results.values()), []) if len(args.files) == 1 else results
        print(json.dumps(shown, ensure_ascii=False, indent=1))
    return 2 if unreadable else 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
