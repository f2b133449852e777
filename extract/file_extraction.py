"""One notes file from text to records: parse, then the NLP over its entries or note.

`extract.collect` runs it over paths on disk, `extract.parallel` over many files (or ranges
of a long file's entries) in worker processes; both give the same records.
"""

from __future__ import annotations

import time
from collections.abc import Sequence

from paperkg.extract.language.note_extraction import classify_note_links, extract_note
from paperkg.extract.language.pipeline import build_nlp, extract_entries
from paperkg.extract.language.vocabulary import Vocabulary
from paperkg.extract.reading.markdown import ParsedNotes, parse_notes
from paperkg.extract.reading.source import NotesSource
from paperkg.extract.records import ExtractedEntry, NotesFile


def extract_parsed(
    parsed: ParsedNotes, vocab: Vocabulary, only: range | None = None
) -> tuple[ExtractedEntry, ...]:
    """The NLP over parsed notes: every entry's record, or those of the entries in `only`
    (a range of a long file's entries, as a worker extracts it; see `extract.parallel`)."""
    if parsed.blocks:  # a paper's note, then the papers its lists rate (`_with_rated_items`)
        note = extract_note(parsed.entries[0], parsed.blocks, vocab)
        rest = range(1, len(parsed.entries))
        return (note, *(extract_entries(parsed.entries, vocab, rest) if rest else ()))
    extracted = extract_entries(parsed.entries, vocab, only)
    if not any(item.entry.note_links for item in extracted):
        return extracted
    rules = build_nlp(vocab).get_pipe("paperkg_technique_ruler").rules
    labels = {iri: rule.label for iri, rule in rules.items()}
    return tuple(classify_note_links(item, vocab, labels) for item in extracted)


def notes_file(parsed: ParsedNotes, extracted: Sequence[ExtractedEntry]) -> NotesFile:
    """A parsed file and its entries' records as the one record the graph reads."""
    return NotesFile(
        path=parsed.path,
        sha256=parsed.sha256,
        entries=tuple(extracted),
        headings=parsed.headings,
        warnings=parsed.warnings,
    )


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
    extracted = extract_parsed(parsed, vocab)
    if seconds is not None:
        seconds["parse"] = seconds.get("parse", 0.0) + middle - start
        seconds["nlp"] = seconds.get("nlp", 0.0) + time.perf_counter() - middle
    return notes_file(parsed, extracted)
