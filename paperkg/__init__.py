"""paperkg: Markdown reading notes to a knowledge graph.

The code lives in two rooms, `paperkg.extract` (Markdown to records) and `paperkg.graph`
(records to RDF and everything that reads RDF); this package only names the whole.
"""

__version__ = "0.1.0"
