"""Records to RDF, following the public contract of DESIGN.md.

Each notes file becomes its own named graph (so one file can be rebuilt or pushed alone);
the techniques used and the project's property declarations go into a vocabulary graph.
Every node has a minted IRI: no blank nodes, so outputs are deterministic and remote stores
accept them.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass

from rdflib import Dataset, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SDO, SKOS, XSD

from ..extract.links import cvf_first_author, cvf_paper, paper_identifier
from ..extract.note_links import ResolvedLink, linked_text_notes_only, resolve_note_links
from ..extract.records import ExtractedEntry, NotesFile, TechniqueMention
from ..extract.vocabulary import Vocabulary
from .bulk_load import add_quads
from .identity import (
    external_work_iri,
    file_key,
    name_key,
    notes_file_iri,
    paper_iris,
    safe_iri,
    topic_iri,
)
from .namespaces import (
    GRAPHS,
    PKG,
    RELATION_PROPERTIES,
    TECHNIQUE_SCHEME,
    TOPIC_SCHEME,
    VOCABULARY_GRAPH,
)
from .note_facts import entry_facts_triples, note_link_triples, note_paper_names
from .store import open_dataset

Triple = tuple[URIRef, URIRef, URIRef | Literal]


@dataclass(frozen=True)
class BuildSummary:
    """Counts for the one summary line a build ends with."""

    papers: int
    topics: int
    techniques: int
    relations: int
    triples: int


def graph_iri(path: str) -> URIRef:
    """The named graph holding what one notes file says."""
    return GRAPHS["notes/" + str(notes_file_iri(path)).rsplit("/notes/", 1)[-1]]


def _number(value: float) -> Literal:
    if float(value).is_integer():
        return Literal(int(value), datatype=XSD.integer)
    return Literal(str(value), datatype=XSD.decimal)


def _text(value: str) -> Literal:
    return Literal(value, datatype=XSD.string)


def topic_triples(path: Sequence[str]) -> Iterator[Triple]:
    """A topic and all its ancestors, each a skos:Concept in the topics scheme."""
    for depth in range(1, len(path) + 1):
        node = topic_iri(path[:depth])
        yield node, RDF.type, SKOS.Concept
        yield node, SKOS.prefLabel, _text(path[depth - 1])
        yield node, SKOS.inScheme, TOPIC_SCHEME
        if depth > 1:
            yield node, SKOS.broader, topic_iri(path[: depth - 1])
        else:
            yield TOPIC_SCHEME, SKOS.hasTopConcept, node
    yield TOPIC_SCHEME, RDF.type, SKOS.ConceptScheme
    yield TOPIC_SCHEME, SKOS.prefLabel, _text("Topics")


def _paper_facts(paper: URIRef, item: ExtractedEntry) -> Iterator[Triple]:
    entry = item.entry
    yield paper, RDF.type, SDO.ScholarlyArticle
    if entry.title:
        yield paper, SDO.name, _text(entry.title)
    if entry.url:
        url_iri = safe_iri(entry.url)  # None for a link that is not a web address
        if url_iri is not None:
            yield paper, SDO.url, url_iri
        ident = paper_identifier(entry.url)
        if ident:
            yield paper, SDO.identifier, _text(ident)
            if ident.startswith("arXiv:"):
                yield paper, SDO.sameAs, URIRef("https://arxiv.org/abs/" + ident[6:])
            elif ident.startswith("doi:"):
                doi_iri = safe_iri("https://doi.org/" + ident[4:])
                if doi_iri is not None:
                    yield paper, SDO.sameAs, doi_iri
        cvf = cvf_paper(entry.url)
        if cvf:
            yield paper, PKG.venue, _text(cvf.venue)
            yield paper, SDO.datePublished, Literal(str(cvf.year), datatype=XSD.gYear)
            author = cvf_first_author(cvf.slug, entry.title)
            if author:
                yield paper, PKG.firstAuthor, _text(author)
    if entry.summary:
        yield paper, SDO.description, _text(entry.summary)
    for url in item.code:
        code_iri = safe_iri(url)
        if code_iri is not None:
            yield paper, SDO.codeRepository, code_iri


def _note_triples(paper: URIRef, item: ExtractedEntry, key: str, path: str) -> Iterator[Triple]:
    """Provenance and the note-taker's verdict: the NoteEntry, Review and Rating nodes."""
    entry = item.entry
    note = URIRef(f"{paper}#note-{key}")
    yield paper, PKG.notedIn, note
    yield paper, PROV.wasDerivedFrom, notes_file_iri(path)
    yield note, RDF.type, PKG.NoteEntry
    yield note, PKG.notesFile, notes_file_iri(path)
    yield note, PKG.line, Literal(entry.line, datatype=XSD.integer)
    if entry.section:
        yield note, PKG.sectionPath, _text(" > ".join(entry.section))
        topic = topic_iri(entry.section)
        yield paper, DCTERMS.subject, topic
    review = URIRef(f"{paper}#review-{key}")
    yield paper, SDO.review, review
    yield review, RDF.type, SDO.Review
    yield review, SDO.itemReviewed, paper
    yield review, PROV.wasDerivedFrom, note
    if entry.comment:
        yield review, SDO.reviewBody, _text(entry.comment)
    if entry.starred:
        yield review, PKG.starred, Literal(True)
    if entry.rating is not None:
        rating = URIRef(f"{paper}#rating-{key}")
        yield review, SDO.reviewRating, rating
        yield rating, RDF.type, SDO.Rating
        yield rating, SDO.ratingValue, _number(entry.rating)
        yield rating, SDO.bestRating, Literal(entry.rating_scale, datatype=XSD.integer)
        yield rating, SDO.worstRating, Literal(0, datatype=XSD.integer)
        if entry.rating_uncertain:
            yield rating, PKG.ratingUncertain, Literal(True)


