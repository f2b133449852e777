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
    when any note stars it, and lists every topic, technique and `file:line` it was noted at.

    `topics` are full paths from the top heading or folder ("Generation > Video") and then
    the tags; `tags` are the tags alone, nested ones as paths ("vision/backbone"); `authors`
    are in the note's order; `year` is the publication year (front matter, a venue's year,
    or the arXiv identifier's)."""

    iri: str
    title: str | None
    url: str | None
    rating: int | float | None
    starred: bool
    topics: tuple[str, ...]
    techniques: tuple[str, ...]
    notes: tuple[str, ...]
    authors: tuple[str, ...] = ()
    year: int | None = None
    tags: tuple[str, ...] = ()


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


TAG_SCHEME = "https://w3id.org/paperkg/tag/"


def concept_paths(select: Select) -> dict[str, tuple[str, str]]:
    """Each topic and tag IRI -> (its scheme, its path): "A > B" for a topic, "a/b" for a tag."""
    rows = select(catalog_query("concepts"))
    parent = {row.concept: row.broader for row in rows}
    label = {row.concept: row.label for row in rows}
    out: dict[str, tuple[str, str]] = {}
    for row in rows:
        chain: list[str] = []
        concept = row.concept
        while concept in label and label[concept] not in chain:
            chain.append(label[concept])
            concept = parent[concept]
        tag = row.scheme == TAG_SCHEME
        out[row.concept] = (row.scheme, ("/" if tag else " > ").join(reversed(chain)))
    return out


def _authors(listed: str | None, people: str | None) -> tuple[str, ...]:
    """The authors in the note's order (`pkg:authorList`), then any other note's."""
    ordered = [a for a in (listed or "").split("; ") if a]
    return tuple(dict.fromkeys([*ordered, *_listed(people)]))


def papers(select: Select) -> tuple[Paper, ...]:
    """Every paper of the notes (not the outside works comments point to), by IRI."""
    paths = concept_paths(select)
    out = []
    for row in select(catalog_query("papers")):
        found = [paths[s] for s in _listed(row.subjects) if s in paths]
        tags = tuple(sorted({path for scheme, path in found if scheme == TAG_SCHEME}))
        topics = tuple(sorted({path for scheme, path in found if scheme != TAG_SCHEME}))
        out.append(
            Paper(
                iri=row.paper,
                title=row.title,
                url=row.url,
                rating=_number(row.rating),
                starred=bool(row.starred),
                topics=topics + tags,
                techniques=_listed(row.techniques),
                notes=_listed(row.notes),
                authors=_authors(row.authors, row.people),
                year=int(str(row.year)[:4]) if row.year else None,
                tags=tags,
            )
        )
    return tuple(out)


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
