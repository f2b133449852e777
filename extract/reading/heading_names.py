"""What a heading that is a paper says of it besides its name.

A paper's heading carries more than the paper's name: a number or a venue tag ahead of it
("12.", "[ICLR'21]", "[Paper]"), a venue or year after it (", ICLR 2024", "(2021)"), the
authors and year that cite it ("Quorn et al. (2021) — "), a date or a slot of a journal
("2024-03-02 — ", "Session 3 — "), an emoji. One place strips them, for the headings of a
file of paper sections and the heading of a paper's own note alike.
"""

from __future__ import annotations

import re
import unicodedata

from paperkg.extract.reading.entry_parts import markdown_words
from paperkg.extract.reading.list_titles import reference_title
from paperkg.extract.reading.note_words import note_words
from paperkg.extract.reading.people import AUTHOR_YEAR

_VENUE_SUFFIX = re.compile(
    r"\s*(?:[,–—-]\s*(?:[A-Za-z][\w&.]*\s*)?'?\d{2,4}"
    r"|[(\[]\s*(?:[A-Za-z][\w&.]*\s*)?'?\d{2,4}\s*[)\]])\s*$"
)
# what numbers or tags a heading ahead of the paper's name: `12.`, `3)`, `[ICLR'21]`, `(CVPR 2020)`
_LEADING_TAG = re.compile(
    r"^\s*(?:\d{1,3}[.)]|[(\[]\s*[A-Za-z][\w&.-]*\s*'?\d{2,4}\s*[)\]])\s+(?=\S)"
)
# a word in brackets ahead of the name, which may say what the note is: `[Paper]`
_KIND_TAG = re.compile(r"^\s*[\[(]\s*([A-Za-z][A-Za-z ]{0,18}?)\s*[\])]\s+(?=\S)")
# a title's label ahead of it: `Paper: Name`, `Title - Name`, `论文：Name`
_TITLE_LABEL = re.compile(r"^\s*([^\W\d_][^\W\d_ ]*(?: [^\W\d_]+)?)\s*(?:[:：]|\s[-–—]\s)\s*(?=\S)")
# a rating closing a heading: stars, or a score out of 5 or 10, maybe in brackets
_CLOSING_RATING = re.compile(
    r"\s*[\[(]?\s*(?:[★☆⭐]+\ufe0f?|\d{1,2}(?:\.\d)?\s*/\s*(?:5|10))\s*[\])]?\s*$"
)
# a title's label with a number, `Paper 1: Name`, `Paper #2 — Name`, `Session 3. Name`
_NUMBERED_LABEL = re.compile(r"^\s*([^\W\d_]+)\s*#?[A-Z]?\d{1,3}\s*(?:[:：.]|\s[-–—]\s)\s*(?=\S)")
# a closing aside that is a field, `(presenter: Ada)`, `(read: 2021-03-02)`: no part of a name
_LABELLED_ASIDE = re.compile(r"\s*\((?:[^()]*?\w)\s*:\s+[^()]*\)\s*$")


def strip_venue(text: str) -> str:
    """A heading's title without a venue or year suffix ("Foam Mixer, ICLR 2024"), a
    number or venue tag ahead of it ("12. Foam Mixer", "[ICLR'24] Foam Mixer") or a closing
    aside that is a field ("Foam Mixer (presenter: Ada)"): they place the paper in a list,
    a venue or a meeting; they are no part of its name."""
    stripped = _CLOSING_RATING.sub("", text) or text  # `Name ⭐⭐⭐⭐`, `Name (4/5)`
    stripped = _LABELLED_ASIDE.sub("", stripped)
    stripped = _LEADING_TAG.sub("", _LEADING_TAG.sub("", stripped))  # `2. [ICLR'22] Name`
    kind = _KIND_TAG.match(stripped)  # `[Paper] Name`, `[Notes] Name`
    if kind and kind.group(1).lower() in note_words()["generic_titles"]:
        stripped = stripped[kind.end() :]
    numbered = _NUMBERED_LABEL.match(stripped)  # `Paper 1: Name`, `Session 3. Name`
    if numbered and _is_label_word(numbered.group(1)):
        stripped = stripped[numbered.end() :]
    label = _TITLE_LABEL.match(stripped)  # `Paper: Name`, `论文：Name`
    if label and " ".join(label.group(1).lower().split()) in note_words()["title_fields"]:
        stripped = stripped[label.end() :]
    stripped = _VENUE_SUFFIX.sub("", stripped).strip(" ,-–—")
    return stripped or text


