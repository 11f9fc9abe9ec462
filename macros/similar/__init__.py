"""同类写法: for every paragraph of the library, the most similar paragraphs of other documents, and for a draft,
where its paragraphs were written before.

- passages.py   the paragraphs compared: every sample's paragraphs long enough to say something
- neighbours.py character-bigram TF-IDF over them, candidates from the rarer bigrams, top N per paragraph
- publish.py    the data a sample page fetches on the first click, a small file per page part
- cli.py        scripts/similar: a draft's paragraphs against the library
"""
