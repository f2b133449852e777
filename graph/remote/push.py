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

from paperkg.graph.rdf.namespaces import VOCABULARY_GRAPH
from paperkg.graph.remote.protocol import Credentials, EndpointError, post_form
from paperkg.graph.store.query import QueryError, sparql_term
from rdflib import Dataset, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.term import BNode, Node

from paperkg.errors import PushError

BATCH_TRIPLES = 2000
# The smallest batch `push` splits down to when a server refuses a request as too large.
MIN_BATCH = 50


@dataclass(frozen=True)
class PushReport:
    """What a push sent."""

    graphs: int
    triples: int
    requests: int
    seconds: float
    batch: int = BATCH_TRIPLES  # the batch size asked for
    final_batch: int = BATCH_TRIPLES  # the size in use at the end (smaller if split)

    def summary_line(self, endpoint: str) -> str:
        split = ""
        if self.final_batch < self.batch:
            split = (
                f"; batches split to {self.final_batch} triples: the server refused {self.batch}"
            )
        return (
            f"pushed {self.triples} triples in {self.graphs} named graphs to {endpoint} "
            f"({self.requests} requests{split}) in {self.seconds:.2f} s"
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


def update_text(graph: NamedGraph, chunk: tuple[tuple[Node, Node, Node], ...], first: bool) -> str:
    """One SPARQL Update: INSERT DATA of `chunk` into the graph, after a DROP if `first`.

    The DROP goes in the same request as the first batch, so a server that runs a request
    as one transaction never shows the graph empty.
    """
    g = sparql_term(graph.iri)
    body = "\n".join(_triple_text(t) for t in chunk)
    text = f"INSERT DATA {{ GRAPH {g} {{\n{body}\n}} }}"
    return f"DROP SILENT GRAPH {g} ;\n{text}" if first and graph.replace else text


def update_requests(graph: NamedGraph, batch: int = BATCH_TRIPLES) -> Iterator[tuple[str, int]]:
    """SPARQL Update texts for one graph in batches of `batch`, with the triples each carries."""
    for start in range(0, len(graph.triples), batch):
        chunk = graph.triples[start : start + batch]
        yield update_text(graph, chunk, start == 0), len(chunk)


def refused_as_too_large(err: EndpointError) -> bool:
    """Whether a smaller request might pass: the server answered, but not with a verdict on
    who we are or where we sent it (401/403/404/405 would fail the same at any size).

    Servers say "too large" in their own ways: 413 (a proxy, GraphDB), 400 (Virtuoso's
    SP031 "generated SQL text has exceeded 10000 lines" for an INSERT DATA of 2,000 triples),
    500 (a server out of memory or time). None of them is tried again at the same size.
    """
    return err.status in (400, 413, 500, 503, 507)


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
    """Send the graphs to `update_url`, calling `progress(triples)` after each request.

    A request the server refuses in a way a smaller one could pass (`refused_as_too_large`)
    is split in halves and sent again, and the smaller size is kept for the rest of the push,
    down to `MIN_BATCH` triples; then the server's own message ends the push. A failure after
    some requests went through says how far the push got: pushing again completes it, as
    every notes file's graph is replaced.
    """
    started = time.perf_counter()
    total = sum(len(g.triples) for g in graphs)
    requests = triples = 0
    size = batch
    for graph in graphs:
        start = 0
        while start < len(graph.triples):
            chunk = graph.triples[start : start + size]
            try:
                post_form(
                    update_url,
                    {"update": update_text(graph, chunk, start == 0)},
                    credentials=credentials,
                )
            except EndpointError as err:
                if refused_as_too_large(err) and size // 2 >= MIN_BATCH:
                    size //= 2
                    continue
                split = refused_as_too_large(err) and size < batch
                raise _failed(err, len(chunk), split, triples, total) from None
            requests += 1
            triples += len(chunk)
            start += len(chunk)
            if progress is not None:
                progress(len(chunk))
    return PushReport(len(graphs), triples, requests, time.perf_counter() - started, batch, size)


def _failed(err: EndpointError, sent: int, split: bool, done: int, total: int) -> EndpointError:
    """The server's one line, with what paperkg tried and how far the push got."""
    message = str(err)
    if split:
        message += f" (also when split down to {_triples(sent)})"
    if done:
        message += f"; {done} of {total} triples were pushed: push again to complete"
    return EndpointError(message, err.status, err.detail)


def _triples(n: int) -> str:
    return f"{n} triple" + ("" if n == 1 else "s")
