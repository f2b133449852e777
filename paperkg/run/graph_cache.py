"""Each notes file's graph lines, kept on disk for the next build's process.

A build after an edit re-extracts one file, but made every file's triples anew from the
records: 2 s of 6 at 40x the example. A file's graph is a function of its records, the
IRIs it is given and those its links reach (`graph_memo.stored_key`), and of the code that
makes it. So each graph's lines ("s p o", as the store and every text output take them)
are kept in `DIR/cache/graphs/`, named by that key and the graph code's fingerprint, and a
later build reads back the lines of every file whose key it meets again
(`build.build_rdf`'s `stored`). A watch keeps its graphs in memory instead
(graph/rdf/graph_memo.py) and does not use these.

The build also says which of these lines its store holds (`publish`, in
`published.json`: each named graph's key, and which store folder it wrote, by device, inode
and change time). The next build in a new process, when that same store is still the one
published, copies it and applies only the difference (graph/store/patch.py) instead of
loading 400,000 quads again; any other store, one written since, or a graph missing, and it
loads whole.

The files are text, never pickle (the output folder may be shared, and reading it must
never run code, as the record cache's JSON), each with the SHA-256 of its lines first: a
file cut short by a crash or a full disk is a miss, never a graph with lines missing.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Mapping, Sequence
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from paperkg.version import __version__

if TYPE_CHECKING:
    from paperkg.graph.rdf.terms import Triple

GRAPHS_DIR = "graphs"
PUBLISHED = "published.json"
_SUFFIX = ".nt"
_GRAPH_CODE = (".py", ".json", ".ttl")


def graph_fingerprint() -> str:
    """What a graph's lines depend on besides the records: paperkg's version, the code
    and data of `paperkg.graph.rdf`, and the namespaces every IRI is made from."""
    digest = hashlib.sha256(__version__.encode())
    pending = [("", resources.files("paperkg.graph.rdf"))]
    found = []
    while pending:
        prefix, folder = pending.pop()
        for item in folder.iterdir():
            if item.is_dir() and item.name != "__pycache__":
                pending.append((prefix + item.name + "/", item))
            elif item.is_file() and item.name.endswith(_GRAPH_CODE):
                found.append((prefix + item.name, item))
    found.append(("prefixes.json", resources.files("paperkg") / "prefixes.json"))
    for name, item in sorted(found, key=lambda pair: pair[0]):
        digest.update(name.encode() + b"\0" + item.read_bytes())
    return digest.hexdigest()


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


class GraphCache:
    """`graph_memo.StoredGraphs` over `DIR/cache/graphs/`, for the files whose records
    are cached under `record_keys` (notes file path -> record key)."""

    def __init__(self, cache_dir: Path, record_keys: Mapping[str, str]) -> None:
        self.folder = cache_dir / GRAPHS_DIR
        self._records = record_keys
        self._code = graph_fingerprint()
        self.used: set[str] = set()
        self._ready: dict[str, tuple[list[str], frozenset[Triple]]] = {}  # `prefetch`
        self._holding: dict[str, str] | None = None  # `hold`: what this build's store holds

    def record_id(self, path: str) -> str | None:
        key = self._records.get(path)
        return None if key is None else f"{key}\0{self._code}"

    def get(self, key: str) -> tuple[Sequence[str], frozenset[Triple] | None] | None:
        ready = self._ready.pop(key, None)
        if ready is not None:
            self.used.add(key)
            return ready
        lines = self._read(key)
        if lines is None:
            return None
        self.used.add(key)
        return lines, None

    def prefetch(self) -> None:
        """Read every graph kept, with its triples, while a worker extracts the edited
        files (paperkg/run/parallel.py): the graphs of the files not edited are most of
        them, and the union is then their triples' union, not the union's lines parsed
        once they are all known."""
        import pyoxigraph as ox

        if not self.folder.is_dir():
            return
        for item in sorted(self.folder.glob("*" + _SUFFIX)):
            lines = self._read(item.stem)
            if lines is None:
                continue
            text = (" .\n".join(lines) + " .\n").encode("utf-8") if lines else b""
            try:
                parsed = ox.parse(text, format=ox.RdfFormat.N_TRIPLES)
                triples = frozenset((q.subject, q.predicate, q.object) for q in parsed)
            except SyntaxError:
                continue  # not a graph this code wrote: made anew
            self._ready[item.stem] = (lines, triples)

    def _read(self, key: str) -> list[str] | None:
        try:
            text = (self.folder / (key + _SUFFIX)).read_text("utf-8")
        except (OSError, ValueError):
            return None
        checksum, _, body = text.partition("\n")
        if hashlib.sha256(body.encode("utf-8")).hexdigest() != checksum:
            return None  # cut short or changed: made anew
        return body.split("\n") if body else []

    def put(self, key: str, lines: Sequence[str]) -> None:
        body = "\n".join(lines)
        text = hashlib.sha256(body.encode("utf-8")).hexdigest() + "\n" + body
        self._write(self.folder / (key + _SUFFIX), text)
        self.used.add(key)

    def keep(self, lines: Sequence[str]) -> str:
        """Keep lines that no records key (the vocabulary graph's) under their own digest."""
        key = "lines-" + hashlib.sha256("\n".join(lines).encode("utf-8")).hexdigest()[:32]
        if self._read(key) is None:
            self.put(key, lines)
        self.used.add(key)
        return key

    def published(self, store: tuple[int, int, int] | None) -> dict[str, Sequence[str]] | None:
        """The lines of each named graph in `store` (its identity) as the build that published
        it kept them, or None: not that store, or a graph's lines are gone. Call after
        `prefetch` and before the build gets its graphs: an unchanged graph's lines are then
        the very list the build uses, which the difference skips at once."""
        try:
            record = json.loads((self.folder / PUBLISHED).read_text("utf-8"))
            if store is None or tuple(record["store"]) != store:
                return None
            keys = record["graphs"]
        except (OSError, ValueError, KeyError, TypeError):
            return None
        out: dict[str, Sequence[str]] = {}
        for graph, key in keys.items():
            ready = self._ready.get(key)
            lines = ready[0] if ready is not None else self._read(key)
            if lines is None:
                return None
            out[graph] = lines
        return out

    def hold(self, lines: Mapping[str, Sequence[str]], keys: Mapping[str, str]) -> None:
        """This build's store will hold the graphs `lines` (graph IRI -> lines), those of
        notes files kept under `keys`; the rest (the vocabulary graph) are kept here now."""
        holding = dict(keys)
        for graph, spelled in lines.items():
            if graph not in holding:
                holding[graph] = self.keep(spelled)
        self._holding = holding

    def publish(self, store: tuple[int, int, int] | None) -> None:
        """Say that `store` (its identity, after the swap) holds what `hold` was given;
        with no store, or nothing held, forget what was said."""
        target = self.folder / PUBLISHED
        keys = self._holding
        if store is None or keys is None:
            target.unlink(missing_ok=True)
            return
        self._write(
            target, json.dumps({"store": list(store), "graphs": dict(keys)}, sort_keys=True)
        )

    def _write(self, target: Path, text: str) -> None:
        """`text` into `target` by a rename, readable as every output (mkstemp makes it
        0600); no fsync: a torn graph is a miss, a torn record loads the store whole."""
        self.folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".graph.", suffix=".tmp", dir=self.folder)
        try:
            with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
                handle.write(text)
            os.chmod(tmp, 0o666 & ~_umask())
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise

    def commit(self) -> None:
        """The build completed: delete the graphs it did not use."""
        if not self.folder.is_dir():
            return
        for item in self.folder.iterdir():
            if item.suffix == _SUFFIX and item.stem not in self.used:
                item.unlink(missing_ok=True)
            elif item.name.startswith(".graph.") and item.name.endswith(".tmp"):
                item.unlink(missing_ok=True)  # a killed build's
