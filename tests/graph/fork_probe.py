"""Run one build in this fresh process and print what happened, as JSON.

`python fork_probe.py OUT fork|serial|watch [MODULE:FUNCTION] NOTES...` builds NOTES into
OUT, forking its last stage or not (paperkg/run/outputs.py `FORK_MIN_ENTRIES`), with FUNCTION
of `paperkg.run.MODULE` made to fail if given. `watch` builds the first notes file alone,
then all of them again as a watch's rebuild (paperkg/run/warm.py), forking, and reports that
rebuild (FUNCTION fails in the rebuild only). A fresh process because a build forks only
from a process with no RocksDB threads (paperkg/run/forked.py), and a test process has opened
stores before.
"""

from __future__ import annotations

import importlib
import json
import sys


def _fail(*args, **kwargs):
    raise RuntimeError("disk on fire")


def main(argv: list[str]) -> None:
    from paperkg.run import outputs

    out, mode, *rest = argv
    failing = rest.pop(0).split(":") if rest and ":" in rest[0] else None
    if failing and mode != "watch":  # a watch's rebuild fails, not its first build
        setattr(importlib.import_module(f"paperkg.run.{failing[0]}"), failing[1], _fail)
    outputs.FORK_MIN_ENTRIES = 10**9 if mode == "serial" else 0
    forked = []
    real = outputs.fork_worthwhile
    outputs.fork_worthwhile = lambda files: forked.append(real(files)) or forked[-1]
    try:
        warm = None
        if mode == "watch":
            from paperkg.run.warm import WarmBuild

            warm = WarmBuild()
            outputs.build_outputs(rest[:1], out, warm=warm)
            forked.clear()
            if failing:
                setattr(importlib.import_module(f"paperkg.run.{failing[0]}"), failing[1], _fail)
        report = outputs.build_outputs(rest, out, warm=warm)
        result = {"forked": forked, "error": None, "triples": report.summary.triples}
    except Exception as err:  # noqa: BLE001 - the test reads the error
        result = {"forked": forked, "error": f"{type(err).__name__}: {err}"}
    print(json.dumps(result))


if __name__ == "__main__":
    main(sys.argv[1:])
