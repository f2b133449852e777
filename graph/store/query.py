"""SPARQL over the built graph: saved queries, parameters, result formats.

A remote endpoint runs the same text through graph/remote/remote_query.py.

Parameters are bound as RDF terms (a VALUES block, each value escaped into one term), never
pasted into the query text where they could change what the query does.
"""

from __future__ import annotations

import csv
import io
import json
import re
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyoxigraph as ox

from paperkg.errors import QueryError
from paperkg.prefixes import NAMESPACES, PREFIX_IRIS

if TYPE_CHECKING:  # rdflib is imported only where a caller hands in or asks for its objects
    from rdflib import Dataset

__all__ = ["QueryError", "QueryResult", "SavedQuery", "run_query", "run_on_store"]

XSD = NAMESPACES["xsd"]
_XSD_STRING = XSD + "string"
_LANG_STRING = NAMESPACES["rdf"] + "langString"


@dataclass(frozen=True)
class SavedQuery:
    """A `.rq` file of `graph/store/queries`: its name, the description in its first comment, text.

    `# param NAME text` lines declare parameters; `# param NAME (optional) text` ones the
    query gives a default itself (with COALESCE or an unbound test).
    """

    name: str
    description: str
    text: str
    parameters: tuple[str, ...]
    required: tuple[str, ...] = ()


@dataclass(frozen=True)
class QueryResult:
    """A SELECT/ASK result as plain rows of RDF terms, or a graph for CONSTRUCT/DESCRIBE.

    Rows hold rdflib terms from `run_query` and `run_remote`, pyoxigraph terms from
    `run_on_store` (no rdflib import); the formatters below take either.
    """

    kind: str  # "SELECT", "ASK", "CONSTRUCT"
    variables: tuple[str, ...] = ()
    rows: tuple[tuple, ...] = ()
    boolean: bool | None = None
    graph: object | None = None

    def text(self, fmt: str = "table") -> str:
        """The result as `paperkg query -f FMT` prints it (table, csv, tsv, json; Turtle
        for a graph)."""
        return format_result(self, fmt)


_PARAM_LINE = re.compile(r"^#\s*param(?:eter)?\s+\??(\w+)(\s+\(optional\))?", re.I)
# `# param NAME (lowercase) ...`: the value is bound lowercased, so the query can look it up
# by index among lowercase labels (skos:hiddenLabel) instead of filtering through LCASE
_LOWERCASE_PARAM = re.compile(r"^#\s*param(?:eter)?\s+\??(\w+)\b.*\(lowercase\)", re.I | re.M)


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


