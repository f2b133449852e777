"""The edit loop (issue 24): a rebuild with nothing changed, a one-note edit from the CLI,
and the time from a save to updated outputs under `paperkg build --watch`.

    python bench/edit_loop.py --scales 40 --repeat 3      # by itself, prints JSON
    python bench/run.py --only edit-loop                   # the same, into RESULTS.md

Each scale is one notes file per 124 entries (bench/generate.py), built once cold, then:
the no-op rebuild `repeat` times (each checked to say "up to date" and to leave every output's
mtime as it was); `repeat` one-note edits (a new paper appended to one file, then
`paperkg build` as a fresh process); and under `--watch`, `repeat` saves of a new paper,
timed from the save until graph.ttl and graph.html both hold its title.
"""

from __future__ import annotations

import argparse
import json
import os
import queue
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import generate  # noqa: E402

OUTPUTS = ("graph.ttl", "graph.jsonld", "graph.graphml", "graph.html")
WAIT = 300.0  # seconds at most for a watch to show a save


def _paperkg() -> list[str]:
    cli = shutil.which("paperkg")
    return [cli] if cli else [sys.executable, "-m", "paperkg"]


def _timed(cmd: list[str]) -> tuple[float, str]:
    start = time.perf_counter()
    done = subprocess.run(cmd, check=True, capture_output=True, text=True)
    return time.perf_counter() - start, done.stdout.strip().splitlines()[-1]


def _mtimes(out: Path) -> dict[str, int]:
    return {name: (out / name).stat().st_mtime_ns for name in OUTPUTS}


def _new_paper(notes: Path, label: str) -> str:
    """Append a made-up paper to the middle notes file; its title, to look for."""
    files = sorted(notes.glob("*.md"))
    title = f"Bench Edit {label}: Folding Marble Kernels"
    with files[len(files) // 2].open("a", encoding="utf-8") as handle:
        handle.write(f"\n- [6/10] [{title}](https://example.org/bench/{label})\n")
    return title


def _stamp(out: Path) -> tuple | None:
    try:
        return tuple((st.st_ino, st.st_mtime_ns, st.st_size)
                     for st in (os.stat(out / n) for n in ("graph.ttl", "graph.html")))  # fmt: skip
    except OSError:
        return None  # a file being replaced at that instant


def _holds(out: Path, title: str) -> bool:
    try:
        return all(title in (out / n).read_text("utf-8") for n in ("graph.ttl", "graph.html"))
    except OSError:
        return False  # a file being replaced at that instant


def watch_saves(notes: Path, out: Path, repeat: int) -> list[float]:
    """Seconds from each save to graph.ttl and graph.html holding the new paper."""
    proc = subprocess.Popen(
        [*_paperkg(), "build", str(notes), "-o", str(out), "--watch", "-q"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    lines: queue.Queue[str] = queue.Queue()
    threading.Thread(target=lambda: [lines.put(x) for x in proc.stdout], daemon=True).start()
    try:
        end = time.monotonic() + WAIT
        while not lines.get(timeout=max(end - time.monotonic(), 0.01)).startswith("watching"):
            pass
        times = []
        for k in range(repeat):
            title = _new_paper(notes, f"watch{k}-{time.time_ns()}")
            start = time.perf_counter()
            # the files are read only when a rebuild replaced them: reading 20 MB every few
            # milliseconds would take the second core from the rebuild it times
            seen = _stamp(out)
            while True:
                stamp = _stamp(out)
                if stamp is not None and stamp != seen:
                    seen = stamp
                    if _holds(out, title):
                        break
                if time.perf_counter() - start > WAIT or proc.poll() is not None:
                    raise RuntimeError(f"the watch did not show a save in {WAIT} s")
                time.sleep(0.005)
            times.append(time.perf_counter() - start)
            # the watch's line for this save, so the next save starts a rebuild of its own
            while "papers" not in lines.get(timeout=WAIT):
                pass
        return times
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            proc.kill()


def measure(scale: int, repeat: int, seed: int, work: Path) -> dict:
    """The edit loop at one scale."""
    notes, out = work / f"notes-{scale}x", work / f"out-{scale}x"
    generate.write_notes(notes, scale, seed)
    build = [*_paperkg(), "build", str(notes), "-o", str(out), "-q"]
    full, _ = _timed(build)
    noop = []
    for _ in range(repeat):
        before = _mtimes(out)
        seconds, line = _timed(build)
        if not line.startswith("up to date") or _mtimes(out) != before:
            raise RuntimeError(f"a rebuild with nothing changed rewrote outputs: {line}")
        noop.append(seconds)
    edit = []
    for k in range(repeat):
        _new_paper(notes, f"cli{k}")
        seconds, line = _timed(build)
        if "1 re-extracted" not in line:
            raise RuntimeError(f"a one-note edit re-extracted more than the note: {line}")
        edit.append(seconds)
    watch = watch_saves(notes, out, repeat)
    shutil.rmtree(notes, ignore_errors=True)
    shutil.rmtree(out, ignore_errors=True)
    files = scale  # one notes file per replica
    return {"scale": scale, "files": files, "full": full, "noop": noop, "edit": edit,
            "watch": watch}  # fmt: skip


def run(scales: list[int], repeat: int, seed: int) -> list[dict]:
    work = Path(tempfile.mkdtemp(prefix="paperkg-edit-loop-"))
    try:
        results = []
        for scale in scales:
            results.append(measure(scale, repeat, seed, work))
            r = results[-1]
            print(f"  edit loop {scale}x: no-op {statistics.median(r['noop']):.2f} s, edit "
                  f"{statistics.median(r['edit']):.2f} s, watch "
                  f"{statistics.median(r['watch']):.2f} s", file=sys.stderr)  # fmt: skip
        return results
    finally:
        shutil.rmtree(work, ignore_errors=True)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", default="40,100")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    scales = [int(x) for x in args.scales.split(",") if x]
    print(json.dumps(run(scales, args.repeat, args.seed), indent=1))


if __name__ == "__main__":
    os.environ.setdefault("PYTHONUNBUFFERED", "1")
    main()
