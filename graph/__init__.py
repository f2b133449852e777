"""Records to RDF, and everything that reads the RDF: the store and its queries, servers,
exports and the view (ARCHITECTURE.md: rdf below store below outputs and remote)."""
