"""The seed import: splitting, writing and the check mode that exits 1 on drift."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import ROOT

from macros.sources.seeds import split_seed

SEED = ROOT.parent / "shared" / "seeds" / "000_041a31827115f487.txt"
FAKE_SEED = "合集标题\n\n前言:网站推介语。\n\n招商重点工作思路范文1\n\n一、甲\n\n正文**年。\n\n招商重点工作思路范文2\n\n正文二。"


def run_script(*args: str) -> int:
    import importlib.util

    spec = importlib.util.spec_from_file_location("import_seeds", ROOT / "scripts" / "import_seeds.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module, module.main(list(args)) if args else None


def test_split_drops_the_farm_preamble_and_keeps_text_exactly():
    samples = split_seed(FAKE_SEED)
    assert samples == {1: "一、甲\n\n正文**年。\n", 2: "正文二。\n"}


def test_write_then_check_then_drift(tmp_path, monkeypatch):
    seed = tmp_path / "seed.txt"
    seed.write_text(FAKE_SEED, encoding="utf-8")
    module, _ = run_script()
    monkeypatch.setattr(module, "SAMPLES_DIR", tmp_path / "samples")
    monkeypatch.setattr(module, "ROOT", tmp_path)
    assert module.main([str(seed)]) == 0
    assert (tmp_path / "samples" / "fanwen-1.txt").read_text(encoding="utf-8") == "一、甲\n\n正文**年。\n"
    assert module.main(["--check", str(seed)]) == 0
    (tmp_path / "samples" / "fanwen-2.txt").write_text("改过的。\n", encoding="utf-8")
    assert module.main(["--check", str(seed)]) == 1


def test_project_copy_matches_the_seed():
    if not SEED.exists():
        pytest.skip(f"the seed file is not beside this checkout ({SEED})")
    module, code = run_script("--check", str(SEED))
    assert code == 0


def test_every_source_text_has_metadata():
    texts = {p.stem for p in (ROOT / "templates_src" / "samples").glob("*.txt")}
    metas = {p.stem for p in (ROOT / "templates_src" / "samples").glob("*.yml")}
    assert texts == metas and len(texts) >= 6


def test_samples_are_the_seed_paragraphs(catalog):
    """Six samples, and their blocks are the seed's non-empty lines (guards the import, not just the copy)."""
    assert len(catalog.samples) >= 6
    for sample in catalog.samples:
        lines = [ln for ln in Path(sample.text_path).read_text(encoding="utf-8").splitlines() if ln.strip()]
        assert [b.text for b in sample.blocks] == lines
