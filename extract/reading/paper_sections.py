"""A notes file written as one section per paper: a reading journal.

    ## Segment Anything
    https://arxiv.org/abs/2304.02643
    Promptable segmentation with a ViT-H image encoder ...

Each heading names a paper and the block under it links it, as in a per-paper note
(`extract.paper_note`, rules 3 to 5), only several times in one file. Such a file has no
list entries, and no rule makes the whole file one paper, so it used to build to 0 papers.

A heading is a paper when its section, read as a note of its own, has a title and the
paper's link (or metadata fields); the section's text down to the next heading of the same
or a higher level, sub-headings included, is the paper's comment. The headings above a
paper are its topics. At least two paper sections are needed: one is a note with a
preamble, which `paper_note` reads.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from markdown_it.tree import SyntaxTreeNode
from paperkg.extract.reading.entry_parts import (
    InlineText,
    closing_star,
    find_rating,
    rated_star,
    read_entry,
    without_closing_tags,
)
from paperkg.extract.reading.evidence import is_paper_url, labelled_paper_link, video_page
from paperkg.extract.reading.heading_names import (
    cited_year,
    heading_name,
    is_citation,
    is_slot,
    undecorated,
)
from paperkg.extract.reading.links import link_kind
from paperkg.extract.reading.list_blocks import bare_title, entry_record, paragraph_lines
from paperkg.extract.reading.note_words import note_words
from paperkg.extract.reading.paper_note import (
    NoteHead,
    RawBlock,
    field_key,
    field_link,
    no_paper_reason,
    note_entry,
    raw_blocks,
    read_fields,
    read_head,
    title_of_heading,
)
from paperkg.extract.reading.tags import is_tag_line
from paperkg.extract.records import Entry

MIN_PAPER_SECTIONS = 2
# the rules of `paper_note.read_head` that read a heading as the paper's title
_SECTION_RULES = frozenset({"heading link", "first link", "heading + link", "heading + fields"})
# and, once headings repeat as papers, a heading over a paper's fields (`- Paper: ...`)
REPEATED_SECTION_RULES = _SECTION_RULES | {"fields"}
# what may stand between the links opening a line, and what ends them before a comment
_LINK_GLUE = " \t|·•,/[]()"
_SEPARATOR = re.compile(r"\s*[·•|—–:-]\s*(?=\S)")


@dataclass(frozen=True)
class _Heading:
    level: int
    line: int
    path: tuple[str, ...]  # the heading path down to and including this heading


@dataclass(frozen=True)
class PaperSections:
    """The papers of a sectioned file, and the headings that are topics (not papers)."""

    entries: tuple[Entry, ...]
    headings: tuple[tuple[str, ...], ...]


def read_paper_sections(
    path: str,
    tree: SyntaxTreeNode,
    flatten: Callable,
    heading_text: Callable[[SyntaxTreeNode], str],
    words,
    end_line: int,
) -> PaperSections | None:
    """The file's paper sections, or None when fewer than MIN_PAPER_SECTIONS are found.
    Once that many headings are papers by their link, a heading over a paper's fields
    (`**Paper:** [OpenReview](...)`, `**Authors:** ...`) is one too: the same layout."""
    headings = heading_outline(tree, heading_text)
    if len(headings) < MIN_PAPER_SECTIONS:
        return None
    blocks = raw_blocks(tree, lambda node, line: flatten(node, line, keep_code=False))
    found = _sections(path, headings, blocks, words, end_line, _SECTION_RULES)
    if found is None:
        return None
    return _sections(path, headings, blocks, words, end_line, REPEATED_SECTION_RULES) or found


# a reference manager's citation key opening a line (Better BibTeX: author, year, word)
_CITATION_KEY = re.compile(r"^\s*@[A-Za-z][A-Za-z-]*(?P<year>(?:19|20)\d\d)[A-Za-z]\w*\b")


def _keyed_year(blocks: Sequence[RawBlock]) -> int | None:
    """The year of the citation key that opens the section's first block (`@quorn2021foam
    · https://...`, or with no link yet): a heading over its paper's key cites that paper,
    as one over its authors and year does."""
    m = _CITATION_KEY.match(blocks[0].inline.text) if blocks else None
    return int(m.group("year")) if m else None


# a numbered paper's label opening a line (`Paper 1: [Title](url)`, `**Paper 2.**`)
_NUMBERED_LABEL = re.compile(r"^\W*(?:paper|reading|article)\s*#?\d{1,2}\W*?[:.)]", re.IGNORECASE)


def numbered_papers(
    path: str, section: tuple[str, ...], blocks: Sequence[RawBlock], words, end_line: int
) -> list[Entry]:
    """A session's papers, each on a numbered label's line with the lines after it (`Paper
    1: [Title](url)` over `Group score: 8/10 ❤️`, then `Paper 2: ...`), where two or more
    are: papers filed under the session's heading, which holds several and names none."""
    lines = [line for b in blocks if b.kind == "paragraph" for line in paragraph_lines(b.inline)]
    starts = [k for k, line in enumerate(lines) if _NUMBERED_LABEL.match(line.text) and line.links]
    if len(starts) < MIN_PAPER_SECTIONS:
        return []
    found = []
    for n, k in enumerate(starts):
        part = InlineText.join(lines[k : starts[n + 1] if n + 1 < len(starts) else len(lines)])
        read = read_entry(part, words)
        if read is None or not read.title or not read.url or not is_paper_url(read.url):
            continue
        start = part.line_at(0)
        last = part.line_at(len(part.text)) if n + 1 < len(starts) else end_line
        found.append(entry_record(read, [], path, start, max(start, last), section))
    return found


