"""The build's store, loaded on a second core while the rest of the build goes on.

Oxigraph's bulk load of a big build is its longest task (40x the example: ~3 CPU s for the
named graphs and their union, then `optimize`). The pieces go to the loader as soon as they
exist: each named graph's N-Quads while `build_rdf` makes the next graphs, the union's
triples (the default graph, see graph/store/bulk_load.py) once all are made.

Two loaders do the same work. `ThreadLoader` bulk loads in a worker thread (Oxigraph
releases the GIL while it parses and sorts). `ProcessLoader` does it in a forked child that
owns the store, so the parent keeps no thread and no open database and may fork again for
its writers (paperkg/run/forked.py); pieces reach the child as files beside the store, named
through a pipe, so the parent never waits for the child to read them.

The text handed over is the build's own spelling of valid pyoxigraph terms, so it is
loaded `lenient` (no IRI re-validation: 40x, 3.4 CPU s down to 2.7).
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable, Iterator, Mapping, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from functools import partial
from pathlib import Path
from typing import Protocol

import pyoxigraph as ox

from paperkg.graph.store.patch import graph_delta, patch_store, union_difference
from paperkg.run.forked import Child, Inbox


class StoreLoader(Protocol):
    takes_pieces: bool  # False: the store is patched from the published one (PatchLoader)

    def piece(self, data: bytes) -> None:
        """Load one piece of N-Quads text (triples go to the default graph)."""

    def finish(self) -> None:
        """All pieces are given: wait until the store is loaded, compacted and closed."""

    def abort(self) -> None:
        """Give up: stop loading as soon as possible and close the store."""


def _bulk_load(store: ox.Store, data: bytes) -> None:
    # bulk_load skips the transaction: a build writes a staged store that nobody reads
    # until it is complete (graph/store/disk.py swaps it in afterwards)
    store.bulk_load(data, format=ox.RdfFormat.N_QUADS, lenient=True)


def _compact(store: ox.Store) -> None:
    # each piece leaves its own files per index; compacted, the saved queries on 12,400
    # papers ran 1.4-2x faster (as fast as after one bulk load of everything, which
    # needed 1.3 GB)
    store.optimize()
    store.flush()


class ThreadLoader:
    """Bulk loads, one after the other, in one worker thread of this process."""

    takes_pieces = True

    def __init__(self, path: Path) -> None:
        self._store: ox.Store | None = ox.Store(str(path))
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="paperkg-store")
        self._jobs: list[Future] = []

    def piece(self, data: bytes) -> None:
        self._jobs.append(self._pool.submit(_bulk_load, self._store, data))

    def finish(self) -> None:
        self._jobs.append(self._pool.submit(_compact, self._store))
        try:
            for job in self._jobs:
                job.result()
        finally:
            self.abort()

    def abort(self) -> None:
        for job in self._jobs:
            job.cancel()
        self._pool.shutdown(wait=True)
        self._store = None  # the last reference: Oxigraph closes the database


class ProcessLoader:
    """Bulk loads in a forked child process that opens, loads and closes the store."""

    takes_pieces = True

    def __init__(self, path: Path) -> None:
        self._pieces = Path(tempfile.mkdtemp(prefix=".pieces-", dir=path.parent))
        self._count = 0
        self._child = Child("loading the store", partial(_load_in_child, str(path)))

    def piece(self, data: bytes) -> None:
        file = self._pieces / f"{self._count:04d}.nq"
        self._count += 1
        file.write_bytes(data)
        self._child.send(str(file).encode("utf-8"))

    def finish(self) -> None:
        try:
            self._child.wait()
        finally:
            shutil.rmtree(self._pieces, ignore_errors=True)

    def abort(self) -> None:
        self._child.kill()
        shutil.rmtree(self._pieces, ignore_errors=True)


def _load_in_child(path: str, inbox: Inbox) -> None:
    store = ox.Store(path)
    for message in inbox:
        file = message.decode("utf-8")
        store.bulk_load(path=file, format=ox.RdfFormat.N_QUADS, lenient=True)
        os.unlink(file)
    _compact(store)
    del store  # closed before the child exits: os._exit runs no destructor


class PatchLoader:
    """The published store copied and updated by the build's difference (graph/store/
    patch.py). A watch's rebuild forks nothing (paperkg/run/outputs.py), so it patches in a
    worker thread, and the database this process then opens keeps no child waiting; a
    build in a new process after an edit (`forked`) patches in a forked child, as it loads
    whole, so that it keeps no thread when it forks its writer. Should the published store
    not open, the whole build is loaded instead, from `nquads` as the other loaders get it.
    """

    takes_pieces = False

    def __init__(
        self,
        path: Path,
        published: Path,
        forked: bool = False,
        before: Mapping[str, Sequence[str]] | None = None,
    ) -> None:
        self._path, self._published, self._forked = path, published, forked
        self._before = before  # the published graphs' lines, where no watch keeps them
        self._pool: ThreadPoolExecutor | None = None
        self._job: Future | None = None
        self._child: Child | None = None

    def piece(self, data: bytes) -> None:
        raise TypeError("a patched store takes its difference, not pieces")

    def delta(self, current: Mapping[str, Sequence[str]]) -> str:
        """The SPARQL update from the published graphs' lines (`before`) to `current`."""
        if self._before is None:
            raise RuntimeError("a patch without a watch needs the published graphs' lines")
        return graph_delta(self._before, current, *union_difference(self._before, current))

    def start(self, update: str, nquads: Callable[[], Iterator[bytes]]) -> None:
        """Begin patching with `update` (SPARQL), `nquads` the whole build if it must load."""
        work = partial(_patch_or_load, self._published, self._path, update, nquads)
        if self._forked:
            self._child = Child("patching the store", lambda inbox: work())
            return
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="paperkg-store")
        self._job = self._pool.submit(work)

    def finish(self) -> None:
        if self._child is not None:
            self._child.wait()
            return
        if self._job is None:
            raise RuntimeError("the store's difference was never given")
        try:
            self._job.result()
        finally:
            self.abort()

    def abort(self) -> None:
        if self._child is not None:
            self._child.kill()
        if self._pool is not None:
            self._pool.shutdown(wait=True)


def _patch_or_load(
    published: Path, path: Path, update: str, nquads: Callable[[], Iterator[bytes]]
) -> None:
    try:
        patch_store(published, path, update)
    except OSError:  # the published store went away or is locked: load the whole build
        shutil.rmtree(path, ignore_errors=True)
        store = ox.Store(str(path))
        for piece in nquads():
            _bulk_load(store, piece)
        _compact(store)
        del store
