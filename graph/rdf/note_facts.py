"""What per-paper notes and vaults add to a paper: venue, aliases, tags,
folders, and related works linked note to note.

Kept apart from `build.py` so that the rules of notes files with metadata stay in one
place; `build.notes_file_triples` calls `entry_facts_triples` and `note_link_triples` for
each entry, writing the same pyoxigraph terms (`Terms`, `predicates.P`) as the rest of the
build. Tags are SKOS concepts in their own scheme (`tag:`), a nested tag `#a/b` being
`skos:broader` `#a`; folders are topics (`topic:folder:...`) nested by path. A paper is
`dcterms:subject` its tags and its folder as it is its heading topic.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence

import pyoxigraph as ox
from paperkg.extract.language.paper_names import link_name, short_name
from paperkg.extract.reading.note_links import ResolvedLink
from paperkg.extract.reading.tags import tag_path
from paperkg.extract.records import Entry
from paperkg.graph.rdf.identity import external_work_iri, name_key, slug
from paperkg.graph.rdf.namespaces import TAG, TOPIC
from paperkg.graph.rdf.predicates import P, mention_triples
from paperkg.graph.rdf.terms import Terms, Triple
from rdflib import URIRef


def folder_topic_iri(path: Sequence[str]) -> URIRef:
    """A folder as a topic; `folder:` keeps it apart from a heading of the same name."""
    return TOPIC["folder:" + "/".join(slug(part, limit=60) for part in path)]


def tag_iri(path: Sequence[str]) -> URIRef:
    return TAG["/".join(slug(part, limit=60) for part in path)]


def concept_path(
    t: Terms,
    path: Sequence[str],
    iri: Callable[[Sequence[str]], URIRef],
    scheme: ox.NamedNode,
    name: str,
) -> Iterator[Triple]:
    """A concept and its ancestors along a path, each in `scheme`, nested by skos:broader."""
    for depth in range(1, len(path) + 1):
        node = t.iri(str(iri(path[:depth])))
        yield node, P.type, P.concept
        yield node, P.pref_label, t.text(path[depth - 1])
        yield node, P.in_scheme, scheme
        if depth > 1:
            yield node, P.broader, t.iri(str(iri(path[: depth - 1])))
        else:
            yield scheme, P.has_top_concept, node
    yield scheme, P.type, P.concept_scheme
    yield scheme, P.pref_label, t.text(name)


def entry_facts_triples(
    t: Terms, paper: ox.NamedNode, entry: Entry, key: str = ""
) -> Iterator[Triple]:
    """Venue, aliases, tags and folder of an entry (front matter, fields).

    A per-paper note has no heading path: its NoteEntry (`<paper>#note-<key>`) is filed
    under its folder path instead, which is what the view shows as its place."""
    # authors and the date: graph/rdf/paper_metadata.py
    if entry.venue:
        yield paper, P.venue, t.text(entry.venue)
    for alias in entry.aliases:
        if alias != entry.title:
            yield paper, P.alternate_name, t.text(alias)
    for tag in entry.tags:
        path = tag_path(tag)
        if path:
            yield paper, P.subject, t.iri(str(tag_iri(path)))
            yield from concept_path(t, path, tag_iri, P.tag_scheme, "Tags")
    if entry.folder:
        yield paper, P.subject, t.iri(str(folder_topic_iri(entry.folder)))
        yield from concept_path(t, entry.folder, folder_topic_iri, P.topic_scheme, "Topics")
        if key and not entry.section:
            note = t.iri(f"{paper.value}#note-{key}")
            yield note, P.section_path, t.text(" > ".join(entry.folder))


def note_paper_names(
    entries: Sequence[Entry], iris: Sequence[ox.NamedNode]
) -> dict[str, ox.NamedNode]:
    """The names per-paper notes go by (their aliases, the note's name, the title's short
    name before ':'), keyed like external works (`identity.name_key`), to their papers.
    A name two papers share is left out: it names neither for sure."""
    found: dict[str, set[ox.NamedNode]] = {}
    for entry, iri in zip(entries, iris, strict=True):
        if entry.kind != "note":
            continue
        names = set(entry.aliases)
        short = short_name(entry.title) if entry.title else None
        if short:
            names.add(short)
        for name in names:
            key = name_key(name)
            if len(key) >= 3:
                found.setdefault(key, set()).add(iri)
    return {key: next(iter(papers)) for key, papers in found.items() if len(papers) == 1}


def note_link_triples(
    t: Terms,
    paper: ox.NamedNode,
    key: str,
    resolved: Sequence[ResolvedLink],
    iris: Sequence[ox.NamedNode],
) -> Iterator[Triple]:
    """Related works from links to other notes: the linked note's paper, or, for a link to
    no note read whose name has the shape of a work's name, an external work of that name.
    A link to a note that is not a paper (a concept note) relates to nothing."""
    note = t.iri(f"{paper.value}#note-{key}")
    for n, found in enumerate(resolved, start=1):
        link = found.link
        if found.paper is not None:
            target = iris[found.paper]
        elif found.exists or not link.named:
            continue
        else:
            name = link_name(link) or link.text
            target = t.iri(str(external_work_iri(name, None)))
            yield target, P.type, P.creative_work
            yield target, P.name, t.text(name)
        if target == paper:
            continue
        yield paper, P.relation, target
        mention = t.iri(f"{paper.value}#mention-{key}-n{n}")
        yield from mention_triples(t, note, mention, target, "comment", link.line, link.text)
