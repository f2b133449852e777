"""paperkg: Markdown reading notes to a knowledge graph.

The code lives in two rooms, `paperkg.extract` (Markdown to records) and `paperkg.graph`
(records to RDF and everything that reads RDF); this package names the whole and offers
the Python API (`paperkg/api.py`): `paperkg.build(...)`, `paperkg.open(...)` -> `Graph`,
`paperkg.remote(...)` -> `RemoteGraph`, `paperkg.serve(...)`, `paperkg.push(...)`, ...
Importing it loads none of spaCy, rdflib, networkx or pandas: the API's names resolve on
first use, and each call imports only what it needs.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from paperkg.version import __version__ as __version__

__all__ = [
    "Graph",
    "RemoteGraph",
    "build",
    "candidates",
    "errors",
    "evaluate",
    "inspect",
    "live_view",
    "open",
    "push",
    "queries",
    "remote",
    "serve",
    "view_page",
    "vocabulary",
    "watch",
]
_API = frozenset(__all__) - {"errors"}  # paperkg/api.py's names, resolved on first use

if TYPE_CHECKING:
    from paperkg import errors
    from paperkg.api import (
        Graph,
        RemoteGraph,
        build,
        candidates,
        evaluate,
        inspect,
        live_view,
        open,
        push,
        queries,
        remote,
        serve,
        view_page,
        vocabulary,
        watch,
    )


def __getattr__(name: str):
    """Resolve the API's names lazily (PEP 562), so `import paperkg` stays light."""
    if name in _API:
        from paperkg import api

        return getattr(api, name)
    if name == "errors":
        from paperkg import errors

        return errors
    raise AttributeError(f"module 'paperkg' has no attribute {name!r}")
