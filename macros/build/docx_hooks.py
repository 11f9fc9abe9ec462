"""MkDocs hook: write each sample's .docx into the site, next to its page (macros/downloads.py)."""

from __future__ import annotations

from pathlib import Path

from mkdocs.structure.files import File, Files

from macros.sources.catalog import load_catalog
from macros.word.downloads import sample_docx, sample_docx_uri


def on_files(files: Files, config) -> Files:
    catalog = load_catalog(Path(config.config_file_path).resolve().parent)
    for sample in catalog.samples:
        files.append(
            File.generated(config, sample_docx_uri(sample, config.use_directory_urls), content=sample_docx(sample))
        )
    return files
