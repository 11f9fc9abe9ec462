"""MkDocs hook: write each sample's .docx into the site, next to its page (macros/downloads.py)."""

from __future__ import annotations

import sys
from pathlib import Path

# MkDocs loads this file by path; the macros package sits one folder up, at the project root.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from mkdocs.structure.files import File, Files  # noqa: E402

from macros.catalog import load_catalog  # noqa: E402
from macros.downloads import sample_docx, sample_docx_uri  # noqa: E402


def on_files(files: Files, config) -> Files:
    catalog = load_catalog(Path(config.config_file_path).resolve().parent)
    for sample in catalog.samples:
        files.append(
            File.generated(config, sample_docx_uri(sample, config.use_directory_urls), content=sample_docx(sample))
        )
    return files
