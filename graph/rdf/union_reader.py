"""Whole predicates of the union graph, read straight from Oxigraph's indexes.

The property graph (graph/outputs/projection.py) needs a handful of properties of every node. Read
one predicate at a time, the work is one index scan per property, linear in the graph: a
SPARQL query joining them (one row per paper and note, with several multi-valued OPTIONALs)
multiplies rows for a paper noted many times, and rdflib's term conversion of each cell
cost more than the query. Terms come back as pyoxigraph terms.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping

import pyoxigraph as ox
from paperkg.graph.rdf.union_index import UnionIndex, objects_by_subject, subjects_by_object

from paperkg.prefixes import NAMESPACES

_XSD_STRING = NAMESPACES["xsd"] + "string"

Term = ox.NamedNode | ox.Literal


def oxigraph_store(source) -> ox.Store | None:
    """The pyoxigraph store behind `source`: a store itself, or an rdflib Dataset on oxrdflib."""
    if isinstance(source, ox.Store):
        return source
    inner = getattr(getattr(source, "store", None), "_inner", None)
    return inner if isinstance(inner, ox.Store) else None


def _ox_term(term) -> Term:
    """An rdflib term as the pyoxigraph term of the same value."""
    from rdflib import Literal

    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        datatype = term.datatype or _XSD_STRING
        return ox.Literal(str(term), datatype=ox.NamedNode(str(datatype)))
    return ox.NamedNode(str(term))


class UnionReader:
    """(subject, object) pairs of one predicate over the union of all graphs, each once.

    `source` is a build's own triples (a set of pyoxigraph term triples, graph/rdf/build.py),
    read without a store; or a pyoxigraph store or an rdflib Dataset. A build writes the
    union into the default graph (graph/store/bulk_load.py), so on its stores a predicate is one
    scan of the default graph; older stores and other rdflib stores are read over all
    graphs and deduplicated.
    """

    def __new__(cls, source):
        if isinstance(source, UnionReader):
            return source  # one index serves the property graph and the view alike
        return super().__new__(cls)

    def __init__(self, source) -> None:
        if source is self:
            return
        self._source = source
        self._store = oxigraph_store(source)
        self._default_only = False
        self._by_predicate: dict[str, list[tuple[str, Term]]] | None = None
        self.kept: UnionIndex | None = None
        self._maps: dict[tuple[str, str], dict] = {}  # objects and subjects, once asked
        if isinstance(source, set | frozenset | list | tuple):
            self._by_predicate = defaultdict(list)
            names: dict[ox.NamedNode, str] = {}  # one str per subject, not one per triple
            for s, p, o in source:
                name = names.get(s)
                if name is None:
                    name = names[s] = s.value
                self._by_predicate[p.value].append((name, o))
        if self._store is not None:
            default = ox.DefaultGraph()
            first = next(iter(self._store.quads_for_pattern(None, None, None, default)), None)
            self._default_only = first is not None

    @classmethod
    def from_index(cls, kept: UnionIndex, graphs: Mapping) -> UnionReader:
        """A reader of a build's own triples whose index a watch keeps from one build to the
        next (graph/rdf/union_index.py), updated here to `graphs`; its maps are the kept
        ones, and `kept.changed` says what this build changed."""
        reader = object.__new__(cls)
        reader._source, reader._store, reader._default_only = None, None, False
        reader._by_predicate = kept.update(graphs)
        reader.kept, reader._maps = kept, {}
        return reader

    def index(self) -> Mapping[str, list[tuple[str, Term]]] | None:
        """Every predicate's (subject, object) pairs, when read from a build's own triples
        (graph/outputs/jsonld.py writes from it); None when read from a store."""
        return self._by_predicate

    def pairs(self, predicate: str) -> Iterator[tuple[str, Term]]:
        """Each (subject IRI, object term) of `predicate`, once."""
        if self._by_predicate is not None:
            yield from self._by_predicate.get(predicate, ())
            return
        if self._store is None:
            yield from self._rdflib_pairs(predicate)
            return
        if self._default_only:
            quads = self._store.quads_for_pattern(
                None, ox.NamedNode(predicate), None, ox.DefaultGraph()
            )
            for quad in quads:
                yield quad.subject.value, quad.object
            return
        seen: set[tuple[str, Term]] = set()
        for quad in self._store.quads_for_pattern(None, ox.NamedNode(predicate), None, None):
            pair = (quad.subject.value, quad.object)
            if pair not in seen:
                seen.add(pair)
                yield pair

    def _rdflib_pairs(self, predicate: str) -> Iterator[tuple[str, Term]]:
        from rdflib import URIRef

        seen: set[tuple[str, Term]] = set()
        for s, _, o in self._source.triples((None, URIRef(predicate), None)):
            pair = (str(s), _ox_term(o))
            if pair not in seen:
                seen.add(pair)
                yield pair

    def objects(self, predicate: str) -> dict[str, list[Term]]:
        """`predicate` as a map from subject to its objects, made once. Read only."""
        if self.kept is not None:
            return self.kept.objects(predicate)
        return self._map(predicate, objects_by_subject)

    def subjects(self, predicate: str) -> dict[str, list[str]]:
        """`predicate` read backwards: from each object IRI to the subjects pointing at it,
        made once. Read only."""
        if self.kept is not None:
            return self.kept.subjects(predicate)
        return self._map(predicate, subjects_by_object)

    def _map(self, predicate: str, make: Callable[[Iterable], dict]) -> dict:
        found = self._maps.get((make.__name__, predicate))
        if found is None:
            found = self._maps[make.__name__, predicate] = make(self.pairs(predicate))
        return found
