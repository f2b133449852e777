"""When a paper came out, from what its entry says: the first of these that gives a year wins.

1. the note's own metadata (front matter `year`/`date`, a `Year:` field, an author-year line);
2. a venue with a year: the note's `venue` ("CVPR 2019"), a CVF link, a venue badge on the
   entry's first line ("(ICLR2020)", "<kbd>NeurIPS 2021</kbd>");
3. an arXiv identifier, whose YYMM is the month the paper was first posted
   (2305.14314 -> 2023-05).

The value is "YYYY", or "YYYY-MM" from an arXiv identifier: the README's RDF contract types
them xsd:gYear and xsd:gYearMonth.
"""

from __future__ import annotations

import re

from paperkg.extract.reading.links import arxiv_id, cvf_paper
from paperkg.extract.records import Entry

_YEAR = r"(?:19|20)\d{2}"
# a venue's name and a year: "CVPR 2019", "ICLR2020", "NeurIPS'21" is left out (two digits)
_VENUE_YEAR = re.compile(rf"\b[A-Z][A-Za-z&\-]{{1,14}}\s*[-']?\s*({_YEAR})\b")
# a badge on an entry's line: "(ICLR2020)", "[CVPR 2019]", "<kbd>NeurIPS 2021</kbd>"
_BADGE = re.compile(rf"[(\[>]\s*[A-Z][A-Za-z&\-]{{1,14}}\s*[-']?\s*({_YEAR})\s*[)\]<]")
_ARXIV_NEW = re.compile(r"^(\d{2})(\d{2})\.\d{4,5}$")
_ARXIV_OLD = re.compile(r"/(\d{2})(\d{2})\d{3}$")


def venue_year(entry: Entry) -> int | None:
    """The year of the venue the entry names (its `venue`, CVF link, or a badge)."""
    if entry.venue:
        m = _VENUE_YEAR.search(entry.venue)
        if m:
            return int(m.group(1))
    cvf = cvf_paper(entry.url) if entry.url else None
    if cvf:
        return cvf.year
    first_line = entry.text.split("\n", 1)[0] if entry.text else ""
    m = _BADGE.search(first_line)
    return int(m.group(1)) if m else None


def arxiv_month(url: str | None) -> str | None:
    """ "YYYY-MM" from an arXiv link's identifier (2305.14314 -> "2023-05"), or None."""
    found = arxiv_id(url) if url else None
    if not found:
        return None
    m = _ARXIV_NEW.match(found) or _ARXIV_OLD.search(found)
    if not m:
        return None
    yy, mm = int(m.group(1)), int(m.group(2))
    if not 1 <= mm <= 12:
        return None
    # new-style identifiers began in 2007 (0704); old ones run 1991-2007
    year = 2000 + yy if yy < 91 else 1900 + yy
    return f"{year:04d}-{mm:02d}"


def published(entry: Entry) -> str | None:
    """The entry's publication date: "YYYY", or "YYYY-MM" from an arXiv id; None if unknown."""
    if entry.year is not None:
        return f"{entry.year:04d}"
    year = venue_year(entry)
    if year is not None:
        return f"{year:04d}"
    return arxiv_month(entry.url)
