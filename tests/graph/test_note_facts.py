"""Per-paper notes, vaults and index + notes in the RDF, as the README's contract says."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from paperkg.graph.rdf.namespaces import TAG_SCHEME, TOPIC_SCHEME
from paperkg.graph.rdf.validate import validate_graph
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, SDO, SKOS, XSD

from paperkg.run.outputs import build_outputs

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


def _build(tmp_path_factory, *paths: Path) -> Graph:
    out = tmp_path_factory.mktemp("notes-build")
    build_outputs(list(paths), out, html=False)
    g = Graph()
    g.parse(out / "graph.ttl")
    return g


@pytest.fixture(scope="module")
def vault(tmp_path_factory) -> Graph:
    return _build(tmp_path_factory, FIXTURES / "vault")


@pytest.fixture(scope="module")
def index(tmp_path_factory) -> Graph:
    return _build(tmp_path_factory, FIXTURES / "index" / "README.md", FIXTURES / "index" / "notes")


def paper(g: Graph, title_start: str) -> URIRef:
    (node,) = {p for p, t in g.subject_objects(SDO.name) if str(t).startswith(title_start)}
    return node


def names(g: Graph, nodes) -> set[str]:
    return {str(n) for node in nodes for n in g.objects(node, SDO.name)}


def test_vault_papers_their_links_and_metadata(vault):
    expected = json.loads((FIXTURES / "vault" / "expected.json").read_text())
    papers = set(vault.subjects(RDF.type, SDO.ScholarlyArticle)) & set(
        vault.subjects(URIRef("https://w3id.org/paperkg/ns#notedIn"))
    )
    assert names(vault, papers) == {p["title"] for p in expected["papers"]}
    foo = paper(vault, "FooNet")
    related = set(vault.objects(foo, DCTERMS.relation))
    assert paper(vault, "Bar Former") in related
    assert names(vault, related) == {"Bar Former: Another Made-Up Paper", "ZetaNet"}
    assert not names(vault, related) & set(expected["papers"][0]["not_related"])
    people = set(vault.objects(foo, SDO.author))
    assert {str(n) for a in people for n in vault.objects(a, SDO.name)} == {
        "Ada Example",
        "Bo Sample",
    }
    assert (foo, SDO.datePublished, Literal("2022", datatype=XSD.gYear)) in vault
    assert "Foo Network" in {str(a) for a in vault.objects(foo, SDO.alternateName)}
    bar = paper(vault, "Bar Former")
    assert str(vault.value(bar, URIRef("https://w3id.org/paperkg/ns#venue"))) == "NeurIPS"
    # "beats FooNet" in Bar Former's note names the FooNet note's paper
    assert foo in set(vault.objects(bar, DCTERMS.relation))


def test_tags_are_their_own_scheme_nested_by_broader(vault):
    foo = paper(vault, "FooNet")
    subjects = set(vault.objects(foo, DCTERMS.subject))
    tags = {s for s in subjects if (s, SKOS.inScheme, TAG_SCHEME) in vault}
    labels = {str(vault.value(t, SKOS.prefLabel)) for t in tags}
    assert labels == {"architecture", "backbone", "later"}
    backbone = next(t for t in tags if str(vault.value(t, SKOS.prefLabel)) == "backbone")
    parent = vault.value(backbone, SKOS.broader)
    assert str(vault.value(parent, SKOS.prefLabel)) == "vision"
    assert (parent, SKOS.inScheme, TAG_SCHEME) in vault


def test_the_folder_is_a_topic_and_headings_are_not(vault):
    foo = paper(vault, "FooNet")
    topics = {
        str(vault.value(s, SKOS.prefLabel))
        for s in vault.objects(foo, DCTERMS.subject)
        if (s, SKOS.inScheme, TOPIC_SCHEME) in vault
    }
    assert topics == {"Models"}
    all_topics = {
        str(vault.value(s, SKOS.prefLabel)) for s in vault.subjects(SKOS.inScheme, TOPIC_SCHEME)
    }
    assert "Results" not in all_topics and "FooNet" not in all_topics
    note = vault.value(foo, URIRef("https://w3id.org/paperkg/ns#notedIn"))
    assert str(vault.value(note, URIRef("https://w3id.org/paperkg/ns#sectionPath"))) == "Models"


def test_the_vault_graph_conforms_to_the_contract(vault):
    report = validate_graph(vault)
    assert report.conforms, report


def test_an_index_item_and_its_note_are_one_paper_with_both_texts(index):
    expected = json.loads((FIXTURES / "index" / "expected.json").read_text())
    notes_file = URIRef("https://w3id.org/paperkg/ns#notedIn")
    for want in expected["papers"]:
        node = paper(index, want["title"])
        assert {str(u) for u in index.objects(node, SDO.url)} == {want["url"]}
        assert len(set(index.objects(node, notes_file))) == len(want["notes_files"])
        topics = {str(index.value(s, SKOS.prefLabel)) for s in index.objects(node, DCTERMS.subject)}
        assert topics == set(want["topics"]) or topics == set(want["topics"]) - {"notes"}
        mentions = {str(index.value(t, SKOS.prefLabel)) for t in index.objects(node, SDO.mentions)}
        assert set(want.get("techniques", [])) <= mentions
    urls = {str(u) for u in index.objects(None, SDO.url)}
    assert not any(u.endswith(tuple(expected["never_urls"])) for u in urls)
    assert validate_graph(index).conforms


def test_a_plain_note_linked_from_an_index_is_that_items_text_and_unlinked_ones_vanish(tmp_path):
    (tmp_path / "notes").mkdir()
    (tmp_path / "README.md").write_text(
        "## 2020\n- [A Made-Up Paper About Indexes](notes/a.md) "
        "[[arXiv](https://arxiv.org/abs/2005.00001)]\n"
    )
    (tmp_path / "notes" / "a.md").write_text("TLDR; They add dropout.\n\n## Thoughts\nNice.\n")
    (tmp_path / "notes" / "concept.md").write_text("# Pooling\nA concept note using LSTM.\n")
    out = tmp_path / "out"
    build_outputs([tmp_path / "README.md", tmp_path / "notes"], out, html=False)
    g = Graph()
    g.parse(out / "graph.ttl")
    node = paper(g, "A Made-Up Paper About Indexes")
    assert len(set(g.objects(node, URIRef("https://w3id.org/paperkg/ns#notedIn")))) == 2
    mentions = {str(g.value(t, SKOS.prefLabel)) for t in g.objects(node, SDO.mentions)}
    assert "dropout" in mentions and "LSTM" not in mentions
    noted = set(g.subjects(URIRef("https://w3id.org/paperkg/ns#notedIn")))
    assert noted == {node}


def test_a_link_resolves_to_a_note_added_later_without_re_extracting_the_linking_note(tmp_path):
    import shutil

    vault = tmp_path / "vault"
    shutil.copytree(FIXTURES / "vault", vault)
    out = tmp_path / "out"
    build_outputs([vault], out, html=False)
    (vault / "Models" / "ZetaNet.md").write_text(
        "# ZetaNet\n- [ZetaNet: A Made-Up Paper Added Later](https://arxiv.org/abs/2204.00004)\n"
    )
    report = build_outputs([vault], out, html=False)
    assert [Path(p).name for p in report.reextracted] == ["ZetaNet.md"]
    g = Graph()
    g.parse(out / "graph.ttl")
    foo, zeta = paper(g, "FooNet"), paper(g, "ZetaNet: A Made-Up")
    assert zeta in set(g.objects(foo, DCTERMS.relation))
    assert "ZetaNet" not in {str(n) for n in g.objects(None, SDO.name)}  # no external work
