"""Compact JSON-LD text of a set of triples, spelled exactly as `json.dumps(indent=1)` would.

The document is `json.dumps(doc, indent=1, sort_keys=True, ensure_ascii=False)` of
`{"@context": prefixes, "@graph": [node, ...]}`, one node object per subject, sorted by @id,
each key's values sorted by their compact JSON. With `indent` set, `json.dumps` runs the
pure-Python encoder over every value (8 s of a 40x build); the shape here is fixed (a node
is a flat object of leaves, a leaf a string, number, boolean or one-level object), so the
indented text is put together from pieces, and each distinct term's pieces are made once,
with the C string encoder, however many triples repeat it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping, Sequence
from json.encoder import encode_basestring  # the C encoder where available

import pyoxigraph as ox

from paperkg.prefixes import NAMESPACES

_RDF_TYPE = NAMESPACES["rdf"] + "type"
_XSD = NAMESPACES["xsd"]
_SAFE_SUFFIX = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.\-]*")
_INTEGER = re.compile(r"-?[1-9][0-9]{0,15}|0")  # integers JSON numbers hold exactly

# A node sits two levels deep (document, then the @graph list): its keys are indented by 3
# spaces, a key's list items and a one-level object's keys by 4, a list item's keys by 5.
_KEY, _ITEM, _ITEM_KEY = "\n   ", "\n    ", "\n     "


class Compactor:
    """IRIs as prefix:name where the name is a plain word, as rdflib's auto_compact did.

    The longest namespace that leaves a plain word wins (topic/ over a shorter prefix of
    it): one regex whose alternatives are the namespaces, longest first, tried in order.
    """

    def __init__(self, prefixes: Mapping[str, str]) -> None:
        pairs = sorted(prefixes.items(), key=lambda kv: (-len(kv[1]), kv[0]))
        self.prefix_of: dict[str, str] = {}
        for prefix, ns in pairs:
            self.prefix_of.setdefault(ns, prefix)
        spaces = "|".join(re.escape(ns) for _, ns in pairs)
        self.pattern = re.compile(f"({spaces})({_SAFE_SUFFIX.pattern})") if pairs else None
        self.cache: dict[str, str] = {}

    def __call__(self, iri: str) -> str:
        out = self.cache.get(iri)
        if out is None:
            match = self.pattern.fullmatch(iri) if self.pattern else None
            out = f"{self.prefix_of[match[1]]}:{match[2]}" if match else iri
            self.cache[iri] = out
        return out


class Leaf:
    """One value's JSON texts: under its key alone, as a list item, and its sort key
    (`json.dumps(value, sort_keys=True)`, the compact form a key's values are sorted by)."""

    __slots__ = ("alone", "item", "order")

    def __init__(self, alone: str, item: str, order: str) -> None:
        self.alone, self.item, self.order = alone, item, order


def _scalar(text: str) -> Leaf:
    """A string, number or boolean: the same text wherever it sits."""
    return Leaf(text, text, text)


def _object(pairs: list[tuple[str, str]]) -> Leaf:
    """A one-level object of (key, encoded value) pairs in key order."""
    keys = [encode_basestring(key) + ": " + value for key, value in pairs]
    alone = "{" + ",".join([_ITEM + k for k in keys]) + _KEY + "}"
    item = "{" + ",".join([_ITEM_KEY + k for k in keys]) + _ITEM + "}"
    return Leaf(alone, item, "{" + ", ".join(keys) + "}")


def _reference(encoded_id: str) -> Leaf:
    """{"@id": ...}, most values of a graph: `_object` spelled out for speed."""
    return Leaf(
        '{\n    "@id": ' + encoded_id + "\n   }",
        '{\n     "@id": ' + encoded_id + "\n    }",
        '{"@id": ' + encoded_id + "}",
    )


class _Leaves:
    """The Leaf of each distinct object term, made once."""

    def __init__(self, compact: Compactor) -> None:
        self.compact = compact
        self.terms: dict[object, Leaf] = {}
        self.types: dict[object, Leaf] = {}

    def type_leaf(self, term: ox.NamedNode) -> Leaf:
        leaf = self.types.get(term)
        if leaf is None:
            leaf = self.types[term] = _scalar(encode_basestring(self.compact(term.value)))
        return leaf

    def __call__(self, term) -> Leaf:
        leaf = self.terms.get(term)
        if leaf is None:
            leaf = self.terms[term] = self._make(term)
        return leaf

    def _make(self, term) -> Leaf:
        if not isinstance(term, ox.Literal):
            return _reference(encode_basestring(self.compact(term.value)))
        value = term.value
        if term.language:
            language = encode_basestring(term.language)
            return _object([("@language", language), ("@value", encode_basestring(value))])
        datatype = term.datatype.value
        if datatype == _XSD + "string":
            return _scalar(encode_basestring(value))
        if datatype == _XSD + "integer" and _INTEGER.fullmatch(value):
            return _scalar(value)
        if datatype == _XSD + "boolean" and value in ("true", "false"):
            return _scalar(value)
        kind = encode_basestring(self.compact(datatype))
        return _object([("@type", kind), ("@value", encode_basestring(value))])


def _node_text(values: dict[str, list[Leaf]], heads: dict[str, str]) -> str:
    """A node object's text in the @graph list: its keys sorted, each key's values sorted.

    `heads` holds each key's text up to its value (newline, indent, the key, colon)."""
    parts = []
    for key in sorted(values):
        leaves = values[key]
        if len(leaves) == 1:
            parts.append(heads[key] + leaves[0].alone)
        else:
            leaves.sort(key=_order)
            items = ",".join([_ITEM + leaf.item for leaf in leaves])
            parts.append(f"{heads[key]}[{items}{_KEY}]")
    return "  {" + ",".join(parts) + "\n  }"


def _order(leaf: Leaf) -> str:
    return leaf.order


def _head(key: str) -> str:
    return f"{_KEY}{encode_basestring(key)}: "


def jsonld_text(triples: Iterable[tuple], prefixes: Mapping[str, str]) -> str:
    """Triples (subject, predicate, object pyoxigraph terms, each triple once, any order) as
    compact JSON-LD: one node object per subject, sorted by @id."""
    index: dict[str, list[tuple[str, object]]] = {}
    for s, p, o in triples:
        index.setdefault(p.value, []).append((s.value, o))
    return jsonld_from_index(index, prefixes)


def jsonld_from_index(
    index: Mapping[str, Iterable[tuple[str, object]]], prefixes: Mapping[str, str]
) -> str:
    """`jsonld_text` of triples grouped by predicate IRI into (subject IRI, object term)
    pairs, each triple once: the index a build already holds (graph/rdf/union_reader.py)."""
    return jsonld_document(NodeWriter(prefixes).texts(index).values(), prefixes)


class NodeWriter:
    """Node objects' texts, with the pieces of every term, key and IRI made once (a watch
    keeps one writer from build to build: graph/outputs/jsonld_nodes.py)."""

    def __init__(self, prefixes: Mapping[str, str]) -> None:
        self.compact = Compactor(prefixes)
        self.leaves = _Leaves(self.compact)
        self.heads = {"@id": _head("@id"), "@type": _head("@type")}

    def size(self) -> int:
        """The pieces it holds: every term, type and IRI it ever met (a watch starts a new
        writer when those of terms no longer in the graph have come to outnumber the rest)."""
        return len(self.leaves.terms) + len(self.leaves.types) + len(self.compact.cache)

    def texts(
        self, index: Mapping[str, Iterable[tuple[str, object]]]
    ) -> dict[str, tuple[str, str]]:
        """Subject IRI -> (its compact @id, its node object's text), for every subject."""
        compact, leaves, heads = self.compact, self.leaves, self.heads
        nodes: dict[str, dict[str, list[Leaf]]] = {}
        for predicate, pairs in index.items():
            key = compact(predicate)
            if key not in heads:
                heads[key] = _head(key)
            typed = predicate == _RDF_TYPE
            for subject, o in pairs:
                node = nodes.get(subject)
                if node is None:
                    node = nodes[subject] = {}
                if typed and isinstance(o, ox.NamedNode):
                    node.setdefault("@type", []).append(leaves.type_leaf(o))
                else:
                    node.setdefault(key, []).append(leaves(o))
        texts = {}
        for subject, values in nodes.items():
            node_id = compact(subject)
            values["@id"] = [_scalar(encode_basestring(node_id))]
            texts[subject] = (node_id, _node_text(values, heads))
        return texts


def jsonld_document(texts: Iterable[tuple[str, str]], prefixes: Mapping[str, str]) -> str:
    """The document of (compact @id, node text) pairs, in any order: nodes sorted by @id."""
    return "".join(jsonld_pieces([text for _, text in sorted(texts)], prefixes, encoded=False))


def jsonld_frame(prefixes: Mapping[str, str], empty: bool) -> tuple[str, str, str]:
    """What goes before the node texts, between two of them, and after them."""
    context = json.dumps(
        dict(sorted(prefixes.items())), indent=1, sort_keys=True, ensure_ascii=False
    )
    head = "{\n" + ' "@context": ' + context.replace("\n", "\n ") + ',\n "@graph": '
    if empty:
        return head + "[]\n}\n", "", ""
    return head + "[\n", ",\n", "\n ]\n}\n"


def jsonld_pieces(texts: Sequence, prefixes: Mapping[str, str], encoded: bool = True) -> list:
    """The document in three pieces around the node texts, in order: UTF-8 bytes
    (`encoded`, the node texts given as bytes too), or str."""
    head, comma, tail = jsonld_frame(prefixes, not texts)
    if encoded:
        return [head.encode("utf-8"), comma.encode().join(texts), tail.encode()]
    return [head, comma.join(texts), tail]
