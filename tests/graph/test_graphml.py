"""GraphML read by two independent readers, networkx and python-igraph, alike."""

from __future__ import annotations

import warnings

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from paperkg.graph.outputs.graphml import graphml_bytes, networkx_graphml_bytes


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


# -- the writer spells out what networkx writes -----------------------------------------

names = st.sampled_from(["a", "b&c", 'q"uote', "x<y>", "tab\there", "line\nbreak", "ü"])
texts = st.text(st.characters(blacklist_categories=("Cs",)), max_size=8)
values = st.one_of(texts, st.integers(-5, 10**12), st.booleans(), st.floats(allow_nan=False))


@st.composite
def graphs(draw):
    g = nx.MultiDiGraph()
    nodes = draw(st.lists(texts, unique=True, max_size=8))
    for node in nodes:
        g.add_node(node, **draw(st.dictionaries(names, values, max_size=4)))
    for _ in range(draw(st.integers(0, 12)) if nodes else 0):
        source, target = draw(st.sampled_from(nodes)), draw(st.sampled_from(nodes))
        attrs = draw(st.dictionaries(names, values, max_size=3))
        if draw(st.booleans()):
            attrs["id"] = draw(texts)
        g.add_edge(source, target, key=draw(st.sampled_from(["r", "s"])), **attrs)
    return g


@given(graphs())
@settings(max_examples=300, deadline=None, database=None)
def test_graphml_bytes_are_what_networkx_writes(g):
    assert graphml_bytes(g) == networkx_graphml_bytes(g)


def test_the_example_graphml_is_what_networkx_writes(example_build):
    from paperkg.graph.outputs.projection import to_networkx
    from paperkg.graph.store.disk import load_store

    ds = load_store(example_build, read_only=True)
    g = to_networkx(ds)
    assert graphml_bytes(g) == networkx_graphml_bytes(g)
    assert graphml_bytes(g) == (example_build / "graph.graphml").read_bytes()
