"""Markdown notes to paper entries, with the heading path and the line of every part.

markdown-it-py gives the structure (headings, list items at any depth, links, bold, line
maps); this module only reads that structure. What a list item *says* — its rating, star,
summary, title and comment — is decided by `extract.entry_parts` on the item's flattened text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import cache, lru_cache

from markdown_it import MarkdownIt
from markdown_it.token import Token
from markdown_it.tree import SyntaxTreeNode
from paperkg.extract.reading.admonitions import markdown_from_admonitions
from paperkg.extract.reading.bare_ratings import with_bare_ratings
from paperkg.extract.reading.bibtex_blocks import bibtex_entries, is_bibtex_block
from paperkg.extract.reading.components import markdown_from_components
from paperkg.extract.reading.content_maps import map_entry, opening_note_link
from paperkg.extract.reading.data_blocks import markdown_from_data_blocks
from paperkg.extract.reading.definition_lists import markdown_from_definition_lists
from paperkg.extract.reading.entry_parts import (
    EntryParts,
    InlineText,
    LinkSpan,
    find_rating,
    has_paper_link,
    is_generic_link,
    labelled_favourite,
    markdown_words,
    read_entry,
    starred_prefix,
)
from paperkg.extract.reading.evidence import is_local_app_link, is_paper_url, shows_a_page
from paperkg.extract.reading.field_rules import markdown_from_field_rules
from paperkg.extract.reading.footnotes import markdown_from_footnotes
from paperkg.extract.reading.front_matter import SplitNote, note_front_matter, paper_link_keys
from paperkg.extract.reading.front_matter_papers import front_matter_papers
from paperkg.extract.reading.heading_notes import markdown_from_heading_notes
from paperkg.extract.reading.html_blocks import markdown_from_html
from paperkg.extract.reading.index_notes import link_index_notes
from paperkg.extract.reading.layout_choice import (
    MIN_REPEAT,
    LayoutChoice,
    apply_options,
    chosen_head,
    list_choice,
    papers_under_headings,
    sections_choice,
)
from paperkg.extract.reading.legends import with_legend_stars
from paperkg.extract.reading.links import (
    file_name_arxiv_url,
    link_kind,
    written_arxiv_ids,
    written_dois,
)
from paperkg.extract.reading.list_blocks import (
    cited_entry,
    entry_record,
    field_item_runs,
    field_lines_entry,
    is_reference,
    made_things_header,
    name_then_link,
    named_row_entry,
    named_title_column,
    only_link_labels,
    opening_bold_title,
    opens_with_name,
    opens_with_title_field,
    other_name_column,
    paper_lines,
    rated_emphasised_title,
    rated_plain_title,
    reference_pieces,
    row_text,
    sections_of_one_page,
    tagged_paper,
    title_column,
    title_over_link,
    titles_header,
    unlinked_entry,
    without_counter_line,
    without_rank,
)
from paperkg.extract.reading.list_titles import (
    citation_year,
    cited_title,
    dashed_reference_title,
    reference_title,
    venue_dated_title,
)
from paperkg.extract.reading.list_titles import words as count_words
from paperkg.extract.reading.note_words import note_words
from paperkg.extract.reading.org_drawers import markdown_from_org_drawers
from paperkg.extract.reading.paper_note import (
    NoteBlock,
    NoteHead,
    head_from_file_name,
    is_list_file,
    multi_valued_keys,
    named_in_post,
    no_paper_reason,
    note_entry,
    note_name,
    raw_blocks,
    read_fields,
    read_head,
)
from paperkg.extract.reading.paper_sections import field_block_papers, read_paper_sections
from paperkg.extract.reading.plain_text import markdown_from_plain_text
from paperkg.extract.reading.printed_tables import markdown_from_printed_tables
from paperkg.extract.reading.prose_papers import prose_papers
from paperkg.extract.reading.reading_options import DEFAULT, ReadingOptions, options_for
from paperkg.extract.reading.result_tables import is_results_table, result_tables
from paperkg.extract.reading.site_links import markdown_from_site_links
from paperkg.extract.reading.source import NotesSource, is_readme, names_its_folder
from paperkg.extract.reading.table_fields import rating_column_scale, with_row_fields
from paperkg.extract.reading.tags import is_tag_line, tag_word, written_tags
from paperkg.extract.reading.unicode_bullets import markdown_from_unicode_bullets
from paperkg.extract.reading.wiki_syntax import markdown_from_wiki_syntax
from paperkg.extract.records import Entry

# `](` left in flattened text is a link markdown-it could not read: an unclosed `(` or `[`,
# or a space in the URL. The item is still read as far as it goes, with a warning.
_BROKEN_LINK = re.compile(r"\]\s*\(\s*(?:https?://|www\.|\S+\.\w+/)")
_BULLET = re.compile(r"^\s*(?:[-*+]|\d{1,9}[.)])\s+")
MAX_NESTING = 60  # deeper lists than this are read as text, not walked (a hostile file)
# markdown-it silently drops what lies deeper than maxNesting (20 in its commonmark preset,
# about ten nested lists): raise it, and warn when a file still reaches it.
MD_MAX_NESTING = 100
# an entry longer than this is cut (with a warning): spaCy refuses texts over 1M characters
# and a megabyte-long "entry" is a pasted file, not a note.
MAX_ENTRY_CHARS = 20_000
# this many list items with paper links that are not entries (and no more entries than
# them) make a warning naming their lines: a shape the reader does not know yet
MIN_UNREAD = 3
_WORD = re.compile(r"[0-9A-Za-z]+")


@dataclass(frozen=True)
class ParsedNotes:
    """The entries of one notes file, the headings it files them under, and warnings."""

    path: str
    sha256: str
    entries: tuple[Entry, ...]
    headings: tuple[tuple[str, ...], ...]
    warnings: tuple[str, ...] = field(default=())
    # a per-paper note: its headings, paragraphs and items, each read by the NLP on its own
    blocks: tuple[NoteBlock, ...] = ()
    # the level the papers were read at and why (`paperkg inspect` prints it)
    layout: LayoutChoice | None = None


@cache
def _parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "maxNesting": MD_MAX_NESTING})
    return md.enable("strikethrough").enable("table")


@lru_cache(maxsize=8192)
def flatten_inline(
    node: SyntaxTreeNode | None, first_line: int, keep_code: bool = True
) -> InlineText:
    """Render an inline node as plain text, keeping link, bold and line positions.

    `keep_code=False` leaves inline code out: in a paper's note, `` `lr = 0.9 * m` `` is a
    formula or a variable, not prose the NLP should read for names. Kept by the node (its
    identity: the cache holds it, so no other node takes its id) for the rest of the parse,
    as each level the reader weighs flattens the same inlines again (`parse_notes` clears
    it); the result is frozen."""
    text: list[str] = []
    links: list[LinkSpan] = []
    bold: list[tuple[int, int]] = []
    marks: list[tuple[int, int]] = [(0, first_line)]
    images: list[str] = []
    if node is None or node.token is None:
        return InlineText("", (), (), tuple(marks))
    pos = 0
    open_links: list[tuple[int, str, int]] = []
    open_bold: list[int] = []
    italic: list[tuple[int, int]] = []
    open_italic: list[int] = []
    verbatim: list[tuple[int, int]] = []  # code, HTML and link text: no bare URL inside
    alts: dict[int, str] = {}  # a link's start -> the alt text of the images inside it
    for tok in node.token.children or []:
        kind = tok.type
        if kind == "code_inline" and not keep_code:
            continue
        if kind in ("text", "code_inline", "html_inline"):
            if kind != "text" or open_links:
                verbatim.append((pos, pos + len(tok.content)))
            text.append(tok.content)
            pos += len(tok.content)
        elif kind in ("softbreak", "hardbreak"):
            text.append(" ")
            pos += 1
            marks.append((pos, marks[-1][1] + 1))
        elif kind == "link_open":
            open_links.append((pos, str(tok.attrs.get("href", "")), marks[-1][1]))
        elif kind == "link_close" and open_links:
            start, href, line = open_links.pop()
            label = "".join(text)[start:pos]
            if not is_local_app_link(href):
                badge = bool(label.strip()) and label.strip() == alts.get(start, "").strip()
                links.append(LinkSpan(start, pos, label, href, line, badge))
        elif kind == "strong_open":
            open_bold.append(pos)
        elif kind == "strong_close" and open_bold:
            bold.append((open_bold.pop(), pos))
        elif kind == "em_open":
            open_italic.append(pos)
        elif kind == "em_close" and open_italic:
            italic.append((open_italic.pop(), pos))
        elif kind == "image":
            images.append(str(tok.attrs.get("src", "")))
            if open_links:  # a badge, `[![arXiv](shield.svg)](url)`: the link says its alt
                alt = " ".join(tok.content.split())
                verbatim.append((pos, pos + len(alt)))
                alts[open_links[-1][0]] = alts.get(open_links[-1][0], "") + alt
                text.append(alt)
                pos += len(alt)
    flat = "".join(text)
    inline = InlineText(
        flat, (), tuple(sorted(bold)), tuple(marks), tuple(images), tuple(sorted(italic))
    )
    links.extend(_bare_urls(inline, verbatim))
    return replace(inline, links=tuple(sorted(links, key=lambda s: s.start)))


_BARE_URL = re.compile(r"(?<![\w/@.])https?://[^\s<>\[\]`\"]+", re.IGNORECASE)


def _bare_urls(inline: InlineText, verbatim: list[tuple[int, int]]) -> list[LinkSpan]:
    """`https://...` written as plain text is a link too (notes often paste them bare), and
    so is an arXiv identifier or a DOI written as text (`arXiv:2305.12345`, `DOI: 10.1000/x`:
    `links.written_arxiv_ids`, `links.written_dois`)."""
    found: list[LinkSpan] = []
    for m in _BARE_URL.finditer(inline.text):
        url = m.group(0).rstrip(".,;:!?'*_")
        # a bracket it did not open closes the text around it (`(see https://...)`,
        # LaTeX's `\url{https://...}`)
        while (url.endswith(")") and url.count(")") > url.count("(")) or (
            url.endswith("}") and url.count("}") > url.count("{")
        ):
            url = url[:-1].rstrip(".,;:!?'*_")
        start, end = m.start(), m.start() + len(url)
        if any(a < end and start < b for a, b in verbatim):
            continue
        found.append(LinkSpan(start, end, url, url, inline.line_at(start)))
    urls = [(span.start, span.end) for span in found]
    for start, end, url in [*written_arxiv_ids(inline.text), *written_dois(inline.text)]:
        if not any(a < end and start < b for a, b in [*verbatim, *urls]):
            found.append(LinkSpan(start, end, inline.text[start:end], url, inline.line_at(start)))
    return found


_HEADING_HTML = re.compile(r"<[^<>]{0,200}>")
# a heading's attributes, as Pandoc, kramdown and markdown-it-attrs write them after its
# text: `## Diffusion {#diffusion}`, `## Vision {: .tab}`, `## Models {#models .wide}`
_ATTRIBUTE = r'(?:[#.][\w:-]+|[\w-]+=(?:"[^"]*"|\S+))'
_HEADING_ATTRIBUTES = re.compile(r"\s*\{:?\s*" + _ATTRIBUTE + r"(?:\s+" + _ATTRIBUTE + r")*\s*\}$")


def clean_heading(text: str) -> str:
    """A heading as a topic label: the words as the note-taker wrote them.

    Emoji, glyphs and section numbers (`# ⭐Topic`, `## 1. Foo`) are part of the user's own
    label, and hand-labelled answers keep headings exactly as written, so they stay; only
    inline HTML (`<a name="x"></a>` anchors), attributes (`{#anchor}`) and runs of white
    space go.
    """
    plain = " ".join(text.split())
    stripped = " ".join(_HEADING_HTML.sub(" ", _HEADING_ATTRIBUTES.sub("", plain)).split())
    return stripped or plain


def _heading_text(node: SyntaxTreeNode) -> str:
    """A heading's words, without its badges (`# Awesome X [![Awesome](badge.svg)](url)`):
    a badge's alt text labels an image, no topic."""
    inline = flatten_inline(node.children[0] if node.children else None, 0)
    text = inline.text
    for span in reversed([s for s in inline.links if s.badge]):
        text = text[: span.start] + text[span.end :]
    return clean_heading(text if text.strip() else inline.text)


