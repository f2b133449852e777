"""The RDF graph seen as a property graph (networkx), shared by GraphML and the HTML view.

Nodes are papers, topics, techniques and external works, keyed by IRI, with typed scalar
attributes only (GraphML readers choke on lists and None); edges carry a `relation`.
"""

from __future__ import annotations

from functools import cache
from importlib import resources

import networkx as nx
from rdflib import Dataset, Literal, URIRef
from rdflib.namespace import DCTERMS, SDO, SKOS

from .namespaces import PKG, TECHNIQUE_SCHEME, TOPIC_SCHEME

RELATION_NAMES = {
    DCTERMS.subject: "subject",
    SDO.mentions: "mentions",
    DCTERMS.relation: "related",
    SKOS.broader: "broader",
    PKG.similarTo: "similar_to",
    PKG.improvesOn: "improves_on",
    PKG.basedOn: "based_on",
    PKG.comparedWith: "compared_with",
}


@cache
def sparql(name: str) -> str:
    """An internal query from `graph/sparql/NAME.rq`."""
    return resources.files(__package__).joinpath("sparql", f"{name}.rq").read_text("utf-8")


def _value(term):
    if term is None:
        return None
    if isinstance(term, Literal):
        return term.toPython()
    return str(term)


def _rows(ds: Dataset, name: str):
    result = ds.query(sparql(name))
    names = [str(v) for v in result.vars]
    for row in result:
        yield {k: _value(v) for k, v in zip(names, row, strict=True)}


def _clean(attrs: dict) -> dict:
    return {k: v for k, v in attrs.items() if v is not None and v != ""}


def paper_label(attrs: dict) -> str:
    if attrs.get("title"):
        return str(attrs["title"])
    return f"untitled entry ({attrs.get('notes', '?')})"


def to_networkx(ds: Dataset) -> nx.MultiDiGraph:
    """Project the dataset onto a MultiDiGraph with one node per paper, topic, technique, work."""
    g = nx.MultiDiGraph()
    for row in _rows(ds, "papers"):
        node = row["paper"]
        if node in g:
            continue  # the first note (by file, line) describes the paper
        year = row.get("year")
        attrs = {
            "type": "paper",
            "title": row.get("title"),
            "url": row.get("url"),
            "summary": row.get("summary"),
            "comment": row.get("comment"),
            "rating": int(round(float(row["rating"]))) if row.get("rating") is not None else None,
            "best_rating": int(row["best"]) if row.get("best") is not None else None,
            "rating_uncertain": bool(row.get("uncertain")) if row.get("rating") else None,
            "starred": bool(row.get("starred")),
            "topic": row.get("section"),
            "notes": f"{row['file']}:{row['line']}",
            "venue": row.get("venue"),
            "year": int(str(year)[:4]) if year is not None else None,
            "first_author": row.get("author"),
        }
        attrs["label"] = paper_label(attrs)
        g.add_node(node, **_clean(attrs))
    for row in _rows(ds, "concepts"):
        scheme = row["scheme"]
        kind = (
            "topic"
            if scheme == str(TOPIC_SCHEME)
            else "technique"
            if scheme == str(TECHNIQUE_SCHEME)
            else None
        )
        if kind is None or row["concept"] in g:
            continue
        g.add_node(
            row["concept"],
            **_clean({"type": kind, "label": row["label"], "alt_labels": row.get("alts")}),
        )
    for row in _rows(ds, "works"):
        node = row["work"]
        if node in g:
            continue
        label = row.get("name") or row.get("url") or node
        g.add_node(node, **_clean({"type": "work", "label": label, "url": row.get("url")}))
    _add_topic_paths(g)
    edges: dict[tuple[str, str], str] = {}
    for row in _rows(ds, "edges"):
        source, target = row["source"], row["target"]
        if source not in g or target not in g:
            continue
        relation = RELATION_NAMES.get(URIRef(row["relation"]))  # str != URIRef in rdflib
        if relation is None:
            continue
        key = (source, target)
        if relation == "related" and key in edges:
            continue  # a typed relation already says more
        edges[key] = relation
    for (source, target), relation in sorted(edges.items()):
        g.add_edge(
            source, target, key=relation, id=f"{source} {relation} {target}", relation=relation
        )
    return g


def _add_topic_paths(g: nx.MultiDiGraph) -> None:
    """Topics show their full heading path, which tells apart two 'Unsorted' headings."""
    for node, attrs in g.nodes(data=True):
        if attrs.get("type") == "topic":
            attrs["path"] = node.rsplit("/topic/", 1)[-1]


def mentions_by_paper(ds: Dataset) -> dict[str, list[dict]]:
    """Where each paper's techniques and works were named (part, line, surface)."""
    out: dict[str, list[dict]] = {}
    for row in _rows(ds, "mentions"):
        out.setdefault(row["paper"], []).append(_clean(row))
    return out
