"""The Python API (paperkg/api.py): build, open, query, records, other libraries, errors."""

from __future__ import annotations

import datetime as dt
import html
import re
from pathlib import Path

import networkx as nx
import pytest
from paperkg.graph.store.disk import load_store
from paperkg.graph.store.query import run_query, saved_queries
from paperkg.graph.store.rows import Rows, python_value

import paperkg
from paperkg.errors import (
    EXIT_INPUT,
    EXIT_STRICT,
    InputError,
    PaperkgError,
    QueryError,
    StoreError,
    StrictError,
)

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def kg(tmp_path_factory, fixtures):
    out = tmp_path_factory.mktemp("api")
    return paperkg.build(fixtures / "contract.md", out=out)


@pytest.fixture(scope="module")
def example(example_build):
    return paperkg.open(example_build)


def test_build_returns_an_open_graph_with_its_report(kg):
    assert isinstance(kg, paperkg.Graph)
    assert kg.report.summary.papers == 3 == len(kg.papers())
    for name in ("graph.ttl", "graph.jsonld", "graph.graphml", "graph.html"):
        assert (kg.out / name).is_file()


def test_open_without_a_build_is_a_store_error_with_exit_code_2(tmp_path):
    with pytest.raises(StoreError) as caught:
        paperkg.open(tmp_path)
    assert isinstance(caught.value, InputError) and caught.value.exit_code == EXIT_INPUT
    assert str(tmp_path) in str(caught.value) and "\n" not in str(caught.value)


def test_strict_build_raises_strict_error_with_the_warnings(tmp_path, fixtures):
    with pytest.raises(StrictError) as caught:
        paperkg.build(fixtures / "bad" / "empty.md", out=tmp_path / "o", strict=True)
    assert caught.value.exit_code == EXIT_STRICT and caught.value.warnings
    assert not (tmp_path / "o" / "graph.ttl").exists()


def test_a_missing_notes_file_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match="nope.md"):
        paperkg.build(tmp_path / "nope.md", out=tmp_path / "o")


def test_query_gives_named_rows_of_python_values(example):
    rows = example.query("top-rated", min_rating=9)
    assert isinstance(rows, Rows) and rows.variables == ("rating", "title", "topics")
    assert len(rows) == 7 and all(type(r.rating) is int and r.rating == 9 for r in rows)
    # the same rows as the rdflib terms the CLI prints, as text
    ds = load_store(example.out, read_only=True)
    try:
        terms = run_query(ds, saved_queries()["top-rated"].text, {"min_rating": "9"}).rows
    finally:
        ds.close()
    as_text = [tuple("" if v is None else str(v) for v in r) for r in rows]
    assert as_text == [tuple("" if v is None else str(v) for v in r) for r in terms]


def test_a_number_and_its_text_bind_alike(example):
    assert example.query("top-rated", min_rating=8) == example.query("top-rated", min_rating="8")


def test_query_text_ask_and_construct(example):
    rows = example.query("SELECT ?label WHERE { ?t skos:prefLabel ?label }", label="CLIP")
    assert [r.label for r in rows] == ["CLIP"]
    assert example.query("ASK { ?p schema:name ?n }") is True
    graph = example.query("CONSTRUCT { ?p schema:name ?n } WHERE { ?p schema:name ?n }")
    names = example.query("SELECT (COUNT(*) AS ?c) WHERE { ?p schema:name ?n }")[0].c
    assert len(graph) == names > 124


def test_query_errors_are_query_errors(example):
    with pytest.raises(QueryError, match="needs --param technique"):
        example.query("papers-by-technique")
    with pytest.raises(QueryError, match="no parameter 'x'"):
        example.query("top-rated", x=1)
    with pytest.raises(QueryError, match="SPARQL syntax error: line 1"):
        example.query("SELECT ?x WHERE { ?x }")
    with pytest.raises(QueryError, match="no saved query named 'nope'"):
        example.query("nope")


