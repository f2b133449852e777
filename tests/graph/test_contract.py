"""The public RDF contract (README.md, "The RDF contract"), pinned on a small fixture (two
notes files)."""

from __future__ import annotations

import pytest
from paperkg.graph.outputs.union import plain_literal, union_graph
from paperkg.graph.rdf.namespaces import PKG, TECHNIQUE_SCHEME, TOPIC_SCHEME
from paperkg.graph.store.disk import load_store
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SDO, SKOS, XSD

from paperkg.run.outputs import build_outputs

MASACTRL = (
    "MasaCtrl: Tuning-Free Mutual Self-Attention Control for Consistent Image Synthesis and Editing"
)
ANTI = "Anti-DreamBooth: Protecting Users from Personalized Text-to-image Synthesis"
SHARED = "A Paper Without A Star Or Code"


@pytest.fixture(scope="module")
def built(tmp_path_factory, fixtures):
    out = tmp_path_factory.mktemp("contract")
    build_outputs([fixtures / "contract.md", fixtures / "contract_second.md"], out)
    return out


@pytest.fixture(scope="module")
def g(built) -> Graph:
    graph = Graph()
    graph.parse(built / "graph.ttl")
    return graph


def paper(g: Graph, title: str) -> URIRef:
    (node,) = set(g.subjects(SDO.name, Literal(title)))
    return node


def test_papers_are_scholarly_articles_with_name_url_identifier(g):
    p = paper(g, ANTI)
    assert (p, RDF.type, SDO.ScholarlyArticle) in g
    assert (p, SDO.url, URIRef("https://arxiv.org/abs/2303.15433")) in g
    assert (p, SDO.identifier, Literal("arXiv:2303.15433")) in g


def test_cvf_links_give_venue_year_and_first_author(g):
    p = paper(g, MASACTRL)
    assert (p, PKG.venue, Literal("ICCV")) in g
    assert (p, SDO.datePublished, Literal("2023", datatype=XSD.gYear)) in g
    assert (p, PKG.firstAuthor, Literal("Cao")) in g


def test_topics_are_skos_concepts_with_broader_and_scheme(g):
    p = paper(g, MASACTRL)
    (topic,) = set(g.objects(p, DCTERMS.subject))
    assert (topic, RDF.type, SKOS.Concept) in g
    assert (topic, SKOS.prefLabel, Literal("Image editing")) in g
    assert (topic, SKOS.inScheme, TOPIC_SCHEME) in g
    (parent,) = set(g.objects(topic, SKOS.broader))
    assert (parent, SKOS.prefLabel, Literal("Diffusion")) in g


def test_techniques_are_skos_concepts_with_labels_and_hierarchy(g):
    p = paper(g, MASACTRL)
    labels = {str(g.value(t, SKOS.prefLabel)) for t in g.objects(p, SDO.mentions)}
    assert {"self-attention", "LoRA"} <= labels
    (sa,) = set(g.subjects(SKOS.prefLabel, Literal("self-attention")))
    assert (sa, RDF.type, SKOS.Concept) in g
    assert (sa, SKOS.inScheme, TECHNIQUE_SCHEME) in g
    assert any(g.objects(sa, SKOS.altLabel))
    assert g.value(g.value(sa, SKOS.broader), SKOS.prefLabel) == Literal("attention")


def test_review_with_body_rating_and_star(g):
    p = paper(g, MASACTRL)
    (review,) = set(g.objects(p, SDO.review))
    assert (review, RDF.type, SDO.Review) in g
    assert "similar to IP-Adapter" in str(g.value(review, SDO.reviewBody))
    assert (review, PKG.starred, Literal(True)) in g
    rating = g.value(review, SDO.reviewRating)
    assert (rating, RDF.type, SDO.Rating) in g
    assert g.value(rating, SDO.ratingValue).toPython() == 8
    assert g.value(rating, SDO.bestRating).toPython() == 10


def test_uncertain_rating_is_marked(g):
    rating = g.value(g.value(paper(g, ANTI), SDO.review), SDO.reviewRating)
    assert (rating, PKG.ratingUncertain, Literal(True)) in g


