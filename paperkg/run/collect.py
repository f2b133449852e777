"""From paths on disk to extracted records: the whole extract side in one call.

`graph` calls this and never sees Markdown; a notebook user calls it to get records.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from paperkg.extract.reading.finding import NotesSearch
from paperkg.extract.reading.note_links import link_notes
from paperkg.extract.reading.reading_options import options_for
from paperkg.extract.reading.source import (
    NotesSource,
    display_path,
    find_notes,
    folder_of,
    is_description,
    read_notes,
)
from paperkg.extract.records import NotesFile
from paperkg.run.parallel import SourceJob, extract_jobs

if TYPE_CHECKING:
    from paperkg.extract.file_extraction import extract_source
    from paperkg.extract.language.vocabulary import Vocabulary

__all__ = ["Extraction", "display_path", "extract_notes", "extract_source", "folder_of"]


def __getattr__(name: str):
    """`extract_source`, imported when first asked for: it imports spaCy, which a build
    after an edit leaves to a worker (paperkg/run/parallel.py), reading only the notes here."""
    if name == "extract_source":
        from paperkg.extract.file_extraction import extract_source

        return extract_source
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


@dataclass(frozen=True)
class Extraction:
    """The records of every notes file read, and the warnings met on the way."""

    files: tuple[NotesFile, ...]
    warnings: tuple[str, ...]
    # Seconds spent reading, parsing and in the NLP, so a build can say where extract's time goes.
    seconds: dict[str, float] = field(default_factory=dict, compare=False)


def read_sources(
    paths: Sequence[str | Path],
    seconds: dict[str, float],
    search: NotesSearch | None = None,
    stats: list[tuple[Path, tuple[int, int], str]] | None = None,
) -> tuple[list[SourceJob], list[str]]:
    """Find the notes files under `paths` and read each (text, hash, the folder it sits in
    below the path given): the one route from paths to what extraction works on, for
    `extract_notes` and the incremental build alike. Adds the time spent to `seconds["read"]`.
    `stats`, when given, gets each file's path, its size and mtime taken before it was read,
    and the SHA-256 of what was read (the build state's check of an unchanged folder)."""
    found, warnings = find_notes(list(paths), search)
    jobs = []
    for path in found:
        start = time.perf_counter()
        stat = path.stat()
        source = read_notes(path)
        if stats is not None:
            stats.append((path, (stat.st_size, stat.st_mtime_ns), source.sha256))
        source = NotesSource(display_path(path), source.text, source.sha256, source.warnings)
        folder = folder_of(path, paths)
        options_for(source.path, folder)  # a bad `paperkg.toml` fails here, not in a worker
        jobs.append(SourceJob(source, folder))
        seconds["read"] += time.perf_counter() - start
    return jobs, list(warnings)


def extract_notes(
    paths: Sequence[str | Path],
    vocab: Vocabulary,
    workers: int | None = None,
    search: NotesSearch | None = None,
) -> Extraction:
    """Find, read, parse and run the NLP over notes files and folders, on up to `workers`
    processes (default: the CPUs; see `extract.parallel`); links between notes are resolved
    over all of them (`link_notes`), so the records come out complete."""
    seconds = {"read": 0.0, "parse": 0.0, "nlp": 0.0}
    jobs, all_warnings = read_sources(paths, seconds, search)
    out: list[NotesFile] = []
    for notes in extract_jobs(jobs, vocab, seconds, workers):
        all_warnings.extend(notes.warnings)
        if not is_description(notes):
            out.append(notes)
    return Extraction(files=link_notes(out), warnings=tuple(all_warnings), seconds=seconds)
