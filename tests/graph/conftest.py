"""Fixtures shared by the graph tests."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest


@pytest.fixture()
def notes(tmp_path, fixtures) -> Path:
    """A notes folder of two files: the contract's notes and a second file beside them."""
    folder = tmp_path / "notes"
    folder.mkdir()
    shutil.copy(fixtures / "contract.md", folder / "a.md")
    shutil.copy(fixtures / "contract_second.md", folder / "b.md")
    return folder