@cache
def _section_words(kind: str) -> re.Pattern[str]:
    words = sorted(markdown_words()[kind], key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + r")\b")


@lru_cache(maxsize=4096)
def _excluded(section: tuple[str, ...]) -> bool:
    """Under a workshop/keynote/talk heading: not paper entries (one answer per heading path),
    unless the heading says it holds papers (`Workshop papers`); an item there that links
    a paper's page (arXiv, a PDF) is still that paper (`_Reader.item`)."""
    excluded, papers = (
        _section_words("excluded_section_words"),
        _section_words("paper_section_words"),
    )
    return any(
        excluded.search(heading.lower()) and not papers.search(heading.lower())
        for heading in section
    )


# a bold line over a list sits below every heading (h1-h6); the next heading ends it
BOLD_LABEL_LEVEL = 7
MAX_LABEL_WORDS = 12


class _Reader:
    """Walks the syntax tree in document order, keeping the heading path."""

    def __init__(self, source: NotesSource) -> None:
        self.source = source
        self.headings: list[tuple[str, ...]] = []
        self.stack: list[tuple[int, str]] = []
        self.entries: list[Entry] = []
        self.warnings: list[str] = list(source.warnings)
        self.unread: list[int] = []  # lines of items with a paper link that are not entries
        self.row_lines: set[int] = set()  # lines of the entries that are table rows
        self.bib: list[Entry] = []  # entries of BibTeX blocks (`bibtex`)
        self.reference_paragraphs: set[int] = set()  # lines of `unlinked_reference`s
        self.paragraphs: list[Entry] = []  # paragraphs that open with a name and link a paper
        self.references: list[Entry] = []  # references linking nothing, in a list of papers
        self.dashed: list[Entry] = []  # `Title — A. Author — Venue 2019` in lists of no papers
        self.map_items: list[Entry] = []  # items that open with a link to a note (`content_maps`)
        # the entries and unread lines of lists under a bold name (`named_list`), read
        # only if those names do not repeat
        self.held: list[tuple[list[Entry], list[int]]] = []
        # bullets that are no entry over entries, with no heading above: (depth, text,
        # the range of `entries` they hold), topics where they repeat (`all_entries`)
        self.bullets: list[tuple[int, tuple[str, ...], str, int, int]] = []
        self.heading_bullets: set[tuple[tuple[str, ...], tuple[int, str, int, int]]] = set()
        self.lines = source.text.split("\n")
        self.bold_titled = 0  # list items read as papers whose title opens them in bold

    @property
    def section(self) -> tuple[str, ...]:
        return tuple(text for _, text in self.stack)

    def heading(self, node: SyntaxTreeNode) -> None:
        level = int(node.tag[1:]) if node.tag.startswith("h") else 1
        text = _heading_text(node)
        if not text:
            return
        while self.stack and self.stack[-1][0] >= level:
            self.stack.pop()
        self.stack.append((level, text))
        if self.section not in self.headings:
            self.headings.append(self.section)

    def walk(self, node: SyntaxTreeNode, depth: int = 0) -> None:
        named = None  # a list read with the name over it (`named_list`)
        read: set[int] = set()  # paragraphs read with the ones before them (`_name_over_link`)
        for i, child in enumerate(node.children):
            following = node.children[i + 1] if i + 1 < len(node.children) else None
            if child is named or i in read:
                continue
            if child.type == "heading":
                self.heading(child)
            elif child.type == "paragraph" and self.named_list(child, following, depth):
                named = following
            elif child.type == "paragraph" and (pair := _name_over_link(child, following)):
                # a name's paragraph, then its link's (a Notion callout's blank lines), then
                # the paragraphs of prose that comment on it
                said = _prose_after(node.children, i + 2)
                read.update(range(i + 1, i + 2 + len(said)))
                last = said[-1] if said else following
                start = (child.map or [0, 0])[0] + 1
                comment = [_join_paragraphs([p]) for p in said]
                self.paragraph(pair, start, max(start, (last.map or [0, 0])[1]), comment)
            elif child.type == "paragraph" and self.labelled_list(child, following, depth):
                named = following
            elif child.type == "paragraph" and (said := self.linked_reference(node, i)) is not None:
                read.update(range(i + 1, i + 1 + len(said)))
            elif child.type in ("bullet_list", "ordered_list"):
                self.list_items(child, depth)
            elif child.type in ("blockquote",) and depth < MAX_NESTING:
                self.walk(child, depth + 1)
            elif child.type == "table":
                self.table(child)
            elif child.type == "fence" and is_bibtex_block(child.info, child.content):
                self.bibtex(child, node.children[i + 1 :])
            elif child.type == "paragraph":
                joined = _join_paragraphs([child])
                inline = without_rank(without_counter_line(joined))
                headed = inline is not joined  # a post's count or a message's speaker
                if is_reference(inline):
                    pieces = reference_pieces(inline)
                    said = _remark_under(following) if len(pieces) == 1 else []
                    read.update([i + 1] if said else [])
                    for piece in pieces:
                        self.block(
                            piece, piece.line_at(0), piece.line_at(len(piece.text)), said=said
                        )
                elif pieces := paper_lines(inline):
                    for piece in pieces:
                        named = prose_papers(piece)  # `Then *Title* (url)`: the title set apart
                        title = named[0][1] if len(named) == 1 else None
                        end = piece.line_at(len(piece.text.rstrip()))
                        self.paragraph(piece, piece.line_at(0), end, title=title)
                elif (
                    title_over_link(inline)
                    or name_then_link(inline)
                    or (
                        (opens_with_name(inline) or headed)
                        and has_paper_link(inline, markdown_words())
                    )
                    or (
                        not inline.links
                        and cited_title(inline.text, (*inline.bold, *inline.italic)) is not None
                    )
                ):
                    start = (child.map or [0, 0])[0] + 1
                    # `> my take ... 9/10` under it, or `Verdict: solid. 7/10`
                    quoted = _quoted_note(following) or _remark_under(following)
                    last = following if quoted else child
                    self.paragraph(inline, start, max(start, (last.map or [0, 0])[1]), quoted)
                    if quoted:
                        read.add(i + 1)
                elif mentions := prose_papers(inline):  # `*Title* (url). 9/10` in a diary
                    for piece, title in mentions:
                        end = piece.line_at(len(piece.text.rstrip()))
                        self.paragraph(piece, piece.line_at(0), end, title=title)
                elif not inline.links:
                    self.unlinked_reference(inline, child)

    def linked_reference(self, node: SyntaxTreeNode, i: int) -> list[SyntaxTreeNode] | None:
        """A paragraph that is a reference in a citation style and links its paper
        (`Doe, J., & Roe, R. (2019). Title. In *Venue*. https://arxiv.org/...`, a reference
        manager's bibliography pasted into notes): a candidate paragraph, the paragraphs
        of prose under it down to the next reference its reader's remarks (`→ neat. Rating:
        4/5`). Their nodes, or None when the paragraph is no such reference."""
        inline = _join_paragraphs([node.children[i]])
        words = markdown_words()
        if is_reference(inline) or not has_paper_link(inline, words):
            return None
        if reference_title(inline.text, words["title_abbreviations"]) is None:
            return None
        said = [
            p
            for p in _prose_after(node.children, i + 1)
            if reference_title(_join_paragraphs([p]).text, words["title_abbreviations"]) is None
        ]
        said = node.children[i + 1 : i + 1 + len(said)] if said else []
        start = (node.children[i].map or [0, 0])[0] + 1
        last = said[-1] if said else node.children[i]
        comment = [_join_paragraphs([p]) for p in said]
        self.paragraph(inline, start, max(start, (last.map or [0, 0])[1]), comment)
        return said

    def unlinked_reference(self, inline: InlineText, paragraph: SyntaxTreeNode) -> None:
        """A paragraph that is a reference linking nothing (`Doe, J., Roe, R. Title. ICCV
        2023.`, as a related-work section pasted from a paper): a paper where MIN_REPEAT of
        the file's references are, and the file is no one paper's note (`cited`)."""
        if _excluded(self.section):
            return
        title = reference_title(inline.text, markdown_words()["title_abbreviations"])
        if title is None:
            return
        start = (paragraph.map or [0, 0])[0] + 1
        end = max(start, (paragraph.map or [0, 0])[1])
        parts = unlinked_entry(inline, title)
        self.dashed.append(entry_record(parts, [], self.source.path, start, end, self.section))
        self.reference_paragraphs.add(start)

    def labelled_list(self, paragraph: SyntaxTreeNode, sublist, depth: int) -> bool:
        """A line in bold alone over a list of papers (`**2.1 Neural fields**`, as a word
        processor's export writes a heading) is the topic of that list's papers, as a
        heading below every other would be; over a list of no papers it is no topic."""
        if sublist is None or sublist.type not in ("bullet_list", "ordered_list"):
            return False
        inline = _join_paragraphs([paragraph])
        label = " ".join(inline.text.split()).strip(" *_:")
        if inline.links or not _only_bold(inline) or not 0 < count_words(label) <= MAX_LABEL_WORDS:
            return False
        before, known = len(self.entries), len(self.headings)
        self.stack.append((BOLD_LABEL_LEVEL, label))
        self.headings.append(self.section)
        self.list_items(sublist, depth)
        if not any(e is not None and e.section == self.section for e in self.entries[before:]):
            del self.headings[known:]  # a name over its notes, or over no papers
        self.stack.pop()
        return True

    def named_list(self, paragraph: SyntaxTreeNode, sublist, depth: int) -> bool:
        """`**Title**` alone on its line over a list whose first item is only the paper's
        link (`- https://arxiv.org/abs/...`, `- pdf: url`), the other items notes: the bold
        line and its list are a candidate paper, as a paragraph that opens with a name and
        links a paper is (kept only when MIN_REPEAT of the file's paragraphs are). The list
        is read as it would be without the name too, kept aside for a file where the
        candidates do not repeat (`all_entries`)."""
        if sublist is None or sublist.type not in ("bullet_list", "ordered_list"):
            return False
        inline = _join_paragraphs([paragraph])
        if _excluded(self.section) or not _only_bold(inline) or not sublist.children:
            return False
        link = _without_key(_join_paragraphs(_link_only_item(sublist.children[0], inline.text)))
        if not link.links:
            return False
        entry = read_entry(InlineText.join([inline, link]), markdown_words())
        if entry is None or not (entry.title or "").strip():
            return False
        if not entry.url:  # a bare `.pdf` address, which no label names
            url = link.links[0].href.strip()
            entry = replace(entry, url=url, links=tuple(k for k in entry.links if k.url != url))
        notes = [text for item in sublist.children[1:] for text in _item_texts(item)]
        start = (paragraph.map or [0, 0])[0] + 1
        end = max(start, (sublist.map or [0, 0])[1])
        self.paragraphs.append(
            entry_record(entry, notes, self.source.path, start, end, self.section)
        )
        entries, unread = len(self.entries), len(self.unread)
        self.list_items(sublist, depth)
        self.held.append((self.entries[entries:], self.unread[unread:]))
        del self.entries[entries:], self.unread[unread:]
        return True

    def table(self, node: SyntaxTreeNode) -> None:
        """Rows of a table as entries: a row with a title cell and a paper link is a paper."""
        rows = [tr for part in node.children for tr in part.children if tr.type == "tr"]
        if not rows:
            return
        header = [_cell(cell).text for cell in rows[0].children]
        if _data_frame(header, [[_cell(c).text for c in tr.children] for tr in rows[1:]]):
            return  # a program's output printed into the notes (`df.head()`), no papers
        column = title_column(header)
        named = named_title_column(header) if node.children[0].type == "thead" else None
        if (named is None or made_things_header(header, named)) and sections_of_one_page(
            [_cell(tr.children[column]) for tr in rows[1:] if column < len(tr.children)]
        ):
            return  # rows that are sections of one article ("page#part") are no papers
        body = []
        for tr in rows[1:] if node.children[0].type == "thead" else rows:
            line = (tr.map or [0])[0] + 1
            body.append((line, [replace(_cell(cell), marks=((0, line),)) for cell in tr.children]))
        if not any(c.links for _, cells in body for c in cells) and is_results_table(
            header, [[c.text for c in cells] for _, cells in body]
        ):
            return  # scores by system: a paper's results, copied into its notes
        # a table of plain titles under a "Title"/"Paper" header is a reading list; where
        # other rows link their papers, a row with none is something else (a results row)
        scale = rating_column_scale(header, [[c.text for c in cells] for _, cells in body])
        titles = named is not None and titles_header(header, named)
        titled = titles and not any(c.links for _, cells in body for c in cells)
        other = other_name_column(header, named)
        for line, cells in body:
            # a title written out under the header in a row linking nothing, among rows that
            # link theirs, is a paper not yet found online (a results row is a system's name:
            # "Ours", "ViT-B/16"; a row linking only code is none)
            long = titles and named < len(cells) and count_words(cells[named].text) >= 4
            row_titled = titled or (long and not any(c.links for c in cells))
            name_at, title_at = named, column
            if named is not None and named < len(cells) and only_link_labels(cells[named]):
                # `| DiT | [arXiv](url) |` under `| Model | Paper |`: the name is the Model's
                name_at = title_at = other if other is not None and other < len(cells) else named
            by_column = (
                named_row_entry(cells, name_at, line, row_titled) if name_at is not None else None
            )
            self.row_lines.add(line)
            count = len(self.entries)
            self.block(row_text(cells, title_at), line, line, by_column)
            if len(self.entries) > count and titles and name_at == named:
                self.entries[-1] = _titled_by_cell(self.entries[-1], cells[named])
            if len(self.entries) > count and node.children[0].type == "thead":
                self.entries[-1] = with_row_fields(self.entries[-1], header, cells, scale)

    def block(self, inline: InlineText, start: int, end: int, fallback=None, said=()) -> None:
        """A table row or a reference: an entry when it reads as one, else maybe unread.
        `fallback` is the row read by its named paper column, when the row reads as no
        entry on its own (a one-word name linking no paper); `said`, the remark under a
        reference (`_remark_under`)."""
        if not inline.text.strip():
            return
        if _excluded(self.section):
            # under a talk's heading, a table's row that names its paper in the paper's
            # column and links it is that paper, as an item opening with one is
            if fallback is not None and has_paper_link(inline, markdown_words()):
                self.entries.append(
                    entry_record(fallback, [], self.source.path, start, end, self.section)
                )
            return
        entry = read_entry(inline, markdown_words()) or fallback
        if entry is None:
            if has_paper_link(inline, markdown_words()):
                self.unread.append(start)
            return
        self.entries.append(
            entry_record(entry, list(said), self.source.path, start, end, self.section)
        )

    def list_items(self, node: SyntaxTreeNode, depth: int) -> None:
        """A list's items; where MIN_REPEAT of them are entries, an item that reads as a
        reference with its authors and year but links nothing is a paper too (kept in
        `references` until the file is known to be no one paper's note); so is an item
        written `Title — A. Author — Venue 2019`, `**Title** (A. Author, 2019) — notes` or
        `**Title** — notes. 8/10` where the file has MIN_REPEAT of them."""
        unread, before = [], len(self.entries)
        runs = dict(field_item_runs([_item_text(item) for item in node.children]))
        skip = 0
        for k, item in enumerate(node.children):
            if k < skip:
                continue
            if k in runs and self.field_items(node.children[k : runs[k]]):
                skip = runs[k]
                continue
            count = len(self.entries)
            self.item(item, depth + 1)
            if len(self.entries) == count:
                unread.append(item)
        if _excluded(self.section):
            return
        # papers titled in bold at their item's start (`**Title** ([arxiv](...))`): an item
        # titled so among them that links nothing is a paper not yet online
        # (counted over the file's lists read so far)
        self.bold_titled += sum(
            1
            for item in node.children
            if item not in unread and opening_bold_title(_item_text(item))
        )
        found = [
            paper
            for item in unread
            if (paper := self.unlinked_paper(item, self.bold_titled >= MIN_REPEAT)) is not None
        ]
        few = len(self.entries) - before < MIN_REPEAT  # references, if the file repeats them
        self.dashed.extend(entry for entry, bold in found if few and not bold)
        self.references.extend(entry for entry, bold in found if bold or not few)

    def unlinked_paper(self, item: SyntaxTreeNode, among_bold: bool) -> tuple[Entry, bool] | None:
        """An item of a list that links nothing, as a paper where it reads as one (a
        reference, `Title — A. Author — Venue 2019`, a cited or rated title, `Title (ICLR
        2024)`, `Title #paper`, or, `among_bold` papers titled in bold, a title in bold), and
        whether it is that title in bold, a paper of the list whatever its length; None
        where it reads as none."""
        inline = _join_paragraphs([c for c in item.children if c.type == "paragraph"])
        abbreviations = markdown_words()["title_abbreviations"]
        title = reference_title(inline.text, abbreviations)
        dashed = dashed_reference_title(inline.text) if title is None else None
        cited = (
            cited_title(inline.text, (*inline.bold, *inline.italic))
            if (title or dashed) is None
            else None
        )
        if (title or dashed or cited) is None:
            cited = rated_emphasised_title(inline)  # `**Title** — notes. 8/10`
        dated = venue_dated_title(inline.text) if (title or dashed or cited) is None else None
        if dated is not None:  # `Title (ICLR 2024)`, a paper to read
            dashed = dated[0]
        tagged = tagged_paper(inline) if (title or dashed or cited) is None else None
        if tagged is not None:  # `Title #paper`, `[[Title]] #paper #vision`
            start = (item.map or [0, 0])[0] + 1
            parts = replace(unlinked_entry(inline, tagged[0]), comment=None)
            entry = entry_record(parts, [], self.source.path, start, start, self.section)
            return replace(entry, tags=tagged[1]), False
        bold = (title or dashed or cited) is None or (among_bold and cited is not None)
        if bold and among_bold:  # `**Title** (no arXiv yet)`, its notes under it
            cited = opening_bold_title(inline) or cited
        bold = bold and among_bold and cited is not None
        if (title or dashed or cited) is None and sum(1 for e in self.entries if e) >= MIN_REPEAT:
            cited = rated_plain_title(inline)  # `Title — 3/5 (not on arXiv yet)`, among papers
            bold = cited is not None
        if (title or dashed or cited) is None or inline.links:
            return None
        start = (item.map or [0, 0])[0] + 1
        end = max(start, (item.map or [0, 0])[1])
        reference = title or dashed
        if reference is not None:
            parts = unlinked_entry(inline, reference)
        else:  # a title cited in one's own words, or rated
            parts = cited_entry(inline, cited)  # type: ignore[arg-type]
        # its sub-items are its notes (`- rating: 7` under a bold title)
        notes = [t for sub in item.children if sub.type.endswith("_list") for c in sub.children
                 for t in _item_texts(c)] if bold else []  # fmt: skip
        entry = entry_record(parts, notes, self.source.path, start, end, self.section)
        if reference is None:
            entry = replace(entry, year=citation_year(inline.text))
        if dated is not None:
            year = int(dated[2][:4]) if dated[2][:4].isdigit() else None  # not `'23`
            entry = replace(entry, year=year, venue=dated[1])
        return entry, bold

    def field_items(self, items: list[SyntaxTreeNode]) -> bool:
        """Items that are one paper's fields, one a line (`list_blocks.field_item_runs`):
        one entry when they name a title and link it, read as one item's field lines."""
        if _excluded(self.section) or any(len(item.children) != 1 for item in items):
            return False
        entry = field_lines_entry(InlineText.join([_item_text(item) for item in items]))
        if entry is None:
            return False
        start = (items[0].map or [0, 0])[0] + 1
        end = max(start, (items[-1].map or [0, 0])[1])
        self.entries.append(entry_record(entry, [], self.source.path, start, end, self.section))
        return True

    def cited(self) -> list[Entry]:
        """The references that link nothing read as papers: those in lists of papers, and
        the others (`Title — A. Author — Venue 2019`, `A. Author, "Title," Venue, 2019`)
        where MIN_REPEAT of the file are."""
        return self.references + (self.dashed if len(self.dashed) >= MIN_REPEAT else [])

    def kept(self) -> frozenset[int]:
        """The lines of the candidate paragraphs, BibTeX entries and references written as
        paragraphs that are read as papers (they repeat)."""
        kept = {
            e.line
            for found in (self.paragraphs, self.bib)
            if len(found) >= MIN_REPEAT
            for e in found
        }
        cited = {e.line for e in self.cited() if e.line in self.reference_paragraphs}
        return frozenset(kept | cited)

    def with_references(self, entries: Sequence[Entry], papers: str) -> list[Entry]:
        """`entries` with the references that link nothing, in line order: added once the
        file is a list, so a paper's note that cites works is never turned into one."""
        extra = self.cited() if papers != "table rows" else []
        return sorted([*entries, *extra], key=lambda e: e.line)

    def paragraph(
        self,
        inline: InlineText,
        start: int,
        end: int,
        said: Sequence[InlineText] = (),
        title: str | None = None,
    ) -> None:
        """A paragraph that opens with a name and links a paper, or a title over its link,
        or a line of a paragraph written one paper a line, or a title in bold or quotes
        citing its authors and year: a candidate paper, kept aside until the file shows
        MIN_REPEAT of them (`all_entries`)."""
        if _excluded(self.section):
            return
        entry = read_entry(inline, markdown_words())
        if entry is not None and title:  # named in prose, its title set apart (`prose_papers`)
            entry = replace(entry, title=title)
        if entry is not None and (entry.title or "").strip():
            rated = find_rating(" ".join(x.text for x in said)) if entry.rating is None else None
            if rated is not None:  # the prose after the name rates it (`Rating: 8/10`)
                entry = replace(
                    entry, rating=rated[0], rating_scale=rated[1], rating_uncertain=rated[2]
                )
            found = entry_record(entry, list(said), self.source.path, start, end, self.section)
            self.paragraphs.append(found)
            return
        cited = (
            cited_title(inline.text, (*inline.bold, *inline.italic)) if not inline.links else None
        )
        if cited is not None:  # `**Title** (A. Author, 2023). What I made of it.`
            found = entry_record(
                cited_entry(inline, cited), [], self.source.path, start, end, self.section
            )
            self.paragraphs.append(replace(found, year=citation_year(inline.text)))

    def bibtex(self, fence: SyntaxTreeNode, after: Sequence[SyntaxTreeNode]) -> None:
        """A block of BibTeX (`bibtex_blocks`): each entry a candidate paper, kept where the
        file has MIN_REPEAT of them; the paragraphs right after a block of one entry are
        the reader's comment on it."""
        if _excluded(self.section):
            return
        found = bibtex_entries(fence.content)
        start = (fence.map or [0, 0])[0] + 1
        end = max(start, (fence.map or [0, 0])[1])
        said = []
        for node in after:
            if node.type != "paragraph" or len(found) != 1:
                break
            said.append(_join_paragraphs([node]))
            end = max(end, (node.map or [0, 0])[1])
        for bib in found:
            parts = EntryParts.unrated(bib.title, bib.url, None, (), bib.title, (("title", start),))
            entry = entry_record(parts, said, self.source.path, start, end, self.section)
            self.bib.append(
                replace(entry, authors=bib.authors, year=bib.year, venue=bib.venue, citekey=bib.key)
            )

    def all_entries(self) -> tuple[Entry, ...]:
        """The entries read, with the candidate paragraphs when they repeat: one such
        paragraph is prose that cites a paper; several are a list written without bullets.
        Where they repeat, the file's papers are paragraphs: a list item beside them that
        shows no paper of its own (no paper's link, no rating) is a note's bullet citing a
        page (`- [a blog](...) explains it well`), no paper. Where MIN_REPEAT entries link
        their papers, one that shows a page (a repository, "Dr. Vell's homepage") is that
        page (`evidence.shows_a_page`)."""
        found = [e for e in self.bullet_topics() if e is not None]
        if sum(1 for e in found if _shows_a_paper(e)) >= MIN_REPEAT:
            found = [e for e in found if not _cites_a_page(e)]
        if len(self.bib) >= MIN_REPEAT:
            found += self.bib
        if len(self.paragraphs) >= MIN_REPEAT:
            found = [e for e in found if e.line in self.row_lines or _shows_a_paper(e)]
            found += self.paragraphs
        else:
            found += [e for entries, _ in self.held for e in entries]
            self.unread += [n for _, unread in self.held for n in unread]
            self.held = []
        return tuple(sorted(found, key=lambda e: e.line))

    def bullet_topics(self) -> list[Entry]:
        """The entries, those under topic bullets with their bullet as their topic:
        bullets that are no paper and hold papers are topics where MIN_REPEAT of them are
        siblings under one heading (`- Speech` over paper bullets, `- Vision` over others);
        one such bullet ("- Papers read today") is a journal's line."""
        entries = list(self.entries)
        groups: dict[tuple, list] = {}
        for depth, section, text, start, end in self.bullets:
            groups.setdefault(section, []).append((depth, text, start, end))
        for section, bullets in groups.items():
            paths: dict[int, list[str]] = {}
            topics = set(_topic_bullets(bullets))
            topics |= {b for b in bullets if (section, b) in self.heading_bullets}
            for _, text, start, end in sorted(topics, key=lambda b: (b[0], b[2])):
                for k in range(start, end):
                    paths.setdefault(k, []).append(text)
            for k, path in paths.items():
                if entries[k] is not None:
                    entries[k] = replace(entries[k], section=(*section, *path))
        return entries

    def map_item(self, inline: InlineText, start: int, end: int, section: tuple[str, ...]) -> None:
        """Keep an item that is no paper but opens with a link to a note: a map of
        content's (`content_maps`), read as one if the file turns out to be a map."""
        linked = opening_note_link(inline) if not _excluded(section) else None
        if linked is not None:
            self.map_items.append(map_entry(linked, self.source.path, start, end, section))

    def item(self, node: SyntaxTreeNode, depth: int) -> None:
        """Read one list item; nested items are entries of their own or its commentary."""
        if depth > MAX_NESTING:
            line = (node.map or [0])[0] + 1
            self.warnings.append(f"{self.source.path}:{line}: lists nested too deep; skipped")
            return
        paragraphs = [c for c in node.children if c.type == "paragraph"]
        sublists = [c for c in node.children if c.type in ("bullet_list", "ordered_list")]
        start = (node.map or [0, 0])[0] + 1
        end = (node.map or [0, 0])[1] or start
        inline = _join_paragraphs(paragraphs)
        if len(inline.text) > MAX_ENTRY_CHARS:
            self.warnings.append(
                f"{self.source.path}:{start}: entry of {len(inline.text)} characters;"
                f" only the first {MAX_ENTRY_CHARS} are read"
            )
            inline = _truncate(inline, MAX_ENTRY_CHARS)
        broken = _BROKEN_LINK.search(inline.text)
        if broken:
            self.warnings.append(
                f"{self.source.path}:{inline.line_at(broken.start())}: a link that is not"
                " well-formed Markdown (unclosed bracket or parenthesis?); read as plain text"
            )
        elif inline.text.count("[") != inline.text.count("]"):
            self.warnings.append(
                f"{self.source.path}:{start}: unbalanced [ ]; the item is read as far as it goes"
            )
        section = self.section
        entry = None
        children = [child for sub in sublists for child in sub.children]
        if inline.text.strip() and not _excluded(section):
            entry = field_lines_entry(inline) or read_entry(inline, markdown_words())
            if entry is None and children:
                entry, children = _titled_by_sub_item(inline, children)
        elif inline.links:  # under a talk's heading
            entry = _opening_paper(inline)
        heading = None if paragraphs else _heading_block(node)
        if entry is None:
            self.map_item(inline, start, end, section)
            before = len(self.entries)
            for child in children:
                self.item(child, depth + 1)
            if len(self.entries) > before and (heading is not None or not inline.links):
                text = _heading_text(heading) if heading else " ".join(inline.text.split())
                bullet = (depth, text, before, len(self.entries))
                self.bullets.append((depth, section, *bullet[1:]))
                if heading is not None:
                    self.heading_bullets.add((section, bullet))
            if (
                len(self.entries) == before
                and not _excluded(section)
                and has_paper_link(inline, markdown_words())
            ):
                self.unread.append(start)
            return
        commentary: list[InlineText] = []
        index = len(self.entries)
        self.entries.append(None)  # type: ignore[arg-type]  # keeps document order
        for child in children:
            before = len(self.entries)
            self.item(child, depth + 1)
            if len(self.entries) == before + 1 and _remark(self.entries[before], child):
                del self.entries[before]  # `- Rating: 8/10`, `- 9/10 ⭐`: the paper's own
            if len(self.entries) == before:
                commentary.extend(_item_texts(child))
        if not entry.starred and self._raw_starred(start):
            entry = replace(entry, starred=True)
        record = entry_record(entry, commentary, self.source.path, start, end, section)
        if len(record.text) > MAX_ENTRY_CHARS and record.comment:  # long commentary sub-items
            self.warnings.append(
                f"{self.source.path}:{start}: commentary of {len(record.text)} characters;"
                f" only the first {MAX_ENTRY_CHARS} are read"
            )
            record = replace(
                record,
                comment=record.comment[:MAX_ENTRY_CHARS],
                text=record.text[:MAX_ENTRY_CHARS],
            )
        self.entries[index] = record

    def nesting_warnings(self, tokens) -> None:
        """Warn where markdown-it reached its nesting limit: it skips what lies deeper."""
        deep = MD_MAX_NESTING - 1
        line = next((t.map[0] + 1 for t in tokens if t.level >= deep and t.map), None)
        if line is None and any(t.level >= deep for t in tokens):
            line = max((t.map[0] + 1 for t in tokens if t.map), default=1)
        if line is not None:
            self.warnings.append(
                f"{self.source.path}:{line}: nested more than {MD_MAX_NESTING // 2} levels deep;"
                " the deeper lines of that block are not read"
            )

    def _raw_starred(self, line: int) -> bool:
        """A `[*]` marker can be eaten by emphasis parsing (`[*] ... S* tokens ... *x*`);
        the item's source line still shows it."""
        if line - 1 >= len(self.lines):
            return False
        raw = _BULLET.sub("", self.lines[line - 1], count=1)
        return starred_prefix(raw)


