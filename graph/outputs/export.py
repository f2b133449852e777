"""The export formats, in one registry: name -> file suffix and writer.

`paperkg export --format`, `Graph.export` and `paperkg.api.EXPORT_FORMATS` all read
`FORMATS`. A writer takes the built store (pyoxigraph) and whether queries must read the
union of its named graphs (a store from before the union was materialised), and returns
the file's bytes, sorted so the same notes give byte-identical files. Writers are named
"module:function" and imported when used, so `paperkg export --format turtle` loads neither
rdflib nor networkx. A new format is one entry below and its writer function in its own
module of this package.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pyoxigraph as ox


@dataclass(frozen=True)
class ExportFormat:
    """One export format: its name, the suffix of its files, its writer and what it is."""

    name: str
    suffix: str
    writer: str  # "module:function" of paperkg.graph.outputs: (store, union) -> bytes
    title: str

    def write(self, store: ox.Store, union: bool) -> bytes:
        """The built graph in this format."""
        module, _, function = self.writer.partition(":")
        write = getattr(importlib.import_module(f"paperkg.graph.outputs.{module}"), function)
        return write(store, union)


FORMATS: dict[str, ExportFormat] = {
    f.name: f
    for f in (
        ExportFormat("turtle", ".ttl", "serialize:turtle_export", "Turtle"),
        ExportFormat("jsonld", ".jsonld", "serialize:jsonld_export", "JSON-LD"),
        ExportFormat("ntriples", ".nt", "serialize:ntriples_export", "N-Triples"),
        ExportFormat("nquads", ".nq", "serialize:nquads_export", "N-Quads"),
        ExportFormat("graphml", ".graphml", "graphml:graphml_export", "GraphML"),
        ExportFormat("bibtex", ".bib", "bibtex:bibtex_export", "BibTeX"),
    )
}