def part_heading(heading: _Heading) -> bool:
    """A sub-heading naming a part of one paper's notes (`### Links`, `### Rating`), not a
    paper nor a topic: a generic title (`note_words.json`) under another heading."""
    name = " ".join(heading.path[-1].lower().split()).strip(" :#*_")
    return len(heading.path) > 1 and name in note_words()["generic_titles"]


def _sections(path, headings, blocks, words, end_line, rules) -> PaperSections | None:
    """The papers of `read_paper_sections` read by `rules`; a paper's heading is read over
    its part sub-headings' sections (`part_heading`), without them."""
    entries: list[Entry] = []
    topics: list[tuple[str, ...]] = []
    inside_until = 0  # the end of the paper section being read: its sub-headings are its own
    parts = {h.line for h in headings if part_heading(h)}
    for i, heading in enumerate(headings):
        if heading.line < inside_until or heading.line in parts:
            continue
        end = section_end(headings, i, end_line)
        mine = [b for b in blocks if heading.line <= b.line < end and b.line not in parts]
        entry = section_paper(path, heading, mine, words, end - 1, rules)
        if entry is None:
            topics.append(heading.path)
            if i + 1 >= len(headings) or headings[i + 1].line >= end:  # a leaf's own lines
                entries.extend(numbered_papers(path, heading.path, mine[1:], words, end - 1))
            continue
        entries.append(entry)
        inside_until = end
    if len(entries) < MIN_PAPER_SECTIONS:
        return None
    return PaperSections(tuple(entries), tuple(dict.fromkeys(topics)))


def heading_outline(tree: SyntaxTreeNode, heading_text) -> list[_Heading]:
    """The file's top-level headings with their paths (nested lists hold no headings)."""
    out: list[_Heading] = []
    stack: list[tuple[int, str]] = []
    for node in tree.children:
        if node.type != "heading" or not node.map:
            continue
        text = heading_text(node)
        if not text:
            continue
        level = int(node.tag[1:])
        while stack and stack[-1][0] >= level:
            stack.pop()
        stack.append((level, text))
        out.append(_Heading(level, node.map[0] + 1, tuple(t for _, t in stack)))
    return out


