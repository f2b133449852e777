"""Fast, deterministic text forms of the union graph: N-Triples, Turtle and compact JSON-LD.

rdflib's serializers walk every triple in Python and sort as they go: on 500k triples the
Turtle and JSON-LD exports took minutes. Here Oxigraph writes canonical N-Triples (Rust),
Python sorts the lines (C string sort, which also makes the output deterministic), and
Oxigraph turns the sorted triples into prefixed Turtle; JSON-LD is compacted from the same
sorted triples in one pass. Datasets not held in Oxigraph fall back to rdflib.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

import pyoxigraph as ox

if TYPE_CHECKING:  # `paperkg export --format turtle` runs without rdflib (store_ntriples)
    from rdflib import Dataset

_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_XSD = "http://www.w3.org/2001/XMLSchema#"
_SAFE_SUFFIX = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.\-]*")


def _oxigraph(ds: Dataset) -> ox.Store | None:
    return getattr(ds.store, "_inner", None)


def sorted_ntriples(ds: Dataset) -> bytes:
    """Every distinct triple of every graph as canonical N-Triples, one per line, sorted."""
    store = _oxigraph(ds)
    if store is not None:
        return store_ntriples(store, bool(ds.default_union))
    # rdflib's own stores: same canonical form, via its N-Triples writer
    from .export import union_graph

    return _sorted_lines(union_graph(ds).serialize(format="nt"))


def store_ntriples(store: ox.Store, union: bool) -> bytes:
    """`sorted_ntriples` of a pyoxigraph store; `union` reads the union of its named graphs."""
    result = store.query(
        "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", use_default_graph_as_union=union
    )
    return _sorted_lines(result.serialize(format=ox.RdfFormat.N_TRIPLES).decode("utf-8"))


def _sorted_lines(raw: str) -> bytes:
    lines = sorted({line for line in raw.split("\n") if line.strip()})
    return ("\n".join(lines) + "\n").encode("utf-8") if lines else b""


def sorted_nquads(ds: Dataset) -> bytes | None:
    """The named graphs (not the default graph, a copy of their union) as sorted N-Quads."""
    store = _oxigraph(ds)
    if store is None:
        return None
    quads = (
        q
        for q in store.quads_for_pattern(None, None, None, None)
        if not isinstance(q.graph_name, ox.DefaultGraph)
    )
    raw = ox.serialize(quads, format=ox.RdfFormat.N_QUADS).decode("utf-8")
    lines = sorted(line for line in raw.split("\n") if line.strip())
    return ("\n".join(lines) + "\n").encode("utf-8") if lines else b""


def _triples(nt: bytes) -> Iterable[ox.Triple]:
    return ox.parse(nt, format=ox.RdfFormat.N_TRIPLES)


def turtle_bytes(nt: bytes, prefixes: Mapping[str, str]) -> bytes:
    """Sorted N-Triples as Turtle: subjects in order, `;` and `,` grouping, prefixed names."""
    used = {k: v for k, v in sorted(prefixes.items()) if v.encode("utf-8") in nt}
    text = ox.serialize(_triples(nt), format=ox.RdfFormat.TURTLE, prefixes=used)
    # Oxigraph escapes newlines in literals, so every line ending " ." ends a statement:
    # sorted prefixes first, then one blank line between subjects, for the human reader.
    lines = text.split(b"\n")
    start = next((i for i, line in enumerate(lines) if not line.startswith(b"@prefix")), 0)
    header = b"\n".join(sorted(lines[:start]))
    body = b"\n".join(lines[start:]).replace(b" .\n", b" .\n\n").rstrip(b"\n")
    return header + b"\n\n" + body + b"\n"


class _Compactor:
    """IRIs as prefix:name where the name is a plain word, as rdflib's auto_compact did."""

    def __init__(self, prefixes: Mapping[str, str]) -> None:
        # longest namespace first, so topic/ wins over a shorter prefix of it
        self.pairs = sorted(prefixes.items(), key=lambda kv: (-len(kv[1]), kv[0]))
        self.cache: dict[str, str] = {}

    def __call__(self, iri: str) -> str:
        out = self.cache.get(iri)
        if out is None:
            out = iri
            for prefix, ns in self.pairs:
                if iri.startswith(ns) and _SAFE_SUFFIX.fullmatch(iri[len(ns) :]):
                    out = f"{prefix}:{iri[len(ns) :]}"
                    break
            self.cache[iri] = out
        return out


def _literal(term: ox.Literal, compact: _Compactor):
    datatype = term.datatype.value
    if term.language:
        return {"@value": term.value, "@language": term.language}
    if datatype == _XSD + "string":
        return term.value
    if datatype == _XSD + "integer" and re.fullmatch(r"-?[1-9][0-9]{0,15}|0", term.value):
        return int(term.value)
    if datatype == _XSD + "boolean" and term.value in ("true", "false"):
        return term.value == "true"
    return {"@value": term.value, "@type": compact(datatype)}


def jsonld_text(nt: bytes, prefixes: Mapping[str, str]) -> str:
    """Sorted N-Triples as compact JSON-LD: one node object per subject, sorted by @id."""
    compact = _Compactor(prefixes)
    nodes: dict[str, dict] = {}
    for triple in _triples(nt):
        subject = compact(triple.subject.value)
        node = nodes.get(subject)
        if node is None:
            node = nodes[subject] = {"@id": subject}
        obj = triple.object
        if triple.predicate.value == _RDF_TYPE and isinstance(obj, ox.NamedNode):
            key, value = "@type", compact(obj.value)
        else:
            key = compact(triple.predicate.value)
            if isinstance(obj, ox.Literal):
                value = _literal(obj, compact)
            else:
                value = {"@id": compact(obj.value)}
        node.setdefault(key, []).append(value)
    graph = []
    for subject in sorted(nodes):
        node = nodes[subject]
        for key, values in node.items():
            if key == "@id":
                continue
            if len(values) == 1:
                node[key] = values[0]
            else:
                values.sort(key=lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False))
        graph.append(node)
    context = dict(sorted(prefixes.items()))
    data = {"@context": context, "@graph": graph}
    return json.dumps(data, indent=1, sort_keys=True, ensure_ascii=False) + "\n"
