"""Candidate techniques in the graph: minted concepts under their head, and `vocab candidates`.

Expected before running: "ripple convolution" (both papers, under convolution), "FooNet
embedding" (under embedding, a head minted when the vocabulary has no such concept); not
"the loss", "our network", "deep network", "large kernel".
"""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from paperkg.graph.rdf.namespaces import PKG, TECHNIQUE
from rdflib import Graph, Literal
from rdflib.namespace import SDO, SKOS

from paperkg.cli import main
from paperkg.run.outputs import build_outputs


@pytest.fixture(scope="module")
def built(tmp_path_factory, fixtures):
    out = tmp_path_factory.mktemp("candidates")
    build_outputs([fixtures / "candidate_techniques.md"], out, html=False)
    return out


@pytest.fixture(scope="module")
def g(built) -> Graph:
    graph = Graph()
    graph.parse(built / "graph.ttl")
    return graph


def candidates(g: Graph) -> dict[str, str]:
    """Label of each candidate technique that a paper mentions."""
    mentioned = set(g.objects(None, SDO.mentions))
    return {
        str(g.value(c, SKOS.prefLabel)): c
        for c in g.subjects(PKG.candidate, Literal(True))
        if c in mentioned
    }


def test_modifier_and_head_is_a_candidate_under_the_head(g):
    found = candidates(g)
    assert set(found) == {"ripple convolution", "FooNet embedding"}
    ripple = found["ripple convolution"]
    assert ripple == TECHNIQUE["ripple-convolution"]
    assert g.value(ripple, SKOS.broader) == TECHNIQUE["convolution"]
    assert (None, SDO.mentions, ripple) in g
    assert len(set(g.subjects(SDO.mentions, ripple))) == 2


def test_a_head_the_vocabulary_lacks_is_minted_as_a_candidate_too(g):
    head = g.value(candidates(g)["FooNet embedding"], SKOS.broader)
    assert head is not None and str(g.value(head, SKOS.prefLabel)) == "embedding"
    assert (head, SKOS.inScheme, TECHNIQUE[""]) in g


def test_the_graph_with_candidates_conforms(built):
    result = CliRunner().invoke(main, ["validate", "-o", str(built)])
    assert result.exit_code == 0, result.output


def test_vocab_candidates_lists_them_with_their_head(fixtures):
    result = CliRunner().invoke(
        main, ["vocab", "candidates", str(fixtures / "candidate_techniques.md")]
    )
    assert result.exit_code == 0, result.output
    (line,) = [x for x in result.output.splitlines() if "ripple convolution" in x]
    assert line.split()[0] == "2" and line.endswith("broader: convolution")
    assert "deep network" not in result.output and "large kernel" not in result.output
