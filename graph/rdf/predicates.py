"""The predicates and classes a build writes, as pyoxigraph terms made once per process.

Every triple of a build names a predicate and most a class; they come from here (`P`), made
by one shared `Terms` (`SHARED`) so their N-Triples spellings are computed once too. The
RDF build (build.py) and the facts of per-paper notes (note_facts.py) both write with them.
"""

from __future__ import annotations

from collections.abc import Iterator

from paperkg.graph.rdf.namespaces import (
    RELATION_PROPERTIES,
    TAG_SCHEME,
    TECHNIQUE_SCHEME,
    TOPIC_SCHEME,
)
from paperkg.graph.rdf.terms import (
    DCTERMS,
    OWL,
    PKG,
    PROV,
    RDF,
    RDFS,
    SDO,
    SKOS,
    XSD,
    Terms,
    Triple,
)

SHARED = Terms()  # the predicates and classes, shared by every build in the process


def _iri(value: str):
    return SHARED.iri(value)


class P:
    """The predicates and classes a build writes, as pyoxigraph terms."""

    type = _iri(RDF + "type")
    label = _iri(RDFS + "label")
    sub_property_of = _iri(RDFS + "subPropertyOf")
    object_property = _iri(OWL + "ObjectProperty")
    concept = _iri(SKOS + "Concept")
    concept_scheme = _iri(SKOS + "ConceptScheme")
    pref_label = _iri(SKOS + "prefLabel")
    alt_label = _iri(SKOS + "altLabel")
    hidden_label = _iri(SKOS + "hiddenLabel")
    in_scheme = _iri(SKOS + "inScheme")
    broader = _iri(SKOS + "broader")
    has_top_concept = _iri(SKOS + "hasTopConcept")
    article = _iri(SDO + "ScholarlyArticle")
    creative_work = _iri(SDO + "CreativeWork")
    name = _iri(SDO + "name")
    alternate_name = _iri(SDO + "alternateName")
    author = _iri(SDO + "author")
    url = _iri(SDO + "url")
    identifier = _iri(SDO + "identifier")
    same_as = _iri(SDO + "sameAs")
    date_published = _iri(SDO + "datePublished")
    description = _iri(SDO + "description")
    code_repository = _iri(SDO + "codeRepository")
    mentions = _iri(SDO + "mentions")
    review = _iri(SDO + "review")
    review_class = _iri(SDO + "Review")
    item_reviewed = _iri(SDO + "itemReviewed")
    review_body = _iri(SDO + "reviewBody")
    review_rating = _iri(SDO + "reviewRating")
    rating_class = _iri(SDO + "Rating")
    rating_value = _iri(SDO + "ratingValue")
    best_rating = _iri(SDO + "bestRating")
    worst_rating = _iri(SDO + "worstRating")
    subject = _iri(DCTERMS + "subject")
    relation = _iri(DCTERMS + "relation")
    derived_from = _iri(PROV + "wasDerivedFrom")
    entity = _iri(PROV + "Entity")
    notes_file_class = _iri(PKG + "NotesFile")
    note_entry = _iri(PKG + "NoteEntry")
    mention = _iri(PKG + "Mention")
    noted_in = _iri(PKG + "notedIn")
    notes_file = _iri(PKG + "notesFile")
    path = _iri(PKG + "path")
    sha256 = _iri(PKG + "sha256")
    line = _iri(PKG + "line")
    section_path = _iri(PKG + "sectionPath")
    starred = _iri(PKG + "starred")
    rating_uncertain = _iri(PKG + "ratingUncertain")
    venue = _iri(PKG + "venue")
    first_author = _iri(PKG + "firstAuthor")
    has_mention = _iri(PKG + "hasMention")
    mention_of = _iri(PKG + "mentionOf")
    part = _iri(PKG + "part")
    surface = _iri(PKG + "surface")
    relation_type = _iri(PKG + "relationType")
    candidate = _iri(PKG + "candidate")
    topic_scheme = _iri(str(TOPIC_SCHEME))
    technique_scheme = _iri(str(TECHNIQUE_SCHEME))
    tag_scheme = _iri(str(TAG_SCHEME))
    g_year = _iri(XSD + "gYear")
    relations = {name: _iri(str(iri)) for name, iri in RELATION_PROPERTIES.items()}


def mention_triples(
    t: Terms, note, mention, target, part: str, line: int, surface: str
) -> Iterator[Triple]:
    """A Mention: which part of which note named `target`, on which line, in which words."""
    yield note, P.has_mention, mention
    yield mention, P.type, P.mention
    yield mention, P.mention_of, target
    yield mention, P.part, t.text(part)
    yield mention, P.line, t.integer(line)
    if surface:
        yield mention, P.surface, t.text(surface)
