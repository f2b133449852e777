"""Where a notes file's papers are: the level at which paper evidence repeats.

A notes file is a tree of blocks (front matter, headings, list items, table rows,
paragraphs). The shape readers find candidates at each level: `extract.reading.markdown`
reads list items and table rows, `paper_sections` headings over a paper's link,
`paper_note` the whole file as one paper. This module weighs what they found and records
the decision as a `LayoutChoice`, which `paperkg inspect` prints:

- **headings**: a heading is a paper when it is a leaf (no sub-heading), its block holds
  exactly one paper (a list entry that a label introduces, `- Paper: [...]`, or that the
  heading names; or the paper's link right under the heading), and at least
  `MIN_REPEAT` headings of the file do the same (siblings repeating one structure). The
  heading is then the paper, not a topic: the paper's topic is the nearest heading above
  it that is not a paper, and every block under the heading is the paper's text. Headings
  of the file's top level are topics when any of them has sub-headings (`# Topic` over
  `## Paper`);
- the title: a full title in the paper's link beats a short name in the heading (the
  short name becomes an alias); a heading is the title when nothing else names the paper.
  Venue and year suffixes (", ICLR 2024", " – 2021") are not part of it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from markdown_it.tree import SyntaxTreeNode
from paperkg.extract.reading.evidence import has_label_line, is_paper_url
from paperkg.extract.reading.heading_names import heading_name, is_date, is_slot, strip_venue
from paperkg.extract.reading.links import link_kind
from paperkg.extract.reading.paper_note import RawBlock
from paperkg.extract.reading.paper_sections import (
    REPEATED_SECTION_RULES,
    heading_outline,
    part_heading,
    section_end,
    section_paper,
)
from paperkg.extract.reading.reading_options import DEFAULT, ReadingOptions
from paperkg.extract.records import Entry, Link

MIN_REPEAT = 2  # a structure seen once is a note with a preamble; twice is a layout
_URL = re.compile(r"^\s*(?:https?://|www\.)\S*\s*$")
# ", ICLR 2024", " – 2021", " (NeurIPS'20)", " [CVPR 2023]" ending a heading: not title
_WORD = re.compile(r"[0-9A-Za-z]+")
_ANY_RULE = frozenset(
    {"heading link", "first link", "heading + link", "heading + fields", "fields", "text"}
)
_MD_LINK = re.compile(r"\]\(\s*<?([^)\s>]+)>?[^)]*\)|(?<![\w(])(https?://[^\s<>()\[\]]+)")


@dataclass(frozen=True)
class Skipped:
    """A candidate paper the chosen level left out, with why."""

    line: int
    text: str
    reason: str


@dataclass(frozen=True)
class LayoutChoice:
    """The level a file's papers were read at, what showed it, and what was left out."""

    level: str  # "list items", "table rows", "paragraphs", "headings", "one paper per file", "none"
    evidence: tuple[str, ...]
    papers: int
    titles: tuple[str, ...]  # the first three papers' titles
    skipped: tuple[Skipped, ...] = ()


def _no_title(title: str | None) -> bool:
    return not title or bool(_URL.match(title))


@dataclass(frozen=True)
class HeadingPapers:
    """Entries re-read with their headings as papers, and the headings that stay topics."""

    entries: tuple[Entry, ...]
    topics: tuple[tuple[str, ...], ...]
    paper_lines: tuple[int, ...]
    skipped: tuple[Skipped, ...] = ()
    forced: bool = False  # by `paperkg.toml`, not by evidence
    dated: int = 0  # of the paper headings, those that are dates (a journal's slots)