def _topic_bullets(bullets: list[tuple[int, str, int, int]]) -> list[tuple[int, str, int, int]]:
    """The bullets of one section that are topics, outermost first: at each depth, those
    with MIN_REPEAT siblings under the same bullet (`- Vision` and `- Language`; under
    `- Vision`, `- Segmentation` and `- Self-supervised`). A bullet's range of entries
    (`start`, `end`) holds its sub-bullets'."""

    def parent(b: tuple[int, str, int, int]) -> tuple[int, str, int, int] | None:
        around = [o for o in bullets if o[0] < b[0] and o[2] <= b[2] and b[3] <= o[3]]
        return max(around, key=lambda o: o[0]) if around else None

    siblings: dict[object, list] = {}
    for b in bullets:
        siblings.setdefault((parent(b), b[0]), []).append(b)
    topics = {b for group in siblings.values() if len(group) >= MIN_REPEAT for b in group}
    # under a topic, one bullet over papers is a sub-topic (`- Vision` / `- Backbones`)
    for (above, _), group in sorted(siblings.items(), key=lambda kv: kv[0][1]):
        if above in topics:
            topics.update(group)
    return sorted(topics, key=lambda b: (b[0], b[2]))


def _truncate(inline: InlineText, limit: int) -> InlineText:
    """The first `limit` characters, with the links and bold runs that end inside them."""
    return InlineText(
        inline.text[:limit],
        tuple(s for s in inline.links if s.end <= limit),
        tuple(b for b in inline.bold if b[1] <= limit),
        tuple(m for m in inline.marks if m[0] <= limit) or inline.marks[:1],
        inline.images,
        tuple(b for b in inline.italic if b[1] <= limit),
    )


