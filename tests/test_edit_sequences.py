"""Outputs after any sequence of edits are byte-identical to a clean build (issue 24).

Hypothesis adds, changes, deletes, renames and re-saves notes files in one folder, building
into one output folder after each step (reusing cached records, or finding nothing changed),
then builds the same notes into a fresh folder and compares every output file, and the
store's quads. The entries come from a small pool of made-up papers, so one paper is often
noted in two files and merged across them.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from pathlib import Path

import pyoxigraph as ox
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from paperkg.errors import NotesError
from paperkg.run.outputs import build_outputs
from paperkg.run.warm import WarmBuild

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
lists = st.builds(
    lambda topic, lines: f"# Reading\n\n## {topic}\n" + "".join(lines),
    st.sampled_from(TOPICS),
    st.lists(entries, min_size=0, max_size=4),
)


def _paper_note(title: int, link: str, comment: str, tags: list[str], authors: list[str]) -> str:
    """A per-paper note: its paper is named by its title's short name in other files'
    comments, and it may link another note (its paper, when that note is one). Its tags
    (nested ones too) and authors are shared with other notes, so that an edit of one
    note changes what another paper's node shows only where the two share them."""
    slug = TITLES[title].split(":")[0].lower().replace(" ", "-")
    meta = f'title: "{TITLES[title]}"\nurl: https://example.org/{slug}\n'
    if tags:
        meta += "tags: [" + ", ".join(tags) + "]\n"
    if authors:
        meta += "authors: [" + ", ".join(authors) + "]\n"
    return f"---\n{meta}---\n# {TITLES[title].split(':')[0]}\n\n{comment}. See also [[{link}]].\n"


notes_links = st.sampled_from([Path(name).stem for name in NAMES])
tag_lists = st.lists(st.sampled_from(("vision", "vision/meshes", "theory", "theory/priors")))
author_lists = st.lists(st.sampled_from(("Ada Quill", "Bo Lantern", "Cy Fern")), unique=True)
files = st.one_of(
    lists,
    st.builds(
        _paper_note,
        st.integers(0, len(TITLES) - 1),
        notes_links,
        comments,
        tag_lists,
        author_lists,
    ),
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
    max_examples=int(os.environ.get("PAPERKG_EDIT_EXAMPLES", "20")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    first=st.lists(files, min_size=1, max_size=3),
    edits=st.lists(steps, max_size=5),
    watching=st.booleans(),
)
def test_edits_then_clean_build_are_byte_identical(tmp_path, first, edits, watching):
    """`watching`: every build of the sequence reuses what the last kept in memory, as the
    rebuilds of `paperkg build --watch` do (paperkg/run/warm.py)."""
    work = Path(tempfile.mkdtemp(dir=tmp_path))  # hypothesis replays a failing example
    notes, out, clean = work / "notes", work / "out", work / "clean"
    notes.mkdir(parents=True)
    warm = WarmBuild() if watching else None
    for name, text in zip(NAMES, first, strict=False):
        _apply(notes, ("write", name, text))
    build_outputs([notes], out, workers=1, warm=warm)
    for step in edits:
        _apply(notes, step)
        if any(notes.rglob("*.md")):
            # a build may refuse notes with no paper left; the next one goes on
            with contextlib.suppress(NotesError):
                build_outputs([notes], out, workers=1, warm=warm)
    if not any(notes.rglob("*.md")):
        return  # no notes: a build refuses, and both folders hold the last build's outputs
    try:
        build_outputs([notes], clean, workers=1)
    except NotesError:
        return  # the notes as they end are no graph (no paper): nothing to compare
    build_outputs([notes], out, workers=1, warm=warm)
    for name in OUTPUTS:
        assert (out / name).read_bytes() == (clean / name).read_bytes(), (name, first, edits)
    assert _quads(out) == _quads(clean)
    shutil.rmtree(work)


IN_PLACE = [
    # (file, text before, text after): one part of one note changed where it stands
    ("a.md", "[7/10] [Lantern Moss", "[3/10] [Lantern Moss"),  # a rating
    ("a.md", "uses LoRA", "a diffusion model"),  # a comment, and what it mentions
    ("a.md", "## Meshes", "## Fields"),  # the heading a paper sits under
    ("b.md", "tags: [vision]", "tags: [vision/meshes, theory]"),  # a vault note's tags
    ("b.md", "authors: [Ada Quill]", "authors: [Bo Lantern, Ada Quill]"),  # its authors
    ("a.md", "[3/10] [Lantern Moss", "[3/10?] [Lantern Moss"),  # an unsure rating
]


def test_each_edit_in_place_rebuilds_as_a_clean_build(tmp_path):
    """Edits that keep every note where it is: only what hangs below a paper changes (its
    note's rating, comment, section; its tags, authors), which a watch's memo must see
    (graph/outputs/projection_memo.py)."""
    notes = tmp_path / "notes"
    notes.mkdir()
    lantern = "- [7/10] [Lantern Moss: Folding Tiny Meshes](https://example.org/lantern-moss)"
    (notes / "a.md").write_text(f"# Reading\n\n## Meshes\n{lantern} uses LoRA\n")
    (notes / "b.md").write_text(
        _paper_note(1, "a", "builds on NeRF", [], []).replace(
            "---\n#", "tags: [vision]\nauthors: [Ada Quill]\n---\n#", 1
        )
    )
    warm = WarmBuild()
    build_outputs([notes], tmp_path / "out", workers=1, warm=warm)
    for k, (name, before, after) in enumerate(IN_PLACE):
        text = (notes / name).read_text()
        assert before in text, (name, before)
        (notes / name).write_text(text.replace(before, after))
        build_outputs([notes], tmp_path / "out", workers=1, warm=warm)
        clean = tmp_path / f"clean{k}"
        build_outputs([notes], clean, workers=1)
        for output in OUTPUTS:
            got = (tmp_path / "out" / output).read_bytes()
            assert got == (clean / output).read_bytes(), (output, before, after)
