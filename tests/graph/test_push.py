"""Push into a real Oxigraph server: named graphs, idempotence, `query --endpoint`, errors."""

from __future__ import annotations

import base64
import http.server
import threading

import pytest
from click.testing import CliRunner
from paperkg.graph.cli import main
from paperkg.graph.push import named_graphs, update_requests
from paperkg.graph.query import run_query, run_remote, saved_queries
from paperkg.graph.server import free_port, start_server, stop_server
from paperkg.graph.store import load_store

COUNT = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"


@pytest.fixture(scope="module")
def oxigraph(tmp_path_factory):
    """A fresh, writable `oxigraph serve` on a free loopback port, always stopped."""
    location = tmp_path_factory.mktemp("oxigraph-push") / "db"
    proc, endpoint = start_server(location, "127.0.0.1", free_port(), writable=True, union=True)
    try:
        yield endpoint
    finally:
        stop_server(proc)


@pytest.fixture(scope="module")
def runner() -> CliRunner:
    return CliRunner()


def count(endpoint) -> int:
    return int(run_remote(endpoint.query_url, COUNT).rows[0][0])


@pytest.fixture(scope="module")
def pushed(oxigraph, example_build, runner):
    """The example graph pushed twice; the counts after each push."""
    counts = []
    for _ in range(2):
        result = runner.invoke(main, ["push", oxigraph.update_url, "-o", str(example_build)])
        assert result.exit_code == 0, result.output
        assert result.output.strip().splitlines()[-1].startswith("pushed ")
        counts.append(count(oxigraph))
    return counts


def test_push_twice_leaves_the_same_triples(pushed, example_build):
    ds = load_store(example_build, read_only=True)
    try:
        local = int(run_query(ds, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }").rows[0][0])
    finally:
        ds.close()
    assert pushed[0] == pushed[1] == local


def test_every_paper_lands_in_its_notes_file_graph(pushed, oxigraph, example_build):
    sparql = """SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE {
        GRAPH <https://w3id.org/paperkg/graph/notes/iccv2023.md> { ?p pkg:notedIn ?e } }"""
    ds = load_store(example_build, read_only=True)
    try:
        local = run_query(ds, "SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE { ?p pkg:notedIn ?e }")
    finally:
        ds.close()
    assert int(run_remote(oxigraph.query_url, sparql).rows[0][0]) == int(local.rows[0][0]) > 100


def test_saved_queries_give_the_same_rows_remotely(pushed, oxigraph, example_build):
    params = {"papers-by-technique": {"technique": "LoRA"}, "paper-provenance": {"paper": "a"}}
    params["related-papers"] = {"paper": "a"}
    ds = load_store(example_build, read_only=True)
    try:
        for name, q in saved_queries().items():
            local = run_query(ds, q.text, params.get(name, {}))
            remote = run_remote(oxigraph.query_url, q.text, params.get(name, {}))
            assert remote.variables == local.variables, name
            as_text = lambda rows: sorted(tuple(str(v) for v in r) for r in rows)  # noqa: E731
            assert as_text(remote.rows) == as_text(local.rows), name
    finally:
        ds.close()


def test_query_endpoint_from_the_cli(pushed, oxigraph, runner):
    result = runner.invoke(
        main,
        ["query", "papers-by-technique", "-p", "technique=LoRA", "--endpoint", oxigraph.query_url],
    )
    assert result.exit_code == 0 and "LoRA" in result.output
    bad = runner.invoke(
        main, ["query", "SELECT ?x\nWHERE { ?x }", "--endpoint", oxigraph.query_url]
    )
    assert bad.exit_code == 2 and "line 2, column" in bad.output
    assert "Traceback" not in bad.output


def test_the_first_request_of_a_graph_drops_it(example_build):
    ds = load_store(example_build, read_only=True)
    try:
        graphs = named_graphs(ds)
    finally:
        ds.close()
    notes = next(g for g in graphs if g.replace)
    texts = [t for t, _ in update_requests(notes, batch=1000)]
    assert texts[0].startswith(f"DROP SILENT GRAPH <{notes.iri}> ;")
    assert all(not t.startswith("DROP") for t in texts[1:]) and len(texts) > 1
    vocabulary = next(g for g in graphs if not g.replace)
    assert not any(t.startswith("DROP") for t, _ in update_requests(vocabulary))


def test_a_refused_connection_is_one_line(example_build, runner):
    url = f"http://127.0.0.1:{free_port()}/update"
    result = runner.invoke(main, ["push", url, "-o", str(example_build)])
    assert result.exit_code == 1
    assert "connection refused" in result.output and "Traceback" not in result.output


class _Guarded(http.server.BaseHTTPRequestHandler):
    """Answers 401 without the right basic credentials, then 500 to any update."""

    def do_POST(self):  # noqa: N802 (http.server's naming)
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        good = "Basic " + base64.b64encode(b"alice:s3cret-pw").decode()
        code = 500 if self.headers.get("Authorization") == good else 401
        self.send_response(code)
        self.end_headers()
        self.wfile.write(b"no such luck\n")

    def log_message(self, *args):
        pass


@pytest.fixture()
def guarded():
    server = http.server.HTTPServer(("127.0.0.1", 0), _Guarded)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/update"
    finally:
        server.shutdown()
        server.server_close()


def test_401_and_500_are_one_line_and_never_show_the_password(guarded, example_build, runner):
    out = ["-o", str(example_build)]
    anonymous = runner.invoke(main, ["push", guarded, *out])
    assert anonymous.exit_code == 1 and "HTTP 401" in anonymous.output
    wrong = runner.invoke(
        main, ["push", guarded, *out, "--user", "alice", "--password", "wrong-pw-123"]
    )
    assert "HTTP 401" in wrong.output and "wrong-pw-123" not in wrong.output
    env = {"PAPERKG_USER": "alice", "PAPERKG_PASSWORD": "s3cret-pw"}
    server_error = runner.invoke(main, ["push", guarded, *out], env=env)
    assert server_error.exit_code == 1 and "HTTP 500" in server_error.output
    assert "no such luck" in server_error.output
    for result in (anonymous, wrong, server_error):
        assert "s3cret-pw" not in result.output and "Traceback" not in result.output
        assert len(result.output.strip().splitlines()) <= 2  # the progress label, the error