def papers_under_headings(
    path: str,
    tree: SyntaxTreeNode,
    entries: Sequence[Entry],
    read_blocks: Callable[[], Sequence[RawBlock]],
    heading_text: Callable[[SyntaxTreeNode], str],
    words,
    end_line: int,
    options: ReadingOptions = DEFAULT,
) -> HeadingPapers | None:
    """The file's entries with leaf headings that each hold one paper read as those papers;
    None when fewer than MIN_REPEAT headings do (the headings are all topics then).

    With `papers = "headings"` (`reading_options`) the headings of `heading_level` (or, with
    no level given, every leaf heading) are papers, whatever evidence they show."""
    outline = heading_outline(tree, heading_text)
    # `### Links` / `### Rating` under a paper's heading are parts of its notes, no headings
    # of the file's outline: the paper's heading is a leaf over them
    parts = {h.line for h in outline if part_heading(h)}
    outline = [h for h in outline if h.line not in parts]
    forced = options.papers == "headings"
    if len(outline) < (1 if forced else MIN_REPEAT):
        return None
    top = min(h.level for h in outline)
    top_is_topics = any(
        later.level > h.level
        for i, h in enumerate(outline)
        if h.level == top
        for later in outline[i + 1 : i + 2]
    )
    slots = date_slots(outline, entries, end_line)
    chosen: dict[int, Entry] = {}  # heading index -> its paper
    skipped: list[Skipped] = []
    blocks: Sequence[RawBlock] = ()
    for i, heading in enumerate(outline):
        end = section_end(outline, i, end_line)
        leaf = i + 1 >= len(outline) or outline[i + 1].line >= end
        if forced and options.heading_level is not None:
            if heading.level != options.heading_level:
                continue
        elif not leaf or (heading.level == top and top_is_topics and not forced):
            continue
        inside = _one_paper_fields([e for e in entries if heading.line < e.line < end])
        if len(inside) > 1 and not forced:
            skipped.append(Skipped(heading.line, heading.path[-1], "holds several papers"))
            continue
        blocks = blocks or read_blocks()  # read once, only for a file with such headings
        mine = [b for b in blocks if heading.line <= b.line < end and b.line not in parts]
        if inside and (forced or _names_the_paper(heading.path[-1], inside[0], slots)):
            chosen[i] = _heading_paper(heading, inside[0], mine, end - 1)
            continue
        rules = REPEATED_SECTION_RULES if not forced else None
        found = None  # a topic over one paper its item names (`### Detection`): none
        if forced or not _topic_over_its_item(heading.path[-1], inside):
            found = section_paper(path, heading, mine, words, end - 1, rules or _ANY_RULE)
        if found is None and forced:
            found = _bare_heading_paper(path, heading, mine, end - 1)
        if found is not None:
            name = heading_name(heading.path[-1])
            title = name if _no_title(found.title) else strip_venue(found.title or "")
            chosen[i] = replace(found, title=title)
        elif inside:
            skipped.append(Skipped(heading.line, heading.path[-1], "its one item is no label"))
    if len(chosen) < (1 if forced else MIN_REPEAT):
        return None
    if options.title == "heading":
        chosen = {i: replace(e, title=heading_name(outline[i].path[-1])) for i, e in chosen.items()}
    consumed = {e.line for i in chosen for e in entries if _inside(e, outline, i, end_line)}
    kept = [e for e in entries if e.line not in consumed]
    out = sorted([*kept, *chosen.values()], key=lambda e: e.line)
    papers = {outline[i].path for i in chosen}
    topics = tuple(dict.fromkeys(h.path for h in outline if h.path not in papers))
    return HeadingPapers(
        tuple(out),
        topics,
        tuple(sorted(outline[i].line for i in chosen)),
        tuple(skipped),
        forced,
        sum(1 for i in chosen if is_date(outline[i].path[-1])),
    )


_FIELD_KEY = re.compile(r"^\s*[^\W\d][\w /&'-]{0,30}?\s*:")


def _one_paper_fields(inside: list[Entry]) -> list[Entry]:
    """A heading's items that are one paper's fields (`- Paper: [Title](...)` over
    `- summary: [a post about it](...)`): the one that a paper label opens, when every
    other reads as a field of it; else the items as they are."""
    labelled = [e for e in inside if has_label_line(e.text)]
    if len(labelled) == 1 and all(_FIELD_KEY.match(e.text) for e in inside):
        return labelled
    return inside


def _topic_over_its_item(heading: str, inside: Sequence[Entry]) -> bool:
    """A heading over one list item that opens with its paper's title (`### Detection`
    over `- [Title](url)`, after a rating): the item names its paper, the heading is its
    topic. A slot (`## Card 3`) names none."""
    return len(inside) == 1 and _titled_by_its_link(inside[0]) and not is_slot(heading)


def _titled_by_its_link(entry: Entry) -> bool:
    """A list item that opens with its paper's title, not its authors (`[Quill et al.]`)."""
    title = (entry.title or "").strip()
    opening = (entry.text or "").lstrip(" -*[]()0123456789/.·⭐")
    cites = _CITES_PEOPLE.search(title)  # `[Rombach et al.](url)` names its authors
    return (
        entry.kind == "item"
        and bool(entry.url)
        and len(title) > 3
        and not cites
        and (opening.startswith(title))
    )


