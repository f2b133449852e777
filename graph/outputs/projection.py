"""The RDF graph seen as a property graph (networkx), shared by GraphML and the HTML view.

Nodes are papers, topics, techniques and external works, keyed by IRI, with typed scalar
attributes only (GraphML readers choke on lists and None); edges carry a `relation`.

It is read one predicate at a time (graph/rdf/union_reader.py) and joined in dictionaries, so
its cost is linear in the graph: a paper noted n times costs n notes, not the n^4 rows a
query with one OPTIONAL per multi-valued property gave. Where RDF holds several values and
the property graph shows one (a paper noted twice with two titles), the smallest is shown,
so the choice never depends on the engine.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import networkx as nx
import pyoxigraph as ox
from paperkg.graph.outputs.projection_memo import ProjectionMemo
from paperkg.graph.outputs.work_names import shown_name
from paperkg.graph.rdf.union_reader import Term, UnionReader

from paperkg.prefixes import NAMESPACES

_SDO = NAMESPACES["schema"]
_SKOS = NAMESPACES["skos"]
_DCT = NAMESPACES["dcterms"]
_PKG = NAMESPACES["pkg"]
_PROV = NAMESPACES["prov"]
_RDF_TYPE = NAMESPACES["rdf"] + "type"
_TOPIC_SCHEME = NAMESPACES["topic"]
_TECHNIQUE_SCHEME = NAMESPACES["tech"]
_TAG_SCHEME = NAMESPACES["tag"]
_SCHEMES = {_TOPIC_SCHEME: "topic", _TECHNIQUE_SCHEME: "technique"}

_MISSING = object()  # not kept: work it out

RELATION_NAMES = {
    _DCT + "subject": "subject",
    _SDO + "mentions": "mentions",
    _DCT + "relation": "related",
    _SKOS + "broader": "broader",
    _PKG + "similarTo": "similar_to",
    _PKG + "improvesOn": "improves_on",
    _PKG + "basedOn": "based_on",
    _PKG + "comparedWith": "compared_with",
}


def _clean(attrs: dict) -> dict:
    return {k: v for k, v in attrs.items() if v is not None and v != ""}


def paper_label(attrs: dict) -> str:
    if attrs.get("title"):
        return str(attrs["title"])
    return f"untitled entry ({attrs.get('notes', '?')})"


def _least(values: Iterable[Term]) -> str | None:
    """The smallest lexical value of a multi-valued property, or None."""
    return min((v.value for v in values), default=None)


def _boolean(term: Term | None) -> bool:
    return term is not None and term.value in ("true", "1")


def _number(term: Term) -> float:
    return float(term.value)


class _Papers:
    """Each noted paper's attributes, from its first note by (file, line)."""

    def __init__(self, rdf: UnionReader) -> None:
        self.noted = rdf.objects(_PKG + "notedIn")
        self.lines = rdf.objects(_PKG + "line")
        self.files = rdf.objects(_PKG + "notesFile")
        self.paths = rdf.objects(_PKG + "path")
        self.sections = rdf.objects(_PKG + "sectionPath")
        self.reviews = rdf.subjects(_PROV + "wasDerivedFrom")
        self.bodies = rdf.objects(_SDO + "reviewBody")
        self.stars = rdf.objects(_PKG + "starred")
        self.ratings = rdf.objects(_SDO + "reviewRating")
        self.values = rdf.objects(_SDO + "ratingValue")
        self.bests = rdf.objects(_SDO + "bestRating")
        self.uncertain = rdf.objects(_PKG + "ratingUncertain")
        self.author_lists = rdf.objects(_PKG + "authorList")
        self.authors = rdf.objects(_SDO + "author")
        self.names = rdf.objects(_SDO + "name")
        self.subjects = rdf.objects(_DCT + "subject")
        self.schemes = rdf.objects(_SKOS + "inScheme")
        self.broader = rdf.objects(_SKOS + "broader")
        self.labels = rdf.objects(_SKOS + "prefLabel")
        self.facts = {
            name: rdf.objects(iri)
            for name, iri in (
                ("title", _SDO + "name"),
                ("url", _SDO + "url"),
                ("summary", _SDO + "description"),
                ("venue", _PKG + "venue"),
                ("year", _SDO + "datePublished"),
                ("author", _PKG + "firstAuthor"),
            )
        }

    def first_note(self, paper: str) -> tuple[str, int, str] | None:
        """(file, line, note) of the paper's first note; None if no note says where."""
        places = [
            (path.value, int(_number(line)), note.value)
            for note in self.noted.get(paper, ())
            for file in self.files.get(note.value, ())
            for path in self.paths.get(file.value, ())
            for line in self.lines.get(note.value, ())
        ]
        return min(places, default=None)

    def verdict(self, note: str) -> dict:
        """Comment, star and rating of the review derived from a note."""
        reviews = sorted(self.reviews.get(note, ()))
        comment = _least(v for r in reviews for v in self.bodies.get(r, ()))
        stars = [v for r in reviews for v in self.stars.get(r, ())]
        rated = [
            (r, value, best)
            for review in reviews
            for r in sorted(x.value for x in self.ratings.get(review, ()))
            for value in self.values.get(r, ())
            for best in self.bests.get(r, ())
        ]
        out: dict = {"comment": comment, "starred": _boolean(min(stars, default=None, key=str))}
        if rated:
            r, value, best = min(rated, key=lambda x: (x[0], x[1].value, x[2].value))
            out["rating"] = value
            out["best"] = best
            out["uncertain"] = min(self.uncertain.get(r, ()), default=None, key=str)
        return out

    def people(self, paper: str) -> str | None:
        """The authors, "; " joined: the note's order (`pkg:authorList`), then any other's."""
        lists = sorted(t.value for t in self.author_lists.get(paper, ()))
        ordered = [a for names in lists for a in names.split("; ")]
        names = sorted(
            n.value for p in self.authors.get(paper, ()) for n in self.names.get(p.value, ())
        )
        found = list(dict.fromkeys(a for a in [*ordered, *names] if a))
        return "; ".join(found) or None

    def tags(self, paper: str) -> str | None:
        """The paper's tags as paths ("vision/backbone"), sorted, "|" joined."""
        paths = set()
        for subject in self.subjects.get(paper, ()):
            if not any(s.value == _TAG_SCHEME for s in self.schemes.get(subject.value, ())):
                continue
            chain, node = [], subject.value
            while node and len(chain) < 20:
                chain.append(_least(self.labels.get(node, ())) or "")
                node = _least(self.broader.get(node, ()))
            paths.add("/".join(reversed(chain)))
        return "|".join(sorted(paths)) or None

    def attributes(self, paper: str) -> dict | None:
        place = self.first_note(paper)
        if place is None:
            return None
        file, line, note = place
        fact = {name: _least(values.get(paper, ())) for name, values in self.facts.items()}
        verdict = self.verdict(note)
        rating, best = verdict.get("rating"), verdict.get("best")
        attrs = {
            "type": "paper",
            "title": fact["title"],
            "url": fact["url"],
            "summary": fact["summary"],
            "comment": verdict["comment"],
            "rating": int(round(_number(rating))) if rating is not None else None,
            "best_rating": int(best.value) if best is not None else None,
            "rating_uncertain": _boolean(verdict.get("uncertain"))
            if rating is not None and _number(rating)
            else None,
            "starred": verdict["starred"],
            "topic": _least(self.sections.get(note, ())),
            "notes": f"{file}:{line}",
            "venue": fact["venue"],
            "year": int(fact["year"][:4]) if fact["year"] is not None else None,
            "first_author": fact["author"],
            "authors": self.people(paper),
            "tags": self.tags(paper),
        }
        attrs["label"] = paper_label(attrs)
        return attrs