def test_related_works_use_dcterms_relation_and_typed_subproperties(g):
    p, anti = paper(g, MASACTRL), paper(g, ANTI)
    assert (p, DCTERMS.relation, anti) in g
    assert (p, PKG.improvesOn, anti) in g
    (ip,) = [w for w in g.objects(p, DCTERMS.relation) if w != anti]
    assert (ip, RDF.type, SDO.CreativeWork) in g
    assert (ip, SDO.name, Literal("IP-Adapter")) in g
    assert (p, PKG.similarTo, ip) in g
    for prop in (PKG.similarTo, PKG.improvesOn, PKG.basedOn, PKG.comparedWith):
        assert (prop, RDFS.subPropertyOf, DCTERMS.relation) in g


def test_linked_external_paper_is_a_scholarly_article_by_identifier(g):
    anti = paper(g, ANTI)
    ext = URIRef("https://w3id.org/paperkg/paper/arxiv-2110.08398")
    assert (anti, DCTERMS.relation, ext) in g
    assert (ext, RDF.type, SDO.ScholarlyArticle) in g
    assert (ext, SDO.url, URIRef("https://arxiv.org/abs/2110.08398")) in g


def test_code_links_are_code_repositories_not_relations(g):
    p = paper(g, MASACTRL)
    code = URIRef("https://github.com/TencentARC/MasaCtrl")
    assert (p, SDO.codeRepository, code) in g
    assert (p, DCTERMS.relation, code) not in g


def test_every_paper_says_which_file_and_line_it_came_from(g):
    for p in g.subjects(PKG.notedIn, None):
        for note in g.objects(p, PKG.notedIn):
            assert isinstance(g.value(note, PKG.line).toPython(), int)
            assert g.value(g.value(note, PKG.notesFile), PKG.path) is not None
        assert any(g.objects(p, PROV.wasDerivedFrom))


def test_mentions_keep_part_and_line(g):
    p = paper(g, MASACTRL)
    note = g.value(p, PKG.notedIn)
    parts = {
        (str(g.value(m, PKG.part)), g.value(m, PKG.line).toPython())
        for m in g.objects(note, PKG.hasMention)
    }
    assert ("title", 7) in parts and ("summary", 7) in parts and ("comment", 7) in parts


def test_same_arxiv_paper_in_two_files_and_two_link_forms_is_one_node(g):
    (node,) = set(g.subjects(SDO.name, Literal(SHARED)))
    assert node == URIRef("https://w3id.org/paperkg/paper/arxiv-2301.00099")
    files = {
        str(g.value(g.value(n, PKG.notesFile), PKG.path)) for n in g.objects(node, PKG.notedIn)
    }
    assert len(files) == 2
    ratings = {
        g.value(g.value(r, SDO.reviewRating), SDO.ratingValue).toPython()
        for r in g.objects(node, SDO.review)
    }
    assert ratings == {6, 7}


def test_no_blank_nodes(g):
    assert not any(type(term).__name__ == "BNode" for triple in g for term in triple)


def test_turtle_is_isomorphic_to_the_store(built, g):
    ds = load_store(built)
    try:
        store_graph = union_graph(ds)
    finally:
        ds.close()
    normalised = Graph()
    normalised += ((s, p, plain_literal(o)) for s, p, o in store_graph)
    assert len(normalised) == len(g) > 100
    assert isomorphic(normalised, g)


def test_graphml_holds_every_paper_with_typed_attributes(built):
    import networkx as nx

    h = nx.read_graphml(built / "graph.graphml")
    papers = {n: d for n, d in h.nodes(data=True) if d.get("type") == "paper"}
    assert len(papers) == 3
    assert {d["rating"] for d in papers.values()} >= {8, 4}
    assert all(isinstance(d["rating"], int) for d in papers.values() if "rating" in d)
    kinds = {d.get("type") for _, d in h.nodes(data=True)}
    assert kinds == {"paper", "topic", "technique", "work"}
    relations = {d["relation"] for *_, d in h.edges(data=True)}
    assert {"subject", "mentions", "improves_on", "similar_to", "broader"} <= relations


def test_graphml_of_the_example_holds_every_paper(example_build):
    import networkx as nx

    h = nx.read_graphml(example_build / "graph.graphml")
    assert sum(1 for _, d in h.nodes(data=True) if d.get("type") == "paper") == 124
