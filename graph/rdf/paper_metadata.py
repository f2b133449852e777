"""Who wrote a paper and when: its authors as people, its publication date, its citekey.

An author is a `schema:Person` with an IRI minted from the normalised name
(`person:ada-example`), so every paper by "Ada Example" (or "ada  example", "Adà Example")
points at one node and "papers by" and "co-authors" are graph questions, not string
matches. RDF does not order `schema:author`; `pkg:authorList` keeps the names in the
note's order for citations (BibTeX). The date is the first of front matter, a venue with a
year, or the arXiv identifier's month (`extract.reading.dates`).
"""

from __future__ import annotations

from collections.abc import Iterator

import pyoxigraph as ox
from paperkg.extract.reading.dates import published
from paperkg.extract.reading.links import cvf_first_author, cvf_paper
from paperkg.extract.reading.people import person_key
from paperkg.extract.records import Entry
from paperkg.graph.rdf.identity import slug
from paperkg.graph.rdf.terms import Terms

from paperkg.prefixes import NAMESPACES

_SDO, _PKG, _XSD = NAMESPACES["schema"], NAMESPACES["pkg"], NAMESPACES["xsd"]
_RDF_TYPE = NAMESPACES["rdf"] + "type"

Triple = tuple[ox.NamedNode, ox.NamedNode, ox.NamedNode | ox.Literal]


def person_iri(name: str) -> str:
    """The IRI of the person a name names: one per normalised name, across papers."""
    return NAMESPACES["person"] + slug(person_key(name), limit=80)


def author_names(entry: Entry) -> tuple[str, ...]:
    """The entry's authors as written, or the first author's surname its CVF link spells."""
    if entry.authors:
        return entry.authors
    cvf = cvf_paper(entry.url) if entry.url else None
    first = cvf_first_author(cvf.slug, entry.title) if cvf else None
    return (first,) if first else ()


def metadata_triples(t: Terms, paper: ox.NamedNode, entry: Entry) -> Iterator[Triple]:
    """The authors (schema:Person), their order, the date and the citekey of an entry."""
    names = [n for n in author_names(entry) if person_key(n)]
    for name in names:
        person = t.iri(person_iri(name))
        yield paper, t.iri(_SDO + "author"), person
        yield person, t.iri(_RDF_TYPE), t.iri(_SDO + "Person")
        yield person, t.iri(_SDO + "name"), t.text(name)
    if names:
        yield paper, t.iri(_PKG + "authorList"), t.text("; ".join(names))
    date = published(entry)
    if date:
        kind = "gYearMonth" if len(date) > 4 else "gYear"
        yield paper, t.iri(_SDO + "datePublished"), t.typed(date, _XSD + kind)
    if entry.citekey:
        yield paper, t.iri(_PKG + "citekey"), t.text(entry.citekey)