Nodes = dict[str, dict]  # node -> its attributes, in the order a graph adds them
EdgeLists = dict[str, list[tuple[str, str]]]  # source -> (target, relation), by source


@dataclass(frozen=True)
class Projection:
    """The property graph before it is a networkx graph: what GraphML, the view and a
    watch's kept projection (kept_projection.py) are made from. `edges` holds every
    source's edges, also those whose source or target is no node (a graph leaves them out)."""

    nodes: Nodes
    edges: EdgeLists


def _add_papers(nodes: Nodes, rdf: UnionReader, memo: ProjectionMemo | None) -> None:
    papers = _Papers(rdf)
    reuse = memo.reuse("attributes", rdf) if memo is not None else None
    made: dict[str, object] = {}
    for paper in sorted(papers.noted):
        attrs = reuse.get(paper, _MISSING) if reuse is not None else _MISSING
        if attrs is _MISSING:
            found = papers.attributes(paper)
            attrs = None if found is None else _clean(found)
        made[paper] = attrs
        if attrs is not None:
            nodes[paper] = attrs  # type: ignore[assignment]
    if memo is not None:
        memo.keep("attributes", rdf, made)


def _add_concepts(nodes: Nodes, rdf: UnionReader) -> set[str]:
    """Topics and techniques; returns every skos:Concept (broader edges start at one).

    A vault whose folder gives one topic only (every note in one folder) is mapped by its
    tags instead: the tags are the topics, nested tags under their parents."""
    concepts = set(rdf.subjects(_RDF_TYPE).get(_SKOS + "Concept", ()))
    schemes = rdf.objects(_SKOS + "inScheme")
    labels = rdf.objects(_SKOS + "prefLabel")
    alts = rdf.objects(_SKOS + "altLabel")
    in_scheme = {
        scheme: {c for c in concepts if any(s.value == scheme for s in schemes.get(c, ()))}
        for scheme in (_TOPIC_SCHEME, _TAG_SCHEME)
    }
    kinds = dict(_SCHEMES)
    skipped: set[str] = set()
    if len(in_scheme[_TOPIC_SCHEME]) <= 1 and in_scheme[_TAG_SCHEME]:
        kinds[_TAG_SCHEME] = "topic"
        skipped = in_scheme[_TOPIC_SCHEME]
    for concept in sorted(concepts):
        if concept in nodes or concept in skipped:
            continue
        known = sorted(
            (s.value, label.value)
            for s in schemes.get(concept, ())
            if s.value in kinds
            for label in labels.get(concept, ())
        )
        if not known:
            continue
        scheme, label = known[0]
        alt_labels = "|".join(sorted({a.value for a in alts.get(concept, ())}))
        attrs = _clean({"type": kinds[scheme], "label": label, "alt_labels": alt_labels})
        if attrs["type"] == "topic":
            # topics show their full heading path, which tells two 'Unsorted' headings apart
            attrs["path"] = concept.rsplit("/topic/", 1)[-1]
        nodes[concept] = attrs
    return concepts


