"""Each notes file's named graph kept from one build to the next, so a rebuild states only
what changed.

A notes file's triples are a function of its records (after links between notes are
resolved), the paper IRIs its entries were given, the IRIs its links to other notes reach,
and the papers that its comments' bare names resolve to (`note_facts.note_paper_names`).
Paper IRIs are assigned over every file at once (`identity.paper_iris`), so an edit of one
file can rename a paper of another; the key therefore holds all of these, and a file whose
key is unchanged gets back the very triples and lines a full build would make for it. A
key is compared by equality, never by hash alone: a miss costs a rebuild of that graph,
a false hit would cost a wrong output.

`paperkg build --watch` keeps one `GraphMemo` in memory between rebuilds
(paperkg/run/watch.py); a plain build passes none and builds every graph.
"""

from __future__ import annotations

import hashlib
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Protocol

import pyoxigraph as ox
from paperkg.extract.records import Entry, NotesFile, TechniqueMention
from paperkg.graph.rdf.identity import entry_keys, name_key
from paperkg.graph.rdf.terms import Triple


@dataclass(frozen=True)
class FileGraph:
    """One notes file's named graph as a build made it: its distinct triples, their lines
    ("s p o", as `BuiltRdf.lines`), and the techniques it uses (for the vocabulary graph).
    A graph read back from its lines alone (`StoredGraphs`) has no triples: the union's
    are then read from the union's lines (`BuiltRdf.union`)."""

    triples: frozenset[Triple] | None
    lines: Sequence[str]  # a list, never changed once made
    used: frozenset[str]
    candidates: tuple[TechniqueMention, ...]


def graph_key(
    notes: NotesFile,
    own: Sequence[ox.NamedNode],
    all_iris: Sequence[ox.NamedNode],
    named: Mapping[str, ox.NamedNode] | None,
) -> Hashable:
    """Everything `build.notes_file_triples` reads for this file, as one comparable value."""
    linked = []
    bare = []
    for item in notes.entries:
        for found in item.resolved_links:
            linked.append(None if found.paper is None else all_iris[found.paper])
        for rel in item.related:
            if rel.target is None and not rel.url:
                bare.append(named.get(name_key(rel.name or "")) if named else None)
    return (notes, tuple(own), tuple(linked), tuple(bare))


class StoredGraphs(Protocol):
    """Notes files' graph lines kept where a later process finds them (the record cache's
    folder: paperkg/run/graph_cache.py), by `stored_key`. `record_id` names a file's records
    as they were extracted (its path, content and extractor), or None: not stored."""

    def record_id(self, path: str) -> str | None: ...

    def get(self, key: str) -> tuple[Sequence[str], frozenset[Triple] | None] | None:
        """The graph's lines, with its triples when they are at hand already."""
        ...

    def put(self, key: str, lines: Sequence[str]) -> None: ...


def stored_key(
    record_id: str,
    notes: NotesFile,
    own: Sequence[ox.NamedNode],
    all_iris: Sequence[ox.NamedNode],
    named: Mapping[str, ox.NamedNode] | None,
) -> str:
    """`graph_key` as a digest another process can compute: the records by `record_id`
    (extraction is a function of it), plus what linking between notes added to them. A
    resolved link's `paper` is an index over all files' entries, which an edit of an
    earlier file shifts; what the triples read of it, the paper's IRI, is in the key."""
    _, own_iris, linked, bare = graph_key(notes, own, all_iris, named)
    links = [
        [repr(replace(found, paper=None)) for found in item.resolved_links]
        for item in notes.entries
    ]
    parts = (
        record_id,
        repr(links),
        repr([iri.value for iri in own_iris]),
        repr([None if iri is None else iri.value for iri in linked]),
        repr([None if iri is None else iri.value for iri in bare]),
    )
    return hashlib.sha256("\0".join(parts).encode("utf-8")).hexdigest()[:32]


class _Hashed:
    """A notes file's records in a key, hashed once: a frozen dataclass keeps no hash, and
    hashing a file's records walks every entry and mention (0.05 s a rebuild at 40x the
    example, for the same unchanged records each time). Equal when the records are."""

    __slots__ = ("hash", "record")

    def __init__(self, record: NotesFile) -> None:
        self.record, self.hash = record, hash(record)

    def __hash__(self) -> int:
        return self.hash

    def __eq__(self, other: object) -> bool:
        return (
            isinstance(other, _Hashed)
            and self.hash == other.hash
            and (self.record is other.record or self.record == other.record)
        )


class GraphMemo:
    """Notes files' graphs by key, holding those of the last build only (an edited file's
    old graph is dropped once the build that replaced it is done)."""

    def __init__(self) -> None:
        self._kept: dict[Hashable, FileGraph] = {}
        self._used: dict[Hashable, FileGraph] = {}
        # the records of the last build's files by identity, each hashed once (a watch keeps
        # unchanged files' records as the same objects: paperkg/run/incremental.py)
        self._hashed: dict[int, _Hashed] = {}
        self._hashing: dict[int, _Hashed] = {}
        self._keys: dict[int, tuple[Entry, tuple]] = {}  # entry_keys by entry, likewise
        self._keying: dict[int, tuple[Entry, tuple]] = {}
        self.hits = 0  # graphs reused by the last build, for tests and the bench

    def entry_keys(self, entry: Entry) -> tuple[tuple[str, str], ...]:
        """`identity.entry_keys`, worked out once for as long as the entry is built."""
        found = self._keys.get(id(entry))
        if found is None or found[0] is not entry:
            found = (entry, entry_keys(entry))
        self._keying[id(entry)] = found
        return found[1]

    def key(
        self,
        notes: NotesFile,
        own: Sequence[ox.NamedNode],
        all_iris: Sequence[ox.NamedNode],
        named: Mapping[str, ox.NamedNode] | None,
    ) -> Hashable:
        """`graph_key`, with the records hashed once for as long as they are built."""
        found = self._hashed.get(id(notes))
        if found is None or found.record is not notes:
            found = _Hashed(notes)
        self._hashing[id(notes)] = found
        return (found, *graph_key(notes, own, all_iris, named)[1:])  # type: ignore[misc]

    def get(self, key: Hashable) -> FileGraph | None:
        found = self._kept.get(key)
        if found is not None:
            self._used[key] = found
            self.hits += 1
        return found

    def put(self, key: Hashable, graph: FileGraph) -> None:
        self._used[key] = graph

    def start(self) -> None:
        """A build begins: count its hits anew."""
        self._used, self._hashing, self._keying = {}, {}, {}
        self.hits = 0

    def done(self) -> None:
        """A build completed: keep what it used, forget the rest."""
        self._kept, self._used = self._used, {}
        self._hashed, self._hashing = self._hashing, {}
        self._keys, self._keying = self._keying, {}
