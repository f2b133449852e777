"""The output folder is paperkg's or empty (paperkg/run/output_folder.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from paperkg.graph.outputs.atomic import remove_stale

from paperkg.errors import OutputError
from paperkg.run.output_folder import (
    MARKER,
    claim_output_folder,
    is_paperkg_folder,
    marker_text,
    read_marker,
)

ROOT = Path(__file__).resolve().parents[1]


def test_the_shipped_output_folder_carries_the_marker_a_build_writes():
    # so that `paperkg build notes/` in a fresh clone writes into output/ and leaves git clean
    assert (ROOT / "output" / MARKER).read_text("utf-8") == marker_text()
    assert is_paperkg_folder(ROOT / "output")


@pytest.mark.parametrize("names", [(), (".DS_Store",)])
def test_a_new_or_empty_folder_is_claimed(tmp_path, names):
    assert claim_output_folder(tmp_path / "new").kept == ()
    for name in names:
        (tmp_path / name).write_text("")
    assert claim_output_folder(tmp_path).kept == ()


def test_a_folder_of_an_older_build_is_paperkgs(tmp_path):
    (tmp_path / "store").mkdir()
    (tmp_path / "cache").mkdir()
    (tmp_path / "cache" / "manifest.json").write_text("{}")
    (tmp_path / "graph.ttl").write_text("")
    assert claim_output_folder(tmp_path).kept == () and is_paperkg_folder(tmp_path)
    (tmp_path / "notes.txt").write_text("mine")
    assert not is_paperkg_folder(tmp_path)
    with pytest.raises(OutputError, match=r"it holds cache, graph.ttl, notes.txt, \.\.\."):
        claim_output_folder(tmp_path)


def test_force_keeps_foreign_files_at_output_names_and_the_marker_remembers(tmp_path):
    (tmp_path / "graph.ttl").write_text("mine")
    (tmp_path / "graph.html").mkdir()
    claim = claim_output_folder(tmp_path, force=True)
    assert claim.kept == ("graph.html", "graph.ttl")
    claim.mark()
    assert read_marker(tmp_path) == ("graph.html", "graph.ttl")
    (tmp_path / "graph.html").rmdir()
    assert claim_output_folder(tmp_path).kept == ("graph.ttl",)


def test_a_foreign_marker_is_not_taken_for_paperkgs(tmp_path):
    (tmp_path / MARKER).write_text("someone else's settings\n")
    assert read_marker(tmp_path) is None
    with pytest.raises(OutputError, match="holds .paperkg, which paperkg did not write"):
        claim_output_folder(tmp_path, force=True)


def test_leftovers_are_cleared_only_by_paperkgs_own_names(tmp_path):
    mine = [tmp_path / ".build-cache", tmp_path / ".notes-old-archive"]
    (tmp_path / "notes").mkdir()
    for folder in mine:
        folder.mkdir()
        (folder / "data").write_text("mine")
    remove_stale(tmp_path)
    assert all((folder / "data").is_file() for folder in mine)
