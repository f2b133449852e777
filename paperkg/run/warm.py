"""What a watching process keeps between rebuilds besides the records: each notes file's
named graph (graph/rdf/graph_memo.py), so a save re-states only the files it touched, and
the union's sorted lines (graph/rdf/sorted_union.py), merged with what changed.

A plain `paperkg build` runs once and keeps nothing; `paperkg build --watch` makes one
`WarmBuild` and hands it to every rebuild (paperkg/run/watch.py). Whatever it holds is a
function of its key alone, so a rebuild with it writes the bytes a clean build writes.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from paperkg.graph.rdf.graph_memo import GraphMemo
from paperkg.graph.rdf.sorted_union import SortedUnion


@dataclass
class WarmBuild:
    """The parts of the last build a rebuild may reuse."""

    graphs: GraphMemo = field(default_factory=GraphMemo)
    union: SortedUnion = field(default_factory=SortedUnion)

    def start(self) -> None:
        """A rebuild begins."""
        self.graphs.start()

    def done(self) -> None:
        """The rebuild's outputs are published: what it used is what the next one keeps."""
        self.graphs.done()
