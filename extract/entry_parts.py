"""What one list item says: rating, star, summary, title, comment and other links.

Works on the item's flattened inline text (markdown-it has already resolved the Markdown);
the patterns here are about how researchers write ratings and stars, not about Markdown.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate

from .links import cvf_paper, link_kind, slug_words
from .records import Link

SEPARATORS = " \t-–—:|,;.~>"
_STAR = re.compile(
    r"\[\s*\*\s*\]|\(\s*\*\s*\)|⭐️?|🌟|:star:|\[(?:fav|favou?rite|must[- ]read|top)\]"
    r"|\((?:fav|favou?rite|must[- ]read)\)|(?<![★☆])★(?![★☆])",
    re.IGNORECASE,
)
_RATING = re.compile(
    r"(?P<open>[\[(]\s*)?(?:(?:rating|score)\s*[:=]?\s*)?"
    r"(?P<n>\d{1,3}(?:[.,]\d{1,2})?)\s*/\s*(?P<scale>10|5|100)\s*(?P<q>\?)?"
    r"(?(open)\s*[\])])",
    re.IGNORECASE,
)
_STAR_RUN = re.compile(r"\[?\s*(?P<run>[★☆⭐]{2,}|[★]+[☆]+)\s*\]?")
_CHECKBOX = re.compile(r"\[\s*(?:[xX]\s*)?\]")  # no `\s*[ ]?\s*`: quadratic on long runs of spaces
_WORD = re.compile(r"[0-9A-Za-z]+")
_SENTENCE_END = re.compile(r"[.!?](?:\s+|$)")


@dataclass(frozen=True)
class LinkSpan:
    """A link in flattened text: where its label sits, its target and its line."""

    start: int
    end: int
    text: str
    href: str
    line: int


@dataclass(frozen=True)
class InlineText:
    """Plain text of one or more paragraphs with links, bold runs and line anchors.

    `marks` holds (offset, line) pairs: the text from that offset on was written on that line.
    """

    text: str
    links: tuple[LinkSpan, ...]
    bold: tuple[tuple[int, int], ...]
    marks: tuple[tuple[int, int], ...]
    images: tuple[str, ...] = ()

    def line_at(self, offset: int) -> int:
        line = self.marks[0][1] if self.marks else 1
        for pos, mark_line in self.marks:
            if pos > offset:
                break
            line = mark_line
        return line

    @classmethod
    def join(cls, parts: list[InlineText]) -> InlineText:
        """Paragraphs of one item, one after another, separated by a space."""
        text, links, bold, marks, images = "", [], [], [], []
        for part in parts:
            if text:
                text += " "
            shift = len(text)
            text += part.text
            links += [
                LinkSpan(s.start + shift, s.end + shift, s.text, s.href, s.line) for s in part.links
            ]
            bold += [(a + shift, b + shift) for a, b in part.bold]
            marks += [(pos + shift, line) for pos, line in part.marks]
            images += list(part.images)
        return cls(text, tuple(links), tuple(bold), tuple(marks), tuple(images))


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


def _is_url_text(text: str) -> bool:
    return bool(re.match(r"^\s*(https?://|www\.)", text))


def _is_generic(span: LinkSpan, words: Mapping[str, frozenset[str]]) -> bool:
    label = _norm(span.text)
    return (
        not label
        or label in words["generic_link_texts"]
        or _is_url_text(span.text)
        or not re.search(r"[A-Za-z]", label)
    )


def _usable(span: LinkSpan) -> bool:
    href = span.href.strip()
    return (
        bool(href)
        and not href.startswith("#")
        and not re.search(r"\.(png|jpe?g|gif|svg|webp)$", href, re.IGNORECASE)
    )


def _title_link(inline: InlineText, words) -> LinkSpan | None:
    """The link whose text is the paper's title: not generic, outside bracketed asides."""
    candidates = []
    for span in inline.links:
        if not _usable(span) or _is_generic(span, words):
            continue
        depth = _depth_at(inline.text, span.start)
        if depth == 0:
            candidates.append(span)
    if not candidates:
        return None
    long_ones = [c for c in candidates if len(_WORD.findall(c.text)) >= 3]
    return (long_ones or candidates)[0]


def _depth_at(text: str, offset: int) -> int:
    """Bracket depth at `offset`, counting only ( ) groups that are closed later."""
    return _paren_depths(text)[offset]


@lru_cache(maxsize=4)
def _paren_depths(text: str) -> tuple[int, ...]:
    """Depth at every offset, in one pass: a huge line of `(` and links must not be quadratic.

    Same groups as `balanced_group` (any opener closes on any closer); only `(` groups count,
    and only at offsets strictly inside them.
    """
    diff = [0] * (len(text) + 2)
    stack: list[int] = []
    for i, ch in enumerate(text):
        if ch in "([":
            stack.append(i)
        elif ch in ")]" and stack:
            start = stack.pop()
            if text[start] == "(":
                diff[start + 1] += 1
                diff[i + 1] -= 1
    return tuple(accumulate(diff))


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
        if m.start() < min_end:
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
            run = m.group("run")
            found["rating"] = (float(sum(1 for c in run if c in "★⭐")), 5, False)
            rest = stripped[m.end() :]
            continue
        m = _RATING.match(stripped)
        if m and "rating" not in found:
            found["rating"] = _rating_value(m)
            rest = stripped[m.end() :]
            continue
        m = _CHECKBOX.match(stripped)
        if m:
            rest = stripped[m.end() :]
            continue
        return stripped, found