_DATE_PART = re.compile(r"[A-Za-z]+|\d+")
_DASH = re.compile(r"\s+[—–-]\s+")


# a post's label around the paper's name: `[Paper Review] Name`, `【论文阅读】Name`,
# `Paper Summary: Name`, `Review of Name`, `Name 논문 리뷰`
_LABEL_TAG = re.compile(r"^\s*[\[(【]\s*([^\[\]()【】]{1,24}?)\s*[\])】]\s*(?=\S)")
_LABEL_AHEAD = re.compile(r"^\s*([^\W\d_][^:：|]{0,30}?)\s*(?:[:：|]|\s[-–—]\s)\s*(?=\S)")
_LABEL_OF = re.compile(
    r"^\s*(?:an?\s+)?(?:review|summary|notes)\s+(?:of|on)\s+(?=\S)", re.IGNORECASE
)


def post_title(title: str) -> str:
    """The name of the paper a post or a note titles itself after, without the words that
    say it is one reader's account of it (`review_labels`: "Paper Review: Name", "[논문
    리뷰] Name", "Review of Name", "Name 논문 리뷰") nor a venue after it (`strip_venue`).
    A label closing the title is cut only in a script other than Latin: "... A Review" may
    be the paper's own title."""
    labels = note_words()["review_labels"]

    def said(text: str) -> bool:
        return " ".join(text.lower().split()) in labels

    name = title
    tag = _LABEL_TAG.match(name)
    if tag and said(tag.group(1)):
        name = name[tag.end() :]
    ahead = _LABEL_AHEAD.match(name)
    if ahead and said(ahead.group(1)):
        name = name[ahead.end() :]
    name = _LABEL_OF.sub("", name, count=1)
    for label in sorted((w for w in labels if not w.isascii()), key=len, reverse=True):
        if name.rstrip().endswith(label) and name.rstrip()[: -len(label)].strip():
            name = name.rstrip()[: -len(label)].rstrip(" -–—:|")
            break
    return strip_venue(name.strip()) or title


def heading_name(heading: str) -> str:
    """A paper heading's name: without a venue, number or tag (`strip_venue`), nor a date
    or a numbered slot ahead of a dash that places the paper in a journal or a meeting
    ("Week 3 — Foam Mixer", "2024-03-02 — Foam Mixer", "Session 3 — Foam Mixer"): the
    date is the slot, the rest the name; nor the authors and year that cite it on either
    side of one ("Quorn et al. (2021) — Foam Mixer", "Foam Mixer — Quorn, 2021") or in brackets
    after it ("Foam Mixer (Quorn et al., 2021)"); nor a reference's authors, year and venue
    around it ("Quorn, A., & Vell, B. (2021). Foam Mixer. ICML.", as a reference manager
    exports a heading per paper)."""
    reference = reference_title(heading, markdown_words()["title_abbreviations"])
    if reference is not None:
        return reference.text
    keyed = _TICKET_KEY.match(heading)  # `ML-231 · Title`: a tracker's key, no word of it
    heading = heading[keyed.end() :] if keyed and heading[keyed.end() :].strip() else heading
    parts = _DASH.split(heading, maxsplit=1)
    ahead = len(parts) == 2 and (
        is_date(parts[0]) or is_slot(parts[0]) or AUTHOR_YEAR.match(parts[0]) is not None
    )
    if ahead and not is_date(parts[1]):
        heading = parts[1]
    elif len(parts) == 2 and AUTHOR_YEAR.match(parts[1]) and parts[0].strip():
        heading = parts[0]  # "Foam Mixer — Quorn et al. (2021)"
    cited = _BRACKETED_END.search(heading)
    if cited and heading[: cited.start()].strip() and is_citation(cited.group(1)):
        heading = heading[: cited.start()]  # "Foam Mixer (Quorn et al., 2021)"
    return strip_venue(heading)


