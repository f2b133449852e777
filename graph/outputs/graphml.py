"""GraphML for Gephi, yEd and Cytoscape, from the shared property-graph projection.

The file is the one `networkx.write_graphml(g, named_key_ids=True)` writes (ElementTree,
pretty-printed), spelled out here line by line: networkx builds an Element per node, edge
and value and indents the tree in Python, 2-4 s for the 5,000 papers of 40x the example.
A graph this writer does not cover (graph attributes, values other than str, int, float and
bool) goes to networkx itself.
"""

from __future__ import annotations

import io
from functools import partial

import networkx as nx
import pyoxigraph as ox
from paperkg.graph.outputs.projection import to_networkx

_NS = "http://graphml.graphdrawing.org/xmlns"
_XSI = "http://www.w3.org/2001/XMLSchema-instance"
_SCHEMA = f"{_NS} {_NS}/1.0/graphml.xsd"
_HEAD = (
    "<?xml version='1.0' encoding='utf-8'?>\n"
    f'<graphml xmlns="{_NS}" xmlns:xsi="{_XSI}" xsi:schemaLocation="{_SCHEMA}">'
)
# networkx's names for Python types (its table maps int last to "long")
_XML_TYPES = {str: "string", int: "long", float: "double", bool: "boolean"}


def _text(value: str) -> str:
    """Element text escaped as ElementTree writes it."""
    if "&" in value:
        value = value.replace("&", "&amp;")
    if "<" in value:
        value = value.replace("<", "&lt;")
    if ">" in value:
        value = value.replace(">", "&gt;")
    return value


def _attribute(value: str) -> str:
    """An attribute value escaped as ElementTree writes it (newlines and tabs as entities)."""
    value = _text(value)
    for raw, entity in (('"', "&quot;"), ("\r", "&#13;"), ("\n", "&#10;"), ("\t", "&#09;")):
        if raw in value:
            value = value.replace(raw, entity)
    return value


class _Unsupported(Exception):
    """A graph networkx would write differently than `_graphml_text` (see graphml_bytes)."""


Spec = tuple[str, str, str]  # a key's (name, type, scope)


class _Keys:
    """The <key> declarations, one per (name, type, scope) in order of first use."""

    def __init__(self) -> None:
        self.seen: dict[Spec, str] = {}

    def declare(self, spec: Spec) -> None:
        if spec not in self.seen:
            name, kind, scope = spec
            self.seen[spec] = (
                f'<key id="{_attribute(name)}" for="{scope}" attr.name="{_attribute(name)}" '
                f'attr.type="{kind}" />'
            )

    def data(self, name: str, value, scope: str, specs: list[Spec]) -> str:
        kind = _XML_TYPES.get(type(value))
        if kind is None:
            raise _Unsupported(type(value))
        spec = (name, kind, scope)
        self.declare(spec)
        specs.append(spec)
        text = str(value)
        key = _attribute(name)
        return f'<data key="{key}">{_text(text)}</data>' if text else f'<data key="{key}" />'

    def declarations(self) -> list[str]:
        # networkx inserts each new key before the others: the last made comes first
        return list(reversed(self.seen.values()))


def _element(head: str, tag: str, data: list[str]) -> str:
    if not data:
        return f"<{head} />"
    inner = "".join("\n      " + item for item in data)
    return f"<{head}>{inner}\n    </{tag}>"


class ElementMemo:
    """Each node's and edge's element as the last GraphML written spelled it, by the node or
    edge and its attributes (a watch keeps one: an unchanged paper is not spelled again)."""

    def __init__(self) -> None:
        # key -> (element, its keys' specs as a set, and in order of use)
        self.kept: dict[tuple, tuple[str, frozenset[Spec], tuple[Spec, ...]]] = {}
        self.used: dict[tuple, tuple[str, frozenset[Spec], tuple[Spec, ...]]] = {}

    def element(self, keys: _Keys, key: tuple, spell) -> str:
        found = self.kept.get(key)
        if found is None:
            specs: list[Spec] = []
            found = (spell(specs), frozenset(specs), tuple(specs))
        elif not found[1] <= keys.seen.keys():  # all declared already, as most are
            for spec in found[2]:
                keys.declare(spec)
        self.used[key] = found
        return found[0]

    def done(self) -> None:
        self.kept, self.used = self.used, {}


