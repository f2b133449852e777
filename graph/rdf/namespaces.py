"""The vocabularies paperkg writes, as namespace objects so a typo fails at import.

Standard vocabularies first (schema.org, SKOS, Dublin Core, PROV); the project namespace
`PKG` holds only what none of them says: provenance lines, mentions, typed relations.
"""

from rdflib import URIRef
from rdflib.namespace import DefinedNamespace, Namespace

from paperkg.prefixes import NAMESPACES, PREFIX_IRIS

PAPER = Namespace(NAMESPACES["paper"])
WORK = Namespace(NAMESPACES["work"])
TOPIC = Namespace(NAMESPACES["topic"])
TECHNIQUE = Namespace(NAMESPACES["tech"])
NOTES = Namespace(NAMESPACES["notes"])
GRAPHS = Namespace(NAMESPACES["graph"])
TAG = Namespace(NAMESPACES["tag"])
PERSON = Namespace(NAMESPACES["person"])

TOPIC_SCHEME = URIRef(NAMESPACES["topic"])
TECHNIQUE_SCHEME = URIRef(NAMESPACES["tech"])
TAG_SCHEME = URIRef(NAMESPACES["tag"])
VOCABULARY_GRAPH = GRAPHS["vocabulary"]


class PKG(DefinedNamespace):
    """paperkg's own terms (the `pkg` namespace, https://w3id.org/paperkg/ns#)."""

    _NS = Namespace(NAMESPACES["pkg"])
    _fail = True

    # classes
    NotesFile: URIRef  # a Markdown notes file that statements were read from
    NoteEntry: URIRef  # one entry of a notes file: where a paper was written about
    Mention: URIRef  # a technique or work named in an entry, with where it was named

    # provenance
    notedIn: URIRef  # paper -> the NoteEntry it was read from
    notesFile: URIRef  # NoteEntry -> NotesFile
    path: URIRef  # NotesFile -> its path as given to paperkg
    sha256: URIRef  # NotesFile -> content hash, for incremental builds
    line: URIRef  # NoteEntry or Mention -> 1-based line number
    endLine: URIRef  # NoteEntry -> last line of the entry
    part: URIRef  # Mention -> "title", "summary" or "comment"
    surface: URIRef  # Mention -> the words as written
    hasMention: URIRef  # NoteEntry -> Mention
    mentionOf: URIRef  # Mention -> the technique or work named
    relationType: URIRef  # Mention -> the typed relation property its cue gave

    # the verdict
    starred: URIRef  # Review -> true when the note-taker marked the paper as a favourite
    ratingUncertain: URIRef  # Rating -> true when written like [4/10?]
    sectionPath: URIRef  # NoteEntry -> heading path, " > " joined

    # link-derived facts
    venue: URIRef  # paper -> venue (ICCV, CVPR...) a CVF link spells or a note's metadata gives
    firstAuthor: URIRef  # paper -> first author's surname a CVF link spells
    authorList: URIRef  # paper -> its authors' names in the note's order, "; " joined (citations)
    citekey: URIRef  # paper -> the Zotero/Better BibTeX citation key its note gives

    # typed relations, each rdfs:subPropertyOf dcterms:relation
    similarTo: URIRef
    improvesOn: URIRef
    basedOn: URIRef
    comparedWith: URIRef

    # a technique the notes name but the vocabulary lacks ("ripple convolution"): minted by
    # the extractor as <modifier> <head>, skos:broader the head's concept
    candidate: URIRef

    # vocabulary matching hints (in the technique vocabulary's Turtle)
    caseSensitiveLabel: URIRef
    notAfter: URIRef
    notBefore: URIRef


RELATION_PROPERTIES = {
    "similar_to": PKG.similarTo,
    "improves_on": PKG.improvesOn,
    "based_on": PKG.basedOn,
    "compared_with": PKG.comparedWith,
}

PREFIXES = {name: Namespace(iri) for name, iri in PREFIX_IRIS.items()}


def bind_prefixes(graph) -> None:
    """Bind the prefixes every paperkg output and query uses."""
    for prefix, ns in PREFIXES.items():
        graph.bind(prefix, URIRef(str(ns)), override=True, replace=True)