def _add_works(nodes: Nodes, rdf: UnionReader, related: Iterable[tuple[str, str]]) -> None:
    """Works a comment relates a paper to that are not themselves noted papers, each shown by
    its name, or by its link where the name is a generic link text (`work_names.py`)."""
    noted = rdf.objects(_PKG + "notedIn").keys()
    works = sorted({target for _, target in related} - noted)
    names = rdf.objects(_SDO + "name")
    urls = rdf.objects(_SDO + "url")
    for work in works:
        if work in nodes:
            continue
        name, url = _least(names.get(work, ())), _least(urls.get(work, ()))
        shown = shown_name(name, url)
        # a generic link text ("this work") gives way to what the link is; it stays findable
        written = name if name and shown != name else None
        attrs = {"type": "work", "label": shown or url or work, "url": url, "alt_labels": written}
        nodes[work] = _clean(attrs)


class _Relations:
    """The edges that start at each node: one per target, a typed relation replacing the
    plain `related` (the last typed one in the order of predicate IRIs)."""

    def __init__(self, rdf: UnionReader, concepts: set[str], notes: set[str]) -> None:
        self.maps = {p: rdf.objects(p) for p in sorted(RELATION_NAMES)}
        self.concepts, self.notes = concepts, notes

    def sources(self) -> list[str]:
        return sorted(set().union(*(m.keys() for m in self.maps.values())) - self.notes)

    def of(self, source: str) -> list[tuple[str, str]]:
        """(target, relation) of `source`'s edges, by target."""
        edges: dict[str, str] = {}
        for predicate, objects in self.maps.items():
            if predicate == _SKOS + "broader" and source not in self.concepts:
                continue  # a broader edge starts at a skos:Concept only
            relation = RELATION_NAMES[predicate]
            targets = (o.value for o in objects.get(source, ()) if isinstance(o, ox.NamedNode))
            for target in sorted(targets):
                if relation == "related" and target in edges:
                    continue  # a typed relation already says more
                edges[target] = relation
        return sorted(edges.items())


def _edge_lists(rdf: UnionReader, relations: _Relations, memo) -> EdgeLists:
    """Every source's edges, in the order of (source, target)."""
    reuse = memo.reuse("edges", rdf) if memo is not None else None
    made: dict[str, object] = {}
    for source in relations.sources():
        edges = reuse.get(source, _MISSING) if reuse is not None else _MISSING
        made[source] = relations.of(source) if edges is _MISSING else edges
    if memo is not None:
        memo.keep("edges", rdf, made)
    return made  # type: ignore[return-value]


