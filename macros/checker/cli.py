"""scripts/check: check drafts from the command line (README: 公文体检).

    scripts/check FILE... [--json]

FILE is a .txt (UTF-8, UTF-8 with BOM or GB18030, detected), a .docx (paragraph texts as Word shows them,
automatic numbers included, tracked changes read as accepted), or - for standard input (text). Human
output: one line per finding, `file:line:column: 级别 [rule] message`, then a summary per file. With --json:
the list of findings of the file (for several files, an object mapping each file to its list), each finding
exactly {line, column, end_column, rule, level, message, fix, basis}. Problems reading a file go to standard
error as one line naming the file. Exit status: 0 no 错误, 1 some 错误, 2 some file (a draft, or one of the
rules in templates_src/checker/) could not be read.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from macros.checker.engine import MAX_CHARS, Finding, check
from macros.command_line import CommandParser
from macros.sources.decode import decode
from macros.sources.errors import ReadError, SourceError
from macros.sources.library import PROJECT, load_library
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


def _load(name: str) -> bytes:
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


def main(argv: list[str] | None = None, project: Path = PROJECT) -> int:
    parser = CommandParser(
        "scripts/check",
        "按公文规范检查文稿（序号、标点、数字与日期、用词、结构、占位符），每处问题一行："
        "文件:行:列: 级别 [规则] 说明（改为“…”）。规则见 templates_src/checker/。",
        [
            "scripts/check 文稿.docx 文稿.txt      # 检查两个文件",
            "scripts/check 文稿.txt --json         # 结果写成 JSON，给别的程序用",
            "cat 文稿.txt | scripts/check -        # 读标准输入",
        ],
        {0: "没有错误（可能有建议）", 1: "有错误", 2: "有文件读不出来，或规则文件有问题（各一行说明怎么改）"},
    )
    parser.add_argument("files", nargs="+", metavar="FILE", help=".txt、.docx 文件，或 - 表示标准输入")
    parser.add_argument("--json", action="store_true", help="输出 JSON：每条结果一个对象")
    args = parser.parse_args(argv)
    try:  # the rules and the phrase bank only: the samples are not needed to check a draft
        ruleset = load_library(project, parts=("checker",)).ruleset
    except SourceError as error:
        print(error, file=sys.stderr)
        return 2
    unreadable = errors = False
    results: dict[str, list[dict]] = {}
    for name in args.files:
        try:
            findings = check(read_draft(name, _load(name)), ruleset)
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
    if args.json:
        shown = next(iter(results.values()), []) if len(args.files) == 1 else results
        print(json.dumps(shown, ensure_ascii=False, indent=1))
    return 2 if unreadable else 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
