"""Shared fixtures: paths to the test notes and a built output folder per session."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
EXAMPLE_NOTES = ROOT / "notes" / "iccv2023.md"


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
