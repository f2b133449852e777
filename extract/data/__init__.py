"""The extractor's language data (word lists, cue words, the technique vocabulary), read from
the files beside this module, which ship in the wheel as package data.

One loader so that every rule reads its words the same way (UTF-8, from the installed package)
and a data file is found by name, not by the path of whichever module needs it.
"""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path
from typing import Any


def read_text(name: str) -> str:
    """The text of data file `name` (UTF-8)."""
    return resources.files(__package__).joinpath(name).read_text("utf-8")


def read_json(name: str) -> Any:
    """The parsed JSON of data file `name`."""
    return json.loads(read_text(name))


def path(name: str) -> Path:
    """The file system path of data file `name` (for readers that want a path, such as rdflib)."""
    return Path(str(resources.files(__package__).joinpath(name)))
