"""paperkg: Markdown reading notes to a knowledge graph.

The code lives in two rooms, `paperkg.extract` (Markdown to records) and `paperkg.graph`
(records to RDF and everything that reads RDF); this package names the whole and offers
the Python API (`paperkg/api.py`): `paperkg.build(...)`, `paperkg.open(...)` -> `Graph`,
`paperkg.evaluate(...)`. Importing it loads none of spaCy, rdflib, networkx or pandas: the
API's names resolve on first use, and each call imports only what it needs.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from paperkg.version import __version__ as __version__

__all__ = ["Graph", "build", "errors", "evaluate", "open"]

if TYPE_CHECKING:
    from paperkg import errors
    from paperkg.api import Graph, build, evaluate, open


def __getattr__(name: str):
    """Resolve the API's names lazily (PEP 562), so `import paperkg` stays light."""
    if name in ("Graph", "build", "evaluate", "open"):
        from paperkg import api

        return getattr(api, name)
    if name == "errors":
        from paperkg import errors

        return errors
    raise AttributeError(f"module 'paperkg' has no attribute {name!r}")
