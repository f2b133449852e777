"""Same notes, byte-identical outputs: across processes, hash seeds and incremental rebuilds.

The second build runs in a fresh interpreter with another PYTHONHASHSEED, so set and dict
orders that depend on string hashing would show up as a difference here.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from paperkg.run.manifest import BuildState
from paperkg.run.outputs import build_outputs

OUTPUTS = ("graph.ttl", "graph.jsonld", "graph.graphml", "graph.html")


@pytest.fixture(scope="module")
def second_build(tmp_path_factory, example_notes) -> Path:
    out = tmp_path_factory.mktemp("determinism")
    env = dict(os.environ, PYTHONHASHSEED="4242")
    subprocess.run(
        [sys.executable, "-m", "paperkg", "build", str(example_notes), "-o", str(out), "-q"],
        check=True,
        env=env,
        capture_output=True,
        timeout=300,
    )
    return out


@pytest.mark.parametrize("name", OUTPUTS)
def test_two_builds_of_the_example_are_byte_identical(name, example_build, second_build):
    first = (example_build / name).read_bytes()
    second = (second_build / name).read_bytes()
    assert first, f"{name} is empty"
    assert first == second, _first_difference(first, second, name)


def test_an_incremental_rebuild_is_byte_identical(example_notes, second_build, example_build):
    BuildState(second_build).forget()  # else nothing changed, and nothing is rebuilt
    report = build_outputs([example_notes], second_build)
    assert report.reused, "the rebuild was expected to reuse the cached records"
    for name in OUTPUTS:
        assert (second_build / name).read_bytes() == (example_build / name).read_bytes(), name


def _first_difference(a: bytes, b: bytes, name: str) -> str:
    pairs = enumerate(zip(a, b, strict=False))
    at = next((i for i, (x, y) in pairs if x != y), min(len(a), len(b)))
    line = a[:at].count(b"\n") + 1
    here, there = a[at - 40 : at + 40], b[at - 40 : at + 40]
    return f"{name} differs at byte {at} (line {line}): {here!r} vs {there!r}"
