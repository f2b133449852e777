"""`paperkg validate`: the example graph conforms to the SHACL contract; a broken one is
reported one readable line per finding (severity, focus node, path, message), exit 1."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from paperkg.graph.rdf.validate import validate_graph
from paperkg.graph.store.disk import store_path
from rdflib import Graph

from paperkg.cli import main
from paperkg.run.outputs import build_outputs

BAD = Path(__file__).resolve().parent.parent / "fixtures" / "bad"
PREFIXES = """
PREFIX schema: <https://schema.org/>
PREFIX pkg: <https://w3id.org/paperkg/ns#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
"""


def test_the_example_graph_conforms(example_build):
    result = CliRunner().invoke(main, ["validate", "-o", str(example_build)])
    assert result.exit_code == 0, result.output
    assert "conforms to the paperkg RDF contract: 0 violation(s)" in result.output
    assert "violation:" not in result.output


@pytest.fixture()
def small_build(tmp_path) -> Path:
    out = tmp_path / "out"
    build_outputs([BAD / "two_entries.md"], out, html=False)
    return out


def _update(out: Path, *updates: str) -> None:
    """Edit the store behind paperkg's back, in the named graphs and the default graph."""
    store = ox.Store(str(store_path(out)))
    for update in updates:
        store.update(PREFIXES + update)
    store.flush()
    del store


def test_a_broken_store_is_reported_readably_with_exit_1(small_build):
    _update(
        small_build,
        "DELETE WHERE { GRAPH ?g { ?p schema:review ?r } }",
        "DELETE WHERE { ?p schema:review ?r }",
    )
    result = CliRunner().invoke(main, ["validate", "-o", str(small_build)])
    assert result.exit_code == 1
    lines = [line for line in result.output.splitlines() if line.startswith("violation:")]
    assert len(lines) == 2  # one per paper
    assert lines[0] == (
        "violation: paper:arxiv-2301.00001 schema:review: "
        "a paper of the notes has the note-taker's verdict (schema:review a schema:Review)"
    )
    assert "does not conform" in result.output and "2 violation(s)" in result.output


def _example_graph(example_build: Path) -> Graph:
    return Graph().parse(example_build / "graph.ttl", format="turtle")


def _broken(example_build: Path, update: str) -> list[str]:
    g = _example_graph(example_build)
    g.update(PREFIXES + update)
    report = validate_graph(g)
    assert not report.conforms
    return [f.line() for f in report.violations]


def test_a_rating_above_its_best_rating(example_build):
    lines = _broken(
        example_build,
        """DELETE { ?r schema:ratingValue ?v } INSERT { ?r schema:ratingValue 11 }
           WHERE { { SELECT ?r ?v WHERE { ?r schema:ratingValue ?v } ORDER BY ?r LIMIT 1 } }""",
    )
    assert len(lines) == 1
    assert "schema:ratingValue: a rating has one number" in lines[0]
    assert lines[0].endswith("(value: 11)")


def test_a_typed_relation_without_dcterms_relation(example_build):
    lines = _broken(
        example_build,
        """DELETE { ?a dcterms:relation ?b } WHERE {
             { SELECT ?a ?b WHERE { ?a pkg:similarTo ?b } ORDER BY ?a LIMIT 1 } }""",
    )
    assert any("typed relation" in line and "without dcterms:relation" in line for line in lines)


def test_a_paper_without_provenance_and_a_literal_where_an_iri_belongs(example_build):
    lines = _broken(
        example_build,
        """DELETE { ?p pkg:notedIn ?e } INSERT { ?p pkg:notedIn "line 3" }
           WHERE { { SELECT ?p ?e WHERE { ?p pkg:notedIn ?e } ORDER BY ?p LIMIT 1 } }""",
    )
    assert any("pkg:notedIn" in line and "(value: 'line 3')" in line for line in lines)


def test_a_link_that_is_not_http_is_a_warning_not_a_violation(tmp_path):
    out = tmp_path / "out"
    build_outputs([BAD / "hostile_link.md"], out, html=False)
    result = CliRunner().invoke(main, ["validate", "-o", str(out)])
    assert result.exit_code == 0, result.output
    warning = [line for line in result.output.splitlines() if line.startswith("warning:")]
    assert len(warning) == 1 and "schema:url: link is not http(s)" in warning[0]
    assert "ftp://files.example.org/paper.pdf" in warning[0]
    assert "javascript:" not in result.output  # markdown-it never made it a link


def test_the_people_vault_conforms(tmp_path):
    out = tmp_path / "out"
    build_outputs([BAD.parent / "people_vault"], out, html=False)
    result = CliRunner().invoke(main, ["validate", "-o", str(out)])
    assert result.exit_code == 0, result.output


def test_an_author_as_a_bare_string_and_a_date_that_is_no_year(example_build):
    lines = _broken(
        example_build,
        """INSERT { ?p schema:author "Ada Quorn" ; schema:datePublished "2023-05-04" }
           WHERE { { SELECT ?p WHERE { ?p schema:author ?a } ORDER BY ?p LIMIT 1 } }""",
    )
    assert any("schema:author is a schema:Person" in line for line in lines)
    assert any("schema:datePublished is one xsd:gYear" in line for line in lines)
