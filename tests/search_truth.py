"""Ground truth for the site search: it lives in macros/search/truth.py so that scripts/bench_library.py uses it too."""

from macros.search.truth import PHRASES, Section, expected, page_sections, site_sections

__all__ = ["PHRASES", "Section", "expected", "page_sections", "site_sections"]
