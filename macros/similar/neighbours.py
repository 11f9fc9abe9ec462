"""The most similar paragraphs of other documents, for every paragraph of the library (docs/weihu/tonglei.md).

A paragraph is the set of its character pairs (bigrams) after the search's folding (macros/search/index.py fold:
NFKC, lower case), punctuation and spaces left out: the same keys the search index is built from. Pairs are weighted
by TF-IDF (a pair few paragraphs share says more than one most share) and a paragraph's weights are scaled to length
one, so two paragraphs' similarity is the cosine of their vectors, between 0 and 1.

Nothing compares all pairs of paragraphs: a pair found in more than MAX_DF_SHARE of the paragraphs (at least
MIN_MAX_DF, at most MAX_MAX_DF) is left out of the vectors, so the product of the paragraph matrix with its
transpose, taken a block of rows at a time, only meets paragraphs that share a rarer pair, at most MAX_MAX_DF of them
per pair: its work grows with the library, not its square.
Paragraphs with the same text after folding are one entry (the copies are counted: 另有 N 处相同); a neighbour at
or above NEAR_COPY is a near-copy (近乎相同). scripts/bench_similar.py measures quality and time.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

from macros.search.index import fold
from macros.similar.passages import Passage

NEIGHBOURS = 5  # per paragraph
NEAR_COPY = 0.8  # cosine from which a neighbour reads as the same paragraph lightly edited (bench_similar.py)
MAX_DF_SHARE = 0.002  # a pair in more paragraphs than this share of them narrows nothing down
MIN_MAX_DF = 40
MAX_MAX_DF = 200  # and never more than this many: the work per paragraph stays bounded however large the library
BLOCK_ROWS = 2048  # rows of the similarity product computed at a time
# The characters compared: CJK ideographs, letters and digits (after folding); punctuation and spaces say nothing.
NOT_KEY = re.compile(r"[^\u3400-\u4dbf\u4e00-\u9fffa-z0-9]")


def max_df(n: int) -> int:
    """In how many of n texts a pair may be and still narrow things down."""
    return min(MAX_MAX_DF, max(MIN_MAX_DF, int(n * MAX_DF_SHARE)))


def key_text(text: str) -> str:
    return NOT_KEY.sub("", fold(text))


@dataclass(frozen=True)
class Neighbour:
    passage: int  # index of the neighbour (one occurrence, in another document) in the passages
    score: float  # cosine, 0..1
    near: bool  # a near-copy (score >= NEAR_COPY)
    identical: bool  # the same text after folding
    copies: int  # further occurrences of the neighbour's text in other documents (另有 N 处相同)


def bigram_rows(texts: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """(row, bigram code) of every distinct character pair of each text, vectorised: all texts joined with a
    separator, pairs across a separator dropped."""
    if not texts:
        return np.zeros(0, np.int64), np.zeros(0, np.uint64)
    joined = "\0".join(texts) + "\0"
    points = np.frombuffer(joined.encode("utf-32-le"), dtype="<u4").astype(np.uint64)
    rows = np.cumsum(points == 0) - (points == 0)  # the text each position belongs to
    pairs = points[:-1] * 0x110000 + points[1:]
    ok = (points[:-1] != 0) & (points[1:] != 0)
    rows, pairs = rows[:-1][ok], pairs[ok]
    combined = distinct(rows.astype(np.uint64) << np.uint64(41) | pairs)  # distinct pairs per text
    return (combined >> np.uint64(41)).astype(np.int64), combined & np.uint64((1 << 41) - 1)


def distinct(values: np.ndarray) -> np.ndarray:
    """The sorted distinct values (np.unique hashes unsigned integers, several times slower here)."""
    values = np.sort(values)
    return values[np.concatenate(([True], values[1:] != values[:-1]))] if len(values) else values


class Vectors:
    """TF-IDF vectors of texts' bigram keys, the vocabulary and weights fixed by the texts it was made from."""

    def __init__(self, keys: list[str]):
        rows, codes = bigram_rows(keys)
        self.vocabulary = distinct(codes)
        columns = np.searchsorted(self.vocabulary, codes)
        n = len(keys)
        df = np.bincount(columns, minlength=len(self.vocabulary))
        self.idf = np.where(df <= max_df(n), np.log((n + 1) / (df + 1)) + 1, 0).astype(np.float32)
        self.matrix = self._weighted(rows, columns, n)

    def _weighted(self, rows: np.ndarray, columns: np.ndarray, n: int) -> sp.csr_matrix:
        weights = self.idf[columns]
        matrix = sp.csr_matrix((weights, (rows, columns)), shape=(n, len(self.vocabulary)))
        matrix.eliminate_zeros()
        norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
        norms[norms == 0] = 1
        return (sp.diags(1 / norms) @ matrix).tocsr()

    def transform(self, keys: list[str]) -> sp.csr_matrix:
        """Vectors of other texts in this space (pairs the library does not have are left out)."""
        rows, codes = bigram_rows(keys)
        at = np.searchsorted(self.vocabulary, codes)
        known = (at < len(self.vocabulary)) & (self.vocabulary[np.minimum(at, len(self.vocabulary) - 1)] == codes)
        return self._weighted(rows[known], at[known], len(keys))


