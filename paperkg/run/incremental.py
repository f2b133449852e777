"""Incremental builds: re-extract only the notes files whose content changed.

Extraction (Markdown + spaCy) is the slow stage; turning records into RDF is fast. So each
notes file's records are cached in `DIR/cache/`, keyed by its path, its content hash and a
fingerprint of the extractor (its code, the vocabulary files), and a build re-extracts only
the files whose key is not cached. The RDF is still built from the records of every file,
because paper IRIs are assigned across all files at once (`identity.paper_iris`): a new
entry in one file can merge with, and so rename, a paper of an unchanged file. Files no
longer given lose their named graph simply by not being rebuilt.

The cache is JSON, not pickle: the output folder may be shared, and reading it must never
run code.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import time
import typing
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

from paperkg.extract.reading.finding import NotesSearch
from paperkg.extract.reading.note_links import link_notes
from paperkg.extract.reading.reading_options import options_for
from paperkg.extract.reading.source import (
    is_description,
)
from paperkg.extract.records import NotesFile
from paperkg.run.collect import read_sources
from paperkg.run.manifest import STATE_FILE  # the no-op check's file, kept by the cache
from paperkg.run.parallel import SourceJob, start_extraction
from paperkg.run.record_json import decode, encode
from paperkg.version import __version__

if typing.TYPE_CHECKING:
    from paperkg.extract.language.vocabulary import Vocabulary
from paperkg.graph.outputs.atomic import write_text_atomic

CACHE_DIR = "cache"
MANIFEST = "manifest.json"
_EXTRACTOR_FILES = (".py", ".json", ".txt", ".ttl")
# bumped when the records' shape changes (2: per-paper notes, folders, tags, note links;
# 3: a technique mention's `introduced`)
CACHE_FORMAT = "3"


@dataclass(frozen=True)
class IncrementalExtraction:
    """The records of every notes file, and which were re-extracted, reused or dropped."""

    files: tuple[NotesFile, ...]
    warnings: tuple[str, ...]
    reextracted: tuple[str, ...]
    reused: tuple[str, ...]
    dropped: tuple[str, ...]
    keys: dict[str, str]
    # each notes file found, its size and mtime before it was read, the SHA-256 of its bytes
    sources: tuple[tuple[Path, tuple[int, int], str], ...] = field(default=(), compare=False)
    # Seconds reading, parsing and in the NLP (as `extract_notes` reports), plus the cache.
    seconds: dict[str, float] = field(default_factory=dict, compare=False)


def extractor_fingerprint(vocab_files: Sequence[str | Path] = ()) -> str:
    """What extraction depends on besides the notes: paperkg's version, the extract
    package's code and data files, and any extra vocabulary files."""
    digest = hashlib.sha256(f"{__version__}\0{CACHE_FORMAT}".encode())
    for name, item in extractor_files():
        digest.update(name.encode() + b"\0" + item.read_bytes())
    for path in vocab_files:
        try:
            digest.update(str(path).encode() + b"\0" + Path(path).read_bytes())
        except OSError:
            digest.update(str(path).encode() + b"\0missing")
    return digest.hexdigest()


def extractor_files() -> list[tuple[str, Traversable]]:
    """Every code and data file of `paperkg.extract`, by its path inside it, subfolders
    (reading, language, data) included: a change to any of them changes the records."""
    out: list[tuple[str, Traversable]] = []
    pending: list[tuple[str, Traversable]] = [("", resources.files("paperkg.extract"))]
    while pending:
        prefix, folder = pending.pop()
        for item in folder.iterdir():
            name = prefix + item.name
            if item.is_dir() and item.name != "__pycache__":
                pending.append((name + "/", item))
            elif item.is_file() and item.name.endswith(_EXTRACTOR_FILES):
                out.append((name, item))
    return sorted(out, key=lambda pair: pair[0])


def record_key(path: str, sha256: str, fingerprint: str) -> str:
    return hashlib.sha256(f"{path}\0{sha256}\0{fingerprint}".encode()).hexdigest()[:32]


# where a record's encoded entries go: no path, digest or heading of a notes file holds NUL
_SPLICE = "\0entries\0"


