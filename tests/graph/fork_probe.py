"""Run one build in this fresh process and print what happened, as JSON.

`python fork_probe.py OUT fork|serial|watch [MODULE:FUNCTION] NOTES...` builds NOTES into
OUT, forking its last stage or not (paperkg/run/outputs.py `FORK_MIN_ENTRIES`), with FUNCTION
of `paperkg.run.MODULE` made to fail if given. `watch` builds the first notes file alone,
then all of them again as a watch's rebuild (paperkg/run/warm.py), and reports that rebuild
(FUNCTION fails in the rebuild only). `forked` is what the build judged worth forking,
`children` the forked children it started, by what they do. A fresh process because a
build forks only from a process with no RocksDB threads (paperkg/run/forked.py), and a test
process has opened stores before.
"""

from __future__ import annotations

import importlib
import json
import sys


def _fail(*args, **kwargs):
    raise RuntimeError("disk on fire")


def _record_children(children: list[str]) -> None:
    """Note each forked child a build starts, by what it does (paperkg/run/forked.py)."""
    from paperkg.run import forked, outputs, store_loader

    class Recorded(forked.Child):
        def __init__(self, what, work):
            children.append(what)
            super().__init__(what, work)

    outputs.Child = store_loader.Child = Recorded


def main(argv: list[str]) -> None:
    from paperkg.run import outputs

    out, mode, *rest = argv
    failing = rest.pop(0).split(":") if rest and ":" in rest[0] else None
    if failing and mode != "watch":  # a watch's rebuild fails, not its first build
        setattr(importlib.import_module(f"paperkg.run.{failing[0]}"), failing[1], _fail)
    outputs.FORK_MIN_ENTRIES = 10**9 if mode == "serial" else 0
    forked, children = [], []
    _record_children(children)
    real = outputs.fork_worthwhile
    outputs.fork_worthwhile = lambda files: forked.append(real(files)) or forked[-1]
    try:
        warm = None
        if mode == "watch":
            from paperkg.run.warm import WarmBuild

            warm = WarmBuild()
            outputs.build_outputs(rest[:1], out, warm=warm)
            forked.clear()
            children.clear()
            if failing:
                setattr(importlib.import_module(f"paperkg.run.{failing[0]}"), failing[1], _fail)
        report = outputs.build_outputs(rest, out, warm=warm)
        result = {
            "forked": forked,
            "children": children,
            "error": None,
            "triples": report.summary.triples,
        }
    except Exception as err:  # noqa: BLE001 - the test reads the error
        result = {
            "forked": forked,
            "children": children,
            "error": f"{type(err).__name__}: {err}",
        }
    print(json.dumps(result))


if __name__ == "__main__":
    main(sys.argv[1:])
