"""Papers named in a diary's prose: a title set in italics or quotes, then its address.

A reading diary says what was read in sentences, one paper or two a day:

    ### 2025-03-04
    Finally sat down with *Kelp Nets for Slow Growth* (https://arxiv.org/abs/...). The
    schedule is the trick. 9/10, new favourite.

A title in italics or quotes that its paper's address follows at once (in brackets, after
a dash, or as a footnote's mark whose note is that address) names the paper; the words up
to the next such title are what the reader said of it. Each is a candidate paragraph
(`markdown`), read only where the file has MIN_REPEAT of them: one is a note citing a work.
"""

from __future__ import annotations

import re

from paperkg.extract.reading.entry_parts import InlineText
from paperkg.extract.reading.evidence import is_paper_url
from paperkg.extract.reading.list_titles import clean_title, quoted_title
from paperkg.extract.reading.list_titles import words as count_words

MIN_TITLE_WORDS = 3
# what may stand between a title and its address: a bracket, a dash, a label (`OpenReview:`)
_BETWEEN = re.compile(r"[\s*_\"”»]*(?:[(\[]\s*(?:[A-Za-z]{2,12}:(?!//)\s*)?|[—–-]\s*|,\s*)?")


def prose_papers(inline: InlineText) -> list[tuple[InlineText, str]]:
    """The pieces of a paragraph that each open with a titled paper and its address, up to
    the next one, with the title; none where no title is so followed."""
    found = [t for t in sorted(_titles(inline)) if _address_after(inline, t[1])]
    if not found:
        return []
    ends = [a for a, _, _ in found[1:]] + [len(inline.text)]
    return [(inline.slice(a, end), title) for (a, _, title), end in zip(found, ends, strict=True)]


def _titles(inline: InlineText) -> list[tuple[int, int, str]]:
    """Titles set apart: in italics, or in quotes (start, end, title)."""
    text = inline.text
    spans = [
        (a, b, clean_title(text[a:b]))
        for a, b in inline.italic
        if count_words(text[a:b]) >= MIN_TITLE_WORDS
    ]
    at = 0
    while (quoted := quoted_title(text, at, len(text))) is not None:
        if count_words(quoted.text) >= MIN_TITLE_WORDS:
            spans.append((quoted.start, quoted.end, quoted.text))
        at = quoted.end
    return spans


def _address_after(inline: InlineText, end: int) -> bool:
    """Whether a paper's link follows the title ending at `end`, with at most a bracket, a
    dash or a label between."""
    between = _BETWEEN.match(inline.text, end)
    at = between.end() if between else end
    return any(span.start == at and is_paper_url(span.href) for span in inline.links)
