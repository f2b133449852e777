"""What one list item says: rating, star, summary, title, comment and other links.

Works on the item's flattened inline text (markdown-it has already resolved the Markdown);
the patterns here are about how researchers write ratings and stars, not about Markdown.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Mapping
from dataclasses import dataclass, replace
from functools import cache, lru_cache

from paperkg.extract import data
from paperkg.extract.reading.links import (
    ADDRESS_TEXT,
    cvf_paper,
    link_kind,
    link_target,
    slug_words,
)
from paperkg.extract.reading.list_titles import (
    TitleSpan,
    abbreviation_before,
    capitalised_name,
    is_short_name,
    model_name,
    quoted_title,
    rated_text_title,
    strip_html,
    tail_end,
    title_before_tail,
    venue_year,
)
from paperkg.extract.reading.list_titles import words as count_words
from paperkg.extract.reading.note_words import note_words
from paperkg.extract.reading.people import AUTHOR_YEAR, author_names
from paperkg.extract.records import Link

SEPARATORS = " \t-–—:|,;.~>"
_STAR = re.compile(
    r"\[\s*\*\s*\]|\(\s*\*\s*\)|⭐️?|🌟|:star:|❤️?|♥️?|🏆|\[(?:fav|favou?rite|must[- ]read|top)\]"
    r"|\((?:fav|favou?rite|must[- ]read)\)|(?<![★☆])★(?![★☆])"
    # `— must read` as a clause of its own; `a must read for ...` is a sentence's words
    r"|(?:(?<=[·•|,;—–] )|(?<=\s-\s))must[- ]read\b!?",
    re.IGNORECASE,
)
_RATING = re.compile(
    r"(?P<open>[\[(]\s*)?(?:(?:rating|score|(?<![-\w])rated)\s*(?:::?|=)?\s*)?"
    r"(?P<n>\d{1,3}(?:[.,]\d{1,2})?)\s*/\s*(?P<scale>100|10|5)(?!\d)\s*(?P<q>\?)?"
    # in brackets, a word or two may follow it there (`(9/10 so far)`)
    r"(?(open)(?:\s+[a-z]{2,10}){0,2}\s*[\])])",
    re.IGNORECASE,
)
# (or moons: `🌕🌕🌕🌗🌑`, full, half and new, as some rate out of 5)
_STAR_RUN = re.compile(r"\[?\s*(?P<run>★+½☆*|[★☆⭐]{2,}|[★]+[☆]+|[🌕🌖🌗🌘🌑]{5})\s*\]?")
_LABELLED_STARS = re.compile(
    r"(?i)\b(?:rating|score|stars)\s*(?:::?|=)\s*\**\s*(?P<run>★+½☆*|[★☆⭐]{2,})"
)
# A rating as the last words of an entry ("... well evaluated. 8/10", "neat idea ★★★☆☆",
# "— 4.5/5", "joint training. 8/10 ⭐"): out of 10 or 5, and not the tail of a path or date
# ("example.org/2017/10"); a favourite marker may close it.
# a bare score: `8/10`, `4.5 / 5`, `8 out of 10`, `3/5 stars`, `7/10?` (uncertain)
_SCORE = (
    r"(?P<n>\d{1,2}(?:[.,]\d)?)\s*(?:/|\bout of\b)\s*(?P<scale>10|5)\s*(?P<q>\?)?"
    r"(?:\s*stars?\b)?"
)
_ENDING_RATING = re.compile(
    r"(?<![\w/.,])" + _SCORE + r"(?:[^\w]|" + _STAR.pattern + r")*$",
    re.IGNORECASE,
)
# A rating standing as a clause of its own inside a comment ("meh, 5/10, the gains vanish",
# "over lunch. 7/10, the schedule", "Verdict: 7/10 — clean"): after a clause's end and before
# another, never a fraction inside a sentence ("uses 1/10 of the compute", "8/10 runs").
_CLAUSE_RATING = re.compile(
    r"(?:(?<=[,.;:!?—–] )|(?<= - ))"
    + _SCORE
    + r"(?=[ \t]*(?:[,.;!—–\n]|\s-\s|$|(?P<star>"
    + _STAR.pattern
    + r")))",
    re.IGNORECASE,
)
# a footnote's mark after a title (`Title[^2] ★★★☆☆`), its link's text
_FOOTNOTE_MARK = re.compile(r"\^[\w\-]{1,40}(?![\w\-])")
# A rating opening the words after the title ("[Title](url) 9/10 — comment", "— 4.5/5,
# magnitude split", "3/5 stars, RoPE"): only where a separator or the end follows it, so
# that a comment opening with a fraction ("1/10 of the compute") is no rating.
_OPENING_RATING = re.compile(
    _SCORE + r"(?=\s*(?:$|[-–—:;,.|(\[]|[#@][^\W\d_]|" + _STAR.pattern + r"))",
    re.IGNORECASE,
)
# a short name in brackets after a title, ahead of its rating: `(SimSiam)`, `(aka DDPM)`
_SHORT_ASIDE = re.compile(r"\((?:[^\W\d_][\w'-]*\s?){1,3}\)\s*[-–—:,|]?\s*")
_RATING_LABEL_END = re.compile(r"(?i)\b(?:rating|score)\s*[:=]?\s*$")
_ENDING_STAR_RUN = re.compile(
    r"(?<![★☆⭐½🌕🌗🌑])(?P<run>★+½☆*|[★☆⭐]{2,}|[🌕🌖🌗🌘🌑]{5})(?:[^\w★☆½🌕🌖🌗🌘🌑]|#[^\W\d_][\w/-]*|"
    + _STAR.pattern
    + r")*$",
    re.IGNORECASE,
)
_CHECKBOX = re.compile(r"\[\s*(?:[xX]\s*)?\]")  # no `\s*[ ]?\s*`: quadratic on long runs of spaces
_REFERENCE = re.compile(r"\[\d{1,4}\]")  # `[12]` numbering a reference list
# a citation key before the title (`` `quorn2021foam` — Title``, `@quorn2021foam: Title`):
# a thesis's tracker names each paper by its BibTeX key, no part of the title
_KEY_LABEL = re.compile(r"@?[A-Za-z][A-Za-z-]*(?:19|20)\d\d[A-Za-z]\w*\s*[—–:-]\s+")
_WORD = re.compile(r"[0-9A-Za-z]+")
_DATE = re.compile(r"\d{4}-\d{1,2}(?:-\d{1,2})?|\d{1,2}[./]\d{1,2}[./]\d{2,4}")
# a favourite marker closing the entry (`... top-2 routing. ⭐`)
_ENDING_STAR = re.compile(r"(?:" + _STAR.pattern + r")[\s.!]*$", re.IGNORECASE)
_BRACKET = re.compile(r"[()\[\]]")
_SENTENCE_END = re.compile(r"[.!?](?:\s+|$)")


@cache
def markdown_words() -> dict[str, frozenset[str]]:
    """The word lists that steer reading (generic link texts, excluded sections...)."""
    raw = data.read_json("markdown_words.json")
    return {k: frozenset(v) for k, v in raw.items() if not k.startswith("_")}


@dataclass(frozen=True)
class LinkSpan:
    """A link in flattened text: where its label sits, its target and its line."""

    start: int
    end: int
    text: str
    href: str
    line: int
    badge: bool = False  # an image's link (`[![arXiv](shield.svg)](url)`): its text the alt


@dataclass(frozen=True)
class InlineText:
    """Plain text of one or more paragraphs with links, bold runs and line anchors.

    `marks` holds (offset, line) pairs: the text from that offset on was written on that line.
    `italic` holds the runs in italics, as `bold` the bold ones: a title cited in one's own
    words is often set in italics, as style guides set titles.
    """

    text: str
    links: tuple[LinkSpan, ...]
    bold: tuple[tuple[int, int], ...]
    marks: tuple[tuple[int, int], ...]
    images: tuple[str, ...] = ()
    italic: tuple[tuple[int, int], ...] = ()

    def line_at(self, offset: int) -> int:
        line = self.marks[0][1] if self.marks else 1
        for pos, mark_line in self.marks:
            if pos > offset:
                break
            line = mark_line
        return line

    def without_links(self) -> str:
        """The text with every link's label cut out: what a line of links says besides them."""
        text = self.text
        for span in sorted(self.links, key=lambda s: -s.start):
            text = text[: span.start] + text[span.end :]
        return text

    def slice(self, start: int, end: int) -> InlineText:
        """The text in [start, end) with the links and bold runs that lie inside it."""
        line = self.line_at(start)
        return InlineText(
            self.text[start:end],
            tuple(
                LinkSpan(s.start - start, s.end - start, s.text, s.href, s.line)
                for s in self.links
                if s.start >= start and s.end <= end
            ),
            tuple((a - start, b - start) for a, b in self.bold if a >= start and b <= end),
            ((0, line), *((p - start, n) for p, n in self.marks if start < p < end)),
            self.images,
            tuple((a - start, b - start) for a, b in self.italic if a >= start and b <= end),
        )

    @classmethod
    def join(cls, parts: list[InlineText], separator: str = " ") -> InlineText:
        """Paragraphs of one item (or cells of a table row), one after another."""
        text, links, bold, marks, images, italic = "", [], [], [], [], []
        for part in parts:
            if text:
                text += separator
            shift = len(text)
            text += part.text
            links += [replace(s, start=s.start + shift, end=s.end + shift) for s in part.links]
            bold += [(a + shift, b + shift) for a, b in part.bold]
            marks += [(pos + shift, line) for pos, line in part.marks]
            images += list(part.images)
            italic += [(a + shift, b + shift) for a, b in part.italic]
        return cls(text, tuple(links), tuple(bold), tuple(marks), tuple(images), tuple(italic))


