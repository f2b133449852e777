"""The Turtle file of a watch's rebuild, made from the last one's statements by difference.

`serialize.turtle_bytes` writes the sorted union as one statement per subject (Oxigraph
groups a subject's consecutive triples with `;` and `,`), each statement a function of that
subject's triples and the prefixes the file declares, and nothing else. So a watching
process keeps each subject's statement and, after a save, has Oxigraph spell again only the
statements of subjects that gained or lost a line (`SortedUnion.gone` and `.added`): a few
hundred, not the 30,000 subjects of 40x the example. When the declared prefixes change, or
this is not the update right after the one last seen, the whole file is spelled anew.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pyoxigraph as ox
from paperkg.graph.outputs.chunked import ChunkedPieces
from paperkg.graph.rdf.sorted_union import SortedUnion, subject_of


def _occurrences(text: str, prefixes: Mapping[str, str]) -> dict[str, int]:
    """How often each prefix's namespace occurs in the text (no namespace holds a space or
    a newline, so the count over a file of lines is the sum of the lines' counts)."""
    return {k: text.count(v) for k, v in prefixes.items()}


def _statements(lines: Sequence[str], used: Mapping[str, str]) -> list[bytes]:
    """Sorted "s p o" lines as Turtle statements, one per subject, each ending " ."."""
    nt = (" .\n".join(lines) + " .\n").encode("utf-8")
    text = ox.serialize(ox.parse(nt, format=ox.RdfFormat.N_TRIPLES), format=ox.RdfFormat.TURTLE,
                        prefixes=used)  # fmt: skip
    body = b"\n".join(line for line in text.split(b"\n") if not line.startswith(b"@prefix"))
    # Oxigraph escapes newlines in literals: " .\n" ends a statement and nothing else
    return [part + b" ." for part in body.split(b" .\n") if part.strip()]


class TurtleBlocks:
    """Each subject's Turtle statement as the last build spelled it, in the order of the
    file."""

    def __init__(self) -> None:
        self._prefixes: dict[str, str] = {}
        self._counts: dict[str, int] = {}  # prefix -> occurrences of its namespace
        # each subject's statement (the subject as N-Triples its key), in the file's order
        self._order = ChunkedPieces(separator=b"\n\n")
        self._generation = -1

    def pieces(self, union: SortedUnion, prefixes: Mapping[str, str]) -> list[bytes]:
        """The Turtle of the sorted union `union` made for this build, as pieces to write
        one after the other: `serialize.turtle_bytes` of its lines, byte for byte."""
        if dict(prefixes) != self._prefixes or self._generation != union.generation - 1:
            self._prefixes = dict(prefixes)
            self._counts = _occurrences(" .\n".join(union.lines), prefixes)
            self._spell_all(union.lines)
        else:
            before = self._used()
            for sign, changed in ((-1, union.gone), (1, union.added)):
                for key, count in _occurrences("\n".join(changed), prefixes).items():
                    self._counts[key] += sign * count
            if self._used() != before:  # a name is spelled another way everywhere
                self._spell_all(union.lines)
            else:
                self._update(union, before)
        self._generation = union.generation
        # the prefix lines sorted as lines, as serialize.turtle_bytes sorts them
        used = self._used()
        header = b"\n".join(sorted(f"@prefix {k}: <{v}> .".encode() for k, v in used.items()))
        return [header, b"\n\n", *self._order.joined(), b"\n"]

    def _spell_all(self, lines: Sequence[str]) -> None:
        subjects = list(dict.fromkeys(subject_of(line) for line in lines))
        made = _statements(lines, self._used()) if lines else []
        self._order.replace((s, m, ()) for s, m in zip(subjects, made, strict=True))

    def _used(self) -> dict[str, str]:
        """The prefixes the file declares: those whose namespace occurs, sorted by name (as
        serialize.turtle_bytes declares them)."""
        return {k: v for k, v in sorted(self._prefixes.items()) if self._counts[k] > 0}

    def _update(self, union: SortedUnion, used: Mapping[str, str]) -> None:
        runs = union.runs(sorted(union.touched()))
        alive = [s for s, run in runs.items() if run]
        made = _statements([x for s in alive for x in runs[s]], used) if alive else []
        self._order.remove(runs)
        self._order.add((s, m, ()) for s, m in zip(alive, made, strict=True))
