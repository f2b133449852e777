"""The property graph as a pyvis `Network`, drawn like the HTML view, for notebook users who
restyle, filter or show it with pyvis itself.

The style (colours, shapes, sizes, label lengths, vis options) is data in
`notebook/pyvis_style.json`, the same numbers as the view's `templates/view.js`. The page is
our own template (`notebook/pyvis_page.html.j2`) with vis-network inlined from pyvis' package:
pyvis' template loads Bootstrap from a CDN even in "in_line" mode (pyvis #229), so its
pages do not work offline. Files are written as UTF-8 (pyvis' `write_html` uses the locale).
"""

from __future__ import annotations

import html
import json
import math
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import jinja2
import networkx as nx
from paperkg.graph.outputs.layout import positions
from pyvis.network import Network

TEMPLATE = "pyvis_page.html.j2"


@cache
def style() -> dict:
    """The drawing style, from `notebook/pyvis_style.json`."""
    text = resources.files(__package__).joinpath("notebook", "pyvis_style.json").read_text("utf-8")
    return json.loads(text)


def _folder() -> str:
    return str(Path(str(resources.files(__package__).joinpath("notebook"))))


class PaperkgNetwork(Network):
    """A pyvis Network whose page is self-contained: our template, vis-network inlined.

    Everything else is pyvis' own API: `add_node`, `set_options`, `show_buttons`,
    `generate_html`, `show`, and `set_template` to use a template of your own.
    """

    def __init__(self, **options: Any) -> None:
        options.setdefault("cdn_resources", "in_line")
        notebook = options.pop("notebook", False)
        super().__init__(notebook=False, **options)
        # our page first; pyvis' templates folder for the vis-network files it includes
        self.path, self.template_dir = TEMPLATE, _folder()
        self.templateEnv = jinja2.Environment(
            loader=jinja2.ChoiceLoader(
                [jinja2.FileSystemLoader(_folder()), jinja2.FileSystemLoader(_pyvis_templates())]
            )
        )
        if notebook:
            self.prep_notebook()

    def write_html(self, name, local=True, notebook=False, open_browser=False) -> None:
        """Write the page as UTF-8 wherever `name` says (pyvis writes in the locale's)."""
        Path(name).write_text(self.generate_html(notebook=notebook), "utf-8")
        if open_browser:
            import webbrowser

            webbrowser.open(Path(name).resolve().as_uri())

    def generate_html(self, name="index.html", local=True, notebook=False) -> str:
        if notebook and self.template is None:  # pyvis fails here unless built notebook=True
            self.prep_notebook()
        return super().generate_html(name, local, notebook)

    def show(self, name: str = "paperkg-network.html", local=True, notebook=True):
        """Write the page to `name`; in a notebook, display it inline (an iframe `srcdoc`,
        which needs no file server, unlike pyvis' IFrame of `name`)."""
        self.write_html(name, notebook=notebook, open_browser=not notebook)
        if notebook:
            from IPython.display import HTML

            return HTML(self._repr_html_())
        return None

    def _repr_html_(self) -> str:
        page = self.generate_html(notebook=self.template is not None)
        return (
            f'<iframe sandbox="allow-scripts" style="width:100%;height:{self.height};border:0" '
            f'srcdoc="{html.escape(page, quote=True)}"></iframe>'
        )


def _pyvis_templates() -> str:
    import pyvis

    return str(Path(pyvis.__file__).parent / "templates")


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _tooltip(attrs: dict, kind_name: str) -> str:
    """Plain text (vis-network 9 shows string titles as text, never as HTML)."""
    label = str(attrs.get("label", ""))
    if attrs.get("type") != "paper":
        lines = [f"{kind_name}: {label}"]
        if attrs.get("alt_labels"):
            lines.append("also: " + ", ".join(str(attrs["alt_labels"]).split("|")))
        return "\n".join(lines)
    lines = [label]
    rating = attrs.get("rating")
    verdict = []
    if rating is not None:
        uncertain = "?" if attrs.get("rating_uncertain") else ""
        verdict.append(f"{rating}/{attrs.get('best_rating', 10)}{uncertain}")
    if attrs.get("starred"):
        verdict.append("★ starred")
    if verdict:
        lines.append("  ".join(verdict))
    lines += [str(attrs[k]) for k in ("topic", "notes") if attrs.get(k)]
    return "\n".join(lines)


