"""The property graph read predicate by predicate is the projection the SPARQL queries gave.

The oracle is the projection as first written: five SPARQL queries (kept beside this file in
`projection_oracle/`) run through rdflib over the built store. It answers with one row per
paper and note and SAMPLEs multi-valued properties, so it is only an oracle where each paper
has one title, link and summary: the example and the contract fixtures, where one paper is
noted in two files. Alternative labels are compared as sets: the oracle listed them in the
order of Oxigraph's index, the projection sorts them.
"""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest
from paperkg.graph.outputs.projection import RELATION_NAMES, mentions_by_paper, to_networkx
from paperkg.graph.outputs.work_names import shown_name
from paperkg.graph.rdf.build import build_rdf
from paperkg.graph.store.disk import load_store
from rdflib import Literal, URIRef

ORACLE = Path(__file__).resolve().parent / "projection_oracle"
TOPIC_SCHEME = "https://w3id.org/paperkg/topic/"
TECHNIQUE_SCHEME = "https://w3id.org/paperkg/technique/"


def _rows(ds, name: str):
    result = ds.query((ORACLE / f"{name}.rq").read_text("utf-8"))
    names = [str(v) for v in result.vars]
    for row in result:
        yield {
            k: (v.toPython() if isinstance(v, Literal) else None if v is None else str(v))
            for k, v in zip(names, row, strict=True)
        }


def _clean(attrs: dict) -> dict:
    return {k: v for k, v in attrs.items() if v is not None and v != ""}


def oracle_networkx(ds) -> nx.MultiDiGraph:
    """The projection by SPARQL, as graph/outputs/projection.py computed it before."""
    g = nx.MultiDiGraph()
    tags: dict[str, list[str]] = {}
    for row in _rows(ds, "tags"):
        tags.setdefault(row["paper"], []).append(row["path"])
    for row in _rows(ds, "papers"):
        if row["paper"] in g:
            continue
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
            "authors": row.get("authors"),
            "tags": "|".join(sorted(tags.get(row["paper"], []))) or None,
        }
        attrs["label"] = attrs["title"] or f"untitled entry ({attrs['notes']})"
        g.add_node(row["paper"], **_clean(attrs))
    kinds = {TOPIC_SCHEME: "topic", TECHNIQUE_SCHEME: "technique"}
    for row in _rows(ds, "concepts"):
        kind = kinds.get(row["scheme"])
        if kind is None or row["concept"] in g:
            continue
        attrs = {"type": kind, "label": row["label"], "alt_labels": row.get("alts")}
        g.add_node(row["concept"], **_clean(attrs))
    for row in _rows(ds, "works"):
        if row["work"] in g:
            continue
        name, url = row.get("name"), row.get("url")
        shown = shown_name(name, url)  # a generic link text gives way to the link
        attrs = {"type": "work", "label": shown or url or row["work"], "url": url}
        attrs["alt_labels"] = name if name and shown != name else None
        g.add_node(row["work"], **_clean(attrs))
    for node, attrs in g.nodes(data=True):
        if attrs.get("type") == "topic":
            attrs["path"] = node.rsplit("/topic/", 1)[-1]
    edges: dict[tuple[str, str], str] = {}
    for row in _rows(ds, "edges"):
        source, target = row["source"], row["target"]
        relation = RELATION_NAMES.get(str(URIRef(row["relation"])))
        if source not in g or target not in g or relation is None:
            continue
        if relation == "related" and (source, target) in edges:
            continue
        edges[(source, target)] = relation
    for (source, target), relation in sorted(edges.items()):
        g.add_edge(
            source, target, key=relation, id=f"{source} {relation} {target}", relation=relation
        )
    return g


def _comparable(g: nx.MultiDiGraph) -> tuple[list, list]:
    nodes = []
    for node, attrs in g.nodes(data=True):
        attrs = dict(attrs)
        if "alt_labels" in attrs:
            attrs["alt_labels"] = sorted(attrs["alt_labels"].split("|"))
        nodes.append((node, attrs))
    return nodes, list(g.edges(keys=True, data=True))


