"""写作指南: what the guides, the 功能/技法 pages and the side-by-side outlines show, derived from data.

derive.py computes it from the library: the samples, their annotations, the phrase bank, the draft checker's
rules, and our own framing text (templates_src/guides/, loaded and checked with the rest of the library by
macros/sources/guide_prose.py).

No MkDocs here: macros/pages/guides.py renders what this package derives.
"""
