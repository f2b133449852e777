"""`push` with default settings into Oxigraph and Virtuoso, and the failures a lab meets:
each ends as one line, and a server that stops mid-push says how far the push got."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from paperkg.graph.remote.protocol import EndpointError
from paperkg.graph.remote.push import named_graphs, push_graphs
from paperkg.graph.store.disk import load_store

from paperkg.cli import main

NOTES_GRAPH = "https://w3id.org/paperkg/graph/notes/"


def one_line(output: str) -> str:
    """The error line of a failed command; it must be the only line but a progress label."""
    lines = [line for line in output.strip().splitlines() if line.strip() != "pushing"]
    assert len(lines) == 1 and "Traceback" not in output, output
    return lines[0]


def test_pushing_twice_leaves_each_notes_file_in_its_graph(
    engine, pushed_to, example_build, triples_per_graph
):
    pushed = pushed_to(engine)
    local = triples_per_graph(out=example_build)
    assert pushed.counts[0] == pushed.counts[1] == local
    notes = [g for g in local if g.startswith(NOTES_GRAPH)]
    assert notes == [NOTES_GRAPH + "iccv2023.md"]
    total = sum(local.values())
    for line in pushed.summaries:
        assert line.startswith(f"pushed {total} triples in {len(local)} named graphs to ")


def test_refused_requests_are_one_line(engine, pushed_to):
    server = pushed_to(engine).server
    runner = CliRunner()
    syntax = runner.invoke(
        main, ["query", "SELECT ?x WHERE { ?x }", "--endpoint", server.query_url]
    )
    assert syntax.exit_code == 2 and one_line(syntax.output).startswith("Error: ")
    base = server.query_url.rsplit("/", 1)[0]
    missing = runner.invoke(main, ["query", "top-rated", "--endpoint", base + "/no-such-path"])
    assert missing.exit_code == 1 and "HTTP 404" in one_line(missing.output)


def test_a_server_that_stops_mid_push_leaves_a_clear_error(engine, start_lab, example_build):
    server = start_lab(engine)
    ds = load_store(example_build, read_only=True)
    try:
        graphs = named_graphs(ds)
    finally:
        ds.close()
    sent: list[int] = []

    def stop_after_the_first_request(count: int) -> None:
        sent.append(count)
        if len(sent) == 1:
            server.stop()

    with pytest.raises(EndpointError) as failed:
        push_graphs(graphs, server.update_url, batch=500, progress=stop_after_the_first_request)
    message = str(failed.value)
    assert "\n" not in message and server.update_url in message
    total = sum(len(g.triples) for g in graphs)
    assert f"{sent[0]} of {total} triples were pushed: push again to complete" in message
    after = CliRunner().invoke(main, ["query", "top-rated", "--endpoint", server.query_url])
    assert after.exit_code == 1 and "cannot connect" in one_line(after.output)
