"""GraphML for Gephi, yEd and Cytoscape, from the shared property-graph projection."""

from __future__ import annotations

import io
from pathlib import Path

import networkx as nx
from rdflib import Dataset

from .atomic import write_atomic
from .projection import to_networkx


def graphml_bytes(g: nx.MultiDiGraph) -> bytes:
    """Serialise with readable keys and edge ids that yEd keeps (networkx #7732)."""
    copy = g.copy()  # write_graphml pops graph["id"]
    buffer = io.BytesIO()
    nx.write_graphml(copy, buffer, named_key_ids=True, edge_id_from_attribute="id")
    return buffer.getvalue()


def write_graphml(ds: Dataset, path: str | Path) -> Path:
    """Project the dataset and write it as GraphML, atomically."""
    data = graphml_bytes(to_networkx(ds))
    return write_atomic(path, lambda handle: handle.write(data))