def _papers_below(g: nx.MultiDiGraph) -> dict[str, int]:
    """Papers filed under each topic or any of its subtopics (the view sizes topics by it)."""
    below: dict[str, int] = {}
    for node, attrs in g.nodes(data=True):
        if attrs.get("type") != "paper":
            continue
        topic = next((t for _, t, r in g.out_edges(node, data="relation") if r == "subject"), None)
        seen = set()
        while topic is not None and topic not in seen:
            seen.add(topic)
            below[topic] = below.get(topic, 0) + 1
            topic = next(
                (t for _, t, r in g.out_edges(topic, data="relation") if r == "broader"), None
            )
    return below


def _node(node: str, attrs: dict, mentions: int, below: int, xy: tuple[int, int]) -> dict:
    look = style()
    kind = attrs.get("type", "work")
    kinds = look["kinds"]
    own = kinds.get(kind, kinds["work"])
    sizes = look["sizes"]
    colour = own["colour"]
    hover = {"background": colour, "border": look["outline_colour"]}
    item: dict[str, Any] = {
        "shape": own["shape"],
        "title": _tooltip(attrs, own["name"]),
        "color": {"background": colour, "border": colour, "highlight": hover, "hover": hover},
        "font": {**look["font"], "size": own["font"]},
        "x": xy[0],
        "y": xy[1],
        "type": kind,
    }
    label = str(attrs.get("label", node))
    if kind == "paper":
        item["label"] = ("★ " if attrs.get("starred") else "") + _short(label, own["label_chars"])
        rating = attrs.get("rating")
        item["size"] = (
            sizes["paper_unrated"]
            if rating is None
            else sizes["paper_base"] + sizes["paper_per_rating_point"] * rating
        )
        if attrs.get("starred"):
            star = {"background": colour, "border": look["star_colour"]}
            item["borderWidth"] = sizes["starred_border"]
            item["color"] = {**item["color"], "border": look["star_colour"]}
            item["color"]["highlight"] = item["color"]["hover"] = star
    elif kind == "topic":
        item["label"] = _short(label, own["label_chars"])
        grown = sizes["topic_font_per_sqrt_paper"] * (1 + math.sqrt(below))
        item["font"] = {
            "face": look["font"]["face"],
            "color": "#ffffff",
            "size": min(sizes["topic_font_max"], max(own["font"], grown)),
        }
        item["margin"] = 8
        item["shapeProperties"] = {"borderRadius": 6}
    elif kind == "technique":
        item["label"] = _short(label, own["label_chars"])
        item["size"] = sizes["technique_base"] + sizes["technique_per_sqrt_mention"] * math.sqrt(
            mentions
        )
        extra = sizes["technique_font_per_sqrt_mention"] * math.sqrt(mentions)
        item["font"]["size"] = own["font"] + min(sizes["technique_font_extra_max"], extra)
    else:
        item["label"] = _short(label, own["label_chars"])
        item["size"] = sizes["work"]
    return item


def to_pyvis(g: nx.MultiDiGraph, **options: Any) -> PaperkgNetwork:
    """A pyvis Network of the projected graph (or any subgraph of it), styled like the view.

    Nodes keep their IRI as id and carry `type`; edges carry `relation`. Positions start from
    the view's deterministic layout; physics settles them below `physics_max_nodes` nodes.
    `options` go to `pyvis.network.Network` (height, width, notebook, heading, ...).
    """
    look = style()
    options.setdefault("height", "640px")
    options.setdefault("directed", True)
    net = PaperkgNetwork(**options)
    xy = positions(nx.MultiDiGraph(g))
    below = _papers_below(g)
    for node in sorted(g.nodes):
        attrs = g.nodes[node]
        mentions = sum(1 for _, _, r in g.in_edges(node, data="relation") if r == "mentions")
        item = _node(node, attrs, mentions, below.get(node, 0), xy.get(node, (0, 0)))
        net.add_node(node, **item)
    relations = look["relations"]
    edges = sorted({(s, t, r) for s, t, r in g.edges(data="relation") if r is not None})
    for source, target, relation in edges:
        rel = relations.get(relation, relations["related"])
        tail = _short(str(g.nodes[source].get("label", source)), 70)
        head = _short(str(g.nodes[target].get("label", target)), 70)
        net.add_edge(
            source,
            target,
            relation=relation,
            title=f"{rel['text']}\n{tail} → {head}",
            color={"color": rel["colour"], "highlight": "#1f2933", "hover": "#1f2933"},
            length=rel["length"],
            dashes=bool(rel.get("dashes")),
            width=rel.get("width", 1),
        )
    vis_options = json.loads(json.dumps(look["options"]))  # a fresh copy per network
    if g.number_of_nodes() > look["physics_max_nodes"]:
        vis_options["physics"] = {"enabled": False}
        vis_options["edges"]["smooth"] = False
    net.options = vis_options  # pyvis' set_options strips every space from the JSON
    return net
