"""The layout: regions per top-level topic, papers in rows under their topic, streets free."""

from __future__ import annotations

import itertools

import networkx as nx
from paperkg.graph.outputs.layout import COLUMN, ROW, layout, map_topics, positions


def _notes(sizes: dict[str, int], wrapper: bool = True) -> nx.MultiDiGraph:
    """Topics 'a', 'a/x', ... with that many papers each, under one wrapping heading."""
    g = nx.MultiDiGraph()
    if wrapper:
        g.add_node("t:root", type="topic", label="Papers")
    for path, n in sorted(sizes.items()):
        g.add_node(f"t:{path}", type="topic", label=path.rsplit("/", 1)[-1])
        up = f"t:{path.rsplit('/', 1)[0]}" if "/" in path else ("t:root" if wrapper else None)
        if up:
            g.add_edge(f"t:{path}", up, key="broader", relation="broader")
        for k in range(n):
            p = f"p:{path}:{k:03d}"
            g.add_node(p, type="paper", label=f"{path} paper {k}", rating=k % 10)
            g.add_edge(p, f"t:{path}", key="subject", relation="subject")
    g.add_node("k:hub", type="technique", label="hub")
    for p in sorted(n for n, a in g.nodes(data=True) if a["type"] == "paper")[::3]:
        g.add_edge(p, "k:hub", key="mentions", relation="mentions")
    return g


def test_the_map_is_the_first_level_under_a_wrapping_heading():
    g = _notes({"a": 2, "a/x": 3, "b": 4, "c/y": 1, "c": 0})
    plan = layout(g)
    assert sorted(r.topic for r in plan.regions) == ["t:a", "t:b", "t:c"]
    assert plan.home["p:a/x:000"] == "t:a/x"
    unwrapped = layout(_notes({"a": 2, "b": 3}, wrapper=False))
    assert sorted(r.topic for r in unwrapped.regions) == ["t:a", "t:b"]


def test_a_top_level_topic_without_papers_gets_no_bubble():
    """No "0 papers" bubble on the map (a vault's tag whose papers all live under other tags);
    the topic filter still lists it. It used to crash the layout."""
    g = _notes({"a": 2, "b": 0})
    plan = layout(g)
    assert sorted(r.topic for r in plan.regions) == ["t:a"]
    assert "t:b" in plan.positions


def test_map_topics_keeps_a_wrapper_that_has_papers_of_its_own():
    children = {None: ["r"], "r": ["a", "b"]}
    assert map_topics({}, children, {"r": ["p"]}) == (["r"], [])
    assert map_topics({}, children, {}) == (["a", "b"], ["r"])


def test_each_paper_is_inside_its_region_and_rows_never_collide():
    g = _notes({"a": 40, "a/x": 7, "b": 3, "c": 120})
    plan = layout(g)
    boxes = {r.topic: r.box for r in plan.regions}
    for paper, topic in plan.home.items():
        region = topic if topic in boxes else "t:" + topic[2:].split("/")[0]
        x0, y0, x1, y1 = boxes[region]
        x, y = plan.positions[paper]
        assert x0 <= x <= x1 and y0 <= y <= y1
    papers = [plan.positions[p] for p in plan.home]
    for (ax, ay), (bx, by) in itertools.combinations(papers, 2):
        # Each title has a slot of COLUMN x ROW to the right of its dot.
        assert abs(ax - bx) >= COLUMN - 1 or abs(ay - by) >= ROW - 1


def test_regions_do_not_overlap_and_techniques_stay_in_the_streets():
    plan = layout(_notes({"a": 30, "b": 12, "c": 5, "d": 60}))
    for r, s in itertools.combinations(plan.regions, 2):
        assert (
            r.box[2] <= s.box[0]
            or s.box[2] <= r.box[0]
            or r.box[3] <= s.box[1]
            or (s.box[3] <= r.box[1])
        )
    x, y = plan.positions["k:hub"]
    assert not any(x0 < x < x1 and y0 < y < y1 for x0, y0, x1, y1 in (r.box for r in plan.regions))
    for r in plan.regions:  # the bubble of the map stays inside its region
        bx, by, radius = r.bubble
        assert r.box[0] <= bx - radius and bx + radius <= r.box[2]


def test_same_graph_same_positions():
    sizes = {"a": 9, "a/x": 4, "b": 2}
    assert positions(_notes(sizes)) == positions(_notes(sizes))
