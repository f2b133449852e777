"""What the tests of made-up note shapes share (test_more_unseen_shapes.py, test_third_... and
test_fourth_...): a fixture folder's gold, written by hand before the reader ran on it, the
papers the reader finds there, and the two checks every shape gets."""

from __future__ import annotations

import json
from pathlib import Path

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
