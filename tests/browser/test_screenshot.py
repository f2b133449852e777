"""scripts/screenshot.py: the README's pictures, written where you say, the same bytes each run."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "screenshot.py"
IMAGES = ("view.png", "view-topic.png")


def test_two_runs_over_one_build_write_the_same_bytes_where_asked(example_build, tmp_path):
    tracked = {name: (ROOT / "docs" / name).read_bytes() for name in IMAGES}
    for run in ("first", "second"):
        subprocess.run(
            [sys.executable, str(SCRIPT), str(example_build), "--to", str(tmp_path / run)],
            check=True,
            capture_output=True,
            timeout=300,
        )
    for name in IMAGES:
        first = (tmp_path / "first" / name).read_bytes()
        assert first.startswith(b"\x89PNG") and len(first) > 10_000
        assert first == (tmp_path / "second" / name).read_bytes(), name
    assert {name: (ROOT / "docs" / name).read_bytes() for name in IMAGES} == tracked


def test_the_images_folder_must_be_named():
    done = subprocess.run([sys.executable, str(SCRIPT)], capture_output=True, text=True, timeout=60)
    assert done.returncode == 2 and "--to" in done.stderr