# Records by key held in this process between builds, for a process that builds again and
# again (`paperkg build --watch`): decoding 40 files' records from JSON costs most of a
# second. None: not kept (a one-off build).
_IN_MEMORY: dict[str, NotesFile] | None = None


def keep_records_in_memory() -> None:
    """Keep the records of the builds this process makes, for its next builds to reuse."""
    global _IN_MEMORY
    if _IN_MEMORY is None:
        _IN_MEMORY = {}


class RecordCache:
    """Extracted records on disk, one JSON file per (notes file, content, extractor)."""

    def __init__(self, out_dir: str | Path) -> None:
        self.folder = Path(out_dir) / CACHE_DIR

    def holds(self, key: str) -> bool:
        """Whether records are kept under `key` (readable or not: `load` tells)."""
        if _IN_MEMORY is not None and key in _IN_MEMORY:
            return True
        return (self.folder / f"{key}.json").is_file()

    def load(self, key: str) -> NotesFile | None:
        """The cached records, or None when absent or unreadable (then re-extract)."""
        if _IN_MEMORY is not None and key in _IN_MEMORY:
            return _IN_MEMORY[key]  # a key names its content: the same records as on disk
        try:
            data = json.loads((self.folder / f"{key}.json").read_text("utf-8"))
            notes = decode(NotesFile, data)
        except (OSError, ValueError, TypeError, KeyError, AttributeError):
            return None
        if _IN_MEMORY is not None:
            _IN_MEMORY[key] = notes
        return notes

    def store(self, key: str, notes: NotesFile, entries: str | None = None) -> None:
        """Keep a file's records; `entries`, if given, is their `entries_json` already
        made (by extraction workers, each for its share of a long file)."""
        if entries is None:
            text = json.dumps(encode(notes), ensure_ascii=False, separators=(",", ":"))
        else:
            data = encode(dataclasses.replace(notes, entries=()))
            data["entries"] = _SPLICE
            text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
            text = text.replace(json.dumps(_SPLICE), f"[{entries}]", 1)
        write_text_atomic(self.folder / f"{key}.json", text)

    def manifest(self) -> dict[str, str]:
        """Notes file path -> record key of the last completed build."""
        try:
            data = json.loads((self.folder / MANIFEST).read_text("utf-8"))
        except (OSError, ValueError):
            return {}
        return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}

    def commit(self, keys: dict[str, str]) -> None:
        """Record the build that just completed and delete records no longer used."""
        write_text_atomic(self.folder / MANIFEST, json.dumps(keys, indent=1, sort_keys=True))
        if _IN_MEMORY is not None:
            for key in set(_IN_MEMORY) - set(keys.values()):
                del _IN_MEMORY[key]
        keep = {f"{key}.json" for key in keys.values()} | {MANIFEST, STATE_FILE}
        for item in self.folder.glob("*.json"):
            if item.name not in keep:
                item.unlink(missing_ok=True)


