"""Language processing: the spaCy pipeline over entries, the technique vocabulary, named works,
relation cues and cross-references between entries.

Reads entries that `paperkg.extract.reading` made; never opens a notes file itself.
"""
