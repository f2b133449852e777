"""A SPARQL syntax error told so that it can be fixed: the line, and a caret under the spot.

Oxigraph names the furthest point its parser reached, which for a misspelt keyword is a later
word: `SELEC ?x WHERE { ... }` fails "at 1:10: expected CONSTRUCT", under WHERE. So a bare
word before that point that is no SPARQL keyword but close to one (difflib over
`sparql/keywords.txt`) takes the caret, with "did you mean"; the parser's own message follows.
Strings, IRIs and comments are blanked first (their words are no keywords), keeping columns.
"""

from __future__ import annotations

import difflib
import re
from functools import cache
from importlib import resources

_POSITION = re.compile(r"^error at (\d+):(\d+)")
_OPAQUE = re.compile(r'"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|<[^<>\s]*>|#[^\n]*')
_BARE_WORD = re.compile(r"(?<![\w?$:@.\-])[A-Za-z][A-Za-z_0-9]*(?![\w:])")


@cache
def keywords() -> frozenset[str]:
    text = resources.files(__package__).joinpath("sparql", "keywords.txt").read_text("utf-8")
    lines = (line for line in text.splitlines() if not line.startswith("#"))
    return frozenset(word for line in lines for word in line.split())


def _misspelt(query: str, line: int, column: int) -> tuple[int, int, str, str] | None:
    """(line, column, word, keyword) of the first bare word up to (line, column) that is
    close to a keyword without being one."""
    for number, text in enumerate(query.splitlines()[:line], start=1):
        blank = _OPAQUE.sub(lambda m: " " * len(m.group(0)), text)
        for m in _BARE_WORD.finditer(blank):
            if number == line and m.start() + 1 > column:
                return None
            word = m.group(0)
            if word.upper() in keywords():
                continue
            close = difflib.get_close_matches(word.upper(), sorted(keywords()), n=1, cutoff=0.8)
            if close:
                return number, m.start() + 1, word, close[0]
    return None


def _caret(query: str, line: int, column: int) -> str:
    """The query's line and a caret under the column ("" when the line is not in the query)."""
    lines = query.splitlines()
    if not 1 <= line <= len(lines):
        return ""
    text = lines[line - 1].expandtabs(1)
    column = min(max(column, 1), len(text) + 1)
    start = max(0, column - 70)  # a long line: show the part around the caret
    return f"\n  {text[start : start + 100]}\n  {' ' * (column - 1 - start)}^"


def syntax_message(engine_message: str, query: str = "") -> str:
    """The error as one line (where, what), then the query's line with a caret."""
    found = _POSITION.match(engine_message)
    if not found:
        return f"SPARQL syntax error: {engine_message}"
    line, column = int(found.group(1)), int(found.group(2))
    said = engine_message[found.end() :].lstrip(": ")
    typo = _misspelt(query, line, column)
    if typo:
        at_line, at_column, word, keyword = typo
        return (
            f"SPARQL syntax error: line {at_line}, column {at_column}: {word!r} is no SPARQL "
            f"keyword (did you mean {keyword!r}?); the parser stopped at line {line}, "
            f"column {column}: {said}" + _caret(query, at_line, at_column)
        )
    return f"SPARQL syntax error: line {line}, column {column}: {said}" + _caret(
        query, line, column
    )
