"""A killed or failed build leaves the previous outputs intact (graph/outputs/atomic.py).

The real thing: `python -m paperkg build` on a few copies of the example notes, killed with
SIGKILL at four points of its run (while extracting; once its staging folder exists; after
it wrote graph.ttl there; after graph.graphml), found by watching its staging folder rather
than by guessing delays. After each kill the previous outputs must be byte-identical,
graph.ttl loadable, and the store must open and answer a query. The instant between the
renames that publish a build is too short to hit from outside, so the recovery of a folder
swap cut in half is tested directly."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from paperkg.graph.outputs.atomic import remove_stale, replace_dir, staged_folder, write_text_atomic
from paperkg.graph.outputs.serialize import render_ntriples, sorted_ntriples
from paperkg.graph.store.disk import load_store
from rdflib import Graph

from paperkg.run.outputs import build_outputs

BAD = Path(__file__).parent / "fixtures" / "bad"
COPIES = 2


def _synthetic_notes(folder: Path, example: Path) -> Path:
    """A few copies of the example under their own headings: a build of a few seconds."""
    folder.mkdir()
    text = example.read_text("utf-8")
    for k in range(COPIES):
        (folder / f"copy{k}.md").write_text(f"# Copy {k}\n\n{text}", "utf-8")
    return folder


def _build_command(notes: Path, out: Path) -> list[str]:
    return [sys.executable, "-m", "paperkg", "build", str(notes), "-o", str(out), "-q"]


def _outputs(out: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in out.glob("graph.*")}


def _check_after_kill(out: Path, previous: dict[str, bytes]) -> bool:
    """True if the previous outputs are intact; False if the killed build had published
    everything (the kill came after); anything else (a mix, a broken file) fails."""
    now = _outputs(out)
    g = Graph().parse(out / "graph.ttl", format="turtle")
    assert len(g) > 0
    ds = load_store(out)
    try:
        rows = list(ds.query("SELECT (COUNT(?p) AS ?n) WHERE { ?p pkg:notedIn ?e }"))
        papers = int(rows[0][0])
        store_turtle = render_ntriples(sorted_ntriples(ds), "turtle").encode("utf-8")
    finally:
        ds.close()
    assert store_turtle == now["graph.ttl"], "graph.ttl and the store are of different builds"
    if all(now.get(name) == data for name, data in previous.items()):
        assert papers == 2  # the two papers of the previous build
        return True
    changed = [name for name, data in previous.items() if now.get(name) != data]
    assert changed == list(previous), f"a mix of old and new outputs: only {changed} changed"
    return False


def _stage_of(out: Path, pid: int) -> Path | None:
    """The staging folder the build with process id `pid` is writing, once it exists."""
    for stage in out.glob(".build-*"):
        try:
            if (stage / ".owner-pid").read_text() == str(pid):
                return stage
        except OSError:
            continue
    return None


def _has(name: str):
    return lambda stage: stage is not None and (stage / name).exists()


# where to kill: while importing and extracting, once the RDF stage began (the staging folder
# exists), and while the outputs are being written (after Turtle, after GraphML)
KILL_POINTS = {
    "extracting": lambda stage: None,  # by time, below
    "rdf": lambda stage: stage is not None,
    "after turtle": _has("graph.ttl"),
    "after graphml": _has("graph.graphml"),
}


def _kill_when(proc: subprocess.Popen, out: Path, point: str) -> bool:
    """SIGKILL the build at `point`; False if it finished first."""
    started = time.monotonic()
    while proc.poll() is None and time.monotonic() - started < 120:
        ready = KILL_POINTS[point](_stage_of(out, proc.pid))
        if ready or (point == "extracting" and time.monotonic() - started > 1.0):
            os.kill(proc.pid, signal.SIGKILL)
            return True
        time.sleep(0.002)
    return False


def test_kill_9_mid_build_leaves_the_previous_outputs(tmp_path, example_notes):
    notes = _synthetic_notes(tmp_path / "notes", example_notes)
    out = tmp_path / "out"
    build_outputs([BAD / "two_entries.md"], out, html=False)
    previous = _outputs(out)
    killed = []
    for n, point in enumerate(KILL_POINTS):
        # a paper of its own in every attempt: no records cached by an earlier attempt, and
        # every output differs from the previous ones
        entry = f"\n- [7/10] [Attempt {n} paper title](https://arxiv.org/abs/2399.{n:05d})\n"
        for copy in notes.glob("*.md"):
            copy.write_text(copy.read_text("utf-8") + entry, "utf-8")
        proc = subprocess.Popen(
            _build_command(notes, out), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        _kill_when(proc, out, point)
        proc.wait(timeout=60)
        intact = _check_after_kill(out, previous)
        if proc.returncode == -signal.SIGKILL and intact:
            killed.append(point)
        else:  # finished, or killed once its outputs were published: the new ones stand
            previous = _outputs(out)
    assert killed == list(KILL_POINTS), f"killed with the previous outputs intact only at {killed}"

    # the next build clears what the killed ones left and publishes normally
    build_outputs([BAD / "two_entries.md"], out, html=False)
    assert not [p for p in out.iterdir() if p.name.startswith(".")]


def test_a_swap_cut_between_its_two_renames_is_put_back(tmp_path):
    live = tmp_path / "store"
    live.mkdir()
    (live / "data").write_text("old")
    os.replace(live, tmp_path / ".store-old-1234abcd")  # killed right after the first rename
    remove_stale(tmp_path)
    assert (live / "data").read_text() == "old"


def test_stale_staging_folders_of_dead_builds_are_removed_live_ones_kept(tmp_path):
    dead = tmp_path / ".build-dead"
    dead.mkdir()
    (dead / ".owner-pid").write_text("999999999")
    alive = tmp_path / ".build-alive"
    alive.mkdir()
    (alive / ".owner-pid").write_text(str(os.getppid()))
    remove_stale(tmp_path)
    assert not dead.exists() and alive.exists()


def test_a_failed_stage_publishes_nothing(tmp_path):
    write_text_atomic(tmp_path / "graph.ttl", "old")
    with pytest.raises(RuntimeError), staged_folder(tmp_path) as stage:
        write_text_atomic(stage / "graph.ttl", "new")
        raise RuntimeError("failed half way")
    assert (tmp_path / "graph.ttl").read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["graph.ttl"]


def test_a_stage_publishes_files_and_folders(tmp_path):
    write_text_atomic(tmp_path / "graph.ttl", "old")
    (tmp_path / "store").mkdir()
    with staged_folder(tmp_path) as stage:
        write_text_atomic(stage / "graph.ttl", "new")
        (stage / "store").mkdir()
        (stage / "store" / "data").write_text("new")
    assert (tmp_path / "graph.ttl").read_text() == "new"
    assert (tmp_path / "store" / "data").read_text() == "new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["graph.ttl", "store"]


def test_replace_dir_into_an_empty_place(tmp_path):
    new = tmp_path / "new"
    new.mkdir()
    replace_dir(new, tmp_path / "live")
    assert (tmp_path / "live").is_dir() and not new.exists()
