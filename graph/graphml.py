"""GraphML for Gephi, yEd and Cytoscape, from the shared property-graph projection."""

from __future__ import annotations

import io
from pathlib import Path

import networkx as nx
from rdflib import Dataset

from .atomic import write_atomic
from .projection import to_networkx


def graphml_bytes(g: nx.MultiDiGraph) -> bytes:
    """Serialise with readable keys and one unique id per edge, held only in the XML.

    Each edge's `id` goes into the `<edge id=...>` attribute and not also into a `<data>`
    element: networkx writes multigraph keys as edge ids, and its keys (the relation) repeat,
    which made yEd drop edges (networkx #7732); an `id` data attribute beside the XML id
    made igraph's reader warn and give up the edge ids. networkx reads the file back with
    the same `id` edge attribute, taken from the XML.
    """
    copy = g.__class__()  # a copy also because write_graphml pops graph["id"]
    copy.graph.update(g.graph)
    copy.add_nodes_from(g.nodes(data=True))
    for source, target, key, data in g.edges(keys=True, data=True):
        attrs = {name: value for name, value in data.items() if name != "id"}
        copy.add_edge(source, target, key=data.get("id", f"{source} {key} {target}"), **attrs)
    buffer = io.BytesIO()
    nx.write_graphml(copy, buffer, named_key_ids=True)
    return buffer.getvalue()


def write_graphml(ds: Dataset, path: str | Path) -> Path:
    """Project the dataset and write it as GraphML, atomically."""
    data = graphml_bytes(to_networkx(ds))
    return write_atomic(path, lambda handle: handle.write(data))