@dataclass(frozen=True)
class EntryParts:
    """The parts of a paper entry, before it gets its file, lines and section."""

    title: str | None
    url: str | None
    rating: float | None
    rating_scale: int
    rating_uncertain: bool
    starred: bool
    summary: str | None
    comment: str | None
    links: tuple[Link, ...]
    text: str
    part_lines: tuple[tuple[str, int], ...]
    authors: tuple[str, ...] = ()  # the byline after the title (`_cited_byline`)

    @classmethod
    def unrated(
        cls,
        title: str,
        url: str | None,
        comment: str | None,
        links: tuple[Link, ...],
        text: str,
        part_lines: tuple[tuple[str, int], ...],
    ) -> EntryParts:
        """An entry read from a table row or a reference: such shapes carry no rating,
        favourite star or summary of their own."""
        return cls(title, url, None, 10, False, False, None, comment, links, text, part_lines)


def _norm(text: str) -> str:
    return " ".join(text.lower().strip(SEPARATORS + "[]()*_\"'`").split())


def _clean(text: str) -> str:
    return " ".join(text.split()).strip(SEPARATORS)


def balanced_group(text: str, start: int) -> int | None:
    """End offset (exclusive) of the bracket group opening at `start`, or None if unclosed."""
    pairs = {"(": ")", "[": "]"}
    opener = text[start]
    if opener not in pairs:
        return None
    depth = 0
    for i in range(start, len(text)):
        ch = text[i]
        if ch in "([":
            depth += 1
        elif ch in ")]":
            depth -= 1
            if depth == 0:
                return i + 1
    return None


def _summary_end(rest: str, before_title: bool) -> int | None:
    """End of the summary group at the start of `rest`.

    Notes enumerate inside summaries as "1)... 2)...", which closes a bracket early; when the
    text up to the title link ends with ")" and holds more closers than openers after the
    first group, the summary runs to that last ")".
    """
    end = balanced_group(rest, 0)
    stripped = rest.rstrip()
    if (
        before_title
        and rest[0] == "("
        and end is not None
        and end < len(stripped)
        and stripped.endswith(")")
        and stripped[end:].count(")") > stripped[end:].count("(")
    ):
        return len(stripped)
    return end


# a footnote's mark, `Title[^1]` over `[^1]: https://...`: CommonMark reads it as a link to
# the footnote's address, whose text names no paper (the title is the text before it)
MAX_BADGE_WORDS = 2
_FOOTNOTE = re.compile(r"^\^[\w\-]{1,40}$")
# a link's text that is the paper's identifier, no title: a DOI, an arXiv number
_IDENTIFIER_TEXT = re.compile(
    r"(?:doi:\s*)?10\.\d{4,9}/\S+|(?:arxiv:\s*)?\d{4}\.\d{4,5}(?:v\d+)?", re.IGNORECASE
)


def _is_url_text(text: str) -> bool:
    """A link text that is an address or an identifier (`arXiv:2305.12345`, `DOI: 10.1/x`):
    no title."""
    return ADDRESS_TEXT.match(text) is not None


def is_generic_link(span: LinkSpan, words: Mapping[str, frozenset[str]]) -> bool:
    """A link whose text names no paper: empty, a generic word ("pdf", "paper"), an
    address or identifier, no letters, or a footnote's mark."""
    return _is_generic(span, words)


def _is_generic(span: LinkSpan, words: Mapping[str, frozenset[str]]) -> bool:
    label = _norm(span.text)
    return (
        not label
        or label in words["generic_link_texts"]
        or _is_url_text(span.text)
        or not re.search(r"[A-Za-z]", label)
        or _FOOTNOTE.match(span.text) is not None
        or _IDENTIFIER_TEXT.fullmatch(span.text.strip()) is not None
        # a badge's alt text of a word or two names its host or venue (`NeurIPS`, `Code`),
        # as `[arXiv]` does; a thumbnail's is the paper's title
        or (span.badge and len(label.split()) <= MAX_BADGE_WORDS)
        # a venue and its year (`[CVPR 2016](url)`) place the paper, as `[arXiv]` does
        or venue_year(span.text)
    )


def _usable(span: LinkSpan) -> bool:
    """A link that can stand for a paper: not an anchor, e-mail, script, image or nothing."""
    kind = link_target(span.href).kind
    return kind in ("web", "note", "file", "other") and not re.search(
        r"\.(png|jpe?g|gif|svg|webp)$", span.href.strip(), re.IGNORECASE
    )


def _is_note(span: LinkSpan) -> bool:
    return link_target(span.href).kind == "note"


