"""Saved queries on the example notes, parameters bound as values, result formats, errors."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from paperkg.graph.rdf.namespaces import bind_prefixes
from paperkg.graph.remote.remote_query import with_prefixes
from paperkg.graph.store.disk import load_store
from paperkg.graph.store.query import (
    QueryError,
    bind_parameters,
    format_result,
    run_query,
    saved_queries,
)
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import XSD

from paperkg.cli import main


@pytest.fixture(scope="module")
def ds(example_build):
    dataset = load_store(example_build, read_only=True)
    yield dataset
    dataset.close()


def first_value(ds, sparql: str) -> str:
    rows = run_query(ds, sparql).rows
    assert rows, sparql
    return str(rows[0][0])


@pytest.fixture(scope="module")
def example_params(ds) -> dict[str, dict[str, str]]:
    """Parameters that hit data in the example notes, found by query, not hard-coded."""
    related = first_value(
        ds, "SELECT ?t WHERE { ?p dcterms:relation ?o ; schema:name ?t } ORDER BY ?t LIMIT 1"
    )
    author = first_value(
        ds, "SELECT ?n WHERE { ?p schema:author/schema:name ?n } ORDER BY ?n LIMIT 1"
    )
    return {
        "papers-by-author": {"name": author.lower()},
        "papers-by-technique": {"technique": "LoRA"},
        "co-occurring-techniques": {},
        "related-papers": {"paper": related},
        "paper-provenance": {"paper": "Diffusion in Style"},
    }


def test_at_least_ten_saved_queries_each_described():
    queries = saved_queries()
    assert len(queries) >= 10
    for name, q in queries.items():
        assert len(q.description) > 20, name
        assert set(q.required) <= set(q.parameters), name


# the example's CVF links spell first authors only: no two people share a paper there (the
# vault of tests/graph/test_people_vault.py has co-authors)
NO_ROWS_ON_THE_EXAMPLE = {"co-authors"}


@pytest.mark.parametrize("name", sorted(saved_queries()))
def test_every_saved_query_returns_rows_on_the_example(name, ds, example_params):
    query = saved_queries()[name]
    result = run_query(ds, query.text, example_params.get(name, {}))
    assert result.kind == "SELECT"
    assert bool(result.rows) != (name in NO_ROWS_ON_THE_EXAMPLE), f"{name}: {len(result.rows)} rows"


@pytest.fixture(scope="module")
def memory_ds(ds):
    """The same triples in rdflib's in-memory store and pure-Python SPARQL engine.

    oxrdflib hands plain literals back typed xsd:string, which rdflib's engine would not
    match against a plain-literal parameter: they are written back plain, as RDF 1.1 has it.
    """
    mem = Graph()
    bind_prefixes(mem)
    mem += (
        (s, p, Literal(str(o)) if isinstance(o, Literal) and o.datatype == XSD.string else o)
        for s, p, o in ds.triples((None, None, None))
    )
    return mem


def _cells(rows) -> list[tuple[str, ...]]:
    return sorted(tuple("" if cell is None else str(cell) for cell in row) for row in rows)


@pytest.mark.parametrize("name", sorted(saved_queries()))
def test_every_saved_query_gives_the_same_rows_on_rdflibs_engine(
    name, ds, memory_ds, example_params
):
    """The saved queries are tuned for Oxigraph's planner; they must stay plain SPARQL 1.1
    that another engine (rdflib's here; Fuseki, GraphDB through --endpoint) answers alike."""
    query, bindings = saved_queries()[name], example_params.get(name, {})
    oxigraph = run_query(ds, query.text, bindings).rows
    assert oxigraph or name in NO_ROWS_ON_THE_EXAMPLE
    assert _cells(oxigraph) == _cells(run_query(memory_ds, query.text, bindings).rows)


def test_a_parameter_is_bound_inside_the_sub_queries_that_use_it(ds):
    text = """SELECT ?title ?n WHERE {
      { SELECT ?p ?title WHERE { ?p schema:name ?title FILTER (CONTAINS(?title, ?words)) } }
      { SELECT (COUNT(?x) AS ?n) WHERE { ?x a schema:ScholarlyArticle } }
    }"""
    bound = bind_parameters(text, {"words": "Diffusion", "n": "3"})
    assert bound.count('VALUES (?words) { ("Diffusion") }') == 1  # the first sub-query
    assert bound.count("VALUES (?words ?n)") == 1  # the top group; not as COUNT's alias
    titles = [str(row[0]) for row in run_query(ds, text, {"words": "Diffusion"}).rows]
    assert titles and all("Diffusion" in t for t in titles)


def test_papers_by_technique_includes_narrower_techniques(ds):
    text = saved_queries()["papers-by-technique"].text
    lora = {str(r[0]) for r in run_query(ds, text, {"technique": "LoRA"}).rows}
    broader = run_query(ds, text, {"technique": "parameter-efficient fine-tuning"}).rows
    assert lora and lora <= {str(r[0]) for r in broader}
    assert {str(r[0]) for r in run_query(ds, text, {"technique": "lora"}).rows} == lora


def test_a_parameter_is_one_value_whatever_it_contains(ds):
    text = saved_queries()["papers-by-technique"].text
    for evil in ['LoRA" } } DROP ALL #', "LoRA' . ?x ?y ?z", 'x"\n}} UNION { ?paper ?p ?o']:
        assert run_query(ds, text, {"technique": evil}).rows == ()
    assert run_query(ds, "ASK { ?s ?p ?o }").boolean


def test_bind_parameters_opens_the_where_group():
    text = 'SELECT ?x WHERE { ?x <http://e/p{}> "a { b" } # {'
    bound = bind_parameters(text, {"y": "it's"})
    assert bound.startswith('SELECT ?x WHERE { VALUES (?y) { ("it\'s") }')
    construct = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"
    assert "WHERE { VALUES (?s) { (<https://x.org/a>) }" in bind_parameters(
        construct, {"s": "https://x.org/a"}
    )
    assert bind_parameters("SELECT * {\n?a ?b ?c }", {"n": "8"}).count("\n") == 1
    assert '"8"^^<http://www.w3.org/2001/XMLSchema#integer>' in bind_parameters(
        "SELECT * { }", {"n": "8"}
    )
    with pytest.raises(QueryError):
        bind_parameters("SELECT * { }", {"bad name": "x"})


def test_remote_text_declares_paperkg_prefixes_on_line_one():
    text = with_prefixes("SELECT ?t\nWHERE { ?p schema:name ?t }")
    assert text.count("\n") == 1 and text.startswith("PREFIX schema: <https://schema.org/>")
    assert "PREFIX pkg" not in text
    assert with_prefixes("PREFIX schema: <https://schema.org/> ASK {}").count("PREFIX") == 1


def test_construct_and_describe_print_turtle(ds):
    result = run_query(ds, "DESCRIBE ?t WHERE { ?t skos:prefLabel ?l }", {"l": "LoRA"})
    g = Graph().parse(data=format_result(result, "table"), format="turtle")
    assert (URIRef("https://w3id.org/paperkg/technique/lora"), None, None) in g
    construct = run_query(ds, "CONSTRUCT { ?p schema:name ?n } WHERE { ?p schema:name ?n }")
    assert len(Graph().parse(data=format_result(construct, "csv"), format="turtle")) > 100


@pytest.fixture(scope="module")
def runner() -> CliRunner:
    return CliRunner()


def test_cli_formats(example_build, runner):
    args = ["query", "techniques-by-papers", "-o", str(example_build)]
    table = runner.invoke(main, args)
    assert table.exit_code == 0 and table.output.rstrip().endswith("rows)")
    tsv = runner.invoke(main, [*args, "-f", "tsv"])
    assert tsv.output.splitlines()[0] == "technique\tpapers"
    csv_out = runner.invoke(main, [*args, "-f", "csv"])
    assert csv_out.output.splitlines()[0] == "technique,papers"
    data = json.loads(runner.invoke(main, [*args, "-f", "json"]).output)
    assert data["head"]["vars"] == ["technique", "papers"]
    first = data["results"]["bindings"][0]
    assert first["papers"]["datatype"] == "http://www.w3.org/2001/XMLSchema#integer"


def test_cli_param_binds_and_unknown_or_missing_params_fail(example_build, runner):
    out = ["-o", str(example_build)]
    ok = runner.invoke(main, ["query", "papers-by-technique", "-p", "technique=LoRA", *out])
    assert ok.exit_code == 0 and "LoRA" in ok.output
    missing = runner.invoke(main, ["query", "papers-by-technique", *out])
    assert missing.exit_code == 2 and "--param technique" in missing.output
    unknown = runner.invoke(main, ["query", "top-rated", "-p", "nope=1", *out])
    assert unknown.exit_code == 2 and "min_rating" in unknown.output
    strict = runner.invoke(main, ["query", "top-rated", "-p", "min_rating=9", *out, "-f", "csv"])
    ratings = {line.split(",")[0] for line in strict.output.splitlines()[1:]}
    assert ratings and all(float(r) >= 9 for r in ratings)


def test_syntax_error_has_line_and_column_and_no_traceback(example_build, runner):
    result = runner.invoke(
        main, ["query", "SELECT ?x\nWHERE {\n  ?x ?y }", "-o", str(example_build)]
    )
    assert result.exit_code == 2
    first, line, caret = result.output.splitlines()
    assert "line 3, column" in first and "Traceback" not in result.output
    assert line.strip() == "?x ?y }" and caret.strip() == "^"  # the line, a caret under it


def test_literal_parameters_compare_as_strings(ds):
    rows = run_query(ds, "SELECT ?t WHERE { ?t skos:prefLabel ?label }", {"label": "CLIP"}).rows
    assert rows == ((URIRef("https://w3id.org/paperkg/technique/clip"),),)


@pytest.mark.parametrize("name", ["paper-provenance", "related-papers"])
def test_a_papers_iri_gives_the_rows_its_title_gives(name, ds, memory_ds):
    """Given an exact IRI the saved queries look the paper up (no scan of every title); the
    answer is the one its full title gives, on Oxigraph and on rdflib's engine alike."""
    paper, title = run_query(
        ds,
        """SELECT ?p ?t WHERE { ?p dcterms:relation ?o ; schema:name ?t ; pkg:notedIn ?e }
           ORDER BY ?t LIMIT 1""",
    ).rows[0]
    text = saved_queries()[name].text
    by_iri = run_query(ds, text, {"paper": f"<{paper}>"}).rows
    assert by_iri and _cells(by_iri) == _cells(run_query(ds, text, {"paper": str(title)}).rows)
    assert _cells(by_iri) == _cells(run_query(memory_ds, text, {"paper": f"<{paper}>"}).rows)
