"""The on-disk Oxigraph store a build leaves in `DIR/store`, built aside and swapped in.

A build that fails or is killed half way must leave the previous store usable, so the new
one is written to a sibling folder and renamed into place only once complete.
"""

from __future__ import annotations

import os
import shutil
import uuid
from contextlib import contextmanager
from pathlib import Path

from rdflib import Dataset

from .bulk_load import has_materialised_union
from .namespaces import bind_prefixes

STORE_DIR = "store"


class StoreError(RuntimeError):
    """No usable store where one was expected; the message says what to run."""


def open_dataset(path: str | Path | None = None, create: bool = False) -> Dataset:
    """An Oxigraph-backed dataset (in memory, or on disk at `path`) queried as a union."""
    ds = Dataset(store="Oxigraph", default_union=True)
    if path is not None:
        ds.open(str(path), create=create)
    bind_prefixes(ds)
    ds.default_union = not has_materialised_union(ds)  # see graph/bulk_load.py
    return ds


def open_read_only(path: str | Path) -> Dataset:
    """An on-disk store opened read-only (pyoxigraph `Store.read_only`) as a union dataset."""
    import pyoxigraph
    from oxrdflib import OxigraphStore

    store = OxigraphStore(store=pyoxigraph.Store.read_only(str(path)))
    ds = Dataset(store=store, default_union=True)
    bind_prefixes(ds)
    ds.default_union = not has_materialised_union(ds)  # see graph/bulk_load.py
    return ds


def store_path(out_dir: str | Path) -> Path:
    return Path(out_dir) / STORE_DIR


def load_store(out_dir: str | Path, read_only: bool = False) -> Dataset:
    """Open the store a build wrote into `out_dir`.

    `read_only` takes no lock and writes nothing, so queries and pushes can run while
    `paperkg serve` (the Oxigraph server, read-only) has the same store open.
    """
    path = store_path(out_dir)
    if not path.is_dir():
        raise StoreError(f"{out_dir}: no graph here; run `paperkg build NOTES -o {out_dir}` first")
    try:
        return open_read_only(path) if read_only else open_dataset(path)
    except (OSError, ValueError) as err:  # pyoxigraph: locks, corrupt or foreign stores
        raise StoreError(f"{path}: cannot open the store ({err})") from err


@contextmanager
def staged_store(out_dir: str | Path):
    """Yield a fresh on-disk dataset beside the live store; swap it in if the block succeeds."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    staging = out / f".{STORE_DIR}-{uuid.uuid4().hex[:8]}"
    ds = open_dataset(staging, create=True)
    try:
        yield ds
        ds.close()
        swap_in(staging, store_path(out))
    except BaseException:
        try:
            ds.close()
        finally:
            shutil.rmtree(staging, ignore_errors=True)
        raise


def swap_in(staging: Path, live: Path) -> None:
    """Replace `live` by `staging` with renames, so a reader never sees a half store."""
    old = live.with_name(f".{live.name}-old-{uuid.uuid4().hex[:8]}")
    if live.exists():
        os.replace(live, old)
    os.replace(staging, live)
    shutil.rmtree(old, ignore_errors=True)
