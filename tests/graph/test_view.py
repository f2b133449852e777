"""The HTML view as text: self-contained, deterministic, data escaped, CSP tight."""

from __future__ import annotations

import base64
import hashlib
import json
import re
from html import unescape

import networkx as nx
from paperkg.graph.outputs.layout import positions
from paperkg.graph.outputs.view import render_view, view_data

HOSTILE = "<img src=x onerror=alert(1)></script><script>alert(2)</script>&amp;'"
SCRIPT = re.compile(r"<script([^>]*)>(.*?)</script>", re.S)


def _graph(papers: int = 3) -> nx.MultiDiGraph:
    g = nx.MultiDiGraph()
    g.add_node("t:root", type="topic", label=HOSTILE, path="root")
    g.add_node("t:leaf", type="topic", label="Leaf", path="root/leaf")
    g.add_edge("t:leaf", "t:root", key="broader", relation="broader")
    g.add_node("k:clip", type="technique", label="CLIP", alt_labels="clip model")
    for i in range(papers):
        p = f"p:{i:05d}"
        g.add_node(
            p,
            type="paper",
            label=f"Paper {i} {HOSTILE}",
            title=f"Paper {i} {HOSTILE}",
            rating=i % 11,
            best_rating=10,
            starred=i % 3 == 0,
            notes=f"n.md:{i + 1}",
            comment=HOSTILE,
            url="https://example.org/" + str(i),
        )
        g.add_edge(p, "t:leaf" if i % 2 else "t:root", key="subject", relation="subject")
        g.add_edge(p, "k:clip", key="mentions", relation="mentions")
    return g


def test_same_graph_same_bytes():
    assert render_view(_graph()) == render_view(_graph())
    assert positions(_graph(50)) == positions(_graph(50))


def test_notes_text_never_appears_as_markup():
    html = render_view(_graph())
    assert "<img" not in html and "onerror=alert(1)>" not in html
    scripts = SCRIPT.findall(html)
    assert len(scripts) == 3  # the JSON data, vis-network, the view
    attrs, payload = scripts[0]
    assert 'type="application/json"' in attrs
    data = json.loads(payload)
    labels = {n["id"]: n["label"] for n in data["nodes"]}
    assert labels["t:root"] == HOSTILE  # intact once parsed
    assert "</script" not in payload and "<" not in payload


def test_the_view_js_builds_no_html_from_strings():
    from paperkg.graph.outputs.view import _asset

    js = _asset("view.js")
    assert not re.search(r"innerHTML|outerHTML|insertAdjacentHTML|document\.write|eval\(", js)


def test_nothing_is_fetched_and_only_own_scripts_may_run():
    html = render_view(_graph())
    assert not re.search(r"<(link|img|iframe|object|embed)\b", html)
    assert not re.search(r"<script[^>]*\bsrc=", html)
    assert "@import" not in html and "url(http" not in html
    meta = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', html)
    csp = unescape(meta.group(1))
    assert "default-src 'none'" in csp
    script_src = re.search(r"script-src ([^;]+)", csp).group(1)
    assert "unsafe" not in script_src
    for _attrs, body in SCRIPT.findall(html)[1:]:
        digest = base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in script_src


def test_big_graphs_get_a_position_per_paper_and_a_region_per_top_topic():
    big = view_data(_graph(700))
    spots = {(n["x"], n["y"]) for n in big["nodes"] if n["type"] == "paper"}
    assert len(spots) == 700  # no two papers on one spot
    ids = [n["id"] for n in big["nodes"]]
    # The one root heading has papers of its own, so it is the map (with "Leaf" inside it).
    assert [r[0] for r in big["regions"]] == [ids.index("t:root")]
    homes = {big["nodes"][n["home"]]["id"] for n in big["nodes"] if n["type"] == "paper"}
    assert homes == {"t:root", "t:leaf"}


def test_every_node_edge_and_mention_is_passed():
    g = _graph(4)
    mentions = {"p:00001": [{"target": "k:clip", "part": "comment", "line": 2, "surface": "clip"}]}
    data = view_data(g, mentions)
    assert [n["id"] for n in data["nodes"]] == sorted(g.nodes)
    assert len(data["edges"]) == g.number_of_edges()
    ids = [n["id"] for n in data["nodes"]]
    assert data["mentions"] == [[ids.index("p:00001"), ids.index("k:clip"), "comment", 2, "clip"]]
