"""The one error type of the importer's readers: a file that cannot be read, with what is wrong and the fix.

No MkDocs import here (the importer runs outside a build). Its message is one line, naming the file:
``<file>: <problem> 修改方法：<fix>``.
"""

from __future__ import annotations

from pathlib import Path


class ReadError(ValueError):
    """A file the importer cannot read as a document."""

    def __init__(self, path: Path | str, problem: str, fix: str):
        self.path = str(path)
        self.problem = problem
        self.fix = fix
        super().__init__(f"{self.path}: {problem} 修改方法：{fix}")


class CorruptDocxError(ReadError):
    """Not a readable .docx: not a zip, cut short, a part missing or not well-formed XML, or an old .doc."""


class EncryptedDocxError(ReadError):
    """A .docx protected by an open password (stored as an OLE/CFB file with an EncryptionInfo stream)."""


class TrackedChangesError(ReadError):
    """A .docx with tracked insertions or deletions that were not accepted (read with accept_revisions=True)."""


class TextDecodeError(ReadError):
    """A text file in an encoding the importer does not read, with mixed encodings, or too large."""
