"""A note's own legend for its favourites' mark: `🔥 = maintainers' picks`, `💎 = keeper`.

People pick a mark of their own for the papers they would hand to others, and say so once,
at the top of the list:

    Stars = how much I got out of it (out of 5). 💎 = keeper.
    - **Morphology Tokens for Cross-Embodiment Pretraining** https://arxiv.org/abs/... ★★★★★ 💎

No list of marks can know every such symbol, but the note's legend says it: a symbol (or a
few) set equal to words that name a favourite (`note_words.json`'s `favourite_meanings`:
a pick, a keeper, a must-read) is a favourite's mark in that file. A legend whose words
name something else (`🚧 = not finished`) marks nothing here.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from paperkg.extract.reading.note_words import note_words
from paperkg.extract.records import Entry

# a symbol or two (no letter, digit or space), then `=`, `:` or a dash, then its meaning
_LEGEND = re.compile(
    r"(?:^|(?<=[\s(]))(?P<mark>[^\w\s\"'`*_()\[\]|#=:,.;/\\<>-]{1,3})\s*(?:=|:|—|–)\s*"
    r"(?P<meaning>[^.;\n=]{1,80})"
)


def favourite_marks(text: str) -> frozenset[str]:
    """The symbols a notes file's legend says mark its favourites."""
    if "=" not in text and ":" not in text:
        return frozenset()
    meanings = note_words()["favourite_meanings"]
    found = set()
    for m in _LEGEND.finditer(text):
        words = " ".join(re.findall(r"[^\W\d_]+", m.group("meaning").lower()))
        if any(re.search(rf"\b{re.escape(w)}\b", words) for w in meanings):
            found.add(m.group("mark").replace("\ufe0f", ""))
    return frozenset(found)


def with_legend_stars(entries: Sequence[Entry], text: str) -> tuple[Entry, ...]:
    """`entries` with those that carry a mark the file's legend names a favourite's starred."""
    marks = favourite_marks(text)
    if not marks:
        return tuple(entries)
    return tuple(
        replace(e, starred=True)
        if not e.starred and any(mark in e.text.replace("\ufe0f", "") for mark in marks)
        else e
        for e in entries
    )
