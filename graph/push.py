"""`paperkg push`: the built graph into any SPARQL 1.1 Update endpoint, one notes file per graph.

A lab pools everyone's notes in a server it already runs (Oxigraph, Fuseki, GraphDB,
Virtuoso, Neptune), so paperkg speaks plain SPARQL 1.1 Update over the protocol rather than
any server's own API. Each notes file's named graph is replaced (DROP SILENT GRAPH, then
INSERT DATA in batches), so pushing again leaves the same triples, never duplicates. The
vocabulary graph is only added to: it holds the techniques each pusher's notes use, and
replacing it would drop the labels of a colleague's techniques.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from rdflib import Dataset, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.term import BNode, Node

from ..errors import PushError
from .namespaces import VOCABULARY_GRAPH
from .protocol import Credentials, post_form
from .query import QueryError, sparql_term

BATCH_TRIPLES = 2000


@dataclass(frozen=True)
class PushReport:
    """What a push sent."""

    graphs: int
    triples: int
    requests: int
    seconds: float

    def summary_line(self, endpoint: str) -> str:
        return (
            f"pushed {self.triples} triples in {self.graphs} named graphs to {endpoint} "
            f"({self.requests} requests) in {self.seconds:.2f} s"
        )


@dataclass(frozen=True)
class NamedGraph:
    """One named graph to send, with its triples sorted (same batches on every push)."""

    iri: URIRef
    triples: tuple[tuple[Node, Node, Node], ...]
    replace: bool


def named_graphs(ds: Dataset) -> list[NamedGraph]:
    """The dataset's named graphs in IRI order; all but the vocabulary graph are replaced."""
    out = []
    for graph in sorted(ds.graphs(), key=lambda g: str(g.identifier)):
        iri = graph.identifier
        if not isinstance(iri, URIRef) or iri == DATASET_DEFAULT_GRAPH_ID:
            continue  # the default graph: a build writes nothing there
        triples = tuple(sorted(graph.triples((None, None, None))))
        if triples:
            out.append(NamedGraph(iri, triples, replace=iri != VOCABULARY_GRAPH))
    return out


def _triple_text(triple: tuple[Node, Node, Node]) -> str:
    if any(isinstance(term, BNode) for term in triple):
        raise PushError(f"blank node in {triple!r}: paperkg mints IRIs; rebuild the graph")
    try:
        return " ".join(sparql_term(term) for term in triple) + " ."
    except QueryError as err:
        raise PushError(f"cannot push {triple[0]}: {err}") from None


def update_requests(graph: NamedGraph, batch: int = BATCH_TRIPLES) -> Iterator[tuple[str, int]]:
    """SPARQL Update texts for one graph, with the number of triples each carries.

    The DROP goes in the same request as the first batch, so a server that runs a request
    as one transaction never shows the graph empty.
    """
    g = sparql_term(graph.iri)
    for start in range(0, len(graph.triples), batch):
        chunk = graph.triples[start : start + batch]
        body = "\n".join(_triple_text(t) for t in chunk)
        text = f"INSERT DATA {{ GRAPH {g} {{\n{body}\n}} }}"
        if start == 0 and graph.replace:
            text = f"DROP SILENT GRAPH {g} ;\n{text}"
        yield text, len(chunk)


def push_dataset(
    ds: Dataset,
    update_url: str,
    credentials: Credentials | None = None,
    batch: int = BATCH_TRIPLES,
) -> PushReport:
    """Send every named graph of `ds` to `update_url` (a notebook user's one call)."""
    return push_graphs(named_graphs(ds), update_url, credentials, batch)


def push_graphs(
    graphs: list[NamedGraph],
    update_url: str,
    credentials: Credentials | None = None,
    batch: int = BATCH_TRIPLES,
    progress: Callable[[int], None] | None = None,
) -> PushReport:
    """Send the graphs to `update_url`, calling `progress(triples)` after each request."""
    started = time.perf_counter()
    requests = triples = 0
    for graph in graphs:
        for text, count in update_requests(graph, batch):
            post_form(update_url, {"update": text}, credentials=credentials)
            requests += 1
            triples += count
            if progress is not None:
                progress(count)
    return PushReport(len(graphs), triples, requests, time.perf_counter() - started)
