"""A build's store made from the last one by difference, instead of loaded whole.

Loading 40x the example's 400,000 quads and compacting them costs 2-3 CPU seconds, a save
changes a few thousand. So a rebuild that knows exactly what the published store holds
(the watch keeps it: paperkg/run/warm.py) copies that store into the new staging folder
(`Store.backup` of a read-only open: RocksDB hard-links its immutable files, milliseconds),
then replaces only the changed notes files' named graphs and updates the union in the
default graph (graph/store/bulk_load.py) by the lines that appeared or vanished, in one
SPARQL update, one transaction. The published store is never written; the staged one is
swapped in as every build's is (graph/store/disk.py), so readers see the old store or the
new one, never a half.

The lines are the build's own N-Triples spellings without the final " ." (graph/rdf/
build.py), which SPARQL's data blocks read as they are.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

import pyoxigraph as ox


def _block(lines: Iterable[str]) -> str:
    return " .\n".join(lines) + " ."


def graph_delta(
    published: Mapping[str, Sequence[str]],
    current: Mapping[str, Sequence[str]],
    gone: Iterable[str],
    added: Iterable[str],
) -> str:
    """The SPARQL update from the published store to the current build's: each named graph
    whose lines are not the very object published is dropped and inserted anew (a graph
    no longer built, dropped), and the default graph loses `gone` and gains `added`."""
    ops = []
    for graph, lines in published.items():
        if current.get(graph) is not lines:
            ops.append(f"DROP SILENT GRAPH <{graph}>")
    for graph, lines in current.items():
        if published.get(graph) is not lines and lines:
            ops.append(f"INSERT DATA {{ GRAPH <{graph}> {{\n{_block(lines)}\n}} }}")
    gone, added = list(gone), list(added)
    if gone:
        ops.append(f"DELETE DATA {{\n{_block(gone)}\n}}")
    if added:
        ops.append(f"INSERT DATA {{\n{_block(added)}\n}}")
    return " ;\n".join(ops)


def patch_store(published: Path, target: Path, update: str) -> None:
    """Copy the store at `published` into `target` (a new folder) and apply `update`."""
    ox.Store.read_only(str(published)).backup(str(target))
    store = ox.Store(str(target))
    if update:
        store.update(update)
    store.flush()
    del store  # closed here: a forked child ends with os._exit, which runs no destructor
