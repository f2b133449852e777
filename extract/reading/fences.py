"""Where a fenced code block opens or closes: the rewriters that run before parsing
(`html_blocks`, `admonitions`, `definition_lists`) leave what is inside one as it is, as
code, never as notes to rewrite."""

from __future__ import annotations

import re
from collections.abc import Callable

FENCE = re.compile(r"^\s{0,3}(```|~~~)")


def rewrite_outside_fences(text: str, rewrite: Callable[[list[str], int], int | None]) -> str:
    """`text` with `rewrite(lines, i)` called at each line outside fenced code blocks, in
    order; it rewrites the lines of a block opening at `i` in place and returns the line
    after it, or None where no block opens there."""
    lines = text.split("\n")
    fenced = False
    i = 0
    while i < len(lines):
        if FENCE.match(lines[i]):
            fenced = not fenced
        after = None if fenced else rewrite(lines, i)
        i = i + 1 if after is None else max(after, i + 1)
    return "\n".join(lines)
