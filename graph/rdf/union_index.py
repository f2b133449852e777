"""The union's triples indexed by predicate, updated by difference from one build to the next.

The property graph, the view and the JSON-LD read the union one predicate at a time
(graph/rdf/union_reader.py); indexing 200,000 triples anew costs about a second of Python.
A watching process keeps the index and, per triple, how many graphs hold it: graphs given
back unchanged by the memo (graph/rdf/graph_memo.py) are the very same objects and are
skipped, the others are counted out and in, and only the triples that appear or vanish
enter or leave the index. Each predicate's pairs are then in another order than a fresh
index's; every reader of the index is written for pairs in any order (a store gives them
in its own), which the edit-sequence test holds to byte-identical outputs.
"""

from __future__ import annotations

from collections.abc import Mapping, Set

from paperkg.graph.rdf.terms import Term, Triple


class UnionIndex:
    """Predicate IRI -> {(subject IRI, object term)} of the union, kept between builds."""

    def __init__(self) -> None:
        self._graphs: dict[str, Set[Triple]] = {}
        self._holders: dict[Triple, int] = {}
        self._pairs: dict[str, dict[tuple[str, Term], None]] = {}

    def update(self, graphs: Mapping[str, Set[Triple]]) -> dict[str, list[tuple[str, Term]]]:
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
        for triple in out:
            if not holders[triple]:  # not counted in again by another graph
                del holders[triple]
                s, p, o = triple
                del self._pairs[p.value][(s.value, o)]
        for triple in into:
            s, p, o = triple
            self._pairs.setdefault(p.value, {})[(s.value, o)] = None
        self._graphs = dict(graphs)
        return {p: list(pairs) for p, pairs in self._pairs.items() if pairs}
