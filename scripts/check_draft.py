#!/usr/bin/env python3
"""Check drafts against the written 公文 norms (README: 公文体检).

    .venv/bin/python scripts/check_draft.py FILE... [--json]

FILE: .txt (UTF-8, UTF-8 with BOM, GB18030), .docx, or - for standard input. Exit 0: no 错误; 1: some 错误;
2: a file could not be read. The work is done by macros/checker/ (cli.py for this command line).
"""

from __future__ import annotations

import sys

from macros.checker.cli import main

if __name__ == "__main__":
    sys.exit(main())
