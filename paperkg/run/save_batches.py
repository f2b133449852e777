"""Saves grouped into the batches a watch rebuilds for: a lone save at once, a burst as one.

watchfiles' Rust watcher (`RustNotify`, the backend `watchfiles.watch` runs on, documented
as its Rust API) hands over the set of (event, path) pairs seen, once one step of sleep
added none. A set: a file saved again adds nothing to it, so its step is no quiet period,
and `watchfiles.watch` with a long step makes every save wait that long while grouping a
burst no better (50 saves of one file in a second gave 6 rebuilds at a 50 ms step, 4 at
100 ms). So the step here is short, just long enough for one save's own events (a write,
then a rename); a burst is told by its saves having come while the last rebuild ran (they
wait in the watcher when it ends), and only then does the watch wait for a quiet period, so
that the rest of the burst is one rebuild.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from pathlib import Path

# one save's events (an editor's write, then its rename) come within this of each other
STEP_MS = 25
# saves made while a rebuild ran are a burst: it is over once none came for this long
BURST_QUIET_MS = 200
# a burst that never stops is rebuilt after this long all the same
BURST_MAX_MS = 1600
# how often, with no event, the watch gets control back (to check its output folder)
IDLE_CHECK_MS = 1000
# what watchfiles' `Change` numbers mean, as a rebuild's line says it
KINDS = {1: "added", 2: "changed", 3: "deleted"}


class SaveBatches:
    """The changed paths of the watched folders, a batch at a time."""

    def __init__(self, folders: Sequence[Path], relevant: Callable[[Path], bool]) -> None:
        from watchfiles import main
        from watchfiles._rust_notify import RustNotify

        force_polling = main._default_force_polling(None)  # WATCHFILES_FORCE_POLLING, WSL
        self._notify = RustNotify([str(f) for f in folders], False, force_polling, 300, True, False)
        self._relevant = relevant

    def close(self) -> None:
        self._notify.close()

    def next(self) -> list[tuple[str, Path]]:
        """The next batch of relevant changes as (kind, path), or [] after IDLE_CHECK_MS with
        none. Called as a rebuild ends: changes waiting already came while it ran, a burst,
        which is rebuilt once it is over. Ctrl-C raises KeyboardInterrupt."""
        batch = self._wait(1, 1)  # what came while the last rebuild ran, in a millisecond
        if not batch:
            return self._wait(STEP_MS, IDLE_CHECK_MS)
        deadline = time.monotonic() + BURST_MAX_MS / 1000
        while time.monotonic() < deadline:
            more = self._wait(STEP_MS, BURST_QUIET_MS)
            if not more:
                break
            batch.extend(more)
        return batch

    def _wait(self, step_ms: int, timeout_ms: int) -> list[tuple[str, Path]]:
        """Relevant changes once a step added none, [] if none came within `timeout_ms`
        (changes to other files are dropped: the output folder may be inside the notes')."""
        while True:
            raw = self._notify.watch(BURST_MAX_MS, step_ms, timeout_ms, None)
            if raw == "signal":
                raise KeyboardInterrupt
            if raw in ("timeout", "stop"):
                return []
            changes = [
                (KINDS.get(change, "changed"), Path(path))
                for change, path in sorted(raw)
                if self._relevant(Path(path))
            ]
            if changes:
                return changes
