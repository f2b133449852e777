"""What the tests of made-up note shapes share (test_more_unseen_shapes.py, test_third_... and
test_fourth_...): a fixture folder's gold, written by hand before the reader ran on it, the
papers the reader finds there, the two checks every shape gets, the level `inspect` says
each file is read at, and a text parsed as a notes file."""

from __future__ import annotations

import json
from pathlib import Path

from paperkg.extract.reading.inspection import inspect_notes
from paperkg.extract.reading.markdown import parse_notes
from paperkg.extract.reading.source import NotesSource

from paperkg.run.collect import extract_notes


def gold(folder: Path) -> list[dict]:
    """The folder's `gold.jsonl`: file, line, title, url and section of each paper."""
    text = (folder / "gold.jsonl").read_text()
    return [json.loads(line) for line in text.splitlines()]


def papers_read(folder: Path, vocab) -> dict:
    """(file relative to the folder, line) -> the entry the reader made there."""
    found = {}
    for notes in extract_notes([folder], vocab).files:
        for item in notes.entries:
            if item.entry.kind == "text":
                continue
            relative = str(Path(item.entry.notes_file).resolve().relative_to(folder.resolve()))
            found[(relative, item.entry.line)] = item.entry
    return found


def check_found_exactly(folder: Path, vocab) -> None:
    """Every gold paper is found at its line, and nothing else is."""
    found = papers_read(folder, vocab)
    assert sorted(found) == sorted((g["file"], g["line"]) for g in gold(folder))


def check_titles_links_topics(folder: Path, vocab) -> None:
    """Every gold paper has its title, its link and its topic (the last heading or folder)."""
    found = papers_read(folder, vocab)
    for g in gold(folder):
        entry = found.get((g["file"], g["line"]))
        assert entry is not None, g
        assert (entry.title, entry.url) == (g["title"], g["url"])
        assert (entry.section or entry.folder)[-1:] == tuple(g["section"][-1:])


def levels_read(folder: Path) -> dict[str, str]:
    """File relative to the folder -> the level `paperkg inspect` says it is read at."""
    return {
        str(Path(f.path).resolve().relative_to(folder.resolve())): f.layout.level
        for f in inspect_notes([folder])
    }


def parse_text(text: str, name: str = "notes.md"):
    """`text` parsed as a notes file called `name`."""
    return parse_notes(NotesSource(path=name, sha256="0", text=text))