_PDF = re.compile(r"\.pdf(?:[?#].*)?$", re.IGNORECASE)


def _paper_link(inline: InlineText, words: Mapping[str, frozenset[str]]) -> LinkSpan | None:
    """The first link that points at the paper itself: `[pdf]`, `[arXiv]`, a paper host, or
    a `.pdf` address written bare (a `[CV](cv.pdf)` says by its text what the file is)."""
    return next(
        (
            s
            for s in inline.links
            if _usable(s)
            and not _is_note(s)
            and (
                _norm(s.text) in words["paper_link_texts"]
                or link_kind(s.href) == "paper"
                or (s.text.strip() == s.href.strip() and _PDF.search(s.href))
            )
        ),
        None,
    )


def _title_link(inline: InlineText, words) -> LinkSpan | None:
    """The link whose text is the paper's title: not generic, outside bracketed asides."""
    candidates = []
    for span in inline.links:
        if not _usable(span) or _is_generic(span, words) or _mentioned(inline, span, words):
            continue
        depth = _depth_at(inline.text, span.start)
        if depth == 0 and not _aside(inline, span):
            candidates.append(span)
    if not candidates:
        return None
    long_ones = [c for c in candidates if len(_WORD.findall(c.text)) >= 3]
    return (long_ones or candidates)[0]


def _mentioned(inline: InlineText, span: LinkSpan, words) -> bool:
    """A link inside a sentence, right after "the", "my", "a" (`reread the [blog post](...)`,
    `the [leaderboard](...) is handy`): a work the item mentions, not its title, unless it
    links a paper. A title opens an item or follows a label or a colon, never an article."""
    last = re.search(r"(?:^|\s)([A-Za-z]+)\s+$", inline.text[: span.start][-16:])
    determiner = bool(last) and last.group(1).lower() in words["mention_determiners"]
    return determiner and link_kind(span.href) != "paper"


def _aside(inline: InlineText, span: LinkSpan) -> bool:
    """A short link in its own brackets after a plain-text title: `Title [[NIPS paper](url)]`.

    Its text names where the paper is (a venue, a host), not the paper: the title is the
    text before it.
    """
    text = inline.text
    bracketed = text[span.start - 1 : span.start] == "[" and text[span.end : span.end + 1] == "]"
    if not bracketed or len(_WORD.findall(span.text)) > 2:
        return False
    first = min(s.start for s in inline.links)
    return len(_WORD.findall(text[: max(first - 1, 0)])) >= 3


def _aside_link(inline: InlineText, words) -> LinkSpan | None:
    """The first aside link that is not code: the paper's own link when no `[pdf]` says so."""
    return next(
        (
            s
            for s in inline.links
            if _usable(s)
            and _aside(inline, s)
            and link_kind(s.href) not in ("code", "project")
            and _norm(s.text) not in words["code_link_texts"]
        ),
        None,
    )


def _depth_at(text: str, offset: int) -> int:
    """Bracket depth at `offset`, counting only ( ) groups that are closed later."""
    starts, ends = _paren_groups(text)
    return bisect_left(starts, offset) - bisect_left(ends, offset)


@lru_cache(maxsize=4)
def _paren_groups(text: str) -> tuple[list[int], list[int]]:
    """Where the ( ) groups open and close, each sorted: a group holds the offsets after its
    `(` up to its `)`, so the depth at an offset is the groups opened before it less those
    closed before it. One pass over the brackets only, and a lookup by bisection: a huge line
    of `(` and links must not be quadratic.

    Same groups as `balanced_group` (any opener closes on any closer); only `(` groups count.
    """
    starts: list[int] = []
    ends: list[int] = []
    stack: list[int] = []
    for match in _BRACKET.finditer(text):
        i = match.start()
        if text[i] in "([":
            stack.append(i)
        elif stack:
            start = stack.pop()
            if text[start] == "(":
                starts.append(start)
                ends.append(i)
    starts.sort()
    ends.sort()
    return starts, ends


def split_title(link_text: str, url: str | None) -> str:
    """The title part of link text that may carry commentary: `[Title. my comment](url)`.

    A CVF link's slug spells the title's first words, so the title runs at least that far and
    ends at the next sentence end; elsewhere a sentence end followed by a lowercase word does.
    """
    text = " ".join(link_text.split())
    cvf = cvf_paper(url) if url else None
    min_end = 0
    if cvf:
        slug = slug_words(cvf.slug)
        tokens = list(_WORD.finditer(text))
        lowered = [t.group(0).lower() for t in tokens]
        for k in range(min(4, len(slug))):
            rest = slug[k:]
            n = min(len(rest), len(lowered))
            if n and rest[: min(3, n)] == lowered[: min(3, n)]:
                covered = 0
                while covered < n and rest[covered] == lowered[covered]:
                    covered += 1
                min_end = tokens[covered - 1].end() if covered else 0
                break
    for m in _SENTENCE_END.finditer(text):
        if m.start() < min_end or abbreviation_before(
            text, m.start(), markdown_words()["title_abbreviations"]
        ):
            continue
        rest = text[m.end() :]
        if not rest:
            break
        if cvf and min_end or rest[:1].islower():
            head = text[: m.start()].strip()
            if len(_WORD.findall(head)) >= 2:
                return head
    return text.rstrip(" .")


def _strip_markers(text: str) -> tuple[str, dict]:
    """Remove leading stars, ratings and checkboxes; return what is left and what was found."""
    found: dict = {"starred": False}
    rest = text
    while True:
        stripped = rest.lstrip(SEPARATORS.replace("-", "").replace(".", "") + "-")
        m = _STAR.match(stripped)
        if m:
            found["starred"] = True
            rest = stripped[m.end() :]
            continue
        m = _STAR_RUN.match(stripped)
        if m and "rating" not in found:
            found["rating"] = _stars_value(m.group("run"))
            rest = stripped[m.end() :]
            continue
        m = _RATING.match(stripped)
        if m and "rating" not in found:
            found["rating"] = _rating_value(m)
            rest = stripped[m.end() :]
            continue
        m = _CHECKBOX.match(stripped) or _REFERENCE.match(stripped)
        if m:
            rest = stripped[m.end() :]
            continue
        m = _KEY_LABEL.match(stripped) if "keyed" not in found else None
        if m:
            found["keyed"] = True  # one key names the paper: a second word so is its title's
            rest = stripped[m.end() :]
            continue
        return stripped, found


def starred_prefix(text: str) -> bool:
    """Whether the markers at the start of `text` include a favourite star."""
    return _strip_markers(text)[1]["starred"]


def _rating_value(m: re.Match) -> tuple[float, int, bool]:
    value = float(m.group("n").replace(",", "."))
    return value, int(m.group("scale")), bool(m.group("q"))


def find_rating(text: str) -> tuple[float, int, bool] | None:
    """(value, scale, uncertain) of the rating written in a note's text after its title."""
    return _find_rating(text)


def field_rating(value: str) -> tuple[float, int, bool] | None:
    """A rating field's value as a rating: `8/10` (bare, as a field writes it), `★★★★☆`,
    `8/10 solid`, `⭐⭐⭐⭐`."""
    value = value.strip()
    if not value:
        return None
    return find_rating(f"[{value.split()[0]}]") or find_rating(value)


