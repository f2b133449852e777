"""Reading notes: Markdown files to paper entries with their lines, links, front matter and tags.

Knows nothing of spaCy or RDF: what it returns is plain records (`paperkg.extract.records`).
"""
