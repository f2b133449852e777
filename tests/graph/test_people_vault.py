"""A vault of made-up paper notes (tests/fixtures/people_vault): authors as people, years,
tags as topics, links between notes, the new saved queries, BibTeX and the DataFrame."""

from __future__ import annotations

import re
import shutil
from collections import Counter
from pathlib import Path

import bibtexparser
import pybtex.database
import pytest
import yaml
from bibtexparser.middlewares import LatexDecodingMiddleware
from click.testing import CliRunner
from paperkg.graph.store.query import saved_queries
from pylatexenc.latex2text import LatexNodes2Text

import paperkg
from paperkg.cli import main
from paperkg.errors import QueryError

VAULT = Path(__file__).resolve().parents[1] / "fixtures" / "people_vault"
# every person the vault's front matter and author-year line name
PEOPLE = {
    "Zoé Marchetti",
    "Tavi Oyelaran",
    "Rikard Vesterlund",
    "Mina Okonkwo-Hale",
    "Priya Ramaswell",
    "Okonkwo-Hale",
}


@pytest.fixture(scope="module")
def vault(tmp_path_factory) -> paperkg.Graph:
    return paperkg.build(VAULT, tmp_path_factory.mktemp("vault") / "out", html=False)


def select(graph, text):
    return [tuple(None if v is None else str(v) for v in row) for row in graph.query(text)]


def test_every_author_is_one_person_and_none_is_et_al(vault):
    rows = select(vault, "SELECT ?p ?n WHERE { ?p a schema:Person ; schema:name ?n }")
    assert {n for _, n in rows} == PEOPLE
    assert len({p for p, _ in rows}) == len(rows)  # one node per name
    bare = select(vault, "SELECT ?a WHERE { ?x schema:author ?a FILTER isLITERAL(?a) }")
    assert bare == []
    # Zoé Marchetti wrote two papers: one node for both
    shared = select(
        vault,
        'SELECT (COUNT(?x) AS ?n) WHERE { ?x schema:author ?a . ?a schema:name "Zoé Marchetti" }',
    )
    assert shared == [("2",)]


def test_every_paper_has_a_year_arxiv_ids_give_year_and_month(vault):
    years = {p.title.split(":")[0]: p.year for p in vault.papers()}
    assert years == {
        "Quillformer": 2023,
        "Plumebert": 2022,
        "Inkwell Diffusion": 2024,
        "Nibnet": 2021,  # the venue's year, before the arXiv id's 2020
        "Blotter": 2021,  # the author-year line
    }
    months = select(vault, "SELECT ?d WHERE { ?p schema:datePublished ?d } ORDER BY ?d")
    assert ("2023-05",) in months


def test_every_tag_is_a_topic_of_its_paper(vault):
    papers = {p.title.split(":")[0]: p for p in vault.papers()}
    quill = papers["Quillformer"]
    assert set(quill.tags) == {"handwriting", "attention/sparse", "to-read"}
    assert set(quill.tags) <= set(quill.topics)
    assert quill.authors == ("Zoé Marchetti", "Tavi Oyelaran")
    assert papers["Blotter"].tags == ("handwriting", "restoration/scans")
    g = vault.networkx()
    attrs = [d for _, d in g.nodes(data=True) if d.get("title", "").startswith("Quillformer")]
    assert attrs[0]["tags"] == "attention/sparse|handwriting|to-read"
    assert attrs[0]["authors"] == "Zoé Marchetti; Tavi Oyelaran"


def test_every_link_between_paper_notes_is_a_relation(vault):
    rows = select(
        vault,
        """SELECT ?a ?b WHERE { ?p dcterms:relation ?q . ?p pkg:notedIn ?e . ?q pkg:notedIn ?f .
           ?p schema:name ?a . ?q schema:name ?b }""",
    )
    pairs = {(a.split(":")[0], b.split(":")[0]) for a, b in rows}
    # every [[wikilink]] of a note names another note by its file's name
    written = {
        (note.stem, target)
        for note in VAULT.rglob("*.md")
        for target in re.findall(r"\[\[([^\]|#]+)", note.read_text("utf-8"))
    }
    assert len(written) == 5
    assert pairs == written


def test_papers_by_author_is_case_insensitive_one_row_per_paper(vault):
    rows = vault.query("papers-by-author", name="MARCHETTI")
    titles = [str(r.title).split(":")[0] for r in rows]
    assert titles == ["Inkwell Diffusion", "Quillformer"]  # newest first
    assert "Tavi Oyelaran" in str(rows[1].authors)


def test_co_authors_pairs_each_once(vault):
    rows = vault.query("co-authors", name="oyelaran")
    pairs = {frozenset((str(r.first), str(r.second))) for r in rows}
    assert pairs == {
        frozenset(("Tavi Oyelaran", "Zoé Marchetti")),
        frozenset(("Tavi Oyelaran", "Rikard Vesterlund")),
    }


