"""From paths on disk to extracted records: the whole extract side in one call.

`graph` calls this and never sees Markdown; a notebook user calls it to get records.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from .markdown import parse_notes
from .pipeline import extract_entries
from .records import NotesFile
from .source import NotesSource, find_notes, read_notes
from .vocabulary import Vocabulary


@dataclass(frozen=True)
class Extraction:
    """The records of every notes file read, and the warnings met on the way."""

    files: tuple[NotesFile, ...]
    warnings: tuple[str, ...]


def display_path(path: Path) -> str:
    """Paths as the user will recognise them: relative to the working folder when inside it."""
    try:
        rel = os.path.relpath(path)
    except ValueError:
        return str(path)
    return str(path) if rel.startswith("..") else rel.replace(os.sep, "/")


def extract_source(source: NotesSource, vocab: Vocabulary) -> NotesFile:
    """One decoded notes file to records."""
    parsed = parse_notes(source)
    extracted = extract_entries(parsed.entries, vocab)
    return NotesFile(
        path=source.path,
        sha256=source.sha256,
        entries=tuple(extracted),
        headings=parsed.headings,
        warnings=parsed.warnings,
    )


def extract_notes(paths: Sequence[str | Path], vocab: Vocabulary) -> Extraction:
    """Find, read, parse and run the NLP over notes files and folders."""
    files, warnings = find_notes(list(paths))
    out: list[NotesFile] = []
    all_warnings = list(warnings)
    for path in files:
        source = read_notes(path)
        source = NotesSource(display_path(path), source.text, source.sha256, source.warnings)
        notes = extract_source(source, vocab)
        all_warnings.extend(notes.warnings)
        out.append(notes)
    return Extraction(files=tuple(out), warnings=tuple(all_warnings))
