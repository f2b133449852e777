"""Every saved query through `paperkg query --endpoint` gives the local rows, on every server:
`paperkg serve` of the build, and Oxigraph and Virtuoso after `push`, also when two notes
files note the same papers (the servers' union of graphs then holds each triple twice)."""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner
from paperkg.graph.store.query import saved_queries

from paperkg.cli import main

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RELATED_TITLE = """SELECT ?title WHERE {
  ?p dcterms:relation ?o ; schema:name ?title ; pkg:notedIn ?e } ORDER BY ?title LIMIT 1"""
RELATED_PAPER = """SELECT ?p WHERE {
  ?p dcterms:relation ?o ; schema:name ?title ; pkg:notedIn ?e } ORDER BY ?title LIMIT 1"""
AN_AUTHOR = """SELECT ?name WHERE {
  ?p schema:author/schema:name ?name ; pkg:notedIn ?e } ORDER BY ?name LIMIT 1"""
# the example's CVF links name first authors only: no two people share a paper there
NO_ROWS_ON_THE_EXAMPLE = {"co-authors"}
TOP_TECHNIQUE = "techniques-by-papers"
ALL_TRIPLES = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"


def run(args: list[str]) -> dict:
    """`paperkg query ... -f json`, parsed; the command must succeed."""
    result = CliRunner().invoke(main, ["query", *args, "-f", "json"])
    assert result.exit_code == 0, f"{args}: {result.output}"
    return json.loads(result.output)


def cell(binding: dict | None, separator: str | None) -> tuple:
    """A term as comparable data: plain and xsd:string literals alike (SPARQL 1.1 says they
    are one), a GROUP_CONCAT list as the set of its items (its order is the engine's)."""
    if binding is None:
        return ("unbound",)
    kind = "literal" if binding["type"] == "typed-literal" else binding["type"]
    datatype = binding.get("datatype", XSD_STRING if kind == "literal" else "")
    value = binding["value"]
    if separator:
        value = frozenset(value.split(separator)) if value else frozenset()
    return kind, value, datatype if datatype != XSD_STRING else "", binding.get("xml:lang", "")


def rows(result: dict, lists: dict[str, str]) -> Counter:
    variables = result["head"]["vars"]
    return Counter(
        tuple(cell(b.get(v), lists.get(v)) for v in variables)
        for b in result["results"]["bindings"]
    )


def group_concat_columns(text: str) -> dict[str, str]:
    """The variables a query fills with GROUP_CONCAT, and the separator of each."""
    found = re.finditer(
        r'GROUP_CONCAT\((?:[^;()]|\([^()]*\))*;\s*separator\s*=\s*"([^"]*)"\s*\)\s*AS\s*\?(\w+)',
        text,
        flags=re.I,
    )
    return {m.group(2): m.group(1) for m in found if m.group(1)}


@pytest.fixture(scope="session")
def local_answers() -> Callable[[Path], dict[str, tuple[list[str], dict]]]:
    """Each saved query's arguments and local JSON result on a build (cached per build).

    Parameter values are read from the build itself (its most used technique, the first
    paper whose comment relates it to another), so every query has rows to compare.
    """
    cache: dict[Path, dict[str, tuple[list[str], dict]]] = {}

    def answers(build: Path) -> dict[str, tuple[list[str], dict]]:
        if build not in cache:
            out = ["-o", str(build)]
            top = run([TOP_TECHNIQUE, *out])["results"]["bindings"][0]["technique"]["value"]
            title = run([RELATED_TITLE, *out])["results"]["bindings"][0]["title"]["value"]
            name = run([AN_AUTHOR, *out])["results"]["bindings"][0]["name"]["value"]
            values = {"technique": top, "paper": title, "name": name}
            cache[build] = {}
            for name, saved in saved_queries().items():
                missing = [p for p in saved.required if p not in values]
                assert not missing, f"{name}: no test value for its parameter(s) {missing}"
                args = [name] + [f"-p{p}={values[p]}" for p in saved.required]
                cache[build][name] = args, run([*args, *out])
        return cache[build]

    return answers


@pytest.mark.parametrize("name", sorted(saved_queries()))
def test_saved_query_gives_the_local_rows(name, endpoint, local_answers):
    server, build = endpoint
    args, local = local_answers(build)[name]
    remote = run([*args, "--endpoint", server.query_url])
    assert remote["head"]["vars"] == local["head"]["vars"]
    if name not in NO_ROWS_ON_THE_EXAMPLE or build.parent.name.startswith("two-files"):
        assert local["results"]["bindings"], f"{name}: no rows on {build}, nothing compared"
    lists = group_concat_columns(saved_queries()[name].text)
    assert rows(remote, lists) == rows(local, lists)


@pytest.mark.parametrize("name", ["paper-provenance", "related-papers"])
def test_a_papers_iri_gives_the_local_rows(name, endpoint):
    """The saved queries that take a paper look an exact IRI up by its own branch (no title
    read): that branch, not only the title-words one, must answer alike on every server."""
    server, build = endpoint
    out = ["-o", str(build)]
    paper = run([RELATED_PAPER, *out])["results"]["bindings"][0]["p"]["value"]
    args = [name, f"-ppaper=<{paper}>"]
    local = run([*args, *out])
    assert local["results"]["bindings"], f"{name}: no rows for {paper}"
    remote = run([*args, "--endpoint", server.query_url])
    lists = group_concat_columns(saved_queries()[name].text)
    assert rows(remote, lists) == rows(local, lists)


def test_serve_counts_every_triple_once(served, example_build):
    local = run([ALL_TRIPLES, "-o", str(example_build)])
    remote = run([ALL_TRIPLES, "--endpoint", served.query_url])
    assert remote == local
