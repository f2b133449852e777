"""Which files of the paths a user gives are notes: the notes root is a boundary.

A notes folder is often a cloned repository or a synced vault, and whatever is read from it
lands in the outputs and the record cache, which users publish. So a folder search never
follows a symlink whose target lies outside the folder given on the command line (unless
asked, `--follow-symlinks`), skips symlink loops, and never opens a FIFO, socket or device
(a FIFO named `x.md` would hang the build, `/dev/zero` would never end). Each kind of
skipped entry is one warning with its count and first paths (README, "Exit codes").

A file given by name is the user's explicit choice: it is read wherever a symlink points,
and as Markdown whatever its extension (with a note when that is not a Markdown one), but
never when it is not a regular file.
"""

from __future__ import annotations

import errno
import os
import stat
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from paperkg.errors import NotesError

# Read by default: plain Markdown, and the Markdown of MDX (Docusaurus, Next.js, Astro blogs)
# and Quarto (.qmd), whose JSX tags and code chunks paperkg reads as HTML and code blocks.
MARKDOWN_EXTENSIONS = (".md", ".markdown", ".mdx", ".qmd")
# Text files a folder of notes may hold instead: named in the "no notes found" hint.
OTHER_TEXT_EXTENSIONS = (".txt", ".text", ".rmd", ".rst", ".org")
FIRST_PATHS = 3  # paths a warning names before "..."


@dataclass(frozen=True)
class NotesSearch:
    """How folders are searched: the extensions read, and whether symlinks may leave a root."""

    extensions: tuple[str, ...] = MARKDOWN_EXTENSIONS
    follow_symlinks: bool = False

    @classmethod
    def of(cls, extra: Iterable[str] = (), follow_symlinks: bool = False) -> NotesSearch:
        """The default extensions plus `extra` (`txt`, `.txt` and `*.txt` all mean `.txt`)."""
        added = tuple("." + e.strip().lstrip("*").lstrip(".").lower() for e in extra)
        extensions = MARKDOWN_EXTENSIONS + tuple(e for e in added if e not in MARKDOWN_EXTENSIONS)
        return cls(tuple(dict.fromkeys(e for e in extensions if e != ".")), follow_symlinks)

    def patterns(self) -> str:
        return ", ".join(f"*{e}" for e in self.extensions)


@dataclass
class _Skipped:
    """What a folder search left out, by kind, to be reported as one warning per kind."""

    outside: list[Path] = field(default_factory=list)
    loops: list[Path] = field(default_factory=list)
    special: list[tuple[Path, str]] = field(default_factory=list)
    broken: list[Path] = field(default_factory=list)
    unreadable: list[Path] = field(default_factory=list)
    other_text: Counter[str] = field(default_factory=Counter)

    def warnings(self, root: Path) -> list[str]:
        out = []
        if self.outside:
            out.append(
                f"{root}: skipped {_count(self.outside, 'symlink')} pointing outside the notes "
                f"folder ({_first(self.outside)}); --follow-symlinks reads them"
            )
        if self.loops:
            out.append(
                f"{root}: skipped {_count(self.loops, 'symlink loop')} ({_first(self.loops)})"
            )
        if self.special:
            named = [f"{p} is a {kind}" for p, kind in self.special]
            more = ", ..." if len(named) > FIRST_PATHS else ""
            out.append(
                f"{root}: skipped {_count(self.special, 'file')} that "
                f"{'is not a regular file' if len(self.special) == 1 else 'are not regular files'} "
                f"({', '.join(named[:FIRST_PATHS])}{more})"
            )
        if self.broken:
            out.append(
                f"{root}: skipped {_count(self.broken, 'broken symlink')} ({_first(self.broken)})"
            )
        if self.unreadable:
            out.append(
                f"{root}: skipped {_count(self.unreadable, 'folder')} that cannot be read "
                f"({_first(self.unreadable)})"
            )
        return out


def _count(items: Sequence, noun: str) -> str:
    return f"{len(items)} {noun}{'' if len(items) == 1 else 's'}"


def _first(paths: Sequence[Path]) -> str:
    more = ", ..." if len(paths) > FIRST_PATHS else ""
    return ", ".join(str(p) for p in paths[:FIRST_PATHS]) + more


def file_kind(mode: int) -> str:
    """What a file that is not a regular file is, in the words of a one-line message."""
    if stat.S_ISFIFO(mode):
        return "FIFO"
    if stat.S_ISSOCK(mode):
        return "socket"
    if stat.S_ISCHR(mode):
        return "character device"
    if stat.S_ISBLK(mode):
        return "block device"
    if stat.S_ISDIR(mode):
        return "folder"
    return "special file"


def _within(path: Path, root: Path) -> bool:
    return path == root or root in path.parents


