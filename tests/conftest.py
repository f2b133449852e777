"""Shared fixtures: paths to the test notes and a built output folder per session."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
EXAMPLE_NOTES = ROOT / "notes" / "iccv2023.md"


# the suites that need Debian packages scripts/test.sh installs: `-m "not browser and not
# remote"` runs the rest without them (README, "Set up"); markers registered in pyproject.toml
SUITE_MARKERS = {"browser": "tests/browser/", "remote": "tests/remote/"}


@pytest.hookimpl(tryfirst=True)  # before pytest's own hook deselects by -m
def pytest_collection_modifyitems(items) -> None:
    for item in items:
        path = Path(str(item.fspath)).as_posix()
        for marker, folder in SUITE_MARKERS.items():
            if f"/{folder}" in path:
                item.add_marker(getattr(pytest.mark, marker))


@pytest.fixture(scope="session")
def fixtures() -> Path:
    return FIXTURES


@pytest.fixture(scope="session")
def example_notes() -> Path:
    return EXAMPLE_NOTES


@pytest.fixture(scope="session")
def example_build(tmp_path_factory) -> Path:
    """The example notes built once per test session; tests must not modify it."""
    from paperkg.run.outputs import build_outputs

    out = tmp_path_factory.mktemp("example-build")
    build_outputs([EXAMPLE_NOTES], out)
    return out
