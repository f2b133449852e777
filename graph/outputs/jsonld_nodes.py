"""The JSON-LD file of a watch's rebuild, made from the last one's node objects by difference.

The document (graph/outputs/jsonld.py) is one node object per subject, each the text of that
subject's triples alone, sorted by @id. A watching process keeps each subject's text, as
UTF-8, in that order and, after a save, writes again only those of subjects that gained or
lost a line (`SortedUnion.touched`), from their lines in the sorted union, parsed back by
Oxigraph; the file is written from the pieces, never joined into one string. After any
update but the one right after the last seen, every node is written anew.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import pyoxigraph as ox
from paperkg.graph.outputs.chunked import ChunkedPieces
from paperkg.graph.outputs.jsonld import NodeWriter, jsonld_frame
from paperkg.graph.rdf.sorted_union import SortedUnion

Node = tuple[str, str, bytes]  # compact @id, node text (the sort key), the text as UTF-8


def _index(lines: list[str]) -> dict[str, list[tuple[str, object]]]:
    """ "s p o" lines as the by-predicate index `NodeWriter.texts` reads."""
    nt = (" .\n".join(lines) + " .\n").encode("utf-8")
    index: dict[str, list[tuple[str, object]]] = {}
    for t in ox.parse(nt, format=ox.RdfFormat.N_TRIPLES):
        index.setdefault(t.predicate.value, []).append((t.subject.value, t.object))
    return index


def _nodes(writer: NodeWriter, index: Mapping) -> dict[str, Node]:
    """Subject as spelled in N-Triples -> its node."""
    return {
        str(ox.NamedNode(s)): (node_id, text, text.encode("utf-8"))
        for s, (node_id, text) in writer.texts(index).items()
    }


class JsonldNodes:
    """Each subject's node object as the last build wrote it, and all of them in order."""

    def __init__(self) -> None:
        self._writer: NodeWriter | None = None
        self._prefixes: dict[str, str] = {}
        self._nodes: dict[str, Node] = {}
        self._order = ChunkedPieces(separator=b",\n")  # the node texts, sorted by node
        self._generation = -1
        self._fresh_size = 0  # the pieces its writer held when it wrote every node

    def pieces(self, union: SortedUnion, index: Mapping, prefixes: Mapping[str, str]) -> list:
        """The JSON-LD of the union `union` sorted for this build, whose `index` by
        predicate the build holds, as UTF-8 pieces to write one after the other."""
        if (
            self._writer is None
            or dict(prefixes) != self._prefixes
            or self._generation != union.generation - 1
            or self._writer.size() > 2 * self._fresh_size  # a long watch's terms, long gone
        ):
            self._writer, self._prefixes = NodeWriter(prefixes), dict(prefixes)
            self._nodes = _nodes(self._writer, index)
            self._order.replace(_items(self._nodes.values()))
            self._fresh_size = self._writer.size()
        else:
            self._update(union)
        self._generation = union.generation
        head, _, tail = jsonld_frame(prefixes, not self._nodes)
        return [head.encode("utf-8"), *self._order.joined(), tail.encode("utf-8")]

    def _update(self, union: SortedUnion) -> None:
        assert self._writer is not None
        runs = union.runs(sorted(union.touched()))
        gone = [node for node in (self._nodes.pop(s, None) for s in runs) if node is not None]
        alive = [line for run in runs.values() for line in run]
        made = _nodes(self._writer, _index(alive)) if alive else {}
        self._nodes.update(made)
        self._order.remove(node[:2] for node in gone)
        self._order.add(_items(made.values()))


def _items(nodes: Iterable[Node]) -> list:
    """Nodes as ChunkedPieces items: sorted by (compact @id, text), as the document is."""
    return [(node[:2], node[2], ()) for node in nodes]
