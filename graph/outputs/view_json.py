"""The view's data as the JSON text the page parses: what each node is, apart from where
it is drawn, and the rest (positions, topics, edges, mentions, regions) as arrays.

At 12,000 papers the page's JSON is 16 MB: making a dictionary per node, encoding it and
escaping it for HTML took a watch's rebuild 0.4 s of the view's 0.9 s. A node's own part
(its IRI, type, label and fields) changes only when its attributes do, so it is kept as
text (`NodeTexts`) and a watch spells again only the nodes a save changed; where the node
is drawn (`xy`) and the topic it is drawn under (`home`, an index) move when others come
and go, so they are arrays the page puts back into the nodes (templates/view.js). Every
piece is escaped as jinja's `tojson` escapes (no `<`, `>`, `&` or `'`): the text cannot
end the script element it is in.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from jinja2.utils import htmlsafe_json_dumps
from markupsafe import Markup
from paperkg.graph.outputs.projection import same_attributes

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


def node_item(node: str, attrs: Mapping) -> dict:
    """What the page shows of a node, apart from where it is drawn."""
    kind = attrs.get("type", "work")
    fields = PAPER_FIELDS if kind == "paper" else OTHER_FIELDS
    item = {"id": node, "type": kind, "label": str(attrs.get("label", node))}
    item.update({f: attrs[f] for f in fields if f in attrs})
    return item


def dumps(value: object) -> str:
    """JSON, escaped for a <script> element, as jinja's `tojson` writes it."""
    return str(htmlsafe_json_dumps(value, sort_keys=True))


class NodeTexts:
    """Each node's own part of the page's JSON, by the attributes it was spelled from (a
    watch keeps one: a save spells again only the nodes whose attributes changed)."""

    def __init__(self) -> None:
        self._kept: dict[str, tuple[Mapping, str]] = {}

    def update(self, nodes: Mapping[str, Mapping]) -> None:
        """Hold the text of every node of `nodes` and of no other."""
        kept = self._kept
        for node in kept.keys() - nodes.keys():
            del kept[node]
        for node, attrs in nodes.items():
            found = kept.get(node)
            if found is None or not same_attributes(found[0], attrs):  # type: ignore[arg-type]
                kept[node] = (attrs, dumps(node_item(node, attrs)))

    def texts(self, ids: Iterable[str]) -> list[str]:
        return [self._kept[node][1] for node in ids]


def page_json(
    texts: NodeTexts,
    ids: list[str],
    xy: list[int],
    home: list[int],
    rest: Mapping[str, object],
) -> Markup:
    """The page's data: the nodes' texts in the order of `ids`, their positions (x, y of
    each in turn) and topics (an index, or -1), and `rest` (edges, mentions, regions)."""
    parts = {
        "home": dumps(home),
        "nodes": "[" + ", ".join(texts.texts(ids)) + "]",
        "xy": dumps(xy),
        **{name: dumps(value) for name, value in rest.items()},
    }
    return Markup("{" + ", ".join(f'"{k}": {v}' for k, v in sorted(parts.items())) + "}")
