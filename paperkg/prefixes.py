"""The one table of namespaces every IRI paperkg writes or reads is made from (`prefixes.json`).

`declared` are the prefixes every output and query declares (Turtle, the JSON-LD context,
the store's SPARQL, a remote query's added PREFIX lines); `undeclared` are namespaces paperkg
also writes in full, never as a prefix (declaring one would change every output). Plain
strings, in the lowest layer: extraction mints technique IRIs from it, the RDF model every
other IRI, and running a saved query needs it without rdflib.
"""

from __future__ import annotations

import json
from importlib import resources

_TABLE = json.loads(resources.files(__package__).joinpath("prefixes.json").read_text("utf-8"))

PREFIX_IRIS: dict[str, str] = _TABLE["declared"]
NAMESPACES: dict[str, str] = {**_TABLE["declared"], **_TABLE["undeclared"]}
