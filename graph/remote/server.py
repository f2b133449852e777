"""`paperkg serve`: the built store behind the Oxigraph server's SPARQL 1.1 Protocol endpoint.

paperkg writes no HTTP server of its own: the `oxigraph` command (PyPI package `oxigraph`, the
same engine as pyoxigraph and able to open the store a build writes) serves `/query`, and
`/update` only when asked, with a SPARQL UI at `/`. Starting and stopping it lives here so
that the CLI and the tests run it the same way: bounded wait for readiness, always stopped.
"""

from __future__ import annotations

import contextlib
import ctypes
import ipaddress
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from paperkg.errors import ServeError

READY_SECONDS = 20.0


@dataclass(frozen=True)
class Endpoint:
    """Where a running server answers."""

    host: str
    port: int

    @property
    def base(self) -> str:
        host = "127.0.0.1" if self.host in ("0.0.0.0", "") else self.host
        host = "[::1]" if host == "::" else (f"[{host}]" if ":" in host else host)
        return f"http://{host}:{self.port}"

    @property
    def query_url(self) -> str:
        return self.base + "/query"

    @property
    def update_url(self) -> str:
        return self.base + "/update"


@dataclass(frozen=True)
class Server:
    """A running Oxigraph server over a built store, with the HTML view to open beside it.

    `wait()` blocks until it stops (Ctrl-C or SIGTERM stop it too); leaving a `with` block
    or `stop()` stops it: the server never outlives the process that started it.
    """

    process: subprocess.Popen
    endpoint: Endpoint
    writable: bool
    view: str | None  # the graph.html file:// URI, None for a build with no HTML view

    def __enter__(self) -> Server:
        return self

    def __exit__(self, *exc) -> None:
        self.stop()

    def wait(self) -> None:
        """Block until the server stops; ServeError if it crashed."""
        wait_server(self.process)

    def stop(self) -> None:
        """Stop the server (and only it)."""
        stop_server(self.process)


def oxigraph_command() -> str:
    """The `oxigraph` executable: on PATH, or beside this Python (a virtualenv not activated)."""
    found = shutil.which("oxigraph")
    if found:
        return found
    beside = Path(sys.executable).parent / "oxigraph"
    if beside.exists():
        return str(beside)
    raise ServeError("the `oxigraph` server is not installed; run `pip install oxigraph`")


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def server_args(
    location: str | Path | None, host: str, port: int, writable: bool, union: bool = False
) -> list[str]:
    """The oxigraph command line: read-only unless `writable`.

    A store that `paperkg build` wrote already holds the union of its named graphs in the
    default graph (graph/store/bulk_load.py), so it is served as it is: Oxigraph's
    `--union-default-graph` would add the named graphs' copies on top and every join would
    multiply (1,504 rows of `top-rated` instead of 24). `union=True` is for a store filled
    only by `push` (named graphs, an empty default graph), as a lab's shared server is.
    """
    bind = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
    mode = "serve" if writable else "serve-read-only"
    args = [oxigraph_command(), mode]
    if location is not None:
        args += ["--location", str(location)]
    args += ["--bind", bind]
    return [*args, "--union-default-graph"] if union else args


def start_server(
    location: str | Path | None,
    host: str = "127.0.0.1",
    port: int = 7878,
    writable: bool = False,
    ready_seconds: float = READY_SECONDS,
    union: bool = False,
) -> tuple[subprocess.Popen, Endpoint]:
    """Start the Oxigraph server and return once it answers, or raise with why it did not."""
    check_port_free(host, port)
    args = server_args(location, host, port, writable, union)
    # stderr to a file, not a pipe: a pipe nobody reads would block a long-running server.
    log = tempfile.TemporaryFile()  # noqa: SIM115 (lives as long as the server)
    proc = subprocess.Popen(
        args, stdin=subprocess.DEVNULL, stdout=log, stderr=log, preexec_fn=parent_death_hook()
    )
    proc.log = log  # type: ignore[attr-defined]
    endpoint = Endpoint(host, port)
    try:
        _wait_ready(proc, endpoint, ready_seconds)
    except BaseException:
        stop_server(proc)
        raise
    return proc, endpoint


def parent_death_hook() -> Callable[[], None] | None:
    """On Linux, a hook run in the child before exec: SIGTERM to it when paperkg dies.

    The server must never outlive the command that started it, also when that command is
    killed (SIGKILL) or stopped before its own SIGTERM handler is in place; elsewhere the
    handler of `wait_server` is all there is.
    """
    if not sys.platform.startswith("linux"):
        return None

    def set_parent_death_signal() -> None:
        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG

    return set_parent_death_signal


def check_port_free(host: str, port: int) -> None:
    """Refuse a taken port up front: else the readiness poll could reach the other server."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as servers do: TIME_WAIT ok
        try:
            probe.bind((host, port))
        except OSError as err:
            raise ServeError(f"cannot listen on {host}:{port} ({err.strerror})") from None


def free_port(host: str = "127.0.0.1") -> int:
    """A port nobody listens on now (for tests and `paperkg.serve(port=0)`)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.bind((host, 0))
        return probe.getsockname()[1]


def wait_server(proc: subprocess.Popen) -> None:
    """Block until the server stops; SIGTERM stops it too, and a crash is reported."""

    def on_term(signum, frame):  # noqa: ARG001 (signal handler signature)
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, on_term)
    message = ""
    try:
        if proc.wait() != 0:
            message = _last_error(proc)
    except KeyboardInterrupt:
        pass
    finally:
        signal.signal(signal.SIGTERM, previous)
        stop_server(proc)
    if message:
        raise ServeError(f"the Oxigraph server stopped: {message}")


def _wait_ready(proc: subprocess.Popen, endpoint: Endpoint, seconds: float) -> None:
    """Poll until the process answers as Oxigraph: a port taken by another program fails."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise ServeError(f"the Oxigraph server stopped: {_last_error(proc)}")
        try:
            with urllib.request.urlopen(endpoint.base + "/", timeout=1) as reply:  # noqa: S310
                if "oxigraph" in reply.headers.get("Server", "").lower():
                    return
        except (urllib.error.URLError, OSError):
            pass
        time.sleep(0.1)
    raise ServeError(f"the Oxigraph server did not answer on {endpoint.base} in {seconds:.0f} s")


def _last_error(proc: subprocess.Popen) -> str:
    log = getattr(proc, "log", None)
    try:
        log.seek(0)
        err = log.read().decode("utf-8", "replace")
    except (AttributeError, OSError, ValueError):
        err = ""
    lines = [line.strip() for line in err.splitlines() if line.strip()]
    return lines[-1] if lines else f"exit code {proc.returncode}"


def stop_server(proc: subprocess.Popen, seconds: float = 5.0) -> None:
    """Terminate the server (and only it), killing it if it does not stop in time."""
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=seconds)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=seconds)
    log = getattr(proc, "log", None)
    if log is not None:
        log.close()


def view_uri(out_dir: str | Path) -> str | None:
    """The HTML view to open beside the endpoint: it is self-contained, so file:// is enough."""
    page = Path(out_dir) / "graph.html"
    return page.resolve().as_uri() if page.exists() else None
