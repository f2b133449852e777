"""A watch writes Turtle and JSON-LD by difference (graph/outputs/turtle_blocks.py,
jsonld_nodes.py): after any sequence of unions, each file is the one written whole.

The triples come from a small pool over several namespaces, so that an update can make a
prefix appear or vanish (every statement is then spelled anew), a subject lose its last
triple or gain its first, and a literal hold what Turtle and JSON escape.
"""

from __future__ import annotations

import pyoxigraph as ox
from hypothesis import given, settings
from hypothesis import strategies as st
from paperkg.graph.outputs.jsonld import jsonld_text
from paperkg.graph.outputs.jsonld_nodes import JsonldNodes
from paperkg.graph.outputs.serialize import turtle_bytes
from paperkg.graph.outputs.turtle_blocks import TurtleBlocks
from paperkg.graph.rdf.sorted_union import SortedUnion

PREFIXES = {
    "ex": "https://example.org/ns#",
    "paper": "https://example.org/paper/",
    "person": "https://example.org/person/",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
}
SUBJECTS = [
    ox.NamedNode("https://example.org/paper/lantern"),
    ox.NamedNode("https://example.org/paper/quill"),
    ox.NamedNode("https://example.org/person/ada"),
    ox.NamedNode("https://other.example/thing"),
]
PREDICATES = [
    ox.NamedNode("https://example.org/ns#name"),
    ox.NamedNode("https://example.org/ns#cites"),
    ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
]
OBJECTS = [
    ox.Literal("Lantern Moss"),
    ox.Literal('a "quoted"\nline & <tag>'),
    ox.Literal("7", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")),
    ox.Literal("moss", language="en"),
    ox.NamedNode("https://example.org/paper/quill"),
    ox.NamedNode("https://example.org/ns#Paper"),
]
POOL = [(s, p, o) for s in SUBJECTS for p in PREDICATES for o in OBJECTS]
graphs = st.dictionaries(
    st.sampled_from(["g1", "g2"]), st.sets(st.sampled_from(range(len(POOL))), max_size=12)
)


def _lines(triples) -> list[str]:
    return [f"{s} {p} {o}" for s, p, o in triples]


@settings(max_examples=150, deadline=None)
@given(st.lists(graphs, min_size=1, max_size=6))
def test_turtle_and_jsonld_by_difference_are_the_whole_files(updates):
    union, turtle, jsonld = SortedUnion(), TurtleBlocks(), JsonldNodes()
    for update in updates:
        triples = {name: [POOL[k] for k in sorted(ks)] for name, ks in update.items()}
        lines = union.update({name: _lines(ts) for name, ts in triples.items()})
        nt = (" .\n".join(lines) + " .\n").encode() if lines else b""
        distinct = {t for ts in triples.values() for t in ts}
        index: dict[str, list] = {}
        for s, p, o in distinct:
            index.setdefault(p.value, []).append((s.value, o))
        assert b"".join(turtle.pieces(union, PREFIXES)) == turtle_bytes(nt, PREFIXES)
        whole = jsonld_text(distinct, PREFIXES).encode()
        assert b"".join(jsonld.pieces(union, index, PREFIXES)) == whole


def test_an_update_not_seen_spells_everything_again():
    """A rebuild that failed after sorting leaves the memo one update behind: it must not
    apply the next difference to statements from before that update."""
    union, turtle = SortedUnion(), TurtleBlocks()
    first = _lines(POOL[:5])
    union.update({"g": first})
    turtle.pieces(union, PREFIXES)
    union.update({"g": _lines(POOL[5:9])})  # the update the memo never saw
    lines = union.update({"g": _lines(POOL[5:10])})
    nt = (" .\n".join(lines) + " .\n").encode()
    assert b"".join(turtle.pieces(union, PREFIXES)) == turtle_bytes(nt, PREFIXES)