def _several(fixtures) -> list[Path]:
    """Twenty notes files of many shapes; one paper is noted in two of them."""
    shapes = sorted((fixtures / "shapes").glob("*.md"))
    return [*shapes, fixtures / "contract.md", fixtures / "contract_second.md"]


@pytest.fixture(scope="module")
def several_files(tmp_path_factory, fixtures):
    from paperkg.run.outputs import build_outputs

    out = tmp_path_factory.mktemp("several-files")
    build_outputs(_several(fixtures), out, html=False)
    return out


@pytest.mark.parametrize("build", ["example_build", "several_files"])
def test_the_projection_is_the_one_sparql_gave(build, request):
    ds = load_store(request.getfixturevalue(build))
    new, old = to_networkx(ds), oracle_networkx(ds)
    assert new.number_of_nodes() > 50 and new.number_of_edges() > 50
    assert _comparable(new) == _comparable(old)  # same nodes and edges, in the same order
    ds.close()


def test_a_paper_noted_in_two_files_is_one_node_described_by_its_first_note(several_files):
    g = to_networkx(load_store(several_files))
    (paper,) = [
        n for n, a in g.nodes(data=True) if a.get("title") == "A Paper Without A Star Or Code"
    ]
    assert g.nodes[paper]["notes"].endswith("contract.md:13")  # not contract_second.md
    assert g.nodes[paper]["rating"] == 6  # the first note's rating, not the second's 7


@pytest.mark.parametrize("with_example", [False, True])
def test_the_builds_own_triples_project_as_the_store_does(
    with_example, tmp_path, fixtures, example_notes
):
    from paperkg.extract.language.vocabulary import load_vocabulary

    from paperkg.run.incremental import extract_incremental
    from paperkg.run.outputs import build_outputs

    notes = _several(fixtures) + ([example_notes] if with_example else [])
    build_outputs(notes, tmp_path, html=False)
    vocab = load_vocabulary(())
    rdf = build_rdf(extract_incremental(notes, vocab, tmp_path, ()).files, vocab)
    ds = load_store(tmp_path)
    assert _comparable(to_networkx(rdf.union)) == _comparable(to_networkx(ds))
    assert mentions_by_paper(rdf.union) == mentions_by_paper(ds)
    assert rdf.summary() == _summarize(ds)


def _summarize(ds):
    from paperkg.graph.store.in_memory import summarize

    return summarize(ds)


def test_several_values_show_the_least_whichever_the_engine(tmp_path):
    """A paper noted twice under two titles: the graph shows one, and always the same."""
    from paperkg.run.outputs import build_outputs

    url = "https://arxiv.org/abs/2301.00042"
    (tmp_path / "a.md").write_text(f"- [7/10] [Zeta Title Spelling]({url}) first\n")
    (tmp_path / "b.md").write_text(f"- [5/10] [Alpha Title Spelling]({url}v2) second\n")
    build_outputs([tmp_path / "a.md", tmp_path / "b.md"], tmp_path / "out", html=False)
    g = to_networkx(load_store(tmp_path / "out"))
    papers = [a for _, a in g.nodes(data=True) if a["type"] == "paper"]
    assert len(papers) == 1
    assert papers[0]["title"] == "Alpha Title Spelling"
    assert papers[0]["rating"] == 7 and papers[0]["comment"] == "first"


def test_a_paper_noted_with_two_author_lists_shows_both_in_order(tmp_path):
    """Two vault notes of one paper, their authors in two orders: the build does not fail
    (pyoxigraph literals do not sort), and the node lists each name once."""
    from paperkg.run.outputs import build_outputs

    url = "https://arxiv.org/abs/2301.00043"
    for name, authors in (("a.md", "[Ada Quill, Bo Lantern]"), ("b.md", "[Bo Lantern]")):
        (tmp_path / name).write_text(
            f'---\ntitle: "Quill Lattices"\nurl: {url}\nauthors: {authors}\n---\n'
            "# Quill\n\nNotes.\n"
        )
    build_outputs([tmp_path], tmp_path / "out", html=False)
    g = to_networkx(load_store(tmp_path / "out"))
    (paper,) = [a for _, a in g.nodes(data=True) if a["type"] == "paper"]
    assert paper["authors"] == "Ada Quill; Bo Lantern"
