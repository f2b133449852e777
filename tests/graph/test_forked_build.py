"""A build's last stage in forked children (paperkg/run/forked.py, paperkg/run/store_loader.py): the
store loaded by one child, Turtle and JSON-LD written by another. The outputs must be the
bytes a serial build writes, and a child's failure must fail the build with a clear error
and leave the previous outputs as they were."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from pathlib import Path
from unittest.mock import ANY

import pyoxigraph as ox
import pytest

from paperkg.run.forked import Child, ChildFailed, fork_available, usable_cpus

pytestmark = pytest.mark.skipif(
    not hasattr(os, "fork") or usable_cpus() < 2 or not Path("/proc/self/task").is_dir(),
    reason="a build forks only on Linux with two CPUs",
)

FILES = ("graph.ttl", "graph.jsonld", "graph.graphml", "graph.html")


PROBE = Path(__file__).with_name("fork_probe.py")


def _notes(fixtures) -> list[str]:
    return [str(fixtures / "contract.md"), str(fixtures / "contract_second.md")]


def _outputs(out) -> dict[str, bytes]:
    return {name: (out / name).read_bytes() for name in FILES}


def _quads(out) -> list[str]:
    store = ox.Store.read_only(str(out / "store"))
    return sorted(str(q) for q in store.quads_for_pattern(None, None, None, None))


def _build(out, mode: str, *args: str) -> dict:
    """A build in a fresh process (fork_probe.py): what it forked, and its error if any."""
    run = subprocess.run(
        [sys.executable, str(PROBE), str(out), mode, *args],
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    return json.loads(run.stdout.strip().splitlines()[-1])


@pytest.fixture(scope="module")
def serial(fixtures, tmp_path_factory):
    out = tmp_path_factory.mktemp("serial")
    assert _build(out, "serial", *_notes(fixtures)) == {
        "forked": [False],
        "children": [],
        "error": None,
        "triples": ANY,
    }
    return out


def test_a_forked_build_writes_the_bytes_of_a_serial_one(fixtures, serial, tmp_path):
    result = _build(tmp_path, "fork", *_notes(fixtures))
    assert result["forked"] == [True] and result["error"] is None
    assert _outputs(tmp_path) == _outputs(serial)
    assert _quads(tmp_path) == _quads(serial)
    assert not [
        p.name for p in tmp_path.iterdir() if p.name.startswith(".") and p.name != ".paperkg"
    ]


@pytest.mark.parametrize(
    ("failing", "what", "patching"),
    [
        ("outputs:_write_text", "writing Turtle and JSON-LD", True),
        ("store_loader:_load_in_child", "loading the store", False),
        ("store_loader:_patch_or_load", "patching the store", True),
    ],
)
def test_a_failing_child_fails_the_build_and_keeps_the_previous_outputs(
    fixtures, tmp_path, failing, what, patching
):
    """`patching`: the build patches the store the first published (paperkg/run/
    graph_cache.py); else, that record gone, it loads the store whole."""
    notes = _notes(fixtures)
    assert _build(tmp_path, "fork", notes[0])["error"] is None
    if not patching:
        (tmp_path / "cache" / "graphs" / "published.json").unlink()
    before, quads = _outputs(tmp_path), _quads(tmp_path)
    result = _build(tmp_path, "fork", failing, *notes)
    assert result["forked"] == [True]
    assert result["error"].startswith(f"ChildFailed: {what} failed in its child process: ")
    assert "RuntimeError: disk on fire" in result["error"]
    assert _outputs(tmp_path) == before
    assert _quads(tmp_path) == quads
    assert not [
        p.name for p in tmp_path.iterdir() if p.name.startswith(".") and p.name != ".paperkg"
    ]


def test_a_process_that_opened_a_store_does_not_fork(tmp_path):
    ox.Store(str(tmp_path / "store"))  # RocksDB's threads stay for the process's life
    assert not fork_available()


def test_a_child_killed_by_a_signal_is_an_error():
    child = Child("sleeping", lambda inbox: os.kill(os.getpid(), 9))
    expected = "sleeping failed in its child process: killed by signal 9"
    with pytest.raises(ChildFailed, match=expected):
        child.wait()


def test_a_child_gets_the_messages_in_order(tmp_path):
    seen = tmp_path / "seen"

    def work(inbox):
        seen.write_bytes(b"|".join(inbox))

    child = Child("echo", work)
    for message in (b"one", b"", b"three" * 20_000):
        child.send(message)
    child.wait()
    assert seen.read_bytes() == b"one||" + b"three" * 20_000


def test_a_child_the_parent_gives_up_on_is_killed_and_reaped():
    with pytest.raises(KeyError), Child("waiting", lambda inbox: list(inbox)) as child:
        pid = child.pid
        raise KeyError("the parent failed")
    with pytest.raises(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)


def test_no_fork_while_another_python_thread_runs():
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert not fork_available()
    finally:
        stop.set()
        thread.join()


def test_a_watchs_rebuild_forks_nothing_and_writes_the_bytes_of_a_serial_build(
    fixtures, serial, tmp_path
):
    """A watch's rebuild writes every output by difference (paperkg/run/outputs.py
    `_write_by_difference`) and patches the store in a thread, forking no child even where
    forking is worth it: a child shares the watch's whole heap, and every page either side
    writes is then copied. The bytes of a clean serial build."""
    result = _build(tmp_path, "watch", *_notes(fixtures))
    assert result["forked"] == [True] and result["children"] == []
    assert result["error"] is None
    assert _outputs(tmp_path) == _outputs(serial)
    assert _quads(tmp_path) == _quads(serial)


def test_a_watchs_view_that_fails_fails_the_rebuild_and_keeps_the_outputs(fixtures, tmp_path):
    """The rebuild fails; the outputs stay those of the watch's first build."""
    notes = _notes(fixtures)
    first, watched = tmp_path / "first", tmp_path / "watched"
    assert _build(first, "fork", notes[0])["error"] is None
    result = _build(watched, "watch", "outputs:_write_view", *notes)
    assert result["children"] == []
    assert result["error"] == "RuntimeError: disk on fire"
    assert _outputs(watched) == _outputs(first)
    assert _quads(watched) == _quads(first)
