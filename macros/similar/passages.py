"""The paragraphs 同类写法 compares: every sample's paragraphs that say enough to be compared.

Headings, table rows and lines shorter than MIN_CHARS (同志们：, a date, a signature) are left out: what they share
with other documents is their form, not their wording.
"""

from __future__ import annotations

from dataclasses import dataclass

MIN_CHARS = 16


@dataclass(frozen=True)
class Passage:
    slug: str  # the sample's
    number: int  # the paragraph's number in it (its anchor is p<number>)
    text: str

    @property
    def anchor(self) -> str:
        return f"p{self.number}"


def library_passages(samples) -> list[Passage]:
    return [
        Passage(sample.slug, block.number, block.text)
        for sample in samples
        for block in sample.blocks
        if not block.is_heading and block.cells is None and len(block.text) >= MIN_CHARS
    ]
