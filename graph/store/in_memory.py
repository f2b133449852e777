"""Records to an in-memory RDF dataset in one call, and its counts by SPARQL.

A build (paperkg/run/outputs.py) streams its RDF into an on-disk store; tests and notebooks
that want a dataset of a few records without an output folder call `build_dataset`, and
`summarize` counts what a dataset holds the way the build's summary line does.
"""

from __future__ import annotations

from collections.abc import Sequence

from paperkg.extract.language.vocabulary import Vocabulary
from paperkg.extract.records import NotesFile
from paperkg.graph.rdf.build import BuildSummary, build_rdf
from paperkg.graph.rdf.namespaces import TOPIC_SCHEME
from paperkg.graph.store.bulk_load import load_built
from paperkg.graph.store.disk import open_dataset
from rdflib import Dataset


def build_dataset(
    notes_files: Sequence[NotesFile], vocab: Vocabulary, ds: Dataset | None = None
) -> Dataset:
    """Records to an RDF dataset in an Oxigraph store: one named graph per notes file.

    Pass `ds` to build into an existing (say on-disk) dataset; else an in-memory one is made.
    """
    ds = open_dataset() if ds is None else ds
    load_built(ds, build_rdf(notes_files, vocab))
    return ds


def summarize(ds: Dataset) -> BuildSummary:
    """Counts of papers, topics, techniques and relations, by SPARQL over the union."""

    def count(query: str) -> int:
        return int(next(iter(ds.query(query)))[0])

    return BuildSummary(
        papers=count("SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE { ?p pkg:notedIn ?e }"),
        topics=count(
            f"SELECT (COUNT(DISTINCT ?t) AS ?n) WHERE {{ ?t skos:inScheme <{TOPIC_SCHEME}> }}"
        ),
        techniques=count("SELECT (COUNT(DISTINCT ?t) AS ?n) WHERE { ?p schema:mentions ?t }"),
        relations=count("SELECT (COUNT(*) AS ?n) WHERE { ?a dcterms:relation ?b }"),
        triples=count("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"),
    )