class PendingIncremental:
    """An incremental extraction under way: files read, cache looked up, and the changed
    files' parse started (`extract.parallel`); `finish` runs the NLP and gives the records."""

    def __init__(
        self,
        paths: Sequence[str | Path],
        out_dir: str | Path,
        vocab_files: Sequence[str | Path] = (),
        workers: int | None = None,
        search: NotesSearch | None = None,
    ) -> None:
        self.seconds = {"read": 0.0, "parse": 0.0, "nlp": 0.0, "cache": 0.0}
        # per file found: its size and mtime taken before it was read, and the SHA-256 of
        # what was read (a save during the build then shows as a change at the next check)
        self.sources: list[tuple[Path, tuple[int, int], str]] = []
        found, self.warnings = read_sources(paths, self.seconds, search, self.sources)
        self.cache = RecordCache(out_dir)
        self.previous = self.cache.manifest()
        fingerprint = extractor_fingerprint(vocab_files)
        self.keys: dict[str, str] = {}
        self.cached: list[NotesFile | None] = []  # per file found; None: extract it
        self.cache_keys: list[str] = []  # per file found, its record key
        jobs: list[SourceJob] = []
        for job in found:
            source, folder = job.source, job.folder
            # a `paperkg.toml` changes how the file reads: part of the key
            options = options_for(source.path, folder).cache_key
            key = record_key("/".join((source.path, *folder)), source.sha256, fingerprint + options)
            self.keys[source.path] = key
            self.cache_keys.append(key)
            if not self.cache.holds(key):
                jobs.append(SourceJob(source, folder, key))
        # the changed files' extraction starts first, so that it runs while the cached
        # records are decoded below (`parallel.PendingExtraction`'s `beside`); not in a
        # watch, which keeps spaCy loaded in its own process for the saves to come
        one_off = _IN_MEMORY is None
        beside = tuple(vocab_files) if one_off and len(jobs) < len(found) else None
        self.extraction = start_extraction(jobs, workers, beside)
        try:  # a worker runs from here: an error or Ctrl-C before `with` takes it must stop it
            late: list[SourceJob] = []  # cached, but unreadable: extracted after all
            for job, key in zip(found, self.cache_keys, strict=True):
                start = time.perf_counter()
                notes = self.cache.load(key)
                self.seconds["cache"] += time.perf_counter() - start
                self.cached.append(notes)
                if notes is None and self.cache.holds(key):
                    late.append(SourceJob(job.source, job.folder, key))
            self.late = start_extraction(late, workers)
        except BaseException as err:
            self.extraction.__exit__(type(err), err, err.__traceback__)
            raise
        self.late_keys = {job.cache_key for job in late}

    def __enter__(self) -> PendingIncremental:
        return self

    def __exit__(self, kind, value, traceback) -> None:
        self.extraction.__exit__(kind, value, traceback)  # stops workers still parsing
        self.late.__exit__(kind, value, traceback)

    def finish(
        self, vocab: Vocabulary, meanwhile: Callable[[], None] | None = None
    ) -> IncrementalExtraction:
        """The records of every file, the changed ones extracted and stored in the cache.
        `meanwhile` is run while a worker beside this process extracts, if one does."""
        fresh = iter(self.extraction.finish(vocab, self.seconds, self.cache, meanwhile))
        late = iter(self.late.finish(vocab, self.seconds, self.cache))
        files: list[NotesFile] = []
        all_warnings = list(self.warnings)
        reextracted, reused = [], []
        for notes, key in zip(self.cached, self.cache_keys, strict=True):
            is_fresh = notes is None
            if notes is None:
                notes = next(late) if key in self.late_keys else next(fresh)
            if is_fresh and _IN_MEMORY is not None:
                # a watch's next rebuild takes them from here, not decoded from the cache
                # again (0.5 s for 39 files at 40x the example, on the first save)
                _IN_MEMORY[key] = notes
            all_warnings.extend(notes.warnings)
            if is_description(notes):
                continue  # cached, so not re-read, but no notes file of the graph
            (reextracted if is_fresh else reused).append(notes.path)
            files.append(notes)
        dropped = tuple(sorted(set(self.previous) - set(self.keys)))
        return IncrementalExtraction(
            link_notes(files),
            tuple(all_warnings),
            tuple(reextracted),
            tuple(reused),
            dropped,
            self.keys,
            tuple(self.sources),
            self.seconds,
        )


def start_incremental(
    paths: Sequence[str | Path],
    out_dir: str | Path,
    vocab_files: Sequence[str | Path] = (),
    workers: int | None = None,
    search: NotesSearch | None = None,
) -> PendingIncremental:
    """Read the notes and start extracting the changed files; imports neither spaCy nor
    rdflib, so a build can start parsing before it loads them. Use it in a `with` block:
    leaving it by an exception stops the workers."""
    return PendingIncremental(paths, out_dir, vocab_files, workers, search)


def extract_incremental(
    paths: Sequence[str | Path],
    vocab: Vocabulary,
    out_dir: str | Path,
    vocab_files: Sequence[str | Path] = (),
    workers: int | None = None,
) -> IncrementalExtraction:
    """Like `extract_notes`, but reuse the cached records of files that did not change.

    Every file is still read and hashed (cheap); the changed ones are extracted together,
    on up to `workers` processes (`extract.parallel`), and stored in the cache. Call
    `RecordCache(out).commit(result.keys)` once the build using the result has completed.
    """
    with start_incremental(paths, out_dir, vocab_files, workers) as pending:
        return pending.finish(vocab)