def _join_paragraphs(paragraphs: list[SyntaxTreeNode]) -> InlineText:
    parts = [
        flatten_inline(p.children[0] if p.children else None, (p.map or [0])[0] + 1)
        for p in paragraphs
    ]
    return InlineText.join(parts)


_LINK_KEY = re.compile(r"^\s*[A-Za-z][\w .-]{0,24}?\s*::?\s*")


def _without_key(inline: InlineText) -> InlineText:
    """A link line without the key that labels it (`url:: https://...`, `Link: [pdf](...)`,
    as outliners and field lists write it): the key is a label, not words of the title."""
    key = _LINK_KEY.match(inline.text)
    if key is None or not any(s.start == key.end() for s in inline.links):
        return inline
    return inline.slice(key.end(), len(inline.text))


def _shows_a_paper(entry: Entry) -> bool:
    """The entry links a paper (a paper host or a `.pdf`) or rates it."""
    return entry.rating is not None or bool(entry.url and is_paper_url(entry.url))


# a label naming what an item cites (`Blog: [A visual guide](...)`, `Video - ...`)
_KIND_LABEL = re.compile(r"^\W*(?P<kind>[^\W\d_]+(?: [^\W\d_]+)?)\s*(?::|\s[-–—]\s)")


def _cites_a_page(entry: Entry) -> bool:
    """An entry that shows a page (`evidence.shows_a_page`) or whose label says it is one
    (`Blog: [A visual guide](...)`), where it links no paper."""
    words = markdown_words()
    if shows_a_page(entry.title, entry.url, words):
        return True
    label = _KIND_LABEL.match(entry.text)
    named = label is not None and label.group("kind").lower() in words["page_nouns"]
    return named and not (entry.url and is_paper_url(entry.url))