def _search_folder(root: Path, search: NotesSearch) -> tuple[list[Path], _Skipped]:
    """The notes files under `root`, its real tree first, then folder symlinks that stay in
    the root (or any, when following), each folder walked once."""
    root_real = Path(os.path.realpath(root))
    skipped = _Skipped()
    found: list[Path] = []
    visited: set[tuple[int, int]] = set()
    linked: list[Path] = []  # folder symlinks, walked after the real tree (duplicates skipped)

    def walk(top: Path) -> None:
        stack = [top]
        while stack:
            folder = stack.pop()
            try:
                info = os.stat(folder)
                key = (info.st_dev, info.st_ino)
                if key in visited:
                    continue
                visited.add(key)
                with os.scandir(folder) as listing:
                    entries = sorted(listing, key=lambda e: e.name)
            except OSError:
                skipped.unreadable.append(folder)
                continue
            subfolders = []
            for entry in entries:
                if entry.name.startswith("."):
                    continue
                path = folder / entry.name
                suffix = Path(entry.name).suffix.lower()
                wanted = suffix in search.extensions
                try:
                    if entry.is_symlink():
                        mode = _symlink_mode(path, root_real, search, wanted, skipped)
                        if mode is None:
                            continue
                        if stat.S_ISDIR(mode):
                            linked.append(path)
                            continue
                    elif entry.is_dir(follow_symlinks=False):
                        subfolders.append(path)
                        continue
                    else:
                        mode = entry.stat(follow_symlinks=False).st_mode
                except OSError:
                    continue  # vanished while we looked
                if not wanted:
                    if suffix in OTHER_TEXT_EXTENSIONS and stat.S_ISREG(mode):
                        skipped.other_text[suffix] += 1
                elif stat.S_ISREG(mode):
                    found.append(path)
                else:
                    skipped.special.append((path, file_kind(mode)))
            stack.extend(reversed(subfolders))

    walk(root)
    while linked:
        link = linked.pop(0)
        try:
            info = os.stat(link)
        except OSError:
            continue
        if (info.st_dev, info.st_ino) in visited:
            target = Path(os.path.realpath(link))
            if _within(Path(os.path.realpath(link.parent)), target):
                skipped.loops.append(link)  # a folder linking to itself or an ancestor
            continue  # else the same folder by another path: its files are found already
        walk(link)
    return sorted(found), skipped


def _symlink_mode(
    path: Path, root_real: Path, search: NotesSearch, wanted: bool, skipped: _Skipped
) -> int | None:
    """The mode of what a symlink points at, or None when it is not to be followed."""
    try:
        mode = os.stat(path).st_mode
    except OSError as err:
        if err.errno == errno.ELOOP:
            skipped.loops.append(path)
        elif wanted:
            skipped.broken.append(path)
        return None
    if not search.follow_symlinks and not _within(Path(os.path.realpath(path)), root_real):
        if wanted or stat.S_ISDIR(mode):
            skipped.outside.append(path)
        return None
    return mode


def _no_notes_hint(other: Counter[str]) -> str:
    if not other:
        return ""
    found = ", ".join(f"{n} *{ext} file{'s' if n != 1 else ''}" for ext, n in sorted(other.items()))
    flags = " ".join(f"--ext {ext}" for ext in sorted(other))
    return f"; it holds {found}: add {flags} to read them as Markdown"


def find_notes(
    paths: Sequence[str | Path], search: NotesSearch | None = None
) -> tuple[list[Path], list[str]]:
    """Expand files and folders (searched recursively for the Markdown extensions) into notes
    files, sorted per folder, each file once.

    A folder's README.md is read too: an awesome list or an index of per-paper notes is
    often nothing but a README (one that lists no papers adds nothing and stays quiet).

    Returns the files and warnings (folders holding no notes, entries skipped at the
    boundary); raises `NotesError` when no notes file is found or a file given by name
    cannot be notes.
    """
    search = search or NotesSearch()
    files: list[Path] = []
    warnings: list[str] = []
    hints: Counter[str] = Counter()
    for raw in paths:
        p = Path(raw)
        try:
            mode = os.stat(p).st_mode
        except OSError as err:
            if err.errno == errno.ELOOP:
                raise NotesError(f"{p}: a symlink loop") from err
            if err.errno == errno.EACCES:
                raise NotesError(f"{p}: permission denied") from err
            raise NotesError(f"{p}: no such file or folder") from err
        if stat.S_ISDIR(mode):
            found, skipped = _search_folder(p, search)
            warnings.extend(skipped.warnings(p))
            if not found:
                hint = _no_notes_hint(skipped.other_text)
                warnings.append(
                    f"{p}: no Markdown notes ({search.patterns()}) in this folder{hint}"
                )
                hints.update(skipped.other_text)
            files.extend(found)
        elif stat.S_ISREG(mode):
            files.append(p)
        else:
            raise NotesError(f"{p}: a {file_kind(mode)}, not a notes file")
    if not files:
        names = ", ".join(str(p) for p in paths)
        skips = [w for w in warnings if ": skipped " in w]  # why the folder looked empty
        why = f" ({skips[0]})" if skips else ""
        raise NotesError(
            f"{names}: no Markdown notes ({search.patterns()}) found{_no_notes_hint(hints)}{why}"
        )
    seen: set[Path] = set()
    unique = []
    for f in files:
        key = f.resolve()
        if key not in seen:
            seen.add(key)
            unique.append(f)
    return unique, warnings


def extension_notes(paths: Sequence[str | Path], search: NotesSearch | None = None) -> list[str]:
    """One line for each file given by name whose extension is not a Markdown one: it is
    read as Markdown all the same (the user named it), and the line says so."""
    search = search or NotesSearch()
    notes = []
    for raw in paths:
        p = Path(raw)
        if p.is_file() and p.suffix.lower() not in search.extensions:
            kind = f"*{p.suffix}" if p.suffix else "no extension"
            notes.append(f"{p}: {kind} is not a Markdown extension; read as Markdown")
    return notes