def ending_rating_removed(text: str) -> str:
    """`text` without the bare rating or run of stars that closes it, if one does."""
    for pattern in (_ENDING_RATING, _ENDING_STAR_RUN):
        m = pattern.search(text)
        if m:
            return _RATING_LABEL_END.sub("", text[: m.start()])  # and its `Rating:` label
    return text


def _find_rating(text: str, line_end: int | None = None) -> tuple[float, int, bool] | None:
    """A rating written after the title: bracketed `[7/10]` or `rating: 7/10` anywhere, a
    bare `8/10` or a run of stars only as the first or the last words after the title, or
    as the last of the title's line, which ends at `line_end` (a fraction inside a comment,
    "uses 1/10 of the compute", is not a rating)."""
    for m in _RATING.finditer(text):
        if m.group("open") or re.match(r"(?i)(rating|score|rated)", m.group(0).strip("[( ")):
            return _rating_value(m)
    m = _LABELLED_STARS.search(text)  # `Tags: ... · Rating: ★★★★☆ · ⭐ Starred`
    if m:
        return _stars_value(m.group("run"))
    opening = _opening_markers(text)[0]
    if opening is not None:
        return opening
    # the last words of the entry, or of the title's line where notes follow on the next
    # (`**[Title](url)** (Doe et al., 2023). 9/10` over a paragraph of notes)
    for part in dict.fromkeys((text, text[:line_end])):
        m = _ENDING_RATING.search(part)
        if m and _within_scale(m):
            return _rating_value(m)
    m = _ENDING_STAR_RUN.search(text)
    if m:
        return _stars_value(m.group("run"))
    m = _CLAUSE_RATING.search(text)
    if m and _within_scale(m):
        return _rating_value(m)
    m = _STARS_IN_WORDS.search(text)  # `4 stars.`, `3.5 stars, the proofs`: out of 5
    return (float(m.group("n").replace(",", ".")), 5, False) if m else None


# stars counted in words, as a clause of their own; a repository's stars are no rating
_STARS_IN_WORDS = re.compile(
    r"(?:^|(?<=[\s(,.;:!?—–-]))(?P<n>[1-5](?:[.,]5)?)\s+stars?\b"
    r"(?=\s*(?:$|[)\],.;:!?—–-]))",
    re.IGNORECASE,
)


def _within_scale(m: re.Match) -> bool:
    return float(m.group("n").replace(",", ".")) <= int(m.group("scale"))


def favourite_marked(value: str) -> bool:
    """Whether a field's value marks a favourite: a yes (`Yes`, `✓`) or a favourite's mark
    in it (`⭐`, `❤️`, `10/10 ⭐ — the paper`); a run of stars is a rating, no mark."""
    value = value.strip(" *_")
    return value.lower() in note_words()["yes_words"] or bool(
        _STAR.search(_STAR_RUN.sub("", value))
    )


@cache
def _labelled_flag() -> re.Pattern[str]:
    nw = note_words()

    def one_of(kind: str) -> str:
        return "|".join(re.escape(w) for w in sorted(nw[kind], key=len, reverse=True))

    flag = rf"(?:{one_of('star_fields')})\s*(?:::?|=)\s*\**\s*(?:{one_of('yes_words')})(?![\w])"
    # a mark and its word, as a reference manager exports its flag: `⭐ Starred`
    flag += rf"|(?:{_STAR.pattern})\s*(?:{one_of('star_fields')})\b"
    # a favourite's mark right after a labelled rating: `rating: 8 (fav)`, `Score: 9/10 ⭐`
    rated = (
        rf"(?:{one_of('rating_fields')})\s*(?:::?|=)\s*\**\s*\d{{1,3}}(?:[.,]\d{{1,2}})?"
        rf"(?:\s*(?:/|out of)\s*\d{{1,3}})?\**\s*(?:{_STAR.pattern})"
    )
    # a tag field on its lines naming one (`tags:: [[fav]], [[interp]]`, an outliner's block)
    tagged = (
        rf"(?:{one_of('tag_fields')})\s*::?\s*(?:[^\n:]*?[\s,\[#])?"
        rf"(?:{one_of('star_fields')})(?=[\s,\]]|$)"
    )
    return re.compile(rf"(?i)(?<![\w-])(?:{flag}|{rated}|{tagged})")


def labelled_favourite(text: str) -> bool:
    """Whether an item's lines flag it a favourite (`starred:: true`, `fav: yes`), as an
    outliner's block properties or a note's fields do, or mark its labelled rating so
    (`rating: 8 (fav)`)."""
    return _labelled_flag().search(text) is not None


def only_favourite_mark(text: str) -> bool:
    """Whether `text` is a favourite's mark and nothing else (a table's cell `⭐`)."""
    return _STAR.fullmatch(text.strip(" *_")) is not None


def _star_closes(text: str, start: int = 0) -> bool:
    """Whether a favourite's mark closes `text[start:]` after any run of stars rating it
    (`★★★★☆ ♥`); the last star of a run (`⭐⭐⭐⭐`) is the rating's, no mark."""
    star = _ENDING_STAR.search(text, start)
    if star is None:
        return False
    run = _ENDING_STAR_RUN.search(text)
    return run is None or star.start() >= run.end("run")


def rated_star(text: str) -> bool:
    """Whether a favourite star follows a rating standing as a clause of `text` (a paper's
    section: `Verdict: 8/10 ⭐ unanimous favourite`)."""
    m = _CLAUSE_RATING.search(text)
    return m is not None and m.group("star") is not None


def closing_star(text: str) -> bool:
    """Whether a favourite star closes `text` (`- great read ⭐` under a paper's item)."""
    return _star_closes(text)


def closing_rating(text: str) -> tuple[float, int, bool] | None:
    """The bare rating that closes `text`, as its last words (`- dVAE tokens, 6/10`)."""
    m = _ENDING_RATING.search(text)
    return _rating_value(m) if m and _within_scale(m) else None


# five stars, full and empty, anywhere in a remark: the whole scale written out rates
_FIVE_STARS = re.compile(r"(?<![★☆⭐])(?=[★☆]{5}(?![★☆⭐]))(?P<run>★{1,5}☆{0,4})")


def star_run_rating(text: str) -> tuple[float, int, bool] | None:
    """A rating of five stars written anywhere in a sub-item's remark (`#reading/fav ★★★★★
    already obsessed`), as its closing one is (`skimmed on the train. ★★★☆☆`)."""
    m = _FIVE_STARS.search(text) or _ENDING_STAR_RUN.search(text)
    return _stars_value(m.group("run")) if m else None


def opening_marks(text: str) -> tuple[tuple[float, int, bool] | None, bool]:
    """The rating and favourite star that open `text` (a sub-item under a paper's item:
    `9/10 ⭐`, `⭐ must read`, `score 7/10`), before any other word."""
    stripped = text.lstrip(SEPARATORS + "*_")
    labelled = _RATING.match(stripped)
    if labelled and re.match(r"(?i)(rating|score|rated)", labelled.group(0).strip("[( ")):
        return _rating_value(labelled), _opening_markers(stripped[labelled.end() :])[1]
    return _opening_markers(text)