def _mention_triples(
    note: URIRef, mention_iri: URIRef, target: URIRef, part: str, line: int, surface: str
) -> Iterator[Triple]:
    yield note, PKG.hasMention, mention_iri
    yield mention_iri, RDF.type, PKG.Mention
    yield mention_iri, PKG.mentionOf, target
    yield mention_iri, PKG.part, _text(part)
    yield mention_iri, PKG.line, Literal(line, datatype=XSD.integer)
    if surface:
        yield mention_iri, PKG.surface, _text(surface)


def _links_triples(
    paper: URIRef,
    item: ExtractedEntry,
    key: str,
    iris: Sequence[URIRef],
    named: Mapping[str, URIRef] | None = None,
) -> Iterator[Triple]:
    """Techniques mentioned and related works, each with a Mention saying where.

    `named` maps the names per-paper notes go by (`note_facts.note_paper_names`) to their
    papers: a work named so in a comment is that paper, not an external work."""
    note = URIRef(f"{paper}#note-{key}")
    for n, tech in enumerate(item.techniques, start=1):
        concept = URIRef(tech.concept)
        yield paper, SDO.mentions, concept
        yield from _mention_triples(
            note, URIRef(f"{paper}#mention-{key}-t{n}"), concept, tech.part, tech.line, tech.surface
        )
    for n, rel in enumerate(item.related, start=1):
        if rel.target is not None:
            target = iris[rel.target]
        elif not rel.url and named and name_key(rel.name or "") in named:
            target = named[name_key(rel.name or "")]
        else:
            target = external_work_iri(rel.name, rel.url)
            is_paper = bool(rel.url and paper_identifier(rel.url))
            yield target, RDF.type, SDO.ScholarlyArticle if is_paper else SDO.CreativeWork
            if rel.name:
                yield target, SDO.name, _text(rel.name)
            rel_iri = safe_iri(rel.url) if rel.url else None
            if rel_iri is not None:
                yield target, SDO.url, rel_iri
        if target == paper:
            continue
        yield paper, DCTERMS.relation, target
        mention = URIRef(f"{paper}#mention-{key}-r{n}")
        yield from _mention_triples(note, mention, target, rel.part, rel.line, rel.surface)
        prop = RELATION_PROPERTIES.get(rel.relation or "")
        if prop is not None:
            yield paper, prop, target
            yield mention, PKG.relationType, prop


