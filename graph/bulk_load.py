"""Bulk loading of built triples into the Oxigraph store, without rdflib's per-term overhead.

oxrdflib's `addN` converts every rdflib term with a chain of Python checks (including an
rdflib `==` against the default graph id for each one) and Oxigraph then writes through a
transaction: on a 5,000-paper archive that was most of the RDF stage. Here each distinct
IRI and literal is converted once (a build repeats the same predicates, classes and paper
IRIs thousands of times) and the quads go in one `bulk_extend` call. Stores that are not
Oxigraph get rdflib's `addN`.
"""

from __future__ import annotations

from collections.abc import Iterable

import pyoxigraph as ox
from rdflib import Dataset, Literal, URIRef
from rdflib.graph import Graph

Quad = tuple[URIRef, URIRef, URIRef | Literal, Graph]


class _Terms:
    """rdflib terms to Oxigraph terms, each distinct one converted once.

    Keyed by plain strings: rdflib's own `__eq__`/`__hash__` run in Python and cost more
    than the conversion they would save.
    """

    def __init__(self) -> None:
        self.nodes: dict[str, ox.NamedNode] = {}
        self.literals: dict[tuple[str, str, str], ox.Literal] = {}

    def __call__(self, term):
        if isinstance(term, URIRef):
            iri = str(term)
            node = self.nodes.get(iri)
            if node is None:
                node = self.nodes[iri] = ox.NamedNode(iri)
            return node
        if isinstance(term, Literal):
            key = (str(term), str(term.datatype or ""), term.language or "")
            lit = self.literals.get(key)
            if lit is None:
                lit = self.literals[key] = self._literal(*key)
            return lit
        raise TypeError(f"cannot bulk load {term!r}: paperkg mints no blank nodes")

    def _literal(self, value: str, datatype: str, language: str) -> ox.Literal:
        if language:
            return ox.Literal(value, language=language)
        if datatype:
            return ox.Literal(value, datatype=self(URIRef(datatype)))
        return ox.Literal(value)


def add_quads(ds: Dataset, quads: Iterable[Quad]) -> None:
    """Add (s, p, o, graph) quads to the dataset, in one Oxigraph write when it is Oxigraph."""
    store = getattr(ds.store, "_inner", None)
    if not isinstance(store, ox.Store):
        ds.addN(quads)
        return
    term = _Terms()
    # bulk_extend skips the transaction: 3x faster, and a build writes a staged store that
    # nobody reads until it is complete (graph/store.py swaps it in afterwards)
    store.bulk_extend(
        [ox.Quad(term(s), term(p), term(o), term(g.identifier)) for s, p, o, g in quads]
    )
