"""Paper entries outside list items: table rows and numbered-reference paragraphs.

Paper lists are not always bullets. A table whose rows are papers (`| Title | Venue |
[pdf](url) |`) and a reference list written as paragraphs (`**[1]** Author. "Title" (2015)
[[pdf]](url)`, one per line) hold entries too. This module turns such blocks into the same
flattened text a list item gives, so `entry_parts.read_entry` reads them like any item.
"""

from __future__ import annotations

import re

from paperkg.extract.reading.entry_parts import InlineText

_REFERENCE_START = re.compile(r"\s*\[\d{1,4}\]\s")
# header cells that name the column holding the paper's title
_TITLE_HEADERS = frozenset({"title", "paper", "papers", "paper title", "name", "publication"})
ROW_SEPARATOR = " | "


def is_reference(inline: InlineText) -> bool:
    """A paragraph that opens with a reference number `[1]` (bold or not)."""
    return bool(_REFERENCE_START.match(inline.text))


def reference_pieces(inline: InlineText) -> list[InlineText]:
    """One piece per reference: consecutive lines of one paragraph that each start `[N]`."""
    starts = [0] + [pos for pos, _ in inline.marks[1:] if _REFERENCE_START.match(inline.text, pos)]
    ends = starts[1:] + [len(inline.text)]
    return [inline.slice(a, b) for a, b in zip(starts, ends, strict=True) if b > a]


def title_column(header: list[str]) -> int:
    """The column of a table that holds titles: one headed like "Title"/"Paper", else the first."""
    for i, cell in enumerate(header):
        if " ".join(cell.lower().split()).strip(" *_:") in _TITLE_HEADERS:
            return i
    return 0


def row_text(cells: list[InlineText], column: int) -> InlineText:
    """A table row as one item's text: the title cell first, the others after ` | `."""
    if not cells:
        return InlineText("", (), (), ((0, 1),))
    column = column if column < len(cells) else 0
    ordered = [cells[column]] + [c for i, c in enumerate(cells) if i != column]
    return InlineText.join([c for c in ordered if c.text.strip()] or ordered[:1], ROW_SEPARATOR)
