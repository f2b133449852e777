"""An output folder is paperkg's or empty: a build never overwrites a file it did not write.

`paperkg build -o DIR` replaces whole files by name (graph.ttl, the store, ...). Into a
folder of the user's own (`-o docs`), that would silently replace their files. So a build
writes only into a folder that does not exist, is empty, or carries paperkg's marker file
(`.paperkg`, with the version that wrote it); anything else is refused with the first
foreign names, before anything is written (README, "Exit codes").

`force` builds into such a folder all the same, beside the user's files and without touching
them: a foreign file at one of paperkg's output names is left as it is and that output is not
written (a warning says so, and the marker remembers it for later builds); a foreign `store/`,
`cache/` or marker, which a build cannot do without, is refused even then.

A folder from a paperkg older than the marker (the outputs, `store/` and `cache/manifest.json`,
nothing else) is recognised as paperkg's and gets the marker at its next build.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from paperkg.errors import OutputError
from paperkg.graph.outputs.atomic import write_text_atomic
from paperkg.version import __version__

MARKER = ".paperkg"
MARKER_HEAD = "paperkg output folder"
KEPT = "kept: "  # a marker line naming a foreign file left in place at an output name
OUTPUT_FILES = ("graph.ttl", "graph.jsonld", "graph.graphml", "graph.html")
OUTPUT_FOLDERS = ("store", "cache")  # a build cannot do without these
# what a build leaves for an instant or after a kill: staging folders, temporary files
TRANSIENT = re.compile(r"^\.(build-.+|store-.+|[\w.-]+-old-[0-9a-f]{8}|graph\.\w+\..+\.tmp)$")
# what operating systems put in any folder: it makes no folder the user's
SYSTEM_FILES = frozenset({".DS_Store", "Thumbs.db", "desktop.ini", ".gitkeep"})
FIRST_NAMES = 3


def marker_text(kept: tuple[str, ...] = ()) -> str:
    """The marker's content: the same bytes for the same version and kept files."""
    lines = [
        f"{MARKER_HEAD}, written by paperkg {__version__}",
        "# `paperkg build` rewrites its own outputs in this folder and never touches other files.",
        *(f"{KEPT}{name}" for name in sorted(kept)),
    ]
    return "\n".join(lines) + "\n"


def read_marker(folder: Path) -> tuple[str, ...] | None:
    """The kept names of the folder's marker, or None when it has no paperkg marker."""
    path = folder / MARKER
    try:
        if not path.is_file() or path.stat().st_size > 64 * 1024:
            return None
        text = path.read_text("utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    if not text.startswith(MARKER_HEAD):
        return None
    return tuple(line[len(KEPT) :] for line in text.splitlines() if line.startswith(KEPT))


def _own_name(name: str) -> bool:
    return name in OUTPUT_FILES or name in OUTPUT_FOLDERS or bool(TRANSIENT.match(name))


def _is_older_build(folder: Path, names: list[str]) -> bool:
    """A paperkg build from before the marker: only its names, its store and its cache."""
    return (
        all(_own_name(n) for n in names)
        and (folder / "store").is_dir()
        and (folder / "cache" / "manifest.json").is_file()
    )


def is_paperkg_folder(folder: str | Path) -> bool:
    """Whether `folder` is one a paperkg build wrote (its marker, or an older build's files)."""
    out = Path(folder)
    if read_marker(out) is not None:
        return True
    try:
        names = [p.name for p in out.iterdir()]
    except OSError:
        return False
    return bool(names) and _is_older_build(out, names)


def _first(names: list[str]) -> str:
    more = ", ..." if len(names) > FIRST_NAMES else ""
    return ", ".join(names[:FIRST_NAMES]) + more


@dataclass(frozen=True)
class OutputClaim:
    """The output folder a build may write, and the foreign files at output names it keeps."""

    folder: Path
    kept: tuple[str, ...] = ()

    @property
    def warnings(self) -> tuple[str, ...]:
        return tuple(
            f"{self.folder / name}: not written: paperkg did not write the file there, "
            "and leaves it as it is"
            for name in self.kept
        )

    def mark(self) -> None:
        """Make the folder paperkg's: write the marker (before the first output or record)."""
        write_text_atomic(self.folder / MARKER, marker_text(self.kept))

    def withhold(self, stage: Path) -> None:
        """Drop the staged outputs whose names a foreign file holds, before publishing."""
        for name in self.kept:
            (stage / name).unlink(missing_ok=True)


def claim_output_folder(out_dir: str | Path, force: bool = False) -> OutputClaim:
    """Check that a build may write into `out_dir`; writes nothing.

    Raises `OutputError` (exit 2) naming the first foreign files when the folder is neither
    new, empty nor paperkg's, unless `force`; and, even with `force`, when a foreign file or
    folder holds `store`, `cache` or the marker.
    """
    out = Path(out_dir)
    if not out.exists() and not out.is_symlink():
        return OutputClaim(out)
    if not out.is_dir():
        raise OutputError(f"{out}: not a folder; give -o a new or empty folder")
    kept = read_marker(out)
    if kept is not None:  # paperkg's: keep what was kept and is still there
        return OutputClaim(out, tuple(n for n in kept if _exists(out / n)))
    try:
        names = sorted(p.name for p in out.iterdir() if p.name not in SYSTEM_FILES)
    except OSError as err:
        raise OutputError(f"{out}: cannot read the folder ({err.strerror or err})") from err
    if not names or _is_older_build(out, names):
        return OutputClaim(out)
    if not force:
        raise OutputError(
            f"{out}: not empty and not a paperkg output folder (it holds {_first(names)}); "
            "build into a new or empty folder, or add --force to write beside these files "
            "(paperkg never overwrites them)"
        )
    blocking = [n for n in names if n in OUTPUT_FOLDERS or n == MARKER]
    if blocking:
        raise OutputError(
            f"{out}: holds {_first(blocking)}, which paperkg did not write and needs for its "
            "own; even --force does not overwrite it: build into another folder"
        )
    return OutputClaim(out, tuple(n for n in names if n in OUTPUT_FILES))


def _exists(path: Path) -> bool:
    return path.exists() or path.is_symlink()
