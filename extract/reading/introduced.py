"""A technique named after a paper of the same notes relates the two papers.

When one paper of the notes is the paper that introduced a technique family (its own short
name is the technique: an entry "Transformer", a heading "Mamba" over the full title),
another entry that names that technique has read about that paper's work: the graph links
the two papers (`dcterms:relation`) besides the technique mention (README, "Links between
notes"). Only once every file is read is it known which papers the notes hold, so this runs
over all records, as link resolution does.

A paper introduces a technique when the technique is found in its title and its words are
the paper's short name: the whole title or an alias (a heading over the full title), and
a name, not a description ("Mamba", not "Layer normalization"); or when its title is the
one the vocabulary records for the technique ("Attention Is All You Need" for the
transformer): the language stage, which sees the vocabulary, marks that mention
`introduced` (`extract.language.introducing_titles`).
A technique introduced by two papers of the notes is ambiguous and relates nothing. A
technique written inside the entry's own name ("Sparse Transformer", "llama2") is part of
that name, not a mention of another paper; one that only the entry's title names
("SqueezeNet: AlexNet-level accuracy") is no related work either: the guideline finds
related works in an entry's text other than its own title.
"""

from __future__ import annotations

import functools
import posixpath
import re
from collections.abc import Sequence
from dataclasses import replace

from paperkg.extract.records import (
    Entry,
    ExtractedEntry,
    NoteLink,
    NotesFile,
    RelatedMention,
    TechniqueMention,
)

_NOT_WORD = re.compile(r"[^0-9a-z]+")


def title_key(text: str | None) -> str:
    """A name or title as compared: its letters and digits, lowercase ("Fast R-CNN" and
    "Fast RCNN" are one)."""
    return _NOT_WORD.sub("", (text or "").lower())


def _is_name(text: str) -> bool:
    """A name, not a description: one word ("Mamba", "BERT", "GPT-2") or every word
    capitalised ("Vision Transformer"); "Layer normalization" describes a method."""
    words = text.split()
    if len(words) > 1 and _plural_phrase(words):
        return False
    return len(words) == 1 or all(w[:1].isupper() or not w[:1].isalpha() for w in words)


def _plural_phrase(words: list[str]) -> bool:
    """ "Language Models", "Attention Layers": words that end in a plural name a class of
    things (a reading list, a survey's section), not the one work a paper introduced."""
    last = words[-1]
    return (
        last.isalpha()
        and last.islower() is False
        and last.endswith("s")
        and not last.endswith("ss")
    )


def _short_names(item: ExtractedEntry) -> set[str]:
    """The paper's own short names: a title that is a name, or an entry's alias (the
    heading over a full title). A note's file name is the note-taker's handle for the
    note ("Adam.md" for "Adam: A Method for Stochastic Optimization"), not the paper's."""
    entry = item.entry
    aliases = entry.aliases if entry.kind != "note" else ()
    names = {title_key(n) for n in (entry.title or "", *aliases) if n and _is_name(n)}
    return {name for name in names if name}


def _own_name(item: ExtractedEntry) -> str:
    title = item.entry.title or ""
    return title_key(title.split(":")[0] if ":" in title else title)


def _introduces(item: ExtractedEntry, tech: TechniqueMention) -> bool:
    """The entry's title is the title the vocabulary records for the technique (marked by
    the language stage, which sees the vocabulary), or its short name is the technique."""
    return tech.introduced or (
        tech.part == "title" and title_key(tech.surface) in _short_names(item)
    )


def _named_beyond_title(entry: Entry, tech: TechniqueMention) -> bool:
    """The entry's summary or comment names the technique too, in its title's words or by
    its label, in either number: a related work is named in an entry's text other than its
    own title (GUIDELINE), and a technique's mention keeps only its first place."""
    text = " ".join(t for t in (entry.summary, entry.comment) if t).lower()
    return bool(text) and any(
        _phrase(words).search(text) for words in (tech.surface, tech.label) if title_key(words)
    )


@functools.cache
def _phrase(words: str) -> re.Pattern[str]:
    """Words as a pattern over lowercase text: any punctuation or space between them, and
    the last in either number ("Transformers" finds "transformer")."""
    chunks = re.findall(r"[0-9a-z]+", words.lower())
    last = chunks[-1]
    if len(last) > 3 and last.endswith("s") and not last.endswith("ss"):
        chunks[-1] = last[:-1]
    body = r"[^0-9a-z]*".join(re.escape(c) for c in chunks)
    return re.compile(rf"(?<![0-9a-z]){body}(?:e?s)?(?![0-9a-z])")


def relate_introduced(files: Sequence[NotesFile]) -> tuple[NotesFile, ...]:
    """The files with a relation from every entry naming a technique to the entry of these
    notes that introduced it: a related-work `target` within a file, a link to the note
    across files (resolved like any link between notes)."""
    introducers: dict[str, list[tuple[int, int]]] = {}
    for f, notes in enumerate(files):
        for e, item in enumerate(notes.entries):
            if item.entry.kind == "text":
                continue
            for tech in item.techniques:
                if not tech.candidate and _introduces(item, tech):
                    introducers.setdefault(tech.concept, []).append((f, e))
    unique = {concept: found[0] for concept, found in introducers.items() if len(found) == 1}
    if not unique:
        return tuple(files)
    out = []
    for f, notes in enumerate(files):
        entries = [_related(files, f, e, item, unique) for e, item in enumerate(notes.entries)]
        out.append(replace(notes, entries=tuple(entries)))
    return tuple(out)


def _related(files, f: int, e: int, item: ExtractedEntry, unique) -> ExtractedEntry:
    if item.entry.kind == "text":
        return item
    related = list(item.related)
    links = list(item.entry.note_links)
    own = _own_name(item)
    for tech in item.techniques:
        # a kind of the technique ("a decoder-only transformer") is the introduced work too
        place = unique.get(tech.concept) or unique.get(tech.broader or "")
        if place is None or place == (f, e):
            continue
        if tech.part == "title" and title_key(tech.surface) in own:
            continue  # a term inside the entry's own name ("Sparse Transformer")
        if tech.part == "title" and not _named_beyond_title(item.entry, tech):
            continue  # named by the title alone ("SqueezeNet: AlexNet-level accuracy ...")
        tf, te = place
        if tf == f:
            if not any(r.target == te for r in related):
                mention = RelatedMention(tech.part, tech.line, target=te, surface=tech.surface)
                related.append(mention)
        elif files[tf].entries[te].entry.kind == "note":
            path = posixpath.relpath(files[tf].path, posixpath.dirname(files[f].path) or ".")
            links.append(NoteLink(path, tech.surface, tech.line, wiki=False, named=False))
    if len(related) == len(item.related) and len(links) == len(item.entry.note_links):
        return item
    entry = replace(item.entry, note_links=tuple(links))
    return replace(item, entry=entry, related=tuple(related))
