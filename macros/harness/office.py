"""LibreOffice, headless, as an office converts and re-saves files: what the PDF benchmark and the tests of PDF import
and of the review spreadsheet share."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path


def convert(paths: list[Path], to: str, out: Path, timeout: float = 600) -> list[Path]:
    """Each file converted by LibreOffice into `out` (`to`: a format with its filter, "pdf" or
    "xlsx:Calc MS Excel 2007 XML"), with a profile of its own there; the files made, in the order given."""
    soffice = shutil.which("soffice")
    assert soffice, "LibreOffice is needed: run scripts/ensure-office.sh"
    out.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [
            soffice,
            "--headless",
            f"-env:UserInstallation={(out / 'lo-profile').as_uri()}",
            "--convert-to",
            to,
            "--outdir",
            str(out),
            *map(str, paths),
        ],
        check=True,
        capture_output=True,
        timeout=timeout,
    )
    made = [out / f"{path.stem}.{to.split(':')[0]}" for path in paths]
    missing = [path.name for path in made if not path.is_file()]
    assert not missing, f"LibreOffice did not make {missing} (is its Writer or Calc installed?)"
    return made
