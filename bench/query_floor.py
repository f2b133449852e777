"""How fast `paperkg query paper-provenance WORDS` can be on a built store: the steps it
cannot skip, each timed alone, beside the saved query itself.

    python bench/query_floor.py OUT_DIR [--words diffusion] [--repeat 5]

Words of a title are matched as a case-insensitive substring, so every title is read from
the store and tested (`1-title-scan`); then each matching paper's notes are looked up, the
rows returned, and each fact of a note (line, file, section, rating) costs one more index
lookup per row. On a large answer these steps alone can exceed a latency target, whatever
the query's form: this prints them so that claim is measured, not argued.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
STEPS = HERE / "query_floor"
sys.path.insert(0, str(HERE))

from measure import SAMPLE_BINDINGS  # noqa: E402


def best_ms(run, repeat: int) -> tuple[float, int]:
    """Min wall ms of `repeat` runs after one warm-up, and the rows of the last."""
    run()
    best, rows = float("inf"), 0
    for _ in range(repeat):
        start = time.perf_counter()
        result = run()
        best = min(best, time.perf_counter() - start)
        rows = len(result.rows)
    return best * 1000, rows


def main() -> None:
    import paperkg

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="a folder `paperkg build` wrote")
    parser.add_argument("--words", default=SAMPLE_BINDINGS["paper"])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    bindings = {"paper": args.words}
    print(f"| step (`{args.words}`) | rows | min ms of {args.repeat} |")
    print("|---|---|---|")
    with paperkg.open(args.out) as graph:
        for step in sorted(STEPS.glob("*.rq")):
            text = step.read_text("utf-8")
            ms, rows = best_ms(lambda text=text: graph.result(text, bindings), args.repeat)
            if rows == 1 and "COUNT" in text:
                rows = int(graph.result(text, bindings).rows[0][0].value)
            print(f"| {step.stem} | {rows} | {ms:.1f} |")
        ms, rows = best_ms(lambda: graph.result("paper-provenance", bindings), args.repeat)
        print(f"| the saved query `paper-provenance` | {rows} | {ms:.1f} |")


if __name__ == "__main__":
    main()
