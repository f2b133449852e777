"""Titles written beside generic links (`Title (2017), A. Author [[pdf]](url)`), not as link text.

Paper lists keep the title as plain or bold text and put the paper behind a generic link
(`[pdf]`, `[paper link]`, `[[paper](...)]`). Around such a title sit a year, the authors,
a venue badge (`<kbd>CVPR 2021</kbd>`, `(ICLR 2020)`) or a short name with its venue
(`**FooNet(CVPR2020)** Full Title`); none of them is title. This module finds where the
title starts and ends in the item's flattened text; `entry_parts` decides the rest.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection
from dataclasses import dataclass

from paperkg.extract.reading.people import author_year

_YEAR = r"(?:(?:19|20)\d{2}[a-z]?|'\d{2})"
# What may follow a title and is not part of it: a (venue) year group, a badge, authors.
_TAIL = re.compile(
    r"\s*(?:"
    rf"[(\[]\s*(?:[A-Za-z][\w&.,\- ]{{0,30}}?\s*)?{_YEAR}\s*[)\]]"  # (2015), (ICLR 2020), [CVPR'21]
    r"|<\s*(?:kbd|sup|sub|img|span|b|i|code)\b"  # an HTML badge (html is read as text)
    r"|\s\|\s"  # the next cell of a table row, or a `Title | Venue | [pdf](url)` item
    rf"|,\s+(?:[A-Z][\w&\-]{{1,15}}\s*'?)?{_YEAR}\b"  # , ECCV 2022 / , 2019
    rf"|\(\s*{_YEAR}\s*,"  # an unclosed `(2014, A. Author`
    r"|,\s+(?:[A-Z]\.\s*){1,3}[A-Z][\w\-']+"  # , A. Author / , J. R. Doe
    r"|,\s+[A-Z][\w\-']+(?:\s+[A-Z]\.)?(?:\s+[A-Z][\w\-']+)?\s+et\s+al\b"  # , Ann Lee et al
    r"|,\s+[A-Z][\w\-']+,\s+[A-Z]\.(?:\s|,|$)"  # , Doe, J.
    r"|\s\((?=[a-z])[^()]{1,80}\)\s*$"  # a closing aside in lower case: (cool trick, weak eval)
    r"|\s::\s"  # a flashcard's answer after its question: `Title :: what it shows`
    # a venue after a spaced dash: `Title — NeurIPS 2022 — [pdf](...)`, `Title – arXiv`
    rf"|\s+[—–]\s+(?:arXiv\b|[A-Z][A-Za-z&]{{1,15}}\s*'?{_YEAR}\b)"
    r")"
)
# A short name in bold with its venue and year: `FooNet(CVPR2020)`, `TrackIt (ECCV 2022)`.
_SHORT_NAME = re.compile(rf"^\S{{1,40}}(?:\s\S{{1,20}})?\s*[(\[][^()\[\]]{{0,30}}{_YEAR}\s*[)\]]$")
# An author list before the title, as references write it: `A. Author, B. Writer.`,
# `Doe, J. and Roe, R.`, `Doe, J., & Roe, R. (2015).`, `J. Doe et al.`
_INITIALS = r"(?:[A-Z]\.[\s\-]*)+"
_SURNAME = r"[A-Z][\w'\-]+"
_NAME = rf"(?:{_INITIALS}{_SURNAME}|{_SURNAME},\s*{_INITIALS})"
_AUTHORS = re.compile(
    rf"{_NAME}(?:\s*(?:,|;|&|\band\b)\s*(?:&\s*|and\s+)?{_NAME})*(?:,?\s*et\s+al\.?)?"
    rf"\s*,?\s*(?:\(\s*{_YEAR}\s*\))?\s*[.:]?\s*(?=[A-Z0-9\"“])"
)
# ACM's author list: full names, then the year as a sentence of its own
# (`Ann Lee, Bo Roe, and Cy Doe. 2023. Title. In Proc...`)
_NAMES_YEAR = re.compile(
    rf"(?:(?:[A-Z][\w'\-]*\.?|and|&)[\s,]*){{1,40}}?\.?\s*\(?{_YEAR}\)?\.\s+(?=[A-Z0-9\"“])"
)
# bold text that is only a venue and year (`**CVPR 2020** Title`) labels the title after it
_VENUE_YEAR = re.compile(rf"^[A-Za-z][\w&\-]{{1,15}}\s*{_YEAR}$")
# a title in quotes: straight, curly, French guillemets (`« Titre »`) or German (`„Titel“`)
_QUOTED = re.compile(
    r"\"([^\"]{6,400})\"|“([^”]{6,400})”|«\s*([^«»]{6,400}?)\s*»|„([^“”]{6,400})[“”]"
)
# a sentence break inside text before the first link: `Title. A. Author. Venue 2017.`; a
# word in camel case after it opens a sentence too (`Title. arXiv.`, `Title. bioRxiv 2021.`)
_PERIOD = re.compile(r"(?<=[^\s.])\.\s+(?=[A-Z0-9\"“(\[]|[a-z]{1,4}[A-Z])")
# a title that asks, then its venue (`Title? In Proc. ICLR`, `Title? arXiv 2019.`): the
# question mark is the title's, where a period would have closed it
_ASKED = re.compile(r"[?!]\s+(?=In\s+[A-Z\d]|arXiv\b|(?:Proc\.|Proceedings)\s)")
# the word a period closes, when it starts after a space or bracket (or at the start)
_ABBREVIATION = re.compile(r"(?:(?<=[\s(\[\"'])|^)((?:[A-Za-z]+\.)*[A-Za-z]+|et al)$")
_HTML_TAG = re.compile(r"<[^<>]{0,200}>")
_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af"
_WORD = re.compile(rf"[{_CJK}]|[^\W_{_CJK}]+")
_EDGE = " \t-–—:|,;.~>=*_"


@dataclass(frozen=True)
class TitleSpan:
    """Where a title written as text sits: [start, end) of the item's text, and its words."""

    start: int
    end: int
    text: str
    tailed: bool = False  # a year, venue or author list follows it: a strong sign of a title


