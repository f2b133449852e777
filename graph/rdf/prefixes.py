"""The prefixes every paperkg output and query declares, as plain strings from `prefixes.json`.

Apart from `namespaces.py` (rdflib objects) so that running a saved query, which needs only
these strings and pyoxigraph, never imports rdflib.
"""

from __future__ import annotations

import json
from importlib import resources

PREFIX_IRIS: dict[str, str] = json.loads(
    resources.files(__package__).joinpath("prefixes.json").read_text("utf-8")
)
