"""Metadata marked 待确认 (to be confirmed): how a sample's .yml says a value is a guess, and reading it.

The importer (scripts/import) writes a guess it is not sure of as ``待确认：<guess>``, and a value it
could not guess at all as ``待确认``. The build accepts both: the guess is used where it can be (a 行业 / 文种 /
层级 guess only when it is in vocab.yml; 行业 guesses are apart by 、), the sample page says 元数据待确认,
and the maintenance page lists every such sample. Deleting “待确认：” confirms the value.
"""

from __future__ import annotations

PENDING = "待确认"
PENDING_FIELDS = ("标题", "行业", "文种", "层级", "地区", "年代")
_SEPARATORS = ("：", ":")


def split_pending(value) -> tuple[bool, str]:
    """'待确认：X' -> (True, 'X'); '待确认' -> (True, ''); anything else -> (False, value as text)."""
    text = "" if value is None else str(value).strip()
    if not text.startswith(PENDING):
        return False, text
    rest = text[len(PENDING) :].strip()
    if rest[:1] in _SEPARATORS:
        return True, rest[1:].strip()
    return (True, "") if not rest else (False, text)


def take_pending(meta: dict, facets: dict, vocab: dict) -> dict[str, str]:
    """Remove the 待确认 markers from meta (in place) and return field -> guess ('' when none).

    A facet keeps only guesses that are in the vocabulary; a facet left without one is listed nowhere until
    it is confirmed. 标题 keeps its guess (or 待确认 itself when there is none); 地区 and 年代 become the guess.
    """
    pending: dict[str, str] = {}
    for key in PENDING_FIELDS:
        if key not in meta:
            continue
        values = meta[key] if isinstance(meta[key], list) else [meta[key]]
        marked = [split_pending(v) for v in values]
        if not any(is_pending for is_pending, _ in marked):
            continue
        guesses = [g for _, text in marked for g in text.split("、") if g] if key in facets else []
        pending[key] = "、".join(guesses) if key in facets else marked[0][1]
        if key in facets:
            names = {t.name for t in vocab[key]}
            known = [g for g in guesses if g in names]
            meta[key] = known if isinstance(meta[key], list) or len(known) != 1 else known[0]
        elif key == "标题":
            meta[key] = marked[0][1] or PENDING
        else:
            meta[key] = marked[0][1] or None
    return pending