def words(text: str) -> int:
    """Words of a title: Latin-script runs, and each CJK character (written without spaces)."""
    return len(_WORD.findall(text))


def capitalised_name(text: str) -> bool:
    """Two or more words, each opening with a capital or a number after the first ("Vole
    Clipping", "Llama 2"): a short name written as a title is, where words of a note
    ("great read", "see also") are not."""
    found = re.findall(r"[^\W_][\w'-]*", text)
    return (
        len(found) >= 2
        and found[0][0].isupper()
        and all(w[0].isupper() or w.isdigit() for w in found[1:])
    )


# one word with a model's shape: inner capitals (`ResNet`, `DINOv2`), capitals (`BERT`), or
# letters glued to digits (`T5`, `pix2pix`)
_MODEL_NAME = re.compile(r"^(?:[A-Za-z]+[a-z][A-Z][\w\-]*|[A-Z]{2,}[\w\-]*|[A-Za-z]+\d[\w\-]*)$")


def model_name(text: str) -> bool:
    """One word shaped as a model's name ("DINOv2", "ResNet", "BERT"): a title before a
    paper's link, where one ordinary word ("see", "read") is not."""
    return _MODEL_NAME.match(text.strip()) is not None


def is_decoration(ch: str) -> bool:
    """Emoji, glyphs (▲ ★ ➤ 📄), their joiners and variation selectors: not words."""
    if ord(ch) < 128:
        return False
    kind = unicodedata.category(ch)
    return kind in ("So", "Sk", "Sm", "Cf", "Co") or 0xFE00 <= ord(ch) <= 0xFE0F


def strip_html(text: str) -> str:
    """Text without HTML tags (`<br>`, `<kbd>`): notes are read with HTML off, so they stay."""
    return " ".join(_HTML_TAG.sub(" ", text).split())


def clean_title(text: str) -> str:
    """Whitespace-normalised title without HTML tags, decoration or separators around it."""
    title = strip_html(text)
    while title and (is_decoration(title[0]) or title[0] in _EDGE + "[]"):
        title = title[1:]
    # an opening bracket last is what a link in brackets left: `Title (https://...)`
    while title and (is_decoration(title[-1]) or title[-1] in _EDGE + "[]("):
        title = title[:-1]
    if title[:1] in "«„" and title[-1:] in "»“”":  # `« Titre »`: the quotes go, as '"' do
        title = title[1:-1]
    return title.strip()


