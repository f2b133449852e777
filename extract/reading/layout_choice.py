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
from paperkg.extract.reading.evidence import has_label_line
from paperkg.extract.reading.links import link_kind
from paperkg.extract.reading.paper_note import RawBlock
from paperkg.extract.reading.paper_sections import (
    REPEATED_SECTION_RULES,
    heading_outline,
    section_end,
    section_paper,
)
from paperkg.extract.records import Entry, Link

MIN_REPEAT = 2  # a structure seen once is a note with a preamble; twice is a layout
_URL = re.compile(r"^\s*(?:https?://|www\.)\S*\s*$")
# ", ICLR 2024", " – 2021", " (NeurIPS'20)", " [CVPR 2023]" ending a heading: not title
_VENUE_SUFFIX = re.compile(
    r"\s*(?:[,–—-]\s*(?:[A-Za-z][\w&.]*\s*)?'?\d{2,4}"
    r"|[(\[]\s*(?:[A-Za-z][\w&.]*\s*)?'?\d{2,4}\s*[)\]])\s*$"
)
_WORD = re.compile(r"[0-9A-Za-z]+")


@dataclass(frozen=True)
class Skipped:
    """A candidate paper the chosen level left out, with why."""

    line: int
    text: str
    reason: str


@dataclass(frozen=True)
class LayoutChoice:
    """The level a file's papers were read at, what showed it, and what was left out."""

    level: str  # "list items", "table rows", "headings", "one paper per file", "none"
    evidence: tuple[str, ...]
    papers: int
    titles: tuple[str, ...]  # the first three papers' titles
    skipped: tuple[Skipped, ...] = ()


def strip_venue(text: str) -> str:
    """A heading's title without a venue or year suffix ("Foam Mixer, ICLR 2024")."""
    stripped = _VENUE_SUFFIX.sub("", text).strip(" ,-–—")
    return stripped or text


def _no_title(title: str | None) -> bool:
    return not title or bool(_URL.match(title))


@dataclass(frozen=True)
class HeadingPapers:
    """Entries re-read with their headings as papers, and the headings that stay topics."""

    entries: tuple[Entry, ...]
    topics: tuple[tuple[str, ...], ...]
    paper_lines: tuple[int, ...]


def papers_under_headings(
    path: str,
    tree: SyntaxTreeNode,
    entries: Sequence[Entry],
    read_blocks: Callable[[], Sequence[RawBlock]],
    heading_text: Callable[[SyntaxTreeNode], str],
    words,
    end_line: int,
) -> HeadingPapers | None:
    """The file's entries with leaf headings that each hold one paper read as those papers;
    None when fewer than MIN_REPEAT headings do (the headings are all topics then)."""
    outline = heading_outline(tree, heading_text)
    if len(outline) < MIN_REPEAT:
        return None
    top = min(h.level for h in outline)
    top_is_topics = any(
        later.level > h.level
        for i, h in enumerate(outline)
        if h.level == top
        for later in outline[i + 1 : i + 2]
    )
    chosen: dict[int, Entry] = {}  # heading index -> its paper
    blocks: Sequence[RawBlock] = ()
    for i, heading in enumerate(outline):
        end = section_end(outline, i, end_line)
        leaf = i + 1 >= len(outline) or outline[i + 1].line >= end
        if not leaf or (heading.level == top and top_is_topics):
            continue
        inside = _one_paper_fields([e for e in entries if heading.line < e.line < end])
        if len(inside) > 1:
            continue
        blocks = blocks or read_blocks()  # read once, only for a file with such headings
        mine = [b for b in blocks if heading.line <= b.line < end]
        if len(inside) == 1 and _names_the_paper(heading.path[-1], inside[0]):
            chosen[i] = _heading_paper(heading, inside[0], mine, end - 1)
        elif not inside:
            found = section_paper(path, heading, mine, words, end - 1, REPEATED_SECTION_RULES)
            if found is not None:
                name = strip_venue(heading.path[-1])
                title = name if _no_title(found.title) else strip_venue(found.title or "")
                chosen[i] = replace(found, title=title)
    if len(chosen) < MIN_REPEAT:
        return None
    consumed = {e.line for i in chosen for e in entries if _inside(e, outline, i, end_line)}
    kept = [e for e in entries if e.line not in consumed]
    out = sorted([*kept, *chosen.values()], key=lambda e: e.line)
    papers = {outline[i].path for i in chosen}
    topics = tuple(dict.fromkeys(h.path for h in outline if h.path not in papers))
    return HeadingPapers(tuple(out), topics, tuple(sorted(outline[i].line for i in chosen)))


_FIELD_KEY = re.compile(r"^\s*[^\W\d][\w /&'-]{0,30}?\s*:")


def _one_paper_fields(inside: list[Entry]) -> list[Entry]:
    """A heading's items that are one paper's fields (`- Paper: [Title](...)` over
    `- summary: [a post about it](...)`): the one that a paper label opens, when every
    other reads as a field of it; else the items as they are."""
    labelled = [e for e in inside if has_label_line(e.text)]
    if len(labelled) == 1 and all(_FIELD_KEY.match(e.text) for e in inside):
        return labelled
    return inside


def _names_the_paper(heading: str, entry: Entry) -> bool:
    """The heading's one entry is introduced by a label (`Paper: [...]`, `Title: ...`), or
    the heading is the paper's name: the heading is the paper, not a topic that happens to
    hold one paper ("## Tracking" over one tracker)."""
    if has_label_line(entry.text):
        return True
    name = " ".join(_WORD.findall(strip_venue(heading).lower()))
    title = " ".join(_WORD.findall((entry.title or "").lower()))
    return bool(name) and (title == name or title.startswith(name + " "))


def _inside(entry: Entry, outline, i: int, end_line: int) -> bool:
    return outline[i].line < entry.line < section_end(outline, i, end_line)


def _heading_paper(heading, entry: Entry, blocks: Sequence[RawBlock], end: int) -> Entry:
    """The heading's one entry as the heading's paper: the heading's line and topic, its
    name as the title or an alias, every other block under it as the paper's comment. A
    link that is the value of a field of the paper (`- summary: [a post](...)`) is about
    this paper, no other work: only its code and project links are kept."""
    name = strip_venue(heading.path[-1])
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
