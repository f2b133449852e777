"""Which note, and so which paper, a link to another note points at.

Only known once every file is read (and an incremental build caches each file's records
alone), so the run calls `link_notes` over all records as the last step of extraction: the
records that leave it carry their resolved links, and the RDF build only writes them.
Relative links resolve against the linking file's folder; wikilinks by note name, as
Obsidian does: the file whose name matches, the shortest path first, then a note's
aliases. A link that names no file read is unresolved: the graph makes it an external work
when its name has the shape of one.
"""

from __future__ import annotations

import posixpath
from collections.abc import Sequence
from dataclasses import replace

from paperkg.extract.reading.introduced import relate_introduced
from paperkg.extract.reading.named_papers import relate_named
from paperkg.extract.records import NoteLink, NotesFile, ResolvedLink

__all__ = [
    "NoteIndex",
    "ResolvedLink",
    "link_notes",
    "linked_text_notes_only",
    "resolve_note_links",
]


def _norm(path: str) -> str:
    return posixpath.normpath(path.replace("\\", "/")).lower()


def _stem(path: str) -> str:
    name = posixpath.basename(path.replace("\\", "/"))
    for suffix in (".md", ".markdown"):
        if name.lower().endswith(suffix):
            name = name[: -len(suffix)]
    return " ".join(name.replace("_", " ").split()).lower()


class NoteIndex:
    """Every file read, by path, by note name and by alias, with its paper entry if any."""

    def __init__(self, files: Sequence[NotesFile]) -> None:
        self.by_path: dict[str, int] = {}
        self.by_stem: dict[str, list[int]] = {}
        self.by_alias: dict[str, int] = {}
        self.paper_of: dict[int, int | None] = {}
        self.paths: list[str] = []
        flat = 0
        for i, notes in enumerate(files):
            self.paths.append(notes.path)
            self.by_path[_norm(notes.path)] = i
            self.by_stem.setdefault(_stem(notes.path), []).append(i)
            paper = None
            for item in notes.entries:
                if item.entry.kind == "note" and paper is None:
                    paper = flat
                    for alias in item.entry.aliases:
                        self.by_alias.setdefault(" ".join(alias.lower().split()), i)
                flat += 1
            self.paper_of[i] = paper
        # a note with no paper of its own is the paper of the index item that links it
        flat = 0
        for notes in files:
            for item in notes.entries:
                linked = item.entry.note_file
                target = self.by_path.get(_norm(linked)) if linked else None
                if target is not None and self.paper_of.get(target) is None:
                    self.paper_of[target] = flat
                flat += 1
        for files_with_stem in self.by_stem.values():
            files_with_stem.sort(key=lambda k: (self.paths[k].count("/"), self.paths[k]))

    def find(self, source: str, link: NoteLink) -> int | None:
        """The file a link from `source` points at, or None."""
        target = link.target.replace("\\", "/")
        if not link.wiki:
            path = posixpath.join(posixpath.dirname(source.replace("\\", "/")), target)
            if not _stem(target) or "." not in posixpath.basename(target):
                path += ".md"
            found = self.by_path.get(_norm(path))
            if found is not None:
                return found
        if "/" in target and link.wiki:
            suffix = "/" + _norm(target if target.lower().endswith(".md") else target + ".md")
            for key, i in sorted(self.by_path.items()):
                if ("/" + key).endswith(suffix):
                    return i
        stems = self.by_stem.get(_stem(target))
        if stems:
            return stems[0]
        return self.by_alias.get(" ".join(_stem(target).split()))


def linked_text_notes_only(files: Sequence[NotesFile]) -> tuple[NotesFile, ...]:
    """The files without the text of notes that are no paper (`kind == "text"`) and that no
    index item links: such a note (a vault's concept note) says nothing about a paper."""
    linked = {
        _norm(item.entry.note_file) for f in files for item in f.entries if item.entry.note_file
    }
    out = []
    for notes in files:
        keep = tuple(
            item
            for item in notes.entries
            if item.entry.kind != "text" or _norm(notes.path) in linked
        )
        out.append(notes if len(keep) == len(notes.entries) else replace(notes, entries=keep))
    return tuple(out)


def resolve_note_links(files: Sequence[NotesFile]) -> dict[int, tuple[ResolvedLink, ...]]:
    """Flat entry index (over all files, in order) -> its note links, resolved."""
    index = NoteIndex(files)
    out: dict[int, tuple[ResolvedLink, ...]] = {}
    flat = 0
    for i, notes in enumerate(files):
        for item in notes.entries:
            resolved = []
            for link in item.entry.note_links:
                found = index.find(notes.path, link)
                if found == i:
                    continue  # a link to the note itself
                paper = index.paper_of.get(found) if found is not None else None
                resolved.append(ResolvedLink(link, paper, found is not None))
            if resolved:
                out[flat] = tuple(resolved)
            flat += 1
    return out


def file_map_items(files: Sequence[NotesFile]) -> tuple[NotesFile, ...]:
    """The items of maps of content (`content_maps`, kind "map") that link a paper's note,
    as entries of that paper filed under their heading (their `note_file` the note's
    path); the items that link anything else, or nothing read, dropped."""
    if not any(item.entry.kind == "map" for notes in files for item in notes.entries):
        return tuple(files)
    index = NoteIndex(files)
    out = []
    for i, notes in enumerate(files):
        kept = []
        for item in notes.entries:
            entry = item.entry
            if entry.kind != "map":
                kept.append(item)
                continue
            found = index.find(notes.path, entry.note_links[0])
            if found is None or found == i:
                continue
            target = files[found]
            if any(other.entry.kind == "note" for other in target.entries):
                filed = replace(entry, kind="item", note_file=target.path, note_links=())
                kept.append(replace(item, entry=filed))
        same = len(kept) == len(notes.entries) and all(
            a is b for a, b in zip(kept, notes.entries, strict=True)
        )
        out.append(notes if same else replace(notes, entries=tuple(kept)))
    return tuple(out)


def link_notes(files: Sequence[NotesFile]) -> tuple[NotesFile, ...]:
    """The records complete: maps of content's items filed (`file_map_items`), the text of
    unlinked concept notes dropped (`linked_text_notes_only`), and each entry's links to
    other notes resolved into its `resolved_links`, their `paper` an index over the entries
    of the files returned."""
    files = file_map_items(files)
    files = relate_named(relate_introduced(linked_text_notes_only(files)))
    resolved = resolve_note_links(files)
    if not resolved:
        return files
    out = []
    flat = 0
    for notes in files:
        entries = list(notes.entries)
        for i in range(len(entries)):
            links = resolved.get(flat + i)
            if links:
                entries[i] = replace(entries[i], resolved_links=links)
        flat += len(entries)
        out.append(replace(notes, entries=tuple(entries)))
    return tuple(out)
