"""Extraction in worker processes gives exactly what one process gives.

The comparisons run in a fresh interpreter: the parallel path forks only in a process with
no other thread, which a pytest session may not be.
"""

from __future__ import annotations

import json
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from paperkg.run import parallel

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures"

needs_fork = pytest.mark.skipif(parallel.worker_count(2) < 2, reason="no fork here")

COMPARE = """
import json, sys
from paperkg.run import parallel
from paperkg.run.collect import extract_notes
from paperkg.extract.language.vocabulary import load_vocabulary

parallel.MIN_PARALLEL_CHARS = 0
parallel.MIN_RANGE_ENTRIES = int(sys.argv[1])
pools = []
start_forked = parallel.start_forked
def counted(work, tasks, workers, weights=None):
    run = start_forked(work, tasks, workers, weights)
    pools.append(len(run.workers))
    return run
parallel.start_forked = counted
paths = sys.argv[2:]
vocab = load_vocabulary()
serial = extract_notes(paths, vocab, workers=1)
assert not pools, "one worker must not fork"
forked = extract_notes(paths, vocab, workers=2)
print(json.dumps({
    "equal": forked.files == serial.files and forked.warnings == serial.warnings,
    "pools": pools,
    "papers": sum(len(f.entries) for f in serial.files),
    "files": len(serial.files),
    "targets": sum(
        r.target is not None for f in serial.files for e in f.entries for r in e.related
    ),
}))
"""


