"""Ratings written as a labelled bare number (`rating: 8`), read on the scale the file shows.

A note-taker who rates every paper out of 10 soon stops writing the `/10`:

    - **Sparse Routers for Long Context** ([arxiv](https://arxiv.org/abs/2501.00001))
      - rating: 8
    - Token Merging at Scale · https://arxiv.org/abs/2502.00002 · rating: 6

One such number says no scale (4 of 5? of 10?), but a file's numbers say it together, as a
table's Rating column of bare numbers does (`table_fields.rating_column_scale`): out of 10
where one of them is above 5, out of 5 where two or more are and none is above 5. A label
followed by a number above 10 (`score: 85.3 on MMLU`) is a result, and the file's labelled
numbers are then no ratings at all. A number alone closing a title's line after a dash
(`- arXiv:2501.00001 — Title (cs.LG) — 6`) is read so too, where two or more entries of the
file close on one, or on one in brackets (`Title (8)`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from functools import cache

from paperkg.extract.reading.note_words import note_words
from paperkg.extract.records import Entry

MIN_CLOSING = 2  # one title closing on a number says nothing; two or more are a habit


@cache
def _labelled() -> re.Pattern[str]:
    labels = "|".join(re.escape(w) for w in sorted(note_words()["rating_fields"], key=len)[::-1])
    # the label, then `:`, `::` or `=` (or nothing, where a dash or a dot sets the label
    # apart: `— score 7`), the number, and then no fraction, unit, more digits or word of
    # a result (`score 7 points higher`)
    return re.compile(
        rf"(?i)(?:(?<![\w-])(?:{labels})\s*(?:::?|=)|(?:^|[—–·|]|\s-)\s*\**(?:{labels})\s)"
        r"\s*\**\s*(?P<n>\d{1,3}(?:[.,]\d{1,2})?)"
        r"(?!\s*(?:/|out of\b|%|[.,]?\d|points?\b|pts\b|percent\b|x\b|×))"
    )


# (not a table row's next cell, `1 | 2025 | ...`: a row's number, its year)
# (or in brackets, `Title (8)`, as a wiki's notes write their scores)
_OPENING_NUMBER = re.compile(
    r"^(?:\((?P<b>\d{1,2}(?:[.,]5)?)\)|(?P<n>\d{1,2}(?:[.,]5)?))(?:\s+(?!\|)|$)"
)


def labelled_number(text: str) -> float | None:
    """The number a rating label gives in `text`, with no scale written (`rating: 8`)."""
    m = _labelled().search(text)
    return float(m.group("n").replace(",", ".")) if m else None


def closing_number(entry: Entry) -> float | None:
    """The bare number that closed the entry's title line (`Title — 6`), which
    `entry_parts` made its comment's first word; no rating unless the file's entries
    close so together (`with_bare_ratings`)."""
    m = _OPENING_NUMBER.match(entry.comment or "")
    return float((m.group("n") or m.group("b")).replace(",", ".")) if m else None


def with_bare_ratings(entries: Sequence[Entry]) -> tuple[Entry, ...]:
    """`entries` with the labelled bare numbers of those that have no rating read as their
    ratings, on the scale the file's numbers show together; as they were where they show
    none."""
    numbers = {
        i: n
        for i, e in enumerate(entries)
        if e.rating is None and e.kind == "item" and (n := labelled_number(e.text)) is not None
    }
    closing = {
        i: n
        for i, e in enumerate(entries)
        if e.rating is None and e.kind == "item" and (n := closing_number(e)) is not None
    }
    if len(closing) >= MIN_CLOSING:  # `Title — 6`, `Title — 8`: the file's own habit
        numbers = {**closing, **numbers}
    if not numbers:
        return tuple(entries)
    top = max(numbers.values())
    if top > 10 or (top <= 5 and len(numbers) < 2):
        return tuple(entries)
    scale = 10 if top > 5 else 5
    return tuple(
        replace(e, rating=numbers[i], rating_scale=scale) if i in numbers else e
        for i, e in enumerate(entries)
    )
