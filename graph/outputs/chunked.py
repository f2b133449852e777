"""Keyed pieces of an output file, kept sorted in chunks that are joined once each.

A watch's rebuild writes its Turtle, JSON-LD and GraphML from the pieces the last one kept
(one per subject, node or element: 20,000-30,000 a file at 40x the example), spelling
again only a few hundred. Copying, sorting and joining every piece each time still cost
as much as spelling them: each piece is a Python object whose reference count is written
when a list holds it, and in a process that has forked a child each page so written is
copied. So the pieces are kept in chunks of about `SIZE`, each holding its pieces joined
into one bytes object: a save rejoins the chunks it touched, and the file is written from
a few hundred chunks.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

SIZE = 128  # pieces a chunk holds at most before it splits in two

Tags = tuple[Hashable, ...]  # what a piece declares, in order (GraphML's keys); () for most


@dataclass
class _Chunk:
    keys: list[Any]
    pieces: list[bytes]
    tags: list[Tags]
    joined: bytes | None = None
    first_tags: Tags | None = None  # each tag once, in order of first use

    def join(self, separator: bytes) -> bytes:
        if self.joined is None:
            self.joined = separator.join(self.pieces)
        return self.joined

    def declared(self) -> Tags:
        if self.first_tags is None:
            self.first_tags = tuple(dict.fromkeys(t for tags in self.tags for t in tags))
        return self.first_tags


@dataclass
class ChunkedPieces:
    """Pieces sorted by key, each key once, joined by `separator` (between chunks too)."""

    separator: bytes = b""
    _chunks: list[_Chunk] = field(default_factory=list)
    _firsts: list[Any] = field(default_factory=list)  # each chunk's first key

    def replace(self, items: Iterable[tuple[Any, bytes, Tags]]) -> None:
        """Hold these (key, piece, tags), sorted by key, and nothing else."""
        ordered = sorted(items, key=lambda item: item[0])
        self._chunks = [
            _Chunk([k for k, _, _ in part], [p for _, p, _ in part], [t for _, _, t in part])
            for part in (ordered[i : i + SIZE] for i in range(0, len(ordered), SIZE))
        ]
        self._firsts = [c.keys[0] for c in self._chunks]

    def remove(self, keys: Iterable[Any]) -> None:
        """Drop the pieces of these keys (a key not held is ignored)."""
        for key in keys:
            at = bisect_right(self._firsts, key) - 1
            if at < 0:
                continue
            chunk = self._chunks[at]
            i = bisect_left(chunk.keys, key)
            if i < len(chunk.keys) and chunk.keys[i] == key:
                del chunk.keys[i], chunk.pieces[i], chunk.tags[i]
                chunk.joined = chunk.first_tags = None
                if not chunk.keys:
                    del self._chunks[at], self._firsts[at]
                elif i == 0:
                    self._firsts[at] = chunk.keys[0]

    def add(self, items: Iterable[tuple[Any, bytes, Tags]]) -> None:
        """Put these (key, piece, tags) in their places; no key of them is held."""
        for key, piece, tags in items:
            if not self._chunks:
                self._chunks, self._firsts = [_Chunk([key], [piece], [tags])], [key]
                continue
            at = max(bisect_right(self._firsts, key) - 1, 0)
            chunk = self._chunks[at]
            i = bisect_left(chunk.keys, key)
            chunk.keys.insert(i, key)
            chunk.pieces.insert(i, piece)
            chunk.tags.insert(i, tags)
            chunk.joined = chunk.first_tags = None
            self._firsts[at] = chunk.keys[0]
            if len(chunk.keys) > 2 * SIZE:
                self._split(at)

    def _split(self, at: int) -> None:
        chunk, half = self._chunks[at], len(self._chunks[at].keys) // 2
        right = _Chunk(chunk.keys[half:], chunk.pieces[half:], chunk.tags[half:])
        del chunk.keys[half:], chunk.pieces[half:], chunk.tags[half:]
        chunk.joined = chunk.first_tags = None
        self._chunks.insert(at + 1, right)
        self._firsts.insert(at + 1, right.keys[0])

    def __len__(self) -> int:
        return sum(len(c.keys) for c in self._chunks)

    def joined(self) -> list[bytes]:
        """The pieces joined, as chunks to write one after the other, separators between."""
        out: list[bytes] = []
        for chunk in self._chunks:
            if out and self.separator:
                out.append(self.separator)
            out.append(chunk.join(self.separator))
        return out

    def tags(self) -> list[Hashable]:
        """Every tag once, in order of first use over the pieces in order."""
        return list(dict.fromkeys(t for c in self._chunks for t in c.declared()))

    def keys(self) -> Sequence[Any]:
        return [k for c in self._chunks for k in c.keys]