def section_end(headings: Sequence[_Heading], i: int, end_line: int) -> int:
    """The line of the next heading of the same or a higher level, or past the file."""
    for later in headings[i + 1 :]:
        if later.level <= headings[i].level:
            return later.line
    return end_line + 1


def section_paper(
    path: str,
    heading: _Heading,
    blocks: list[RawBlock],
    words,
    end_line: int,
    rules: frozenset[str] = _SECTION_RULES,
) -> Entry | None:
    """The section as a paper entry, if it reads as a paper's note under its heading."""
    if not blocks or blocks[0].kind != "heading":
        return None
    blocks = _link_before_metadata(blocks)
    trailing: list[RawBlock] = []
    if len(blocks) > 1:
        first, *more = _first_line_apart(blocks[1])
        links, *trailing = _links_apart(first)
        blocks = [blocks[0], links, *trailing, *more, *blocks[2:]]
    fields = read_fields(blocks)
    head = read_head({}, fields, blocks, words)
    if head is None or head.rule not in rules:
        head = _labelled_in_section(blocks, words)
    # a heading that cites its paper (`## Foam Mixer (Quorn et al., 2021)`) is a paper's,
    # as one over its link is: notes written from a printout link nothing
    year = cited_year(heading.path[-1])
    if year is None and head is None:
        year = _keyed_year(blocks[1:2])  # `## Title` over `@quorn2021foam · ...`
    if head is None and year is not None:
        head = NoteHead(heading.path[-1], None, "heading cites", None)
    if head is None or not head.title:
        return None
    if head.url is None and head.rule not in ("heading + fields", "fields") and year is None:
        return None
    if head.url and (link_kind(head.url) == "code" or video_page(head.url)):
        return None  # a heading over a repository, a dataset or a talk's video: no paper
    entry, note_blocks = note_entry(path, head, {}, fields, blocks, end_line)
    # the heading is the title and the line of links under it the paper's link: neither is
    # comment
    # (a comment on the link line after a separator stays: `trailing`)
    kept = [
        b
        for raw, b in zip(blocks[1:], note_blocks[1:], strict=True)
        if b.text and (b.line != head.top_line or any(raw is t for t in trailing))
    ]
    # the paper's own `Authors:` line is its authors (the entry's), no works its comment
    # cites ("Doe et al."), as in a note of its own (`NoteBlock.read`)
    said = [b.text if b.read is None else b.read for b in kept]
    comment = "\n".join(text for text in said if text)
    comment_at = kept[0].line if kept else heading.line
    if entry.rating is not None:  # a `Rating:` field under the heading
        value, scale, uncertain = entry.rating, entry.rating_scale, entry.rating_uncertain
    else:  # stars closing the heading (`## Kelp Nets ⭐⭐⭐⭐`), else in the comment
        found = find_rating(heading.path[-1]) or find_rating(comment) or _line_rating(blocks[1:])
        value, scale, uncertain = found or (None, 10, False)
    # a star closing the heading (`### Title — 9/10 ⭐`) marks the paper a favourite
    starred = entry.starred or closing_star(heading.path[-1]) or rated_star(comment)
    title = entry.title and bare_title(heading_name(undecorated(without_closing_tags(entry.title))))
    cited = _cited_work(blocks[1:]) if title and is_slot(title) else None
    if cited is not None:  # `## Card 3`: the paper is the work its section cites, and its
        # citation names the paper's authors and year, no other work
        title, citation = cited
        comment = re.sub(r"\s*\(" + re.escape(citation) + r"\)", "", comment)
        found = _YEAR.search(citation)
        year = year if year is not None or found is None else int(found.group(0))
    return replace(
        entry,
        title=title,
        kind="item",
        comment=comment or None,
        rating=value,
        rating_scale=scale,
        rating_uncertain=uncertain,
        starred=starred,
        line=heading.line,
        end_line=max(end_line, heading.line),
        section=heading.path[:-1],
        part_lines=(("comment", comment_at), ("title", heading.line)),
        aliases=(),  # note_entry's aliases are the file's name: not this paper's
        year=entry.year if entry.year is not None else year,
    )