_CITES_PEOPLE = re.compile(r"\bet\.?\s*al\b|^[A-Z][\w'-]+\s+(?:&|and)\s+[A-Z][\w'-]+\.?$")


def _names_the_paper(heading: str, entry: Entry, slots: bool = False) -> bool:
    """The heading's one entry is introduced by a label (`Paper: [...]`, `Title: ...`), or
    the heading is the paper's name: the heading is the paper, not a topic that happens to
    hold one paper ("## Tracking" over one tracker). A date heading over one paper is
    that paper's slot in a journal: no topic either."""
    if has_label_line(entry.text) or (slots and is_date(heading)):
        return True
    name = " ".join(_WORD.findall(heading_name(heading).lower()))
    title = " ".join(_WORD.findall((entry.title or "").lower()))
    return bool(name) and (title == name or title.startswith(name + " "))


def date_slots(outline, entries: Sequence[Entry], end_line: int) -> bool:
    """Whether the file's date headings are a journal's slots, one paper each: at least
    MIN_REPEAT of them, none holding more than one entry. Date headings that hold several
    papers (`## 2015-12` over a month's reading) group them: topics."""
    counts = [
        sum(1 for e in entries if _inside(e, outline, i, end_line))
        for i, h in enumerate(outline)
        if is_date(h.path[-1])
    ]
    return len(counts) >= MIN_REPEAT and max(counts) <= 1


def _inside(entry: Entry, outline, i: int, end_line: int) -> bool:
    return outline[i].line < entry.line < section_end(outline, i, end_line)


def _heading_paper(heading, entry: Entry, blocks: Sequence[RawBlock], end: int) -> Entry:
    """The heading's one entry as the heading's paper: the heading's line and topic, its
    name as the title or an alias, every other block under it as the paper's comment. A
    link that is the value of a field of the paper (`- summary: [a post](...)`) is about
    this paper, no other work: only its code and project links are kept."""
    name = "" if is_date(heading.path[-1]) else heading_name(heading.path[-1])
    title, aliases = entry.title, entry.aliases
    if _no_title(title):
        title = name
    elif name and name.lower() != (title or "").lower() and len(_WORD.findall(name)) >= 1:
        aliases = tuple(dict.fromkeys((*aliases, name)))
    own = range(entry.line, entry.end_line + 1)
    rest = [b for b in blocks[1:] if b.line not in own]
    extra = " ".join(" ".join(b.inline.text.split()) for b in rest)
    comment = " ".join(part for part in (entry.comment, extra) if part) or None
    links = entry.links + tuple(
        Link(span.text, span.href, span.line)
        for b in rest
        for span in b.inline.links
        if not _FIELD_KEY.match(b.inline.text) or link_kind(span.href) in ("code", "project")
    )
    part_lines = dict(entry.part_lines)
    if rest:
        part_lines.setdefault("comment", rest[0].line)
    return replace(
        entry,
        title=title,
        aliases=aliases,
        line=heading.line,
        end_line=max(end, entry.end_line),
        section=heading.path[:-1],
        comment=comment,
        links=links,
        text=" ".join(part for part in (entry.text, extra) if part),
        part_lines=tuple(sorted(part_lines.items())),
    )


def _bare_heading_paper(path: str, heading, blocks: Sequence[RawBlock], end: int) -> Entry:
    """A heading the user says is a paper, with whatever its section holds: the heading as
    title, the first link to a paper (else the first link) as the paper's link."""
    spans = [span for b in blocks for span in b.inline.links if span.href.strip()]
    paper = next((s for s in spans if is_paper_url(s.href)), spans[0] if spans else None)
    rest = list(blocks[1:])
    comment = " ".join(" ".join(b.inline.text.split()) for b in rest) or None
    return Entry(
        notes_file=path,
        line=heading.line,
        end_line=max(end, heading.line),
        section=heading.path[:-1],
        title=heading_name(heading.path[-1]),
        url=paper.href.strip() if paper else None,
        comment=comment,
        links=tuple(Link(s.text, s.href, s.line) for s in spans if s is not paper),
        text=" ".join(part for part in (heading.path[-1], comment) if part),
        part_lines=(("comment", rest[0].line if rest else heading.line), ("title", heading.line)),
    )


