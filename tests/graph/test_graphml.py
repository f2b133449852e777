"""GraphML read by two independent readers, networkx and python-igraph, alike."""

from __future__ import annotations

import warnings

import networkx as nx
import pytest


def test_igraph_reads_the_example_without_warnings_and_with_the_same_counts(example_build):
    igraph = pytest.importorskip("igraph", reason="python-igraph is in the `test` extra")
    path = example_build / "graph.graphml"
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # igraph warned: "already an 'id' edge attribute"
        g = igraph.Graph.Read_GraphML(str(path))
    h = nx.read_graphml(path)
    assert (g.vcount(), g.ecount()) == (h.number_of_nodes(), h.number_of_edges())
    assert g.vcount() > 100 and g.ecount() > 100
    assert sorted(g.vs["id"]) == sorted(h.nodes)
    edges = {(g.vs[e.source]["id"], g.vs[e.target]["id"], e["relation"]) for e in g.es}
    assert edges == {(s, t, data["relation"]) for s, t, data in h.edges(data=True)}


def test_networkx_reads_one_id_per_edge_from_the_xml(example_build):
    h = nx.read_graphml(example_build / "graph.graphml")
    for source, target, data in h.edges(data=True):
        assert data["id"] == f"{source} {data['relation']} {target}"
    assert len({data["id"] for _, _, data in h.edges(data=True)}) == h.number_of_edges()
    text = (example_build / "graph.graphml").read_text("utf-8")
    assert '<key id="id" for="edge"' not in text  # the id is the XML attribute only