def abbreviation_before(text: str, dot: int, abbreviations: Collection[str]) -> bool:
    """Whether the `.` at `dot` closes an abbreviation ("vs.", "e.g.", "et al.") or an
    initial ("J."), which never ends a title. Looks back a few characters only: a title
    of any length costs the same per period."""
    if text[dot] != ".":
        return False
    head = _ABBREVIATION.search(text, max(0, dot - 24), dot)
    if head is None:
        return False
    word = head.group(1).lower()
    return len(word) == 1 or word in abbreviations


def title_before_tail(
    text: str, start: int, end: int, abbreviations: Collection[str], names: bool = False
) -> TitleSpan | None:
    """The title in text[start:end] ending where a year, venue badge or author list begins,
    or at a sentence break (`Title. A. Author. Venue 2017.`); with `names`, one word shaped
    as a model's name is one too (`DINOv2` before a paper's link)."""
    segment = text[start:end]
    lead = len(segment) - len(segment.lstrip(_EDGE + "[]"))
    authors = _AUTHORS.match(segment, lead)
    if authors and authors.end() < len(segment) and authors.group(0).rstrip()[-1:] in ".:)":
        lead = authors.end()
    else:
        lead = _after_names_year(segment, lead)
    tail = _TAIL.search(segment, lead)
    stop = tail.start() if tail else len(segment)
    asked = _ASKED.search(segment, lead, stop)  # `How Powerful Are GNNs? In Proc. ICLR`
    if asked is not None and words(segment[lead : asked.start()]) >= 2:
        stop, tail = asked.start() + 1, asked
    for m in _PERIOD.finditer(segment, lead, stop):
        if words(segment[lead : m.start()]) >= 2 and not abbreviation_before(
            segment, m.start(), abbreviations
        ):
            stop, tail = m.start(), m
            break
    title = clean_title(segment[lead:stop])
    if (words(title) < 2 and not (names and model_name(title))) or title[:1] in "([":
        return None
    return TitleSpan(start + lead, start + stop, title, tail is not None)


def _after_names_year(segment: str, lead: int) -> int:
    """Where the title starts after an ACM author list (`Lee, Roe, and Doe. 2023. `): two
    names or more (a comma, "and" or "&" between them) and a year sentence; else `lead`.
    One capitalised title followed by a year (`Deep Nets. 2016. In CVPR.`) is no list."""
    m = _NAMES_YEAR.match(segment, lead)
    if m is None or not re.search(r",|\band\b|&", segment[lead : m.end()]):
        return lead
    return m.end()


def reference_title(text: str, abbreviations: Collection[str]) -> TitleSpan | None:
    """The title of a reference that opens with its authors and year (`Doe, J. (2019).
    Title. In Proc.`, `Lee, Roe, and Doe. 2023. Title.`) or with its authors and ends with
    its venue and year (`Doe, J., Roe, R. Title. ICCV 2023.`), or None: without the author
    list and the year, text with no link is no sign of a paper."""
    lead = len(text) - len(text.lstrip(_EDGE + "[]"))
    quoted = _quoted_reference(text, lead)
    if quoted is not None:
        return quoted
    authors = _AUTHORS.match(text, lead)
    dated = authors is not None and re.search(rf"\(\s*{_YEAR}\s*\)", authors.group(0))
    if not dated and _after_names_year(text, lead) == lead and authors is None:
        return None
    found = title_before_tail(text, 0, len(text), abbreviations)
    if found is None or found.start <= lead or not found.tailed:
        return None
    if dated or _after_names_year(text, lead) != lead:
        return found
    # the year after the title, as most venues' styles put it: `A. Doe, B. Roe. Title. In
    # ICCV, 2023.`, `Doe, A., Roe, B., et al. Title. TMLR 2024.`
    return found if re.search(rf"\b{_YEAR}\.?\s*$", text[found.end :]) else None


MAX_AUTHOR_WORDS = 12


def _quoted_reference(text: str, lead: int) -> TitleSpan | None:
    """IEEE's style: authors, then the title in quotes, then the venue and the year
    (`A. Quill and B. Vell, "Kelp Nets," in Proc. ICLR, 2021.`)."""
    quoted = quoted_title(text, lead, len(text))
    if quoted is None or quoted.start <= lead:
        return None
    authors = text[lead : quoted.start].strip()
    if not authors.endswith(",") or not _names(authors):
        return None
    if words(authors) > MAX_AUTHOR_WORDS or not re.search(rf"\b{_YEAR}\b", text[quoted.end :]):
        return None
    return TitleSpan(quoted.start, quoted.end, quoted.text, tailed=True)


