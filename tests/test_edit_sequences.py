"""Outputs after any sequence of edits are byte-identical to a clean build (issue 24).

Hypothesis adds, changes, deletes, renames and re-saves notes files in one folder, building
into one output folder after each step (reusing cached records, or finding nothing changed),
then builds the same notes into a fresh folder and compares every output file, and the
store's quads. The entries come from a small pool of made-up papers, so one paper is often
noted in two files and merged across them.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pyoxigraph as ox
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from paperkg.run.outputs import build_outputs

OUTPUTS = ("graph.ttl", "graph.jsonld", "graph.graphml", "graph.html")
TITLES = (
    "Lantern Moss: Folding Tiny Meshes",
    "Quill Lattices for Sparse Attention",
    "Velvet Kernels: Smooth Diffusion Priors",
    "Ferns of Glass: Transparent Radiance Fields",
    "Copper Tides in Low-Rank Adapters",
    "Amber Sketches: Drawing with Diffusion",
)
TOPICS = ("Meshes", "Adapters", "Fields")
NAMES = ("a.md", "b.md", "c.md", "deep/d.md")


def _entry(title: int, rating: int, comment: str) -> str:
    slug = TITLES[title].split(":")[0].lower().replace(" ", "-")
    return f"- [{rating}/10] [{TITLES[title]}](https://example.org/{slug}) {comment}\n"


comments = st.sampled_from(
    ("", "uses LoRA", "similar to Lantern Moss", "a diffusion model", "builds on NeRF")
)
entries = st.builds(_entry, st.integers(0, len(TITLES) - 1), st.integers(1, 10), comments)
files = st.builds(
    lambda topic, lines: f"# Reading\n\n## {topic}\n" + "".join(lines),
    st.sampled_from(TOPICS),
    st.lists(entries, min_size=0, max_size=4),
)
steps = st.one_of(
    st.tuples(st.just("write"), st.sampled_from(NAMES), files),
    st.tuples(st.just("delete"), st.sampled_from(NAMES), st.none()),
    st.tuples(st.just("rename"), st.sampled_from(NAMES), st.sampled_from(NAMES)),
    st.tuples(st.just("touch"), st.sampled_from(NAMES), st.none()),
)


def _apply(notes: Path, step: tuple) -> None:
    kind, name, arg = step
    path = notes / name
    if kind == "write":
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(arg, encoding="utf-8")
    elif kind == "delete":
        path.unlink(missing_ok=True)
    elif kind == "rename" and path.exists():
        target = notes / arg
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(path, target)
    elif kind == "touch" and path.exists():
        os.utime(path)


def _quads(out: Path) -> list[str]:
    store = ox.Store.read_only(str(out / "store"))
    return sorted(str(q) for q in store)


@settings(
    max_examples=20,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(first=st.lists(files, min_size=1, max_size=3), edits=st.lists(steps, max_size=5))
def test_edits_then_clean_build_are_byte_identical(tmp_path, first, edits):
    work = tmp_path / f"w{abs(hash((tuple(first), tuple(edits))))}"
    notes, out, clean = work / "notes", work / "out", work / "clean"
    notes.mkdir(parents=True)
    for name, text in zip(NAMES, first, strict=False):
        _apply(notes, ("write", name, text))
    build_outputs([notes], out, workers=1)
    for step in edits:
        _apply(notes, step)
        if any(notes.rglob("*.md")):
            build_outputs([notes], out, workers=1)
    if not any(notes.rglob("*.md")):
        return  # no notes: a build refuses, and both folders hold the last build's outputs
    build_outputs([notes], out, workers=1)
    build_outputs([notes], clean, workers=1)
    for name in OUTPUTS:
        assert (out / name).read_bytes() == (clean / name).read_bytes(), (name, first, edits)
    assert _quads(out) == _quads(clean)
    shutil.rmtree(work)