def chosen_head(head, options: ReadingOptions, front, blocks: Sequence[RawBlock]):
    """A per-paper note's head with the user's `title` option applied."""
    key = options.front_matter_title
    title = head.title
    if key and front.get(key) not in (None, ""):
        title = " ".join(str(front[key]).split())
    elif options.title == "heading":
        first = next((b for b in blocks if b.kind == "heading"), None)
        title = " ".join(first.inline.text.split()) if first else title
    elif options.title == "link text":
        span = next((s for b in blocks for s in b.inline.links if s.text.strip()), None)
        title = " ".join(span.text.split()) if span else title
    return replace(head, title=title) if title != head.title else head


def link_after(text: str, start: int, end: int, words: str) -> str | None:
    """The first link written after `words` (any case) between lines `start` and `end` of
    the file's `text`: the paper's link a `link_after` option names."""
    lines = text.split("\n")[start - 1 : end]
    chunk = "\n".join(lines)
    at = chunk.lower().find(words.lower())
    if at < 0:
        return None
    found = _MD_LINK.search(chunk, at + len(words))
    return (found.group(1) or found.group(2)) if found else None


def _link_text(text: str, entry: Entry) -> str | None:
    """The text of the entry's paper link, as written in its lines (`[text](url)`)."""
    chunk = "\n".join(text.split("\n")[entry.line - 1 : entry.end_line])
    found = re.search(r"\[([^\[\]]+)\]\(\s*<?" + re.escape(entry.url or ""), chunk)
    return " ".join(found.group(1).split()) if found else None


def apply_options(entries: Sequence[Entry], options: ReadingOptions, text: str):
    """The entries with the user's `link_after` and `title` options applied."""
    out = []
    for entry in entries:
        if options.link_after:
            url = link_after(text, entry.line, entry.end_line, options.link_after)
            entry = replace(entry, url=url) if url else entry
        if options.title == "link text" and entry.url:
            entry = replace(entry, title=_link_text(text, entry) or entry.title)
        out.append(entry)
    return tuple(out)


def sections_choice(entries: Sequence[Entry], topics) -> LayoutChoice:
    """The record of a file read as one section per paper (`paper_sections`)."""
    return LayoutChoice(
        level="headings",
        evidence=(f"{len(entries)} headings each over the paper's link or fields",),
        papers=len(entries),
        titles=tuple(e.title or "" for e in entries[:3]),
    )


def list_choice(
    entries: Sequence[Entry],
    row_lines,
    by_heading: HeadingPapers | None,
    unread: Sequence[int],
    text: str,
    options: ReadingOptions,
    paragraph_lines: frozenset[int] = frozenset(),
) -> LayoutChoice:
    """The record of a file read as list items, table rows, paragraphs or headings over
    them."""
    lines = text.split("\n")
    skipped = [
        Skipped(n, lines[n - 1].strip()[:80] if n <= len(lines) else "", "a paper link, no title")
        for n in unread
        if not any(e.line <= n <= e.end_line for e in entries)  # read at another level
    ]
    evidence: list[str] = []
    if options.source:
        evidence.append(f"{options.source}: papers = {options.papers!r}")
    heading_lines = set(by_heading.paper_lines) if by_heading else set()
    rows = sum(1 for e in entries if e.line in row_lines)
    heads = sum(1 for e in entries if e.line in heading_lines)
    paragraphs = sum(1 for e in entries if e.line in paragraph_lines)
    items = len(entries) - rows - heads - paragraphs
    if by_heading is not None:
        skipped.extend(by_heading.skipped)
        how = "as the paperkg.toml says" if by_heading.forced else "each over one paper"
        why = "a `Paper:` label, or the heading names it"
        if by_heading.dated == heads:
            why = "dates of a journal, one paper under each"
        elif by_heading.dated:
            why = f"{by_heading.dated} of them dates, one paper under each; the others {why}"
        evidence.append(f"{heads} headings {how} ({why})")
    if rows:
        evidence.append(f"{rows} table rows naming a paper in a Paper/Title column or linking one")
    if paragraphs:
        evidence.append(
            f"{paragraphs} paragraphs or BibTeX entries that name a paper (a name and its"
            " link, a citation, or the entry's fields)"
        )
    if items:
        evidence.append(f"{items} list items with a title or a paper link")
    counts = {"headings": heads, "table rows": rows, "list items": items, "paragraphs": paragraphs}
    level = max(counts, key=lambda k: counts[k]) if entries else "none"
    return LayoutChoice(
        level=level,
        evidence=tuple(evidence),
        papers=len(entries),
        titles=tuple(e.title or "" for e in entries[:3]),
        skipped=tuple(sorted(skipped, key=lambda s: s.line)),
    )