def notes_file_triples(
    notes: NotesFile,
    iris: Sequence[URIRef],
    all_iris: Sequence[URIRef] = (),
    note_links: Mapping[int, Sequence[ResolvedLink]] | None = None,
    named: Mapping[str, URIRef] | None = None,
) -> Iterator[Triple]:
    """Everything one notes file says; `iris` are the paper IRIs of its entries, in order.

    `all_iris` are those of every file, and `note_links` this file's entries' links to other
    notes resolved over every file (`extract.note_links`), keyed by entry index."""
    file_node = notes_file_iri(notes.path)
    yield file_node, RDF.type, PKG.NotesFile
    yield file_node, RDF.type, PROV.Entity
    yield file_node, PKG.path, _text(notes.path)
    yield file_node, PKG.sha256, _text(notes.sha256)
    seen_keys: dict[URIRef, int] = {}
    topics: set[tuple[str, ...]] = set()
    own_iris = list(iris)
    for index, (item, paper) in enumerate(zip(notes.entries, iris, strict=True)):
        count = seen_keys.get(paper, 0) + 1
        seen_keys[paper] = count
        key = file_key(notes.path) + ("" if count == 1 else f"-{count}")
        yield from _paper_facts(paper, item)
        yield from _note_triples(paper, item, key, notes.path)
        yield from _links_triples(paper, item, key, own_iris, named)
        yield from entry_facts_triples(paper, item.entry, key)
        if note_links and index in note_links:
            yield from note_link_triples(paper, key, note_links[index], all_iris)
        if item.entry.section:
            topics.add(item.entry.section)
    for path in sorted(topics):
        yield from topic_triples(path)


def vocabulary_triples(vocab: Vocabulary, used: Iterable[str]) -> Iterator[Triple]:
    """The techniques used, with their ancestors, and the project's own declarations."""
    todo = sorted(set(used))
    done: set[str] = set()
    while todo:
        iri = todo.pop()
        if iri in done:
            continue
        done.add(iri)
        concept = vocab.get(iri)
        if concept is None:
            continue
        node = URIRef(iri)
        yield node, RDF.type, SKOS.Concept
        yield node, SKOS.prefLabel, _text(concept.pref_label)
        yield node, SKOS.inScheme, TECHNIQUE_SCHEME
        for alt in concept.alt_labels:
            yield node, SKOS.altLabel, _text(alt)
        # lowercase spellings as hidden labels: a query can look a technique up by index
        # ("lora" -> LoRA) instead of filtering every label through LCASE
        shown = {concept.pref_label, *concept.alt_labels}
        for hidden in sorted({label.lower() for label in shown} - shown):
            yield node, SKOS.hiddenLabel, _text(hidden)
        for parent in concept.broader:
            yield node, SKOS.broader, URIRef(parent)
            todo.append(parent)
        if not concept.broader:
            yield TECHNIQUE_SCHEME, SKOS.hasTopConcept, node
    yield TECHNIQUE_SCHEME, RDF.type, SKOS.ConceptScheme
    yield TECHNIQUE_SCHEME, SKOS.prefLabel, _text("Techniques")
    for prop in RELATION_PROPERTIES.values():
        yield prop, RDF.type, OWL.ObjectProperty
        yield prop, RDFS.subPropertyOf, DCTERMS.relation
        yield prop, RDFS.label, _text(prop.split("#")[-1])


