"""A ninth round: shapes that blind checks found paperkg missing, each rebuilt here as
made-up notes under `fixtures/unseen9/<shape>/`, their answers written by hand.

- `content_map`: a vault's map of content, whose items are links to paper notes and
  nothing else (`- [[Note]]`, `[shown](papers/Note.md)`), filing each paper under the
  map's heading; a link to a concept note and one to a note not written yet file nothing.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import paperkg

NINTH = Path(__file__).parent.parent / "fixtures" / "unseen9"


def _rows(graph: paperkg.Graph, text: str) -> list[tuple[str | None, ...]]:
    return sorted(tuple(None if v is None else str(v) for v in row) for row in graph.query(text))


@pytest.fixture(scope="module")
def content_map(tmp_path_factory) -> paperkg.Graph:
    return paperkg.build(NINTH / "content_map", tmp_path_factory.mktemp("map") / "out", html=False)


def test_a_map_of_content_files_each_paper_note_it_links_under_its_heading(content_map):
    rows = _rows(
        content_map,
        """SELECT ?title ?topic WHERE {
             ?p a schema:ScholarlyArticle ; schema:name ?title ; dcterms:subject ?s .
             ?s skos:prefLabel ?topic .
             FILTER (?topic IN ("Samplers", "Guidance")) }""",
    )
    assert rows == [
        ("Gull Consistency Steps", "Samplers"),  # a relative link to `papers/...md`
        ("Kelp Guidance for Conditional Puffins", "Guidance"),  # `[[Note|shown]]`
        ("Quiet Heron Samplers for Diffusion Models", "Samplers"),
        ("Score Matching on Tern Manifolds", "Samplers"),  # `[[Note]] — a gist`
    ]


def test_a_map_of_content_adds_no_paper_of_its_own(content_map):
    papers = _rows(content_map, "SELECT ?p WHERE { ?p a schema:ScholarlyArticle }")
    assert len(papers) == 4  # the concept note and the note not written yet are none
    titles = _rows(
        content_map, "SELECT ?p (COUNT(?t) AS ?n) WHERE { ?p schema:name ?t } GROUP BY ?p"
    )
    assert {n for _, n in titles} == {"1"}  # the map's words name no paper a second time
    rating = _rows(
        content_map,
        """SELECT ?v WHERE { ?p schema:name "Quiet Heron Samplers for Diffusion Models" ;
             schema:review/schema:reviewRating/schema:ratingValue ?v }""",
    )
    assert rating == [("8",)]  # the note's own rating, not lost to the map's item


def test_links_to_notes_listed_in_a_paper_note_file_nothing(tmp_path):
    """A paper note's `## Related` list of other paper notes relates them; it is no map."""
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "Heron.md").write_text(
        "---\ntitle: Quiet Heron Samplers\nurl: https://arxiv.org/abs/2503.91234\n---\n"
        "Fast sampler.\n\n## Related\n- [[Tern]]\n- [[Gull]]\n"
    )
    for name, n in (("Tern", 5), ("Gull", 6)):
        (notes / f"{name}.md").write_text(
            f"---\ntitle: {name} Score Matching\nurl: https://arxiv.org/abs/2503.9123{n}\n---\nok\n"
        )
    graph = paperkg.build(notes, tmp_path / "out", html=False)
    assert _rows(graph, "SELECT ?t WHERE { ?p dcterms:subject/skos:prefLabel ?t }") == []
    related = _rows(
        graph,
        """SELECT ?b WHERE { ?a schema:name "Quiet Heron Samplers" ; dcterms:relation ?o .
             ?o schema:name ?b }""",
    )
    assert related == [("Gull Score Matching",), ("Tern Score Matching",)]