def _parameters(text: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    names, required = [], []
    for line in text.splitlines():
        found = _PARAM_LINE.match(line)
        if found:
            names.append(found.group(1))
            if not found.group(2):
                required.append(found.group(1))
    return tuple(names), tuple(required)


@cache
def saved_queries() -> dict[str, SavedQuery]:
    """The saved queries shipped with paperkg, by name (file name without `.rq`)."""
    out = {}
    folder = resources.files(__package__).joinpath("queries")
    for item in sorted(folder.iterdir(), key=lambda p: p.name):
        if item.name.endswith(".rq"):
            text = item.read_text("utf-8")
            name = item.name[:-3]
            names, required = _parameters(text)
            out[name] = SavedQuery(name, _description(text), text, names, required)
    return out


def query_text(sparql: str) -> str:
    """The SPARQL a user means: `@file.rq` read, a saved query's name resolved, else the text."""
    if sparql.startswith("@"):
        path = Path(sparql[1:])
        try:
            return path.read_text("utf-8")
        except OSError as err:
            raise QueryError(f"{path}: cannot read query file ({err.strerror})") from err
    saved = saved_queries().get(sparql)
    if saved is not None:
        return saved.text
    if " " not in sparql.strip() and "{" not in sparql:
        names = ", ".join(saved_queries())
        hint = did_you_mean(sparql, list(saved_queries()))
        raise QueryError(f"no saved query named {sparql!r}{hint}; saved queries: {names}")
    return sparql


def check_parameters(query: SavedQuery, bindings: dict[str, str]) -> None:
    """Refuse a saved query run with unknown parameters or without its required ones; the
    unknown first, so that a misspelt required one gets its "did you mean"."""
    unknown = [b for b in bindings if b not in query.parameters]
    if unknown:
        known = ", ".join(query.parameters) or "none"
        hint = did_you_mean(unknown[0], query.parameters)
        raise QueryError(
            f"saved query {query.name!r} has no parameter {unknown[0]!r}{hint}"
            f" (parameters: {known})"
        )
    missing = [p for p in query.required if p not in bindings]
    if missing:
        flags = " ".join(f"--param {p}=…" for p in missing)
        raise QueryError(f"saved query {query.name!r} needs {flags}")


def _syntax_message(err: Exception, query: str = "") -> str:
    """The engine's message, then the query's line with a caret (`syntax_errors.py`)."""
    from paperkg.graph.store.syntax_errors import syntax_message

    return syntax_message(_first_line(err), query)


def did_you_mean(name: str, names: Sequence[str]) -> str:
    """ " (did you mean 'x'?)" for the closest of `names` to a misspelt `name`, else ""."""
    import difflib

    close = difflib.get_close_matches(name, list(names), n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


def _first_line(err: Exception) -> str:
    text = str(err).strip()
    return text.splitlines()[0] if text else type(err).__name__


def run_query(ds: Dataset, text: str, bindings: dict[str, Any] | None = None) -> QueryResult:
    """Run SPARQL text on an rdflib dataset (union of named graphs), binding parameters as
    values; rows hold rdflib terms. An Oxigraph-backed dataset is queried by pyoxigraph."""
    from paperkg.graph.rdf.namespaces import bind_prefixes

    inner = getattr(ds.store, "_inner", None)  # oxrdflib's pyoxigraph Store (a private name)
    if isinstance(inner, ox.Store):
        result = run_on_store(inner, text, bindings, union=ds.default_union)
        if result.kind != "SELECT":
            return result
        converted: dict = {None: None}  # each distinct term converted once

        def rdflib_term(term):
            found = converted.get(term, converted)
            if found is converted:
                found = converted[term] = _from_ox(term)
            return found

        rows = tuple(tuple(rdflib_term(term) for term in row) for row in result.rows)
        return QueryResult("SELECT", variables=result.variables, rows=rows)
    text = bind_parameters(text, bindings or {})
    with _query_errors(text):
        result = ds.query(text)
        if result.type == "ASK":
            return QueryResult("ASK", boolean=bool(result.askAnswer))
        if result.type in ("CONSTRUCT", "DESCRIBE"):
            bind_prefixes(result.graph)
            return QueryResult("CONSTRUCT", graph=result.graph)
        variables = tuple(str(v) for v in result.vars)
        rows = tuple(tuple(row) for row in result)
    return QueryResult("SELECT", variables=variables, rows=rows)


@contextmanager
def _query_errors(query: str = "") -> Iterator[None]:
    """Engine errors as one-line QueryErrors, the same for every engine (a syntax error
    adds the query's line with a caret)."""
    try:
        yield
    except SyntaxError as err:
        raise QueryError(_syntax_message(err, query)) from None
    except (ValueError, TypeError, NotImplementedError, RuntimeError) as err:
        raise QueryError(f"SPARQL query failed: {_first_line(err)}") from None
    except OSError as err:
        raise QueryError(f"SPARQL query failed reading the store: {_first_line(err)}") from None


def run_on_store(
    store: ox.Store, text: str, bindings: dict[str, Any] | None = None, union: bool = False
) -> QueryResult:
    """Run SPARQL on a pyoxigraph store; SELECT rows hold pyoxigraph terms, so neither rdflib
    nor a term conversion per cell is paid for (a third of a 2,000-row query's time).

    `union` queries the union of the named graphs as the default graph. CONSTRUCT and
    DESCRIBE come back as an rdflib graph (that import is then needed to print Turtle).
    """
    text = bind_parameters(text, bindings or {})
    with _query_errors(text):
        result = store.query(text, use_default_graph_as_union=union, prefixes=PREFIX_IRIS)
        if isinstance(result, ox.QueryBoolean):
            return QueryResult("ASK", boolean=bool(result))
        if isinstance(result, ox.QueryTriples):
            from paperkg.graph.rdf.namespaces import bind_prefixes
            from rdflib import Graph

            graph = Graph()
            bind_prefixes(graph)
            graph += (
                tuple(_from_ox(x) for x in (t.subject, t.predicate, t.object)) for t in result
            )
            return QueryResult("CONSTRUCT", graph=graph)
        variables = tuple(v.value for v in result.variables)
        width = range(len(variables))
        rows = tuple(tuple(solution[i] for i in width) for solution in result)
    return QueryResult("SELECT", variables=variables, rows=rows)


@cache
def _rdflib_terms() -> tuple[type, type, type]:
    """rdflib's term classes, imported once: an import statement per converted term was
    half the cost of converting an IRI (1.5 of 2.6 us; thousands per large result)."""
    from rdflib import BNode, Literal, URIRef

    return BNode, Literal, URIRef


def _from_ox(term):
    """An rdflib term; simple literals plain, as rdflib's parsers give them (and 3x cheaper)."""
    BNode, Literal, URIRef = _rdflib_terms()  # noqa: N806 (the classes, under their names)
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if term.language:
        return Literal(term.value, lang=term.language)
    datatype = term.datatype.value
    if datatype == _XSD_STRING:
        return Literal(term.value)
    return Literal(term.value, datatype=URIRef(datatype))


def term_parts(term) -> tuple[str, str, str | None, str | None]:
    """(kind, lexical value, datatype IRI, language) of a pyoxigraph or rdflib term, kind
    "uri", "bnode" or "literal"; simple literals have no datatype."""
    if isinstance(term, ox.NamedNode):
        return "uri", term.value, None, None
    if isinstance(term, ox.BlankNode):
        return "bnode", term.value, None, None
    if isinstance(term, ox.Literal):
        if term.language:
            return "literal", term.value, None, term.language
        datatype = term.datatype.value
        return "literal", term.value, None if datatype == _XSD_STRING else datatype, None
    from rdflib import BNode, URIRef  # an rdflib term: rdflib is loaded already

    if isinstance(term, URIRef):
        return "uri", str(term), None, None
    if isinstance(term, BNode):
        return "bnode", str(term), None, None
    datatype = str(term.datatype) if term.datatype else None
    return "literal", str(term), None if datatype == _XSD_STRING else datatype, term.language


# -- parameters ---------------------------------------------------------------------------
#
# SPARQL has no portable prepared statement: pyoxigraph's substitutions demand that the
# variable be projected, and the HTTP protocol has no binding at all. So a parameter becomes
# a VALUES block, as rdflib's SPARQLStore binds initBindings, but opening the WHERE group
# (a trailing VALUES joins after GROUP BY and after the FILTERs have run). Each value is one
# RDF term serialized here with quotes and backslashes escaped, and IRIs checked: whatever
# was typed stays one literal or one IRI and cannot change the query.
#
# A parameter is the variable wherever the query writes it: the block also opens the WHERE
# group of every sub-query that mentions it. A sub-query is evaluated on its own, so without
# its own block it would see the variable unbound, and a query could not filter early inside
# a sub-query (`papers matching the title words` before joining their notes).

_LEXICAL = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""'
    r"|'''(?:[^'\\]|\\.|'(?!''))*'''"
    r'|"(?:[^"\\\n]|\\.)*"'
    r"|'(?:[^'\\\n]|\\.)*'"
    r'|<[^<>"{}|^`\\\x00-\x20]*>'
    r"|#[^\n]*"
)
_IRI = re.compile(r'^[A-Za-z][A-Za-z0-9+.-]*:[^<>"{}|^`\\\x00-\x20]+$')
_INTEGER = re.compile(r"^[+-]?\d+$")
_DECIMAL = re.compile(r"^[+-]?\d*\.\d+$")


def mask_lexical(text: str) -> str:
    """The query with strings, IRIs and comments blanked, so keywords and braces are real."""
    return _LEXICAL.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), text)


