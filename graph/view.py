"""The HTML view: one self-contained page drawing the graph with vis-network (pyvis).

pyvis's own template loads Bootstrap from a CDN and routes tooltips through innerHTML
(PITFALLS.md), so the page uses the project's template and passes all data as JSON.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path

import jinja2
import networkx as nx
import pyvis
from rdflib import Dataset

from .atomic import write_text_atomic
from .projection import to_networkx

COLOURS = {"paper": "#4e79a7", "topic": "#f28e2b", "technique": "#59a14f", "work": "#b07aa1"}
SHAPES = {"paper": "dot", "topic": "box", "technique": "diamond", "work": "triangle"}


@cache
def vis_network_js() -> str:
    """vis-network as shipped inside pyvis, to inline it (no CDN, works from file://)."""
    path = Path(pyvis.__file__).parent / "lib" / "vis-9.1.2" / "vis-network.min.js"
    return path.read_text("utf-8")


def _template() -> jinja2.Template:
    env = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined)
    text = resources.files(__package__).joinpath("templates", "view.html.j2").read_text("utf-8")
    return env.from_string(text)


def view_data(g: nx.MultiDiGraph) -> dict:
    """Nodes and edges as vis-network wants them; tooltips are plain text."""
    nodes = []
    for node, attrs in sorted(g.nodes(data=True)):
        kind = attrs.get("type", "work")
        rating = attrs.get("rating")
        tooltip = "\n".join(
            str(x)
            for x in (attrs.get("label"), attrs.get("topic"), attrs.get("notes"))
            if x
        )
        nodes.append(
            {
                "id": node,
                "label": str(attrs.get("label", node))[:60],
                "title": tooltip,
                "group": kind,
                "color": COLOURS.get(kind, "#999999"),
                "shape": SHAPES.get(kind, "dot"),
                "size": 8 + 2 * rating if isinstance(rating, int) else 12,
            }
        )
    edges = [
        {"from": s, "to": t, "title": attrs.get("relation", "")}
        for s, t, attrs in sorted(g.edges(data=True), key=lambda e: (e[0], e[1]))
    ]
    options = {"physics": {"stabilization": {"iterations": 200}}, "interaction": {"hover": True}}
    return {"nodes": nodes, "edges": edges, "options": options}


def render_view(g: nx.MultiDiGraph, title: str = "paperkg") -> str:
    return _template().render(title=title, vis_js=vis_network_js(), data=view_data(g))


def write_view(ds: Dataset, path: str | Path, graph: nx.MultiDiGraph | None = None) -> Path:
    """Write the HTML view of the dataset, atomically, as UTF-8."""
    g = graph if graph is not None else to_networkx(ds)
    return write_text_atomic(path, render_view(g))
