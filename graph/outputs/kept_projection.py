"""The property graph a watch keeps from one rebuild to the next, and what a rebuild changed.

A watch writes its GraphML and view from the projection (projection.py, `project`) without
ever making the networkx graph: adding 16,000 edges to a new graph cost a save 0.3 s at
5,000 papers, and patching one graph in place left its objects strewn over the heap, which
made the view read it at half speed. A rebuild hands the new projection to the
`KeptProjection`, which says which nodes' attributes and which sources' edges (as a graph
of it holds them) differ from the last one's (`GraphChanges`): the GraphML writer spells
again only those elements (graphml.py, `KeptElements`).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from itertools import pairwise

from paperkg.graph.outputs.projection import (
    EdgeLists,
    Nodes,
    Projection,
    order_key,
    same_attributes,
)


@dataclass(frozen=True)
class GraphChanges:
    """What changed: nodes added, removed or with other attributes; sources whose edges in a
    graph of the projection are not what they were. None: everything (a watch's first)."""

    nodes: frozenset[str] | None
    sources: frozenset[str] | None


@dataclass
class KeptProjection:
    """The projection of a watch's last rebuild."""

    nodes: Nodes = field(default_factory=dict)
    edges: EdgeLists = field(default_factory=dict)
    # whether the nodes are sorted by `order_key`, as `project` gives them (the GraphML kept
    # in chunks relies on it; a projection made otherwise is written whole)
    in_order: bool = True
    # target -> the sources with an edge to it, also where the target is no node (yet)
    _pointing: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    _fresh: bool = True

    @property
    def projection(self) -> Projection:
        return Projection(self.nodes, self.edges)

    def update(self, projection: Projection) -> GraphChanges:
        """Keep `projection`; what changed since the last."""
        keys = [order_key(n, a) for n, a in projection.nodes.items()]
        self.in_order = all(a < b for a, b in pairwise(keys))
        try:
            changes = self._changes(projection)
        except BaseException:
            self._fresh = True  # half updated: the next rebuild starts anew
            raise
        self.nodes, self.edges, self._fresh = projection.nodes, projection.edges, False
        return changes

    def _changes(self, projection: Projection) -> GraphChanges:
        new, edges = projection.nodes, projection.edges
        if self._fresh:
            self._pointing = defaultdict(set)
            for source, targets in edges.items():
                for target, _ in targets:
                    self._pointing[target].add(source)
            return GraphChanges(None, None)
        old = self.nodes
        came_or_gone = old.keys() ^ new.keys()
        changed = set(came_or_gone)
        changed.update(n for n, a in new.items() if n in old and not same_attributes(old[n], a))
        relisted = set(self.edges.keys() ^ edges.keys())
        relisted.update(
            s for s, e in edges.items() if s in self.edges and e is not self.edges[s]
            and e != self.edges[s]
        )  # fmt: skip
        for source in relisted:
            for target, _ in self.edges.get(source, ()):
                self._pointing[target].discard(source)
            for target, _ in edges.get(source, ()):
                self._pointing[target].add(source)
        sources = relisted | came_or_gone
        for node in came_or_gone:  # an edge to it appears or goes
            sources.update(self._pointing.get(node, ()))
        return GraphChanges(frozenset(changed), frozenset(sources))