def _names(text: str) -> bool:
    """An author list: capitalised names and initials joined by commas, "and", "&"."""
    tokens = [t for t in re.split(r"[\s,]+", text) if t]
    joins = {"and", "&", "et", "al", "al."}
    return bool(tokens) and all(t[:1].isupper() or t.lower() in joins for t in tokens)


def venue_year(text: str) -> bool:
    """Only a venue and its year (`CVPR 2016`, `NeurIPS'20`): it places a paper, names none."""
    return _VENUE_YEAR.match(text.strip()) is not None


def is_short_name(bold: str) -> bool:
    """Bold text that names a paper's system rather than its title (`FooNet(CVPR2020)`)."""
    bold = bold.strip()
    return bool(_SHORT_NAME.match(bold) or _VENUE_YEAR.match(bold)) or (
        words(bold) == 1 and " " not in bold
    )


def quoted_title(text: str, start: int, end: int) -> TitleSpan | None:
    """A title in quotes, as numbered references write it: `Doe, J. "Title" (2015)`."""
    for m in _QUOTED.finditer(text, start, end):
        inner = next(g for g in m.groups() if g is not None)
        title = clean_title(inner.rstrip(",."))
        if words(title) >= 2:
            return TitleSpan(m.start(), m.end(), title)
    return None


def tail_end(text: str, start: int, end: int) -> int:
    """Where the bibliographic tail after a title (year, authors, badges) stops: `start` if
    there is none, else `end` (it runs up to the item's first link)."""
    segment = text[start:end]
    m = _TAIL.match(segment) or re.match(r"\s*(?:[,.]?\s*$|[,.]\s+[A-Z])", segment)
    return end if m else start


# `Title — M. Vell, O. Tamble — NeurIPS 2019`: spaced dashes (or `|`) between the parts
_PART_BREAK = re.compile(r"\s+[—–|]\s+|\s+-\s+")
# a person as references write one: initials and a surname (`M. Vell`, `J.-P. Roe`), or
# a surname and initials (`Vell, M.`), or "et al."
_PERSON = re.compile(
    r"^(?:(?:[A-Z]\.[\s-]*){1,3}[A-Z][\w'\-]+|[A-Z][\w'\-]+,?\s+(?:[A-Z]\.\s*){1,3}|et al\.?)$"
)


def dashed_reference_title(text: str) -> TitleSpan | None:
    """The title of a reference written as parts between dashes, `Title — A. Author, B.
    Author — Venue 2019`, that links nothing: a title first, then a part that is only
    people written with initials, and a last part with a year. Without the initials and
    the year, dashed words are a note ("Tools — ask Pell — later"), no reference."""
    parts = _PART_BREAK.split(text.strip())
    if len(parts) < 3 or not re.search(rf"\b{_YEAR}\b", parts[-1]):
        return None
    people = [p.strip() for p in re.split(r",\s*(?=[A-Z]\.|et al)|\s+and\s+|\s*&\s*", parts[1])]
    if not people or not all(_PERSON.match(p) for p in people if p):
        return None
    title = clean_title(parts[0])
    if words(title) < 2:
        return None
    start = text.index(parts[0].strip()[:1]) if parts[0].strip() else 0
    return TitleSpan(start, start + len(parts[0].rstrip()), title, True)


# a title's closing citation, `**Title** (Doe et al., 2023)`, `"Title" (Doe & Roe, 2019):`
_CITATION = re.compile(r"\s*\(([^()]{3,120})\)")
_QUOTES = '"“”«»„'


def cited_title(text: str, marked: Collection[tuple[int, int]]) -> TitleSpan | None:
    """The title of an item that opens with a title in bold, italics (`marked`, the runs of
    either) or quotes, then its authors
    and year in brackets, `**Title** (A. Author et al., 2023) — note`, and links nothing:
    how people cite a paper they read in their own words. The brackets hold only names and
    a year (`people.AUTHOR_YEAR`); the mark says the words before them are a title, not a
    claim that cites one ("Transformers scale well (Kaplan et al., 2020)"). A file reads
    such items as papers only where MIN_REPEAT of them are (`markdown.list_items`)."""
    m = _CITATION.search(text)
    if m is None or author_year(m.group(1)) is None:
        return None
    head = text[: m.start()]
    start = len(head) - len(head.lstrip())
    end = len(head.rstrip())
    emphasised = any(a <= start and b >= end for a, b in marked) or (
        end - start > 2 and head[start] in _QUOTES and head[end - 1] in _QUOTES
    )
    title = clean_title(head[start:end].strip(_QUOTES + " "))
    if not emphasised or not title or words(title) > 30:
        return None
    return TitleSpan(start, m.end(), title, True)