# an issue tracker's key ahead of the name (`ML-231 · Title`, `[PAPER-12] Title`)
_TICKET_KEY = re.compile(
    r"\s*(?:\[[A-Z][A-Z0-9]{1,9}-\d{1,6}\]|[A-Z][A-Z0-9]{1,9}-\d{2,6}\s*[·|:—–-])\s*"
)
_BRACKETED_END = re.compile(r"\s*[(\[]([^()\[\]]+)[)\]]\s*$")


def cited_year(heading: str) -> int | None:
    """The year of the authors and year that cite the paper a heading names, in brackets
    after it ("Foam Mixer (Quorn et al., 2021)") or beside a dash ("Quorn et al. (2021) —
    Foam Mixer"): a heading so written is a paper's, link or none; else None."""
    parts = _DASH.split(heading, maxsplit=1)
    cited = [p for p in parts if len(parts) == 2 and p.strip()]
    end = _BRACKETED_END.search(heading)
    if end and heading[: end.start()].strip():
        cited.append(end.group(1))
    for text in cited:
        if _calendar(text):
            continue  # `Reading group — Spring 2025`: a term, no author
        m = AUTHOR_YEAR.match(text.strip())
        if m is not None and m.group(0).strip() == text.strip():
            return int(m.group("year"))
    return None


def _calendar(text: str) -> bool:
    """Words that are all a date's, a season's or a term's (`Spring 2025`, `Q1 2024`)."""
    found = re.findall(r"[^\W\d_]+\d?", text.lower())
    return bool(found) and all(w in markdown_words()["date_words"] for w in found)


# a venue between the authors and the year of a citation: `(Chen et al., ICML 2020)`
_CITED_VENUE = re.compile(r",\s*[A-Z][\w'&-]*(?:\s+[A-Z][\w'&-]*)?\s+(?=(?:19|20)\d\d\b)")


def is_citation(text: str) -> bool:
    """Authors and a year, a venue between them or none: `Quorn et al., ICML 2021`."""
    text = _CITED_VENUE.sub(", ", text.strip(), count=1)
    m = AUTHOR_YEAR.match(text)
    return m is not None and m.group(0).strip() == text


def _is_label_word(word: str) -> bool:
    """A word that labels a title (`Paper`, `Title`) or a slot in a series (`Session`)."""
    word = word.lower()
    return word in note_words()["title_fields"] or word in markdown_words()["slot_words"]


def is_slot(text: str) -> bool:
    """A slot in a series: a word of `slot_words` and a number ("Session 3", "Part 2")."""
    parts = _DATE_PART.findall(text.lower())
    return len(parts) == 2 and parts[0] in markdown_words()["slot_words"] and parts[1].isdigit()


def is_date(heading: str) -> bool:
    """A heading that is only a date (a "paper of the week" journal): it says when the
    paper under it was read, so it is neither a topic nor the paper's name. Its words are
    numbers and month, weekday or week words (`markdown_words.json`: `date_words`)."""
    parts = _DATE_PART.findall(heading.lower())
    numbers = [p for p in parts if p.isdigit()]
    if not numbers or any(len(n) > 4 for n in numbers) or len(parts) < 2:
        return False  # a bare year ("## 2023") groups papers: a topic
    return all(p.isdigit() or p in markdown_words()["date_words"] for p in parts)


def undecorated(text: str) -> str:
    """A heading's words without the symbols decorating its start (an emoji, a bullet
    glyph): they mark the heading, they are no part of the paper's name."""
    start = 0
    while start < len(text) and (
        unicodedata.category(text[start]).startswith("S") or text[start] in " \ufe0f\u200d"
    ):
        start += 1
    return text[start:] or text
