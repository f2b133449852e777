"""SPARQL syntax errors (graph/store/syntax_errors.py): the line, a caret at the spot, and a
misspelt keyword named with the keyword it likely is."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from paperkg.cli import main


@pytest.mark.parametrize(
    ("query", "where", "suggestion"),
    [
        (
            "SELEC ?x WHERE { ?x ?p ?o }",
            (1, 1),
            "'SELEC' is no SPARQL keyword (did you mean 'SELECT'?)",
        ),
        ("SELECT ?x WHER { ?x ?p ?o }", (1, 11), "did you mean 'WHERE'?"),
        ('SELECT ?x\nWHERE { ?x ?p "selec" FILTR(?x) }', (2, 23), "did you mean 'FILTER'?"),
        ("SELECT ?x WHERE { ?x ?p ?o } LIMT 3", (1, 30), "did you mean 'LIMIT'?"),
        ("SELECT ?x WHERE { ?x ?p ?o ", (1, 28), "expected"),  # no word to blame: the parser's spot
    ],
)
def test_the_caret_is_under_the_misspelt_word_or_where_the_parser_stopped(
    example_build, query, where, suggestion
):
    result = CliRunner().invoke(main, ["query", query, "-o", str(example_build)])
    assert result.exit_code == 2
    first, line, caret = result.output.splitlines()
    line_number, column = where
    assert first.startswith(f"Error: SPARQL syntax error: line {line_number}, column {column}: ")
    assert suggestion in first
    assert line.strip() == query.splitlines()[line_number - 1].strip()
    assert caret.index("^") - 2 == column - 1  # both lines indented by two spaces
    assert "Traceback" not in result.output
