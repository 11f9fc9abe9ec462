"""Import Word and text files into templates_src/samples/: readers, metadata guesses, writing (no MkDocs)."""
