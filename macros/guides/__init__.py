"""写作指南: what the guides, the 功能/技法 pages and the side-by-side outlines show, derived from data.

- prose.py: our own framing text (templates_src/guides/*.yml), loaded and checked;
- derive.py: everything else, computed from the catalog, the annotations and the phrase bank.

No MkDocs here: macros/pages/guides.py renders what this package derives.
"""