def ranked(query: sp.csr_matrix, library: sp.csr_matrix, keep: int) -> list[tuple[np.ndarray, np.ndarray]]:
    """For each query row, the library rows it shares a kept pair with, best first (at most keep): (rows, scores)."""
    out = []
    transposed = library.T.tocsr()
    for start in range(0, query.shape[0], BLOCK_ROWS):
        block = (query[start : start + BLOCK_ROWS] @ transposed).tocsr()
        for r in range(block.shape[0]):
            a, b = block.indptr[r], block.indptr[r + 1]
            columns, scores = block.indices[a:b], block.data[a:b]
            if len(scores) > keep:
                top = np.argpartition(-scores, keep)[:keep]
                columns, scores = columns[top], scores[top]
            order = np.lexsort((columns, -scores))  # best first; ties by position, so every run agrees
            out.append((columns[order], scores[order]))
    return out


def neighbours(passages: list[Passage], top: int = NEIGHBOURS) -> list[list[Neighbour]]:
    """For each passage, its most similar passages in other documents, best first (see the module docstring)."""
    keys = [key_text(p.text) for p in passages]
    unique: dict[str, int] = {}
    group = [unique.setdefault(k, len(unique)) for k in keys]
    copies = Copies(passages, group, len(unique))
    vectors = Vectors(list(unique))
    candidates = ranked(vectors.matrix, vectors.matrix, keep=3 * top + 1)
    out: list[list[Neighbour]] = []
    for index, passage in enumerate(passages):
        u = group[index]
        found: list[Neighbour] = []
        same = copies.elsewhere(u, passage.slug)
        if same:
            found.append(Neighbour(same[0], 1.0, True, True, same[1] - 1))
        for v, score in zip(*candidates[u], strict=True):
            if len(found) >= top:
                break
            if v == u:
                continue
            elsewhere = copies.elsewhere(v, passage.slug)
            if elsewhere:
                value = round(float(score), 3)
                found.append(Neighbour(elsewhere[0], value, value >= NEAR_COPY, False, elsewhere[1] - 1))
        out.append(found)
    return out


class Copies:
    """Where each distinct text occurs: for a text and a document, one occurrence outside the document and how
    many there are, without walking every occurrence (a text a generated library repeats a thousand times)."""

    def __init__(self, passages: list[Passage], group: list[int], count: int):
        self.passages = passages
        self.first: list[int] = [-1] * count  # each text's first occurrence
        # Only for texts that occur more than once: occurrences per document, and each document's first one
        self.documents: dict[int, Counter] = {}
        self.firsts: dict[int, dict[str, int]] = {}
        for index, u in enumerate(group):
            if self.first[u] < 0:
                self.first[u] = index
                continue
            if u not in self.documents:
                first = self.first[u]
                self.documents[u] = Counter([passages[first].slug])
                self.firsts[u] = {passages[first].slug: first}
            self.documents[u][passages[index].slug] += 1
            self.firsts[u].setdefault(passages[index].slug, index)

    def elsewhere(self, u: int, slug: str) -> tuple[int, int] | None:
        """(an occurrence of text u outside document slug, how many there are), or None."""
        first = self.first[u]
        if u not in self.documents:
            return None if self.passages[first].slug == slug else (first, 1)
        counts = self.documents[u]
        total = sum(counts.values()) - counts.get(slug, 0)
        if not total:
            return None
        if self.passages[first].slug != slug:
            return first, total
        return next(i for d, i in self.firsts[u].items() if d != slug), total


def similar_to(drafts: list[str], passages: list[Passage], top: int = NEIGHBOURS) -> list[list[Neighbour]]:
    """For each draft paragraph, the most similar passages of the library (a draft is in no document of it), near-
    copies first. A draft paragraph is a near-copy of a passage when their cosine reaches NEAR_COPY, or when as much
    of the draft paragraph's weight lies in pairs the passage has too (a sentence copied out of a longer paragraph)."""
    keys = [key_text(p.text) for p in passages]
    counts = Counter(keys)
    vectors = Vectors(keys)
    query = vectors.transform([key_text(d) for d in drafts])
    candidates = ranked(query, vectors.matrix, keep=3 * top + 1)
    out = []
    for r, (draft, (rows, scores)) in enumerate(zip(drafts, candidates, strict=True)):
        weight = query[r].multiply(query[r])  # the draft paragraph's weight per pair (its squares sum to 1)
        contained = (vectors.matrix[rows] != 0).astype(np.float32) @ weight.T  # how much of it each passage holds
        contained = np.asarray(contained.todense()).ravel() if sp.issparse(contained) else np.ravel(contained)
        found: list[Neighbour] = []
        seen: set[str] = set()
        for row, score, share in zip(rows, scores, contained, strict=True):
            text = keys[row]
            if text in seen:
                continue  # one entry per text: its copies are counted
            seen.add(text)
            value = round(float(score), 3)
            identical = text == key_text(draft)
            near = identical or value >= NEAR_COPY or float(share) >= NEAR_COPY
            found.append(Neighbour(int(row), 1.0 if identical else value, near, identical, counts[text] - 1))
            if len(found) >= top:
                break
        found.sort(key=lambda n: (not n.near, -n.score))  # near-copies first
        out.append(found)
    return out
