"""A build leaves what it made unfreed only in a process that exits next (the `paperkg`
script, paperkg/cli.py `run`): a notebook's or a watch's builds free theirs."""

from __future__ import annotations

import gc

import paperkg.run.outputs as outputs
from paperkg.run.warm import WarmBuild


def test_only_a_process_that_exits_next_leaves_a_build_unfreed(notes, tmp_path, monkeypatch):
    monkeypatch.setattr(outputs, "_LEFT", None)
    outputs.build_outputs([notes], tmp_path / "api", workers=1)
    assert outputs._LEFT is None  # the API's default: nothing kept past the build
    frozen = gc.get_freeze_count()
    try:
        outputs.leave_unfreed()
        outputs.build_outputs([notes], tmp_path / "watch", workers=1, warm=WarmBuild())
        assert outputs._LEFT == []  # a watch goes on building: it leaves nothing behind
        outputs.build_outputs([notes], tmp_path / "cli", workers=1)
        assert len(outputs._LEFT) >= 2  # the records and the RDF, for the exit to drop
        assert gc.get_freeze_count() > frozen  # and no collection scans them once more
    finally:
        gc.unfreeze()
