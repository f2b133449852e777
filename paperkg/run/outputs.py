"""The output folder a build writes: store, Turtle, JSON-LD, GraphML and HTML, with timings.

This is the one place that strings extract and graph together, so the CLI, the benchmark
and a notebook user all run the same build.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from paperkg.errors import StrictError
from paperkg.graph.outputs.atomic import (
    remove_stale,
    staged_folder,
    write_atomic,
    write_text_atomic,
)
from paperkg.run.forked import Child, Inbox, fork_available
from paperkg.run.manifest import BuildState
from paperkg.run.output_folder import OutputClaim, claim_output_folder

if TYPE_CHECKING:
    from paperkg.extract.language.vocabulary import Vocabulary
    from paperkg.extract.reading.finding import NotesSearch
    from paperkg.extract.records import NotesFile
    from paperkg.graph.outputs.view_json import NodeTexts
    from paperkg.graph.rdf.build import BuildSummary, BuiltRdf
    from paperkg.graph.rdf.graph_memo import StoredGraphs
    from paperkg.run.graph_cache import GraphCache
    from paperkg.run.store_loader import StoreLoader
    from paperkg.run.warm import WarmBuild

# entries from which a build forks its store loader and text writers: 40x the example has
# 4,960, the example 124 (its whole last stage takes 0.3 s, where two forks would show)
FORK_MIN_ENTRIES = 1_000
FIRST_PIECE_LINES = 20_000  # the store's first piece, small so its loader starts early
_LEFT: list[object] | None = None  # what builds leave to the process's exit (`leave_unfreed`)


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
    up_to_date: bool = False  # nothing changed since the last build: nothing was written

    def summary_line(self) -> str:
        s = self.summary
        total = sum(self.seconds.values())
        if self.up_to_date:
            return (
                f"up to date: {s.papers} papers, {s.topics} topics, {s.techniques} techniques, "
                f"{s.relations} relations from {self.files} notes file"
                f"{'s' if self.files != 1 else ''} (nothing changed; {s.triples} triples) "
                f"in {total:.2f} s"
            )
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


def leave_unfreed() -> None:
    """This process ends with `os._exit` once its command returns (the CLI's `run`): from
    now on a build that keeps nothing for a watch leaves its records, triples and property
    graph to that exit instead of freeing them object by object (millions of them: 0.3-0.4 s
    of a one-note edit at 40x the example). Never for a process that goes on building."""
    global _LEFT
    if _LEFT is None:
        _LEFT = []


def _leave(*objects: object) -> None:
    if _LEFT is not None:
        _LEFT.extend(objects)


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
        if _LEFT is not None:
            # the process ends next (`leave_unfreed`): what the build made would be scanned
            # once more by the first collection, whole (0.5 s at 40x), for nothing
            gc.freeze()
        if was_enabled:
            gc.enable()


def build_outputs(
    notes: Sequence[str | Path],
    out_dir: str | Path,
    vocab_files: Sequence[str | Path] = (),
    html: bool = True,
    strict: bool = False,
    workers: int | None = None,
    search: NotesSearch | None = None,
    force: bool = False,
    warm: WarmBuild | None = None,
) -> BuildReport:
    """Extract notes, build the store aside, write every output, then swap the store in.

    With `strict`, any warning raises `StrictError` before anything is written. `workers`
    caps the processes extraction uses (default: the CPUs; `extract.parallel`). `search`
    says which files of folders are notes (`extract/reading/finding.py`); `out_dir` must be
    new, empty or paperkg's unless `force` (`paperkg/run/output_folder.py`). `warm` is what
    a watching process kept of its last build (`paperkg/run/warm.py`).
    """
    claim = claim_output_folder(out_dir, force)
    start = time.perf_counter()
    if Path(out_dir).is_dir():
        remove_stale(Path(out_dir))  # what a killed build left, before judging the outputs
    # a watch's first build fills what its rebuilds reuse (paperkg/run/warm.py), so it
    # builds even when nothing changed (the same bytes are published again)
    cold_watch = warm is not None and warm.published is None
    last = None if cold_watch else BuildState(out_dir).check(notes, vocab_files, html, search)
    if last is not None:
        warnings = claim.warnings + last.warnings  # a kept foreign file is said every time
        if strict and warnings:
            raise StrictError(warnings)
        return BuildReport(
            summary=last.counts,  # type: ignore[arg-type] - the same fields, without rdflib
            warnings=warnings,
            seconds={"check": time.perf_counter() - start},
            files=last.files,
            reused=last.reused,
            up_to_date=True,
        )
    with _collector_paused():
        return _build_outputs(notes, claim, vocab_files, html, strict, workers, search, warm)


def fork_worthwhile(files: Sequence[NotesFile]) -> bool:
    """Whether this build's last stage goes to forked children (paperkg/run/forked.py): where
    fork is safe and a second CPU runs them, for builds big enough to gain more than the
    forks cost (a few hundred entries take well under a second of it all)."""
    return sum(len(f.entries) for f in files) >= FORK_MIN_ENTRIES and fork_available()


def _build_outputs(
    notes: Sequence[str | Path],
    claim: OutputClaim,
    vocab_files: Sequence[str | Path],
    html: bool,
    strict: bool,
    workers: int | None,
    search: NotesSearch | None,
    warm: WarmBuild | None = None,
) -> BuildReport:
    from paperkg.run.graph_cache import GraphCache
    from paperkg.run.incremental import RecordCache, start_incremental

    clock = _Clock()
    out_dir = claim.folder
    # the notes are read and their parse started in worker processes before this process
    # imports spaCy, rdflib and the writers below: those imports run beside the parse
    with start_incremental(notes, out_dir, vocab_files, workers, search) as pending:
        claim.mark()  # the notes are readable: the folder is paperkg's before the first record
        clock.lap("extract")
        from paperkg.extract.language.vocabulary import load_vocabulary
        from paperkg.graph.rdf import build  # noqa: F401 - used below
        from paperkg.graph.store.disk import staged_store_folder, store_identity

        clock.lap("import")
        vocab = load_vocabulary(vocab_files)
        clock.lap("vocabulary")
        # earlier builds' graphs (paperkg/run/graph_cache.py), read while a worker extracts
        stored = None if warm is not None else GraphCache(RecordCache(out_dir).folder, pending.keys)
        extraction = pending.finish(vocab, meanwhile=stored.prefetch if stored else None)
    # what the store published holds, when an earlier process said so: patched, not loaded
    published = stored.published(store_identity(out_dir)) if stored is not None else None
    clock.lap("extract")
    clock.split("extract", extraction.seconds)
    warnings = claim.warnings + extraction.warnings
    if strict and warnings:
        raise StrictError(warnings)
    forking = fork_worthwhile(extraction.files)
    # every output is written into a staging folder and published together at the end
    # (graph/outputs/atomic.py): a failed or killed build leaves the previous outputs intact
    with staged_folder(out_dir) as stage, staged_store_folder(stage) as store_dir:
        # the store loads on a second core from the first graph made to the end (in a
        # forked child, so that this process runs no thread when it forks its writer);
        # the RDF is made once (graph/rdf/build.py): every output is written from the same
        # triples, none read back from the store
        loader, forking = _store_loader(out_dir, store_dir, forking, warm, published)
        if warm is not None:
            warm.start()
        try:
            summary = _write_outputs(
                extraction.files, vocab, stage, loader, html, clock, forking, warm, stored
            )
        except BaseException:
            loader.abort()
            raise
        loader.finish()
        clock.lap("store")
        claim.withhold(stage)
    _keep_what_was_built(out_dir, warm, stored, extraction.keys)
    if warm is None:
        _leave(extraction)
    BuildState(out_dir).record(
        notes,
        vocab_files,
        html,
        extraction.sources,
        summary,
        extraction.warnings,
        extraction.reextracted + extraction.reused,
        search,
    )
    return BuildReport(
        summary=summary,
        warnings=warnings,
        seconds=clock.seconds,
        files=len(extraction.files),
        reextracted=extraction.reextracted,
        reused=extraction.reused,
        dropped=extraction.dropped,
    )


def _keep_what_was_built(
    out_dir: Path, warm: WarmBuild | None, stored: GraphCache | None, record_keys: Mapping[str, str]
) -> None:
    """The outputs are published: keep what the next build reuses, and only that. The
    graph cache says which store holds its graphs after the swap (its identity)."""
    from paperkg.graph.store.disk import store_identity
    from paperkg.run.incremental import RecordCache

    if warm is not None:
        warm.done(out_dir)
    RecordCache(out_dir).commit(record_keys)
    if stored is not None:
        stored.publish(store_identity(out_dir))
        stored.commit()


def _store_loader(
    out_dir: Path,
    store_dir: Path,
    forking: bool,
    warm: WarmBuild | None,
    published: Mapping[str, Sequence[str]] | None = None,
) -> tuple[StoreLoader, bool]:
    """The store's loader, and whether the rest of the build forks: a watch's rebuild that
    patches the published store forks nothing. Each child shares the watch's whole heap,
    and every page either side then writes is copied (40x, in process: 1.06 s a save with
    the store's and the view's children, 0.77 s without). Another process patches the
    published store when it has the `published` graphs' lines (paperkg/run/graph_cache.py):
    in a child when it forks, as it would load in one."""
    from paperkg.graph.store.disk import store_path
    from paperkg.run.store_loader import PatchLoader, ProcessLoader, ThreadLoader

    patch = warm.patcher(out_dir, store_dir) if warm is not None else None
    if patch is not None:
        return patch, False
    if published is not None:
        live = store_path(out_dir)
        return PatchLoader(store_dir, live, forked=forking, before=published), forking
    return (ProcessLoader(store_dir) if forking else ThreadLoader(store_dir)), forking


def _write_outputs(
    files: Sequence[NotesFile],
    vocab: Vocabulary,
    stage: Path,
    loader: StoreLoader,
    html: bool,
    clock: _Clock,
    forking: bool,
    warm: WarmBuild | None = None,
    stored: StoredGraphs | None = None,
) -> BuildSummary:
    """Make the RDF, hand the store its pieces as they come, and write the output files."""
    from paperkg.graph.outputs.graphml import graphml_bytes
    from paperkg.graph.outputs.jsonld import jsonld_from_index
    from paperkg.graph.outputs.projection import to_networkx
    from paperkg.graph.outputs.serialize import render_ntriples
    from paperkg.prefixes import PREFIX_IRIS

    rdf = _make_rdf(files, vocab, loader, warm, stored)
    triples = rdf.reader  # indexed by predicate once, read by the writers below
    if warm is not None:
        clock.lap("rdf")
        _write_by_difference(rdf, stage, html, clock, forking, warm)
        return rdf.summary()
    nt = rdf.ntriples()
    index = triples.index()
    clock.lap("rdf")
    text = (
        Child("writing Turtle and JSON-LD", partial(_write_text, stage, nt, index))
        if forking
        else None
    )
    with text or nullcontext():
        if text is None:
            write_text_atomic(stage / "graph.ttl", render_ntriples(nt, "turtle"))
            clock.lap("turtle")
            write_text_atomic(stage / "graph.jsonld", jsonld_from_index(index, PREFIX_IRIS))
            clock.lap("jsonld")
        summary = rdf.summary()
        g = to_networkx(triples)
        data = graphml_bytes(g)
        write_atomic(stage / "graph.graphml", lambda handle: handle.write(data))
        clock.lap("graphml")
        if html:
            from paperkg.graph.outputs.view import write_view

            write_view(triples, stage / "graph.html", graph=g)
            clock.lap("html")
        if text is not None:
            text.wait()
            clock.lap("turtle+jsonld")
    _leave(rdf, index, g)
    return summary


def _write_by_difference(
    rdf: BuiltRdf, stage: Path, html: bool, clock: _Clock, forking: bool, warm: WarmBuild
) -> None:
    """A watch's rebuild: every output from what the last build kept (paperkg/run/warm.py),
    the view, which moves every node when one paper comes, in a child on the second core."""
    from paperkg.graph.outputs.graphml import kept_graphml_pieces
    from paperkg.graph.outputs.projection import mentions_by_paper, project
    from paperkg.prefixes import PREFIX_IRIS

    triples = rdf.reader
    changes = warm.kept.update(project(triples, warm.projection))
    g = warm.kept.projection  # what a graph would hold: the view needs no networkx graph
    mentions = mentions_by_paper(triples, warm.projection) if html else {}
    if html:
        warm.view_nodes.update(g.nodes)  # here: a child's would be lost with it
    clock.lap("graph")
    view = (
        Child("writing the view", partial(_write_view, stage, g, mentions, warm.view_nodes))
        if html and forking
        else None
    )
    with view or nullcontext():
        turtle = warm.turtle.pieces(warm.union, PREFIX_IRIS)
        write_atomic(stage / "graph.ttl", lambda handle: handle.writelines(turtle))
        clock.lap("turtle")
        jsonld = warm.jsonld.pieces(warm.union, triples.index(), PREFIX_IRIS)
        write_atomic(stage / "graph.jsonld", lambda handle: handle.writelines(jsonld))
        clock.lap("jsonld")
        graphml = kept_graphml_pieces(warm.kept, changes, warm.elements)
        write_atomic(stage / "graph.graphml", lambda handle: handle.writelines(graphml))
        clock.lap("graphml")
        if html and view is None:
            _write_view(stage, g, mentions, warm.view_nodes)
        if view is not None:
            view.wait()
        if html:
            clock.lap("html")


def _write_view(
    stage: Path, g, mentions: dict, texts: NodeTexts | None = None, inbox: Inbox | None = None
) -> None:
    """The HTML view of the property graph `g` (in a forked child, or here)."""
    from paperkg.graph.outputs.view import render_view

    write_text_atomic(stage / "graph.html", render_view(g, mentions=mentions, texts=texts))


def _make_rdf(
    files: Sequence[NotesFile],
    vocab: Vocabulary,
    loader: StoreLoader,
    warm: WarmBuild | None,
    stored: StoredGraphs | None = None,
) -> BuiltRdf:
    """The RDF, made once; the store gets its pieces as they come, or, patched from the
    published one (graph/store/patch.py), the difference once the union is sorted."""
    from paperkg.graph.rdf.build import QuadPieces, build_rdf, ntriples_pieces
    from paperkg.run.store_loader import PatchLoader

    pieces = QuadPieces(first=FIRST_PIECE_LINES)

    def load_graph(graph: str, lines: list[str]) -> None:
        for piece in pieces.add(graph, lines):
            loader.piece(piece)

    memo, sorter, indexer = (warm.graphs, warm.union, warm.index) if warm else (None,) * 3
    on_graph = load_graph if loader.takes_pieces else None
    rdf = build_rdf(
        files, vocab, on_graph, memo=memo, sorter=sorter, indexer=indexer, stored=stored
    )
    rdf.sorted_lines  # noqa: B018 - sorted by difference with a sorter, which then holds it
    if stored is not None:
        stored.hold(rdf.lines, rdf.stored_keys)
    if isinstance(loader, PatchLoader):
        update = warm.delta(rdf.lines) if warm is not None else loader.delta(rdf.lines)
        loader.start(update, rdf.nquads)
    else:
        for piece in pieces.flush():
            loader.piece(piece)
        for piece in ntriples_pieces(rdf.ntriples()):
            loader.piece(piece)
    return rdf


def _write_text(stage: Path, nt: bytes, index, inbox: Inbox) -> None:
    """The forked writer's work: Turtle and JSON-LD from what the parent had made."""
    from paperkg.graph.outputs.jsonld import jsonld_from_index
    from paperkg.graph.outputs.serialize import (
        render_ntriples,  # imported already: the parent wrote with them
    )
    from paperkg.prefixes import PREFIX_IRIS

    write_text_atomic(stage / "graph.ttl", render_ntriples(nt, "turtle"))
    write_text_atomic(stage / "graph.jsonld", jsonld_from_index(index, PREFIX_IRIS))