def test_techniques_by_year_counts_papers_per_year(vault):
    rows = {
        (str(r.year), str(r.technique)): int(r.papers) for r in vault.query("techniques-by-year")
    }
    assert rows[("2023", "LoRA")] == 1
    assert all(len(year) == 4 for year, _ in rows)


@pytest.mark.parametrize("name", sorted(saved_queries()))
def test_every_saved_query_listing_papers_gives_one_row_per_paper(vault, name, example_graph):
    params = {"technique": "attention", "paper": "a", "name": "a"}
    for graph in (vault, example_graph):
        query = saved_queries()[name]
        rows = graph.query(name, **{p: params[p] for p in query.required})
        if "title" not in rows.variables or name in ("paper-provenance", "related-papers"):
            continue  # not a list of papers: a row per note, or per relation
        titles = Counter(str(r.title) for r in rows)
        assert max(titles.values(), default=1) == 1, (name, titles.most_common(1))


@pytest.fixture(scope="module")
def example_graph(example_build):
    return paperkg.open(example_build)


def _parsed(text: str) -> tuple[dict, dict]:
    """The BibTeX as read by bibtexparser (LaTeX decoded) and by pybtex (decoded by pylatexenc)."""
    library = bibtexparser.parse_string(text, append_middleware=[LatexDecodingMiddleware()])
    assert not library.failed_blocks
    by_bibtexparser = {
        e.key: {k: f.value for k, f in e.fields_dict.items()} for e in library.entries
    }
    data = pybtex.database.parse_string(text, "bibtex")
    decode = LatexNodes2Text().latex_to_text
    by_pybtex = {
        key: {k.lower(): decode(v) for k, v in entry.fields.items()}
        | {"author": decode(" and ".join(str(p) for p in entry.persons.get("author", [])))}
        for key, entry in data.entries.items()
    }
    return by_bibtexparser, by_pybtex


def words(text: str) -> list[str]:
    return re.findall(r"\w+", text)


def test_bibtex_of_the_vault_and_the_example_one_entry_per_paper(vault, example_graph):
    for graph in (vault, example_graph):
        text = graph.export("bibtex").decode("utf-8")
        ours, theirs = _parsed(text)
        papers = graph.papers()
        assert len(ours) == len(theirs) == len(papers)  # unique keys: no entry lost
        assert text.count("\n@") + text.startswith("@") == len(papers)
        # by their words: LaTeX reads `--` and `"` as typography (an en dash, quotes)
        assert sorted(words(e["title"]) for e in ours.values() if "title" in e) == sorted(
            words(p.title) for p in papers if p.title
        )
        dated = sorted(str(p.year) for p in papers if p.year)
        assert sorted(e["year"] for e in ours.values() if "year" in e) == dated
        authored = sorted(" and ".join(p.authors) for p in papers if p.authors)
        assert sorted(e["author"] for e in ours.values() if "author" in e) == authored


def test_bibtex_keys_citekey_else_author_year_word(vault):
    ours, _ = _parsed(vault.export("bibtex").decode("utf-8"))
    assert "marchetti2023quill" in ours  # the note's citekey
    assert "vesterlund2024inkwell" in ours
    assert ours["vesterlund2024inkwell"]["eprint"] == "2402.01177"
    assert ours["vesterlund2024inkwell"]["archiveprefix"] == "arXiv"


def test_bibtex_special_characters_survive_both_parsers(tmp_path):
    title = r"Zorbing {Braces} & 100% of Café\Slashes"
    notes = tmp_path / "notes"
    shutil.copytree(VAULT, notes)
    for n in (1, 2):  # two papers with the same author, year and first word: keys kept unique
        (notes / f"Zorb{n}.md").write_text(
            f'---\ntitle: "{title.replace(chr(92), chr(92) * 2)} {n}"\n'
            f"authors: Zoé Quorn and Bo Vellis\nyear: 2020\n"
            f"url: https://arxiv.org/abs/2001.0000{n}\n---\n\n# Zorb {n}\n\nText.\n",
            encoding="utf-8",
        )
    (notes / "Zorb3.md").write_text(  # a DOI beside a library page's URL: the DOI names it
        '---\ntitle: "Zorbing by DOI"\nauthors: Bo Vellis\nyear: 2019\ndoi: 10.1000/zorb_3\n'
        "url: https://library.example.org/item/77\n---\n\n# Zorbing by DOI\n\nText.\n",
        encoding="utf-8",
    )
    (notes / "Zorb4.md").write_text(  # a URL with a % and an underscore: kept verbatim
        '---\ntitle: "Zorbing by URL"\nauthors: Bo Vellis\nyear: 2018\n'
        "url: https://example.org/zorb_4%20v2.pdf\n---\n\n# Zorbing by URL\n\nText.\n",
        encoding="utf-8",
    )
    graph = paperkg.build(notes, tmp_path / "out", html=False)
    text = graph.export("bibtex").decode("utf-8")
    ours, theirs = _parsed(text)
    # links stay verbatim (the url package reads them so): compared as the parsers read them
    raw = bibtexparser.parse_string(text).entries_dict["vellis2018zorbing"]["url"]
    raw_pybtex = pybtex.database.parse_string(text, "bibtex").entries["vellis2018zorbing"]
    assert raw == raw_pybtex.fields["url"] == "https://example.org/zorb_4%20v2.pdf"
    for n, key in ((1, "quorn2020zorbing"), (2, "quorn2020zorbinga")):
        assert ours[key]["title"] == f"{title} {n}"
        assert theirs[key]["title"] == f"{title} {n}"
        assert ours[key]["author"] == "Zoé Quorn and Bo Vellis"
        assert theirs[key]["author"] == "Quorn, Zoé and Vellis, Bo"
    assert ours["vellis2019zorbing"]["doi"] == "10.1000/zorb_3"
    assert ours["vellis2019zorbing"]["url"] == "https://doi.org/10.1000/zorb_3"


