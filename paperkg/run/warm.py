"""What a watching process keeps between rebuilds besides the records: each notes file's
named graph (graph/rdf/graph_memo.py), so a save re-states only the files it touched, and
the union's sorted lines (graph/rdf/sorted_union.py), merged with what changed, its index
by predicate (graph/rdf/union_index.py), each paper's part of the property graph
(graph/outputs/projection_memo.py), the projection itself, to tell what each rebuild changed
(graph/outputs/kept_projection.py), each node's part of the view's JSON
(graph/outputs/view_json.py), and the GraphML elements spelled last
(graph/outputs/graphml.py), each subject's Turtle statement and JSON-LD node
(graph/outputs/turtle_blocks.py, jsonld_nodes.py), and the store it published
(graph/store/patch.py).

A plain `paperkg build` runs once and keeps nothing; `paperkg build --watch` makes one
`WarmBuild` and hands it to every rebuild (paperkg/run/watch.py). Whatever it holds is a
function of its key alone, so a rebuild with it writes the bytes a clean build writes.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from paperkg.graph.outputs.graphml import KeptElements
from paperkg.graph.outputs.jsonld_nodes import JsonldNodes
from paperkg.graph.outputs.kept_projection import KeptProjection
from paperkg.graph.outputs.projection_memo import ProjectionMemo
from paperkg.graph.outputs.turtle_blocks import TurtleBlocks
from paperkg.graph.outputs.view_json import NodeTexts
from paperkg.graph.rdf.graph_memo import GraphMemo
from paperkg.graph.rdf.sorted_union import SortedUnion
from paperkg.graph.rdf.union_index import UnionIndex
from paperkg.graph.store.disk import store_identity, store_path

if TYPE_CHECKING:
    from paperkg.run.store_loader import PatchLoader


@dataclass(frozen=True)
class PublishedStore:
    """The store the last build of this watch published, and the graphs' lines it holds."""

    identity: tuple[int, int, int]
    graphs: Mapping[str, Sequence[str]]


@dataclass
class WarmBuild:
    """The parts of the last build a rebuild may reuse."""

    graphs: GraphMemo = field(default_factory=GraphMemo)
    union: SortedUnion = field(default_factory=SortedUnion)
    index: UnionIndex = field(default_factory=UnionIndex)
    projection: ProjectionMemo = field(default_factory=ProjectionMemo)
    kept: KeptProjection = field(default_factory=KeptProjection)
    view_nodes: NodeTexts = field(default_factory=NodeTexts)
    elements: KeptElements = field(default_factory=KeptElements)
    turtle: TurtleBlocks = field(default_factory=TurtleBlocks)
    jsonld: JsonldNodes = field(default_factory=JsonldNodes)
    published: PublishedStore | None = None

    def start(self) -> None:
        """A rebuild begins."""
        self.graphs.start()

    def patcher(self, out: str | Path, path: Path) -> PatchLoader | None:
        """A loader patching the published store into `path`, when this watch published it,
        nothing changed it since, and the sorted union still holds its graphs (a rebuild
        that failed after sorting leaves another difference: the next one loads whole)."""
        from paperkg.run.store_loader import PatchLoader

        published = self.published
        if published is None or store_identity(out) != published.identity:
            return None
        if self.union.graphs is not published.graphs:
            return None
        return PatchLoader(path, store_path(out))

    def delta(self, current: Mapping[str, Sequence[str]]) -> str:
        """The SPARQL update from the published store to the build just sorted."""
        from paperkg.graph.store.patch import graph_delta

        assert self.published is not None and self.union.previous is self.published.graphs
        return graph_delta(self.published.graphs, current, self.union.gone, self.union.added)

    def done(self, out: str | Path) -> None:
        """The rebuild's outputs are published: what it used is what the next one keeps."""
        self.graphs.done()
        identity = store_identity(out)
        self.published = None if identity is None else PublishedStore(identity, self.union.graphs)
