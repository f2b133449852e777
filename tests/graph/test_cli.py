"""Every command's happy path and one error path, through the real click entry point."""

from __future__ import annotations

import json

import networkx as nx
import pytest
from click.testing import CliRunner
from rdflib import Graph

from paperkg.cli import main


@pytest.fixture(scope="module")
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture(scope="module")
def out(tmp_path_factory, fixtures, runner):
    folder = tmp_path_factory.mktemp("cli")
    result = runner.invoke(main, ["build", str(fixtures / "contract.md"), "-o", str(folder)])
    assert result.exit_code == 0, result.output
    return folder


def test_build_writes_every_output_and_one_summary_line(out, runner, fixtures):
    for name in ("graph.ttl", "graph.jsonld", "graph.graphml", "graph.html"):
        assert (out / name).stat().st_size > 0
    assert (out / "store").is_dir()
    result = runner.invoke(main, ["build", str(fixtures / "contract.md"), "-o", str(out / "b")])
    line = result.output.strip().splitlines()[-1]
    assert line.startswith("3 papers, ") and "techniques" in line and line.endswith(" s")


def test_build_of_a_missing_file_is_one_line_exit_2(runner, tmp_path):
    result = runner.invoke(main, ["build", str(tmp_path / "nope.md"), "-o", str(tmp_path)])
    assert result.exit_code == 2
    assert "nope.md" in result.output and "Traceback" not in result.output


def test_build_reads_folders(runner, tmp_path, fixtures):
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "a.md").write_text((fixtures / "contract.md").read_text())
    (notes / "skip.txt").write_text("not markdown")
    result = runner.invoke(main, ["build", str(notes), "-o", str(tmp_path / "o"), "--no-html"])
    assert result.exit_code == 0, result.output
    assert not (tmp_path / "o" / "graph.html").exists()


def test_query_saved_and_inline_in_every_format(out, runner):
    table = runner.invoke(main, ["query", "techniques-by-papers", "-o", str(out)])
    assert table.exit_code == 0 and "self-attention" in table.output
    csv_out = runner.invoke(
        main,
        [
            "query",
            "SELECT ?t WHERE { ?p pkg:notedIn ?n ; schema:name ?t } ORDER BY ?t",
            "-o",
            str(out),
            "-f",
            "csv",
        ],
    )
    assert csv_out.output.splitlines()[0] == "t" and len(csv_out.output.splitlines()) == 4
    js = json.loads(
        runner.invoke(main, ["query", "techniques-by-papers", "-o", str(out), "-f", "json"]).output
    )
    assert js["head"]["vars"] and js["results"]["bindings"]


def test_query_with_a_bound_parameter(out, runner):
    result = runner.invoke(
        main, ["query", "papers-by-technique", "-p", "technique=lora", "-o", str(out), "-f", "csv"]
    )
    assert result.exit_code == 0, result.output
    assert "MasaCtrl" in result.output


def test_query_syntax_error_is_one_line_with_position(out, runner):
    result = runner.invoke(main, ["query", "SELECT ?x WHERE {", "-o", str(out)])
    assert result.exit_code == 2
    assert "line 1, column 18" in result.output and "Traceback" not in result.output


def test_query_without_a_build_says_what_to_run(runner, tmp_path):
    result = runner.invoke(main, ["query", "techniques-by-papers", "-o", str(tmp_path)])
    assert result.exit_code == 2 and "paperkg build" in result.output


def test_queries_lists_saved_queries(runner):
    result = runner.invoke(main, ["queries"])
    assert "techniques-by-papers" in result.output and "papers-by-technique" in result.output


def test_view_opens_the_built_page_or_says_there_is_none(out, runner, tmp_path, monkeypatch):
    opened: list[str] = []
    monkeypatch.setattr("webbrowser.open", lambda uri, *a, **k: opened.append(uri))
    result = runner.invoke(main, ["view", "-o", str(out)])
    page = (out / "graph.html").resolve()
    assert result.exit_code == 0 and result.output == f"{page}\n"
    assert opened == [page.as_uri()]
    missing = runner.invoke(main, ["view", "-o", str(tmp_path)])
    assert missing.exit_code == 2 and opened == [page.as_uri()]
    assert (
        missing.output
        == f"Error: {tmp_path / 'graph.html'}: no HTML view here; run `paperkg build` first\n"
    )


