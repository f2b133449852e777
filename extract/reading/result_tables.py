"""Results tables in a paper's note: each row names a system the paper is compared with.

Notes on a paper often copy its results table: a first column headed Model, Method or Paper,
then a column of scores per benchmark. Each row's first cell names a system measured on the
same benchmark: the paper's own model, a technique as a baseline ("Transformer (beam size
4)"), or another work ("Zorb et al. 2017", "Quill LSTM"). The last are the works the paper
is compared with, the strongest "compared with" a note can write, though no sentence says
it. Which row is which is decided by the language layer (`note_extraction`); this module
only finds the tables and their rows' names.

A table counts as results when its first header names systems (`note_words.json`,
`result_row_headers`) and most of its other cells are numbers. Blogs rendered by kramdown
accept a delimiter row with more cells than the header, which CommonMark reads as a
paragraph of `|` lines, so both a parsed table and such a paragraph are read.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from markdown_it.tree import SyntaxTreeNode
from paperkg.extract.reading.note_words import note_words

MIN_ROWS = 2  # a comparison needs two systems
# a score: "65.4", "70.0%", "-1.2", "28.4±0.3", "**75.6**", "0.91*"
_NUMBER = re.compile(r"[*_]*[-+−]?\d+(?:[.,]\d+)?\s*%?(?:\s*(?:±|\+/-)\s*\d+(?:[.,]\d+)?)?[*_†‡]*")
_EMPTY = frozenset({"", "-", "–", "—", "n/a", "na", "?"})
_DELIMITER = re.compile(r"\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?\s*")
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MARKUP = re.compile(r"[*_`]+")
# a configuration after the name: "(k=4)", "(beam size 4)", or one left open: "(k=1"
_CONFIG = re.compile(r"\s*[(\[][^()\[\]]*[)\]]?\s*$")


@dataclass(frozen=True)
class ResultRow:
    """The name in a results table's first column, and its line."""

    name: str
    line: int


@dataclass(frozen=True)
class ResultTable:
    """A results table: its first line (a paragraph's, when CommonMark saw no table)."""

    line: int
    rows: tuple[ResultRow, ...]


def result_tables(tree: SyntaxTreeNode) -> tuple[ResultTable, ...]:
    """Every results table of a note, in document order."""
    out = []
    for line, header, rows in _tables(tree):
        table = _results(line, header, rows)
        if table is not None:
            out.append(table)
    return tuple(out)


def _tables(tree: SyntaxTreeNode) -> Iterator[tuple[int, list[str], list[tuple[int, list[str]]]]]:
    for node in tree.walk():
        if node.type == "table":
            yield _parsed_table(node)
        elif node.type == "paragraph" and node.children:
            found = _pipe_paragraph(_line(node), node.children[0].content)
            if found is not None:
                yield found


def _parsed_table(node: SyntaxTreeNode) -> tuple[int, list[str], list[tuple[int, list[str]]]]:
    header: list[str] = []
    rows: list[tuple[int, list[str]]] = []
    for part in node.children:
        for tr in part.children:
            cells = [td.children[0].content if td.children else "" for td in tr.children]
            if part.type == "thead":
                header = cells
            else:
                rows.append((_line(tr), cells))
    return _line(node), header, rows


def _pipe_paragraph(
    line: int, content: str
) -> tuple[int, list[str], list[tuple[int, list[str]]]] | None:
    """`| a | b |` lines whose second is a delimiter row, whatever its number of cells."""
    lines = content.split("\n")
    if len(lines) < 3 or not all(x.lstrip().startswith("|") for x in lines):
        return None
    if not _DELIMITER.fullmatch(lines[1].strip()):
        return None
    rows = [(line + i, _cells(x)) for i, x in enumerate(lines[2:], start=2)]
    return line, _cells(lines[0]), rows


def _cells(row: str) -> list[str]:
    inner = row.strip()
    inner = inner[1:] if inner.startswith("|") else inner
    inner = inner[:-1] if inner.endswith("|") else inner
    return [c.strip() for c in re.split(r"(?<!\\)\|", inner)]


def is_results_table(header: list[str], rows: list[list[str]]) -> bool:
    """A table of scores by system, which the list reader leaves alone: its rows are no
    papers, and a file of paper sections that copies one is still read by its headings."""
    return _results(0, header, list(enumerate(rows))) is not None


def _results(line: int, header: list[str], rows: list[tuple[int, list[str]]]) -> ResultTable | None:
    if len(header) < 2 or _plain(header[0]).lower() not in note_words()["result_row_headers"]:
        return None
    named = [(n, cells) for n, cells in rows if cells and _row_name(cells[0])]
    if len(named) < MIN_ROWS or not all(_scores(cells[1:]) for _, cells in named):
        return None
    return ResultTable(line, tuple(ResultRow(_row_name(cells[0]), n) for n, cells in named))


def _scores(cells: list[str]) -> bool:
    """Most of a row's other cells are numbers, and one at least."""
    values = [c.strip().lower() for c in cells if c.strip().lower() not in _EMPTY]
    numbers = sum(1 for c in values if _NUMBER.fullmatch(c))
    return numbers > 0 and 2 * numbers >= len(values)


def _plain(cell: str) -> str:
    return " ".join(_MARKUP.sub("", _LINK.sub(r"\1", cell)).split())


def _row_name(cell: str) -> str:
    return _CONFIG.sub("", _plain(cell)).strip(" *†‡")


def _line(node: SyntaxTreeNode) -> int:
    return (node.map or [0])[0] + 1
