"""The benchmark: build time by stage, peak RSS and query latency at 1x..100x the example notes.

    python bench/run.py                      # 1x 4x 10x 40x 100x, writes bench/RESULTS.md
    python bench/run.py --scales 1,10 --repeat 3 --results /tmp/r.md
    python bench/run.py --only edit-loop     # the edit loop alone (bench/edit_loop.py)

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

import edit_loop  # noqa: E402
import generate  # noqa: E402
import report  # noqa: E402

FLOOR_CMD = [sys.executable, "-c", "import spacy, rdflib, networkx, pyvis"]
QUERY_FLOOR_CMD = [sys.executable, "-c", "import pyoxigraph, click"]
DEFAULT_SCALES = (1, 4, 10, 40, 100)
# Commands that read a built graph, timed cold (a fresh process each) on the 1x and the
# largest store: what someone exploring with SPARQL waits for each time.
COLD_COMMANDS = {
    "query top-rated": ["query", "top-rated"],
    "stats": ["stats"],
    "export --format turtle": ["export", "--format", "turtle"],
}


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
    base = _paperkg()
    for n in range(repeat):
        out = work / f"cli-{n}"
        times.extend(wall([*base, "build", str(generate.EXAMPLE), "-o", str(out)], 1))
    return times


def _paperkg() -> list[str]:
    cli = shutil.which("paperkg")
    return [cli] if cli else [sys.executable, "-m", "paperkg.cli"]


def build_folder(
    notes: Path,
    label: str,
    args: argparse.Namespace,
    work: Path,
    queries: bool = False,
    keep: Path | None = None,
) -> dict:
    """Build a notes folder `repeat` times, each in a fresh process; keep the fastest run.

    Queries are timed once, on the last build; `keep` receives that build's output folder.
    """  # fmt: skip
    runs = []
    for n in range(args.repeat):
        out = work / f"out-{label}-{n}"
        cmd = [sys.executable, str(HERE / "measure.py"), str(notes), str(out)]
        cmd += ["--memory-timeout", str(args.memory_timeout)]
        if not queries or args.no_queries or n < args.repeat - 1:
            cmd.append("--no-queries")
        if n == args.repeat - 1:  # sampling memory slows a build a little: one run of them
            cmd.append("--memory")
        done = subprocess.run(cmd, check=True, capture_output=True, text=True)
        runs.append(json.loads(done.stdout))
        if keep is not None and n == args.repeat - 1:
            shutil.rmtree(keep, ignore_errors=True)
            out.rename(keep)
        shutil.rmtree(out, ignore_errors=True)
        print(f"  {label} run {n + 1}: {runs[-1]['wall']:.2f} s", file=sys.stderr)
    best = min(runs, key=lambda r: r["wall"])
    best["walls"] = [r["wall"] for r in runs]
    best["peak_rss_mb"] = max(r["peak_rss_mb"] for r in runs)
    best["peak_worker_rss_mb"] = max(r.get("peak_worker_rss_mb", 0.0) for r in runs)
    best["peak_pss_mb"] = max((r.get("peak_pss_mb") or 0.0) for r in runs) or None
    best["queries"] = runs[-1].get("queries", [])
    return best


def measure_scale(scale: int, args: argparse.Namespace, work: Path, keep: Path | None) -> dict:
    """Generate a scale (one file per 124 entries) and build it."""
    notes = work / f"notes-{scale}x"
    generate.write_notes(notes, scale, args.seed)
    best = build_folder(notes, f"{scale}x", args, work, queries=True, keep=keep)
    best["scale"] = scale
    shutil.rmtree(notes, ignore_errors=True)
    return best


def one_file_scenarios(args: argparse.Namespace, work: Path) -> list[dict]:
    """Everything in one notes file: a whole scale, and the same papers noted many times
    (the example copied `--copies` times, links and titles varied) against as many copies
    made distinct papers."""
    cases = [(f"{s}x in one file", lambda s=s: generate.generate_notes(s, args.seed))
             for s in args.one_file_scales]  # fmt: skip
    n = args.copies
    if n:
        cases.append((f"{n} copies made distinct papers, one file",
                      lambda: generate.generate_notes(n, args.seed)))  # fmt: skip
        cases.append((f"the same papers noted {n} times, one file",
                      lambda: generate.generate_noted_copies(n)))  # fmt: skip
    results = []
    for k, (label, text) in enumerate(cases):
        notes = work / f"one-file-{k}"
        notes.mkdir()
        (notes / "notes.md").write_text(text(), encoding="utf-8")
        best = build_folder(notes, f"one-file-{k}", args, work)
        best["label"] = label
        results.append(best)
        shutil.rmtree(notes, ignore_errors=True)
    return results


def cold_commands(args: argparse.Namespace, stores: dict[int, Path]) -> dict:
    """Each graph-reading command from a fresh process on each kept store, and the floor."""
    out = {"floor": wall(QUERY_FLOOR_CMD, args.cold_repeat), "commands": []}
    for scale, folder in sorted(stores.items()):
        for name, argv in COLD_COMMANDS.items():
            times = wall([*_paperkg(), *argv, "-o", str(folder)], args.cold_repeat)
            out["commands"].append({"scale": scale, "command": name, "times": times})
    return out


def run(args: argparse.Namespace) -> dict:
    """The whole benchmark; returns the results and writes the report."""
    if args.only == "edit-loop":
        results = {"edit_loop": edit_loop.run(args.edit_scales, args.edit_repeat, args.seed),
                   "seed": args.seed, "load": os.getloadavg()}  # fmt: skip
        text = report.edit_loop_markdown(results)
        print(text)
        if args.results:  # only its own section of a whole report: the rest stays
            path = Path(args.results)
            if path.is_file():
                text = report.splice_edit_loop(path.read_text("utf-8"), results)
            path.write_text(text, encoding="utf-8")
        return results
    work = Path(tempfile.mkdtemp(prefix="paperkg-bench-"))
    try:
        floor = wall(FLOOR_CMD, args.repeat)
        cli = cold_cli(args.repeat, work)
        print(f"floor {min(floor):.2f} s, cold CLI {min(cli):.2f} s", file=sys.stderr)
        scales, stores = [], {}
        for scale in args.scales:
            keep = work / f"kept-{scale}x" if scale in (1, max(args.scales)) else None
            scales.append(measure_scale(scale, args, work, keep))
            if keep is not None:
                stores[scale] = keep
        one_file = one_file_scenarios(args, work)
        cold = cold_commands(args, stores)
        loop = edit_loop.run(args.edit_scales, args.edit_repeat, args.seed)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    results = {
        "floor": floor,
        "cold_cli": cli,
        "scales": scales,
        "one_file": one_file,
        "cold_commands": cold,
        "edit_loop": loop,
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
        "--one-file-scales",
        type=lambda s: [int(x) for x in s.split(",") if x],
        default=[40],
        help="scales also built as one notes file (default 40; '' for none)",
    )
    parser.add_argument(
        "--copies", type=int, default=16,
        help="the example noted this many times in one file, vs as many distinct copies (0: skip)",
    )  # fmt: skip
    parser.add_argument("--cold-repeat", type=int, default=5, help="runs of each cold command")
    parser.add_argument(
        "--edit-scales",
        type=lambda s: [int(x) for x in s.split(",") if x],
        default=[40, 100],
        help="scales of the edit loop: no-op rebuild, one-note edit, save under --watch",
    )
    parser.add_argument("--edit-repeat", type=int, default=3, help="runs of each edit-loop step")
    parser.add_argument(
        "--only",
        choices=["edit-loop"],
        help="run one part alone (its results file holds that part only)",
    )
    parser.add_argument(
        "--results", default=str(HERE / "RESULTS.md"), help="Markdown file to write ('' for none)"
    )
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> dict:
    return run(parse_args(argv))


if __name__ == "__main__":
    main()
