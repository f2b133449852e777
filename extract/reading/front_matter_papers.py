"""Papers listed in a page's front matter, as a static site keeps its data.

A site generator's page (Jekyll, Hugo, Eleventy) may hold its reading list as data in the
page's front matter, for its template to lay out:

    ---
    layout: reading-list
    rating_scale: 5
    papers:
      - title: "Neural Fields for Weather Downscaling"
        url: https://arxiv.org/abs/2505.97731
        rating: 4
        tags: [climate, fav]
    ---

The body may hold nothing of them, so the page read as a note about no paper. A front
matter key whose value is a list of MIN_PAPERS or more mappings, each with a title field
and a paper's link (`note_words.json`'s `title_fields`, `url_fields`), is a list of
papers: each mapping is a paper entry, at the line its title is written on, with its
rating (bare numbers on the scale the page states, `rating_scale: 5`, else on the one its
numbers show), its tags, and a favourite where a flag says so (a `fav` tag stars it as
it stars any entry, in `markdown._starred_by_tag`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from paperkg.extract.reading.entry_parts import favourite_marked, field_rating
from paperkg.extract.reading.links import link_kind
from paperkg.extract.reading.note_words import note_words
from paperkg.extract.reading.tags import split_tags
from paperkg.extract.records import Entry

MIN_PAPERS = 2
_NUMBER = re.compile(r"\d{1,2}(?:\.\d)?")
_SCALE_KEYS = ("rating_scale", "rating scale", "scale", "rating_max", "out_of")


def front_matter_papers(front: Mapping[str, Any], text: str, path: str) -> tuple[Entry, ...]:
    """The papers a page's front matter lists as data, or none."""
    nw = note_words()
    for value in front.values():
        if not isinstance(value, list) or len(value) < MIN_PAPERS:
            continue
        rows = [_lowered(v) for v in value if isinstance(v, Mapping)]
        papers = [r for r in rows if _first(r, nw["title_fields"]) and _paper_url(r)]
        if len(rows) == len(value) and len(papers) >= MIN_PAPERS:
            return _entries(papers, front, text, path)
    return ()


def _lowered(row: Mapping[Any, Any]) -> dict[str, Any]:
    return {str(k).lower().strip(): v for k, v in row.items()}


def _first(row: Mapping[str, Any], keys: frozenset[str]) -> str | None:
    for key in keys:
        value = row.get(key)
        if value not in (None, "", []):
            return " ".join(str(value).split())
    return None


def _tags(row: Mapping[str, Any]) -> tuple[str, ...]:
    """A row's tags: a YAML list (`[climate, fav]`), or a line of them."""
    for key in note_words()["tag_fields"]:
        value = row.get(key)
        if isinstance(value, list):
            return tuple(" ".join(str(v).split()) for v in value if str(v).strip())
        if value:
            return tuple(split_tags(str(value)))
    return ()


def _paper_url(row: Mapping[str, Any]) -> str | None:
    url = _first(row, note_words()["url_fields"])
    return url if url and link_kind(url) == "paper" else None


def _entries(
    rows: Sequence[Mapping[str, Any]], front: Mapping[str, Any], text: str, path: str
) -> tuple[Entry, ...]:
    nw = note_words()
    stated = next((front[k] for k in _SCALE_KEYS if isinstance(front.get(k), int)), None)
    written = [_first(row, nw["rating_fields"]) for row in rows]
    bare = [float(w) for w in written if w and _NUMBER.fullmatch(w)]
    scale = stated if stated in (5, 10) else (10 if bare and max(bare) > 5 else 5)
    lines = text.split("\n")
    out = []
    for row in rows:
        title = _first(row, nw["title_fields"]) or ""
        line = next((n for n, s in enumerate(lines, 1) if title in s), 1)
        tags = _tags(row)
        value = _first(row, nw["rating_fields"])
        rating = None
        if value is not None:
            number = _NUMBER.fullmatch(value)
            rating = (float(value), scale, False) if number else field_rating(value)
        flag = _first(row, nw["star_fields"])  # (a `fav` tag stars it as any entry's does)
        starred = bool(flag and favourite_marked(flag))
        out.append(
            Entry(
                notes_file=path,
                line=line,
                end_line=line,
                section=(),
                title=title,
                url=_paper_url(row),
                rating=rating[0] if rating else None,
                rating_scale=rating[1] if rating else 10,
                starred=starred,
                tags=tags,
                text=title,
                part_lines=(("title", line),),
            )
        )
    return tuple(out)
