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
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

import jinja2
import networkx as nx
from markupsafe import Markup
from paperkg.graph.outputs.atomic import write_text_atomic
from paperkg.graph.outputs.layout import GraphReading, layout
from paperkg.graph.outputs.projection import Projection, mentions_by_paper, to_networkx
from paperkg.graph.outputs.view_json import NodeTexts, node_item, page_json
from rdflib import Dataset


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


@dataclass(frozen=True)
class _Drawn:
    """The view worked out: the graph as read, nodes by index, where each is drawn (x, y of
    each in turn) and the topic it is drawn under (an index, or -1), and the other arrays."""

    read: GraphReading
    ids: list[str]
    xy: list[int]
    home: list[int]
    rest: dict[str, list]


def _drawn(g: nx.MultiDiGraph | Projection, mentions: dict[str, list[dict]] | None) -> _Drawn:
    read = GraphReading.of(g)
    ids = sorted(read.attrs)
    index = {node: i for i, node in enumerate(ids)}
    plan = layout(read)
    xy: list[int] = []
    for node in ids:
        xy.extend(plan.positions.get(node, (0, 0)))
    home = [index[plan.home[n]] if n in plan.home else -1 for n in ids]
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
    regions = [[-1 if r.topic is None else index[r.topic], *r.box, *r.bubble] for r in plan.regions]
    rest = {"edges": [list(e) for e in edges], "mentions": sorted(where), "regions": regions}
    return _Drawn(read, ids, xy, home, rest)


def view_data(
    g: nx.MultiDiGraph | Projection, mentions: dict[str, list[dict]] | None = None
) -> dict:
    """Everything the page shows, as sorted JSON-ready data (nodes by index, edges by index),
    each node with where it is drawn, as the page has it once it has read its JSON.

    Positions come from the layout (the page runs no global physics); `regions` are the
    top-level topics of the first view: [topic index or -1, box x0, y0, x1, y1, bubble x, y,
    radius]; a paper's `home` is the index of the topic it is drawn under.
    """
    d = _drawn(g, mentions)
    nodes = []
    for i, node in enumerate(d.ids):
        item = node_item(node, d.read.attrs[node])
        item["x"], item["y"] = d.xy[2 * i], d.xy[2 * i + 1]
        if d.home[i] >= 0:
            item["home"] = d.home[i]
        nodes.append(item)
    return {"nodes": nodes, **d.rest}


def render_view(
    g: nx.MultiDiGraph | Projection,
    title: str = "paperkg",
    mentions: dict[str, list[dict]] | None = None,
    texts: NodeTexts | None = None,
) -> str:
    """The page as a string; the same graph gives the same bytes. `texts` is what a watch
    keeps of each node's JSON (view_json.py); it is brought up to date here."""
    d = _drawn(g, mentions)
    texts = texts if texts is not None else NodeTexts()
    texts.update(d.read.attrs)
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
        data=page_json(texts, d.ids, d.xy, d.home, d.rest),
    )


def write_view(ds: Dataset, path: str | Path, graph: nx.MultiDiGraph | None = None) -> Path:
    """Write the HTML view of the dataset, atomically, as UTF-8."""
    g = graph if graph is not None else to_networkx(ds)
    return write_text_atomic(path, render_view(g, mentions=mentions_by_paper(ds)))
