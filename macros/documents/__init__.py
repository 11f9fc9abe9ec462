"""Fixed-layout documents (PDF, OFD): their text as positioned lines, and the paragraphs rebuilt from those lines.

Beside macros/word/ (Word files) and not inside macros/importer/: reading a document is not importing it, and the
draft checker may read these formats too (it must not stand on the importer; tests/test_architecture.py).
"""