def _line_rating(blocks: Sequence[RawBlock]) -> tuple[float, int, bool] | None:
    """The first rating closing a line of the section that links nothing (`... alignment
    tax. 4/5` over a card's `Labels:` line): the section's words joined run on past it.
    A line that links a work rates that work."""
    for block in blocks:
        for line in paragraph_lines(block.inline):
            if not line.links and (found := find_rating(line.text)) is not None:
                return found
    return None


def _link_before_metadata(blocks: list[RawBlock]) -> list[RawBlock]:
    """A section whose heading is over a block of metadata, each line a key in bold
    (`**State:** closed · **Labels:** ...`, as an issue tracker's export writes them) or a
    line of tags (`#papers/vision #status/read`, a notes app's), and then the paper's link
    alone on its line (a ticket's description may go on under it): the link first, as
    under a heading of a paper's own."""
    if len(blocks) < 3 or blocks[1].kind != "paragraph" or blocks[2].kind != "paragraph":
        return blocks
    text = blocks[1].inline.text
    starts = {0, *(pos for pos, _ in blocks[1].inline.marks[1:] if 0 < pos < len(text))}
    opens = {a for a, b in blocks[1].inline.bold}
    keyed = all(at + len(text[at:]) - len(text[at:].lstrip()) in opens for at in starts)
    keyed = keyed or is_tag_line(text)  # a note's `#papers/vision #status/read`
    link = _first_line_apart(blocks[2])[0].inline  # notes may follow on the next lines
    alone = len(link.links) == 1 and link.text.strip() == link.links[0].text.strip()
    if not keyed or not alone or not is_paper_url(link.links[0].href):
        return blocks
    return [blocks[0], blocks[2], blocks[1], *blocks[3:]]


_CITATION_AFTER = re.compile(r"\s*\(([^()]+)\)")
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")


def _cited_work(blocks: Sequence[RawBlock]) -> tuple[str, str] | None:
    """The first title in bold or italics that a citation follows, `*Kelp Nets* (Quill et
    al., 2021)`, in a section's blocks, with the citation: the work a numbered card or
    question is about."""
    for block in blocks:
        text = block.inline.text
        for start, end in sorted((*block.inline.italic, *block.inline.bold)):
            cited = _CITATION_AFTER.match(text, end)
            name = " ".join(text[start:end].split())
            if cited and is_citation(cited.group(1)) and len(name.split()) >= 2:
                return name, cited.group(1)
    return None


def _labelled_in_section(blocks: list[RawBlock], words) -> NoteHead | None:
    """A heading whose section gives its paper's link on one labelled line further down
    (`Source: https://arxiv.org/...` after the summary, "In [this paper](...)" in its
    prose), and no other such line: the heading is the paper's title. An unlabelled paper
    link in prose cites another work. Only for a section with no sub-heading and no title
    field (`Title: ...`, where fields name papers of their own under the heading)."""
    nw = note_words()
    labels = nw["url_fields"]
    # a `Paper:` line that holds only its link is the link's label, not a paper's title
    if any(b.kind == "heading" for b in blocks[1:]) or any(
        field_key(b) in nw["title_fields"] and not _link_only_field(b) for b in blocks[1:]
    ):
        return None
    found = [
        (url, block.line)
        for block in blocks[1:]
        if (url := _labelled_link(block, labels, words)) is not None and link_kind(url) == "paper"
    ]
    title = title_of_heading(blocks[0], words)
    if len(found) != 1 or not title:
        return None
    ((url, line),) = found
    return NoteHead(title=title, url=url, rule="heading + link", top_line=line)


def _link_only_field(block: RawBlock) -> bool:
    """A `Key: value` line whose value is a link and nothing else (`Paper: https://...`)."""
    found = field_link(block)
    if found is None:
        return False
    value = block.inline.text.split(":", 1)[1] if ":" in block.inline.text else ""
    rest = value
    for span in block.inline.links:
        rest = rest.replace(span.text, " ")
    return not re.search(r"\w", rest.replace(found[1], " "))


