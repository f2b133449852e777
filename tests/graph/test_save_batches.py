"""Which saves one rebuild of a watch takes (paperkg/run/save_batches.py), on a real folder:
a lone save alone, a burst that came while a rebuild ran as one batch once it is over, and
nothing for files that are not notes (the output folder may sit inside the notes folder)."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

from paperkg.run.save_batches import SaveBatches

pytest.importorskip("watchfiles")


def _notes_only(folder: Path):
    out = folder / "output"
    return lambda path: path.suffix == ".md" and out not in path.parents


@pytest.fixture
def folder(tmp_path):
    (tmp_path / "output").mkdir()
    (tmp_path / "a.md").write_text("# Topic\n")
    return tmp_path


@pytest.fixture
def batches(folder):
    watcher = SaveBatches([folder], _notes_only(folder))
    yield watcher
    watcher.close()


def _settle(batches: SaveBatches) -> None:
    """Drop what the fixture's own writes left, so that a test sees its own saves only."""
    while batches.next():
        pass


def test_a_lone_save_is_a_batch_naming_the_file(folder, batches):
    _settle(batches)
    (folder / "a.md").write_text("# Topic\n- a paper\n")
    assert batches.next() == [("changed", folder / "a.md")]


def test_a_new_and_a_deleted_notes_file_are_named_as_such(folder, batches):
    _settle(batches)
    (folder / "b.md").write_text("- b\n")
    assert batches.next() == [("added", folder / "b.md")]
    (folder / "b.md").unlink()
    assert batches.next() == [("deleted", folder / "b.md")]


def test_changes_to_files_that_are_not_notes_are_no_batch(folder, batches):
    _settle(batches)
    (folder / "output" / "graph.ttl").write_text("written by a build")
    (folder / "draft.txt").write_text("not notes")
    assert batches.next() == []  # after the idle check's second, with nothing to rebuild


def test_saves_that_came_while_a_rebuild_ran_are_one_batch_once_they_stop(folder, batches):
    _settle(batches)
    target = folder / "a.md"
    target.write_text("- first save, made while the last rebuild ran\n")
    time.sleep(0.1)  # the rebuild: the save waits in the watcher
    stopped = threading.Event()

    def keep_saving() -> None:
        for n in range(15):  # 20 ms apart, ten times closer than the quiet a burst ends on
            target.write_text(f"- save {n}\n")
            time.sleep(0.02)
        stopped.set()

    saver = threading.Thread(target=keep_saving)
    saver.start()
    try:
        batch = batches.next()
        assert stopped.is_set(), "the batch came before the burst was over"
        assert {path for _, path in batch} == {target}
    finally:
        saver.join()