def _beside_heading_papers(by_heading, row_lines) -> tuple[Entry, ...]:
    """The entries of a file whose headings repeat as papers: as with paragraphs that do
    (`_Reader.all_entries`), a list item beside them that shows no paper of its own cites a
    page (`### Further reading` over a tutorial and a homepage), unless the user said the
    headings are papers whatever they show."""
    if by_heading.forced:
        return by_heading.entries
    heads = set(by_heading.paper_lines) | row_lines
    items = [e for e in by_heading.entries if e.line not in heads]
    if sum(1 for e in items if _shows_a_paper(e)) > len(by_heading.paper_lines):
        # the other way round: where more items than headings show papers, a heading over
        # one link to no paper's page (`## Blogs & Talks` over a post) is a section citing
        # it, as an item showing a page beside papers is
        heads = row_lines | {
            e.line for e in by_heading.entries if e.line in heads and _shows_a_paper(e)
        }
    return tuple(e for e in by_heading.entries if e.line in heads or _shows_a_paper(e))


def _item_text(item: SyntaxTreeNode) -> InlineText:
    return _join_paragraphs([c for c in item.children if c.type == "paragraph"])


_REMARK_LABEL = re.compile(
    r"\W*(?:my\s+)?(?:remarks?|notes?|comments?|take|thoughts|verdict)\W*:", re.I
)


