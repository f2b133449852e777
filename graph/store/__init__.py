"""The Oxigraph store a build leaves on disk, and everything that queries it: SPARQL with saved
queries, typed rows, the catalog of papers, techniques and topics."""
