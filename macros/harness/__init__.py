"""What tests, benchmark scripts and the screenshot script share: never imported by build code.

- project.py            copy the project, run a strict build of a copy
- static_server.py      serve a built folder on 127.0.0.1 (optionally gzipped, counting bytes)
- chromium.py           which Chromium to start, and with which flags
- generated_library.py  a library of any size made from the real samples' paragraphs (scale test, benchmarks)
- search_truth.py       the search's ground truth from built pages, and the phrases searched for

tests/test_architecture.py checks that no module of macros/ outside this package imports it.
"""
