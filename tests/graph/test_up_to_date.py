"""A build with nothing changed checks and exits, outputs untouched (issue 24)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from paperkg.errors import StrictError
from paperkg.run.outputs import build_outputs


def _snapshot(out: Path) -> dict[str, tuple[bytes, int]]:
    """Every file a build published (the store's too), with its bytes and mtime."""
    found = {}
    for path in sorted(out.rglob("*")):
        rel = path.relative_to(out).as_posix()
        if path.is_file() and not rel.startswith("cache/"):
            found[rel] = (path.read_bytes(), path.stat().st_mtime_ns)
    return found


@pytest.fixture
def built(notes, tmp_path) -> Path:
    out = tmp_path / "out"
    assert not build_outputs([notes], out).up_to_date
    return out


def test_nothing_changed_rewrites_nothing(notes, built):
    before = _snapshot(built)
    report = build_outputs([notes], built)
    assert report.up_to_date and report.reextracted == ()
    assert report.summary_line().startswith("up to date: ")
    assert report.summary_line().endswith(" s")
    assert _snapshot(built) == before


def test_a_file_saved_with_the_same_bytes_is_no_change(notes, built):
    before = _snapshot(built)
    os.utime(notes / "a.md", ns=(1, 1))
    assert build_outputs([notes], built).up_to_date
    assert build_outputs([notes], built).up_to_date  # its new mtime was remembered
    assert _snapshot(built) == before


@pytest.mark.parametrize(
    "change",
    [
        lambda notes, out: (notes / "a.md").write_text(
            (notes / "a.md").read_text() + "\n- [5/10] [Quill Lattices](https://x.org/q)\n"
        ),
        lambda notes, out: (notes / "c.md").write_text(
            "- [6/10] [Ferns of Glass](https://x.org/f)\n"
        ),
        lambda notes, out: (notes / "b.md").unlink(),
        lambda notes, out: (out / "graph.ttl").unlink(),
        lambda notes, out: (out / "graph.html").write_text("edited by hand"),
        lambda notes, out: shutil.rmtree(out / "store"),
    ],
    ids=["edit", "new-file", "deleted-file", "output-deleted", "output-edited", "store-deleted"],
)
def test_any_change_of_notes_or_outputs_builds(notes, built, change):
    change(notes, built)
    report = build_outputs([notes], built)
    assert not report.up_to_date
    assert (built / "graph.ttl").is_file() and (built / "store").is_dir()
    assert build_outputs([notes], built).up_to_date


def test_options_and_vocabularies_are_inputs(notes, built, fixtures, tmp_path):
    assert not build_outputs([notes], built, html=False).up_to_date
    assert build_outputs([notes], built, html=False).up_to_date
    vocab = tmp_path / "vocab.ttl"
    shutil.copy(fixtures / "vocab_extra.ttl", vocab)
    assert not build_outputs([notes], built, [vocab], html=False).up_to_date
    assert build_outputs([notes], built, [vocab], html=False).up_to_date
    vocab.write_text(vocab.read_text() + "\n# edited\n")
    assert not build_outputs([notes], built, [vocab], html=False).up_to_date


def test_strict_still_fails_on_the_last_builds_warnings(tmp_path):
    notes = tmp_path / "n.md"
    notes.write_text("# Reading\n")  # a notes file with no paper entries: a warning
    out = tmp_path / "out"
    first = build_outputs([notes], out)
    assert first.warnings
    again = build_outputs([notes], out)
    assert again.up_to_date and again.warnings == first.warnings
    with pytest.raises(StrictError):
        build_outputs([notes], out, strict=True)
