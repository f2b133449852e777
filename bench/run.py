"""The benchmark: build time by stage, peak RSS and query latency at 1x..100x the example notes.

    python bench/run.py                      # 1x 4x 10x 40x 100x, writes bench/RESULTS.md
    python bench/run.py --scales 1,10 --repeat 3 --results /tmp/r.md

Each scale is generated once (bench/generate.py), then built `--repeat` times, each build in
a fresh `bench/measure.py` process (its peak RSS is its own; the min wall time is reported,
as other work on a 2-core machine only ever adds time). The floor is the time of
`python -c "import spacy, rdflib, networkx, pyvis"`; the cold CLI is `paperkg build` of the
example notes as a subprocess; both are the min of `--repeat` runs.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import generate  # noqa: E402
import report  # noqa: E402

FLOOR_CMD = [sys.executable, "-c", "import spacy, rdflib, networkx, pyvis"]
DEFAULT_SCALES = (1, 4, 10, 40, 100)


def wall(cmd: list[str], repeat: int, cwd: Path | None = None) -> list[float]:
    """Wall seconds of a command, `repeat` times; raises if it fails."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(cmd, check=True, cwd=cwd, capture_output=True)
        times.append(time.perf_counter() - start)
    return times


def cold_cli(repeat: int, work: Path) -> list[float]:
    """`paperkg build notes/iccv2023.md` from a fresh process, into a fresh folder each time."""
    times = []
    cli = shutil.which("paperkg")
    base = [cli] if cli else [sys.executable, "-m", "paperkg.graph.cli"]
    for n in range(repeat):
        out = work / f"cli-{n}"
        times.extend(wall([*base, "build", str(generate.EXAMPLE), "-o", str(out)], 1))
    return times


def measure_scale(scale: int, args: argparse.Namespace, work: Path) -> dict:
    """Generate a scale, build it `repeat` times in fresh processes; keep the fastest run."""
    notes = work / f"notes-{scale}x"
    generate.write_notes(notes, scale, args.seed)
    runs = []
    for n in range(args.repeat):
        out = work / f"out-{scale}x-{n}"
        cmd = [sys.executable, str(HERE / "measure.py"), str(notes), str(out)]
        cmd += ["--memory-timeout", str(args.memory_timeout)]
        if args.no_queries or n < args.repeat - 1:
            cmd.append("--no-queries")  # queries once, on the last build
        done = subprocess.run(cmd, check=True, capture_output=True, text=True)
        runs.append(json.loads(done.stdout))
        shutil.rmtree(out, ignore_errors=True)
        print(f"  {scale}x run {n + 1}: {runs[-1]['wall']:.2f} s", file=sys.stderr)
    best = min(runs, key=lambda r: r["wall"])
    best["scale"] = scale
    best["walls"] = [r["wall"] for r in runs]
    best["peak_rss_mb"] = max(r["peak_rss_mb"] for r in runs)
    best["queries"] = runs[-1].get("queries", [])
    shutil.rmtree(notes, ignore_errors=True)
    return best


def run(args: argparse.Namespace) -> dict:
    """The whole benchmark; returns the results and writes the report."""
    work = Path(tempfile.mkdtemp(prefix="paperkg-bench-"))
    try:
        floor = wall(FLOOR_CMD, args.repeat)
        cli = cold_cli(args.repeat, work)
        print(f"floor {min(floor):.2f} s, cold CLI {min(cli):.2f} s", file=sys.stderr)
        scales = []
        for scale in args.scales:
            scales.append(measure_scale(scale, args, work))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    results = {
        "floor": floor,
        "cold_cli": cli,
        "scales": scales,
        "repeat": args.repeat,
        "seed": args.seed,
        "load": os.getloadavg(),
    }
    text = report.markdown(results)
    print(text)
    if args.results:
        Path(args.results).write_text(text, encoding="utf-8")
    return results


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--scales",
        type=lambda s: [int(x) for x in s.split(",")],
        default=list(DEFAULT_SCALES),
        help="comma-separated multiples of the example notes (default 1,4,10,40,100)",
    )
    parser.add_argument("--repeat", type=int, default=2, help="builds per scale; min is kept")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--memory-timeout",
        type=float,
        default=5.0,
        help="seconds before a query on rdflib's memory store is given up",
    )
    parser.add_argument("--no-queries", action="store_true")
    parser.add_argument(
        "--results", default=str(HERE / "RESULTS.md"), help="Markdown file to write ('' for none)"
    )
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> dict:
    return run(parse_args(argv))


if __name__ == "__main__":
    main()
