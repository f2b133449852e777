"""Typed records that flow from the extractor to the graph builder.

They are the only thing `graph` knows about notes: plain frozen dataclasses, no RDF, no
Markdown, so either side can change its internals without the other noticing.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Link:
    """A Markdown link inside an entry, with the line it sits on."""

    text: str
    url: str
    line: int


@dataclass(frozen=True)
class NoteLink:
    """A link to another note: `[[target]]`, `[[target|text]]` or `[text](relative/path.md)`.

    `target` is as written, decoded (a note name for wikilinks, a relative path otherwise);
    which note, and so which paper, it names is only known once every file is read
    (`extract.reading.note_links.link_notes`).
    """

    target: str
    text: str
    line: int
    wiki: bool = False
    # False when the name is a task, dataset, metric or ordinary words: then an unresolved
    # link names no work (`extract.note_extraction.generic_name`)
    named: bool = True


@dataclass(frozen=True)
class ResolvedLink:
    """A note link and where it leads, once every file is read: a paper entry (its index
    over all entries of the files resolved together, in order), another file that is no
    paper (`exists`), or nowhere."""

    link: NoteLink
    paper: int | None
    exists: bool


@dataclass(frozen=True)
class Entry:
    """One paper entry of a notes file, as the note-taker wrote it.

    `section` is the heading path from the top of the file (H1 first). `part_lines` maps a
    part of the entry ("title", "summary", "comment") to the line it starts on, so a mention
    found in that part can say where it was written.
    """

    notes_file: str
    line: int
    end_line: int
    section: tuple[str, ...]
    title: str | None
    url: str | None
    rating: float | None = None
    rating_scale: int = 10
    rating_uncertain: bool = False
    starred: bool = False
    summary: str | None = None
    comment: str | None = None
    links: tuple[Link, ...] = ()
    text: str = ""
    part_lines: tuple[tuple[str, int], ...] = ()
    # "item": a list item of a notes file; "note": a whole file that is one paper's note
    kind: str = "item"
    # folders from the built folder down to the file ("neural-nets",): topics too
    folder: tuple[str, ...] = ()
    # from front matter and metadata fields (`Tags:`, `#tag`), as written
    tags: tuple[str, ...] = ()
    authors: tuple[str, ...] = ()
    year: int | None = None
    venue: str | None = None
    aliases: tuple[str, ...] = ()
    # a Zotero/Better BibTeX citation key the note gives (front matter `citekey`, `@key.md`)
    citekey: str | None = None
    # links to other notes, and the note an index item links (a path relative to the
    # folder built, "notes/x.md"): that note's paper is this entry's paper
    note_links: tuple[NoteLink, ...] = ()
    note_file: str | None = None

    def part_line(self, part: str) -> int:
        """The line where `part` starts, or the entry's first line."""
        return dict(self.part_lines).get(part, self.line)


@dataclass(frozen=True)
class TechniqueMention:
    """A technique of the vocabulary named in an entry."""

    concept: str  # the concept's IRI, from the vocabulary
    label: str  # its canonical label
    surface: str  # the words as written
    part: str  # "title", "summary" or "comment"
    line: int
    # A candidate is a technique the vocabulary lacks ("ripple convolution"): its IRI is
    # minted, and `broader`/`broader_label` name its head's concept.
    candidate: bool = False
    broader: str | None = None
    broader_label: str | None = None
    # The entry is the paper that introduced the technique: its title is the one the
    # vocabulary records (pkg:introducedIn). Entries that name the technique relate to it
    # (`extract.reading.introduced`).
    introduced: bool = False


@dataclass(frozen=True)
class RelatedMention:
    """Another work an entry's text points to.

    Exactly one of `target` (index of another entry of the same notes, in document order)
    or `name`/`url` (an external work) identifies it. `relation` is a typed cue
    ("similar_to", "improves_on", "based_on", "compared_with") or None for a plain relation.
    """

    part: str
    line: int
    target: int | None = None
    name: str | None = None
    url: str | None = None
    relation: str | None = None
    surface: str = ""


@dataclass(frozen=True)
class ExtractedEntry:
    """An entry with what the NLP found in it."""

    entry: Entry
    techniques: tuple[TechniqueMention, ...] = ()
    related: tuple[RelatedMention, ...] = ()
    code: tuple[str, ...] = ()  # code, weights and project-page URLs
    # keys (`cross_references.normalise`) of names the text shows are datasets or the
    # paper's own ("the Zorb corpus", "we propose Zorb"): no work wherever else written
    not_works: tuple[str, ...] = ()
    # the entry's links to other notes, resolved over every file read
    # (`extract.reading.note_links.link_notes`); empty until then
    resolved_links: tuple[ResolvedLink, ...] = ()


@dataclass(frozen=True)
class NotesFile:
    """One parsed notes file: its entries and the topic headings they sit under."""

    path: str
    sha256: str
    entries: tuple[ExtractedEntry, ...]
    headings: tuple[tuple[str, ...], ...] = ()
    warnings: tuple[str, ...] = field(default=())