def _opening_markers(text: str) -> tuple[tuple[float, int, bool] | None, bool]:
    """The rating and favourite star that open the words after a title (`⭐ 9/10`, `— 8/10
    ⭐ — comment`, `★★★☆☆ — comment`), before any other word."""
    rating = None
    starred = False
    rest = text
    while True:
        rest = rest.lstrip(SEPARATORS.replace(".", ""))
        m = _FOOTNOTE_MARK.match(rest)
        if m:
            rest = rest[m.end() :]
            continue
        m = _STAR_RUN.match(rest)  # a run of stars rates: no favourite star
        if m and rating is None:
            rating, rest = _stars_value(m.group("run")), rest[m.end() :]
            continue
        m = _STAR.match(rest)
        if m:
            starred, rest = True, rest[m.end() :]
            continue
        aside = _SHORT_ASIDE.match(rest)  # `[Title](url) (SimSiam) - 7/10 - notes`
        if aside and rating is None and _OPENING_RATING.match(rest, aside.end()):
            rest = rest[aside.end() :]
        m = _OPENING_RATING.match(rest)
        if m and rating is None and _within_scale(m):
            rating, rest = _rating_value(m), rest[m.end() :]
            continue
        return rating, starred


def _stars_value(run: str) -> tuple[float, int, bool]:
    """`★★★★☆` as 4 out of 5, `★★★½☆` and `🌕🌕🌕🌗🌑` as 3.5."""
    halves = sum(1 for c in run if c in "½🌖🌗🌘")
    return sum(1 for c in run if c in "★⭐🌕") + 0.5 * halves, 5, False


def _bold_title(inline: InlineText, offset: int, limit: int) -> tuple[int, int] | None:
    for start, end in inline.bold:
        if start >= offset and not inline.text[offset:start].strip(SEPARATORS + "[]()*"):
            return (start, end) if end <= limit else None
    return None


def _without_generic_labels(inline: InlineText, start: int, words, used: LinkSpan | None) -> str:
    """text[start:] without `[pdf]`, `[[code](url)]` labels and the paper's own link:
    they are links, not comment."""
    text = inline.text
    out: list[str] = []
    pos = start
    for span in inline.links:
        if span.start < pos or not (span is used or _is_generic(span, words)):
            continue
        a, b = span.start, span.end
        if text[a - 1 : a] == "[" and text[b : b + 1] == "]":
            a, b = a - 1, b + 1
        out.append(text[pos:a])
        pos = b
    out.append(text[pos:])
    return " ".join("".join(out).split())


def has_paper_link(inline: InlineText, words: Mapping[str, frozenset[str]]) -> bool:
    """Whether the text links a paper (a `[pdf]`-like label or a paper host), not a note."""
    return _paper_link(inline, words) is not None


def _past_generic_links(inline: InlineText, first: LinkSpan, words) -> int:
    """Where the text after a run of generic links (`[Code](...) | [Paper](...)`) starts."""
    text = inline.text
    after = first.end + len(text[first.end :]) - len(text[first.end :].lstrip("])"))
    for span in inline.links:
        if span.start < after:
            continue
        if text[after : span.start].strip(SEPARATORS + "[]()·/") or not _is_generic(span, words):
            break
        after = span.end + len(text[span.end :]) - len(text[span.end :].lstrip("])"))
    return after


def _text_title(
    inline: InlineText, offset: int, paper_link: LinkSpan | None, words, rated: bool = False
) -> tuple[TitleSpan, int, bool] | None:
    """A title written as text beside generic links, where its comment resumes, and whether
    the text before the title is comment (a bold title's may be; authors and names are not).
    An entry found by its rating (`- [8/10] **Title** — ...`, `rated`) takes the bold text
    after the rating as its title, link or none.

    Shapes: `**Title** (2016), A. Author [[pdf]](url)`, `**Name(Venue Year)** Full Title
    [[paper link]](url)`, `Title (2017), Authors [[pdf]](url)`, `Authors "Title" (2015)
    [[pdf]](url)` and `[[paper](url)] Title`.
    """
    text = inline.text
    abbreviations = words["title_abbreviations"]
    usable = [s for s in inline.links if _usable(s)]
    first = next((s for s in inline.links if s.start >= offset), None)
    limit = first.start if first is not None else len(text)
    bold = _bold_title(inline, offset, len(text))
    if bold is not None:
        bold_text = _clean(text[bold[0] : bold[1]])
        if paper_link and is_short_name(bold_text) and limit > bold[1]:
            # `**Front:** Title` over `**Back:** ...`: the title ends with its line
            ahead = _field_line_start(inline, bold[1], limit)
            full = title_before_tail(text, bold[1], ahead, abbreviations)
            if full is not None and count_words(full.text) >= (2 if ahead < limit else 3):
                return full, tail_end(text, full.end, limit), False
        # `**Link**: url`, or the colon inside the bold, `**Link:** [arXiv](url)`
        colon = text[bold[1] : bold[1] + 1] == ":" or text[: bold[1]].rstrip().endswith(":")
        field_label = colon and count_words(bold_text) <= 2
        if field_label and bold_text.lower().rstrip(":") in words["entry_labels"]:
            # `**Read:** Segment Anything — https://...`: the label, then the title as text
            after = bold[1] + len(text[bold[1] :]) - len(text[bold[1] :].lstrip(": *_"))
            return _text_title(inline, after, paper_link, words, rated)
        if field_label:  # `**Link**: url`, `**Paper**: [pdf](url)`: a field's name
            return None
        if bold_text and (paper_link or rated or (usable and count_words(bold_text) >= 2)):
            span = TitleSpan(bold[0], bold[1], bold_text)
            return span, tail_end(text, bold[1], limit), True
        return None
    if paper_link is None or first is None:
        # `- [8/10] Kelp Nets for Slow Growth — solid`: rated, titled as text alone
        plain = rated_text_title(text, offset) if rated and not inline.links else None
        return None if plain is None else (plain, plain.end, True)
    quoted = quoted_title(text, offset, limit)
    if quoted is not None:
        return quoted, tail_end(text, quoted.end, limit), False
    plain = _first_line_title(inline, offset, limit, abbreviations)
    owned = plain is not None and _PROPERTY_LINE.match(text, plain.end + 1)
    if owned and paper_link.start == first.start:  # `[[Title]]` over `url:: https://...`:
        return plain, paper_link.end, False  # the comment resumes after the link's property
    if plain is None:
        plain = title_before_tail(text, offset, limit, abbreviations, names=True)
    if plain is not None and _long_enough(plain):
        return plain, tail_end(text, plain.end, limit), False
    if not text[offset : first.start].strip(SEPARATORS + "[]("):
        # `[[paper](url)] Title`: the title follows the generic link's bracket group, or a
        # run of them (`[Code](...) | [Paper](...) — Title`)
        after = _past_generic_links(inline, first, words)
        following = next((s.start for s in inline.links if s.start >= after), len(text))
        named = _name_after_address(text, after, following, first)
        if named is not None:  # the comment resumes after the name's `!!` or `.`
            tail = text[named.end : following]
            return named, named.end + len(tail) - len(tail.lstrip("!.,;? ")), False
        plain = title_before_tail(text, after, following, abbreviations)
        if plain is not None and count_words(plain.text) >= (2 if plain.tailed else 3):
            return plain, tail_end(text, plain.end, following), False
    return None


