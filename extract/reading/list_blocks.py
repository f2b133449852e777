"""Paper entries outside list items: table rows and paragraphs.

Paper lists are not always bullets. A table whose rows are papers (`| Title | Venue |
[pdf](url) |`) and a reference list written as paragraphs (`**[1]** Author. "Title" (2015)
[[pdf]](url)`, one per line) hold entries too, and so do paragraphs that each open with a
paper's name (`**Title** — summary [arXiv](url)`, a badge then `**Title**`). This module
turns such blocks into the same flattened text a list item gives, so
`entry_parts.read_entry` reads them like any item.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import replace
from urllib.parse import urldefrag, urlsplit

from paperkg.extract.reading.entry_parts import (
    SEPARATORS,
    EntryParts,
    InlineText,
    LinkSpan,
    closing_rating,
    closing_star,
    ending_rating_removed,
    field_rating,
    find_rating,
    markdown_words,
    opening_marks,
    star_run_rating,
)
from paperkg.extract.reading.evidence import has_label_line, is_paper_url
from paperkg.extract.reading.links import link_kind
from paperkg.extract.reading.list_titles import TitleSpan, rated_text_title
from paperkg.extract.reading.list_titles import words as count_words
from paperkg.extract.reading.paper_note import note_words
from paperkg.extract.records import Entry, Link

_REFERENCE_START = re.compile(r"\s*\[\d{1,4}\]\s")
# header cells that name the column holding the paper's title
# ("File": the column of a Dataview query's table, each cell a `[[note]]` named by its paper)
_TITLE_HEADERS = frozenset(
    {"title", "paper", "papers", "paper title", "name", "publication", "file"}
)
# header cells that name the column of what each paper made, where no column is named as
# above ("| Model | Year | Link |"): the papers' names, as "Name" is
_NAME_HEADERS = frozenset({"model", "models", "method", "methods", "system", "architecture"})
ROW_SEPARATOR = " | "


def is_reference(inline: InlineText) -> bool:
    """A paragraph that opens with a reference number `[1]` (bold or not)."""
    return bool(_REFERENCE_START.match(inline.text))


# a line that only counts its post in a thread (`🧵 2/12`, `3/`, `(4/10)`), or names who
# wrote a chat's message and when (`Amara Okafor  10:02 AM`, its name in bold)
_COUNTER_LINE = re.compile(
    r"[^\w\n]*\d{1,3}\s*/\s*(?:\d{1,3})?[^\w\n]*"
    r"|[^\W\d_][\w.' -]{0,40}?\s+\d{1,2}:\d{2}(?:\s*[AaPp]\.?[Mm]\.?)?"
)


def without_rank(inline: InlineText) -> InlineText:
    """A paragraph without the rank it opens with (`#1 — **Title** · [arXiv](url) ·
    10/10`, a ranking's): a place in a list, no part of the paper's name."""
    ranked = _RANK.match(inline.text)
    return inline.slice(ranked.end(), len(inline.text)) if ranked else inline


def without_counter_line(inline: InlineText) -> InlineText:
    """A paragraph without the line that opens it only to count it (`🧵 2/12` over a
    thread's post: a post's number, no rating) or to say who wrote it when (a chat's
    `**Ravi S.**  4:47 PM`): no part of the name that follows."""
    lines = [pos for pos, _ in inline.marks[1:] if 0 < pos < len(inline.text)]
    if not lines or not _COUNTER_LINE.fullmatch(inline.text[: lines[0]].strip()):
        return inline
    if inline.text[0].isalpha() and not any(a == 0 for a, _ in inline.bold):
        return inline  # a chat's speaker is in bold: `Results 10:02` is a sentence's
    return inline.slice(lines[0], len(inline.text))


def opens_with_name(inline: InlineText) -> bool:
    """A paragraph that opens with a name: a bold run or a link (badges, which are links
    with an image and no text, may come first), not a field key (`**Paper**: ...`).

    Such a paragraph is a candidate paper, like a list item; it is read as one only when
    it links a paper and when several paragraphs of the file do the same (`markdown`)."""
    text = inline.text
    at = len(text) - len(text.lstrip())
    source = _SOURCE_DASH.match(text, at)  # `— [Title](url) · ★★★★☆`, under a quote
    at = source.end() if source else at
    quoted = _QUOTED_OPENING.match(text, at)  # `"Title" — notes` (a thread's post)
    if quoted and count_words(quoted.group(1)) >= MIN_TITLE_WORDS:
        return True
    kind = _KIND_TAG.match(text, at)  # a search engine's `[PDF]` before the title's link
    if kind and any(s.start == kind.end() for s in inline.links):
        at = kind.end()
    for span in sorted(inline.links, key=lambda s: s.start):
        if span.start == at and (span.badge or not span.text.strip()):
            at = span.end + len(text[span.end :]) - len(text[span.end :].lstrip())
    starts = [a for a, b in inline.bold if b > a] + [s.start for s in inline.links if s.text]
    if source:  # a quote's source names its paper in italics too (`— *Title*, [pdf](url)`)
        starts += [a for a, b in inline.italic if count_words(text[a:b]) >= MIN_TITLE_WORDS]
    if at not in starts or has_label_line(text[at:]):
        return False
    ends = [b for a, b in (*inline.bold, *inline.italic) if a == at]
    ends += [s.end for s in inline.links if s.start == at]
    after = text[max(ends) :].lstrip(" *_")
    return not after.startswith(":")


MIN_TITLE_WORDS = 3  # a title in bold of fewer words is a label or emphasis
_SOURCE_DASH = re.compile(r"[—–]\s*")
_RANK = re.compile(r"\s*#\d{1,3}\s*[—–:-]\s*")
_QUOTED_OPENING = re.compile(r"[\"“]([^\"“”\n]{8,300})[\"”](?:\s*[—–:-]|\s+https?://)")
# what a search engine tags a result with before its title: `[PDF]`, `[HTML]`, `[BOOK]`
_KIND_TAG = re.compile(r"\[[A-Z]{2,10}\]\s+")
# a field line's key: Logseq's `title::`, `Title:`, `**Link**:`
_FIELD_KEY = re.compile(r"\s*\**([^\W\d_](?:[^\W\d_]|[ .\-]){0,24}?)\**\s*(?:::?|：)\s*")


def field_line(text: str) -> tuple[str, str] | None:
    """A `Key: value` or `Key:: value` line as its key, lowercased, and its value."""
    key = _FIELD_KEY.match(text)
    value = text[key.end() :].strip() if key else ""
    return (key.group(1).strip().lower(), value) if key and value else None


# a field written after another on its line: `Title: ..., Link: https://...`
_NEXT_FIELD = re.compile(r"[,;|·]\s*(?=\**([^\W\d_][^\W\d_ ]{0,20})\**\s*(?:::?|：)\s)")
_FIELD_KINDS = ("title_fields", "url_fields", "author_fields", "year_fields", "rating_fields")


def field_lines_entry(inline: InlineText) -> EntryParts | None:
    """A list item written as lines of fields (an outliner's block, `title:: ...` over
    `url:: ...`; or `Title: ...` over `Link: ...`), or as fields one after another on a line
    (`Titel: ..., Link: https://...`): a paper when one field is its title and one links
    it. Each line must be a field: an item with prose is read as an item."""
    words = note_words()
    known = frozenset().union(*(words[kind] for kind in _FIELD_KINDS))
    starts = [pos for pos, _ in inline.marks]
    starts += [m.end() for m in _NEXT_FIELD.finditer(inline.text) if m.group(1).lower() in known]
    starts = sorted(set(starts))
    if len(starts) < 2:
        return None
    title, title_at, url = None, 0, None
    for a, b in zip(starts, [*starts[1:], len(inline.text)], strict=True):
        key = _FIELD_KEY.match(inline.text, a)
        if key is None or key.end() > b:
            return None
        name = key.group(1).strip().lower()
        link = next((s for s in inline.links if key.end() <= s.start < b), None)
        value = " ".join(inline.text[key.end() : b].split()).rstrip(",;|· ")
        if name in words["title_fields"] and title is None and value and not link_only(value):
            title, title_at = (link.text if link else value), a
        if name in words["url_fields"] | words["title_fields"] and url is None and link:
            url = link.href.strip() if link.href.strip().lower().startswith("http") else None
    if title is None or url is None:
        return None
    return replace(
        unlinked_entry(inline, TitleSpan(title_at, title_at, title)), url=url, comment=None
    )


def link_only(value: str) -> bool:
    """A field value that is only an address (`Paper: https://...`): no title."""
    return bool(re.fullmatch(r"(?:https?://|www\.)\S*", value))


def unlinked_entry(inline: InlineText, title: TitleSpan) -> EntryParts:
    """A reference that links nothing as an entry: its title, and the rest as comment."""
    rest = " ".join(inline.text[title.end :].split()).strip(" .,;") or None
    lines = [("title", inline.line_at(title.start))]
    if rest:
        lines.append(("comment", inline.line_at(title.end)))
    return EntryParts.unrated(title.text, None, rest, (), inline.text, tuple(sorted(lines)))


_CLOSING_TAG_RUN = re.compile(r"((?:\s+#[^\W\d][\w/-]*)+)\s*$")
_PAGE_LINK = re.compile(r"\[\[([^\[\]|#]+)(?:[|#][^\[\]]*)?\]\]")


def tagged_paper(inline: InlineText) -> tuple[TitleSpan, tuple[str, ...]] | None:
    """An item that says it is a paper by a tag closing it, `Title #paper #vision` or
    `[[Title]] #paper` (as vaults and outliners tag a page's kind), linking nothing: its
    title (the page's name for a page link) and its other tags."""
    text = inline.text
    m = _CLOSING_TAG_RUN.search(text)
    if m is None or inline.links:
        return None
    tags = [t[1:] for t in m.group(1).split()]
    kinds = note_words()["paper_kinds"]
    if not any(t.lower() in kinds for t in tags):
        return None
    head = text[: m.start()].strip()
    page = _PAGE_LINK.fullmatch(head)
    title = " ".join((page.group(1) if page else head).split()).strip(SEPARATORS)
    if not title or len(title.split()) > 30:
        return None
    start = text.index(head[:1])
    others = tuple(t for t in tags if t.lower() not in kinds)
    return TitleSpan(start, m.start(), title, False), others


# a citation key opening an item before its title, as Pandoc and Quarto write one:
# `- @lin2017focal — *Focal Loss for Dense Object Detection*. notes 9/10`
_CITE_KEY = re.compile(r"\s*@[\w:.-]+\s*[—–:-]?\s*")


def rated_emphasised_title(inline: InlineText) -> TitleSpan | None:
    """The title of an item that opens with a title in bold or italics and ends with the
    reader's rating, `**Title** — what I made of it. 8/10` (or `*Title*. ... ★★★★☆`, or
    after a citation key, `@key — *Title*. ...`), and links nothing: a reading list kept
    without links. A bold field name (`**Results**: 9/10`) is none; a file reads such
    items as papers only where MIN_REPEAT of them are (`markdown`)."""
    text = inline.text
    lead = len(text) - len(text.lstrip())
    key = _CITE_KEY.match(text, lead)
    lead = key.end() if key else lead
    span = next((b for b in (*inline.bold, *inline.italic) if b[0] == lead), None)
    if span is None or inline.links:
        return None
    title = " ".join(text[span[0] : span[1]].split()).strip(SEPARATORS)
    rest = text[span[1] :]
    if not title or rest.lstrip().startswith(":") or find_rating(rest) is None:
        return None
    if span not in inline.bold and len(title.split()) < 2:
        return None  # one word in italics is emphasis, no title
    return TitleSpan(span[0], span[1], title, False)


def opening_bold_title(inline: InlineText) -> TitleSpan | None:
    """The title in bold that opens an item, of MIN_TITLE_WORDS words or more and no field's
    name (`**Results**: ...`): a list of papers titled so may have one not yet linked."""
    text = inline.text
    lead = len(text) - len(text.lstrip())
    span = next((b for b in inline.bold if b[0] == lead), None)
    if span is None:
        return None
    title = " ".join(text[span[0] : span[1]].split()).strip(SEPARATORS)
    if len(title.split()) < MIN_TITLE_WORDS or text[span[1] :].lstrip().startswith(":"):
        return None
    return TitleSpan(span[0], span[1], title, False)


# a score right after a dash closing a plain title (`Title — 3/5 (not on arXiv yet)`)
_RATED_TAIL = re.compile(r"\s[—–-]\s+\d{1,2}(?:[.,]\d)?\s*/\s*(?:10|5)(?![\d/])")
# a label before a title, ending with a colon (`Paper from reading group (no link): Title`)
_LEAD_LABEL = re.compile(r"^[^:]{1,80}:\s+")


def rated_plain_title(inline: InlineText) -> TitleSpan | None:
    """The title of an item that links nothing, written as plain text right before its
    score (`- Interleaved Kelp Blocks for Long QA — 3/5 (preprint, not on arXiv)`, after a
    label: `- From reading group (no link yet): Title — 7/10`), where it reads as a title:
    a paper not yet online, in a file of papers."""
    if inline.links:
        return None
    text = inline.text
    tail = _RATED_TAIL.search(text)
    if tail is None:
        return None
    label = _LEAD_LABEL.match(text[: tail.start()])
    return rated_text_title(text[: tail.start()], label.end() if label else 0)


def cited_entry(inline: InlineText, title: TitleSpan) -> EntryParts:
    """A paper cited in the reader's words (`list_titles.cited_title`) as an entry: the
    words after the citation are the reader's comment, and a rating closing them
    (`... neat. 8/10`) is the reader's rating, as in any item of a list of papers."""
    parts = unlinked_entry(inline, title)
    comment = (parts.comment or "").strip(SEPARATORS) or None
    rated = find_rating(comment) if comment else None
    if rated is None:
        return replace(parts, comment=comment)
    comment = ending_rating_removed(comment).strip(SEPARATORS) or None
    value, scale, uncertain = rated
    return replace(
        parts, comment=comment, rating=value, rating_scale=scale, rating_uncertain=uncertain
    )


def reference_pieces(inline: InlineText) -> list[InlineText]:
    """One piece per reference: consecutive lines of one paragraph that each start `[N]`."""
    starts = [0] + [pos for pos, _ in inline.marks[1:] if _REFERENCE_START.match(inline.text, pos)]
    ends = starts[1:] + [len(inline.text)]
    return [inline.slice(a, b) for a, b in zip(starts, ends, strict=True) if b > a]


def named_title_column(header: list[str]) -> int | None:
    """The column a table's header names as the papers' ("Paper", "Title", "Name"), else
    one naming what they made ("Model", "Method"), if any."""
    cells = [" ".join(cell.lower().split()).strip(" *_:") for cell in header]
    for names in (_TITLE_HEADERS, _NAME_HEADERS):
        for i, cell in enumerate(cells):
            if cell in names:
                return i
    return None


def made_things_header(header: list[str], column: int) -> bool:
    """Whether the named column is one of what papers made ("Model"), not of papers."""
    return " ".join(header[column].lower().split()).strip(" *_:") in _NAME_HEADERS


def titles_header(header: list[str], column: int) -> bool:
    """Whether the named paper column's header says its cells are papers' titles ("Title",
    "Paper"), not only names ("Name", which results tables use for models too)."""
    cell = " ".join(header[column].lower().split()).strip(" *_:")
    return cell in _TITLE_HEADERS and cell != "name"


def other_name_column(header: list[str], named: int | None) -> int | None:
    """A second column naming the papers besides the `named` one (`| Model | Paper |`: the
    Model column, where the Paper column holds only links)."""
    cells = [" ".join(cell.lower().split()).strip(" *_:") for cell in header]
    names = _TITLE_HEADERS | _NAME_HEADERS
    return next((i for i, cell in enumerate(cells) if cell in names and i != named), None)


def only_link_labels(cell: InlineText) -> bool:
    """A cell of links labelled by where they lead (`[arXiv](...)`, `[pdf](...) [code](...)`)
    and nothing else: it names no paper."""
    words = markdown_words()
    labels = words["generic_link_texts"] | words["paper_link_texts"]
    outside = re.sub(r"[\W_]+", "", cell.without_links())
    return (
        bool(cell.links)
        and not outside
        and all(" ".join(s.text.lower().split()).strip(" []()*_") in labels for s in cell.links)
    )


def title_column(header: list[str]) -> int:
    """The column of a table that holds titles: one headed like "Title"/"Paper", else the first."""
    found = named_title_column(header)
    return 0 if found is None else found


def _host(href: str) -> str:
    return urlsplit(href.strip()).netloc.lower()


def named_row_entry(
    cells: list[InlineText], column: int, line: int, titled: bool = False
) -> EntryParts | None:
    """A row of a table whose header names the paper column, and whose cell there is a
    link (to the paper, or to a note about it), or whose row links a paper in another
    column ("| Name | Link |"): that cell is the paper's name however short ("T5"), as
    every row of the table repeats the same structure. The paper's link is a link to a
    paper anywhere in the row, else the cell's own link. With no link, the cell is a paper
    only under a header that says so (`titled`: "Title", "Paper"); under "Name" a
    plain-text row is more often a row of results."""
    if column >= len(cells) or not cells[column].text.strip():
        return None
    cell = cells[column]
    row = row_text(cells, column)
    linked = any(link_kind(s.href) not in ("code",) and s.href.strip() for s in cell.links)
    if not (linked or titled or any(is_paper_url(s.href) for s in row.links)):
        return None
    title = " ".join(cell.text.split()).strip(" *_")
    if not title or re.match(r"^(?:https?://|www\.)", title):
        return None
    links = [s for s in row.links if s.href.strip()]
    url = next((s.href.strip() for s in links if is_paper_url(s.href)), None)
    if url is None:
        url = next((s.href.strip() for s in cell.links if s.href.strip()), None)
    rest = " ".join(row.text[len(cell.text) :].split()).strip(" |") or None
    # the row's other links to the site its name links (the note-taker's own posts: a
    # reading list, a review) are about these notes, not other works
    own = {_host(s.href) for s in cell.links}
    links = [s for s in links if s in cell.links or _host(s.href) not in own]
    return EntryParts.unrated(
        title,
        url,
        rest,
        tuple(Link(s.text, s.href, line) for s in links if s.href.strip() != url),
        " ".join(row.text.split()),
        (("comment", line), ("title", line)),
    )


def row_text(cells: list[InlineText], column: int) -> InlineText:
    """A table row as one item's text: the title cell first, the others after ` | `."""
    if not cells:
        return InlineText("", (), (), ((0, 1),))
    column = column if column < len(cells) else 0
    ordered = [cells[column]] + [c for i, c in enumerate(cells) if i != column]
    return InlineText.join([c for c in ordered if c.text.strip()] or ordered[:1], ROW_SEPARATOR)


def sections_of_one_page(cells: list[InlineText]) -> bool:
    """Cells whose links all point into one page, each at its own `#fragment`, and at no
    paper's host: the rows of a table of contents of one article, not papers."""
    hrefs = [s.href.strip() for cell in cells for s in cell.links[:1] if s.href.strip()]
    if len(hrefs) < 2 or len(hrefs) < len(cells) or any(link_kind(h) == "paper" for h in hrefs):
        return False
    pages = {urldefrag(h)[0] for h in hrefs}
    return len(pages) == 1 and all(urldefrag(h)[1] for h in hrefs)


def paragraph_lines(inline: InlineText) -> list[InlineText]:
    """A paragraph's lines (Markdown joins lines with no blank between into one)."""
    starts = sorted({0, *(pos for pos, _ in inline.marks[1:] if 0 < pos < len(inline.text))})
    ends = [*starts[1:], len(inline.text)]
    return [inline.slice(a, b) for a, b in zip(starts, ends, strict=True) if b > a]


def _shows_paper_link(inline: InlineText) -> bool:
    return any(is_paper_url(span.href) for span in inline.links)


def paper_lines(inline: InlineText, repeat: int = 2) -> list[InlineText]:
    """A paragraph written one paper a line (`📄 Title — url` over `✅ Title (url)`, a
    status mark or nothing before each): its lines that link a paper, when `repeat` or
    more do and every line links something; in a log whose every line opens with its
    time, each line that links a paper. A line linking no paper (a blog, a dataset)
    is a page it cites. A paragraph of one title over its link has one such line: none."""
    lines = paragraph_lines(inline)
    # a log's lines each open with their time (`09:30 — read Title (url) — 9/10`): those
    # that link nothing are its other entries, no sentence around a paper's
    stamped = all(_TIME_STAMP.match(line.text) for line in lines)
    if len(lines) < repeat or not (stamped or all(line.links for line in lines)):
        return []
    found = [line for line in lines if _shows_paper_link(line) and not _cites_in_prose(line)]
    return found if len(found) >= (1 if stamped else repeat) else []


_TIME_STAMP = re.compile(r"\s*(?:\d{1,2}:\d{2}(?:\s*[AaPp][Mm])?|\d{4}-\d{2}-\d{2})\s*[—–:-]")
_SENTENCE_BREAK = re.compile(r"[.!?]\s+\S")


def _cites_in_prose(line: InlineText) -> bool:
    """A line whose first link comes after a sentence of its own (`Kills the tokenizer.
    Contrast with [Title](url)`): a remark citing a work, not a line naming a paper; one
    that rates what it links is a paper read (`Busy week. Read [Title](url) (9/10)`)."""
    first = min(span.start for span in line.links)
    cited = _SENTENCE_BREAK.search(line.text[:first]) is not None
    return cited and find_rating(line.text[first:]) is None


def title_over_link(inline: InlineText) -> bool:
    """A paragraph whose first line is a name linking nothing and whose next line is only
    a paper's link (`Title` over an indented `https://arxiv.org/abs/...`): a title over its
    link, as a list item is written, only without a bullet."""
    lines = paragraph_lines(inline)
    if len(lines) < 2 or lines[0].links or not lines[0].text.strip():
        return False
    if lines[0].text.rstrip().endswith((":", ".", "?", "!")):
        return False  # a sentence, or a label over what follows
    second = lines[1]
    return (
        bool(second.links)
        and second.links[0].start <= _symbols_ahead(second.text)
        and _shows_paper_link(second)
    )


def _symbols_ahead(text: str) -> int:
    """Where a line's words start: after spaces and symbols (an emoji marking the line:
    `📄 https://...`)."""
    start = 0
    while start < len(text) and (
        text[start].isspace()
        or unicodedata.category(text[start])[0] == "S"
        or text[start] in "\ufe0f\u200d"
    ):
        start += 1
    return start


def _field_name(inline: InlineText) -> str | None:
    key = _FIELD_KEY.match(inline.text)
    if key is None or key.end() >= len(inline.text.rstrip()):
        return None
    return key.group(1).strip().lower()


def field_item_runs(texts: list[InlineText]) -> list[tuple[int, int]]:
    """Items of a list that are one paper's fields, one field an item (`- **Title**: ...`
    over `- **Link**: ...` and `- **Notes**: ...`, as a form or a template writes them):
    each run [i, j) opens with an item whose key names a title and goes on while the items
    are fields of other keys. `field_lines_entry` reads a run as it reads one item's lines."""
    titles = note_words()["title_fields"]
    runs, i = [], 0
    while i < len(texts):
        if _field_name(texts[i]) not in titles or texts[i].links:
            i += 1
            continue
        j = i + 1
        while j < len(texts) and _field_name(texts[j]) not in (None, *titles):
            j += 1
        if j - i >= 2:
            runs.append((i, j))
        i = j
    return runs


def opens_with_title_field(text: str) -> bool:
    """The text opens with a field naming a title (`Title: ...`, `**标题**: ...`)."""
    key = _FIELD_KEY.match(text)
    return key is not None and key.group(1).strip().lower() in note_words()["title_fields"]


def name_then_link(inline: InlineText, most_words: int = 20) -> bool:
    """A one-line paragraph that is a name and then the paper's link closing it (`📄
    Title — https://arxiv.org/abs/...`, `Title (https://...)`): a list item written
    without its bullet. A sentence runs on after its link, or is longer."""
    lines = paragraph_lines(inline)
    if len(lines) != 1 or len(inline.links) != 1 or not _shows_paper_link(inline):
        return False
    link = inline.links[0]
    before, after = inline.text[: link.start], inline.text[link.end :]
    if after.strip(" )]}.,;") or before.rstrip().endswith(":"):
        return False
    if _named_in_sentence(link, before):
        return False  # `..., as in [Olsson et al.](url).`: a sentence citing a work
    return 0 < len(re.findall(r"\w+", before)) <= most_words


def _named_in_sentence(link: LinkSpan, before: str) -> bool:
    """A link naming a work (not a bare address or a label such as `[arXiv]`) that the
    words before it run into with no mark between (`as in [Olsson et al.](url)`)."""
    label = " ".join(link.text.lower().split()).strip(" []")
    words = markdown_words()
    if not label or label.startswith(("http://", "https://")):
        return False
    if label in words["paper_link_texts"] or label in words["generic_link_texts"]:
        return False
    tail = before.rstrip()
    return bool(tail) and tail[-1].isalpha() and tail[-1].islower()


def _sub_item_rating(commentary: Sequence[InlineText]) -> tuple[float, int, bool] | None:
    """The rating a sub-item gives as a field (`- Rating:: 7/10` under the paper's item),
    as an outliner's block keeps its paper's properties in child blocks, or as its opening
    words (`- 9/10 ⭐`, `- score 7/10`)."""
    names = note_words()["rating_fields"]
    for extra in commentary:
        field = field_line(extra.text)  # `Rating:: 7/10` (Roam, Logseq), `**Rating**: 8/10`
        if field is not None and field[0] in names and (found := field_rating(field[1])):
            return found
        found = opening_marks(extra.text)[0] or closing_rating(extra.text)
        if (found := found or star_run_rating(extra.text)) is not None:
            return found
    return None


# a number the notes set before a title (`**1. Title**`, a poster's `#214 *Title*`): it
# places the paper in a list, no part of its name (a title opening with a number goes on
# with one, `3D ...`, `1-bit ...`, never with a space after a point)
_TITLE_NUMBER = re.compile(r"(?:#\d{1,4}|\d{1,3}[.)])\s+(?=[^\W\d_])")


# a title that is a page's link and nothing else, as a Dataview table's cell holds it
_PAGE_TITLE = re.compile(r"\[\[([^\[\]|#]+)(?:#[^\[\]|]*)?(?:\|([^\[\]]+))?\]\]")


def bare_title(title: str | None) -> str | None:
    """`title` without the number the notes set before it, if they did, and a page's link
    (`[[Title]]`) as the page's name."""
    page = _PAGE_TITLE.fullmatch(title.strip()) if title else None
    if page:
        title = (page.group(2) or page.group(1)).strip()
    found = _TITLE_NUMBER.match(title) if title else None
    return title[found.end() :] if found and " " in title[found.end() :] else title  # type: ignore[index]


def entry_record(
    parts: EntryParts,
    commentary: Sequence[InlineText],
    path: str,
    start: int,
    end: int,
    section: tuple[str, ...],
) -> Entry:
    """The entry that read `parts` make, on lines `start`-`end` of `path` under `section`,
    with the sub-items that comment on it (`commentary`): their rating and star are its own
    where it has none, their words its comment."""
    if parts.rating is None and (rated := _sub_item_rating(commentary)) is not None:
        parts = replace(parts, rating=rated[0], rating_scale=rated[1], rating_uncertain=rated[2])
    if not parts.starred and any(
        opening_marks(extra.text)[1] or closing_star(extra.text) for extra in commentary
    ):
        parts = replace(parts, starred=True)  # `- ⭐ must read` under the paper's item
    comment = parts.comment
    links = list(parts.links)
    part_lines = dict(parts.part_lines)
    for extra in commentary:
        text = " ".join(extra.text.split())
        comment = f"{comment} {text}".strip() if comment else text
        part_lines.setdefault("comment", extra.line_at(0))
        links.extend(Link(span.text, span.href, span.line) for span in extra.links)
    return Entry(
        notes_file=path,
        line=start,
        end_line=end,
        section=section,
        title=bare_title(parts.title),
        url=parts.url,
        rating=parts.rating,
        rating_scale=parts.rating_scale,
        rating_uncertain=parts.rating_uncertain,
        starred=parts.starred,
        summary=parts.summary,
        comment=comment or None,
        authors=parts.authors,
        links=tuple(links),
        text=" ".join(
            [" ".join(parts.text.split())] + [" ".join(c.text.split()) for c in commentary]
        ).strip(),
        part_lines=tuple(sorted(part_lines.items())),
    )
