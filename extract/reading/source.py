"""Reading a notes file into text: encodings, binary files and sizes a user actually has.

Notes come from many editors; a latin-1 file or a BOM must not cost the user their graph,
but a binary file handed to paperkg by mistake must be refused with its name.
"""

from __future__ import annotations

import codecs
import hashlib
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from paperkg.errors import NotesError

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
        size = p.stat().st_size
        if size > MAX_BYTES:
            raise NotesError(f"{p}: {size} bytes is larger than the {MAX_BYTES} byte limit")
        data = p.read_bytes()
    except IsADirectoryError as err:
        raise NotesError(f"{p}: is a folder, not a notes file") from err
    except FileNotFoundError as err:
        raise NotesError(f"{p}: no such file") from err
    except PermissionError as err:
        raise NotesError(f"{p}: permission denied") from err
    except OSError as err:
        raise NotesError(f"{p}: cannot read ({err.strerror})") from err
    return decode_notes(data, str(path))


def is_readme(path: str | Path) -> bool:
    """A folder's README: notes when it lists papers, else only the folder's description."""
    return Path(str(path).replace("\\", "/")).name.lower() in ("readme.md", "readme.markdown")


def is_description(notes) -> bool:
    """A README that lists no papers: read, but no notes file of the graph (nor of the count)."""
    return is_readme(notes.path) and not notes.entries


def find_notes(paths: list[str | Path]) -> tuple[list[Path], list[str]]:
    """Expand files and folders (searched recursively for *.md) into notes files, sorted.

    A folder's README.md is read too: an awesome list or an index of per-paper notes is
    often nothing but a README (one that lists no papers adds nothing and stays quiet).

    Returns the files and warnings for folders holding no notes; raises when none is found.
    """
    files: list[Path] = []
    warnings: list[str] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            found = sorted(
                q
                for q in p.rglob("*")
                if q.is_file()
                and q.suffix.lower() in (".md", ".markdown")
                and not any(part.startswith(".") for part in q.relative_to(p).parts)
            )
            if not found:
                warnings.append(f"{p}: no Markdown notes (*.md) in this folder")
            files.extend(found)
        elif p.exists():
            files.append(p)
        else:
            raise NotesError(f"{p}: no such file or folder")
    if not files:
        names = ", ".join(str(p) for p in paths)
        raise NotesError(f"{names}: no Markdown notes (*.md) found")
    seen: set[Path] = set()
    unique = []
    for f in files:
        key = f.resolve()
        if key not in seen:
            seen.add(key)
            unique.append(f)
    return unique, warnings


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
