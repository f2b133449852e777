"""The union's triples indexed by predicate, updated by difference from one build to the next.

The property graph, the view and the JSON-LD read the union one predicate at a time
(graph/rdf/union_reader.py); indexing 200,000 triples anew costs about a second of Python.
A watching process keeps the index and, per triple, how many graphs hold it: graphs given
back unchanged by the memo (graph/rdf/graph_memo.py) are the very same objects and are
skipped, the others are counted out and in, and only the triples that appear or vanish
enter or leave the index. Each predicate's pairs are then in another order than a fresh
index's; every reader of the index is written for pairs in any order (a store gives them
in its own), which the edit-sequence test holds to byte-identical outputs.

The maps a reader asks for (a predicate's objects by subject, or its subjects by object)
are kept too, once asked, and updated by the same difference; `changed` is that difference,
which lets the property graph (graph/outputs/projection_memo.py) work out again only what
it touched. `generation` counts the updates, so that a reader of `changed` can tell
whether it saw the update before this one.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Set

import pyoxigraph as ox
from paperkg.graph.rdf.terms import Term, Triple

Objects = dict[str, list[Term]]
Subjects = dict[str, list[str]]


class UnionIndex:
    """Predicate IRI -> {(subject IRI, object term)} of the union, kept between builds."""

    def __init__(self) -> None:
        self._graphs: dict[str, Set[Triple]] = {}
        self._holders: dict[Triple, int] = {}
        self._pairs: dict[str, dict[tuple[str, Term], None]] = {}
        self._objects: dict[str, Objects] = {}
        self._subjects: dict[str, Subjects] = {}
        self.changed: list[Triple] = []  # triples that left or entered the union last update
        self.generation = 0

    def __len__(self) -> int:
        """The union's distinct triples, as of the last update."""
        return len(self._holders)

    def update(self, graphs: Mapping[str, Set[Triple]]) -> dict[str, Collection[tuple[str, Term]]]:
        """The union of `graphs` (graph IRI -> its triples) indexed by predicate."""
        holders = self._holders
        out: list[Triple] = []
        into: list[Triple] = []
        for graph, triples in self._graphs.items():
            if graphs.get(graph) is not triples:
                for triple in triples:
                    count = holders[triple] - 1
                    holders[triple] = count
                    if not count:
                        out.append(triple)
        for graph, triples in graphs.items():
            if self._graphs.get(graph) is not triples:
                for triple in triples:
                    count = holders.get(triple, 0) + 1
                    holders[triple] = count
                    if count == 1:
                        into.append(triple)
        gone = [t for t in out if not holders[t]]  # not counted in again by another graph
        for triple in gone:
            del holders[triple]
            self._remove(triple)
        counted_out = set(out)
        new = [t for t in into if t not in counted_out]  # not merely counted out and in again
        for triple in new:
            self._add(triple)
        self._graphs = dict(graphs)
        self.changed = gone + new
        self.generation += 1
        # the pairs themselves, not copies: read before the next update changes them
        return {p: pairs.keys() for p, pairs in self._pairs.items() if pairs}

    def _remove(self, triple: Triple) -> None:
        s, p, o = triple
        del self._pairs[p.value][(s.value, o)]
        objects = self._objects.get(p.value)
        if objects is not None:
            values = objects[s.value]
            values.remove(o)
            if not values:
                del objects[s.value]
        subjects = self._subjects.get(p.value)
        if subjects is not None and isinstance(o, ox.NamedNode):
            values = subjects[o.value]
            values.remove(s.value)
            if not values:
                del subjects[o.value]

    def _add(self, triple: Triple) -> None:
        s, p, o = triple
        self._pairs.setdefault(p.value, {})[(s.value, o)] = None
        objects = self._objects.get(p.value)
        if objects is not None:
            objects.setdefault(s.value, []).append(o)
        subjects = self._subjects.get(p.value)
        if subjects is not None and isinstance(o, ox.NamedNode):
            subjects.setdefault(o.value, []).append(s.value)

    def objects(self, predicate: str) -> Objects:
        """`predicate` as a map from subject to its objects; kept from now on. Read only."""
        found = self._objects.get(predicate)
        if found is None:
            found = self._objects[predicate] = objects_by_subject(self._pairs.get(predicate, ()))
        return found

    def subjects(self, predicate: str) -> Subjects:
        """`predicate` read backwards, from object IRI to subjects; kept from now on."""
        found = self._subjects.get(predicate)
        if found is None:
            found = self._subjects[predicate] = subjects_by_object(self._pairs.get(predicate, ()))
        return found


def objects_by_subject(pairs: Iterable[tuple[str, Term]]) -> Objects:
    """(subject IRI, object) pairs as a map from subject to its objects."""
    out: Objects = {}
    for s, o in pairs:
        out.setdefault(s, []).append(o)
    return out


def subjects_by_object(pairs: Iterable[tuple[str, Term]]) -> Subjects:
    """(subject IRI, object) pairs read backwards: object IRI -> the subjects pointing at it."""
    out: Subjects = {}
    for s, o in pairs:
        if isinstance(o, ox.NamedNode):
            out.setdefault(o.value, []).append(s)
    return out
