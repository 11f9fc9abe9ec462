"""Sample Word files kept between builds (macros/word/cache.py): served only while their inputs are unchanged."""

from __future__ import annotations

import dataclasses

import pytest

import macros.word.cache as cache
from macros.sources.text_blocks import Block
from macros.word.cache import FOLDER, DocxCache, sample_key
from macros.word.downloads import sample_docx


@pytest.fixture
def sample(catalog):
    return catalog.samples[0]


def test_a_second_build_reads_the_same_bytes_without_laying_out(tmp_path, sample):
    built = []

    def build():
        built.append(1)
        return sample_docx(sample)

    first = DocxCache(tmp_path).get(sample_key(sample), build)
    again = DocxCache(tmp_path)
    assert again.get(sample_key(sample), build) == first == sample_docx(sample)
    assert len(built) == 1 and (again.hits, again.misses) == (1, 0)
    assert (tmp_path / FOLDER / f"{sample_key(sample)}.docx").read_bytes() == first


@pytest.mark.parametrize(
    "change",
    [
        lambda s: dataclasses.replace(s, title=s.title + "（修订）"),
        lambda s: dataclasses.replace(s, blocks=[*s.blocks[:-1], Block(s.blocks[-1].number, s.blocks[-1].text + "。")]),
        lambda s: dataclasses.replace(
            s, blocks=[Block(1, s.blocks[0].text, level=s.blocks[0].level + 1), *s.blocks[1:]]
        ),
    ],
    ids=["title", "text", "heading level"],
)
def test_what_the_file_shows_changes_its_key(sample, change):
    assert sample_key(change(sample)) != sample_key(sample)


def test_what_the_file_does_not_show_keeps_its_key(sample):
    """Metadata that is not in the .docx (summary, facets, notes) does not make it laid out again."""
    changed = dataclasses.replace(sample, summary="另一段摘要", facets={**sample.facets, "层级": ["县"]}, notes=[])
    assert sample_key(changed) == sample_key(sample)


def test_a_change_to_the_layout_code_changes_every_key(sample, tmp_path, monkeypatch):
    before = sample_key(sample)
    word = tmp_path / "word"
    word.mkdir()
    for path in cache.WORD_CODE.glob("*.py"):
        (word / path.name).write_bytes(path.read_bytes())
    monkeypatch.setattr(cache, "WORD_CODE", word)
    cache.layout_version.cache_clear()
    try:
        assert sample_key(sample) == before, "the same code gives the same version"
        (word / "layout.py").write_text((word / "layout.py").read_text("utf-8") + "\n# changed\n", encoding="utf-8")
        cache.layout_version.cache_clear()
        assert sample_key(sample) != before
    finally:
        cache.layout_version.cache_clear()


def test_prune_removes_what_the_build_did_not_use(tmp_path, catalog):
    first, second = catalog.samples[:2]
    old = DocxCache(tmp_path)
    for s in (first, second):
        old.get(sample_key(s), lambda s=s: sample_docx(s))
    (tmp_path / FOLDER / "left-by-a-stopped-build.tmp").write_bytes(b"x")
    (tmp_path / FOLDER / "README.txt").write_text("not ours", encoding="utf-8")
    build = DocxCache(tmp_path)
    build.get(sample_key(first), lambda: pytest.fail("the cached file was laid out again"))
    assert build.prune() == 2
    assert sorted(p.name for p in (tmp_path / FOLDER).iterdir()) == sorted([f"{sample_key(first)}.docx", "README.txt"])


def test_an_empty_entry_is_laid_out_again(tmp_path, sample):
    (tmp_path / FOLDER).mkdir(parents=True)
    (tmp_path / FOLDER / f"{sample_key(sample)}.docx").write_bytes(b"")
    store = DocxCache(tmp_path)
    assert store.get(sample_key(sample), lambda: sample_docx(sample)) == sample_docx(sample)
    assert store.misses == 1


def test_a_folder_that_cannot_be_written_only_costs_speed(tmp_path, sample):
    (tmp_path / ".cache").write_text("a file where the folder should be", encoding="utf-8")
    store = DocxCache(tmp_path)
    assert store.get(sample_key(sample), lambda: sample_docx(sample)) == sample_docx(sample)
    assert store.stored(sample_key(sample), lambda: sample_docx(sample)) == sample_docx(sample)  # bytes, no path
    assert store.prune() == 0


def test_the_build_copies_an_entry_from_its_path(tmp_path, sample):
    """What the build hands MkDocs: the stored entry's path, laid out once."""
    built = []
    first = DocxCache(tmp_path).stored(sample_key(sample), lambda: built.append(1) or sample_docx(sample))
    again = DocxCache(tmp_path).stored(sample_key(sample), lambda: pytest.fail("laid out again"))
    assert first == again == tmp_path / FOLDER / f"{sample_key(sample)}.docx" and built == [1]
    assert again.read_bytes() == sample_docx(sample)