# a line of people: two names or more, each one to three capitalised words (`Alec Radford,
# Jong Wook Kim`, `A. Doe and B. Roe`), or a name and "et al.", or one name and a venue's year
_NAME = r"(?:[A-Z][\w.'\-]*\s+){0,2}[A-Z][\w'\-]+"
_PROPERTY_LINE = re.compile(r"\s*[^\W\d_][\w-]{0,30}::\s")  # Logseq's, Roam's, Dataview's
_BYLINE = re.compile(
    rf"\s*(?:{_NAME}(?:\s+et\s+al\b|(?:\s*(?:,|\band\b|&)\s*{_NAME})+\s*(?:[,.]|$|[—–-]\s))"
    # one person, then the venue's year: `C. Reed — ICLR 2025`
    rf"|{_NAME}\s+[—–-]\s+(?:[A-Za-z]+\s+)?(?:19|20)\d\d\b)"
)


# the paper's own byline after its title: people written as people (a first name and a
# surname, or initials), then a venue and a year (`Tianle Cai et al. ICML 2024`, `A. Quill,
# B. Lantern, NeurIPS 2021`); model names in a comment (`DINO, MAE, 2023`) are one word each
_PERSON = r"(?:[A-Z][\w'\-]*\.?\s+){1,2}?[A-Z][\w'\-]+"  # lazy: a venue is no surname
_CITED_BYLINE = re.compile(
    rf"\s*(?P<names>[A-Z][\w'\-]+,?\s+et\s+al\b\.?"  # Lewis et al.
    rf"|{_PERSON}(?:\s*,?\s+et\s+al\b\.?|(?:\s*(?:,|\band\b|&)\s*"
    rf"(?:{_PERSON}|et\s+al\b\.?))+))\s*[,.·|]?\s*"
    r"(?=(?:[^\W\d_][\w'&-]*\s+){0,3}\(?(?:19|20)\d\d\b)"
)


def _comment_after(
    inline: InlineText,
    suffix_at: int,
    words,
    used_link: LinkSpan | None,
    title_span: LinkSpan | None,
    title: str | None,
) -> tuple[tuple[str, ...], str]:
    """The comment after an entry's title, and the authors it opens with (`_cited_byline`)."""
    if title_span is None and title is not None:  # generic links beside a text title
        after = _clean(strip_html(_without_generic_labels(inline, suffix_at, words, used_link)))
        after = after if re.search(r"\w", after) else ""  # a stray `)` is no comment
    else:
        after = _clean(inline.text[suffix_at:])
    # a byline follows its title as a list of authors does, no dash or colon between:
    # `Title — Chen et al. 2020 did it first` cites another work
    said = inline.text[suffix_at:].lstrip(" ,.*_)]").startswith(("—", "–", "-", ":"))
    return _cited_byline(after) if title is not None and not said else ((), after)


def _cited_byline(after: str) -> tuple[tuple[str, ...], str]:
    """The authors a comment opens with, where they cite the paper (a venue and a year
    follow), and the comment without them: they are the paper's, no work it cites."""
    m = _CITED_BYLINE.match(after)
    if m is None:
        return (), after
    return author_names(m["names"]), after[m.end("names") :].lstrip(" ,.·|")


def _first_line_title(
    inline: InlineText, offset: int, limit: int, abbreviations
) -> TitleSpan | None:
    """An item written over lines, the title alone on its first (`1. Title` / `   A.
    Author, B. Author` / `   ICML 2023 · https://...`): the title ends with its line. Only
    where three words or more fill that line, and the paper's link is further down."""
    text = inline.text
    ends = [pos - 1 for pos, _ in inline.marks[1:] if offset < pos - 1 < limit]
    if not ends or count_words(text[offset : ends[0]]) < 3:
        return None
    # a title wrapped over lines goes on; one over its authors, or over the block's
    # properties (`url:: https://...`, an outliner's; `**Back:** ...`, a card's), ends
    # with its line
    at = ends[0] + 1
    if not (_BYLINE.match(text, at) or _PROPERTY_LINE.match(text, at) or _bold_field(inline, at)):
        return None
    found = title_before_tail(text, offset, ends[0], abbreviations)
    return found if found is not None and found.end <= ends[0] else None


def _field_line_start(inline: InlineText, start: int, limit: int) -> int:
    """Where the first line after `start` that opens with a field's key in bold starts
    (`**Back:** ...` under a card's front), if before `limit`; else `limit`."""
    for pos, _ in inline.marks[1:]:
        if start < pos < limit and _bold_field(inline, pos):
            return pos
    return limit


def _bold_field(inline: InlineText, at: int) -> bool:
    """Whether a line opens at `at` with a field's key in bold (`**Back:** ...`)."""
    start = at + len(inline.text[at:]) - len(inline.text[at:].lstrip())
    for a, b in inline.bold:
        if a == start and b > a:
            key = inline.text[a:b].rstrip()
            return key.endswith(":") or inline.text[b:].lstrip().startswith(":")
    return False


# where the name a quick capture gives a bare link ends: a spaced dash, a sentence's end,
# a comma, `!`, or the rating
_NAME_END = re.compile(
    r"\s+[-–—]\s+|[—–]|[.,;!?](?:\s|$)|!+|\s+\[?\d{1,2}(?:\.\d)?\s*/\s*(?:10|5)\b"
)


def _name_after_address(text: str, start: int, end: int, link: LinkSpan) -> TitleSpan | None:
    """A paper's bare address then its name, as a phone's quick capture has it
    (`- https://arxiv.org/abs/... ToT — search over thoughts. 7/10`): a name of one to
    five words up to where the comment or the rating starts. Only after a link written as
    its own address (no link text to name it)."""
    if not ADDRESS_TEXT.match(link.text) or not text[start:end].strip():
        return None
    lead = start + len(text[start:end]) - len(text[start:end].lstrip(SEPARATORS))
    m = _NAME_END.search(text, lead, end)
    stop = m.start() if m else end
    name = text[lead:stop].strip()
    if not name or not 1 <= count_words(name) <= 5 or not (m or stop == end):
        return None
    if count_words(name) == 1 and not (model_name(name) or name[:1].isupper() or m):
        return None
    return TitleSpan(lead, stop, name)


def _long_enough(plain: TitleSpan) -> bool:
    """A text title before a paper's link: three words, or two when a year, venue or
    authors follow them or when both are capitalised as a name ("Vole Clipping"), or one
    shaped as a model's name ("DINOv2 [pdf](...)"), but no field's name (`URL: https://...`,
    `DOI: ...`: the link's label)."""
    if plain.text.strip(" :").lower() in note_words()["identifier_fields"]:
        return False
    needed = 2 if plain.tailed or capitalised_name(plain.text) else 3
    return count_words(plain.text) >= needed or model_name(plain.text)


