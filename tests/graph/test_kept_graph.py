"""A watch's kept property graph, patched from one projection to the next, is the graph a
fresh build makes of the last one: the same nodes, attributes in the same order and of the
same types, each node's out-edges in the same order, and the same GraphML bytes
(graph/outputs/kept_graph.py, graph/outputs/graphml.py `kept_graphml_bytes`)."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from paperkg.graph.outputs.graphml import KeptElements, graphml_bytes, kept_graphml_pieces
from paperkg.graph.outputs.kept_graph import KeptGraph
from paperkg.graph.outputs.projection import Projection, graph_of, order_key

POOL = [f"https://ex.org/n/{c}" for c in "abcdefgh"]
RELATIONS = ["subject", "mentions", "related", "improves_on"]

values = st.one_of(
    st.sampled_from([True, False, 1, 0, 7, 7.0]), st.text("xy&<\n", min_size=1, max_size=3)
)
attributes = st.builds(
    lambda kind, rest: {"type": kind, **rest} if kind else rest,
    st.sampled_from(["paper", "topic", "technique", "work", None]),
    st.dictionaries(st.sampled_from(["label", "rating", "tags"]), values),
)
edge_lists = st.lists(
    st.tuples(st.sampled_from([*POOL, "https://ex.org/n/elsewhere"]), st.sampled_from(RELATIONS)),
    max_size=4,
    unique_by=lambda e: e[0],
).map(sorted)
node_tables = st.lists(st.tuples(st.sampled_from(POOL), attributes), unique_by=lambda n: n[0])
edge_tables = st.dictionaries(st.sampled_from(POOL), edge_lists)
# a step may keep the last step's nodes or edges (as a save changes one or the other)
steps = st.tuples(st.one_of(st.none(), node_tables), st.one_of(st.none(), edge_tables))


def _projections(drawn, in_order: bool) -> list[Projection]:
    """The projections of the steps; `in_order`: nodes in the order `project` gives."""
    made: list[Projection] = []
    for nodes, edges in drawn:
        last = made[-1] if made else Projection({}, {})
        if nodes is not None and in_order:
            nodes = sorted(nodes, key=lambda n: order_key(*n))
        made.append(
            Projection(
                dict(nodes) if nodes is not None else dict(last.nodes),
                dict(sorted(edges.items())) if edges is not None else dict(last.edges),
            )
        )
    return made


def _reusing(previous: Projection | None, new: Projection, keep: list[bool]) -> Projection:
    """`new`, with the very objects of `previous` where they are equal (as the projection
    memo hands back what it kept): the kept graph must not trust identity blindly."""
    if previous is None:
        return new
    nodes = {
        n: previous.nodes[n] if keep[i % len(keep)] and previous.nodes.get(n) == a else a
        for i, (n, a) in enumerate(new.nodes.items())
    }
    edges = {
        s: previous.edges[s] if keep[i % len(keep)] and previous.edges.get(s) == e else e
        for i, (s, e) in enumerate(new.edges.items())
    }
    return Projection(nodes, edges)


def _same_graph(kept, fresh) -> None:
    assert sorted(kept.nodes) == sorted(fresh.nodes)
    for node in fresh.nodes:
        a, b = kept.nodes[node], fresh.nodes[node]
        assert list(a.items()) == list(b.items())
        assert [type(v) for v in a.values()] == [type(v) for v in b.values()]
        assert list(kept.out_edges(node, keys=True, data=True)) == list(
            fresh.out_edges(node, keys=True, data=True)
        )
    assert sorted(kept.edges(keys=True)) == sorted(fresh.edges(keys=True))


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(steps, min_size=1, max_size=6),
    st.lists(st.booleans(), min_size=1),
    st.sampled_from([True, True, True, False]),
)
def test_a_patched_graph_is_the_fresh_graph_of_the_same_projection(drawn, keep, in_order):
    kept, memo, previous = KeptGraph(), KeptElements(), None
    for step in _projections(drawn, in_order):
        projection = _reusing(previous, step, keep)
        changes = kept.update(projection)
        fresh = graph_of(projection)
        _same_graph(kept.graph, fresh)
        assert kept.order == list(fresh.nodes)
        assert b"".join(kept_graphml_pieces(kept, changes, memo)) == graphml_bytes(fresh)
        previous = projection


def test_a_patch_reports_only_what_it_touched():
    a, b, c = POOL[:3]
    first = Projection({a: {"type": "paper"}, b: {"type": "topic"}}, {a: [(b, "subject")]})
    kept = KeptGraph()
    assert kept.update(first).nodes is None  # the first graph: everything is new
    second = Projection(
        {a: first.nodes[a], b: {"type": "topic"}, c: {"type": "work"}},
        {a: [(b, "subject"), (c, "related")]},
    )
    changes = kept.update(second)
    assert changes.nodes == {c}
    assert changes.sources == {a}
    third = Projection({a: {"type": "paper", "rating": 1}, c: second.nodes[c]}, second.edges)
    changes = kept.update(third)
    assert changes.nodes == {a, b}  # a's attributes changed, b is gone
    assert changes.sources == {a}  # a lost its edge to b
    assert list(kept.graph.out_edges(a)) == [(a, c)]


def test_true_and_one_are_told_apart():
    a = POOL[0]
    kept, memo = KeptGraph(), KeptElements()
    kept.update(Projection({a: {"starred": True}}, {}))
    changes = kept.update(Projection({a: {"starred": 1}}, {}))
    assert changes.nodes == {a}
    assert b'<data key="starred">1</data>' in b"".join(kept_graphml_pieces(kept, changes, memo))


def test_an_unchanged_source_gets_its_edge_to_a_node_that_came_in_order():
    a, b, c = POOL[:3]
    edges = {a: [(b, "related"), (c, "related")]}
    kept = KeptGraph()
    kept.update(Projection({a: {}, c: {}}, edges))
    changes = kept.update(Projection({a: {}, b: {}, c: {}}, dict(edges)))  # the same list
    assert changes.sources == {a}
    assert list(kept.graph.out_edges(a)) == [(a, b), (a, c)]  # b before c, as a fresh graph
