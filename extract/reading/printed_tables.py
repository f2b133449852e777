"""A table printed in a notebook's output, read as the table it is.

A notebook exported to Markdown (`jupyter nbconvert --to markdown`) writes each cell's
output as an indented code block; a reading list kept in a DataFrame prints as columns
padded with spaces:

                                   title                               url  score
      Mixture-of-Depths Routing for Long Context  https://arxiv.org/abs/2502.90411      8
    Sparse Autoencoders Find Tokenizer Artifacts  https://arxiv.org/abs/2502.94470      6

As code, such a list holds no paper. Before parsing, an indented block whose first line
names a title column and a link column (`note_words.json`'s `title_fields`, `url_fields`)
and whose every other line holds a link is rewritten as a Markdown table, in place: the
blank line over the block takes the header, the header's line the delimiter row, and each
row stays on its line. Columns are where two or more spaces part the words.
"""

from __future__ import annotations

import re

from paperkg.extract.reading.fences import FENCE
from paperkg.extract.reading.note_words import note_words

_INDENTED = re.compile(r"^(?: {4}|\t)\s*\S")
_COLUMNS = re.compile(r"\s{2,}")
_URL = re.compile(r"https?://\S+")
MIN_ROWS = 2


def markdown_from_printed_tables(text: str) -> str:
    """`text` with each printed table of papers written as a Markdown table."""
    if "    " not in text and "\t" not in text:
        return text
    lines = text.split("\n")
    i, fenced = 0, False
    while i < len(lines):
        if FENCE.match(lines[i]):
            fenced = not fenced
        if fenced or not _INDENTED.match(lines[i]) or not _opens_block(lines, i):
            i += 1
            continue
        end = i
        while end < len(lines) and _INDENTED.match(lines[end]):
            end += 1
        _as_table(lines, i, end)
        i = end
    return "\n".join(lines)


def _opens_block(lines: list[str], i: int) -> bool:
    """An indented block starts at `i` after a blank line (a code block's start)."""
    return i > 0 and not lines[i - 1].strip() and (i < 2 or not _INDENTED.match(lines[i - 2]))


def _as_table(lines: list[str], start: int, end: int) -> None:
    header = _COLUMNS.split(lines[start].strip())
    keys = [" ".join(h.lower().split()) for h in header]
    nw = note_words()
    title = next((k for k, key in enumerate(keys) if key in nw["title_fields"]), None)
    url = next((k for k, key in enumerate(keys) if key in nw["url_fields"]), None)
    rows = [_COLUMNS.split(line.strip()) for line in lines[start + 1 : end]]
    if title is None or url is None or len(rows) < MIN_ROWS:
        return
    if any(len(row) != len(header) or not _URL.fullmatch(row[url]) for row in rows):
        return
    lines[start - 1] = "| " + " | ".join(header) + " |"
    lines[start] = "|" + "---|" * len(header)
    for k, row in enumerate(rows, start + 1):
        lines[k] = "| " + " | ".join(cell.replace("|", "\\|") for cell in row) + " |"
