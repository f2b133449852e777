"""Run one build in this fresh process and print what happened, as JSON.

`python fork_probe.py OUT fork|serial [MODULE:FUNCTION] NOTES...` builds NOTES into OUT,
forking its last stage or not (paperkg/run/outputs.py `FORK_MIN_ENTRIES`), with FUNCTION of
`paperkg.run.MODULE` made to fail if given. A fresh process because a build forks only
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
    if rest and ":" in rest[0]:
        module, name = rest.pop(0).split(":")
        setattr(importlib.import_module(f"paperkg.run.{module}"), name, _fail)
    outputs.FORK_MIN_ENTRIES = 0 if mode == "fork" else 10**9
    forked = []
    real = outputs.fork_worthwhile
    outputs.fork_worthwhile = lambda files: forked.append(real(files)) or forked[-1]
    try:
        report = outputs.build_outputs(rest, out)
        result = {"forked": forked, "error": None, "triples": report.summary.triples}
    except Exception as err:  # noqa: BLE001 - the test reads the error
        result = {"forked": forked, "error": f"{type(err).__name__}: {err}"}
    print(json.dumps(result))


if __name__ == "__main__":
    main(sys.argv[1:])
