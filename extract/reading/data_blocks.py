"""A spreadsheet pasted into notes as a CSV or TSV block, read as the table it is.

Researchers keep reading lists in spreadsheets and paste them into a note as a fenced
block that says what it holds:

    ```csv
    title,year,url,score
    "Mamba: Linear-Time Sequence Modeling",2023,https://arxiv.org/abs/2312.00752,8
    ```

A fenced block is code to the reader, so such a list would hold no paper. Before parsing,
a block whose info string says `csv` or `tsv` is rewritten as a Markdown table, line for line
(no line added or removed, so every line number stays right): its header row goes on the
opening fence's line, the delimiter row on the header's, each record stays on its line,
and the closing fence is blank. The table is then read as any table of papers is. Any other
fenced block stays code.
"""

from __future__ import annotations

import csv
import re

from paperkg.extract.reading.fences import FENCE

_DATA_FENCE = re.compile(r"^\s{0,3}(```|~~~)\s*\{?\.?(csv|tsv)\b[^`]*$", re.IGNORECASE)


def markdown_from_data_blocks(text: str) -> str:
    """`text` with each CSV or TSV block written as a Markdown table, line for line."""
    if "csv" not in text.lower() and "tsv" not in text.lower():
        return text
    lines = text.split("\n")
    i = 0
    while i < len(lines):
        opened = _DATA_FENCE.match(lines[i])
        if opened is None:
            if FENCE.match(lines[i]):  # another block: skip to its end, code stays code
                i = _closing(lines, i, FENCE.match(lines[i]).group(1)) + 1
                continue
            i += 1
            continue
        end = _closing(lines, i, opened.group(1))
        if end >= len(lines) or end <= i + 1:
            i = end + 1
            continue
        _as_table(lines, i, end, "\t" if opened.group(2).lower() == "tsv" else ",")
        i = end + 1
    return "\n".join(lines)


def _closing(lines: list[str], start: int, marker: str) -> int:
    """The line of the fence that closes the block opened at `start` (past the end if none)."""
    for j in range(start + 1, len(lines)):
        if lines[j].strip().startswith(marker):
            return j
    return len(lines)


def _as_table(lines: list[str], start: int, end: int, delimiter: str) -> None:
    """Rewrite the block between fences `start` and `end` in place as a Markdown table."""
    # a record a line, each parsed alone: the table's rows keep the block's lines
    rows = [next(csv.reader([line], delimiter=delimiter), []) for line in lines[start + 1 : end]]
    if not rows or len(rows[0]) < 2:
        return  # one column is no table: left as code
    width = len(rows[0])
    lines[start] = _row(rows[0], width)
    lines[start + 1] = "|" + "---|" * width
    for j, row in enumerate(rows[1:], start=start + 2):
        lines[j] = _row(row, width) if any(cell.strip() for cell in row) else ""
    lines[end] = ""


def _row(cells: list[str], width: int) -> str:
    padded = [*cells[:width], *([""] * (width - len(cells)))]
    return "| " + " | ".join(" ".join(c.split()).replace("|", "\\|") for c in padded) + " |"