def starred_prefix(text: str) -> bool:
    """Whether the markers at the start of `text` include a favourite star."""
    return _strip_markers(text)[1]["starred"]


def _rating_value(m: re.Match) -> tuple[float, int, bool]:
    value = float(m.group("n").replace(",", "."))
    return value, int(m.group("scale")), bool(m.group("q"))


def _find_rating(text: str) -> tuple[float, int, bool] | None:
    """A rating written elsewhere in the entry: bracketed `[7/10]` or `rating: 7/10`."""
    for m in _RATING.finditer(text):
        if m.group("open") or re.match(r"(?i)(rating|score)", m.group(0).strip("[( ")):
            return _rating_value(m)
    return None


def _bold_title(inline: InlineText, offset: int, limit: int) -> tuple[int, int] | None:
    for start, end in inline.bold:
        if start >= offset and not inline.text[offset:start].strip(SEPARATORS + "[]()*"):
            return (start, end) if end <= limit else None
    return None


def read_entry(inline: InlineText, words: Mapping[str, frozenset[str]]) -> EntryParts | None:
    """Read a list item as a paper entry, or None when it is not one."""
    text = inline.text
    if not text.strip():
        return None
    title_span = _title_link(inline, words)
    cut = title_span.start if title_span else len(text)
    prefix = text[:cut]
    rest, found = _strip_markers(prefix)
    offset = cut - len(rest)
    summary = None
    summary_at = None
    if rest[:1] and rest[0] in "([":
        end = _summary_end(rest, title_span is not None)
        if end is not None and (end < len(rest) or title_span is None or rest[:1] == "("):
            inner = _clean(rest[1 : end - 1])
            if inner and not _RATING.fullmatch(inner):
                summary, summary_at = inner, offset
                offset += end
                rest = rest[end:]
    rating = found.get("rating")
    title = url = None
    title_at = None
    used_link: LinkSpan | None = None
    suffix_at = len(text)
    if title_span is not None:
        used_link = title_span
        title = split_title(title_span.text, title_span.href)
        url = title_span.href.strip()
        title_at = title_span.start
        suffix_at = title_span.end
        words_in_title = len(_WORD.findall(title))
        if rating is None and words_in_title < 2 and link_kind(url) != "paper":
            return None
    else:
        bold = _bold_title(inline, offset, len(text))
        paper_link = next(
            (
                s
                for s in inline.links
                if _usable(s)
                and (_norm(s.text) in words["paper_link_texts"] or link_kind(s.href) == "paper")
            ),
            None,
        )
        any_link = any(_usable(s) for s in inline.links)
        if bold is not None:
            candidate = _clean(text[bold[0] : bold[1]])
            if candidate and (paper_link or (any_link and len(_WORD.findall(candidate)) >= 2)):
                title, title_at, suffix_at = candidate, bold[0], bold[1]
        elif inline.links and paper_link is not None:
            first = inline.links[0]
            candidate = _clean(text[offset : first.start].rstrip(" [("))
            if (
                len(_WORD.findall(candidate)) >= 3
                and first.start >= offset
                and candidate[:1] not in "(["
            ):
                title, title_at, suffix_at = candidate, offset, first.start
        if title is not None and paper_link is not None:
            used_link = paper_link
            url = paper_link.href.strip()
        if title is None and rating is None:
            return None
        if title is None:
            suffix_at = offset
    before = _clean(text[offset:title_at]) if title_at is not None and title_at > offset else ""
    after = _clean(text[suffix_at:])
    if rating is None:
        rating = _find_rating(text[suffix_at:]) if title is not None else None
    comment = " ".join(x for x in (before, after) if x) or None
    comment_at = offset if before else suffix_at
    links = tuple(
        Link(" ".join(s.text.split()), s.href.strip(), s.line)
        for s in inline.links
        if s is not used_link and s.href.strip()
    )
    part_lines = []
    if title_at is not None:
        part_lines.append(("title", inline.line_at(title_at)))
    if summary_at is not None:
        part_lines.append(("summary", inline.line_at(summary_at)))
    if comment:
        part_lines.append(("comment", inline.line_at(comment_at)))
    value, scale, uncertain = rating if rating else (None, 10, False)
    return EntryParts(
        title=title or None,
        url=url or None,
        rating=value,
        rating_scale=scale,
        rating_uncertain=uncertain,
        starred=found["starred"],
        summary=summary,
        comment=comment,
        links=links,
        text=text,
        part_lines=tuple(sorted(part_lines)),
    )
