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
from paperkg.graph.outputs.chunked import ChunkedPieces
from paperkg.graph.outputs.kept_projection import GraphChanges, KeptProjection
from paperkg.graph.outputs.projection import edge_attributes, graph_of, order_key, to_networkx

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


class KeptElements:
    """Each node's element and each source's edge elements as a watch's last GraphML spelled
    them, in the file's order, in chunks (chunked.py): a rebuild spells again only the nodes
    and sources its changes name (kept_projection.py) and writes the rest as kept."""

    def __init__(self) -> None:
        self.pieces = ChunkedPieces()
        self.keys: dict[str, tuple] = {}  # node -> the key its element is kept by

    def update(self, kept: KeptProjection, changes: GraphChanges) -> None:
        """Spell again the elements of the nodes and sources `changes` names."""
        if changes.nodes is None or changes.sources is None or not self.keys:
            self.keys, touched = {}, list(kept.nodes)
            self.pieces.replace(())
        else:
            touched = changes.nodes | changes.sources
            places = [self.keys.pop(n) for n in touched if n in self.keys]
            self.pieces.remove((section, *at) for at in places for section in (0, 1))
        scratch, nodes = _Keys(), kept.nodes
        items = []
        for node in touched:
            if node not in nodes:
                continue
            at = self.keys[node] = order_key(node, nodes[node])
            made = (
                _spelt(partial(_node_element, scratch, node, nodes[node])),
                _spelt(partial(_out_edges, scratch, kept, node)),
            )
            items.extend(((k, *at), _encoded(text), ordered)
                         for k, (text, _, ordered) in enumerate(made))  # fmt: skip
        self.pieces.add(items)


def _spelt(spell) -> tuple[str, frozenset[Spec], tuple[Spec, ...]]:
    specs: list[Spec] = []
    text = spell(specs)
    return text, frozenset(specs), tuple(specs)


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


def _graphml_text(g: nx.MultiDiGraph) -> str:
    keys = _Keys()
    children = [_node_element(keys, node, attrs, []) for node, attrs in g.nodes(data=True)]
    edge_ids: set[tuple[str, str, str]] = set()
    for source, target, key, attrs in g.edges(keys=True, data=True):
        edge_id = attrs.get("id", f"{source} {key} {target}")
        if (source, target, edge_id) in edge_ids:  # networkx's copy would merge them
            raise _Unsupported(edge_id)
        edge_ids.add((source, target, edge_id))
        children.append(_edge_element(keys, source, target, edge_id, attrs, []))
    return _document(keys, children, g.is_directed())


def _document(keys: _Keys, children: list[str], directed: bool) -> str:
    direction = "directed" if directed else "undirected"
    if children:
        body = "".join("\n    " + child for child in children)
        graph = f'<graph edgedefault="{direction}">{body}\n  </graph>'
    else:
        graph = f'<graph edgedefault="{direction}" />'
    parts = [_HEAD, *("\n  " + key for key in keys.declarations()), "\n  " + graph]
    return "".join(parts) + "\n</graphml>\n"


def _out_edges(keys: _Keys, kept: KeptProjection, source: str, specs: list[Spec]) -> str:
    """A source's edge elements as a graph of the projection holds them, one a line, as
    _document joins its children."""
    nodes = kept.nodes
    return "\n    ".join(
        _edge_element(keys, source, t, attrs["id"], attrs, specs)
        for t, r in kept.edges.get(source, ())
        if t in nodes
        for attrs in (edge_attributes(source, t, r),)
    )


def _kept_document(memo: KeptElements) -> list[bytes]:
    """The bytes `graphml_bytes` writes for a fresh graph of the kept projection, in pieces;
    keys are declared in order of first use, as there. Each element is kept encoded, with
    the indent `_document` puts before it."""
    keys = _Keys()
    for spec in memo.pieces.tags():
        keys.declare(spec)  # type: ignore[arg-type]
    if not memo.keys:
        return [_document(keys, [], True).encode("utf-8")]
    head, tail = _document(keys, ["\0"], True).split("\n    \0")
    return [head.encode("utf-8"), *memo.pieces.joined(), tail.encode("utf-8")]


def _encoded(text: str) -> bytes:
    return ("\n    " + text if text else "").encode("utf-8", "xmlcharrefreplace")


def graphml_bytes(g: nx.MultiDiGraph) -> bytes:
    """Serialise with readable keys and one unique id per edge, held only in the XML.

    Each edge's `id` goes into the `<edge id=...>` attribute and not also into a `<data>`
    element: networkx writes multigraph keys as edge ids, and its keys (the relation) repeat,
    which made yEd drop edges (networkx #7732); an `id` data attribute beside the XML id
    made igraph's reader warn and give up the edge ids. networkx reads the file back with
    the same `id` edge attribute, taken from the XML.
    """
    if not g.graph and g.is_multigraph():
        try:
            text = _graphml_text(g)
        except _Unsupported:
            pass
        else:
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


def kept_graphml_pieces(
    kept: KeptProjection, changes: GraphChanges, memo: KeptElements
) -> list[bytes]:
    """`graphml_bytes` of a fresh graph of a watch's kept projection, by difference, as
    pieces to write one after the other."""
    if kept.in_order:
        try:
            memo.update(kept, changes)
            return _kept_document(memo)
        except _Unsupported:
            pass
    memo.keys = {}  # the next rebuild spells every element again
    return [graphml_bytes(graph_of(kept.projection))]
