"""The HTML view: one self-contained page drawing the graph with vis-network (pyvis).

pyvis's own template loads Bootstrap from a CDN (pyvis #229) and routes tooltips through
`popup.innerHTML`, so the page is the project's template (`templates/view.html.j2`) with
vis-network inlined from pyvis's package files, the page's own CSS and JS inlined from
`templates/`, and the graph passed as JSON in a non-executable script block. The JS builds
every element with textContent, so text from notes is never parsed as HTML; the CSP allows
only the page's own scripts (by hash) and no network at all.
"""

from __future__ import annotations

import base64
import hashlib
import importlib.util
from functools import cache
from importlib import resources
from pathlib import Path

import jinja2
import networkx as nx
from markupsafe import Markup
from paperkg.graph.outputs.atomic import write_text_atomic
from paperkg.graph.outputs.layout import GraphReading, layout
from paperkg.graph.outputs.projection import Projection, mentions_by_paper, to_networkx
from rdflib import Dataset

PAPER_FIELDS = (
    "title",
    "url",
    "summary",
    "comment",
    "rating",
    "best_rating",
    "rating_uncertain",
    "starred",
    "topic",
    "notes",
    "venue",
    "year",
    "first_author",
    "authors",
    "tags",
)
OTHER_FIELDS = ("url", "alt_labels", "path")


@cache
def vis_network_js() -> str:
    """vis-network as shipped inside pyvis, to inline it (no CDN, works from file://).

    Found without importing pyvis: its package __init__ pulls in IPython (0.13 s per build)
    and the page uses none of its Python API.
    """
    spec = importlib.util.find_spec("pyvis")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("pyvis is not installed: it ships the vis-network the view inlines")
    folder = Path(next(iter(spec.submodule_search_locations)))
    path = folder / "lib" / "vis-9.1.2" / "vis-network.min.js"
    return path.read_text("utf-8")


@cache
def _asset(name: str) -> str:
    return resources.files(__package__).joinpath("templates", name).read_text("utf-8")


def _template() -> jinja2.Template:
    env = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined)
    return env.from_string(_asset("view.html.j2"))


def _inline(text: str, tag: str) -> Markup:
    """Trusted text of a <script> or <style> element; it must not be able to close it."""
    if f"</{tag}" in text.lower() or "<!--" in text:
        raise ValueError(f"inline {tag} contains '</{tag}' or '<!--'")
    return Markup(text)


def _csp_hash(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def view_data(
    g: nx.MultiDiGraph | Projection, mentions: dict[str, list[dict]] | None = None
) -> dict:
    """Everything the page shows, as sorted JSON-ready data (nodes by index, edges by index).

    Positions come from the layout (the page runs no global physics); `regions` are the
    top-level topics of the first view: [topic index or -1, box x0, y0, x1, y1, bubble x, y,
    radius]; a paper's `home` is the index of the topic it is drawn under.
    """
    read = GraphReading.of(g)
    ids = sorted(read.attrs)
    index = {node: i for i, node in enumerate(ids)}
    plan = layout(read)
    xy = plan.positions
    nodes = []
    for node in ids:
        attrs = read.attrs[node]
        kind = attrs.get("type", "work")
        fields = PAPER_FIELDS if kind == "paper" else OTHER_FIELDS
        item = {"id": node, "type": kind, "label": str(attrs.get("label", node))}
        item.update({f: attrs[f] for f in fields if f in attrs})
        item["x"], item["y"] = xy.get(node, (0, 0))
        if node in plan.home:
            item["home"] = index[plan.home[node]]
        nodes.append(item)
    edges = sorted(
        {(index[s], index[t], r) for s, out in read.out.items() for t, r in out if r is not None}
    )
    where = []
    for paper, rows in sorted((mentions or {}).items()):
        if paper not in index:
            continue
        for row in rows:
            target = row.get("target")
            if target in index:
                where.append(
                    [
                        index[paper],
                        index[target],
                        str(row.get("part", "")),
                        int(row.get("line", 0)),
                        str(row.get("surface", "")),
                    ]
                )
    return {
        "nodes": nodes,
        "edges": [list(e) for e in edges],
        "mentions": sorted(where),
        "regions": [
            [-1 if r.topic is None else index[r.topic], *r.box, *r.bubble] for r in plan.regions
        ],
    }


def render_view(
    g: nx.MultiDiGraph | Projection,
    title: str = "paperkg",
    mentions: dict[str, list[dict]] | None = None,
) -> str:
    """The page as a string; the same graph gives the same bytes."""
    vis_js, app_js = vis_network_js(), _asset("view.js")
    csp = (
        "default-src 'none'; "
        f"script-src {_csp_hash(vis_js)} {_csp_hash(app_js)}; "
        "style-src 'unsafe-inline'; img-src data:; "
        "base-uri 'none'; form-action 'none'"
    )
    return _template().render(
        title=title,
        csp=csp,
        css=_inline(_asset("view.css"), "style"),
        vis_js=_inline(vis_js, "script"),
        app_js=_inline(app_js, "script"),
        data=view_data(g, mentions),
    )


def write_view(ds: Dataset, path: str | Path, graph: nx.MultiDiGraph | None = None) -> Path:
    """Write the HTML view of the dataset, atomically, as UTF-8."""
    g = graph if graph is not None else to_networkx(ds)
    return write_text_atomic(path, render_view(g, mentions=mentions_by_paper(ds)))
