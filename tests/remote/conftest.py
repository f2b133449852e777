"""Real SPARQL servers for the remote suite: `paperkg serve`, Oxigraph and Virtuoso.

The lab path (`push`, `query --endpoint`) is only shown to follow the standard when two
independent servers accept the same requests, so every remote test runs against a fresh
Oxigraph server (PyPI `oxigraph`) and a fresh Virtuoso (Debian's `virtuoso-opensource`,
which scripts/test.sh installs), each on free loopback ports with its data in a temporary
folder, waited for by polling and always stopped.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner
from paperkg.graph.remote.server import free_port, parent_death_hook, start_server, stop_server

from paperkg.cli import main

READY_SECONDS = 90.0
PAPERKG = [sys.executable, "-c", "from paperkg.cli import main; main()"]
VIRTUOSO_PACKAGE = "virtuoso-opensource-7"
VIRTUOSO_INI = Path("/usr/share/virtuoso-opensource-7/virtuoso.ini")


@dataclass(frozen=True)
class Server:
    """A running SPARQL server: where to query and update it, and how to stop it."""

    engine: str
    query_url: str
    update_url: str
    stop: Callable[[], None]


def terminate(proc: subprocess.Popen, seconds: float) -> None:
    """SIGTERM a server and wait for it; kill it if it has not stopped within `seconds`."""
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=seconds)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)


def start_oxigraph(folder: Path) -> Server:
    """`oxigraph serve` over an empty store: a lab's server that only `push` fills.

    Its default graph is the union of the named graphs, as a shared server has to be.
    """
    proc, endpoint = start_server(folder / "store", "127.0.0.1", free_port(), True, union=True)
    return Server("oxigraph", endpoint.query_url, endpoint.update_url, lambda: stop_server(proc))


def virtuoso_ini(template: str, folder: Path, sql_port: int, http_port: int) -> str:
    """The package's virtuoso.ini with its files in `folder` and the two ports changed."""
    files = {"DatabaseFile", "ErrorLogFile", "LockFile", "TransactionFile", "xa_persistent_file"}
    lines, section = [], ""
    for line in template.splitlines():
        header = re.match(r"\s*\[([^\]]+)\]", line)
        if header:
            section = header.group(1)
        key = re.match(r"\s*(\w+)\s*=", line)
        name = key.group(1) if key else ""
        if section in ("Database", "TempDatabase") and name in files:
            line = f"{name} = {folder / (section.lower() + '-' + name)}"
        elif name == "ServerPort" and section in ("Parameters", "HTTPServer"):
            line = f"ServerPort = {sql_port if section == 'Parameters' else http_port}"
        lines.append(line)
    return "\n".join(lines) + "\n"


def virtuoso_template() -> Path | None:
    """The virtuoso.ini the Debian package ships (`dpkg -L` says where), if installed."""
    try:
        listed = subprocess.run(
            ["dpkg", "-L", VIRTUOSO_PACKAGE], capture_output=True, text=True, timeout=30
        ).stdout.splitlines()
    except (OSError, subprocess.SubprocessError):
        listed = []
    found = [Path(p) for p in listed if p.endswith("/virtuoso.ini")]
    if found:
        return found[0]
    return VIRTUOSO_INI if VIRTUOSO_INI.exists() else None


def require_virtuoso() -> tuple[str, str, Path]:
    """virtuoso-t, isql-vt and the ini template, or skip (fail on CI, which installs them)."""
    server, isql, template = shutil.which("virtuoso-t"), shutil.which("isql-vt"), None
    if server and isql:
        template = virtuoso_template()
    if server and isql and template:
        return server, isql, template
    why = "Debian's virtuoso-opensource is not installed (scripts/test.sh installs it)"
    if os.environ.get("CI"):
        pytest.fail(why)
    pytest.skip(why)


