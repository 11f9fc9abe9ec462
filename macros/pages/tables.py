"""A sample's table blocks on its page: consecutive table-row blocks shown as one HTML table."""

from __future__ import annotations

from macros.pages.render import fragment
from macros.sources.text_blocks import Block


def table_rows(blocks: list[Block], first: Block) -> list[Block]:
    """The run of table rows that starts at `first`; empty when `first` continues a run."""
    i = blocks.index(first)
    if i and blocks[i - 1].cells is not None:
        return []
    run = []
    for block in blocks[i:]:
        if block.cells is None:
            break
        run.append(block)
    return run


def table_html(blocks: list[Block], block: Block) -> str:
    """The whole table at its first row (fragments/table.html), '' at the rows after it."""
    rows = table_rows(blocks, block)
    if not rows:
        return ""
    width = max(len(r.cells) for r in rows)
    padded = [{"anchor": r.anchor, "cells": (*r.cells, *[""] * (width - len(r.cells)))} for r in rows]
    return str(fragment("table", rows=padded))