def _remark_under(node: SyntaxTreeNode | None) -> list[InlineText]:
    """A paragraph under a reference that opens with a label of one's own remarks
    (`*Remarks:* ... **Rating: 4/5**`, as an annotated bibliography writes them): the
    reader's note on that reference's paper. None when it is anything else."""
    if node is None or node.type != "paragraph":
        return []
    inline = _join_paragraphs([node])
    label = _REMARK_LABEL.match(inline.text)
    return [inline.slice(label.end(), len(inline.text))] if label else []


def _quoted_note(node: SyntaxTreeNode | None) -> list[InlineText]:
    """A quote right under a paper's paragraph, of prose that links nothing (`> my take:
    ... 9/10`, as a search alert's or a digest's paper is annotated): the reader's note on
    that paper. None when it is anything else."""
    if node is None or node.type != "blockquote" or not node.children:
        return []
    if any(child.type != "paragraph" for child in node.children):
        return []
    said = [_join_paragraphs([child]) for child in node.children]
    return [] if any(inline.links for inline in said) else said


def _prose_after(children: Sequence[SyntaxTreeNode], start: int) -> list[SyntaxTreeNode]:
    """The paragraphs from `start` on that link nothing and name no next paper."""
    said = []
    for k in range(start, len(children)):
        child, after = children[k], children[k + 1] if k + 1 < len(children) else None
        if child.type != "paragraph" or _name_over_link(child, after) is not None:
            break
        if _join_paragraphs([child]).links:
            break
        said.append(child)
    return said


def _name_over_link(paragraph: SyntaxTreeNode, following) -> InlineText | None:
    """A paragraph that is one line naming a paper (`📄 **Title**`, linking nothing) and the
    next paragraph, one line that is only the paper's link: the two as one paragraph, a
    title over its link (`title_over_link`), as a Notion export's callout spaces them."""
    if following is None or following.type != "paragraph" or paragraph.type != "paragraph":
        return None
    name, link = _join_paragraphs([paragraph]), _join_paragraphs([following])
    if name.links or len(name.marks) > 1 or len(link.marks) > 1 or len(link.links) != 1:
        return None
    if is_tag_line(name.text):
        return None  # a note's line of tags (`#papers/vision #status/read`) names nothing
    span = link.links[0]
    if link.text.strip() != span.text.strip() or not is_paper_url(span.href):
        return None
    pair = _join_paragraphs([paragraph, following])
    return pair if title_over_link(pair) else None


def _only_bold(inline: InlineText) -> bool:
    """The text is one bold run and nothing else (`**Title**`): a name on its own line."""
    text = inline.text
    return any(not text[:a].strip() and not text[b:].strip(" :") and b > a for a, b in inline.bold)


_PAGE_REF = re.compile(r"\s*\[\[([^\[\]|]+)(?:\|[^\[\]]*)?\]\]\s*$")


def _titled_by_cell(entry: Entry, cell: InlineText) -> Entry:
    """A row read titled by a link of another column (`| **Title** | [JMLR](url) |`): the
    Title column's own words are the title, where they are plain text of two words or more."""
    written = " ".join(cell.text.split()).strip(" *_")
    if cell.links or count_words(written) < 2 or (entry.title or "") in written:
        return entry
    return replace(entry, title=written)


def _items_besides_notes(tokens: Sequence[Token], entry_lines: set[int]) -> int:
    """The list items of a file, but for the sub-items of an entry (its notes: `- [Title](url)`
    over `  - promptable, SA-1B`) and an outliner's heading blocks (`- ## Offline RL`, the
    topic over its papers), which say nothing of how many papers a list holds."""
    count = 0
    open_items: list[bool] = []  # per open item: is it, or an item around it, an entry?
    for k, token in enumerate(tokens):
        if token.type == "list_item_open":
            inside = bool(open_items) and open_items[-1]
            heading = k + 1 < len(tokens) and tokens[k + 1].type == "heading_open"
            count += not inside and not heading
            line = (token.map or [0])[0] + 1
            open_items.append(inside or line in entry_lines)
        elif token.type == "list_item_close" and open_items:
            open_items.pop()
    return count


def _data_frame(header: list[str], rows: list[list[str]]) -> bool:
    """A table as pandas prints a data frame (`df.to_markdown()`, a notebook's output): a
    first column with no header, numbered 0, 1, 2, ... down the rows."""
    if not rows or not header or header[0].strip():
        return False
    index = [row[0].strip() if row else "" for row in rows]
    return index == [str(k) for k in range(len(rows))]


def _heading_block(item: SyntaxTreeNode) -> SyntaxTreeNode | None:
    """An outliner's heading block (`- ## Distillation`) over its papers: their topic."""
    return next((c for c in item.children if c.type == "heading"), None)


def _opening_paper(inline: InlineText) -> EntryParts | None:
    """An item that opens with a paper's title or link, and links the paper (`- [LIMA](https://
    arxiv...) was discussed a lot`, `- **Title** — Doe et al. https://openreview...`): that
    paper, even under a talk's heading; one that cites it later is the talk."""
    entry = read_entry(inline, markdown_words())
    if entry is None or not entry.title or not is_paper_url(entry.url or ""):
        return None
    start = inline.text.find(entry.title)
    if start < 0 or _WORD.search(inline.text[:start]):
        return None
    # the title marked as one: a link's text, or bold or italic (not the talk's own words)
    marked = [(k.start, k.end) for k in inline.links] + [*inline.bold, *inline.italic]
    return entry if any(a <= start < b for a, b in marked) else None


def _titled_by_sub_item(inline: InlineText, children: list[SyntaxTreeNode]):
    """`- **Title**` over a sub-item that is only its link: one entry, and the other
    sub-items. The link is the first sub-item, or comes after sub-items that are fields
    (an outliner's `Author:: [[...]]` over `URL:: https://...`); a title written as an
    outliner's page reference (`- [[Title]]`) is that title once a sub-item links it."""
    for k, child in enumerate(children):
        link_item = _link_only_item(child, inline.text)
        if link_item:
            page = _PAGE_REF.match(inline.text)
            title = inline.slice(page.start(1), page.end(1)) if page else inline
            link_line = _without_key(_join_paragraphs(link_item))
            entry = read_entry(InlineText.join([title, link_line]), markdown_words())
            if entry is None:
                break
            return entry, children[:k] + children[k + 1 :]
        if not _LINK_KEY.match(_item_text(child).text):
            break  # a sub-item of prose before any link: the item's notes
    return None, children