def citation_year(text: str) -> int | None:
    """The year of the citation that closes a `cited_title`."""
    m = _CITATION.search(text)
    found = author_year(m.group(1)) if m else None
    return found[1] if found else None


# where a title written before its comment ends, in order of trust: a spaced dash, a
# sentence's end, then a colon before a lowercase word (a colon before a capital opens the
# title's subtitle: `Kelp Nets: Slow Growth`)
_COMMENT_DASH = re.compile(r"\s+[-–—]\s+|\s*[—–]\s*")
_SENTENCE_END = re.compile(r"[.!?。！？](?:\s+|$)")
_COMMENT_COLON = re.compile(r"\s*[:：]\s+(?=[^\W\d_]*[a-z\u3040-\u9fff])")
_SMALL_WORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "of",
        "for",
        "and",
        "or",
        "with",
        "to",
        "in",
        "on",
        "by",
        "from",
        "via",
        "at",
        "as",
        "is",
        "are",
        "vs",
        "without",
        "into",
        "over",
    ]
)


def _reads_as_title(title: str) -> bool:
    """Title Case, or written in a script with no case: most words of a note's comment are
    lowercase ("not impressive", "great read"), most of a title's capitalised."""
    if re.search(f"[{_CJK}]", title):
        return words(title) >= 4
    found = re.findall(r"[^\W_][\w'-]*", title)
    if len(found) < 2 or not found[0][0].isupper():
        return False
    counted = [w for w in found[1:] if w.lower() not in _SMALL_WORDS]
    capital = sum(1 for w in counted if w[0].isupper() or w[0].isdigit())
    return not counted or capital / len(counted) >= 0.6


# a venue and its year after a title, `(ICLR 2024)`, `— NeurIPS'23`, `, arXiv 2023`: the
# venue's name has a capital after its first letter (`ICLR`, `arXiv`; not a month, "June
# 2024", nor a season)
_VENUE_DATED = re.compile(
    rf"\s*(?:[(\[]\s*(?P<a>[A-Za-z][\w&.-]{{1,15}})\s*(?P<ya>{_YEAR})\s*[)\]]"
    rf"|\s[-–—,]\s*(?P<b>[A-Za-z][\w&.-]{{1,15}})\s*(?P<yb>{_YEAR}))(?=\s*(?:$|[-–—:;,.|]))"
)


def venue_dated_title(text: str) -> tuple[TitleSpan, str, str] | None:
    """The title of an item that names a paper by its title, venue and year, linking
    nothing (`- Vision Transformers Need Registers (ICLR 2024)`, `- Title — ICLR 2023`), as
    a list of papers to read writes them; with the venue and the year. The title must read
    as one (Title Case), so that "buy a new monitor" stays a chore."""
    for m in _VENUE_DATED.finditer(text):
        venue, year = (m["a"], m["ya"]) if m["a"] else (m["b"], m["yb"])
        if not any(c.isupper() for c in venue[1:]):
            continue
        lead = len(text) - len(text.lstrip(_EDGE))
        title = clean_title(text[lead : m.start()])
        if words(title) < 2 or words(title) > 30 or not _reads_as_title(title):
            return None
        return TitleSpan(lead, m.end(), title, True), venue, year
    return None


def rated_text_title(text: str, start: int) -> TitleSpan | None:
    """A rated item's title written as plain text, linking nothing (`- [8/10] Kelp Nets for
    Slow Growth — solid`): the text up to where its comment starts, where it reads as a
    title; None for a rated comment (`- [3/10] not impressive`)."""
    segment = text[start:]
    lead = len(segment) - len(segment.lstrip(_EDGE + "[]"))
    stop = len(segment)
    for pattern in (_COMMENT_DASH, _SENTENCE_END, _COMMENT_COLON):
        m = pattern.search(segment, lead)
        if m is not None and words(segment[lead : m.start()]) >= 2:
            stop = m.start()
            break
    title = clean_title(segment[lead:stop])
    if not title or "," in title or words(title) > 20 or not _reads_as_title(title):
        return None
    return TitleSpan(start + lead, start + stop, title, False)