def test_export_each_format(out, runner, tmp_path):
    for fmt, name in (("turtle", "g.ttl"), ("ntriples", "g.nt"), ("jsonld", "g.jsonld")):
        result = runner.invoke(
            main, ["export", "-f", fmt, "-o", str(out), "--to", str(tmp_path / name)]
        )
        assert result.exit_code == 0, result.output
        g = Graph()
        g.parse(
            tmp_path / name, format={"turtle": "turtle", "ntriples": "nt", "jsonld": "json-ld"}[fmt]
        )
        assert len(g) > 100
    result = runner.invoke(
        main, ["export", "-f", "graphml", "-o", str(out), "--to", str(tmp_path / "g.graphml")]
    )
    assert nx.read_graphml(tmp_path / "g.graphml").number_of_nodes() > 3


def test_export_needs_a_format(runner, out):
    result = runner.invoke(main, ["export", "-o", str(out)])
    assert result.exit_code == 2 and "--format" in result.output


def test_stats_counts_and_tops(out, runner):
    result = runner.invoke(main, ["stats", "-o", str(out)])
    assert result.exit_code == 0
    assert "reviews" in result.output and "Top techniques" in result.output


def test_stats_without_a_build(runner, tmp_path):
    assert runner.invoke(main, ["stats", "-o", str(tmp_path)]).exit_code == 2


def test_every_command_has_help_with_an_example(runner):
    for command in ("build", "query", "export", "stats"):
        result = runner.invoke(main, [command, "--help"])
        assert result.exit_code == 0 and "Example" in result.output, command


@pytest.mark.parametrize(
    ("args", "suggestion"),
    [
        (["biuld", "notes/"], "Did you mean 'build'?"),
        (["query", "papers-by-autor", "-p", "name=x"], "did you mean 'papers-by-author'?"),
        (["query", "papers-by-author", "-p", "nam=x"], "did you mean 'name'?"),
    ],
)
def test_a_misspelt_command_query_or_parameter_gets_a_suggestion(runner, out, args, suggestion):
    result = runner.invoke(main, [*args, *(["-o", str(out)] if args[0] == "query" else [])])
    assert result.exit_code != 0
    assert suggestion in result.output
    assert "Traceback" not in result.output


def test_view_watch_serves_the_built_page_on_loopback_until_stopped(out, runner, monkeypatch):
    from paperkg.graph.remote.live_view import LiveView

    opened: list[str] = []
    monkeypatch.setattr("webbrowser.open", lambda uri, *a, **k: opened.append(uri))

    def ctrl_c_at_once(served, ready=None):
        ready()  # the line and the browser, once Ctrl-C would stop it cleanly
        served.stop()

    monkeypatch.setattr(LiveView, "wait", ctrl_c_at_once)
    result = runner.invoke(main, ["view", "--watch", "-o", str(out)])
    assert result.exit_code == 0, result.output
    url = opened[0]
    assert url.startswith("http://127.0.0.1:") and url.endswith("/")
    assert result.output == f"Live view: {url}  (reloads on every build; Ctrl-C to stop)\n"
    quiet = runner.invoke(main, ["view", "--watch", "--no-open", "-o", str(out)])
    assert quiet.exit_code == 0 and len(opened) == 1


def test_view_watch_of_a_folder_without_a_build_is_one_line_exit_2(runner, tmp_path):
    result = runner.invoke(main, ["view", "--watch", "--no-open", "-o", str(tmp_path)])
    assert result.exit_code == 2
    assert result.output == (
        f"Error: {tmp_path}: not a folder `paperkg build` wrote; view --watch serves only those\n"
    )
