#!/usr/bin/env python3
"""Import Word and text files into the library: text verbatim, metadata guessed (README: 导入自己的文档).

    .venv/bin/python scripts/import_docs.py PATH... [--into DIR] [--dry-run] [--accept-revisions]

The work is done by macros/importer/ (run.py for this command line).
"""

from __future__ import annotations

import sys

from macros.importer.run import main

if __name__ == "__main__":
    sys.exit(main())
