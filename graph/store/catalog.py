"""The built graph as typed records (papers, techniques, topics, counts) for Python users who
do not write SPARQL. The SPARQL lives in `catalog/*.rq`; this module only shapes the rows.

Multi-valued properties (a paper's topics, techniques and notes places) come back from
GROUP_CONCAT in no defined order, so they are split and sorted here: same graph, same records.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from importlib import resources

from paperkg.graph.store.rows import Rows

Select = Callable[[str], Rows]  # SPARQL text -> typed rows (Graph.query does this)


@cache
def catalog_query(name: str) -> str:
    """The text of `catalog/NAME.rq`."""
    return resources.files(__package__).joinpath("catalog", f"{name}.rq").read_text("utf-8")


def _listed(text: str | None) -> tuple[str, ...]:
    return tuple(sorted(set(text.split("\n")))) if text else ()


@dataclass(frozen=True)
class Paper:
    """A paper of the notes. A paper noted several times has its best rating, is starred
    when any note stars it, and lists every topic, technique and `file:line` it was noted at."""

    iri: str
    title: str | None
    url: str | None
    rating: int | float | None
    starred: bool
    topics: tuple[str, ...]
    techniques: tuple[str, ...]
    notes: tuple[str, ...]


@dataclass(frozen=True)
class Technique:
    """A technique at least one paper mentions, with its aliases and broader techniques."""

    iri: str
    label: str
    alt_labels: tuple[str, ...]
    broader: tuple[str, ...]
    papers: int


@dataclass(frozen=True)
class Topic:
    """A topic (a heading of the notes): `path` is the labels from the top heading down."""

    iri: str
    label: str
    path: tuple[str, ...]
    broader: str | None
    papers: int


def _number(value):
    """A rating as int when whole (8), else float (7.5); the graph types it as a number."""
    if value is None:
        return None
    number = float(value)
    return int(number) if number.is_integer() else number


def papers(select: Select) -> tuple[Paper, ...]:
    """Every paper of the notes (not the outside works comments point to), by IRI."""
    return tuple(
        Paper(
            iri=row.paper,
            title=row.title,
            url=row.url,
            rating=_number(row.rating),
            starred=bool(row.starred),
            topics=_listed(row.topics),
            techniques=_listed(row.techniques),
            notes=_listed(row.notes),
        )
        for row in select(catalog_query("papers"))
    )


def techniques(select: Select) -> tuple[Technique, ...]:
    """The techniques papers mention, most mentioned first."""
    return tuple(
        Technique(
            iri=row.technique,
            label=row.label,
            alt_labels=_listed(row.alt_labels),
            broader=_listed(row.broader),
            papers=int(row.papers),
        )
        for row in select(catalog_query("techniques"))
    )


def topics(select: Select) -> tuple[Topic, ...]:
    """Every topic, by IRI, with its heading path."""
    rows = select(catalog_query("topics"))
    parent = {row.topic: row.broader for row in rows}
    label = {row.topic: row.label for row in rows}

    def path(topic: str) -> tuple[str, ...]:
        chain: list[str] = []
        while topic in label and label[topic] not in chain:  # a cycle would be a bad graph
            chain.append(label[topic])
            topic = parent[topic]
        return tuple(reversed(chain))

    return tuple(
        Topic(row.topic, row.label, path(row.topic), row.broader, int(row.papers or 0))
        for row in rows
    )


@dataclass(frozen=True)
class Stats:
    """What `paperkg stats` prints: counts by type, top techniques, fullest topics."""

    counts: tuple[tuple[str, int], ...]
    top_techniques: tuple[tuple[str, int], ...]
    top_topics: tuple[tuple[str, int], ...]

    def text(self) -> str:
        lines = ["Counts"]
        lines += [f"  {name:28} {n}" for name, n in self.counts]
        for title, ranked in (
            ("Top techniques", self.top_techniques),
            ("Top topics", self.top_topics),
        ):
            lines.append(title)
            lines += [f"  {name:40} {n}" for name, n in ranked]
        return "\n".join(lines)


def stats(select: Select, saved: Callable[[str], str], top: int = 10) -> Stats:
    """Counts by type, then the most mentioned techniques and the fullest topics, from the
    saved queries `techniques-by-papers` and `topics-by-papers` (`saved` gives their text)."""
    counts = tuple((str(r[0]), int(r[1])) for r in select(catalog_query("counts")))
    ranked = [
        tuple((str(r[0]), int(r[-1])) for r in select(saved(name))[:top])
        for name in ("techniques-by-papers", "topics-by-papers")
    ]
    return Stats(counts, ranked[0], ranked[1])