def project(ds, memo: ProjectionMemo | None = None) -> Projection:
    """The property graph of the dataset: one node per paper, topic, technique, work.

    `ds` is an rdflib Dataset, a pyoxigraph Store or a build's reader; `memo` is what a
    watch keeps of the last build's papers and edges (graph/outputs/projection_memo.py).
    """
    rdf = UnionReader(ds)
    nodes: Nodes = {}
    related = rdf.objects(_DCT + "relation")
    _add_papers(nodes, rdf, memo)
    concepts = _add_concepts(nodes, rdf)
    _add_works(nodes, rdf, ((s, o.value) for s, objs in related.items() for o in objs
                            if isinstance(o, ox.NamedNode)))  # fmt: skip
    notes = set(rdf.subjects(_RDF_TYPE).get(_PKG + "NoteEntry", ()))
    return Projection(nodes, _edge_lists(rdf, _Relations(rdf, concepts, notes), memo))


def same_attributes(old: dict, new: dict) -> bool:
    """Equal attributes, in the same order, of the same types (True == 1, but not in a file)."""
    if old is new:
        return True
    if old != new or list(old) != list(new):
        return False
    return all(type(old[k]) is type(v) for k, v in new.items())


_RANKS = {"paper": 0, "topic": 1, "technique": 1, "work": 2}


def order_key(node: str, attrs: dict) -> tuple[int, str]:
    """A node's place in the order `project` gives: papers, then topics and techniques, then
    works, each group by IRI (what a watch's GraphML is kept sorted by, graphml.py)."""
    return _RANKS.get(attrs.get("type"), 3), node  # type: ignore[arg-type]


def edge_attributes(source: str, target: str, relation: str) -> dict:
    """An edge's attributes: its relation, and an id unique in the file (GraphML's)."""
    return {"id": f"{source} {relation} {target}", "relation": relation}


def graph_of(projection: Projection) -> nx.MultiDiGraph:
    """The networkx graph: the nodes in their order, then each edge between two of them."""
    g = nx.MultiDiGraph()
    nodes = projection.nodes
    for node, attrs in nodes.items():
        g.add_node(node, **attrs)
    for source, edges in projection.edges.items():
        if source not in nodes:
            continue
        for target, relation in edges:
            if target in nodes:
                g.add_edge(
                    source, target, key=relation, **edge_attributes(source, target, relation)
                )
    return g


def to_networkx(ds, memo: ProjectionMemo | None = None) -> nx.MultiDiGraph:
    """Project the dataset onto a MultiDiGraph with one node per paper, topic, technique, work.

    `ds` is an rdflib Dataset, a pyoxigraph Store or a build's reader; `memo` is what a
    watch keeps of the last build's papers and edges (graph/outputs/projection_memo.py).
    """
    return graph_of(project(ds, memo))


class _Mentions:
    """The predicates a paper's mentions are read from."""

    def __init__(self, rdf: UnionReader) -> None:
        self.mentions = rdf.objects(_PKG + "hasMention")
        self.targets = rdf.objects(_PKG + "mentionOf")
        self.parts = rdf.objects(_PKG + "part")
        self.lines = rdf.objects(_PKG + "line")
        self.surfaces = rdf.objects(_PKG + "surface")

    def rows(self, paper: str, notes: Iterable[Term]) -> list[dict]:
        rows = []
        for note in notes:
            for m in self.mentions.get(note.value, ()):
                m = m.value
                for target in self.targets.get(m, ()):
                    for part in self.parts.get(m, ()):
                        for line in self.lines.get(m, ()):
                            row = {
                                "paper": paper,
                                "target": target.value,
                                "part": part.value,
                                "line": int(line.value),
                            }
                            for surface in self.surfaces.get(m, ()) or (None,):
                                surfaced = {**row, "surface": surface and surface.value}
                                rows.append(_clean(surfaced))
        rows.sort(key=lambda r: (r["line"], r["target"], r["part"], r.get("surface", "")))
        return rows


def mentions_by_paper(ds, memo: ProjectionMemo | None = None) -> dict[str, list[dict]]:
    """Where each paper's techniques and works were named (part, line, surface)."""
    rdf = UnionReader(ds)
    read = _Mentions(rdf)
    reuse = memo.reuse("mentions", rdf) if memo is not None else None
    made: dict[str, object] = {}
    for paper, notes in rdf.objects(_PKG + "notedIn").items():
        rows = reuse.get(paper, _MISSING) if reuse is not None else _MISSING
        made[paper] = read.rows(paper, notes) if rows is _MISSING else rows
    if memo is not None:
        memo.keep("mentions", rdf, made)
    return dict(sorted((p, rows) for p, rows in made.items() if rows))
