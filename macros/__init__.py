"""范文库's build code, one subpackage per job.

- sources/   load and validate all of templates_src/ into one Library; the site's URL folders (no MkDocs import)
- pages/     render the site's pages from the Library (Jinja fragments with autoescape, one link helper)
- word/      lay out Word (.docx) files in the GB/T 9704 format
- search/    build the sharded exact-phrase search index
- checker/   the draft checker (公文体检): the Python engine and its command line (the rules are data, in sources/)
- guides/    the writing guides (写作指南) derived from the annotations
- importer/  import Word and text files into templates_src/samples/
- build/     the MkDocs glue: the one build plugin, page macros, the folder build, safe publishing
- harness/   what tests, benchmarks and the screenshot script share (never imported by the build)
"""