def _leading_summary(
    inline: InlineText, rest: str, offset: int, title_span: LinkSpan | None
) -> tuple[str | None, int | None, str, int]:
    """`(summary) [Title](url)`: a bracketed summary before the title, if `rest` (the text
    from `offset` on) opens with one. Returns it, where it starts, and the rest after it."""
    if not (rest[:1] and rest[0] in "(["):
        return None, None, rest, offset
    end = _summary_end(rest, title_span is not None)
    if end is not None and (end < len(rest) or title_span is None or rest[:1] == "("):
        inner = _clean(rest[1 : end - 1])
        holds_link = any(offset <= s.start < offset + end for s in inline.links)
        if inner and not _RATING.fullmatch(inner) and not holds_link:
            return inner, offset, rest[end:], offset + end
    return None, None, rest, offset


# a journal's line opening: a time or a date, then a word saying what was done (`09:30 read`,
# `2024-03-04 skimmed`, `read`), before a title written as text
_JOURNAL_LABEL = re.compile(
    r"(?:(?:\d{1,2}:\d{2}|\d{4}-\d{1,2}-\d{1,2}|(?P<day>\d{1,2}[-/.]\d{1,2}\.?))\s*[-–—:]?\s+)?"
    r"(?P<word>[A-Za-z-]+)?\s*[:–—-]?\s+"
)


# a numbered slot of a series ahead of a title: `Session 4 (Mar 21): `, `Week 3 — `
_SLOT_LABEL = re.compile(
    r"\s*(?P<word>[A-Za-z]+)\s*#?\d{1,3}\s*(?:\([^()]{1,24}\)\s*)?(?:[:：]|\s[-–—])\s*"
)


_ARROW = re.compile(r"\s(?:→|⟶|->|=>)\s")


def _marks_apart(
    text: str, span: TitleSpan, suffix_at: int, keep_before: bool
) -> tuple[TitleSpan, int, bool]:
    """A title written as text that ran to its line's end (`arXiv:2501.00001 — Title — 8/10
    ⭐`) without the rating and star closing it: they are the entry's marks, no title."""
    head = span.text
    while m := (_ENDING_STAR.search(head) or _ENDING_RATING.search(head)):
        if not head[: m.start()].strip(SEPARATORS):
            break
        head = head[: m.start()].rstrip(SEPARATORS)
    m = _ENDING_STAR_RUN.search(head)
    if m and head[: m.start()].strip(SEPARATORS):
        head = head[: m.start()].rstrip(SEPARATORS)
    end = span.start + len(head)
    if not text.startswith(head, span.start) or end >= suffix_at:
        return span, suffix_at, keep_before  # a title cleaned of more than its marks
    rest = _STAR_RUN.sub("", _STAR.sub("", _ENDING_RATING.sub("", text[end:suffix_at])))
    if rest.strip(SEPARATORS + "0123456789") and head == span.text:
        return span, suffix_at, keep_before  # a tail the title reader skipped: no comment
    return TitleSpan(span.start, end, head, span.tailed), end, keep_before


def _title_start(inline: InlineText, offset: int, paper_link: LinkSpan | None, words) -> int:
    """Where a title written as text starts: after an arrow pointing at it (`@someone:
    "..." → Title — url`) before the lines of a card's fields (`_field_line_start`), and
    a journal's label (`09:30 read Title https://...`)."""
    text = inline.text
    fields_from = _field_line_start(inline, offset, len(text))
    offset = _after_arrow(text, offset, paper_link, fields_from)
    offset += _journal_label(text[offset:], words)
    cited = _CITED_AHEAD.match(text, offset)  # `Dao et al. (2022) — Title — NeurIPS 2022`
    if cited is None or not AUTHOR_YEAR.match(cited.group("cite")):
        return offset
    # people, not a venue's name and year (`AVEC 2016 - Depression ...` is a title)
    return cited.end() if _PEOPLE_JOINED.search(cited.group("cite")) else offset


_PEOPLE_JOINED = re.compile(r"\bet\.?\s*al\b|,|\band\b|&")
# the part before a spaced dash, which may cite the paper by its authors and year
_CITED_AHEAD = re.compile(r"\s*(?P<cite>[^—–\n]{3,80}?)\s+[—–-]\s+(?=\S)")


def _after_arrow(
    text: str, offset: int, paper_link: LinkSpan | None, line_end: int | None = None
) -> int:
    """Where the title starts in a line that points at it (a bookmarked post's words, then
    `→ Title — https://...`): after the last arrow before the paper's link, if one is. An
    arrow in a card's field after its title is a note's (`**Back:** skips → 152 layers`)."""
    limit = paper_link.start if paper_link is not None else len(text)
    limit = min(limit, line_end) if line_end is not None else limit
    arrows = [m for m in _ARROW.finditer(text, offset, limit) if _WORD.search(text, m.end(), limit)]
    return arrows[-1].end() if arrows else offset  # `Kelp 2 => https://...`: no title after


def _journal_label(rest: str, words: Mapping[str, frozenset[str]]) -> int:
    """The length of a journal line's opening before a title written as text: a time or a
    date, a word of `entry_labels` in lower case (`read`, `skimmed`), or both (`09:30
    read`), or a numbered slot of a series (`Session 4 (Mar 21):`); 0 when the line opens
    otherwise (with the title itself)."""
    slot = _SLOT_LABEL.match(rest)
    if slot and slot.group("word").lower() in words["slot_words"] and slot.end() < len(rest):
        return slot.end()
    m = _JOURNAL_LABEL.match(rest)
    if m is None or m.end() >= len(rest.rstrip()):
        return 0
    word = m.group("word") or ""
    timed = m.group(0)[:1].isdigit()
    # a verb in lower case (`read`); `Reading Comprehension at Scale` is a title
    if word and (word != word.lower() or word not in words["entry_labels"]):
        if not timed:
            return 0
        return m.start("word")  # `09:30 Title ...`: only the time
    return m.end() if (timed or word) else 0


def _comment_before(
    text: str, offset: int, title_at: int | None, words: Mapping[str, frozenset[str]]
) -> str:
    """The words between the markers and the title, a comment unless they only label it."""
    if title_at is None or title_at <= offset:
        return ""
    before = _clean(text[offset:title_at])
    if before.lower() in words["entry_labels"] or _DATE.fullmatch(before):
        return ""  # `- Paper: [Title](url)`, `- 2024-02-01: [Title](url)`: no comment
    return before


# tags closing a title (`Kelp Nets #paper #cnn`): the note's tags, no part of the name
# tags closing a title: `#read`, `#vision/segmentation`, and Roam's and Logseq's tags of
# several words, `#[[LLM agents]]`
_CLOSING_TAGS = re.compile(r"(?:\s+#(?:[^\W\d][\w/-]*|\[\[[^\[\]]+\]\]))+\s*$")
# one wikilink in a few words (`Read [[Kelp Nets]] today`): a journal's line naming the page
# (a title's cleaning may have cut the closing brackets: `Skimmed [[Kelp Nets`)
_ONE_WIKILINK = re.compile(
    r"^(?P<before>[^\[\]]*)\[\[(?P<name>[^\[\]|#]+)(?:[|#][^\[\]]*)?"
    r"(?:\]\](?P<after>[^\[\]]*))?$"
)
MAX_WORDS_AROUND_WIKILINK = 3


