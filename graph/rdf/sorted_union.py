"""The union's sorted N-Triples lines, updated by difference from one build to the next.

The N-Triples, Turtle and JSON-LD outputs are written from the union of every graph's lines,
sorted (`build.BuiltRdf.ntriples`). Sorting 200,000 lines anew costs most of a second; a
save changes one notes file's graph, a few thousand lines. So a watching process keeps the
last sorted list and, per line, how many graphs hold it: graphs given back unchanged by the
memo (graph/rdf/graph_memo.py) are the very same objects and are skipped, the others are
counted out and in, and only the lines that appear or vanish are merged into the list.
The result is the list a full sort gives, line for line.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Collection, Iterable, Mapping, Sequence
from itertools import chain


def subject_of(line: str) -> str:
    """The subject of an "s p o" line, as spelled (IRIs hold no space)."""
    return line[: line.index(" ")]


def sorted_without(lines: list, gone: Collection) -> list:
    """Sorted `lines` less `gone` (each once in it), cut around each by bisection: a save
    removes a few thousand of 200,000 lines, and the rest are copied in slices, in C (a new
    list; `lines` is not changed)."""
    if not gone:
        return lines
    cuts = sorted(bisect_left(lines, line) for line in gone)
    ends = [*cuts, len(lines)]
    return list(
        chain.from_iterable(lines[a + 1 : b] for a, b in zip([-1, *cuts], ends, strict=True))
    )


def sorted_with(lines: list, added: list) -> list:
    """Sorted `lines` with the sorted `added` (none of them in it) put in their places (a
    new list)."""
    if not added:
        return list(lines)
    at = [bisect_left(lines, line) for line in added]
    pieces: list[list] = []
    start = 0
    for place, line in zip(at, added, strict=True):
        pieces += (lines[start:place], [line])
        start = place
    pieces.append(lines[start:])
    return list(chain.from_iterable(pieces))


class SortedUnion:
    """The distinct lines of a build's graphs, sorted, kept between builds."""

    def __init__(self) -> None:
        self._graphs: dict[str, Sequence[str]] = {}
        self._holders: dict[str, int] = {}  # line -> graphs holding it
        self._sorted: list[str] = []
        # the last update's difference: the graphs it started from, the lines gone and added
        self.previous: Mapping[str, Sequence[str]] = {}
        self.gone: set[str] = set()
        self.added: list[str] = []
        self.generation = 0  # updates so far: a reader of the difference knows if it saw the last

    @property
    def lines(self) -> list[str]:
        """The sorted lines of the last update. Read only."""
        return self._sorted

    @property
    def graphs(self) -> Mapping[str, Sequence[str]]:
        """The graphs of the last update, as given."""
        return self._graphs

    def update(self, graphs: Mapping[str, Sequence[str]]) -> list[str]:
        """The sorted distinct lines of `graphs` (graph IRI -> its lines, each distinct)."""
        holders = self._holders
        touched: dict[str, bool] = {}  # line -> whether it was in the union before
        for graph, lines in self._graphs.items():
            if graphs.get(graph) is lines:
                continue
            for line in lines:
                touched.setdefault(line, True)
                holders[line] -= 1
        for graph, lines in graphs.items():
            if self._graphs.get(graph) is lines:
                continue
            for line in lines:
                count = holders.get(line, 0)
                touched.setdefault(line, count > 0)
                holders[line] = count + 1
        gone = set()
        added = []
        for line, before in touched.items():
            now = holders.get(line, 0) > 0
            if before and not now:
                gone.add(line)
                del holders[line]
            elif now and not before:
                added.append(line)
        added.sort()
        kept = sorted_with(sorted_without(self._sorted, gone), added)
        self._sorted = kept
        self.previous, self._graphs = self._graphs, dict(graphs)
        self.gone, self.added = gone, added
        self.generation += 1
        return kept

    def touched(self) -> set[str]:
        """The subjects (as spelled) that gained or lost a line in the last update."""
        return {subject_of(line) for lines in (self.gone, self.added) for line in lines}

    def runs(self, subjects: Iterable[str]) -> dict[str, list[str]]:
        """Each subject's lines in the last update's sorted lines (none: it is gone)."""
        lines, out = self._sorted, {}
        for subject in subjects:
            head = subject + " "
            start = end = bisect_left(lines, head)
            while end < len(lines) and lines[end].startswith(head):
                end += 1
            out[subject] = lines[start:end]
        return out
