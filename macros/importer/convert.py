"""Old and other word-processor formats (.doc, .wps, .odt, .rtf) turned into .docx by LibreOffice, headless.

All the files of one import go through a single LibreOffice run (starting it takes seconds), each copied
under a numbered name first so files of the same name in different folders cannot overwrite each other's
output. LibreOffice runs with a profile of its own in the temporary folder, so it works while a desktop
LibreOffice is open and leaves the user's settings alone. It runs in a process group of its own, with one time
limit for the whole run: a LibreOffice that hangs is stopped with everything it started, and each file says so.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from macros.sources.errors import ReadError

CONVERTIBLE = {".doc", ".wps", ".odt", ".rtf", ".dot", ".wpt"}
# One limit for the whole run: starting LibreOffice takes seconds, a page of text well under one.
TIMEOUT_SECONDS = 60
SECONDS_PER_FILE = 5
MAX_TIMEOUT_SECONDS = 600
INSTALL_HINT = (
    "在 Debian/Ubuntu 上安装：sudo apt-get install libreoffice-writer-nogui（scripts/ensure-office.sh 以 root 运行会自动装）；"
    "或在 Word/WPS 里把它另存为 .docx 再导入。"
)


class ConversionError(ReadError):
    """LibreOffice is missing, or could not turn the file into .docx."""


def soffice() -> str | None:
    """The LibreOffice program: $SOFFICE when set (an empty value means none), else soffice on PATH."""
    if "SOFFICE" in os.environ:
        return os.environ["SOFFICE"] or None
    return shutil.which("soffice") or shutil.which("libreoffice")


def _run_group(command: list[str], timeout: float) -> bool:
    """Run command in a process group of its own; False when it ran out of time (the whole group is killed then:
    LibreOffice starts a helper process that would keep running after its parent)."""
    process = subprocess.Popen(
        command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
    )
    try:
        process.wait(timeout=timeout)
        return True
    except subprocess.TimeoutExpired:
        return False
    finally:  # also on Ctrl-C: nothing of LibreOffice outlives the import
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def convert_to_docx(paths: list[Path]) -> dict[Path, bytes | ConversionError]:
    """path -> the .docx bytes LibreOffice made of it, or the error saying why there are none."""
    if not paths:
        return {}
    program = soffice()
    if program is None:
        return {
            p: ConversionError(
                p, f"导入 {p.suffix} 文件要用 LibreOffice 转换，本机没有找到 LibreOffice（soffice）。", INSTALL_HINT
            )
            for p in paths
        }
    results: dict[Path, bytes | ConversionError] = {}
    with tempfile.TemporaryDirectory(prefix="fanwenku-convert-") as work:
        work_dir = Path(work)
        (work_dir / "in").mkdir()
        inputs = []
        for i, path in enumerate(paths):
            copy = work_dir / "in" / f"{i}{path.suffix.lower()}"
            shutil.copyfile(path, copy)
            inputs.append(copy)
        command = [
            program,
            "--headless",
            "--norestore",
            f"-env:UserInstallation={(work_dir / 'profile').as_uri()}",
            "--convert-to",
            "docx:MS Word 2007 XML",
            "--outdir",
            str(work_dir / "out"),
            *map(str, inputs),
        ]
        timeout = min(TIMEOUT_SECONDS + SECONDS_PER_FILE * len(paths), MAX_TIMEOUT_SECONDS)
        try:
            finished = _run_group(command, timeout)
        except OSError as error:
            return {
                p: ConversionError(p, f"LibreOffice（{program}）启动不了（{error.strerror}）。", INSTALL_HINT)
                for p in paths
            }
        if not finished:
            return {
                p: ConversionError(
                    p,
                    f"LibreOffice 在 {timeout} 秒内没有转换完这一批 {len(paths)} 个文件，已把它停下。",
                    "用 Word 或 WPS 把它另存为 .docx 再导入；或少放几个旧格式文件，分几次导入。",
                )
                for p in paths
            }
        for i, path in enumerate(paths):
            out = work_dir / "out" / f"{i}.docx"
            if out.is_file() and out.stat().st_size:
                results[path] = out.read_bytes()
            else:
                results[path] = ConversionError(
                    path,
                    "LibreOffice 没能把它转成 .docx（文件可能已损坏、设了密码，或不是文字处理文件）。",
                    "用 Word 或 WPS 打开它，另存为 .docx 再导入。",
                )
    return results
