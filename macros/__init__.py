"""范文库's build code, one subpackage per job.

- sources/  load and validate templates_src/ into one library (no MkDocs import)
- pages/    render the site's pages from the library
- word/     lay out Word (.docx) files in the GB/T 9704 format
- search/   build the exact-phrase search index
- build/    the MkDocs glue: hooks and page macros
"""
