"""What the reader made of each notes file, for `paperkg inspect`: no NLP, no graph.

Per file: the level its papers were read at, the evidence for it, the number of papers,
the first three titles, and the candidates it left out with their lines, so a user can
see a wrong guess and correct it in `paperkg.toml` (`extract.reading.reading_options`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from paperkg.extract.reading.layout_choice import LayoutChoice
from paperkg.extract.reading.markdown import parse_notes
from paperkg.extract.reading.reading_options import options_for
from paperkg.extract.reading.source import (
    NotesSource,
    display_path,
    find_notes,
    folder_of,
    read_notes,
)

MAX_SKIPPED = 5  # candidates listed per file; the rest are counted


@dataclass(frozen=True)
class FileLayout:
    """One notes file and how it was read."""

    path: str
    layout: LayoutChoice

    def text(self) -> str:
        """The lines `paperkg inspect` prints for this file."""
        return format_layout(self)


def inspect_notes(paths: Sequence[str | Path]) -> tuple[FileLayout, ...]:
    """How each notes file under `paths` is read; `InputError` for a bad `paperkg.toml`."""
    files, _ = find_notes(list(paths))
    out = []
    for path in files:
        source = read_notes(path)
        source = NotesSource(display_path(path), source.text, source.sha256, source.warnings)
        folder = folder_of(path, paths)
        options_for(source.path, folder)
        parsed = parse_notes(source, folder)
        layout = parsed.layout or LayoutChoice("none", (), 0, ())
        out.append(FileLayout(source.path, layout))
    return tuple(out)


def format_layout(found: FileLayout) -> str:
    """A file's reading as a few indented lines of text."""
    layout = found.layout
    lines = [f"{found.path}: {layout.papers} paper(s), read as {layout.level}"]
    lines.extend(f"  evidence: {item}" for item in layout.evidence)
    lines.extend(f"  paper: {title}" for title in layout.titles[:3])
    for item in layout.skipped[:MAX_SKIPPED]:
        lines.append(f"  skipped line {item.line}: {item.text} ({item.reason})")
    if len(layout.skipped) > MAX_SKIPPED:
        lines.append(f"  ... and {len(layout.skipped) - MAX_SKIPPED} more skipped")
    return "\n".join(lines)
