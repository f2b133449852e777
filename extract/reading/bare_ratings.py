"""Ratings written as a labelled bare number (`rating: 8`), read on the scale the file shows.

A note-taker who rates every paper out of 10 soon stops writing the `/10`:

    - **Sparse Routers for Long Context** ([arxiv](https://arxiv.org/abs/2501.00001))
      - rating: 8
    - Token Merging at Scale · https://arxiv.org/abs/2502.00002 · rating: 6

One such number says no scale (4 of 5? of 10?), but a file's numbers say it together, as a
table's Rating column of bare numbers does (`table_fields.rating_column_scale`): out of 10
where one of them is above 5, out of 5 where two or more are and none is above 5. A label
followed by a number above 10 (`score: 85.3 on MMLU`) is a result, and the file's labelled
numbers are then no ratings at all.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from functools import cache

from paperkg.extract.reading.note_words import note_words
from paperkg.extract.records import Entry


@cache
def _labelled() -> re.Pattern[str]:
    labels = "|".join(re.escape(w) for w in sorted(note_words()["rating_fields"], key=len)[::-1])
    # the label, a `:`, `::` or `=`, the number, and then no fraction, unit or more digits
    return re.compile(
        rf"(?i)(?<![\w-])(?:{labels})\s*(?:::?|=)\s*\**\s*(?P<n>\d{{1,3}}(?:[.,]\d{{1,2}})?)"
        r"(?!\s*(?:/|out of\b|%|[.,]?\d))"
    )


def labelled_number(text: str) -> float | None:
    """The number a rating label gives in `text`, with no scale written (`rating: 8`)."""
    m = _labelled().search(text)
    return float(m.group("n").replace(",", ".")) if m else None


def with_bare_ratings(entries: Sequence[Entry]) -> tuple[Entry, ...]:
    """`entries` with the labelled bare numbers of those that have no rating read as their
    ratings, on the scale the file's numbers show together; as they were where they show
    none."""
    numbers = {
        i: n
        for i, e in enumerate(entries)
        if e.rating is None and e.kind == "item" and (n := labelled_number(e.text)) is not None
    }
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
