"""Bulk loading of a build's triples into the Oxigraph store, as text Oxigraph parses.

oxrdflib's `addN` converts every rdflib term with a chain of Python checks and writes
through a transaction, and even a pyoxigraph `Quad` costs microseconds to make: on a
5,000-paper archive either was most of the RDF stage. The build already holds each distinct
term's N-Triples spelling (graph/rdf/terms.py), so the quads go to Oxigraph as one N-Quads text
through `bulk_load`, parsed in Rust. Stores that are not Oxigraph get rdflib's parser.
"""

from __future__ import annotations

import pyoxigraph as ox
from rdflib import Dataset


def load_built(ds: Dataset, rdf) -> None:
    """Load a build's triples (graph/rdf/build.py `BuiltRdf`) into the dataset.

    Into Oxigraph go the named graphs and their union, the default graph, which queries
    read from then on (see `materialise_union`): N-Quads text that Oxigraph parses in Rust,
    with the GIL released, so a build runs this in a thread while it writes its other
    outputs. Other stores get the named graphs only, through rdflib's parser.
    """
    store = getattr(ds.store, "_inner", None)
    if not isinstance(store, ox.Store):
        text = b"".join(rdf.nquads(union=False)).decode("utf-8")
        ds.parse(data=text, format="nquads")
        return
    store.remove_graph(ox.DefaultGraph())
    # bulk_load skips the transaction: a build writes a staged store that nobody reads
    # until it is complete (graph/store/disk.py swaps it in afterwards)
    for piece in rdf.nquads(union=True):
        store.bulk_load(piece, format=ox.RdfFormat.N_QUADS)
    # each piece leaves its own files per index; compacted, the saved queries on 12,400
    # papers ran 1.4-2x faster (as fast as after one bulk load of everything, which
    # needed 1.3 GB)
    store.optimize()
    ds.default_union = False


def materialise_union(ds: Dataset) -> None:
    """Copy every distinct triple of the named graphs into the default graph, and query that.

    Oxigraph's union-of-named-graphs mode returns a solution once per graph holding the
    triple (every notes file repeats its topics) and evaluates property paths per graph:
    at 10x the example notes `topic-tree` took 63 s and `top-rated` listed each paper 10
    times; on the deduplicated default graph, 0.15 s and once. Named graphs stay as they
    are (one per notes file, for push and incremental builds); the default graph is the
    RDF merge of them, rewritten by every build. Non-Oxigraph datasets keep union mode.
    """
    store = getattr(ds.store, "_inner", None)
    if not isinstance(store, ox.Store):
        return
    store.remove_graph(ox.DefaultGraph())
    triples = {q.triple for q in store.quads_for_pattern(None, None, None, None)}
    store.bulk_extend(
        [ox.Quad(t.subject, t.predicate, t.object, ox.DefaultGraph()) for t in triples]
    )
    ds.default_union = False


def has_materialised_union(ds: Dataset) -> bool:
    """Whether a build wrote the union into the default graph (stores before it did not)."""
    store = getattr(ds.store, "_inner", None)
    if not isinstance(store, ox.Store):
        return False
    return (
        next(iter(store.quads_for_pattern(None, None, None, ox.DefaultGraph())), None) is not None
    )
