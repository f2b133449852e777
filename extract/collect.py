"""From paths on disk to extracted records: the whole extract side in one call.

`graph` calls this and never sees Markdown; a notebook user calls it to get records.
"""

from __future__ import annotations

import os
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .markdown import parse_notes
from .note_extraction import classify_note_links, extract_note
from .pipeline import build_nlp, extract_entries
from .records import NotesFile
from .source import NotesSource, find_notes, is_description, read_notes
from .vocabulary import Vocabulary


@dataclass(frozen=True)
class Extraction:
    """The records of every notes file read, and the warnings met on the way."""

    files: tuple[NotesFile, ...]
    warnings: tuple[str, ...]
    # Seconds spent reading, parsing and in the NLP, so a build can say where extract's time goes.
    seconds: dict[str, float] = field(default_factory=dict, compare=False)


def display_path(path: Path) -> str:
    """Paths as the user will recognise them: relative to the working folder when inside it."""
    try:
        rel = os.path.relpath(path)
    except ValueError:
        return str(path)
    return str(path) if rel.startswith("..") else rel.replace(os.sep, "/")


def folder_of(path: Path, roots: Sequence[str | Path]) -> tuple[str, ...]:
    """The folders from the deepest given folder that holds `path` down to the file: the
    folder path a per-paper note is filed under ("neural-nets",). Empty for a file given
    by itself or lying directly in the given folder."""
    best: tuple[str, ...] | None = None
    for root in roots:
        r = Path(root)
        if not r.is_dir():
            continue
        try:
            rel = path.resolve().relative_to(r.resolve())
        except ValueError:
            continue
        parts = tuple(rel.parts[:-1])
        if best is None or len(parts) < len(best):
            best = parts
    return best or ()


def _extract(parsed, vocab: Vocabulary) -> tuple:
    if parsed.blocks:
        return (extract_note(parsed.entries[0], parsed.blocks, vocab),)
    extracted = extract_entries(parsed.entries, vocab)
    if not any(item.entry.note_links for item in extracted):
        return extracted
    rules = build_nlp(vocab).get_pipe("paperkg_technique_ruler").rules
    labels = {iri: rule.label for iri, rule in rules.items()}
    return tuple(classify_note_links(item, vocab, labels) for item in extracted)


def extract_source(
    source: NotesSource,
    vocab: Vocabulary,
    seconds: dict[str, float] | None = None,
    folder: tuple[str, ...] = (),
) -> NotesFile:
    """One decoded notes file to records; adds parse and NLP time to `seconds` if given."""
    start = time.perf_counter()
    parsed = parse_notes(source, folder)
    middle = time.perf_counter()
    extracted = _extract(parsed, vocab)
    if seconds is not None:
        seconds["parse"] = seconds.get("parse", 0.0) + middle - start
        seconds["nlp"] = seconds.get("nlp", 0.0) + time.perf_counter() - middle
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
    seconds = {"read": 0.0, "parse": 0.0, "nlp": 0.0}
    for path in files:
        start = time.perf_counter()
        source = read_notes(path)
        source = NotesSource(display_path(path), source.text, source.sha256, source.warnings)
        seconds["read"] += time.perf_counter() - start
        notes = extract_source(source, vocab, seconds, folder_of(path, paths))
        all_warnings.extend(notes.warnings)
        if not is_description(notes):
            out.append(notes)
    return Extraction(files=tuple(out), warnings=tuple(all_warnings), seconds=seconds)
