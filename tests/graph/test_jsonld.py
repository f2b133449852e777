"""The JSON-LD writer puts its text together from pieces: it must be exactly the text
`json.dumps(doc, indent=1, sort_keys=True, ensure_ascii=False)` gives for the document."""

from __future__ import annotations

import json
import re

import pyoxigraph as ox
from hypothesis import given, settings
from hypothesis import strategies as st
from paperkg.graph.outputs.jsonld import jsonld_text

from paperkg.prefixes import PREFIX_IRIS

XSD = "http://www.w3.org/2001/XMLSchema#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
PLAIN_WORD = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.\-]*")


def reference(triples, prefixes) -> str:
    """The document as dicts, dumped by the json module: the writer's specification."""
    spaces = sorted(prefixes.items(), key=lambda kv: (-len(kv[1]), kv[0]))

    def compact(iri: str) -> str:
        for prefix, ns in spaces:
            if iri.startswith(ns) and PLAIN_WORD.fullmatch(iri[len(ns) :]):
                return f"{prefix}:{iri[len(ns) :]}"
        return iri

    def value(term):
        if not isinstance(term, ox.Literal):
            return {"@id": compact(term.value)}
        if term.language:
            return {"@value": term.value, "@language": term.language}
        datatype = term.datatype.value
        if datatype == XSD + "string":
            return term.value
        if datatype == XSD + "integer" and re.fullmatch(r"-?[1-9][0-9]{0,15}|0", term.value):
            return int(term.value)
        if datatype == XSD + "boolean" and term.value in ("true", "false"):
            return term.value == "true"
        return {"@value": term.value, "@type": compact(datatype)}

    nodes: dict[str, dict] = {}
    for s, p, o in triples:
        node = nodes.setdefault(s.value, {"@id": compact(s.value)})
        if p.value == RDF_TYPE and isinstance(o, ox.NamedNode):
            node.setdefault("@type", []).append(compact(o.value))
        else:
            node.setdefault(compact(p.value), []).append(value(o))
    graph = []
    for node in nodes.values():
        for key, values in node.items():
            if key != "@id":
                values.sort(key=lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False))
                node[key] = values[0] if len(values) == 1 else values
        graph.append(node)
    graph.sort(key=lambda n: (n["@id"], json.dumps(n, indent=1, sort_keys=True)))
    doc = {"@context": dict(prefixes), "@graph": graph}
    return json.dumps(doc, indent=1, sort_keys=True, ensure_ascii=False) + "\n"


PAPER = "https://w3id.org/paperkg/paper/"
iris = st.one_of(
    st.sampled_from(["a", "b", "b!x", "b.c", "x/y", "é", "_1", "-z"]).map(lambda w: PAPER + w),
    st.sampled_from(
        [
            "https://schema.org/name",
            "https://schema.org/name!",
            "https://example.org/p",
            "https://example.org/p!x",
            "http://purl.org/dc/terms/relation",
            RDF_TYPE,
        ]
    ),
)
texts = st.text(st.characters(blacklist_categories=("Cs",)), max_size=12)
literals = st.one_of(
    texts.map(lambda v: ox.Literal(v)),
    st.sampled_from(["0", "7", "-3", "007", "12345678901234567890", "x"]).map(
        lambda v: ox.Literal(v, datatype=ox.NamedNode(XSD + "integer"))
    ),
    st.sampled_from(["true", "false", "1"]).map(
        lambda v: ox.Literal(v, datatype=ox.NamedNode(XSD + "boolean"))
    ),
    st.tuples(texts, st.sampled_from(["en", "de-ch"])).map(
        lambda vl: ox.Literal(vl[0], language=vl[1])
    ),
    texts.map(lambda v: ox.Literal(v, datatype=ox.NamedNode(XSD + "gYear"))),
    texts.map(lambda v: ox.Literal(v, datatype=ox.NamedNode("https://example.org/type"))),
)
triples = st.sets(
    st.tuples(
        iris.map(ox.NamedNode), iris.map(ox.NamedNode), st.one_of(iris.map(ox.NamedNode), literals)
    ),
    max_size=30,
)


@given(triples)
@settings(max_examples=300, deadline=None, database=None)
def test_text_is_what_json_dumps_writes(graph):
    assert jsonld_text(graph, PREFIX_IRIS) == reference(graph, PREFIX_IRIS)


def test_a_built_graph_is_what_json_dumps_writes(example_build):
    store = ox.Store.read_only(str(example_build / "store"))
    triples = {
        (q.subject, q.predicate, q.object)
        for q in store.quads_for_pattern(None, None, None, ox.DefaultGraph())
    }
    text = jsonld_text(triples, PREFIX_IRIS)
    assert text == reference(triples, PREFIX_IRIS)
    assert (example_build / "graph.jsonld").read_text("utf-8") == text