def _matching_brace(masked: str, opening: int) -> int:
    """Index of the `}` closing the `{` at `opening` (the end of the text if unbalanced)."""
    depth = 0
    for i in range(opening, len(masked)):
        depth += {"{": 1, "}": -1}.get(masked[i], 0)
        if depth == 0:
            return i
    return len(masked)


def _where_brace(text: str) -> int:
    """Index just after the `{` that opens the top-level WHERE group."""
    masked = mask_lexical(text)
    form = re.search(r"\b(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", masked, re.I)
    if form is None:
        raise QueryError("cannot bind parameters: no SELECT, ASK, CONSTRUCT or DESCRIBE found")
    pos = form.end()
    if form.group(1).upper() == "CONSTRUCT" and masked[pos:].lstrip().startswith("{"):
        pos = _matching_brace(masked, masked.index("{", pos)) + 1  # past the template
    brace = masked.find("{", pos)
    if brace < 0:
        raise QueryError("cannot bind parameters: the query has no WHERE { ... } group")
    return brace + 1


def _subquery_groups(text: str, top: int) -> list[tuple[int, str]]:
    """(index just after its `{`, its text) for the WHERE group of every sub-query."""
    masked = mask_lexical(text)
    groups = []
    for found in re.finditer(r"\bSELECT\b", masked[top:], re.I):
        brace = masked.find("{", top + found.end())
        if brace >= 0:
            groups.append((brace + 1, masked[brace : _matching_brace(masked, brace)]))
    return groups


