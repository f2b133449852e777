"""SPARQL queries on a remote SPARQL 1.1 Protocol endpoint (`paperkg query --endpoint`).

The same query text, parameters and result shape (`QueryResult`) as on the local store
(graph/store/query.py); what differs is the route: paperkg's prefixes are declared in the
text, parameters are bound in the text (the protocol has no bindings), and the answer comes
back as SPARQL JSON results or an RDF document over HTTP (graph/remote/protocol.py).
"""

from __future__ import annotations

import json
import re

from paperkg.graph.remote.protocol import Credentials, post_form
from paperkg.graph.store.query import QueryResult, bind_parameters, mask_lexical

from paperkg.errors import EndpointError, QueryError
from paperkg.prefixes import PREFIX_IRIS

_ACCEPT = (
    "application/sparql-results+json, text/turtle;q=0.9, application/n-triples;q=0.8, "
    "application/rdf+xml;q=0.5"
)
_GRAPH_TYPES = {
    "text/turtle": "turtle",
    "application/n-triples": "nt",
    "text/plain": "nt",
    "application/rdf+xml": "xml",
    "application/ld+json": "json-ld",
}


def with_prefixes(text: str) -> str:
    """Declare paperkg's prefixes that a query uses but does not declare, on its first line.

    The local store knows them; a remote endpoint does not. One line keeps line numbers.
    """
    masked = mask_lexical(text)
    declared = {m.lower() for m in re.findall(r"\bPREFIX\s+([\w-]*):", masked, re.I)}
    used = set(re.findall(r"(?<![\w?$])([A-Za-z][\w-]*):", masked))
    extra = [
        f"PREFIX {name}: <{ns}>"
        for name, ns in PREFIX_IRIS.items()
        if name in used and name.lower() not in declared
    ]
    return " ".join(extra) + (" " if extra else "") + text


def run_remote(
    endpoint: str,
    text: str,
    bindings: dict[str, str] | None = None,
    credentials: Credentials | None = None,
) -> QueryResult:
    """Run a query on a SPARQL 1.1 Protocol endpoint; the same result shape as `run_query`
    (rdflib terms).

    A query the server refuses (HTTP 400) raises QueryError, like a local syntax error; an
    endpoint that cannot be reached or fails otherwise raises the protocol's EndpointError.
    """
    bound = bind_parameters(text, bindings or {})
    text = with_prefixes(bound)
    try:
        reply = post_form(endpoint, {"query": text}, accept=_ACCEPT, credentials=credentials)
    except EndpointError as err:
        if err.status != 400:
            raise  # the server failed, not the query: the CLI's exit 1
        raise QueryError(_remote_message(err, len(text) - len(bound))) from None
    if reply.content_type in ("application/sparql-results+json", "application/json"):
        return _parse_json_results(reply.body, endpoint)
    fmt = _GRAPH_TYPES.get(reply.content_type)
    if fmt is None:
        raise QueryError(f"{endpoint}: unexpected answer of type {reply.content_type}")
    from paperkg.graph.rdf.namespaces import bind_prefixes
    from rdflib import Graph

    graph = Graph()
    bind_prefixes(graph)
    try:
        graph.parse(data=reply.body, format=fmt)
    except Exception as err:  # rdflib's parsers raise many types on bad input
        raise QueryError(f"{endpoint}: unreadable {reply.content_type} answer ({err})") from None
    return QueryResult("CONSTRUCT", graph=graph)


def _remote_message(err: EndpointError, shift: int) -> str:
    """A server's syntax error as a local one, columns of line 1 less the added prefixes."""
    found = re.match(r"error at (\d+):(\d+)(.*)", err.detail or "")
    if err.status != 400 or found is None:
        return str(err)
    line, column = int(found.group(1)), int(found.group(2))
    if line == 1:
        column = max(1, column - shift)
    return f"SPARQL syntax error: line {line}, column {column}{found.group(3)}"


def _parse_json_results(body: bytes, endpoint: str) -> QueryResult:
    try:
        data = json.loads(body.decode("utf-8"))
        if "boolean" in data:
            return QueryResult("ASK", boolean=bool(data["boolean"]))
        variables = tuple(data["head"]["vars"])
        rows = tuple(
            tuple(_from_json(b.get(v)) for v in variables) for b in data["results"]["bindings"]
        )
    except (ValueError, KeyError, TypeError, AttributeError) as err:
        raise QueryError(f"{endpoint}: unreadable SPARQL JSON results ({err})") from None
    return QueryResult("SELECT", variables=variables, rows=rows)


def _from_json(cell: dict | None):
    from rdflib import BNode, Literal, URIRef

    if cell is None:
        return None
    kind, value = cell["type"], cell["value"]
    if kind == "uri":
        return URIRef(value)
    if kind == "bnode":
        return BNode(value)
    datatype = cell.get("datatype")
    return Literal(
        value, lang=cell.get("xml:lang"), datatype=URIRef(datatype) if datatype else None
    )
