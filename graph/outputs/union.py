"""The union of a dataset's named graphs as one plain rdflib graph, for rdflib's own tools.

SHACL validation (pyshacl) and the export of a dataset not held in Oxigraph read an
in-memory rdflib graph; the build's own exports never go through here (serialize.py).
"""

from __future__ import annotations

from paperkg.graph.rdf.namespaces import bind_prefixes
from rdflib import Dataset, Graph, Literal
from rdflib.namespace import XSD


def plain_literal(term):
    """RDF 1.1 makes "x" and "x"^^xsd:string one term; Oxigraph returns the typed spelling,
    rdflib prints it in full. Exports use the short one."""
    if isinstance(term, Literal) and term.datatype == XSD.string:
        return Literal(str(term))
    return term


def union_graph(ds: Dataset) -> Graph:
    """All triples of all named graphs as one plain in-memory graph."""
    g = Graph()
    bind_prefixes(g)
    result = ds.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }").graph
    g += ((s, p, plain_literal(o)) for s, p, o in result)
    return g
