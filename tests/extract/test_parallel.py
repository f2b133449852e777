"""Extraction in worker processes gives exactly what one process gives.

The comparisons run in a fresh interpreter: the parallel path forks only in a process with
no other thread, which a pytest session may not be.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from paperkg.extract import parallel

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures"

needs_fork = pytest.mark.skipif(parallel.worker_count(2) < 2, reason="no fork here")

COMPARE = """
import json, sys
from paperkg.extract import parallel
from paperkg.extract.collect import extract_notes
from paperkg.extract.vocabulary import load_vocabulary

parallel.MIN_PARALLEL_CHARS = 0
parallel.MIN_RANGE_ENTRIES = int(sys.argv[1])
pools = []
fork_pool = parallel._fork_pool
parallel._fork_pool = lambda n: pools.append(n) or fork_pool(n)
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


def _compare(min_range: int, *paths: Path) -> dict:
    done = subprocess.run(
        [sys.executable, "-c", COMPARE, str(min_range), *map(str, paths)],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


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
    assert result["pools"] == [2, 2]  # a parse round and an NLP round, each forked
    assert result["equal"]


@needs_fork
def test_a_long_file_cut_into_ranges_equals_the_whole():
    # ranges of 2 entries: cross-references ("builds on Ambrel", "the one below") point
    # across the ranges' edges, into the catalogue of the whole file
    result = _compare(1, FIXTURES / "cross_ranges.md", ROOT / "notes" / "iccv2023.md")
    assert result["papers"] > 100 and result["targets"] >= 10
    assert result["equal"]


def test_small_builds_and_threaded_processes_stay_in_one_process(monkeypatch):
    from paperkg.extract.source import NotesSource

    job = parallel.SourceJob(NotesSource("a.md", "- [A](https://arxiv.org/abs/2101.00001)\n", ""))
    monkeypatch.setattr(parallel, "MIN_PARALLEL_CHARS", 10**9)
    assert parallel.start_extraction([job], workers=2)._pool is None
    monkeypatch.setattr(parallel, "MIN_PARALLEL_CHARS", 0)
    monkeypatch.setattr(parallel.threading, "active_count", lambda: 2)
    assert parallel.start_extraction([job], workers=2)._pool is None


def test_worker_count_from_argument_then_environment(monkeypatch):
    monkeypatch.setenv(parallel.WORKERS_ENV, "3")
    if parallel.worker_count() == 1:
        pytest.skip("no fork here")
    assert parallel.worker_count(5) == 5
    assert parallel.worker_count() == 3
    monkeypatch.setenv(parallel.WORKERS_ENV, "")
    assert 1 <= parallel.worker_count() <= parallel.MAX_WORKERS


ERROR = """
import sys
from paperkg.extract import parallel, markdown
from paperkg.extract.collect import extract_notes
from paperkg.extract.vocabulary import load_vocabulary

parallel.MIN_PARALLEL_CHARS = 0
def broken(source, folder=()):
    raise ValueError(f"cannot parse {source.path}")
parallel.parse_notes = broken
try:
    extract_notes(sys.argv[1:], load_vocabulary(), workers=2)
except ValueError as err:
    print("raised:", err)
"""


@needs_fork
def test_an_error_in_a_worker_reaches_the_caller():
    done = subprocess.run(
        [sys.executable, "-c", ERROR, str(FIXTURES / "contract.md")],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
    )
    assert done.returncode == 0, done.stderr
    assert "raised: cannot parse" in done.stdout and "contract.md" in done.stdout


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


KILLED = """
import os, sys
from paperkg.errors import WorkerError
from paperkg.extract import parallel
from paperkg.extract.collect import extract_notes
from paperkg.extract.vocabulary import load_vocabulary

parallel.MIN_PARALLEL_CHARS = 0
parallel.parse_notes = lambda source, folder=(): os.kill(os.getpid(), 9)
try:
    extract_notes(sys.argv[1:], load_vocabulary(), workers=2)
except WorkerError as err:
    print("raised:", err)
"""


@needs_fork
def test_a_killed_worker_is_one_clear_error():
    done = subprocess.run(
        [sys.executable, "-c", KILLED, str(FIXTURES / "contract.md")],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert "raised: an extraction worker process died" in done.stdout
    assert "-j 1" in done.stdout
