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


def add_quads(ds: Dataset, quads: Iterable[Quad], union: bool = False) -> None:
    """Add (s, p, o, graph) quads to the dataset, in one Oxigraph write when it is Oxigraph.

    `union=True` also writes each distinct triple once into the default graph and queries
    that from then on (see `materialise_union`): for a build, whose quads are the whole store.
    """
    store = getattr(ds.store, "_inner", None)
    if not isinstance(store, ox.Store):
        ds.addN(quads)
        return
    term = _Terms()
    named: list[ox.Quad] = []
    merged: list[ox.Quad] = []
    seen: set[tuple[int, int, int]] = set()
    default = ox.DefaultGraph()
    for s, p, o, g in quads:
        a, b, c = term(s), term(p), term(o)
        named.append(ox.Quad(a, b, c, term(g.identifier)))
        key = (id(a), id(b), id(c))  # equal terms are one cached object
        if union and key not in seen:
            seen.add(key)
            merged.append(ox.Quad(a, b, c, default))
    if union:
        store.remove_graph(default)
    # bulk_extend skips the transaction: 3x faster, and a build writes a staged store that
    # nobody reads until it is complete (graph/store.py swaps it in afterwards)
    store.bulk_extend(named + merged)
    if union:
        ds.default_union = False


def materialise_union(ds: Dataset) -> None:
    """Copy every distinct triple of the named graphs into the default graph, and query that.

    Oxigraph's union-of-named-graphs mode returns a solution once per graph holding the
    triple (every notes file repeats its topics) and evaluates property paths per graph:
    at 10x the example notes `topic-tree` took 63 s and `top-rated` listed each paper 10
    times; on the deduplicated default graph, 0.15 s and once. Named graphs stay as they
    are (one per notes file, for push and incremental builds); the default graph is the
    RDF merge of them, rewritten by every build. Non-Oxigraph datasets keep union mode.
    """
    store = getattr(ds.store, "_inner", None)
    if not isinstance(store, ox.Store):
        return
    store.remove_graph(ox.DefaultGraph())
    triples = {q.triple for q in store.quads_for_pattern(None, None, None, None)}
    store.bulk_extend(
        [ox.Quad(t.subject, t.predicate, t.object, ox.DefaultGraph()) for t in triples]
    )
    ds.default_union = False


def has_materialised_union(ds: Dataset) -> bool:
    """Whether a build wrote the union into the default graph (stores before it did not)."""
    store = getattr(ds.store, "_inner", None)
    if not isinstance(store, ox.Store):
        return False
    return (
        next(iter(store.quads_for_pattern(None, None, None, ox.DefaultGraph())), None) is not None
    )
