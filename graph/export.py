"""RDF exports: Turtle, JSON-LD, N-Triples and N-Quads of the built graph.

Each format is one function from a dataset to a file, written atomically; the output is
sorted so the same notes give byte-identical files.
"""

from __future__ import annotations

from pathlib import Path

from rdflib import Dataset, Graph, Literal
from rdflib.namespace import XSD

from . import serialize
from .atomic import write_text_atomic
from .namespaces import PREFIXES, bind_prefixes


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


def _prefixes() -> dict[str, str]:
    return {prefix: str(ns) for prefix, ns in PREFIXES.items()}


def turtle_text(ds: Dataset) -> str:
    # Oxigraph writes the sorted triples (graph/serialize.py): rdflib's writer took minutes at scale
    return serialize.turtle_bytes(serialize.sorted_ntriples(ds), _prefixes()).decode("utf-8")


def ntriples_text(ds: Dataset) -> str:
    return serialize.sorted_ntriples(ds).decode("utf-8")


def nquads_text(ds: Dataset) -> str:
    fast = serialize.sorted_nquads(ds)  # named graphs only: the default graph is their union
    if fast is not None:
        return fast.decode("utf-8")
    lines = ds.serialize(format="nquads").splitlines()
    return "\n".join(sorted(line for line in lines if line.strip())) + "\n"


def jsonld_text(ds: Dataset) -> str:
    # compacted in one pass over the sorted triples (graph/serialize.py), not by rdflib's writer
    return serialize.jsonld_text(serialize.sorted_ntriples(ds), _prefixes())


FORMATS = {
    "turtle": (turtle_text, "graph.ttl"),
    "jsonld": (jsonld_text, "graph.jsonld"),
    "ntriples": (ntriples_text, "graph.nt"),
    "nquads": (nquads_text, "graph.nq"),
}


def export_rdf(ds: Dataset, fmt: str, path: str | Path) -> Path:
    """Write the dataset in `fmt` ("turtle", "jsonld", "ntriples", "nquads") to `path`."""
    render, _ = FORMATS[fmt]
    return write_text_atomic(path, render(ds))
