"""What the property graph keeps from one build of a watch to the next: each paper's node
attributes and the places its techniques and works were named, so that a rebuild works out
again only the papers whose triples changed.

A paper's attributes (projection.py, `_Papers.attributes`) and its mentions
(`mentions_by_paper`) read the paper's own facts and those of what hangs below it: its
notes, their notes file and reviews, the reviews' ratings, its authors, its subjects and
their broader concepts, its notes' mentions. Each of these is one step down from the paper
or from another of them, along one of `_DOWN`'s predicates (a review hangs from its note by
`prov:wasDerivedFrom`, read the other way). A triple that left or entered the union
(`UnionIndex.changed`) changes what is read at its subject (at its object, for
`wasDerivedFrom`), so only the papers reached back up from there can differ: every other
paper gets back the very value a full build would work out. This holds only for the
update right after the one the memo last saw (`UnionIndex.generation`); after any other,
every paper is worked out again.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from paperkg.graph.rdf.union_reader import UnionReader

from paperkg.prefixes import NAMESPACES

_PKG, _SDO, _DCT = NAMESPACES["pkg"], NAMESPACES["schema"], NAMESPACES["dcterms"]
_SKOS, _PROV = NAMESPACES["skos"], NAMESPACES["prov"]
_DERIVED = _PROV + "wasDerivedFrom"  # review -> its note: the review hangs below the note
_DOWN = (
    _PKG + "notedIn",
    _PKG + "notesFile",
    _SDO + "reviewRating",
    _SDO + "author",
    _DCT + "subject",
    _SKOS + "broader",
    _PKG + "hasMention",
)


def _above(rdf: UnionReader, seeds: Iterable[str]) -> set[str]:
    """`seeds` and every node from which one of them is reached going down."""
    ups = [rdf.subjects(p) for p in _DOWN]
    derived = rdf.objects(_DERIVED)
    seen = set(seeds)
    todo = list(seen)
    while todo:
        node = todo.pop()
        parents = [s for up in ups for s in up.get(node, ())]
        parents.extend(note.value for note in derived.get(node, ()))
        for parent in parents:
            if parent not in seen:
                seen.add(parent)
                todo.append(parent)
    return seen


@dataclass
class Reuse:
    """The values kept by paper, and the papers whose value must be worked out again."""

    values: dict[str, object]
    dirty: set[str]

    def get(self, paper: str, missing: object) -> object:
        if paper in self.dirty:
            return missing
        return self.values.get(paper, missing)


@dataclass
class _Kept:
    generation: int = -1
    values: dict[str, object] = field(default_factory=dict)


class ProjectionMemo:
    """Per-paper values of the last build, by kind ("attributes", "mentions")."""

    def __init__(self) -> None:
        self._kept: dict[str, _Kept] = {}
        self._dirty: tuple[int, set[str]] = (-1, set())
        self.reused = 0  # papers whose values the last build took back, for tests

    def reuse(self, kind: str, rdf: UnionReader) -> Reuse | None:
        """What a build reading `rdf` may take back for `kind`; None: work out every paper."""
        kept, index = self._kept.get(kind), rdf.kept
        if kept is None or index is None or kept.generation != index.generation - 1:
            return None
        if self._dirty[0] != index.generation:
            seeds = {s.value for s, _, _ in index.changed}
            seeds.update(o.value for _, p, o in index.changed if p.value == _DERIVED)
            self._dirty = (index.generation, _above(rdf, seeds))
        return Reuse(kept.values, self._dirty[1])

    def keep(self, kind: str, rdf: UnionReader, values: dict[str, object]) -> None:
        """The values a build worked out for every paper of `rdf`, kept for the next."""
        index = rdf.kept
        self._kept[kind] = _Kept(-2 if index is None else index.generation, values)
