"""A paper row's other columns, by what their header says: authors, year, venue, tags and
rating (`| Name | Authors | Year | Tags | Rating |`, as a reference manager or a database
page exports them). The same header words as a note's metadata fields (`note_words.json`),
so that a paper gives the graph the same facts whether it was noted in a table or a note.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from paperkg.extract.reading.entry_parts import (
    InlineText,
    favourite_marked,
    field_rating,
    only_favourite_mark,
    opening_marks,
)
from paperkg.extract.reading.note_words import note_words
from paperkg.extract.reading.people import author_names
from paperkg.extract.reading.tags import split_tags
from paperkg.extract.records import Entry

_YEAR = re.compile(r"\b((?:19|20)\d{2})\b")


# the scale a header writes after its name: `Score (/5)`, `Rating (out of 10)`, `Stars (1-5)`,
# or with no brackets, `Score /10`, `Rating out of 5`
_HEADER_SCALE = re.compile(
    r"\s*(?:\((?:/\s*|out of\s+|(?:0|1)\s*[-–]\s*)(?P<scale>10|5)\)"
    r"|(?:/\s*|out of\s+)(?P<bare>10|5))\s*$",
    re.I,
)


def _key(header: str) -> str:
    key = " ".join(header.lower().split()).strip(" *_:")
    return _HEADER_SCALE.sub("", key) or key


def _header_scale(header: str) -> int | None:
    found = _HEADER_SCALE.search(" ".join(header.split()).strip(" *_:"))
    return int(found.group("scale") or found.group("bare")) if found else None


_BARE_NUMBER = re.compile(r"^\d{1,2}(?:[.,]\d)?$")
_DECORATION = re.compile(r"[^\w.,\s/]")  # an emoji beside a score (`4.5 🏆`)
_NO_VALUE = {"", "-", "–", "—", "n/a", "na", "?"}  # a row not rated yet


def rating_column_scale(header: Sequence[str], rows: Sequence[Sequence[str]]) -> int | None:
    """The scale of a Rating (or Score) column of bare numbers, as a spreadsheet keeps them
    (`| Rating |` over `9`, `7`, `4`): out of 10 where one is above 5, else out of 5; None
    where the column has no numbers, or holds anything else (`8/10`, stars, words)."""
    fields = note_words()["rating_fields"]
    columns = [i for i, name in enumerate(header) if _key(name) in fields]
    if not columns:
        return None
    values = [_DECORATION.sub("", r[columns[0]]).strip() for r in rows if columns[0] < len(r)]
    values = [v for v in values if v and v not in _NO_VALUE]
    if not values or not all(_BARE_NUMBER.match(v) for v in values):
        return None
    top = max(float(v.replace(",", ".")) for v in values)
    written = _header_scale(header[columns[0]])
    if written is not None:
        return written if top <= written else None
    return None if top > 10 else 10 if top > 5 else 5


def with_row_fields(
    entry: Entry, header: Sequence[str], cells: Sequence[InlineText], scale: int | None = None
) -> Entry:
    """`entry`, read from a table row, with what the row's other columns say of it; a
    column the entry already has a value for (the title's, a rating in its comment) is
    left as it is. `scale` is that of a rating column of bare numbers, if the table has
    one (`rating_column_scale`)."""
    nw = note_words()
    found: dict[str, str] = {}
    for name, cell in zip(header, cells, strict=False):
        text = " ".join(cell.text.split())
        if not text:
            continue
        key = _key(name)
        kinds = ("author_fields", "year_fields", "venue_fields", "tag_fields", "rating_fields")
        for kind in (*kinds, "star_fields"):
            if key in nw[kind]:
                found.setdefault(kind, text)
        if key in nw["tag_columns"]:  # a column of areas files its rows as tags do
            found.setdefault("tag_fields", text)
    changes: dict[str, object] = {}
    if "author_fields" in found and not entry.authors:
        changes["authors"] = author_names(found["author_fields"])
    if "year_fields" in found and entry.year is None:
        year = _YEAR.search(found["year_fields"])
        if year:
            changes["year"] = int(year.group(1))
    if "venue_fields" in found and not entry.venue:
        changes["venue"] = found["venue_fields"]
    if "tag_fields" in found and not entry.tags:
        changes["tags"] = tuple(dict.fromkeys(t for t in split_tags(found["tag_fields"]) if t))
    if "rating_fields" in found and entry.rating is None:
        rating = field_rating(found["rating_fields"])
        bare = _DECORATION.sub("", found["rating_fields"]).strip()
        if rating is None and scale is not None and _BARE_NUMBER.match(bare):
            rating = (float(bare.replace(",", ".")), scale, False)
        if rating is not None:
            value, scale, uncertain = rating
            changes.update(rating=value, rating_scale=scale, rating_uncertain=uncertain)
    if not entry.starred and favourite_marked(found.get("star_fields", "")):
        changes["starred"] = True  # a Favorite column's `Yes`, `✓` or `⭐`
    elif not entry.starred and any(
        (only_favourite_mark(cell.text) or opening_marks(cell.text)[1])
        and _key(name) not in nw["rating_fields"]
        for name, cell in zip(header, cells, strict=False)
    ):
        # a `⭐` alone in a cell, whatever its column's name, or opening its notes
        # (`★ closest to our idea`)
        changes["starred"] = True
    return replace(entry, **changes) if changes else entry
