"""Org-mode property drawers left in Markdown, read as the fields they hold.

Notes kept in Org (org-roam, Emacs) and exported to Markdown keep each heading's drawer:

    ## Denoising Diffusion Probabilistic Models
    :PROPERTIES:
    :URL: https://arxiv.org/abs/2006.11239
    :AUTHORS: Ho, Jain, Abbeel
    :END:

To the Markdown reader these are lines of colons, no fields: the heading holds no link.
Before parsing, each drawer is rewritten line for line (no line added or removed, so every
line number stays right): its `:KEY: value` lines become `KEY: value` field lines, its
`:PROPERTIES:` and `:END:` lines blank. The heading is then read as any heading over a
paper's fields is. Fenced code blocks are left as they are.
"""

from __future__ import annotations

import re

from paperkg.extract.reading.fences import rewrite_outside_fences

_OPEN = re.compile(r"^\s*:PROPERTIES:\s*$", re.IGNORECASE)
_END = re.compile(r"^\s*:END:\s*$", re.IGNORECASE)
_PROPERTY = re.compile(r"^\s*:([\w-]+):[ \t]+(\S.*)$")
MAX_DRAWER_LINES = 40


def markdown_from_org_drawers(text: str) -> str:
    """`text` with each property drawer written as field lines, line for line."""
    if ":PROPERTIES:" not in text.upper():
        return text
    return rewrite_outside_fences(text, _drawer)


def _drawer(lines: list[str], i: int) -> int | None:
    """Rewrite the drawer opening at line `i`, if one does; the line after it."""
    if not _OPEN.match(lines[i]):
        return None
    last = min(i + MAX_DRAWER_LINES, len(lines))
    end = next((j for j in range(i + 1, last) if _END.match(lines[j])), None)
    if end is None or not all(_PROPERTY.match(x) for x in lines[i + 1 : end]):
        return None
    lines[i] = lines[end] = ""
    for j in range(i + 1, end):
        m = _PROPERTY.match(lines[j])
        lines[j] = f"{m.group(1).capitalize()}: {m.group(2)}"  # type: ignore[union-attr]
    return end + 1