def start_virtuoso(folder: Path) -> Server:
    """`virtuoso-t -f` with its own ini, database and ports; anonymous SPARQL Update granted."""
    server, isql, template = require_virtuoso()
    sql_port, http_port = free_port(), free_port()
    while http_port == sql_port:
        http_port = free_port()
    ini = folder / "virtuoso.ini"
    ini.write_text(virtuoso_ini(template.read_text("utf-8"), folder, sql_port, http_port))
    log = (folder / "console.log").open("wb")
    proc = subprocess.Popen(
        [server, "-f", "-c", str(ini)],
        cwd=folder,
        stdin=subprocess.DEVNULL,
        stdout=log,
        stderr=log,
        preexec_fn=parent_death_hook(),  # a killed test run leaves no Virtuoso behind
    )

    def stop() -> None:
        terminate(proc, 60)  # Virtuoso checkpoints and exits
        log.close()

    url = f"http://127.0.0.1:{http_port}/sparql"
    try:
        wait_for_sparql(url, proc, folder / "console.log")
        grant = subprocess.run(
            [isql, f"127.0.0.1:{sql_port}", "dba", "dba", 'exec=GRANT SPARQL_UPDATE TO "SPARQL";'],
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert grant.returncode == 0, grant.stdout + grant.stderr
    except BaseException:
        stop()
        raise
    return Server("virtuoso", url, url, stop)


def wait_for_sparql(url: str, proc: subprocess.Popen, log: Path) -> None:
    """Poll with ASK {} until the endpoint answers 200; fail early if the server exits."""
    ask = url + "?" + urllib.parse.urlencode({"query": "ASK {}"})
    deadline = time.monotonic() + READY_SECONDS
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            tail = log.read_text("utf-8", "replace").strip().splitlines()[-3:]
            raise AssertionError(f"the server exited ({proc.returncode}): {' | '.join(tail)}")
        try:
            with urllib.request.urlopen(ask, timeout=2) as reply:  # noqa: S310 (loopback)
                if reply.status == 200:
                    return
        except (urllib.error.URLError, OSError):
            pass
        time.sleep(0.2)
    raise AssertionError(f"{url} did not answer in {READY_SECONDS:.0f} s")


STARTERS = {"oxigraph": start_oxigraph, "virtuoso": start_virtuoso}


@pytest.fixture(scope="session")
def start_lab(tmp_path_factory) -> Iterator[Callable[[str], Server]]:
    """Start a fresh server of an engine (`start_lab("virtuoso")`); all stopped at the end."""
    started: list[Server] = []

    def start(engine: str) -> Server:
        server = STARTERS[engine](tmp_path_factory.mktemp(engine))
        started.append(server)
        return server

    yield start
    for server in started:
        server.stop()


# the triples of each graph paperkg wrote (a Virtuoso also holds its own system graphs)
GRAPH_COUNTS = """SELECT ?g (COUNT(*) AS ?n) WHERE {
  GRAPH ?g { ?s ?p ?o } FILTER (STRSTARTS(STR(?g), "https://w3id.org/paperkg/")) } GROUP BY ?g"""


def graph_counts(query_url: str | None = None, out: Path | None = None) -> dict[str, int]:
    """Triples per named graph, on an endpoint or in a local build."""
    where = ["--endpoint", query_url] if query_url else ["-o", str(out)]
    result = CliRunner().invoke(main, ["query", GRAPH_COUNTS, "-f", "csv", *where])
    assert result.exit_code == 0, result.output
    lines = result.output.strip().splitlines()[1:]
    return {g: int(n) for g, n in (line.rsplit(",", 1) for line in lines)}


@dataclass(frozen=True)
class Pushed:
    """A server the example build was pushed to twice: each push's summary line and the
    triples per graph on the server after it."""

    server: Server
    summaries: tuple[str, ...]
    counts: tuple[dict[str, int], ...]


@pytest.fixture(scope="session")
def two_files_build(tmp_path_factory, example_notes) -> Path:
    """The example notes and a colleague's file noting the same papers, built together: a
    lab's server then holds every paper in two named graphs, and its union repeats them.
    A vault of paper notes with full author lists sits beside them (co-authors, tags)."""
    from paperkg.run.outputs import build_outputs

    folder = tmp_path_factory.mktemp("two-files")
    notes = [folder / "notes" / "mine.md", folder / "notes" / "colleague.md"]
    for path in notes:
        path.parent.mkdir(exist_ok=True)
        shutil.copyfile(example_notes, path)
    vault = folder / "notes" / "vault"
    shutil.copytree(Path(__file__).parents[1] / "fixtures" / "people_vault", vault)
    build_outputs([*notes, vault], folder / "out")
    return folder / "out"


BUILDS = {"example": "example_build", "two-files": "two_files_build"}


@pytest.fixture(scope="session")
def pushed_to(request, start_lab) -> Callable[..., Pushed]:
    """A fresh server of the engine with a build pushed twice with default settings (through
    the CLI): `pushed_to("virtuoso")`, `pushed_to("oxigraph", "two-files")`; one each."""
    done: dict[tuple[str, str], Pushed] = {}

    def push(engine: str, build: str = "example") -> Pushed:
        if (engine, build) not in done:
            out = request.getfixturevalue(BUILDS[build])
            server = start_lab(engine)
            summaries, counts = [], []
            for _ in range(2):
                result = CliRunner().invoke(main, ["push", server.update_url, "-o", str(out)])
                assert result.exit_code == 0, result.output
                summaries.append(result.output.strip().splitlines()[-1])
                counts.append(graph_counts(server.query_url))
            done[engine, build] = Pushed(server, tuple(summaries), tuple(counts))
        return done[engine, build]

    return push


@pytest.fixture(params=sorted(STARTERS))
def engine(request) -> str:
    """Each lab engine in turn."""
    return request.param


@pytest.fixture(scope="session")
def served(example_build, tmp_path_factory) -> Iterator[Server]:
    """`paperkg serve` (a real subprocess) over a copy of the example build."""
    yield from _serve(example_build, tmp_path_factory)


@pytest.fixture(scope="session")
def served_two_files(two_files_build, tmp_path_factory) -> Iterator[Server]:
    """`paperkg serve` over a copy of the two-files build (the vault's co-authors in it)."""
    yield from _serve(two_files_build, tmp_path_factory)


def _serve(build: Path, tmp_path_factory) -> Iterator[Server]:
    out = tmp_path_factory.mktemp("served") / "out"
    shutil.copytree(build, out, ignore=shutil.ignore_patterns("cache"))
    port = free_port()
    log = tempfile.TemporaryFile()  # noqa: SIM115 (closed by stop)
    proc = subprocess.Popen(
        [*PAPERKG, "serve", "-o", str(out), "--port", str(port)], stdout=log, stderr=log
    )

    def stop() -> None:
        terminate(proc, 20)
        log.close()

    url = f"http://127.0.0.1:{port}/query"
    try:
        wait_for_sparql(url, proc, Path(os.devnull))
        yield Server("serve", url, "", stop)
    finally:
        stop()


ENDPOINTS = [
    "serve",
    "oxigraph",
    "virtuoso",
    "serve two-files",
    "oxigraph two-files",
    "virtuoso two-files",
]


@pytest.fixture(scope="session", params=ENDPOINTS)
def endpoint(request) -> tuple[Server, Path]:
    """A server holding a build, and that build: `paperkg serve` of the example (or of the
    two-files build), or a lab server the example (or the two-files build) was pushed to."""
    if request.param == "serve":
        return request.getfixturevalue("served"), request.getfixturevalue("example_build")
    if request.param == "serve two-files":
        server = request.getfixturevalue("served_two_files")
        return server, request.getfixturevalue("two_files_build")
    engine, _, build = request.param.partition(" ")
    build = build or "example"
    pushed = request.getfixturevalue("pushed_to")(engine, build)
    return pushed.server, request.getfixturevalue(BUILDS[build])


@pytest.fixture(scope="session")
def triples_per_graph() -> Callable[..., dict[str, int]]:
    """`graph_counts` for the tests: triples per named graph of an endpoint or a build."""
    return graph_counts
