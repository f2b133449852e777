"""`push` against small stand-in servers: batches, splitting refused ones, one-line errors.

Pushing into real servers (Oxigraph and Virtuoso) is tests/remote/test_remote_push.py.
"""

from __future__ import annotations

import base64
import http.server
import threading
import urllib.parse

import pytest
from click.testing import CliRunner
from paperkg.graph.remote.protocol import EndpointError
from paperkg.graph.remote.push import (
    BATCH_TRIPLES,
    MIN_BATCH,
    named_graphs,
    push_graphs,
    update_requests,
)
from paperkg.graph.remote.server import free_port
from paperkg.graph.store.disk import load_store

from paperkg.cli import main


@pytest.fixture(scope="module")
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture(scope="module")
def graphs(example_build):
    ds = load_store(example_build, read_only=True)
    try:
        return named_graphs(ds)
    finally:
        ds.close()


def test_the_first_request_of_a_graph_drops_it(graphs):
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


class _Limited(http.server.BaseHTTPRequestHandler):
    """Refuses (HTTP 400, as Virtuoso does) any update of more than `limit` triples, and
    stores the triples of the others: a server with a request size limit of its own."""

    limit = 0
    sizes: list[int] = []
    received: list[str] = []

    def do_POST(self):  # noqa: N802 (http.server's naming)
        body = self.rfile.read(int(self.headers.get("Content-Length", 0))).decode()
        update = urllib.parse.parse_qs(body)["update"][0]
        triples = [line for line in update.splitlines() if line.endswith(" .")]
        self.sizes.append(len(triples))
        code = 400 if len(triples) > self.limit else 204
        if code == 204:
            self.received.extend(triples)
        self.send_response(code)
        self.end_headers()
        if code == 400:
            self.wfile.write(b"Error SP031: the generated SQL text is too long\n")

    def log_message(self, *args):
        pass


@pytest.fixture()
def limited():
    """Start a `_Limited` server with the given limit; returns its URL and handler class."""
    servers = []

    def start(limit: int):
        handler = type("Handler", (_Limited,), {"limit": limit, "sizes": [], "received": []})
        server = http.server.HTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}/update", handler

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


def test_a_batch_refused_as_too_large_is_split_and_the_smaller_size_kept(graphs, limited):
    url, handler = limited(700)
    report = push_graphs(graphs, url)
    total = sum(len(g.triples) for g in graphs)
    assert report.triples == total and len(handler.received) == total
    assert report.final_batch == 500 and report.batch == BATCH_TRIPLES
    refused = [n for n in handler.sizes if n > 700]
    assert refused == [2000, 1000]  # once each, then 500 for the rest of the push
    assert "batches split to 500 triples: the server refused 2000" in report.summary_line(url)


def test_a_server_that_refuses_every_size_gets_a_floor_then_one_line(graphs, limited):
    url, handler = limited(MIN_BATCH - 1)
    with pytest.raises(EndpointError) as failed:
        push_graphs(graphs, url)
    assert handler.sizes == [2000, 1000, 500, 250, 125, 62]
    assert "HTTP 400" in str(failed.value) and "SP031" in str(failed.value)
    assert "(also when split down to 62 triples)" in str(failed.value)
    assert "\n" not in str(failed.value)


def test_credentials_refused_are_not_split(graphs, guarded):
    with pytest.raises(EndpointError) as failed:
        push_graphs(graphs, guarded)
    assert failed.value.status == 401 and "split" not in str(failed.value)


def test_the_api_push_counts_progress_from_zero_to_every_triple(example_build, graphs, limited):
    import paperkg.api

    url, handler = limited(10**6)
    seen: list[tuple[int, int]] = []
    report = paperkg.api.push(url, example_build, batch=1000, progress=lambda *p: seen.append(p))
    total = sum(len(g.triples) for g in graphs)
    assert seen[0] == (0, total) and seen[-1] == (total, total)
    assert [done for done, _ in seen] == sorted(done for done, _ in seen)
    assert len(seen) == report.requests + 1 and report.triples == total
    assert max(handler.sizes) == 1000 and len(handler.received) == total


def test_push_asks_for_the_password_of_a_user_who_gave_none(guarded, example_build, runner):
    args = ["push", guarded, "-o", str(example_build), "--user", "alice"]
    result = runner.invoke(main, args, input="s3cret-pw\n")
    assert "password for alice" in result.output
    assert result.exit_code == 1 and "HTTP 500" in result.output  # past the 401: it was sent
    assert "s3cret-pw" not in result.output


def test_push_checks_the_url_before_the_store(runner, tmp_path):
    result = runner.invoke(main, ["push", "file:///etc/passwd", "-o", str(tmp_path)])
    assert result.exit_code == 1
    assert "not an http(s) endpoint URL" in result.output and "no graph here" not in result.output
