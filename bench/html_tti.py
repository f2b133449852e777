"""Time-to-interactive of the HTML view in headless Chromium, for the example notes and 40x.

Time-to-interactive here is: from navigation start until the first view is drawn (the page
sets `data-ready`), plus the time the search box then takes to answer a query with results.
Both are read from the page's own clock (`performance.now()`), so they include parsing the
inlined data and vis-network, and not the driver's round trips; the time until the driver
sees the results is printed beside it ("as driven"). It also reports what the first view
draws (topics, techniques, papers), which must be the topic map, not thousands of dots.
The synthetic notes are bench/generate.py's.
Figures are printed, never asserted: the tests check behaviour, this checks speed.

    python bench/html_tti.py [--copies 40] [--runs 3] [--keep DIR] [--reuse]

Uses Debian's /usr/bin/chromium through Playwright (no browser download).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "notes" / "iccv2023.md"
CHROMIUM = "/usr/bin/chromium"


def synthetic_notes(copies: int, folder: Path) -> Path:
    """bench/generate.py's notes at `copies` times the example (replica 0 is the example)."""
    sys.path.insert(0, str(ROOT / "bench"))
    from generate import write_notes

    write_notes(folder, copies)
    return folder


def build(notes: Path, out: Path) -> float:
    from paperkg.run.outputs import build_outputs

    start = time.perf_counter()
    report = build_outputs([notes], out)
    seconds = time.perf_counter() - start
    print(f"  build: {report.summary_line()} (wall {seconds:.1f} s)")
    print(f"  html stage {report.seconds.get('html', 0):.2f} s")
    return seconds


def rerender(out: Path) -> None:
    """Write graph.html again from a kept store (the 40x extraction takes minutes)."""
    from paperkg.graph.outputs.view import write_view
    from paperkg.graph.store.disk import load_store

    ds = load_store(out)
    try:
        start = time.perf_counter()
        write_view(ds, out / "graph.html")
        print(
            f"  re-rendered graph.html from the kept store in {time.perf_counter() - start:.2f} s"
        )
    finally:
        ds.close()


def measure(page_path: Path, runs: int) -> dict[str, float]:
    """Median TTI, ready time and first search response over `runs` fresh page loads."""
    from playwright.sync_api import sync_playwright

    ttis, driven, readies, starts, drawn = [], [], [], [], {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        for _ in range(runs):
            page = browser.new_page(viewport={"width": 1440, "height": 900})
            outside: list[str] = []
            page.on(
                "request",
                lambda r, outside=outside: (
                    None if r.url.startswith(("file:", "data:")) else outside.append(r.url)
                ),
            )
            page.goto(page_path.as_uri(), wait_until="commit")
            page.wait_for_selector("body[data-ready]", state="attached", timeout=120_000)
            page.fill("#search", "diffusion")
            page.wait_for_selector("#results li[role=option]", timeout=30_000)
            driven.append(page.evaluate("performance.now()") / 1000)
            ttis.append(page.evaluate("window.paperkg.readyAt + window.paperkg.searchMs") / 1000)
            readies.append(page.evaluate("window.paperkg.readyAt") / 1000)
            starts.append(page.evaluate("window.paperkg.startedAt") / 1000)
            drawn = page.evaluate(
                """(() => { const k = window.paperkg;
                   return { topics: k.drawnCount('topic'), techniques: k.drawnCount('technique'),
                            papers: k.drawnCount('paper'), nodes: k.drawnCount(),
                            labels: k.labels().length }; })()"""
            )
            if outside:
                print(f"  WARNING: outside requests: {outside[:3]}")
            page.close()
        browser.close()
    return {
        "tti": statistics.median(ttis),
        "driven": statistics.median(driven),
        "ready": statistics.median(readies),
        "script": statistics.median(r - s for r, s in zip(readies, starts, strict=True)),
        "drawn": drawn,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=40, help="size of the synthetic notes")
    parser.add_argument("--runs", type=int, default=3, help="page loads per size (median)")
    parser.add_argument("--keep", type=Path, help="keep the outputs in this folder")
    parser.add_argument(
        "--reuse", action="store_true", help="with --keep: re-render the HTML of kept builds only"
    )
    args = parser.parse_args(argv)
    if not Path(CHROMIUM).exists():
        print(f"{CHROMIUM} not found: apt-get install chromium", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="paperkg-tti-") as tmp:
        base = args.keep or Path(tmp)
        big_notes = base / f"synthetic-{args.copies}x"
        if not (args.reuse and big_notes.is_dir()):
            synthetic_notes(args.copies, big_notes)
        for name, notes in (("1x", EXAMPLE), (f"{args.copies}x", big_notes)):
            out = base / f"out-{name}"
            print(f"{name}: {notes.name}")
            if args.reuse and (out / "store").is_dir():
                rerender(out)
            else:
                build(notes, out)
            html = out / "graph.html"
            result = measure(html, args.runs)
            print(
                f"  graph.html {html.stat().st_size / 1e6:.2f} MB; "
                f"ready {result['ready']:.2f} s (the view's own script "
                f"{result['script']:.2f} s of it); time-to-interactive {result['tti']:.2f} s, "
                f"as driven {result['driven']:.2f} s "
                f"(median of {args.runs})"
            )
            d = result["drawn"]
            print(
                f"  first view draws {d['topics']} topics, {d['techniques']} techniques, "
                f"{d['papers']} papers ({d['nodes']} nodes, {d['labels']} labels)"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