def test_export_bibtex_on_the_command_line(vault, tmp_path):
    target = tmp_path / "papers.bib"
    result = CliRunner().invoke(
        main, ["export", "--format", "bibtex", "--to", str(target), "-o", str(vault.out)]
    )
    assert result.exit_code == 0, result.output
    assert target.read_bytes() == vault.export("bibtex")


def test_papers_frame_one_row_per_paper(vault):
    frame = vault.papers_frame()
    assert len(frame) == len(vault.papers())
    assert list(frame.columns[:7]) == [
        "iri",
        "title",
        "url",
        "year",
        "authors",
        "rating",
        "starred",
    ]
    quill = frame[frame.title.str.startswith("Quillformer")].iloc[0]
    assert quill.year == 2023 and quill.rating == 8
    assert quill.authors == "Zoé Marchetti; Tavi Oyelaran"
    assert "to-read" in quill.tags and "attention" in quill.techniques
    assert quill.notes.endswith("Quillformer.md:1")


def test_a_syntax_error_shows_the_line_with_a_caret(vault):
    with pytest.raises(QueryError) as err:
        vault.query("SELECT ?x\nWHERE { ?x ?p ?o ")
    lines = str(err.value).splitlines()
    assert lines[0].startswith("SPARQL syntax error: line 2, column ")
    column = int(lines[0].split("column ")[1].split(":")[0])
    assert lines[1].strip() == "WHERE { ?x ?p ?o"
    assert lines[2].index("^") == 2 + column - 1


def test_misspelt_saved_query_and_parameter_get_a_suggestion(vault):
    with pytest.raises(QueryError, match="did you mean 'top-rated'"):
        vault.query("top-rate")
    with pytest.raises(QueryError, match="did you mean 'min_rating'"):
        vault.query("top-rated", min_ratin=5)


def test_a_vault_in_one_folder_is_mapped_by_its_tags(vault):
    """Every note sits in one folder: the map's topics are the tags, nested under parents."""
    g = vault.networkx()
    topics = {n: d["label"] for n, d in g.nodes(data=True) if d.get("type") == "topic"}
    assert set(topics.values()) >= {"handwriting", "embeddings", "attention", "sparse", "to-read"}
    assert "papers" not in topics.values()  # the lone folder
    sparse = next(n for n, label in topics.items() if label == "sparse")
    parents = [t for _, t, r in g.out_edges(sparse, data="relation") if r == "broader"]
    assert [topics[p] for p in parents] == ["attention"]


def _written_tags(note: Path) -> set[str]:
    """The tags a note of the vault writes: front matter `tags` and inline `#tags`."""
    text = note.read_text("utf-8")
    front = yaml.safe_load(text.split("---")[1]) if text.startswith("---") else {}
    body = text.split("---", 2)[-1] if text.startswith("---") else text
    return set(front.get("tags", [])) | set(re.findall(r"(?<!\S)#([\w/-]+)", body))


def test_every_written_tag_is_a_topic_of_its_paper_everywhere(vault):
    by_note = {p.notes[0].split(":")[0].rsplit("/", 1)[-1]: p for p in vault.papers()}
    g = vault.networkx()
    topics = {d["label"] for _, d in g.nodes(data=True) if d.get("type") == "topic"}
    titles = {d["title"]: d for _, d in g.nodes(data=True) if d.get("type") == "paper"}
    for note in sorted(VAULT.rglob("*.md")):
        tags = _written_tags(note)
        paper = by_note[note.name]
        assert set(paper.tags) == tags, note.name
        assert tags <= set(paper.topics)
        assert set(titles[paper.title]["tags"].split("|")) == tags  # networkx and GraphML
        # on the map every tag is a topic, a nested one under its parent
        assert {part for tag in tags for part in tag.split("/")} <= topics


def test_graphml_carries_authors_year_and_tags(vault):
    import networkx as nx

    g = nx.read_graphml(vault.out / "graph.graphml")
    quill = next(d for _, d in g.nodes(data=True) if d.get("title", "").startswith("Quillformer"))
    assert quill["authors"] == "Zoé Marchetti; Tavi Oyelaran"
    assert quill["tags"] == "attention/sparse|handwriting|to-read"
    assert int(quill["year"]) == 2023