def _typed(attrs: dict) -> tuple[tuple, tuple]:
    """Attributes as a key of their spelling: True and 1 are equal, but not spelt alike."""
    return tuple(attrs.items()), tuple(map(type, attrs.values()))


def _node_element(keys: _Keys, node, attrs: dict, specs: list[Spec]) -> str:
    data = [keys.data(str(k), v, "node", specs) for k, v in attrs.items()]
    return _element(f'node id="{_attribute(str(node))}"', "node", data)


def _edge_element(keys: _Keys, source, target, edge_id, attrs, specs: list[Spec]) -> str:
    data = [keys.data(str(k), v, "edge", specs) for k, v in attrs.items() if k != "id"]
    head = (
        f'edge source="{_attribute(str(source))}" target="{_attribute(str(target))}" '
        f'id="{_attribute(str(edge_id))}"'
    )
    return _element(head, "edge", data)


def _graphml_text(g: nx.MultiDiGraph, memo: ElementMemo | None = None) -> str:
    keys = _Keys()
    children = []
    for node, attrs in g.nodes(data=True):
        spell = partial(_node_element, keys, node, attrs)
        if memo is None:
            children.append(spell([]))
        else:
            children.append(memo.element(keys, ("node", node, _typed(attrs)), spell))
    edge_ids: set[tuple[str, str, str]] = set()
    for source, target, key, attrs in g.edges(keys=True, data=True):
        edge_id = attrs.get("id", f"{source} {key} {target}")
        if (source, target, edge_id) in edge_ids:  # networkx's copy would merge them
            raise _Unsupported(edge_id)
        edge_ids.add((source, target, edge_id))
        spell = partial(_edge_element, keys, source, target, edge_id, attrs)
        if memo is None:
            children.append(spell([]))
        else:
            key = ("edge", source, target, edge_id, _typed(attrs))
            children.append(memo.element(keys, key, spell))
    direction = "directed" if g.is_directed() else "undirected"
    if children:
        body = "".join("\n    " + child for child in children)
        graph = f'<graph edgedefault="{direction}">{body}\n  </graph>'
    else:
        graph = f'<graph edgedefault="{direction}" />'
    parts = [_HEAD, *("\n  " + key for key in keys.declarations()), "\n  " + graph]
    return "".join(parts) + "\n</graphml>\n"


def graphml_bytes(g: nx.MultiDiGraph, memo: ElementMemo | None = None) -> bytes:
    """Serialise with readable keys and one unique id per edge, held only in the XML.

    Each edge's `id` goes into the `<edge id=...>` attribute and not also into a `<data>`
    element: networkx writes multigraph keys as edge ids, and its keys (the relation) repeat,
    which made yEd drop edges (networkx #7732); an `id` data attribute beside the XML id
    made igraph's reader warn and give up the edge ids. networkx reads the file back with
    the same `id` edge attribute, taken from the XML.
    """
    if not g.graph and g.is_multigraph():
        try:
            text = _graphml_text(g, memo)
        except _Unsupported:
            pass
        else:
            if memo is not None:
                memo.done()
            return text.encode(
                "utf-8", "xmlcharrefreplace"
            )  # a value type or edge ids networkx treats its own way: let it write
    return networkx_graphml_bytes(g)


def networkx_graphml_bytes(g: nx.MultiDiGraph) -> bytes:
    """The same file written by networkx itself (the reference the writer above follows)."""
    copy = g.__class__()  # a copy also because write_graphml pops graph["id"]
    copy.graph.update(g.graph)
    copy.add_nodes_from(g.nodes(data=True))
    for source, target, key, data in g.edges(keys=True, data=True):
        attrs = {name: value for name, value in data.items() if name != "id"}
        copy.add_edge(source, target, key=data.get("id", f"{source} {key} {target}"), **attrs)
    buffer = io.BytesIO()
    nx.write_graphml(copy, buffer, named_key_ids=True)
    return buffer.getvalue()


def graphml_export(store: ox.Store, union: bool) -> bytes:
    """The export format (graph/outputs/export.py): the store's property graph as GraphML.

    `union` needs no passing on: the projection finds where the store keeps the union."""
    return graphml_bytes(to_networkx(store))
