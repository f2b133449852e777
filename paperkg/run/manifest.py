"""The last build's inputs and outputs, so that a build with nothing changed does nothing.

A rebuild that finds every notes file, option, vocabulary and piece of paperkg's code as
the last completed build left them, and every output as that build wrote it, has nothing to
do: it prints the last build's summary and exits, outputs untouched (same bytes, same
mtimes). The check must cost what checking the files costs, so this module imports neither
spaCy nor rdflib nor the writers: sizes and mtimes first, and a file's SHA-256 only when
they changed (an editor that saves without changing a byte changes its mtime only).

The state is JSON in `OUT/cache/` beside the extraction cache (paperkg/run/incremental.py);
it is written last, once the build's outputs are published, and a build that changes
anything rewrites it.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

from paperkg.extract.reading.finding import NotesSearch
from paperkg.extract.reading.source import display_path, find_notes
from paperkg.graph.outputs.atomic import write_text_atomic
from paperkg.version import __version__

STATE_FORMAT = 1
# in the extraction cache's folder (paperkg/run/incremental.py), which keeps this file; named
# here, not imported from there: that module loads spaCy, and the no-op check must not
CACHE_DIR = "cache"
STATE_FILE = "last-build.json"
# the published outputs a build leaves (the HTML view unless html=False), and the store
OUTPUT_FILES = ("graph.ttl", "graph.jsonld", "graph.graphml")
HTML_FILE = "graph.html"
STORE_DIR = "store"
# what in paperkg's own package folders shapes the outputs: code, language data, queries,
# the view's template
_CODE_SUFFIXES = (".py", ".json", ".txt", ".ttl", ".rq", ".j2", ".js", ".css")
_PACKAGES = ("paperkg", "paperkg.extract", "paperkg.graph")


@dataclass(frozen=True)
class Counts:
    """The counts of a build's summary line (the fields of `graph.rdf.build.BuildSummary`,
    which the no-op path cannot import without rdflib)."""

    papers: int
    topics: int
    techniques: int
    relations: int
    triples: int


@dataclass(frozen=True)
class LastBuild:
    """What a check of an up-to-date build gives back: enough for its summary line."""

    counts: Counts
    warnings: tuple[str, ...]
    files: int
    reused: tuple[str, ...]


def _stat(path: Path) -> tuple[int, int]:
    st = path.stat()
    return st.st_size, st.st_mtime_ns


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@functools.cache
def code_fingerprint() -> str:
    """paperkg's version and every file of its packages that shapes an output.

    Hashed, not stat'ed: an editable install's files can be checked out again with new
    mtimes and the same bytes, and a few hundred small files hash in milliseconds. Once
    per process: the code a process runs is the code it loaded (a watch that runs for hours
    hashed them twice a rebuild, 0.3-0.7 s on a busy disk).
    """
    import importlib.util

    digest = hashlib.sha256(f"{__version__}\0{STATE_FORMAT}".encode())
    for package in _PACKAGES:
        spec = importlib.util.find_spec(package)
        roots = list(spec.submodule_search_locations or []) if spec else []
        for root in roots:
            for folder, dirs, names in os.walk(root):
                dirs[:] = sorted(d for d in dirs if not d.startswith((".", "__")))
                for name in sorted(names):
                    if name.endswith(_CODE_SUFFIXES):
                        path = os.path.join(folder, name)
                        rel = os.path.relpath(path, root)
                        with open(path, "rb") as handle:
                            digest.update(f"{package}/{rel}\0".encode() + handle.read() + b"\0")
    return digest.hexdigest()


def _options(
    notes: Sequence[str | Path],
    vocab_files: Sequence[str | Path],
    html: bool,
    search: NotesSearch | None = None,
) -> dict[str, object]:
    vocab = []
    for path in vocab_files:
        try:
            vocab.append([str(Path(path).resolve()), _sha256(Path(path))])
        except OSError:
            vocab.append([str(path), None])
    return {
        "format": STATE_FORMAT,
        "code": code_fingerprint(),
        "cwd": os.getcwd(),  # notes paths in the outputs are relative to it (display_path)
        "notes": [str(Path(p).resolve()) for p in notes],
        "vocab": vocab,
        "html": html,
        "search": _search_options(search),
    }


def _search_options(search: NotesSearch | None) -> list[object]:
    """Which files of folders are notes: another --ext or --follow-symlinks is another build."""
    search = search or NotesSearch()
    return [list(search.extensions), search.follow_symlinks]


def _outputs(out: Path, html: bool) -> dict[str, list[int]]:
    names = OUTPUT_FILES + ((HTML_FILE,) if html else ())
    return {name: list(_stat(out / name)) for name in names}


class BuildState:
    """The state file of one output folder: read by `check`, written by `record`."""

    def __init__(self, out_dir: str | Path) -> None:
        self.out = Path(out_dir)
        self.path = self.out / CACHE_DIR / STATE_FILE

    def _load(self) -> dict | None:
        try:
            data = json.loads(self.path.read_text("utf-8"))
        except (OSError, ValueError):
            return None
        return data if isinstance(data, dict) else None

    def check(
        self,
        notes: Sequence[str | Path],
        vocab_files: Sequence[str | Path] = (),
        html: bool = True,
        search: NotesSearch | None = None,
    ) -> LastBuild | None:
        """The last build, if nothing it depends on changed since; else None (build).

        Never raises for a notes problem: the build that follows reports it properly.
        """
        try:
            return self._check(notes, vocab_files, html, search)
        except (OSError, ValueError, TypeError, KeyError, LookupError):
            return None
        except Exception as err:  # noqa: BLE001 - find_notes' NotesError: the build says it
            if type(err).__module__.startswith("paperkg."):
                return None
            raise

    def _check(
        self,
        notes: Sequence[str | Path],
        vocab_files: Sequence[str | Path],
        html: bool,
        search: NotesSearch | None,
    ) -> LastBuild | None:
        state = self._load()
        if state is None or state.get("options") != _options(notes, vocab_files, html, search):
            return None
        if not (self.out / STORE_DIR).is_dir() or state["outputs"] != _outputs(self.out, html):
            return None
        found, _ = find_notes(list(notes), search)
        files = state["files"]
        if [str(p) for p in found] != [f["path"] for f in files]:
            return None
        restat = False
        for path, known in zip(found, files, strict=True):
            if display_path(path) != known["display"]:
                return None
            if list(_stat(path)) == known["stat"]:
                continue
            if _sha256(path) != known["sha256"]:
                return None
            known["stat"] = list(_stat(path))  # saved again, same bytes: remember the mtime
            restat = True
        if restat:
            write_text_atomic(self.path, json.dumps(state, indent=1, sort_keys=True))
        return LastBuild(
            counts=Counts(**state["counts"]),
            warnings=tuple(state["warnings"]),
            files=int(state["graph_files"]),
            reused=tuple(state["reused"]),
        )

    def record(
        self,
        notes: Sequence[str | Path],
        vocab_files: Sequence[str | Path],
        html: bool,
        sources: Sequence[tuple[Path, tuple[int, int], str]],
        counts: object,
        warnings: Sequence[str],
        graph_files: Sequence[str],
        search: NotesSearch | None = None,
    ) -> None:
        """Remember a build just published: its inputs (`sources`: each notes file found,
        its size and mtime before it was read, and the SHA-256 of what was read), options,
        summary and outputs."""
        state = {
            "options": _options(notes, vocab_files, html, search),
            "files": [
                {"path": str(p), "display": display_path(p), "stat": list(st), "sha256": sha}
                for p, st, sha in sources
            ],
            "outputs": _outputs(self.out, html),
            "counts": asdict(Counts(**{k: getattr(counts, k) for k in Counts.__annotations__})),
            "warnings": list(warnings),
            "graph_files": len(graph_files),
            "reused": list(graph_files),
        }
        write_text_atomic(self.path, json.dumps(state, indent=1, sort_keys=True))

    def forget(self) -> None:
        """Drop the state: the next build checks nothing and builds."""
        self.path.unlink(missing_ok=True)