def _link_only_item(node: SyntaxTreeNode, name: str = "") -> list[SyntaxTreeNode]:
    """The paragraphs of a list item that is only a paper's link (a bare arXiv URL, or
    `[pdf](url)`: a link that names no title, or the title the item over it, `name`,
    shortens: `- Kelp Nets` over `- [Kelp Nets: Slow Growth](url)`), with no items of its
    own; else none."""
    if any(c.type in ("bullet_list", "ordered_list") for c in node.children):
        return []
    paragraphs = [c for c in node.children if c.type == "paragraph"]
    inline = _join_paragraphs(paragraphs)
    words = markdown_words()
    if not inline.links or not (
        has_paper_link(inline, words) or any(is_paper_url(s.href) for s in inline.links)
    ):
        return []
    key = _name_key(name)
    if any(
        not is_generic_link(span, words) and not (key and key in _name_key(span.text))
        for span in inline.links
    ):
        return []  # `- [Llama 2](url)` under `- Language`: a paper of its own, under a topic
    said = _WORD.findall(inline.without_links().lower())
    labels = note_words()["url_fields"] | words["paper_link_texts"]
    if any(word not in labels for word in said):
        return []  # `- BERT https://arxiv.org/...` under `- Pretraining`: named, its own paper
    return paragraphs if len(said) <= 2 else []


def _name_key(text: str) -> str:
    """Words of a name, lowercased and spaced, for `in` tests (`Kelp-Nets` ~ `kelp nets`)."""
    words = re.findall(r"[^\W_]+", text.lower())
    return f" {' '.join(words)} " if words else ""


def _item_texts(node: SyntaxTreeNode) -> list[InlineText]:
    """All text of a commentary sub-item and its own sub-items."""
    out = [_join_paragraphs([c for c in node.children if c.type == "paragraph"])]
    for sub in node.children:
        if sub.type in ("bullet_list", "ordered_list"):
            for child in sub.children:
                out.extend(_item_texts(child))
    return [t for t in out if t.text.strip()]


def _remark(entry: Entry, item: SyntaxTreeNode) -> bool:
    """Whether a sub-item read as `entry` is a remark on the paper above it: its marks
    alone (`_only_marks`), or another work cited in passing (`_cited_in_passing`)."""
    return _only_marks(entry) or _cited_in_passing(item)


def _cited_in_passing(item: SyntaxTreeNode) -> bool:
    """A sub-item under a paper that names another work inside its own words (`cites
    [Title](url) for the relabeling`, `cf. their dataset [X](url)`): a remark on the paper
    above it, no paper of the list; `- [Title](url)` or `- follow-up: [Title](url)` is one."""
    if any(c.type in ("bullet_list", "ordered_list") for c in item.children):
        return False
    inline = _item_text(item)
    at = len(inline.text) - len(inline.text.lstrip())
    first = min((span.start for span in inline.links), default=at)
    words = inline.text[at:first]
    return first > at and words[:1].islower() and ":" not in words and count_words(words) <= 4


def _only_marks(entry: Entry | None) -> bool:
    """An entry found by its rating or star alone, no title and no link: under a paper's
    item, that paper's rating (`- Rating: 8/10`, `- 9/10 ⭐`), no paper of its own."""
    return entry is not None and not entry.title and not entry.url


def _cell(node: SyntaxTreeNode) -> InlineText:
    return flatten_inline(node.children[0] if node.children else None, 1)


def _note_front(path: str, split, bib) -> dict:
    """A note's front matter, with what its name and its one BibTeX entry say in its place:
    a note named `2304.02643.md` links that paper, and an entry gives the title, authors,
    year, venue, link and citation key the front matter does not."""
    front = split.merged(multi_valued_keys()) if split is not None else {}
    named = file_name_arxiv_url(path)
    if named and not any(front.get(k) for k in paper_link_keys()):
        front = {**front, "url": named}
    if len(bib) == 1 and not front.get("title"):
        only = bib[0]
        said = {"title": only.title, "url": only.url, "author": list(only.authors)}
        said |= {"year": only.year, "venue": only.venue, "citekey": only.citekey}
        front = {**{k: v for k, v in said.items() if v}, **front}
    return front


def _read_note(
    source, tree, tokens, entries, unread, split, folder, options=DEFAULT, cites=False, bib=()
) -> ParsedNotes | None:
    """The file as one paper's note, or None when it is not one (`extract.paper_note`).
    With `papers = "files"` (`reading_options`) every file is one paper. A note's one
    BibTeX entry (`bib`) says what its front matter would: the paper's title, authors,
    year, venue, link and citation key, where the front matter does not."""
    front = _note_front(source.path, split, bib)
    blocks = raw_blocks(tree, lambda node, line: flatten_inline(node, line, keep_code=False))
    # fields boxed under a heading (`## Metadata`) are the file's own when they are no
    # list of papers: at most one entry of its lists
    fields = read_fields(blocks, boxed=len(entries) < MIN_REPEAT)
    head = named_in_post(read_head(front, fields, blocks, markdown_words()), blocks)
    if head is None and not entries and (not is_readme(source.path) or folder):
        head = head_from_file_name(source.path, front, blocks, markdown_words())
    forced = options.papers == "files"
    no_paper = no_paper_reason(front, fields, head) if head is not None and not forced else None
    if no_paper is not None:
        head = None  # a book's or a blog post's note: the file is read as text
    if not forced and no_paper is None and (head is None or head.rule == "fields") and not entries:
        blocks_read = _field_blocks(source, blocks, folder)
        if blocks_read is not None:
            return blocks_read
    if forced and head is None:
        head = NoteHead(title=None, url=None, rule='paperkg.toml: papers = "files"')
    if (
        head is None
        and no_paper is None
        and (entries or cites or not blocks or is_readme(source.path))
    ):
        return None  # a list (of references, maybe), an empty file, or a folder's description
    items = _items_besides_notes(tokens, {e.line for e in entries})
    first = next((b.inline.text for b in blocks if b.kind == "heading"), None)
    name = first or note_name(source.path)
    if not forced and head is not None and is_list_file(entries, items, head, unread, name):
        return None
    if not forced and sum(1 for e in entries if opens_with_title_field(e.text)) >= MIN_REPEAT:
        return None  # the fields opening the file are the first of a list of such papers
    head = chosen_head(head, options, front, blocks) if head is not None else None
    if head is not None and not head.title and not is_readme(source.path):
        # a vault page of fields and no title (`url:: ...`): the page's name is its title
        head = replace(head, title=note_name(source.path) or None)
    entry, note_blocks = note_entry(
        source.path,
        head or NoteHead(title=None, url=None, rule="text"),
        front,
        fields,
        blocks,
        source.text.count("\n") + 1,
        result_tables(tree) if head else (),
        own_line=head.top_line if head is not None and head.rule == "heading + link" else None,
    )
    warnings = source.warnings
    if head is None:
        # no paper of its own: its text is the paper of an index item that links it, if any
        # (the graph drops it otherwise). A vault's concept note (front matter, links to
        # other notes) is expected to be no paper; any other file says so.
        entry = replace(entry, kind="text")
        if not front and not entry.note_links:
            warnings += (f"{source.path}: no paper entries found",)
    papers = () if head is None else (entry,)
    choice = LayoutChoice(
        level="one paper per file" if head is not None else "none",
        evidence=(f"the file is one paper's note ({head.rule})",)
        if head
        else (f"the file is one document's note, but {no_paper}",)
        if no_paper
        else (),
        papers=len(papers),
        titles=tuple(e.title or "" for e in papers),
    )
    return ParsedNotes(
        path=source.path,
        sha256=source.sha256,
        entries=(replace(entry, folder=_note_folder(source.path, folder, head)),),
        headings=(),
        warnings=warnings,
        blocks=note_blocks,
        layout=choice,
    )


def _note_folder(path: str, folder: tuple[str, ...], head) -> tuple[str, ...]:
    """The topics a paper's note is filed under: its folders, less the folder a bundle's
    `index.md` or `README.md` is named by (`source.names_its_folder`)."""
    return folder[:-1] if head is not None and folder and names_its_folder(path) else folder


def _field_blocks(source, blocks, folder) -> ParsedNotes | None:
    """The file as blocks of field lines, one paper each (`paper_sections`), if it is one."""
    papers = field_block_papers(source.path, blocks, markdown_words(), source.text.count("\n") + 1)
    if not papers:
        return None
    choice = LayoutChoice(
        level="field blocks",
        evidence=(f"{len(papers)} blocks of field lines, each naming a title and a paper link",),
        papers=len(papers),
        titles=tuple(e.title or "" for e in papers[:3]),
    )
    return ParsedNotes(
        path=source.path,
        sha256=source.sha256,
        entries=tuple(replace(e, folder=folder) for e in papers),
        headings=tuple(dict.fromkeys(e.section for e in papers if e.section)),
        warnings=source.warnings,
        layout=choice,
    )


