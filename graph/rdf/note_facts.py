"""What per-paper notes and vaults add to a paper: venue, aliases, tags,
folders, and related works linked note to note.

Kept apart from `graph.build` so that the build's hot path can change representation
without touching these rules; `build.notes_file_triples` calls the two functions below for
each entry. Tags are SKOS concepts in their own scheme (`tag:`), a nested tag `#a/b` being
`skos:broader` `#a`; folders are topics (`topic:folder:...`) nested by path. A paper is
`dcterms:subject` its tags and its folder as it is its heading topic.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence

from paperkg.extract.language.cross_references import short_name
from paperkg.extract.language.note_extraction import link_name
from paperkg.extract.reading.note_links import ResolvedLink
from paperkg.extract.reading.tags import tag_path
from paperkg.extract.records import Entry
from paperkg.graph.rdf.identity import external_work_iri, name_key, slug
from paperkg.graph.rdf.namespaces import PKG, TAG, TAG_SCHEME, TOPIC, TOPIC_SCHEME
from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, SDO, SKOS, XSD

Triple = tuple[URIRef, URIRef, URIRef | Literal]


def _text(value: str) -> Literal:
    return Literal(value, datatype=XSD.string)


def folder_topic_iri(path: Sequence[str]) -> URIRef:
    """A folder as a topic; `folder:` keeps it apart from a heading of the same name."""
    return TOPIC["folder:" + "/".join(slug(part, limit=60) for part in path)]


def tag_iri(path: Sequence[str]) -> URIRef:
    return TAG["/".join(slug(part, limit=60) for part in path)]


def _concept_path(
    path: Sequence[str], iri: Callable[[Sequence[str]], URIRef], scheme: URIRef, name: str
) -> Iterator[Triple]:
    """A concept and its ancestors along a path, each in `scheme`, nested by skos:broader."""
    for depth in range(1, len(path) + 1):
        node = iri(path[:depth])
        yield node, RDF.type, SKOS.Concept
        yield node, SKOS.prefLabel, _text(path[depth - 1])
        yield node, SKOS.inScheme, scheme
        if depth > 1:
            yield node, SKOS.broader, iri(path[: depth - 1])
        else:
            yield scheme, SKOS.hasTopConcept, node
    yield scheme, RDF.type, SKOS.ConceptScheme
    yield scheme, SKOS.prefLabel, _text(name)


def entry_facts_triples(paper: URIRef, entry: Entry, key: str = "") -> Iterator[Triple]:
    """Venue, aliases, tags and folder of an entry (front matter, fields).

    A per-paper note has no heading path: its NoteEntry (`<paper>#note-<key>`) is filed
    under its folder path instead, which is what the view shows as its place."""
    # authors and the date: graph/rdf/paper_metadata.py
    if entry.venue:
        yield paper, PKG.venue, _text(entry.venue)
    for alias in entry.aliases:
        if alias != entry.title:
            yield paper, SDO.alternateName, _text(alias)
    for tag in entry.tags:
        path = tag_path(tag)
        if path:
            yield paper, DCTERMS.subject, tag_iri(path)
            yield from _concept_path(path, tag_iri, TAG_SCHEME, "Tags")
    if entry.folder:
        yield paper, DCTERMS.subject, folder_topic_iri(entry.folder)
        yield from _concept_path(entry.folder, folder_topic_iri, TOPIC_SCHEME, "Topics")
        if key and not entry.section:
            yield URIRef(f"{paper}#note-{key}"), PKG.sectionPath, _text(" > ".join(entry.folder))


def note_paper_names(entries: Sequence[Entry], iris: Sequence[URIRef]) -> dict[str, URIRef]:
    """The names per-paper notes go by (their aliases, the note's name, the title's short
    name before ':'), keyed like external works (`identity.name_key`), to their papers.
    A name two papers share is left out: it names neither for sure."""
    found: dict[str, set[URIRef]] = {}
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
    paper: URIRef,
    key: str,
    resolved: Sequence[ResolvedLink],
    iris: Sequence[URIRef],
) -> Iterator[Triple]:
    """Related works from links to other notes: the linked note's paper, or, for a link to
    no note read whose name has the shape of a work's name, an external work of that name.
    A link to a note that is not a paper (a concept note) relates to nothing."""
    from paperkg.graph.rdf.build import _mention_triples

    note = URIRef(f"{paper}#note-{key}")
    for n, found in enumerate(resolved, start=1):
        link = found.link
        if found.paper is not None:
            target = iris[found.paper]
        elif found.exists or not link.named:
            continue
        else:
            name = link_name(link) or link.text
            target = external_work_iri(name, None)
            yield target, RDF.type, SDO.CreativeWork
            yield target, SDO.name, _text(name)
        if target == paper:
            continue
        yield paper, DCTERMS.relation, target
        mention = URIRef(f"{paper}#mention-{key}-n{n}")
        yield from _mention_triples(note, mention, target, "comment", link.line, link.text)
