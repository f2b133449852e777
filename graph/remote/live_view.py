"""`paperkg view --watch`: graph.html served on loopback so that it can reload itself.

A page opened from file:// cannot ask whether its file changed, so the live view is a small
standard-library HTTP server bound to 127.0.0.1. It answers three paths: `/` (and
`/graph.html`), the page with a watch script (`live_view.js`, a data file) injected into the
served copy only, so graph.html on disk keeps the build's bytes; and `/version`, a token of
graph.html's inode, mtime and size, which changes when a build publishes a new file (outputs
are replaced whole). The script polls it and reloads, keeping what the reader had open. The
page's CSP is widened for that one script (its hash) and for `connect-src 'self'`: nothing
else. A request naming another host (DNS rebinding) is refused.
"""

from __future__ import annotations

import base64
import hashlib
import json
import signal
import threading
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib import resources
from pathlib import Path
from urllib.parse import urlsplit

from paperkg.errors import ServeError

LOOPBACK = "127.0.0.1"
PAGE_PATHS = ("/", "/graph.html")
# The start of the CSP as the template writes it into its <meta> attribute (quotes escaped).
CSP_START = "default-src &#39;none&#39;; script-src "


@cache
def watch_script() -> str:
    """The script injected into the served page (`live_view.js`)."""
    return resources.files(__package__).joinpath("live_view.js").read_text("utf-8")


def page_version(page: Path) -> str:
    """A token that changes whenever a build replaces `page`; "none" while there is none."""
    try:
        st = page.stat()
    except FileNotFoundError:
        return "none"
    return f"{st.st_ino:x}-{st.st_mtime_ns:x}-{st.st_size:x}"


def watching_page(html: str, version: str, interval_ms: int) -> str:
    """The page as served: the watch script and its settings before </body>, and the CSP
    allowing that script (by hash) and requests to the page's own server."""
    script = watch_script()
    digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")
    if html.count(CSP_START) != 1 or "</body>" not in html:
        raise ServeError("graph.html was not written by this paperkg; rebuild it")
    widened = f"default-src 'none'; connect-src 'self'; script-src 'sha256-{digest}' "
    widened = widened.replace("'", "&#39;")
    settings = json.dumps({"version": version, "interval": interval_ms})
    tail = (
        f'<script id="paperkg-watch" type="application/json">{settings}</script>\n'
        f"<script>{script}</script>\n</body>"
    )
    head, _, rest = html.replace(CSP_START, widened).rpartition("</body>")
    return head + tail + rest


class _Handler(BaseHTTPRequestHandler):
    """Answers the page and its version; anything else is 404, another Host 421."""

    page: Path
    interval_ms: int

    def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
        port = self.server.server_address[1]
        if self.headers.get("Host", "") not in (f"{LOOPBACK}:{port}", f"localhost:{port}"):
            self._send(HTTPStatus.MISDIRECTED_REQUEST, "text/plain", b"loopback only\n")
            return
        path = urlsplit(self.path).path
        if path == "/version":
            self._send(HTTPStatus.OK, "text/plain", page_version(self.page).encode("ascii"))
        elif path in PAGE_PATHS:
            self._send_page()
        else:
            self._send(HTTPStatus.NOT_FOUND, "text/plain", b"not found\n")

    def _send_page(self) -> None:
        version = page_version(self.page)  # before reading: a newer file only reloads again
        try:
            html = self.page.read_text("utf-8")
            body = watching_page(html, version, self.interval_ms).encode("utf-8")
        except (FileNotFoundError, ServeError) as err:
            message = f"{self.page}: {err.strerror if isinstance(err, OSError) else err}\n"
            self._send(HTTPStatus.SERVICE_UNAVAILABLE, "text/plain", message.encode("utf-8"))
            return
        self._send(HTTPStatus.OK, "text/html; charset=utf-8", body)

    def _send(self, status: HTTPStatus, kind: str, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        """Quiet: a poll every half second would fill the terminal."""


def _interrupt(signum: int, frame: object) -> None:  # noqa: ARG001 (a signal handler)
    raise KeyboardInterrupt


@dataclass
class LiveView:
    """A running live view: `url` to open, `wait()` until Ctrl-C, `stop()`; a context manager."""

    server: ThreadingHTTPServer
    thread: threading.Thread

    @property
    def url(self) -> str:
        return f"http://{LOOPBACK}:{self.server.server_address[1]}/"

    def wait(self, ready: Callable[[], None] | None = None) -> None:
        """Block until the server stops; Ctrl-C (or SIGTERM, in the main thread) stops it.
        The join wakes up every half second so that the signal is seen. `ready` is called
        once either signal stops it cleanly: a caller that says "Ctrl-C to stop" from there
        is never interrupted on its way here (a signal right after the line once ended the
        command with click's "Aborted!", or SIGTERM's default death)."""
        main = threading.current_thread() is threading.main_thread()
        previous = signal.signal(signal.SIGTERM, _interrupt) if main else None
        try:
            if ready is not None:
                ready()
            while self.thread.is_alive():
                self.thread.join(0.5)
        except KeyboardInterrupt:
            pass
        finally:
            self.stop()
            if main:
                signal.signal(signal.SIGTERM, previous)

    def stop(self) -> None:
        if self.thread.is_alive():
            self.server.shutdown()
            self.thread.join()
        self.server.server_close()

    def __enter__(self) -> LiveView:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


def start_live_view(page: Path, port: int = 0, interval_ms: int = 500) -> LiveView:
    """Serve `page` with its watch script on 127.0.0.1:`port` (0: a free port), in a thread."""
    handler = type("LiveViewHandler", (_Handler,), {"page": page, "interval_ms": interval_ms})
    try:
        server = ThreadingHTTPServer((LOOPBACK, port), handler)
    except OSError as err:
        raise ServeError(f"{LOOPBACK}:{port}: cannot listen ({err.strerror})") from err
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name="paperkg-live-view", daemon=True)
    thread.start()
    return LiveView(server, thread)