def candidate_triples(mentions: Iterable[TechniqueMention], vocab: Vocabulary) -> Iterator[Triple]:
    """Candidate techniques (`pkg:candidate true`) and their heads the vocabulary lacks."""
    for t in mentions:
        concepts = [(t.concept, t.label, t.broader)]
        if t.broader and t.broader_label and vocab.get(t.broader) is None:
            concepts.append((t.broader, t.broader_label, None))
        for iri, label, broader in concepts:
            node = URIRef(iri)
            yield node, RDF.type, SKOS.Concept
            yield node, SKOS.prefLabel, _text(label)
            yield node, SKOS.inScheme, TECHNIQUE_SCHEME
            yield node, PKG.candidate, Literal(True)
            if broader:
                yield node, SKOS.broader, URIRef(broader)
            else:
                yield TECHNIQUE_SCHEME, SKOS.hasTopConcept, node


def _triple_key(triple: Triple) -> tuple[str, ...]:
    """Sort by plain strings: rdflib's term comparisons run in Python and were 10% of a build."""
    s, p, o = triple
    datatype, language = getattr(o, "datatype", None), getattr(o, "language", None)
    return (str(s), str(p), str(o), str(datatype or ""), language or "")


def file_quads(notes_files: Sequence[NotesFile]) -> dict[str, list[Triple]]:
    """The triples of each notes file, with paper IRIs assigned across all files at once."""
    notes_files = linked_text_notes_only(notes_files)
    flat = [item.entry for notes in notes_files for item in notes.entries]
    iris = paper_iris(flat)
    resolved = resolve_note_links(notes_files)
    named = note_paper_names(flat, iris)
    out: dict[str, list[Triple]] = {}
    start = 0
    for notes in notes_files:
        mine = iris[start : start + len(notes.entries)]
        links = {i - start: r for i, r in resolved.items() if start <= i < start + len(mine)}
        start += len(notes.entries)
        triples = notes_file_triples(notes, mine, iris, links, named)
        out[notes.path] = sorted(set(triples), key=_triple_key)
    return out


def build(
    notes_files: Sequence[NotesFile], vocab: Vocabulary, ds: Dataset | None = None
) -> Dataset:
    """Records to an RDF dataset in an Oxigraph store: one named graph per notes file.

    Pass `ds` to build into an existing (say on-disk) dataset; else an in-memory one is made.
    """
    ds = open_dataset() if ds is None else ds
    notes_files = linked_text_notes_only(notes_files)
    used: set[str] = set()
    candidates = []
    for notes in notes_files:
        for item in notes.entries:
            used.update(
                t.broader or t.concept if t.candidate else t.concept for t in item.techniques
            )
            candidates.extend(t for t in item.techniques if t.candidate)
    quads: list = []  # one bulk write (graph/bulk_load.py): per-file addN was most of the stage
    for path, triples in file_quads(notes_files).items():
        g = ds.graph(graph_iri(path))
        quads.extend((s, p, o, g) for s, p, o in triples)
    vg = ds.graph(VOCABULARY_GRAPH)
    vocab_triples = {*vocabulary_triples(vocab, used), *candidate_triples(candidates, vocab)}
    quads.extend((s, p, o, vg) for s, p, o in sorted(vocab_triples))
    # the default graph gets each triple once and is what queries read (graph/bulk_load.py)
    add_quads(ds, quads, union=True)
    return ds


def summarize(ds: Dataset) -> BuildSummary:
    """Counts of papers, topics, techniques and relations, by SPARQL over the union."""

    def count(query: str) -> int:
        return int(next(iter(ds.query(query)))[0])

    return BuildSummary(
        papers=count("SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE { ?p pkg:notedIn ?e }"),
        topics=count(
            f"SELECT (COUNT(DISTINCT ?t) AS ?n) WHERE {{ ?t skos:inScheme <{TOPIC_SCHEME}> }}"
        ),
        techniques=count("SELECT (COUNT(DISTINCT ?t) AS ?n) WHERE { ?p schema:mentions ?t }"),
        relations=count("SELECT (COUNT(*) AS ?n) WHERE { ?a dcterms:relation ?b }"),
        triples=count("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"),
    )
