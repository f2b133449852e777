"""The output folder a build writes: store, Turtle, JSON-LD, GraphML and HTML, with timings.

This is the one place that strings extract and graph together, so the CLI, the benchmark
and a notebook user all run the same build.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import StrictError
from .atomic import staged_folder, write_atomic, write_text_atomic
from .incremental import RecordCache, start_incremental

if TYPE_CHECKING:
    from .build import BuildSummary


@dataclass
class BuildReport:
    """What a build did: counts, warnings, and seconds per stage."""

    summary: BuildSummary
    warnings: tuple[str, ...]
    seconds: dict[str, float] = field(default_factory=dict)
    files: int = 0
    reextracted: tuple[str, ...] = ()  # notes files extracted anew (content or extractor changed)
    reused: tuple[str, ...] = ()  # notes files whose cached records were reused
    dropped: tuple[str, ...] = ()  # notes files of the previous build no longer given

    def summary_line(self) -> str:
        s = self.summary
        total = sum(self.seconds.values())
        dropped = f", {len(self.dropped)} dropped" if self.dropped else ""
        return (
            f"{s.papers} papers, {s.topics} topics, {s.techniques} techniques, "
            f"{s.relations} relations from {self.files} notes file"
            f"{'s' if self.files != 1 else ''} ({len(self.reextracted)} re-extracted, "
            f"{len(self.reused)} reused{dropped}; {s.triples} triples) in {total:.2f} s"
        )


class _Clock:
    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}
        self._last = time.perf_counter()

    def lap(self, stage: str) -> None:
        now = time.perf_counter()
        self.seconds[stage] = self.seconds.get(stage, 0.0) + now - self._last
        self._last = now

    def split(self, stage: str, parts: dict[str, float]) -> None:
        """Report a stage by its parts (extract: read, parse, nlp); the rest keeps its name."""
        rest = self.seconds.pop(stage, 0.0) - sum(parts.values())
        for name, seconds in parts.items():
            self.seconds[name] = self.seconds.get(name, 0.0) + seconds
        self.seconds[stage] = self.seconds.get(stage, 0.0) + max(rest, 0.0)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector for a build, then restore it as it was.

    A build allocates millions of small objects that live until it ends (records, RDF terms,
    quads, rows), and the collector rescans the whole growing heap each time enough of them
    pile up: a third of the RDF stage at 100x (22.8 s with it, 14.4 s without). What a build
    leaves as cyclic garbage is collected once, when the collector is back.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def build_outputs(
    notes: Sequence[str | Path],
    out_dir: str | Path,
    vocab_files: Sequence[str | Path] = (),
    html: bool = True,
    strict: bool = False,
    workers: int | None = None,
) -> BuildReport:
    """Extract notes, build the store aside, write every output, then swap the store in.

    With `strict`, any warning raises `StrictError` before anything is written. `workers`
    caps the processes extraction uses (default: the CPUs; `extract.parallel`).
    """
    with _collector_paused():
        return _build_outputs(notes, out_dir, vocab_files, html, strict, workers)


def _build_outputs(
    notes: Sequence[str | Path],
    out_dir: str | Path,
    vocab_files: Sequence[str | Path],
    html: bool,
    strict: bool,
    workers: int | None,
) -> BuildReport:
    clock = _Clock()
    # the notes are read and their parse started in worker processes before this process
    # imports spaCy, rdflib and the writers below: those imports run beside the parse
    with start_incremental(notes, out_dir, vocab_files, workers) as pending:
        clock.lap("extract")
        from ..extract.vocabulary import load_vocabulary
        from .build import build_rdf
        from .bulk_load import load_built
        from .export import render_ntriples
        from .graphml import graphml_bytes
        from .jsonld import jsonld_from_index
        from .prefixes import PREFIX_IRIS
        from .projection import to_networkx
        from .store import staged_store

        clock.lap("import")
        vocab = load_vocabulary(vocab_files)
        clock.lap("vocabulary")
        extraction = pending.finish(vocab)
    clock.lap("extract")
    clock.split("extract", extraction.seconds)
    if strict and extraction.warnings:
        raise StrictError(extraction.warnings)
    # every output is written into a staging folder and published together at the end
    # (graph/atomic.py): a failed or killed build leaves the previous outputs intact
    with (
        staged_folder(out_dir) as stage,
        staged_store(stage) as ds,
        ThreadPoolExecutor(max_workers=1) as loader,
    ):
        # the RDF is made once (graph/build.py): the store is loaded from it, and every
        # output is written from the same triples, none read back from the store
        rdf = build_rdf(extraction.files, vocab)
        # Oxigraph loads the store in Rust with the GIL released: on a second core, while
        # this thread writes the other outputs (graph/bulk_load.py); the longest task of a
        # big build, so it starts first
        loading = loader.submit(load_built, ds, rdf)
        summary = rdf.summary()
        nt = rdf.ntriples()
        clock.lap("rdf")
        write_text_atomic(stage / "graph.ttl", render_ntriples(nt, "turtle"))
        clock.lap("turtle")
        triples = rdf.reader  # indexed by predicate once, read by the writers below
        write_text_atomic(stage / "graph.jsonld", jsonld_from_index(triples.index(), PREFIX_IRIS))
        clock.lap("jsonld")
        g = to_networkx(triples)
        data = graphml_bytes(g)
        write_atomic(stage / "graph.graphml", lambda handle: handle.write(data))
        clock.lap("graphml")
        if html:
            from .view import write_view

            write_view(triples, stage / "graph.html", graph=g)
            clock.lap("html")
        loading.result()
    clock.lap("store")
    RecordCache(out_dir).commit(extraction.keys)
    return BuildReport(
        summary=summary,
        warnings=extraction.warnings,
        seconds=clock.seconds,
        files=len(extraction.files),
        reextracted=extraction.reextracted,
        reused=extraction.reused,
        dropped=extraction.dropped,
    )
