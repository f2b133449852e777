"""Fixtures the extraction tests share."""

from __future__ import annotations

import pytest
from paperkg.extract.language.vocabulary import load_vocabulary


@pytest.fixture(scope="module")
def vocab():
    """The built-in technique vocabulary (a module may define its own `vocab`)."""
    return load_vocabulary()