_XSD_TYPES = {bool: "boolean", int: "integer", float: "double", Decimal: "decimal"}


def _is_rdflib_term(value: object) -> bool:
    """Whether `value` is an rdflib term, without importing rdflib (none exists before it is)."""
    rdflib = sys.modules.get("rdflib")
    return rdflib is not None and isinstance(value, rdflib.term.Identifier)


def parameter_term(value: Any):
    """The RDF term a parameter value stands for (a pyoxigraph term, or the rdflib or
    pyoxigraph term given). Text follows the CLI's rules: `<...>` and absolute http(s) or
    urn IRIs are IRIs, integers and decimals numbers, anything else a string; Python
    bool, int, float and Decimal values are typed literals."""
    if isinstance(value, ox.NamedNode | ox.Literal) or _is_rdflib_term(value):
        return value
    for kind, name in _XSD_TYPES.items():
        if type(value) is kind:
            lexical = str(value).lower() if kind is bool else str(value)
            return ox.Literal(lexical, datatype=ox.NamedNode(XSD + name))
    if not isinstance(value, str):
        raise QueryError(f"cannot bind a {type(value).__name__} value")
    if value.startswith("<") and value.endswith(">") and _IRI.match(value[1:-1]):
        return ox.NamedNode(value[1:-1])
    if re.match(r"^(https?://|urn:)", value, re.I) and _IRI.match(value):
        return ox.NamedNode(value)
    if _INTEGER.match(value):
        return ox.Literal(value, datatype=ox.NamedNode(XSD + "integer"))
    if _DECIMAL.match(value):
        return ox.Literal(value, datatype=ox.NamedNode(XSD + "decimal"))
    return ox.Literal(value)


