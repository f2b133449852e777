"""A paper of the notes that introduced a technique relates every entry that names the
technique in its text to it (extract/reading/introduced.py), within a file and across notes.

The notes are made up for these tests.
"""

from __future__ import annotations

from pathlib import Path

from paperkg.extract.records import ExtractedEntry, NotesFile

from paperkg.run.collect import extract_notes


def read(folder: Path, vocab) -> tuple[NotesFile, ...]:
    """The records of the notes in `folder`, their links between notes resolved."""
    return extract_notes([folder], vocab).files


def write(folder: Path, files: dict[str, str]) -> Path:
    folder.mkdir(exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def by_title(notes: NotesFile) -> dict[str, ExtractedEntry]:
    return {item.entry.title: item for item in notes.entries}


def targets(item: ExtractedEntry) -> list[int | None]:
    return [r.target for r in item.related if r.target is not None]


def test_a_short_name_named_by_another_title_alone_relates_nothing(tmp_path, vocab):
    """A related work is named outside the entry's own title (GUIDELINE)."""
    text = """# Reading list

- [Mamba](https://arxiv.org/abs/2312.00752) [8/10]
- [Zorb: Beyond Mamba for Pebble Counting](https://arxiv.org/abs/2101.00007) [6/10]
  - Counts pebbles in one pass.
- [Quill: Beyond Mamba for Shell Sorting](https://arxiv.org/abs/2101.00008) [7/10]
  - Swaps the selective scan of Mamba for a cheaper one.
"""
    (notes,) = read(write(tmp_path / "notes", {"list.md": text}), vocab)
    entries = by_title(notes)
    assert targets(entries["Zorb: Beyond Mamba for Pebble Counting"]) == []
    assert targets(entries["Quill: Beyond Mamba for Shell Sorting"]) == [0]
