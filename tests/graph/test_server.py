"""`paperkg serve` runs the Oxigraph server over the built store: queries yes, updates no."""

from __future__ import annotations

import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest
from click.testing import CliRunner
from paperkg.graph.remote.remote_query import run_remote
from paperkg.graph.remote.server import (
    Endpoint,
    ServeError,
    free_port,
    is_loopback,
    server_args,
    start_server,
    stop_server,
)

import paperkg
from paperkg.cli import main

READY = 30.0
PAPERKG = [sys.executable, "-c", "from paperkg.cli import main; main()"]


def serve(out, *args: str) -> tuple[subprocess.Popen, list[str]]:
    """Start `paperkg serve` and read its banner up to "Press Ctrl-C" (bounded wait)."""
    proc = subprocess.Popen(
        [*PAPERKG, "serve", "-o", str(out), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    lines: list[str] = []
    deadline = time.monotonic() + READY
    while time.monotonic() < deadline:
        line = proc.stdout.readline()
        if not line:
            break
        lines.append(line.rstrip("\n"))
        if line.startswith("Press Ctrl-C"):
            return proc, lines
    stop(proc)
    raise AssertionError("serve did not start: " + " | ".join(lines))


def stop(proc: subprocess.Popen) -> int:
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)
    proc.stdout.close()
    return proc.returncode


@pytest.fixture(scope="module")
def served_copy(example_build, tmp_path_factory):
    """A copy of the example build: the session's one must not be touched by a server."""
    out = tmp_path_factory.mktemp("serve") / "out"
    shutil.copytree(example_build, out, ignore=shutil.ignore_patterns("cache"))
    return out


@pytest.fixture(scope="module")
def read_only_server(served_copy):
    port = free_port()
    proc, banner = serve(served_copy, "--port", str(port))
    try:
        yield Endpoint("127.0.0.1", port), banner, proc
    finally:
        stop(proc)


def post(url: str, field: str, text: str) -> int:
    data = urllib.parse.urlencode({field: text}).encode()
    try:
        with urllib.request.urlopen(urllib.request.Request(url, data=data), timeout=10) as r:
            return r.status
    except urllib.error.HTTPError as err:
        return err.code


def test_serve_answers_queries_over_the_union(read_only_server):
    endpoint, banner, _ = read_only_server
    assert any(endpoint.query_url in line and "read-only" in line for line in banner)
    assert any(line.startswith("HTML view:") and "file://" in line for line in banner)
    result = run_remote(endpoint.query_url, "SELECT (COUNT(*) AS ?n) WHERE { ?p pkg:notedIn ?e }")
    assert int(result.rows[0][0]) > 100


def test_served_endpoint_refuses_updates(read_only_server):
    endpoint, _, _ = read_only_server
    update = "INSERT DATA { <urn:x:a> <urn:x:b> <urn:x:c> }"
    assert post(endpoint.update_url, "update", update) in (403, 405)
    ask = run_remote(endpoint.query_url, "ASK { <urn:x:a> ?p ?o }")
    assert ask.boolean is False


def test_a_taken_port_is_one_line_exit_2(read_only_server, served_copy):
    endpoint, _, _ = read_only_server
    result = subprocess.run(
        [*PAPERKG, "serve", "-o", str(served_copy)] + ["--port", str(endpoint.port)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    assert "cannot listen" in result.stderr and "Traceback" not in result.stderr


def test_writable_serve_accepts_updates_and_sigterm_stops_the_server(served_copy, tmp_path):
    out = tmp_path / "rw"
    shutil.copytree(served_copy, out)
    port = free_port()
    proc, banner = serve(out, "--port", str(port), "--writable")
    try:
        endpoint = Endpoint("127.0.0.1", port)
        assert any("read-write" in line for line in banner)
        assert post(endpoint.update_url, "update", "INSERT DATA { <urn:x:a> <urn:x:b> 1 }") < 300
        assert run_remote(endpoint.query_url, "ASK { <urn:x:a> ?p ?o }").boolean
    finally:
        assert stop(proc) == 0
    with pytest.raises(OSError):  # the oxigraph child is gone with its parent
        urllib.request.urlopen(endpoint.base + "/", timeout=2)


def test_loopback_by_default_and_read_only_unless_asked(tmp_path):
    args = server_args(tmp_path, "127.0.0.1", 7878, writable=False)
    assert args[1] == "serve-read-only" and "127.0.0.1:7878" in args
    assert server_args(tmp_path, "::1", 7878, writable=True)[1:2] == ["serve"]
    assert "[::1]:7878" in server_args(tmp_path, "::1", 7878, writable=True)
    assert is_loopback("127.0.0.1") and is_loopback("localhost") and not is_loopback("0.0.0.0")


def test_a_built_store_is_served_as_it_is_and_only_a_pushed_one_as_a_union(tmp_path):
    # a build writes the union into the default graph: Oxigraph's union mode would add the
    # named graphs' copies on top (tests/remote compares every saved query through serve)
    assert "--union-default-graph" not in server_args(tmp_path, "127.0.0.1", 7878, False)
    assert "--union-default-graph" in server_args(None, "127.0.0.1", 7878, True, union=True)


def test_a_server_that_dies_is_reported(tmp_path):
    not_a_store = tmp_path / "file"
    not_a_store.write_text("x")
    with pytest.raises(ServeError):
        proc, _ = start_server(not_a_store, port=free_port(), ready_seconds=10)
        stop_server(proc)


def test_the_oxigraph_child_dies_with_a_killed_serve(served_copy, tmp_path):
    out = tmp_path / "killed"
    shutil.copytree(served_copy, out)
    port = free_port()
    proc, _ = serve(out, "--port", str(port))
    endpoint = Endpoint("127.0.0.1", port)
    proc.kill()  # no handler runs: only the parent-death signal can stop the child
    stop(proc)
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(endpoint.base + "/", timeout=1).close()
        except OSError:
            return
        time.sleep(0.2)
    raise AssertionError(f"the Oxigraph server still answers on {endpoint.base}")


# a SELECT with ties broken by title, one with a bound text parameter, counts, and an ASK
SAME_QUERIES = [
    ["top-rated", "-p", "min_rating=9"],
    ["papers-by-technique", "-p", "technique=adapter"],
    ["techniques-by-papers"],
    ["ASK { ?p schema:name ?n }"],
]


@pytest.mark.parametrize("fmt", ["table", "csv", "json"])
def test_query_endpoint_on_serve_prints_what_a_local_query_prints(
    read_only_server, served_copy, fmt
):
    endpoint, _, _ = read_only_server
    runner = CliRunner()
    for args in SAME_QUERIES:
        local = runner.invoke(main, ["query", *args, "-f", fmt, "-o", str(served_copy)])
        remote = runner.invoke(main, ["query", *args, "-f", fmt, "--endpoint", endpoint.query_url])
        assert local.exit_code == 0 and remote.exit_code == 0, local.output + remote.output
        assert remote.output == local.output, args
        rows = len(local.output.splitlines()) > 2  # rows to compare, or the ASK's answer
        assert rows or local.output.split()[-1] in ("yes", "true")


def test_the_api_serves_a_build_and_queries_it_as_a_local_graph(served_copy):
    with paperkg.serve(served_copy, port=0) as server:  # any free port
        assert server.endpoint.port > 0
        assert server.view == (served_copy / "graph.html").resolve().as_uri()
        lab = paperkg.remote(server.endpoint.query_url)
        with paperkg.open(served_copy) as local:
            for name, params in [("top-rated", {"min_rating": 9}), ("topic-tree", {})]:
                rows = lab.query(name, **params)
                assert rows.variables == local.query(name, **params).variables
                assert list(rows) == list(local.query(name, **params)) and len(rows) > 5
            assert lab.query("ASK { ?p schema:name ?n }") is True
    with pytest.raises(OSError):  # leaving the block stopped the server
        urllib.request.urlopen(server.endpoint.base + "/", timeout=2)