def sparql_term(term) -> str:
    """One term (pyoxigraph or rdflib) in SPARQL syntax, escaped so that it can only ever be
    that one term."""
    if not isinstance(term, ox.NamedNode | ox.Literal | ox.BlankNode) and not _is_rdflib_term(term):
        raise QueryError(f"cannot bind {type(term).__name__} values")
    kind, value, datatype, language = term_parts(term)
    if kind == "uri":
        if not _IRI.match(value):
            raise QueryError(f"{value!r} is not an IRI that can be bound")
        return f"<{value}>"
    if kind != "literal":
        raise QueryError("cannot bind blank nodes")
    body = (
        value.replace("\\", "\\\\")
        .replace('"', '\\"')
        .replace("\n", "\\n")
        .replace("\r", "\\r")
        .replace("\t", "\\t")
    )
    if language and re.fullmatch(r"[A-Za-z]+(-[A-Za-z0-9]+)*", language):
        return f'"{body}"@{language}'
    if datatype and datatype != _LANG_STRING:
        if not _IRI.match(datatype):
            raise QueryError(f"{datatype!r} is not a datatype IRI")
        return f'"{body}"^^<{datatype}>'
    return f'"{body}"'


def bind_parameters(text: str, bindings: dict[str, Any]) -> str:
    """The query with `bindings` as a VALUES block opening its WHERE group (same lines), and
    the WHERE group of each sub-query that mentions one of them."""
    if not bindings:
        return text
    for name in bindings:
        if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name):
            raise QueryError(f"--param {name!r}: a parameter name is letters, digits and _")
    lowercase = set(_LOWERCASE_PARAM.findall(text))
    bindings = {
        k: v.lower() if k in lowercase and type(v) is str else v for k, v in bindings.items()
    }
    terms = {name: sparql_term(parameter_term(v)) for name, v in bindings.items()}

    def block(names: list[str]) -> str:
        variables = " ".join("?" + name for name in names)
        values = " ".join(terms[name] for name in names)
        return f" VALUES ({variables}) {{ ({values}) }} "

    top = _where_brace(text)
    inserts = [(top, block(list(terms)))]
    for at, group in _subquery_groups(text, top):
        mentioned = [n for n in terms if re.search(rf"[?$]{n}\b", group)]
        if mentioned:
            inserts.append((at, block(mentioned)))
    for at, values in sorted(inserts, reverse=True):
        text = text[:at] + values + text[at:]
    return text


# -- formats ------------------------------------------------------------------------------


def _plain(term) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode | ox.BlankNode | ox.Literal):
        return term.value
    return str(term)


def format_table(result: QueryResult, max_width: int = 60) -> str:
    """A readable fixed-width table (long cells cut with …), with a row count."""
    if result.kind == "ASK":
        return "yes" if result.boolean else "no"
    if result.kind == "CONSTRUCT":
        return result.graph.serialize(format="turtle")
    headers = list(result.variables)
    cells = [[_cut(" ".join(_plain(v).split()), max_width) for v in row] for row in result.rows]
    widths = [max([len(h)] + [len(r[i]) for r in cells]) for i, h in enumerate(headers)]
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
    if result.kind == "ASK":
        writer.writerow(["boolean"])
        writer.writerow(["true" if result.boolean else "false"])
        return buffer.getvalue()
    writer.writerow(result.variables)
    for row in result.rows:
        writer.writerow([_plain(v) for v in row])
    return buffer.getvalue()


def _json_term(term) -> dict:
    kind, value, datatype, language = term_parts(term)
    out = {"type": kind, "value": value}
    if language:
        out["xml:lang"] = language
    elif datatype:
        out["datatype"] = datatype
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
    """Text in the chosen format; CONSTRUCT and DESCRIBE results are always Turtle."""
    if result.kind == "CONSTRUCT":
        return result.graph.serialize(format="turtle")
    if fmt == "csv":
        return format_delimited(result, ",")
    if fmt == "tsv":
        return format_delimited(result, "\t")
    if fmt == "json":
        return format_json(result)
    return format_table(result)