def _prepared(source: NotesSource):
    """The source's Markdown body (front matter split off, HTML and admonition boxes read
    as the Markdown they mean: `html_blocks`, `admonitions`) and its front matter, if any."""
    split = note_front_matter(source.text, source.path)
    if split is not None:
        source = replace(source, text=split.body, warnings=source.warnings + split.warnings)
    text = markdown_from_components(markdown_from_site_links(markdown_from_plain_text(source.text)))
    text = markdown_from_admonitions(markdown_from_html(text))
    text = markdown_from_data_blocks(markdown_from_definition_lists(text))
    text = markdown_from_footnotes(markdown_from_org_drawers(text))
    text = markdown_from_unicode_bullets(markdown_from_wiki_syntax(text))
    text = markdown_from_printed_tables(markdown_from_field_rules(text))
    text = markdown_from_heading_notes(text)
    return replace(source, text=text), split


def _sections_possible(split) -> bool:
    """Whether the file may be read as paper sections: not when its front matter links a
    paper of its own (it is that paper's note), but a summaries file's front matter
    (a title, tags) says nothing of the papers below."""
    if split is None:
        return True
    front = split.merged(multi_valued_keys())
    return not any(front.get(k) for k in paper_link_keys())


def parse_notes(source: NotesSource, folder: tuple[str, ...] = ()) -> ParsedNotes:
    """Parse decoded notes into entries; never raises on malformed Markdown.

    The level of the file's papers (list items, table rows, headings, or one paper per
    file) is settled by the evidence each level shows (`extract.reading.layout_choice`),
    or by the notes folder's `paperkg.toml` (`extract.reading.reading_options`); the choice
    is the result's `layout`. `folder` is the file's folder path below the folder built.
    """
    try:
        parsed = _parse_notes(source, folder)
    finally:
        flatten_inline.cache_clear()  # the file's inlines, kept while it was read
    entries = with_legend_stars(with_bare_ratings(parsed.entries), source.text)
    entries = tuple(_starred_by_tag(e) for e in entries)
    return parsed if entries == parsed.entries else replace(parsed, entries=entries)


def _starred_by_tag(entry: Entry) -> Entry:
    """A paper tagged a favourite (`#favourite`, `tags: [favorite]`, `tags:: fav`, a
    nested `#reading/fav`, a `#fav` among its item's words) is one, as is an item whose
    lines flag it so (`starred:: true`)."""
    favourites = note_words()["star_fields"]
    written = written_tags(entry.text) if entry.kind == "item" else []
    tagged = any(tag_word(t) in favourites for t in (*entry.tags, *written))
    flagged = entry.kind == "item" and labelled_favourite(entry.text)
    return replace(entry, starred=True) if not entry.starred and (tagged or flagged) else entry


def _with_rated_items(note: ParsedNotes, items: Sequence[Entry]) -> ParsedNotes:
    """A paper's note, with the items of its lists that rate papers of their own (a post's
    `## Also on my desk` over `- [Title](url) — 3/5, useful if ...`): papers read too,
    where an item citing one with no rating is a work the note relates to."""
    own = {e.url for e in note.entries}
    rated = tuple(
        e
        for e in items
        if e.rating is not None and e.url and e.url not in own and link_kind(e.url) == "paper"
    )
    if not rated or any(e.kind != "note" for e in note.entries):
        return note
    return replace(note, entries=note.entries + rated)


def _map_of_content(reader: _Reader, options: ReadingOptions, entries: Sequence[Entry]) -> bool:
    """Whether the file is a map of notes (`content_maps`): MIN_REPEAT of its items open
    with a link to a note, and it reads as no paper (a list of none, or a note about none)."""
    if options.papers != "auto" or len(reader.map_items) < MIN_REPEAT:
        return False
    return all(e.kind == "text" for e in entries)


def _map_items(source: NotesSource, reader: _Reader) -> ParsedNotes:
    entries = tuple(reader.map_items)
    return ParsedNotes(
        path=source.path,
        sha256=source.sha256,
        entries=entries,
        headings=tuple(reader.headings),
        warnings=tuple(reader.warnings),
        layout=LayoutChoice(
            "list items", ("a map of content: items that link notes",), len(entries), ()
        ),
    )


def _paper_sections(
    source: NotesSource,
    tree: SyntaxTreeNode,
    split: SplitNote | None,
    entries: Sequence[Entry],
    options: ReadingOptions,
    end_line: int,
    reader: _Reader,
) -> ParsedNotes | None:
    """The file read as a heading per paper (`paper_sections`), where it is one. Where a
    list item or two link papers too, they are works its notes cite (`### Weaknesses`
    over `- no comparison with [Title](url)`), unless the headings hold fewer papers than
    twice them."""
    if len(entries) >= MIN_REPEAT or not _sections_possible(split):
        return None
    if options.papers not in ("auto", "headings") or options.heading_level is not None:
        return None
    sections = read_paper_sections(
        source.path, tree, flatten_inline, _heading_text, markdown_words(), end_line
    )
    if sections is None or len(sections.entries) < 2 * max(len(entries), 1):
        return None
    return ParsedNotes(
        path=source.path,
        sha256=source.sha256,
        entries=sections.entries,
        headings=sections.headings,
        warnings=tuple(reader.warnings),
        layout=sections_choice(sections.entries, sections.headings),
    )


def _listed_in_front_matter(
    written: str,
    split: SplitNote | None,
    options: ReadingOptions,
    reader: _Reader,
    entries: Sequence[Entry],
) -> ParsedNotes | None:
    """The page's papers where its front matter lists them as data (`front_matter_papers`),
    with those its body lists; None where it lists none."""
    if split is None or options.papers != "auto":
        return None
    path = reader.source.path
    listed = front_matter_papers(split.merged(multi_valued_keys()), written, path)
    if not listed:
        return None
    found = listed + tuple(entries)
    return ParsedNotes(
        path=path,
        sha256=reader.source.sha256,
        entries=found,
        headings=tuple(reader.headings),
        warnings=tuple(reader.warnings),
        layout=LayoutChoice("list items", ("papers listed in its front matter",), len(found), ()),
    )


def _parse_notes(source: NotesSource, folder: tuple[str, ...]) -> ParsedNotes:
    options = options_for(source.path, folder)
    written = source.text
    source, split = _prepared(source)
    tokens = _parser().parse(source.text)
    tree = SyntaxTreeNode(tokens)
    reader = _Reader(source)
    reader.nesting_warnings(tokens)
    reader.walk(tree)
    entries = reader.all_entries()
    if (listed := _listed_in_front_matter(written, split, options, reader, entries)) is not None:
        return listed
    if options.papers in ("list items", "table rows"):
        rows = options.papers == "table rows"
        entries = tuple(e for e in entries if (e.line in reader.row_lines) == rows)
    end_line = source.text.count("\n") + 1
    sections = _paper_sections(source, tree, split, entries, options, end_line, reader)
    if sections is not None:
        return sections
    unread = sorted(reader.unread)
    if options.papers in ("auto", "files"):
        cites = bool(reader.cited())
        note = _read_note(
            source, tree, tokens, entries, unread, split, folder, options, cites, reader.bib
        )
        if note is not None and not _map_of_content(reader, options, note.entries):
            return _with_rated_items(note, entries)
    if _map_of_content(reader, options, entries):
        return _map_items(source, reader)
    entries = tuple(
        link_index_notes(e, markdown_words(), folder)
        for e in reader.with_references(entries, options.papers)
    )
    topics = tuple(reader.headings)
    by_heading = None
    if entries or options.papers == "headings":
        by_heading = papers_under_headings(
            source.path,
            tree,
            entries,
            lambda: raw_blocks(tree, lambda n, line: flatten_inline(n, line, keep_code=False)),
            _heading_text,
            markdown_words(),
            end_line,
            options,
        )
        if by_heading is not None:
            entries = _beside_heading_papers(by_heading, reader.row_lines)
            topics = by_heading.topics
    entries = apply_options(entries, options, source.text)
    warnings = reader.warnings
    if len(unread) >= MIN_UNREAD and len(unread) >= len(entries):
        lines = ", ".join(str(n) for n in unread[:5])
        warnings.append(
            f"{source.path}:{unread[0]}: {len(unread)} list items with paper links were not"
            f" read as entries (lines {lines}{', ...' if len(unread) > 5 else ''});"
            " if they are papers, please report this shape"
        )
    elif source.text.strip() and not entries and not is_readme(source.path):
        warnings.append(f"{source.path}: no paper entries found")
    return ParsedNotes(
        path=source.path,
        sha256=source.sha256,
        entries=entries,
        headings=topics,
        warnings=tuple(warnings),
        layout=list_choice(
            entries, reader.row_lines, by_heading, unread, source.text, options, reader.kept()
        ),
    )