def test_python_values_follow_the_datatypes():
    import pyoxigraph as ox

    xsd = "http://www.w3.org/2001/XMLSchema#"

    def lit(text, kind):
        return ox.Literal(text, datatype=ox.NamedNode(xsd + kind))

    assert python_value(lit("8", "integer")) == 8
    assert python_value(lit("7.5", "decimal")) == pytest.approx(7.5)
    assert python_value(lit("true", "boolean")) is True
    assert python_value(lit("2023", "gYear")) == 2023
    assert python_value(lit("2023-10-02", "date")) == dt.date(2023, 10, 2)
    assert python_value(lit("eight", "integer")) == "eight"  # kept as written
    assert python_value(ox.NamedNode("https://x.org/a")) == "https://x.org/a"
    assert python_value(ox.Literal("plain")) == "plain"


def test_to_pandas(example):
    pd = pytest.importorskip("pandas")
    frame = example.query("techniques-by-papers").to_pandas()
    assert isinstance(frame, pd.DataFrame)
    assert list(frame.columns) == ["technique", "papers"]
    assert frame["papers"].iloc[0] == max(frame["papers"])


def test_papers_are_typed_records_matching_sparql(example):
    papers = example.papers()
    noted = example.query("SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE { ?p pkg:notedIn ?e }")[0].n
    assert len(papers) == noted == 124
    first = next(p for p in papers if p.title == "Diffusion in Style")
    assert first.rating == 9
    assert first.topics == ("Papers by topic > Diffusion > Domain adaptation",)  # its full path
    assert first.authors == ("Everaert",) and first.year == 2023 and first.tags == ()
    assert first.notes and all(re.fullmatch(r".+\.md:\d+", n) for n in first.notes)
    with pytest.raises(AttributeError):
        first.rating = 1  # frozen


def test_techniques_and_topics(example):
    techniques = example.techniques()
    ranked = example.query("techniques-by-papers")
    assert [(t.label, t.papers) for t in techniques[:5]] == [tuple(r) for r in ranked[:5]]
    clip = next(t for t in techniques if t.label == "CLIP")
    assert clip.alt_labels and "vision-language model" in clip.broader
    topics = {t.iri: t for t in example.topics()}
    leaf = next(t for t in topics.values() if t.label == "Domain adaptation")
    assert leaf.path[-1] == "Domain adaptation" and len(leaf.path) >= 2
    assert topics[leaf.broader].label == leaf.path[-2]


def test_stats_is_what_the_cli_prints(example):
    text = example.stats().text()
    assert text.startswith("Counts\n") and "Top techniques" in text and "Top topics" in text


def test_rdf_is_an_rdflib_dataset_over_the_store(example):
    import rdflib

    assert isinstance(example.rdf, rdflib.Dataset)
    count = example.rdf.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    assert (
        int(next(iter(count))[0])
        == example.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")[0].n
    )


def test_networkx_is_the_graphml_projection(example):
    g = example.networkx()
    written = nx.read_graphml(example.out / "graph.graphml")
    assert set(g.nodes) == set(written.nodes)
    assert g.number_of_edges() == written.number_of_edges()


def test_pyvis_is_a_styled_offline_network(example):
    from pyvis.network import Network

    net = example.pyvis()
    assert isinstance(net, Network)
    g = example.networkx()
    assert len(net.nodes) == g.number_of_nodes()
    assert len(net.edges) == len({(s, t) for s, t in g.edges()})
    kinds = {n["id"]: g.nodes[n["id"]]["type"] for n in net.nodes}
    colours = {kinds[n["id"]]: n["color"]["background"] for n in net.nodes}
    assert len(set(colours.values())) == len(colours) == 4  # one colour per kind
    page = net.generate_html()
    assert not re.search(r"<(script|link)[^>]+(src|href)=", page)  # everything inline
    assert "new vis.Network(" in page and not re.search(r"https?://[^\s\"]*(cdn|bootstrap)", page)


def test_pyvis_of_a_subgraph(example):
    g = example.networkx()
    topic = next(n for n, a in g.nodes(data=True) if a.get("label") == "Domain adaptation")
    papers = [p for p, _ in g.in_edges(topic)]
    net = example.pyvis(g.subgraph([topic, *papers]), notebook=True)
    assert len(net.nodes) == len(papers) + 1