# (after a task's checkbox, `- [ ] [[Title]] #tag`, as a Kanban board's card writes one)
_OPENING_WIKILINK = re.compile(
    r"^(\s*(?:\[[ xX]?\][ \t]+)?)\[\[([^\[\]|#]+)((?:[|#][^\[\]]*)?)\]\]"
)


def _opening_wikilink_as_text(inline: InlineText) -> InlineText:
    """`[[Kelp Nets]] #paper` over its link, as an outliner's journal writes a paper: the
    page's name is the item's title text. Brackets become spaces, so offsets hold."""
    m = _OPENING_WIKILINK.match(inline.text)
    if m is None or inline.links and inline.links[0].start < m.end():
        return inline
    name = m.group(1) + "  " + m.group(2) + " " * len(m.group(3)) + "  "
    text = name + inline.text[m.end() :]
    first = inline.links[0].start if inline.links else None
    if first is None or any(m.end() < at <= first for at, _ in inline.marks):
        return replace(inline, text=text)  # no link, or the link on a line of its own
    # before a link on its line (`[[Title]] — 6/10 — https://...`), the name ends where its
    # brackets did, as a title in bold does: what follows is the item's rating and comment
    named = (m.start(2), m.end(2))
    return replace(inline, text=text, bold=tuple(sorted({*inline.bold, named})))


# a number alone closing a title after a dash (`Title — 6`): a score with no scale written,
# which the file's other such numbers may show (`bare_ratings`); the comment's, no title's
_CLOSING_NUMBER = re.compile(r"\s+[—–-]\s+(?P<n>\d{1,2}(?:[.,]5)?)\s*$")
# an arXiv subject class after a title (`(cs.LG)`, `(stat.ML)`), as its listing prints it
_ARXIV_CLASS = re.compile(
    r"\s*\((?:cs|stat|math|eess|econ|q-bio|q-fin|quant-ph|physics|astro-ph|cond-mat|nlin)"
    r"\.[A-Za-z-]{2,}\)\s*$"
)


def _closing_number(title: str, comment: str | None) -> tuple[str, str | None]:
    """`title` without a closing bare number, which opens the comment instead."""
    m = _CLOSING_NUMBER.search(title)
    if m is None or not title[: m.start()].strip():
        return title, comment
    said = " ".join(x for x in (m.group("n"), comment) if x)
    return _ARXIV_CLASS.sub("", title[: m.start()]).strip() or title, said


_MUST_READ = re.compile(r"(?i)\W*must[- ]read\W*")


def bold_must_read(inline: InlineText) -> bool:
    """`**MUST READ**` set in bold on its own anywhere in an item: the note-taker's mark
    for a paper to hand to others, as `— must read` is."""
    return any(_MUST_READ.fullmatch(inline.text[a:b]) for a, b in inline.bold)


def without_closing_tags(title: str) -> str:
    """A title without the tags closing it (`Kelp Nets #ssl #fav`): they file and mark the
    paper, no part of its name."""
    return _CLOSING_TAGS.sub("", title).strip() or title


def journal_title(title: str) -> str:
    """A title as an outliner's journal writes it (Logseq, Roam, Obsidian daily notes):
    without the tags closing it, and, where a few words name a page (`Read [[Kelp Nets]]
    today`), that page's name: the page is the paper."""
    title = _CLOSING_TAGS.sub("", title).strip() or title
    title = _ARXIV_CLASS.sub("", title).strip() or title
    m = _ONE_WIKILINK.match(title)
    around = m["before"] + " " + (m["after"] or "") if m else ""
    if m and len(_WORD.findall(around)) <= MAX_WORDS_AROUND_WIKILINK:
        return m["name"].strip()
    return title


def read_entry(inline: InlineText, words: Mapping[str, frozenset[str]]) -> EntryParts | None:
    """Read a list item as a paper entry, or None when it is not one."""
    inline = _opening_wikilink_as_text(inline)
    text = inline.text
    if not text.strip():
        return None
    title_span = _title_link(inline, words)
    cut = title_span.start if title_span else len(text)
    rest, found = _strip_markers(text[:cut])
    offset = cut - len(rest)
    summary, summary_at, rest, offset = _leading_summary(inline, rest, offset, title_span)
    rating = found.get("rating")
    title = url = None
    title_at = None
    used_link: LinkSpan | None = None
    suffix_at = len(text)
    keep_before = True
    if title_span is not None:
        used_link = title_span
        title = split_title(title_span.text, title_span.href)
        url = title_span.href.strip()
        title_at = title_span.start
        suffix_at = title_span.end
        words_in_title = len(_WORD.findall(title))
        if _is_note(title_span):  # `[Title](notes/x.md) [[arXiv](url)]`: the note is not the paper
            used_link = _paper_link(inline, words)
            url = used_link.href.strip() if used_link else None
            if used_link is None and rating is None:
                return None
        elif rating is None and words_in_title < 2 and link_kind(url) != "paper":
            return None
    else:
        paper_link = _paper_link(inline, words) or _aside_link(inline, words)
        offset = _title_start(inline, offset, paper_link, words)
        found_title = _text_title(inline, offset, paper_link, words, rating is not None)
        if found_title is not None:
            span, suffix_at, keep_before = _marks_apart(text, *found_title)
            title, title_at = span.text, span.start
        if title is not None and paper_link is not None:
            used_link = paper_link
            url = paper_link.href.strip()
        if title is None and rating is None:
            return None
        if title is None:
            suffix_at = offset
    before = _comment_before(text, offset, title_at, words) if keep_before else ""
    authors, after = _comment_after(inline, suffix_at, words, used_link, title_span, title)
    if rating is None:
        line_end = next((pos - 1 for pos, _ in inline.marks if pos - 1 > suffix_at), None)
        ends_line = None if line_end is None else line_end - suffix_at
        rating = _find_rating(text[suffix_at:], ends_line) if title is not None else None
    comment = " ".join(x for x in (before, after) if x) or None
    comment_at = offset if before else suffix_at
    links = tuple(
        Link(" ".join(s.text.split()), s.href.strip(), s.line)
        for s in inline.links
        if s is not used_link and s.href.strip()
    )
    comment_line = comment_at if comment else None
    parts = (("title", title_at), ("summary", summary_at), ("comment", comment_line))
    part_lines = [(part, inline.line_at(at)) for part, at in parts if at is not None]
    value, scale, uncertain = rating if rating else (None, 10, False)
    closing_star = _star_closes(text, suffix_at)
    opening_star = _opening_markers(text[suffix_at:])[1] or bold_must_read(inline)
    starred = found["starred"] or bool(title is not None and (closing_star or opening_star))
    title, comment = _closing_number(journal_title(title), comment) if title else (None, comment)
    return EntryParts(
        title=title,
        url=url or None,
        rating=value,
        rating_scale=scale,
        rating_uncertain=uncertain,
        starred=starred,
        summary=summary,
        comment=comment,
        authors=authors,
        links=links,
        text=text,
        part_lines=tuple(sorted(part_lines)),
    )
