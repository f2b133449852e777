"""build_outputs as a library call: what it leaves in the caller's process."""

from __future__ import annotations

import gc

import pytest
from paperkg.extract.reading.source import NotesError

from paperkg.run.outputs import build_outputs


@pytest.mark.parametrize("enabled", [True, False])
def test_a_build_leaves_the_garbage_collector_as_it_found_it(fixtures, tmp_path, enabled):
    """The collector is paused during a build (see paperkg/run/outputs.py); a notebook user's
    process must get it back as it was, after a build that fails too."""
    (gc.enable if enabled else gc.disable)()
    try:
        build_outputs([fixtures / "contract.md"], tmp_path / "ok", html=False)
        assert gc.isenabled() is enabled
        with pytest.raises(NotesError):
            build_outputs([tmp_path / "missing.md"], tmp_path / "failed", html=False)
        assert gc.isenabled() is enabled
    finally:
        gc.enable()