def test_repr_html_is_the_view_in_a_sandboxed_iframe(example):
    shown = example._repr_html_()
    assert shown.startswith('<iframe sandbox="allow-scripts"')
    srcdoc = re.search(r'srcdoc="([^"]*)"', shown).group(1)
    assert html.unescape(srcdoc) == (example.out / "graph.html").read_text("utf-8")


def test_export_turtle_and_graphml_are_the_built_files(example, tmp_path):
    assert example.export("turtle") == (example.out / "graph.ttl").read_bytes()
    target = example.export("graphml", tmp_path / "g.graphml")
    assert target.read_bytes() == (example.out / "graph.graphml").read_bytes()
    with pytest.raises(InputError, match="unknown export format"):
        example.export("rdfxml")


def test_a_store_without_the_union_copy_exports_the_same_turtle(example, tmp_path):
    """Stores built before the union was copied into the default graph hold only the named
    graphs; export reads their union by a query instead of dumping the default graph."""
    import pyoxigraph as ox

    built = ox.Store.read_only(str(example.out / "store"))
    named = [q for q in built if not isinstance(q.graph_name, ox.DefaultGraph)]
    older = ox.Store(str(tmp_path / "store"))
    older.bulk_extend(named)
    older.flush()
    del older  # releases the store's lock
    with paperkg.open(tmp_path) as graph:
        assert graph._union  # read as the union of the named graphs
        assert graph.export("turtle") == (example.out / "graph.ttl").read_bytes()


def test_evaluate_returns_scores(fixtures):
    scores = paperkg.evaluate(fixtures / "nlp_related_forms.md", fixtures / "gold_small.jsonl")
    assert scores.gold_entries == 5 == scores.found_entries
    assert scores.related.precision == 1.0


def test_evaluate_with_a_missing_gold_file_is_one_line(fixtures, tmp_path):
    with pytest.raises(InputError) as caught:
        paperkg.evaluate(fixtures / "contract.md", tmp_path / "gold.jsonl")
    assert str(caught.value) == f"{tmp_path / 'gold.jsonl'}: no such file"


def test_every_error_class_carries_an_exit_code():
    import paperkg.errors as errors

    classes = [c for c in vars(errors).values() if isinstance(c, type)]
    assert all(issubclass(c, PaperkgError) and c.exit_code in (1, 2, 3) for c in classes)


def test_library_code_never_raises_system_exit():
    sources = [
        p
        for folder in ("paperkg", "graph", "extract")
        for p in (ROOT / folder).rglob("*.py")
        if p.name != "cli.py"
    ]
    # a forked worker ends with os._exit (never the parent's cleanup): only beside os.fork
    offenders = [
        str(p)
        for p in sources
        if re.search(r"raise SystemExit|sys\.exit\(", text := p.read_text())
        or ("os._exit(" in text and "os.fork()" not in text)
    ]
    assert offenders == []


def test_pyvis_style_has_the_views_colours():
    from paperkg.graph.outputs.network import style

    script = (ROOT / "graph" / "outputs" / "templates" / "view.js").read_text("utf-8")
    for kind, look in style()["kinds"].items():
        found = re.search(rf"\b{kind}: \{{[^}}]*colour: \"(#[0-9a-f]{{6}})\"", script)
        if found is None:
            pytest.skip(f"view.js no longer spells the {kind} colour as `{kind}: {{ colour }}`")
        assert look["colour"] == found.group(1), kind
    for relation, look in style()["relations"].items():
        found = re.search(rf"\b{relation}: \{{[^}}]*colour: \"([^\"]+)\"", script)
        if found is None:
            pytest.skip(
                f"view.js no longer spells the {relation} colour as `{relation}: {{ colour }}`"
            )
        assert look["colour"] == found.group(1), relation


