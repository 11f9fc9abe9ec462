"""The argument parser of the commands a person runs (scripts/check, scripts/import, scripts/fill), in Chinese.

argparse speaks English: its usage line, section titles, help option and error messages. Here the help reads
用法/参数/选项, ends with real examples and the exit codes, and argparse's own errors (a missing or unknown
argument …) are said in Chinese on one line that ends with where to read the help; the exit status stays 2.
"""

from __future__ import annotations

import argparse
import re
import sys

# argparse's messages (Python 3.11–3.13) -> ours; a message not listed is shown as argparse wrote it.
_ERRORS = (
    (r"the following arguments are required: (.+)", "缺少参数 {0}"),
    (r"unrecognized arguments: (.+)", "不认识的参数 {0}"),
    (r"argument (\S+): expected one argument", "参数 {0} 后面要写一个值"),
    (r"argument (\S+): expected at least one argument", "参数 {0} 后面至少要写一个值"),
    (r"argument (\S+): not allowed with argument (\S+)", "参数 {0} 和 {1} 不能同时用"),
    (r"argument (\S+): ignored explicit argument (.+)", "参数 {0} 不带值，多写了 {1}"),
    (r"argument (\S+): invalid choice: (.+?) \(choose from (.+)\)", "参数 {0} 不能是 {1}，只能是 {2}"),
    (r"one of the arguments (.+) is required", "要写其中一个参数：{0}"),
    (r"ambiguous option: (\S+) could match (.+)", "选项 {0} 不完整，可能是 {1}"),
)


def chinese(message: str) -> str:
    for pattern, text in _ERRORS:
        match = re.fullmatch(pattern, message)
        if match:
            return text.format(*match.groups())
    return message


class _Formatter(argparse.RawDescriptionHelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None):
        return super().add_usage(usage, actions, groups, "用法：")


class CommandParser(argparse.ArgumentParser):
    """An ArgumentParser whose help and errors are in Chinese; `examples` and `exit_codes` end the help."""

    def __init__(self, prog: str, description: str, examples: list[str], exit_codes: dict[int, str]):
        epilog = "例子：\n" + "\n".join(f"  {example}" for example in examples)
        epilog += "\n\n退出码：\n" + "\n".join(f"  {code}  {meaning}" for code, meaning in exit_codes.items())
        super().__init__(prog=prog, description=description, epilog=epilog, formatter_class=_Formatter, add_help=False)
        self._positionals.title = "参数"
        self._optionals.title = "选项"
        self.add_argument("-h", "--help", action="help", help="显示这段说明（用法、例子、退出码）")

    def error(self, message: str):
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: {chinese(message)}。运行 {self.prog} --help 看说明和例子。\n")
