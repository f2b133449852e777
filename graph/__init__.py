"""Records to RDF, and everything that reads the RDF: store, queries, exports, view, CLI."""
