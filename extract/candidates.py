"""Terms in notes that look like techniques or named works but are not in the vocabulary.

A user grows their vocabulary from this list (`paperkg vocab candidates`): the named-work
matcher already knows what a name looks like (CamelCase, acronyms, digit and hyphen names)
and what is not one; whatever it finds that the technique ruler did not is a candidate.
So is every "<modifier> <head>" technique name (`technique_candidates`: "ripple
convolution"), listed with its head's concept, the skos:broader it would take.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from paperkg.extract.language import named_works, technique_candidates, technique_ruler
from paperkg.extract.language.pipeline import RELATED_PARTS, build_nlp
from paperkg.extract.language.vocabulary import Vocabulary
from paperkg.extract.reading.markdown import parse_notes
from paperkg.extract.reading.source import find_notes, read_notes


@dataclass(frozen=True)
class Candidate:
    """A term seen in the notes: how often, and the first place it was seen (file:line)."""

    term: str
    count: int
    example: str
    head: str | None = None  # the head concept's label, for a modifier + head name


def find_candidates(paths: Sequence[str | Path], vocab: Vocabulary) -> list[Candidate]:
    """Named-work spans not covered by the vocabulary, most frequent first."""
    nlp = build_nlp(vocab)
    files, _ = find_notes(list(paths))
    texts: list[tuple[str, str]] = []
    for path in files:
        parsed = parse_notes(read_notes(path))
        for entry in parsed.entries:
            for part in ("title", *RELATED_PARTS):
                text = getattr(entry, part)
                if text:
                    texts.append((part, text, f"{path}:{entry.part_line(part)}"))
    counts: dict[str, int] = {}
    first: dict[str, tuple[str, str, str | None]] = {}

    def count(key: str, term: str, where: str, head: str | None = None) -> None:
        counts[key] = counts.get(key, 0) + 1
        first.setdefault(key, (term, where, head))

    heads = nlp.get_pipe("paperkg_technique_candidates")
    docs = nlp.pipe((t for _, t, _ in texts), batch_size=256)
    for doc, (part, _, where) in zip(docs, texts, strict=True):
        for span in doc.spans.get(technique_candidates.SPANS_KEY, []):
            head = heads.head(span.kb_id_)
            if head is not None:
                label = technique_candidates.candidate_label(span[0].text, head.word)
                count(label.lower(), label, where, head.label)
        if part == "title":
            continue  # a title's names are the paper's own
        known = {(s.start, s.end) for s in doc.spans.get(technique_ruler.SPANS_KEY, [])}
        for span in doc.spans.get(named_works.SPANS_KEY, []):
            if (span.start, span.end) not in known:
                count(span.text.lower(), span.text, where)
    return sorted(
        (Candidate(first[k][0], n, first[k][1], first[k][2]) for k, n in counts.items()),
        key=lambda c: (-c.count, c.term.lower()),
    )
