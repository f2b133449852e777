"""A watch keeps its last projection (graph/outputs/kept_projection.py) and writes its GraphML
by difference from what a rebuild changed: the bytes a fresh graph of the new projection
gives (graphml.py, `kept_graphml_pieces`); and the view of a projection is the view of a
networkx graph of it (a watch makes none)."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from paperkg.graph.outputs.graphml import KeptElements, graphml_bytes, kept_graphml_pieces
from paperkg.graph.outputs.kept_projection import KeptProjection
from paperkg.graph.outputs.projection import Projection, graph_of, order_key
from paperkg.graph.outputs.view import render_view, view_data

POOL = [f"https://ex.org/n/{c}" for c in "abcdefgh"]
RELATIONS = ["subject", "mentions", "related", "improves_on"]

values = st.one_of(
    st.sampled_from([True, False, 1, 0, 7, 7.0]), st.text("xy&<\n", min_size=1, max_size=3)
)
attributes = st.builds(
    lambda kind, rest, rating: {
        **({"type": kind} if kind else {}),
        **rest,
        **({"rating": rating} if rating is not None else {}),
    },
    st.sampled_from(["paper", "topic", "technique", "work", None]),
    st.dictionaries(st.sampled_from(["label", "starred", "tags"]), values),
    st.one_of(st.none(), st.sampled_from([1, 7, 7.0, True])),
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


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(steps, min_size=1, max_size=6),
    st.lists(st.booleans(), min_size=1),
    st.sampled_from([True, True, True, False]),
)
def test_graphml_by_difference_is_that_of_a_fresh_graph(drawn, keep, in_order):
    kept, memo, previous = KeptProjection(), KeptElements(), None
    for step in _projections(drawn, in_order):
        projection = _reusing(previous, step, keep)
        changes = kept.update(projection)
        fresh = graph_of(projection)
        assert b"".join(kept_graphml_pieces(kept, changes, memo)) == graphml_bytes(fresh)
        previous = projection


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(node_tables, edge_tables)
def test_the_view_of_a_projection_is_that_of_its_graph(nodes, edges):
    projection = Projection(dict(nodes), dict(sorted(edges.items())))
    g = graph_of(projection)
    assert view_data(projection) == view_data(g)
    assert render_view(projection) == render_view(g)


def test_a_patch_reports_only_what_it_touched():
    a, b, c = POOL[:3]
    first = Projection({a: {"type": "paper"}, b: {"type": "topic"}}, {a: [(b, "subject")]})
    kept = KeptProjection()
    assert kept.update(first).nodes is None  # the first graph: everything is new
    second = Projection(
        {a: first.nodes[a], b: {"type": "topic"}, c: {"type": "work"}},
        {a: [(b, "subject"), (c, "related")]},
    )
    changes = kept.update(second)
    assert changes.nodes == {c}
    assert changes.sources == {a, c}  # a's edge to c came; c's own edges came with it
    third = Projection({a: {"type": "paper", "rating": 1}, c: second.nodes[c]}, second.edges)
    changes = kept.update(third)
    assert changes.nodes == {a, b}  # a's attributes changed, b is gone
    assert changes.sources == {a, b}  # a lost its edge to b; b's went with it


def test_true_and_one_are_told_apart():
    a = POOL[0]
    kept, memo = KeptProjection(), KeptElements()
    kept.update(Projection({a: {"starred": True}}, {}))
    changes = kept.update(Projection({a: {"starred": 1}}, {}))
    assert changes.nodes == {a}
    assert b'<data key="starred">1</data>' in b"".join(kept_graphml_pieces(kept, changes, memo))


def test_an_unchanged_source_whose_target_came_is_spelled_again():
    a, b, c = POOL[:3]
    edges = {a: [(b, "related"), (c, "related")]}
    kept, memo = KeptProjection(), KeptElements()
    kept_graphml_pieces(kept, kept.update(Projection({a: {}, c: {}}, edges)), memo)
    now = Projection({a: {}, b: {}, c: {}}, dict(edges))  # the same list: b became a node
    changes = kept.update(now)
    assert changes.sources == {a, b}
    assert b"".join(kept_graphml_pieces(kept, changes, memo)) == graphml_bytes(graph_of(now))
