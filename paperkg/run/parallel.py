"""Extraction on every core: notes files, and the entries of a long one, in forked workers.

On a lab's archive most of a build is pure Python on one core: markdown-it-py's parse and
the spaCy pipeline's components. The work splits cleanly: a file parses alone, and an entry's
NLP needs only its file's titles (for cross-references), never another entry's results.

Two rounds of forked workers, so each inherits what it needs instead of receiving it:
1. parse: each notes file in a worker. `start_extraction` forks them before spaCy is even
   imported (this module and the Markdown side import neither spaCy nor rdflib), so the
   parse runs while the parent imports the rest and compiles the NLP pipeline;
2. NLP: each file, or a range of a long file's entries, in a worker forked after the parse,
   so the compiled pipeline and every parsed entry are already in its memory.
Workers send back plain records (pickled), and the parent puts them back in file and entry
order: the result equals one process's, record for record. Small builds, machines with one
core, platforms without fork, and processes that already run threads (where fork is unsafe)
stay in one process.

A third way serves the build after an edit: one or two files changed among many whose
records the cache holds. Too little text to split, but the parent has a second job of its
own, decoding the cached records (0.5 s for 39 files at 40x the example), and spaCy is not
yet imported (1.3 s with the pipeline). So one worker, forked before the decoding starts,
extracts the changed files from scratch (`beside`): it imports spaCy, loads the vocabulary
and runs the NLP while the parent decodes, and the parent never imports spaCy at all. A
process that has spaCy already (a watch) gains nothing by it and extracts in place.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from paperkg.extract.reading.markdown import ParsedNotes, parse_notes
from paperkg.extract.reading.source import NotesSource
from paperkg.extract.records import ExtractedEntry, NotesFile
from paperkg.run.record_json import entries_json
from paperkg.run.workers import ForkedRun, fork_safe, start_forked, usable_cpus

# Below this much text (about four times the example notes) forking costs more than it saves.
MIN_PARALLEL_CHARS = 300_000
# A long file's entries go to the workers in ranges of this many, at least: each range
# pays once for its file's catalogue of titles in each worker that takes it.
MIN_RANGE_ENTRIES = 250
# More workers than this rarely pay on notes: each compiles its share of the vocabulary.
MAX_WORKERS = 8
WORKERS_ENV = "PAPERKG_WORKERS"


@dataclass(frozen=True)
class SourceJob:
    """A decoded notes file to extract, the folder path it is filed under, and the key its
    records are cached under (`graph.incremental`), if they are."""

    source: NotesSource
    folder: tuple[str, ...] = ()
    cache_key: str | None = None


class RecordStore(Protocol):
    """Where extracted records are kept for the next build (`graph.incremental.RecordCache`);
    `entries` is their `record_json.entries_json` when a worker made it already."""

    def store(self, key: str, notes: NotesFile, entries: str | None = None) -> None: ...


def worker_count(requested: int | None = None) -> int:
    """Workers to use: `requested`, else $PAPERKG_WORKERS, else the CPUs this process may
    use (at most MAX_WORKERS); 1 where fork is unavailable (Windows) or unsafe once system
    frameworks are loaded (macOS)."""
    if not hasattr(os, "fork") or sys.platform == "darwin":
        return 1
    if requested is None:
        env = os.environ.get(WORKERS_ENV, "").strip()
        requested = int(env) if env.isdigit() else None
    if requested is None:
        requested = min(usable_cpus(), MAX_WORKERS)
    return max(1, requested)


def _parallel(jobs: Sequence[SourceJob], workers: int) -> bool:
    size = sum(len(job.source.text) for job in jobs)
    return workers >= 2 and size >= MIN_PARALLEL_CHARS and fork_safe()


def _beside(jobs: Sequence[SourceJob], workers: int) -> bool:
    """Whether one worker should extract `jobs` whole while the parent does other work: a
    second CPU, fork safe, and spaCy not yet imported here (its import is what overlaps)."""
    return bool(jobs) and workers >= 2 and "spacy" not in sys.modules and fork_safe()


class PendingExtraction:
    """Extraction under way: the parse round runs in workers until `finish`. Leave a `with`
    block by an exception (Ctrl-C included) and the workers are stopped.

    `beside`, when given, is the vocabulary files of a build whose parent has work of its
    own to do until `finish`: small jobs then go whole to one worker, which loads the
    vocabulary from them itself (see the module's docstring)."""

    def __init__(
        self,
        jobs: Sequence[SourceJob],
        workers: int | None = None,
        beside: Sequence[str | Path] | None = None,
    ) -> None:
        self.jobs = tuple(jobs)
        self.workers = worker_count(workers)
        self._parsing: ForkedRun | None = None
        self._whole: ForkedRun | None = None
        if _parallel(self.jobs, self.workers):
            sizes = [len(job.source.text) for job in self.jobs]
            self._parsing = start_forked(_parse_job, self.jobs, self.workers, sizes)
        elif beside is not None and _beside(self.jobs, self.workers):
            tasks = [(job, tuple(beside)) for job in self.jobs]
            self._whole = start_forked(_extract_whole, tasks, 1)

    def __enter__(self) -> PendingExtraction:
        return self

    def __exit__(self, kind, value, traceback) -> None:
        for run in (self._parsing, self._whole):
            if run is not None:
                run.stop()
        self._parsing = self._whole = None

    def finish(
        self,
        vocab: object,
        seconds: dict[str, float] | None = None,
        cache: RecordStore | None = None,
        meanwhile: Callable[[], None] | None = None,
    ) -> list[NotesFile]:
        """Each job's records, in the jobs' order; stored in `cache` under their keys.
        `meanwhile`, if given, runs here while a worker beside extracts (`beside`).

        Adds to `seconds` the wall time of the parse and NLP rounds ("parse", "nlp"; the
        parse round counted from the end of whatever ran beside it) and of storing
        ("cache", when the parent stores)."""
        seconds = seconds if seconds is not None else {}
        if self._whole is not None:
            if meanwhile is not None:
                meanwhile()
            return self._from_beside(seconds, cache)
        if self._parsing is None:
            return self._serial(vocab, seconds, cache)
        with self._parsing as parsing:
            # imported inside the block: a Ctrl-C during spaCy's import stops the workers too
            from paperkg.extract.language.pipeline import build_nlp

            # in the parent while the parse runs, for the NLP round's workers to share: the
            # pipeline, and the vocabulary's patterns the notes' words call for
            patterns = build_nlp(vocab).get_pipe("paperkg_technique_ruler").patterns
            for job in self.jobs:
                patterns.admit_text(job.source.text)
            start = time.perf_counter()
            parsed = parsing.results()
        self._parsing = None
        middle = time.perf_counter()
        files = _extract_all(parsed, self.jobs, vocab, self.workers, cache)
        seconds["parse"] = seconds.get("parse", 0.0) + middle - start
        seconds["nlp"] = seconds.get("nlp", 0.0) + time.perf_counter() - middle
        return files

    def _from_beside(self, seconds: dict[str, float], cache: RecordStore | None) -> list[NotesFile]:
        """The worker's records, stored in `cache`; its parse and NLP seconds added. Its
        spaCy import and vocabulary ran beside the parent: counted as "nlp" where waited on."""
        assert self._whole is not None
        start = time.perf_counter()
        with self._whole as run:
            results = run.results()
        self._whole = None
        waited = time.perf_counter() - start
        out = []
        worked = {"parse": 0.0, "nlp": 0.0}
        for job, (notes, spent) in zip(self.jobs, results, strict=True):
            for name in worked:
                worked[name] += spent.get(name, 0.0)
            if cache is not None and job.cache_key is not None:
                begin = time.perf_counter()
                cache.store(job.cache_key, notes)
                seconds["cache"] = seconds.get("cache", 0.0) + time.perf_counter() - begin
            out.append(notes)
        # the parent waited `waited`: the worker's parse, then the rest as NLP
        parse = min(worked["parse"], waited)
        seconds["parse"] = seconds.get("parse", 0.0) + parse
        seconds["nlp"] = seconds.get("nlp", 0.0) + waited - parse
        return out

    def _serial(
        self, vocab: object, seconds: dict[str, float], cache: RecordStore | None
    ) -> list[NotesFile]:
        if not self.jobs:
            return []  # and spaCy stays unimported
        from paperkg.extract.file_extraction import extract_source

        out = []
        for job in self.jobs:
            notes = extract_source(job.source, vocab, seconds, job.folder)
            if cache is not None and job.cache_key is not None:
                start = time.perf_counter()
                cache.store(job.cache_key, notes)
                seconds["cache"] = seconds.get("cache", 0.0) + time.perf_counter() - start
            out.append(notes)
        return out


def start_extraction(
    jobs: Sequence[SourceJob],
    workers: int | None = None,
    beside: Sequence[str | Path] | None = None,
) -> PendingExtraction:
    """Start parsing `jobs` (in workers, when worth it); `finish` gives the records.
    `beside`: the build's vocabulary files, when the caller has work of its own until
    `finish` (`PendingExtraction`)."""
    return PendingExtraction(jobs, workers, beside)


def extract_jobs(
    jobs: Sequence[SourceJob],
    vocab: object,
    seconds: dict[str, float] | None = None,
    workers: int | None = None,
) -> list[NotesFile]:
    """Each job's records, in the jobs' order, using up to `workers` processes."""
    with start_extraction(jobs, workers) as pending:  # Ctrl-C stops its workers
        return pending.finish(vocab, seconds)


# What the NLP round's workers read: set by the parent just before it forks them.
_PARSED: Sequence[ParsedNotes] = ()
_VOCAB: object = None
_CACHE: RecordStore | None = None
_BESIDE_VOCAB: object = None  # the vocabulary a worker beside the parent loaded for itself


def _parse_job(job: SourceJob) -> ParsedNotes:
    return parse_notes(job.source, job.folder)


def _extract_whole(
    task: tuple[SourceJob, tuple[str | Path, ...]],
) -> tuple[NotesFile, dict[str, float]]:
    """In the worker beside the parent: one file from text to records, with the vocabulary
    loaded here from the build's files (the same files give the same vocabulary)."""
    from paperkg.extract.file_extraction import extract_source
    from paperkg.extract.language.vocabulary import load_vocabulary

    global _BESIDE_VOCAB
    job, vocab_files = task
    if _BESIDE_VOCAB is None:
        _BESIDE_VOCAB = load_vocabulary(vocab_files)  # once for all of this worker's files
    seconds: dict[str, float] = {}
    notes = extract_source(job.source, _BESIDE_VOCAB, seconds, job.folder)
    return notes, seconds


def _ranges(parsed: ParsedNotes, workers: int) -> list[range]:
    """A file's entries in ranges: one for a short file or a per-paper note, two per worker
    for a long list (a worker holds one range's docs at a time)."""
    n = len(parsed.entries)
    if parsed.blocks or n < 2 * MIN_RANGE_ENTRIES:
        return [range(n)]
    size = max(MIN_RANGE_ENTRIES, -(-n // (2 * workers)))
    return [range(start, min(start + size, n)) for start in range(0, n, size)]


def _weight(parsed: ParsedNotes, entries: range) -> float:
    """About how long a range's NLP takes: the length of its entries' text."""
    return float(sum(len(parsed.entries[i].text or "") + 1 for i in entries))


def _extract_range(
    task: tuple[int, range, str | None],
) -> tuple[tuple[ExtractedEntry, ...], str | None] | NotesFile:
    """A range's records, with their JSON for the cache when the file is cached; a whole
    file comes back as its record, stored by the worker."""
    from paperkg.extract.file_extraction import extract_parsed, notes_file

    index, entries, key = task
    parsed = _PARSED[index]
    if entries != range(len(parsed.entries)):
        items = extract_parsed(parsed, _VOCAB, entries)
        cached = _CACHE is not None and key is not None
        return items, entries_json(items) if cached else None
    notes = notes_file(parsed, extract_parsed(parsed, _VOCAB))
    if _CACHE is not None and key is not None:
        _CACHE.store(key, notes)
    return notes


def _extract_all(
    parsed: Sequence[ParsedNotes],
    jobs: Sequence[SourceJob],
    vocab: object,
    workers: int,
    cache: RecordStore | None,
) -> list[NotesFile]:
    from paperkg.extract.file_extraction import notes_file

    global _PARSED, _VOCAB, _CACHE
    ranges = [_ranges(p, workers) for p in parsed]
    tasks = [(i, r, jobs[i].cache_key) for i in range(len(parsed)) for r in ranges[i]]
    weights = [_weight(parsed[i], r) for i, r, _ in tasks]
    _PARSED, _VOCAB, _CACHE = parsed, vocab, cache
    try:
        with start_forked(_extract_range, tasks, workers, weights) as run:
            results = run.results()
    finally:
        _PARSED, _VOCAB, _CACHE = (), None, None
    pieces: list[list] = [[] for _ in parsed]
    for (index, _, _), result in zip(tasks, results, strict=True):
        pieces[index].append(result)
    out = []
    for i, found in enumerate(pieces):
        if len(found) == 1 and isinstance(found[0], NotesFile):
            out.append(found[0])
            continue
        notes = notes_file(parsed[i], [item for items, _ in found for item in items])
        if cache is not None and jobs[i].cache_key is not None:
            encoded = [text for _, text in found]
            entries = ",".join(t for t in encoded if t) if all(encoded) else None
            cache.store(jobs[i].cache_key, notes, entries)
        out.append(notes)
    return out
