"""RDF exports: Turtle, JSON-LD, N-Triples and N-Quads of the built graph.

Each format is one function from a dataset to a file, written atomically; the output is
sorted so the same notes give byte-identical files.
"""

from __future__ import annotations

from pathlib import Path

from paperkg.graph.outputs import serialize
from paperkg.graph.outputs.atomic import write_text_atomic
from paperkg.graph.rdf.namespaces import PREFIXES
from rdflib import Dataset


def _prefixes() -> dict[str, str]:
    return {prefix: str(ns) for prefix, ns in PREFIXES.items()}


def turtle_text(ds: Dataset) -> str:
    return render_ntriples(serialize.sorted_ntriples(ds), "turtle")


def ntriples_text(ds: Dataset) -> str:
    return serialize.sorted_ntriples(ds).decode("utf-8")


def render_ntriples(nt: bytes, fmt: str) -> str:
    """Sorted N-Triples (a build's own, or read from a store) as "turtle", "jsonld" or
    "ntriples" text. Oxigraph writes the Turtle and a one-pass compactor the JSON-LD
    (graph/outputs/serialize.py): rdflib's writers took minutes at scale."""
    if fmt == "turtle":
        return serialize.turtle_bytes(nt, _prefixes()).decode("utf-8")
    if fmt == "jsonld":
        return serialize.jsonld_text(nt, _prefixes())
    if fmt == "ntriples":
        return nt.decode("utf-8")
    raise ValueError(f"no text form {fmt!r} of sorted N-Triples")


def nquads_text(ds: Dataset) -> str:
    fast = serialize.sorted_nquads(ds)  # named graphs only: the default graph is their union
    if fast is not None:
        return fast.decode("utf-8")
    lines = ds.serialize(format="nquads").splitlines()
    return "\n".join(sorted(line for line in lines if line.strip())) + "\n"


def jsonld_text(ds: Dataset) -> str:
    return render_ntriples(serialize.sorted_ntriples(ds), "jsonld")


FORMATS = {
    "turtle": (turtle_text, "graph.ttl"),
    "jsonld": (jsonld_text, "graph.jsonld"),
    "ntriples": (ntriples_text, "graph.nt"),
    "nquads": (nquads_text, "graph.nq"),
}


def export_rdf(ds: Dataset, fmt: str, path: str | Path) -> Path:
    """Write the dataset in `fmt` ("turtle", "jsonld", "ntriples", "nquads") to `path`."""
    render, _ = FORMATS[fmt]
    return write_text_atomic(path, render(ds))
