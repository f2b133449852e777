"""Screenshots of the HTML view for the README: the first view, and one topic opened.

Opens graph.html in Debian's Chromium (through Playwright, no browser download), waits for
the page's own ready signal (`document.body.dataset.ready`, set when the first view is drawn)
and, for the second picture, for the end of the opening animation (`data-moving` cleared).

    python scripts/screenshot.py --to IMAGES_DIR [OUTPUT_DIR] [--topic NAME]

Writes view.png and view-topic.png into IMAGES_DIR, which you name (`--to docs` refreshes the
README's pictures; nothing tracked is touched otherwise). OUTPUT_DIR is a folder `paperkg
build` wrote; without it, `output/` is used if it holds a graph.html, else the example notes
are built into a temporary folder first. The same build gives the same bytes from run to
run: software rendering at a fixed size and scale, no hinting, no caret, no animation, and
PNGs hold no timestamp.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
VIEWPORT = {"width": 1440, "height": 900}
# rendering that does not vary from run to run: no GPU, no LCD text, no font hinting, one
# raster thread and every compositor stage run before a frame is drawn
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-lcd-text",
    "--font-render-hinting=none",
    "--force-color-profile=srgb",
    "--force-device-scale-factor=1",
    "--num-raster-threads=1",
    "--disable-partial-raster",
    "--run-all-compositor-stages-before-draw",
    "--disable-threaded-animation",
    "--disable-threaded-scrolling",
    "--disable-checker-imaging",
]
SHOT = {"animations": "disabled", "caret": "hide"}


def shoot(page_path: Path, folder: Path, topic: str) -> list[Path]:
    from playwright.sync_api import sync_playwright

    folder.mkdir(parents=True, exist_ok=True)
    first, opened = folder / "view.png", folder / "view-topic.png"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport=VIEWPORT)
        page.goto(page_path.resolve().as_uri())
        page.wait_for_selector("body[data-ready]", state="attached", timeout=60_000)
        page.screenshot(path=str(first), **SHOT)
        index = page.evaluate(
            """(name) => { const k = window.paperkg;
                 const r = k.regions.filter((g) => g.t >= 0).map((g) => g.t);
                 const hit = r.find((t) => k.data.nodes[t].label.toLowerCase() === name);
                 return hit === undefined ? r[0] : hit; }""",
            topic.lower(),
        )
        if index is None:
            print("no topic to open", file=sys.stderr)
            browser.close()
            return [first]
        page.evaluate(f"window.paperkg.openTopic({int(index)})")
        page.wait_for_selector("body:not([data-moving])", state="attached")
        page.screenshot(path=str(opened), **SHOT)
        browser.close()
    return [first, opened]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", nargs="?", type=Path)
    parser.add_argument("--topic", default="Diffusion", help="the topic of the second picture")
    parser.add_argument("--to", type=Path, required=True, help="the folder for the images")
    args = parser.parse_args(argv)
    if not Path(CHROMIUM).exists():
        print(f"{CHROMIUM} not found: apt-get install chromium", file=sys.stderr)
        return 2
    page = (args.out or ROOT / "output") / "graph.html"
    if args.out and not page.exists():
        print(f"Error: {page}: no such file (run paperkg build first)", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="paperkg-shot-") as tmp:
        if not page.exists():
            from paperkg.run.outputs import build_outputs

            build_outputs([ROOT / "notes" / "iccv2023.md"], Path(tmp))
            page = Path(tmp) / "graph.html"
        for path in shoot(page, args.to, args.topic):
            print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
