"""`paperkg build NOTES --watch` (issue 24): a subprocess watching a tmp folder, driven by
saves and waited on through the lines it prints (bounded waits, never fixed sleeps)."""

from __future__ import annotations

import queue
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from paperkg.graph.outputs.atomic import STAGE_PREFIX

WAIT = 90.0  # seconds at most for any one expected line (a busy machine, a cold spaCy)
PAPERS = re.compile(r": (\d+) papers, ")


class Watch:
    """A running `paperkg build --watch` and the lines it printed (stdout and stderr)."""

    def __init__(self, notes: Path, out: Path) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "paperkg", "build", str(notes), "-o", str(out), "--watch"],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            cwd=notes.parent,
            preexec_fn=_ctrl_c_reaches_it,
        )
        self.lines: list[str] = []
        self._queue: queue.Queue[str | None] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            self._queue.put(line.rstrip("\n"))
        self._queue.put(None)

    def wait_for(self, wanted: Callable[[str], bool], what: str) -> str:
        """The next printed line that is `wanted`; fails after WAIT seconds or at exit."""
        end = time.monotonic() + WAIT
        while (left := end - time.monotonic()) > 0:
            try:
                line = self._queue.get(timeout=left)
            except queue.Empty:
                break
            if line is None:
                pytest.fail(f"the watch ended before {what}: {self.lines}")
            self.lines.append(line)
            if wanted(line):
                return line
        pytest.fail(f"no line for {what} in {WAIT} s: {self.lines}")

    def papers(self, why: str, count: int) -> str:
        return self.wait_for(
            lambda line: line.startswith(why) and _papers(line) == count, f"{why} {count}"
        )

    def stop(self) -> int:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)
        try:
            return self.proc.wait(timeout=WAIT)
        finally:
            if self.proc.poll() is None:
                self.proc.kill()


def _ctrl_c_reaches_it() -> None:
    """In the child before exec: Ctrl-C at its default, so that Python turns it into
    KeyboardInterrupt even when this test runs under a shell or CI runner that started it
    with SIGINT ignored (a disposition a child inherits, and which Python then keeps)."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _papers(line: str) -> int | None:
    found = PAPERS.search(line)
    return int(found.group(1)) if found else None


def _entry(n: int) -> str:
    return (
        f"- [{n % 10}/10] [Lantern Moss {n}: Folding Tiny Meshes](https://example.org/moss/{n})\n"
    )


@pytest.fixture
def watch(tmp_path):
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "a.md").write_text("# Reading\n\n## Meshes\n" + _entry(1) + _entry(2))
    (notes / "b.md").write_text("# Reading\n\n## Other\n" + _entry(3))
    running = Watch(notes, tmp_path / "out")
    running.notes, running.out = notes, tmp_path / "out"
    running.papers("start", 3)
    running.wait_for(lambda line: line.startswith("watching "), "watching")
    yield running
    running.stop()


def test_a_save_rebuilds_and_names_the_file(watch):
    with (watch.notes / "a.md").open("a") as handle:
        handle.write(_entry(4))
    line = watch.papers("notes/a.md changed", 4)
    assert line.endswith(" s")
    assert "Lantern Moss 4" in (watch.out / "graph.ttl").read_text()
    assert "Lantern Moss 4" in (watch.out / "graph.html").read_text()


def test_a_deleted_file_leaves_the_graph(watch):
    (watch.notes / "b.md").unlink()
    watch.papers("notes/b.md deleted", 2)
    assert "Lantern Moss 3" not in (watch.out / "graph.ttl").read_text()


def test_a_failing_rebuild_keeps_the_last_outputs_and_says_why(watch):
    before = (watch.out / "graph.ttl").read_bytes()
    (watch.notes / "c.md").write_bytes(b"- [5/10] \x00\x01\x02 half")  # not text
    line = watch.wait_for(lambda line: "error:" in line, "the error")
    assert "c.md" in line and "binary" in line
    assert (watch.out / "graph.ttl").read_bytes() == before
    (watch.notes / "c.md").write_text(_entry(5))  # and the watch goes on
    watch.papers("notes/c.md", 4)


def test_fifty_saves_in_a_second_are_one_rebuild_or_a_few(watch):
    target = watch.notes / "a.md"
    text = target.read_text()
    for n in range(50):
        target.write_text(text + "".join(_entry(100 + k) for k in range(n + 1)))
        time.sleep(0.02)
    # the last rebuild may be one that saw saves made while it ran
    watch.wait_for(lambda line: _papers(line) == 3 + 50, "all 50 saves built")
    rebuilds = [line for line in watch.lines[2:] if _papers(line) is not None]
    assert 1 <= len(rebuilds) <= 3, "\n".join(rebuilds)


def test_the_output_folder_removed_by_hand_is_built_again(watch, tmp_path):
    # moved away in one step, then deleted: the watch's idle check never sees it half gone
    watch.out.rename(tmp_path / "gone")
    shutil.rmtree(tmp_path / "gone")
    watch.papers("output folder missing", 3)
    assert (watch.out / "graph.ttl").is_file() and (watch.out / "store").is_dir()


def test_ctrl_c_ends_cleanly_with_outputs_complete(watch):
    with (watch.notes / "a.md").open("a") as handle:
        handle.write(_entry(6))
    watch.papers("notes/a.md changed", 4)
    assert watch.stop() == 0
    watch.wait_for(lambda line: line == "stopped", "the last line")
    names = sorted(p.name for p in watch.out.iterdir())
    assert {"graph.ttl", "graph.html", "graph.jsonld", "graph.graphml", "store"} <= set(names)
    # no staging folder or half-swapped store left (the .paperkg marker belongs there)
    assert not [n for n in names if n.startswith(STAGE_PREFIX) or "-old-" in n], names