def test_readme_python_examples_run(tmp_path, monkeypatch):
    """The README's "Use from Python" blocks, run in order in a fresh folder (not the repo)."""
    pytest.importorskip("pandas", reason="the README's example shows to_pandas()")
    readme = (ROOT / "README.md").read_text("utf-8")
    section = readme.split("## Use from Python", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```python\n(.*?)```", section, flags=re.S)
    assert len(blocks) >= 4
    for name in ("notes", "tests"):
        (tmp_path / name).symlink_to(ROOT / name)
    monkeypatch.chdir(tmp_path)
    scope: dict = {}
    for block in blocks:
        exec(compile(block, "README.md", "exec"), scope)  # noqa: S102 - the README's own code
    assert scope["rows"][1].rating == 9 and list(scope["techniques"].columns)[0] == "technique"
    assert (tmp_path / "output" / "graph.ttl").is_file() and (tmp_path / "papers.html").is_file()
    assert scope["scores"].gold_entries == 5


def test_a_closed_graph_says_so(kg):
    graph = paperkg.open(kg.out)
    graph.close()
    with pytest.raises(InputError, match="closed"):
        graph.query("top-rated")


def test_pyvis_show_writes_utf8_and_displays_inline(kg, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    net = kg.pyvis(notebook=True, heading="Papers ★")
    shown = net.show("papers.html")
    assert shown.data.startswith('<iframe sandbox="allow-scripts"')
    page = (tmp_path / "papers.html").read_text("utf-8")
    assert "<h1>Papers ★</h1>" in page and "\\u2605 MasaCtrl" in page  # a starred paper


def test_any_variable_name_can_be_a_parameter(example):
    rows = example.query("SELECT ?sparql WHERE { ?t skos:prefLabel ?sparql }", sparql="CLIP")
    assert [r.sparql for r in rows] == ["CLIP"]


def test_every_name_of_the_api_is_reachable_from_the_package():
    from paperkg import api

    assert set(paperkg.__all__) - {"errors"} == set(api.__all__) - {"DEFAULT_OUT", "EXPORT_FORMATS"}
    for name in paperkg.__all__:
        assert getattr(paperkg, name) is getattr(api, name, paperkg.errors)


def test_a_remote_graph_checks_a_saved_query_as_a_local_one_before_any_request():
    from paperkg.graph.remote.server import free_port

    from paperkg.errors import EXIT_REMOTE, EndpointError

    lab = paperkg.remote(f"http://127.0.0.1:{free_port()}/query")  # nobody listens there
    with pytest.raises(QueryError, match="did you mean 'min_rating'"):
        lab.query("top-rated", min_ratin=9)
    with pytest.raises(QueryError, match="no saved query named 'top-rate'"):
        lab.query("top-rate")
    with pytest.raises(EndpointError) as refused:  # a good query goes out, and finds no one
        lab.query("top-rated", min_rating=9)
    assert refused.value.exit_code == EXIT_REMOTE and "\n" not in str(refused.value)


def test_queries_are_the_saved_queries_paperkg_queries_lists():
    from click.testing import CliRunner

    from paperkg.cli import main

    listed = CliRunner().invoke(main, ["queries"]).output.splitlines()
    names = [q.name for q in paperkg.queries()]
    assert [line.split()[0] for line in listed] == names and len(names) >= 16
    assert paperkg.Graph.saved_queries() == {q.name: q.description for q in paperkg.queries()}
    top = next(q for q in paperkg.queries() if q.name == "papers-by-technique")
    assert top.required == ("technique",) and "SELECT" in top.text


def test_vocabulary_is_what_vocab_show_prints(tmp_path):
    from click.testing import CliRunner

    from paperkg.cli import main

    vocab = paperkg.vocabulary()
    assert len(vocab) > 1800 and vocab.get(vocab.concepts[0].iri) is vocab.concepts[0]
    shown = CliRunner().invoke(main, ["vocab", "show"]).output
    assert shown == vocab.tree().rstrip("\n") + "\n"


def test_candidates_keep_those_seen_at_least_min_count_times(fixtures):
    notes = fixtures / "candidate_techniques.md"
    every = paperkg.candidates(notes)
    frequent = paperkg.candidates(notes, min_count=2)
    assert every and all(c.count >= 1 for c in every)
    assert frequent == [c for c in every if c.count >= 2] and len(frequent) < len(every)


def test_view_page_is_the_built_html_or_an_input_error(example, tmp_path):
    page = paperkg.view_page(example.out)
    assert page.is_absolute() and page.name == "graph.html" and page.is_file()
    with pytest.raises(InputError, match="no HTML view here") as missing:
        paperkg.view_page(tmp_path)
    assert missing.value.exit_code == EXIT_INPUT