def _run(script: str, *args: object) -> str:
    """What `script` prints, run in a fresh interpreter with `args`; it must not fail."""
    done = subprocess.run(
        [sys.executable, "-c", script, *map(str, args)],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def _compare(min_range: int, *paths: Path) -> dict:
    return json.loads(_run(COMPARE, min_range, *paths))


@needs_fork
def test_files_of_every_shape_extracted_in_workers_equal_one_process():
    # a list file, a per-paper notes folder, a vault, an index with its notes
    paths = [
        FIXTURES / "contract.md",
        FIXTURES / "per-paper",
        FIXTURES / "vault",
        FIXTURES / "index",
        FIXTURES / "related_cues.md",
    ]
    result = _compare(1_000_000, *paths)
    assert result["files"] > 5 and result["papers"] > 10
    assert result["pools"] == [2, 2]  # a parse round and an NLP round, two workers each
    assert result["equal"]


@needs_fork
def test_a_long_file_cut_into_ranges_equals_the_whole():
    # a range per worker: cross-references ("builds on Ambrel", "the one below") point
    # across the ranges' edges, into the catalogue of the whole file
    result = _compare(1, FIXTURES / "cross_ranges.md", ROOT / "notes" / "iccv2023.md")
    assert result["papers"] > 100 and result["targets"] >= 10
    assert result["equal"]


def test_small_builds_and_threaded_processes_stay_in_one_process(monkeypatch):
    from paperkg.extract.reading.source import NotesSource

    job = parallel.SourceJob(NotesSource("a.md", "- [A](https://arxiv.org/abs/2101.00001)\n", ""))
    monkeypatch.setattr(parallel, "MIN_PARALLEL_CHARS", 10**9)
    assert parallel.start_extraction([job], workers=2)._parsing is None
    monkeypatch.setattr(parallel, "MIN_PARALLEL_CHARS", 0)
    from paperkg.run import workers

    monkeypatch.setattr(workers.threading, "active_count", lambda: 2)
    assert parallel.start_extraction([job], workers=2)._parsing is None


def test_worker_count_from_argument_then_environment(monkeypatch):
    monkeypatch.setenv(parallel.WORKERS_ENV, "3")
    if parallel.worker_count() == 1:
        pytest.skip("no fork here")
    assert parallel.worker_count(5) == 5
    assert parallel.worker_count() == 3
    monkeypatch.setenv(parallel.WORKERS_ENV, "")
    assert 1 <= parallel.worker_count() <= parallel.MAX_WORKERS


FAILING = """
import os, sys
from paperkg.errors import WorkerError
from paperkg.run import parallel
from paperkg.run.collect import extract_notes
from paperkg.extract.language.vocabulary import load_vocabulary

parallel.MIN_PARALLEL_CHARS = 0
def broken(source, folder=()):
    raise ValueError(f"cannot parse {{source.path}}")
parallel.parse_notes = {parse}
try:
    extract_notes(sys.argv[1:], load_vocabulary(), workers=2)
except {caught} as err:
    print("raised:", err)
"""


@needs_fork
@pytest.mark.parametrize(
    ("parse", "caught", "expected"),
    [
        # an exception in a worker reaches the caller as itself
        ("broken", "ValueError", ["raised: cannot parse", "contract.md"]),
        # a worker that dies (the out-of-memory killer) is one clear error
        (
            "lambda source, folder=(): os.kill(os.getpid(), 9)",
            "WorkerError",
            ["raised: an extraction worker process died", "-j 1"],
        ),
    ],
    ids=["error", "killed"],
)
def test_a_failing_worker_is_one_clear_error_in_the_caller(parse, caught, expected):
    out = _run(FAILING.format(parse=parse, caught=caught), FIXTURES / "contract.md")
    assert all(text in out for text in expected), out


@needs_fork
def test_cli_build_with_one_job_and_with_two_writes_the_same_outputs(tmp_path):
    notes = tmp_path / "notes"
    notes.mkdir()
    for k in range(4):  # big enough to fork (parallel.MIN_PARALLEL_CHARS)
        shutil.copy(ROOT / "notes" / "iccv2023.md", notes / f"copy{k}.md")
    assert sum(p.stat().st_size for p in notes.iterdir()) >= parallel.MIN_PARALLEL_CHARS
    outs = {}
    for jobs in ("1", "2"):
        out = tmp_path / f"out{jobs}"
        done = subprocess.run(
            [sys.executable, "-m", "paperkg", "build", "notes", "-o", out.name, "-j", jobs, "-q"],
            capture_output=True,
            text=True,
            check=False,
            cwd=tmp_path,
        )
        assert done.returncode == 0, done.stderr
        outs[jobs] = out
    for name in ("graph.ttl", "graph.jsonld", "graph.graphml", "graph.html"):
        assert (outs["1"] / name).read_bytes() == (outs["2"] / name).read_bytes(), name


def test_shares_balance_the_weights_and_keep_task_order():
    from paperkg.run.workers import balanced_shares

    shares = balanced_shares([5, 1, 1, 1, 1, 1, 4, 2], 2)
    assert sorted(i for share in shares for i in share) == list(range(8))
    assert all(share == sorted(share) for share in shares)
    loads = [sum([5, 1, 1, 1, 1, 1, 4, 2][i] for i in share) for share in shares]
    assert loads == [8, 8] or loads == [8, 8][::-1]
    assert balanced_shares([1.0], 4) == [[0]]  # no idle workers forked


INTERRUPTED = """
import os, signal, sys, time
from paperkg.run import parallel
from paperkg.run.collect import extract_notes
from paperkg.extract.language.vocabulary import load_vocabulary

parallel.MIN_PARALLEL_CHARS = 0
def slow(source, folder=()):
    # one write of a short line: two workers' print()s to one pipe can interleave
    os.write(1, f"worker {os.getpid()}\\n".encode())
    time.sleep(60)
parallel.parse_notes = slow
waiting = parallel.ForkedRun.results
def results(run):
    # the parent waits on its workers now (spaCy is imported: a Ctrl-C landing inside a
    # library's import can be swallowed there, which is not what this test is about)
    os.write(1, b"waiting\\n")
    return waiting(run)
parallel.ForkedRun.results = results
try:
    extract_notes(sys.argv[1:], load_vocabulary(), workers=2)
except KeyboardInterrupt:
    print("interrupted", flush=True)
"""


@needs_fork
def test_ctrl_c_stops_the_workers_at_once(tmp_path):
    import signal
    import time

    second = tmp_path / "b.md"
    second.write_text((FIXTURES / "contract.md").read_text("utf-8"), "utf-8")
    child = subprocess.Popen(
        [sys.executable, "-c", INTERRUPTED, str(FIXTURES / "contract.md"), str(second)],
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        preexec_fn=_ctrl_c_reaches_it,
    )
    lines = [child.stdout.readline().split() for _ in range(3)]  # both workers, the parent
    workers = [int(line[1]) for line in lines if line[0] == "worker"]
    assert len(workers) == 2 and ["waiting"] in lines
    child.send_signal(signal.SIGINT)
    out, _ = child.communicate(timeout=30)  # the workers sleep for 60 s
    assert "interrupted" in out
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(_alive(pid) for pid in workers):
        time.sleep(0.05)
    assert not any(_alive(pid) for pid in workers), "a worker outlived the interrupt"


def _ctrl_c_reaches_it() -> None:
    """In the child before exec: Ctrl-C at its default, so that Python turns it into
    KeyboardInterrupt even when this test runs under a shell or CI runner that started it
    with SIGINT ignored (a disposition a child inherits, and which Python then keeps)."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _alive(pid: int) -> bool:
    import os

    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True
