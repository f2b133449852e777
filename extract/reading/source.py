"""Reading a notes file into text: encodings, binary files and sizes a user actually has.

Notes come from many editors; a latin-1 file or a BOM must not cost the user their graph,
but a binary file handed to paperkg by mistake must be refused with its name.
"""

from __future__ import annotations

import codecs
import errno
import hashlib
import os
import stat
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from paperkg.extract.reading.finding import file_kind, find_notes

from paperkg.errors import NotesError

__all__ = ["NotesSource", "decode_notes", "display_path", "find_notes", "folder_of", "read_notes"]

MAX_BYTES = 64 * 1024 * 1024  # a notes file larger than this is refused, not read into memory


@dataclass(frozen=True)
class NotesSource:
    """The decoded text of one notes file, with its content hash and any warnings."""

    path: str
    text: str
    sha256: str
    warnings: tuple[str, ...] = ()


def _looks_binary(data: bytes) -> bool:
    head = data[:8192]
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13, 27))
    return bool(head) and controls / len(head) > 0.10


def _utf16(data: bytes) -> str | None:
    """UTF-16 with a BOM (Notepad's "Unicode"): full of NUL bytes, yet text, not binary."""
    if not data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return None
    try:
        return data.decode("utf-16")
    except UnicodeDecodeError:
        return None


def decode_notes(data: bytes, path: str) -> NotesSource:
    """Decode bytes as UTF-8 (BOM and CRLF accepted), else warn and fall back to cp1252/latin-1."""
    warnings: list[str] = []
    digest = hashlib.sha256(data).hexdigest()
    utf16 = _utf16(data)
    if utf16 is None and _looks_binary(data):
        raise NotesError(f"{path}: binary file, not Markdown notes")
    try:
        text = utf16 if utf16 is not None else data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        try:
            text = data.decode("cp1252")
            encoding = "cp1252"
        except UnicodeDecodeError:
            text = data.decode("latin-1")
            encoding = "latin-1"
        warnings.append(f"{path}:{line}: not UTF-8; read as {encoding}")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        warnings.append(f"{path}: empty file")
    return NotesSource(path=path, text=text, sha256=digest, warnings=tuple(warnings))


def read_notes(path: str | Path) -> NotesSource:
    """Read and decode one notes file, refusing what is not text."""
    p = Path(path)
    try:
        data = _read_regular_file(p)
    except IsADirectoryError as err:
        raise NotesError(f"{p}: is a folder, not a notes file") from err
    except FileNotFoundError as err:
        raise NotesError(f"{p}: no such file") from err
    except PermissionError as err:
        raise NotesError(f"{p}: permission denied") from err
    except OSError as err:
        raise NotesError(f"{p}: cannot read ({err.strerror})") from err
    return decode_notes(data, str(path))


def _read_regular_file(p: Path) -> bytes:
    """The bytes of a regular file; a FIFO, socket or device is refused before it is opened
    (a FIFO would block, /dev/zero never end), and checked again on the open descriptor,
    opened non-blocking so that a file swapped for a FIFO in between cannot hang us."""
    mode = os.stat(p).st_mode
    if not stat.S_ISREG(mode):
        if stat.S_ISDIR(mode):
            raise IsADirectoryError(errno.EISDIR, "is a folder", str(p))
        raise NotesError(f"{p}: a {file_kind(mode)}, not a notes file")
    fd = os.open(p, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise NotesError(f"{p}: a {file_kind(info.st_mode)}, not a notes file")
        if info.st_size > MAX_BYTES:
            raise NotesError(f"{p}: {info.st_size} bytes is larger than the {MAX_BYTES} byte limit")
        return handle.read(MAX_BYTES + 1)


def is_readme(path: str | Path) -> bool:
    """A folder's README: notes when it lists papers, else only the folder's description."""
    return Path(str(path).replace("\\", "/")).name.lower() in ("readme.md", "readme.markdown")


def names_its_folder(path: str | Path) -> bool:
    """A page bundle's main file (`posts/my-post/index.qmd`, Hugo's `index.md`, a paper's
    folder with its `README.md`): the folder is the note's name, so when the note is one
    paper the folder is that paper, not a topic it is filed under."""
    stem = Path(str(path).replace("\\", "/")).stem.lower()
    return stem in ("index", "_index", "readme")


def is_description(notes) -> bool:
    """A README that lists no papers: read, but no notes file of the graph (nor of the count)."""
    return is_readme(notes.path) and not notes.entries


def display_path(path: Path) -> str:
    """Paths as the user will recognise them: relative to the working folder when inside it."""
    try:
        rel = os.path.relpath(path)
    except ValueError:
        return str(path)
    return str(path) if rel.startswith("..") else rel.replace(os.sep, "/")


def folder_of(path: Path, roots: Sequence[str | Path]) -> tuple[str, ...]:
    """The folders from the deepest given folder that holds `path` down to the file: the
    folder path a per-paper note is filed under ("neural-nets",). Empty for a file given
    by itself or lying directly in the given folder."""
    best: tuple[str, ...] | None = None
    for root in roots:
        r = Path(root)
        if not r.is_dir():
            continue
        try:
            rel = path.resolve().relative_to(r.resolve())
        except ValueError:
            continue
        parts = tuple(rel.parts[:-1])
        if best is None or len(parts) < len(best):
            best = parts
    return best or ()