def _labelled_link(block: RawBlock, labels: frozenset[str], words) -> str | None:
    """The link a block labels as a paper's: a `Source: ...` field line, or a link whose
    text says it is the paper ("In [this paper](...)", "[pdf](...)")."""
    field = field_link(block)
    if field is not None and field[0] in labels:
        return field[1]
    if block.kind == "heading":
        return None
    text = block.inline.text
    for span in block.inline.links:  # `... in shifted windows. Paper: https://...`
        label = _LABEL_BEFORE.search(text[: span.start])
        if label and " ".join(label.group(1).lower().split()) in labels:
            return span.href.strip()
    return labelled_paper_link(block.inline, words)


# a field's label right before a link inside a paragraph's text, after its start or a
# sentence: `Paper: https://...`
_LABEL_BEFORE = re.compile(r"(?:^|[.;!?]\s+|\n)\s*([A-Za-z][A-Za-z ]{0,20}?)\s*[:：]\s*$")


def _links_apart(block: RawBlock) -> list[RawBlock]:
    """A line that opens with links and goes on after a separator (`[arXiv](url) · neat
    idea`, `[pdf](url) - compared with X`) as the links and the words after them: the
    links are the paper's, the words its comment."""
    inline = block.inline
    pos = len(inline.text) - len(inline.text.lstrip())
    for span in sorted(inline.links, key=lambda s: s.start):
        if span.start < pos or inline.text[pos : span.start].strip(_LINK_GLUE):
            break
        pos = span.end
    separator = _SEPARATOR.match(inline.text, pos)
    if block.kind != "paragraph" or pos == 0 or not separator:
        return [block]
    cut = separator.end()
    return [
        RawBlock(inline.slice(0, pos), block.line, block.kind),
        RawBlock(inline.slice(cut, len(inline.text)), inline.line_at(cut), block.kind),
    ]


def _first_line_apart(block: RawBlock) -> list[RawBlock]:
    """A paragraph whose first line is the paper's link and whose next lines are notes
    (Markdown joins them into one paragraph) as two blocks, so the link line reads alone."""
    inline = block.inline
    cut = next((pos for pos, line in inline.marks if line > block.line), None)
    if block.kind != "paragraph" or not cut:
        return [block]
    rest = inline.slice(cut, len(inline.text))
    return [
        RawBlock(inline.slice(0, cut), block.line, block.kind),
        RawBlock(rest, inline.line_at(cut), block.kind),
    ]


def field_block_papers(path: str, blocks: Sequence[RawBlock], words, end_line: int) -> list[Entry]:
    """Papers written as blocks of field lines one after another (`Title: ...`, `Link:
    ...`, `Authors: ...`, a blank line or a rule between them): each paragraph whose own
    fields name a title and link a paper is one paper, when at least two do. One such
    block is a note's head, which `paper_note` reads; the headings above a block are its
    topics."""
    found: list[Entry] = []
    section: tuple[str, ...] = ()
    for i, block in enumerate(blocks):
        if block.kind == "heading":
            section = (" ".join(block.inline.text.split()),)
            continue
        fields = read_fields([block])
        head = read_head({}, fields, [block], words)
        if block.kind != "paragraph" or head is None or head.rule != "fields":
            continue
        if not head.title or not head.url or no_paper_reason({}, fields, head) is not None:
            continue  # (`type: blogPost`, `type: dataset`: no paper)
        end = blocks[i + 1].line - 1 if i + 1 < len(blocks) else end_line
        entry, _ = note_entry(path, head, {}, fields, [block], end)
        found.append(
            replace(
                entry,
                kind="item",
                line=block.line,
                end_line=max(end, block.line),
                section=section,
                aliases=(),
                part_lines=(("comment", block.line), ("title", block.line)),
            )
        )
    return found if len(found) >= MIN_PAPER_SECTIONS else []
