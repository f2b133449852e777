"""The live view's server (graph/remote/live_view.py): the page it serves, its version token,
and what it refuses, over real HTTP on loopback."""

from __future__ import annotations

import base64
import hashlib
import http.client
import os
import re
import signal
import socket
import subprocess
import sys
from html import unescape
from pathlib import Path

import pytest
from paperkg.graph.remote.live_view import (
    page_version,
    start_live_view,
    watch_script,
    watching_page,
)

import paperkg
from paperkg.errors import InputError, ServeError


@pytest.fixture(scope="module")
def out(tmp_path_factory, fixtures) -> Path:
    folder = tmp_path_factory.mktemp("live") / "out"
    with paperkg.build(fixtures / "contract.md", folder):
        pass
    return folder


def _get(port: int, path: str, host: str | None = None) -> tuple[int, dict, bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        conn.putrequest("GET", path, skip_host=True)
        conn.putheader("Host", host or f"127.0.0.1:{port}")
        conn.endheaders()
        answer = conn.getresponse()
        return answer.status, dict(answer.getheaders()), answer.read()
    finally:
        conn.close()


def test_the_served_page_carries_the_watch_script_and_the_file_stays_as_built(out):
    on_disk = (out / "graph.html").read_bytes()
    with paperkg.live_view(out) as served:
        port = served.server.server_address[1]
        assert served.url == f"http://127.0.0.1:{port}/"
        status, headers, body = _get(port, "/")
        assert (status, headers["Content-Type"]) == (200, "text/html; charset=utf-8")
        assert headers["Cache-Control"] == "no-store"
        page = body.decode("utf-8")
        assert page.count('<script id="paperkg-watch"') == 1
        assert page.count("connect-src &#39;self&#39;;") == 1
        assert f'"version": "{page_version(out / "graph.html")}"' in page
        assert _get(port, "/graph.html")[2] == body
    assert (out / "graph.html").read_bytes() == on_disk


def test_the_version_changes_when_a_build_replaces_the_page(out, tmp_path):
    page = tmp_path / "graph.html"
    assert page_version(page) == "none"
    page.write_text("one", "utf-8")
    first = page_version(page)
    replacement = tmp_path / "graph.html.new"
    replacement.write_text("two", "utf-8")  # same size: the inode and mtime tell them apart
    os.replace(replacement, page)
    assert page_version(page) not in (first, "none")
    with paperkg.live_view(out) as served:
        port = served.server.server_address[1]
        assert _get(port, "/version")[2].decode("ascii") == page_version(out / "graph.html")


def test_other_hosts_and_other_paths_are_refused(out):
    with paperkg.live_view(out) as served:
        port = served.server.server_address[1]
        assert _get(port, "/version", host=f"evil.example:{port}")[0] == 421
        assert _get(port, "/", host="127.0.0.1")[0] == 421  # no port: not this server's name
        assert _get(port, "/version", host=f"localhost:{port}")[0] == 200
        for path in ("/graph.ttl", "/store", "/../graph.html", "/favicon.ico"):
            assert _get(port, path)[0] == 404


def test_a_page_without_the_views_policy_is_not_served():
    with pytest.raises(ServeError, match="not written by this paperkg"):
        watching_page("<html><body></body></html>", "v", 500)


def test_a_folder_built_without_the_view_or_a_taken_port_is_one_clear_error(
    fixtures, tmp_path, out
):
    no_html = tmp_path / "no-html"
    with paperkg.build(fixtures / "contract.md", no_html, html=False):
        pass
    with pytest.raises(InputError, match="no HTML view here"):
        paperkg.live_view(no_html)
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        with pytest.raises(ServeError, match=f"127.0.0.1:{port}: cannot listen"):
            start_live_view(out / "graph.html", port)


@pytest.mark.parametrize("stop", [signal.SIGINT, signal.SIGTERM], ids=["ctrl-c", "sigterm"])
def test_the_command_stops_cleanly_on_ctrl_c_or_sigterm(out, stop):
    command = [sys.executable, "-m", "paperkg", "view", "--watch", "--no-open", "-o", str(out)]
    proc = subprocess.Popen(
        command,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=_ctrl_c_reaches_it,
    )
    try:
        line = proc.stdout.readline()  # printed once the server listens
        port = int(line.split("http://127.0.0.1:")[1].split("/")[0])
        assert _get(port, "/version")[0] == 200
        proc.send_signal(stop)
        rest, errors = proc.communicate(timeout=20)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert (proc.returncode, rest, errors) == (0, "", "")
    with pytest.raises(ConnectionRefusedError):
        _get(port, "/version")


def _digest(script: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode()).digest()).decode() + "'"


def test_the_served_page_is_the_file_plus_the_script_and_every_script_is_hashed(out):
    on_disk = (out / "graph.html").read_text("utf-8")
    csp_meta = re.compile(r'(http-equiv="Content-Security-Policy" content=")([^"]+)"')
    served = watching_page(on_disk, "v1", 500)
    policy = unescape(csp_meta.search(served).group(2))
    own = f"default-src 'none'; connect-src 'self'; script-src {_digest(watch_script())} "
    assert policy.startswith(own)
    original = unescape(csp_meta.search(on_disk).group(2))
    assert policy.replace(own, "default-src 'none'; script-src ") == original
    script_src = re.search(r"script-src ([^;]+)", policy).group(1)
    executable = re.findall(r"<script>(.*?)</script>", served, re.S)
    assert len(executable) == 3  # vis-network, the view, the watch
    for body in executable:
        assert _digest(body) in script_src
    injected = re.compile(r'<script id="paperkg-watch".*?</script>\n<script>.*?</script>\n', re.S)
    kept = csp_meta.search(on_disk).group(0)
    restored = csp_meta.sub(lambda _: kept, injected.sub("", served))
    assert restored == on_disk


def test_the_watch_script_builds_no_html_and_asks_only_its_own_server():
    js = watch_script()
    assert not re.search(r"innerHTML|outerHTML|insertAdjacentHTML|document\.write|eval\(", js)
    assert re.findall(r"fetch\(([^,)]+)", js) == ['"/version"']


def _ctrl_c_reaches_it() -> None:
    """In the child before exec: Ctrl-C at its default, so that Python turns it into
    KeyboardInterrupt even when this test runs under a shell or CI runner that started it
    with SIGINT ignored (a disposition a child inherits, and which Python then keeps)."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)
