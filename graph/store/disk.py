"""The on-disk Oxigraph store a build leaves in `DIR/store`, built aside and swapped in.

A build that fails or is killed half way must leave the previous store usable, so the new
one is written to a sibling folder and renamed into place only once complete.
"""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import pyoxigraph as ox

from paperkg.errors import StoreError

if TYPE_CHECKING:  # rdflib only for callers that want its Dataset: queries need none of it
    from rdflib import Dataset

STORE_DIR = "store"

__all__ = [
    "StoreError",
    "load_store",
    "open_dataset",
    "open_read_only",
    "read_only_store",
    "staged_store_folder",
]


def open_dataset(path: str | Path | None = None, create: bool = False) -> Dataset:
    """An Oxigraph-backed dataset (in memory, or on disk at `path`) queried as a union."""
    from paperkg.graph.rdf.namespaces import bind_prefixes
    from paperkg.graph.store.bulk_load import has_materialised_union
    from rdflib import Dataset

    ds = Dataset(store="Oxigraph", default_union=True)
    if path is not None:
        ds.open(str(path), create=create)
    bind_prefixes(ds)
    ds.default_union = not has_materialised_union(ds)  # see graph/store/bulk_load.py
    return ds


def open_read_only(path: str | Path) -> Dataset:
    """An on-disk store opened read-only (pyoxigraph `Store.read_only`) as a union dataset."""
    return dataset_over(ox.Store.read_only(str(path)))


def dataset_over(store: ox.Store) -> Dataset:
    """An rdflib Dataset over an open pyoxigraph store, queried as the union of its graphs."""
    from oxrdflib import OxigraphStore
    from paperkg.graph.rdf.namespaces import bind_prefixes
    from paperkg.graph.store.bulk_load import has_materialised_union
    from rdflib import Dataset

    ds = Dataset(store=OxigraphStore(store=store), default_union=True)
    bind_prefixes(ds)
    ds.default_union = not has_materialised_union(ds)  # see graph/store/bulk_load.py
    return ds


def store_path(out_dir: str | Path) -> Path:
    return Path(out_dir) / STORE_DIR


def store_identity(out_dir: str | Path) -> tuple[int, int, int] | None:
    """Which store folder `out_dir` holds: another build's swap, or a store written since
    (RocksDB adds files to its folder), is another; None when there is none. What a build
    kept of the store it published is only good for the same one (paperkg/run/warm.py,
    graph_cache.py)."""
    try:
        st = os.stat(store_path(out_dir))
    except OSError:
        return None
    return st.st_dev, st.st_ino, st.st_ctime_ns


def built_store(out_dir: str | Path) -> Path:
    """The store folder a build wrote into `out_dir`; StoreError if there is none."""
    path = store_path(out_dir)
    if not path.is_dir():
        raise StoreError(f"{out_dir}: no graph here; run `paperkg build NOTES -o {out_dir}` first")
    return path


def load_store(out_dir: str | Path, read_only: bool = False) -> Dataset:
    """Open the store a build wrote into `out_dir`.

    `read_only` takes no lock and writes nothing, so queries and pushes can run while
    `paperkg serve` (the Oxigraph server, read-only) has the same store open.
    """
    path = built_store(out_dir)
    try:
        return open_read_only(path) if read_only else open_dataset(path)
    except (OSError, ValueError) as err:  # pyoxigraph: locks, corrupt or foreign stores
        raise StoreError(f"{path}: cannot open the store ({err})") from err


def read_only_store(out_dir: str | Path) -> tuple[ox.Store, bool]:
    """The store a build wrote into `out_dir`, opened read-only with pyoxigraph alone (no
    rdflib), and whether queries must ask for the union of the named graphs: a build
    writes that union into the default graph (graph/store/bulk_load.py), older stores did not.
    """
    path = built_store(out_dir)
    try:
        store = ox.Store.read_only(str(path))
    except (OSError, ValueError) as err:
        raise StoreError(f"{path}: cannot open the store ({err})") from err
    default = ox.DefaultGraph()
    materialised = next(iter(store.quads_for_pattern(None, None, None, default)), None)
    return store, materialised is None


@contextmanager
def staged_store_folder(out_dir: str | Path) -> Iterator[Path]:
    """Yield a fresh folder beside the live store for a new one; swap it in if the block
    succeeds. The block writes the store there itself (paperkg/run/store_loader.py, perhaps in
    another process) and must have closed it by the block's end."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    staging = out / f".{STORE_DIR}-{uuid.uuid4().hex[:8]}"
    try:
        yield staging
        swap_in(staging, store_path(out))
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def swap_in(staging: Path, live: Path) -> None:
    """Replace `live` by `staging` with renames, so a reader never sees a half store."""
    old = live.with_name(f".{live.name}-old-{uuid.uuid4().hex[:8]}")
    if live.exists():
        os.replace(live, old)
    os.replace(staging, live)
    shutil.rmtree(old, ignore_errors=True)
