"""SPARQL over the built graph: saved queries, bound parameters, and result formats.

Parameters are bound as values (initBindings), never pasted into the query text, so text
from a user or from notes cannot change what a query does.
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

from rdflib import BNode, Dataset, Literal, URIRef, Variable


class QueryError(ValueError):
    """A query that cannot run; the message is one line, with line and column when known."""


@dataclass(frozen=True)
class SavedQuery:
    """A `.rq` file of `graph/queries`: its name, the description in its first comment, text."""

    name: str
    description: str
    text: str
    parameters: tuple[str, ...]


@dataclass(frozen=True)
class QueryResult:
    """A SELECT/ASK result as plain rows of RDF terms, or a graph for CONSTRUCT/DESCRIBE."""

    kind: str  # "SELECT", "ASK", "CONSTRUCT"
    variables: tuple[str, ...] = ()
    rows: tuple[tuple, ...] = ()
    boolean: bool | None = None
    graph: object | None = None


def _description(text: str) -> str:
    lines = []
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        body = line.lstrip("#").strip()
        if body.lower().startswith("param"):
            continue
        lines.append(body)
    return " ".join(lines).strip()


def _parameters(text: str) -> tuple[str, ...]:
    found = re.findall(r"^#\s*param(?:eter)?\s+\??(\w+)", text, flags=re.M | re.I)
    return tuple(found)


@cache
def saved_queries() -> dict[str, SavedQuery]:
    """The saved queries shipped with paperkg, by name (file name without `.rq`)."""
    out = {}
    folder = resources.files(__package__).joinpath("queries")
    for item in sorted(folder.iterdir(), key=lambda p: p.name):
        if item.name.endswith(".rq"):
            text = item.read_text("utf-8")
            name = item.name[:-3]
            out[name] = SavedQuery(name, _description(text), text, _parameters(text))
    return out


def _syntax_message(err: Exception) -> str:
    text = str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__
    return f"SPARQL syntax error: {text}"


def run_query(ds: Dataset, text: str, bindings: dict[str, str] | None = None) -> QueryResult:
    """Run SPARQL text on the dataset (union of named graphs), binding parameters as values."""
    init = {Variable(k): _as_term(v) for k, v in (bindings or {}).items()}
    try:
        result = ds.query(text, initBindings=init) if init else ds.query(text)
        if result.type == "ASK":
            return QueryResult("ASK", boolean=bool(result.askAnswer))
        if result.type in ("CONSTRUCT", "DESCRIBE"):
            return QueryResult("CONSTRUCT", graph=result.graph)
        variables = tuple(str(v) for v in result.vars)
        rows = tuple(tuple(row) for row in result)
    except SyntaxError as err:
        raise QueryError(_syntax_message(err)) from err
    except (ValueError, TypeError, NotImplementedError) as err:
        raise QueryError(_syntax_message(err)) from err
    return QueryResult("SELECT", variables=variables, rows=rows)


def _as_term(value: str):
    if value.startswith(("http://", "https://", "urn:")) and " " not in value:
        return URIRef(value)
    return Literal(value)


def _plain(term) -> str:
    if term is None:
        return ""
    if isinstance(term, Literal):
        return str(term)
    return str(term)


def format_table(result: QueryResult, max_width: int = 60) -> str:
    """A readable fixed-width table (long cells cut with …), with a row count."""
    if result.kind == "ASK":
        return "yes" if result.boolean else "no"
    if result.kind == "CONSTRUCT":
        return result.graph.serialize(format="turtle")
    headers = list(result.variables)
    cells = [
        [_cut(" ".join(_plain(v).split()), max_width) for v in row] for row in result.rows
    ]
    widths = [
        max([len(h)] + [len(r[i]) for r in cells]) for i, h in enumerate(headers)
    ]
    lines = ["  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    for row in cells:
        lines.append("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip())
    lines.append(f"({len(cells)} row{'s' if len(cells) != 1 else ''})")
    return "\n".join(lines)


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def format_delimited(result: QueryResult, delimiter: str) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\n")
    writer.writerow(result.variables)
    for row in result.rows:
        writer.writerow([_plain(v) for v in row])
    return buffer.getvalue()


def _json_term(term) -> dict:
    if isinstance(term, URIRef):
        return {"type": "uri", "value": str(term)}
    if isinstance(term, BNode):
        return {"type": "bnode", "value": str(term)}
    out = {"type": "literal", "value": str(term)}
    if term.language:
        out["xml:lang"] = term.language
    elif term.datatype:
        out["datatype"] = str(term.datatype)
    return out


def format_json(result: QueryResult) -> str:
    """W3C SPARQL 1.1 Query Results JSON."""
    if result.kind == "ASK":
        return json.dumps({"head": {}, "boolean": result.boolean}, indent=1)
    bindings = [
        {var: _json_term(v) for var, v in zip(result.variables, row, strict=True) if v is not None}
        for row in result.rows
    ]
    return json.dumps(
        {"head": {"vars": list(result.variables)}, "results": {"bindings": bindings}},
        indent=1,
        ensure_ascii=False,
    )


def format_result(result: QueryResult, fmt: str) -> str:
    if result.kind == "CONSTRUCT":
        return result.graph.serialize(format="turtle")
    if fmt == "csv":
        return format_delimited(result, ",")
    if fmt == "tsv":
        return format_delimited(result, "\t")
    if fmt == "json":
        return format_json(result)
    return format_table(result)
