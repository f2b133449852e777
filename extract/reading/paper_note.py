"""A file that is one paper's note: find its title, link and metadata, and keep its text.

Many researchers keep one note per paper (a folder of paper notes, an Obsidian or Foam
vault, Zotero literature notes). Such a file is one paper when

1. its front matter gives `title` and any of url/doi/arxiv/citekey (a literature note), or
   one of those and the note's first heading is the title;
2. it opens with metadata fields (`**Title**: ...`, `Link: ...`, `- **Authors**: ...`,
   Logseq's `title:: ...`), at least two of them, one a title or a link;
3. its first heading links the paper (`## [Title](https://arxiv.org/abs/...)`);
4. the first list item or paragraph after the first heading is a link to a paper whose text
   is a title, and little else (a vault note "BART" whose first bullet is
   `[BART: Denoising ...](arxiv)`), the heading being no generic "Papers"; or
5. the first heading is a title and the block under it holds the paper's links
   (`[pdf](...) | [code](...)`, a bare arXiv URL), or fields (`Link:`, `Authors:`/`Year:`).

Rules 3 to 5 also fit a reading list whose first item is a paper, so a file whose other
list items are mostly paper entries stays a list (`is_list_file`). The whole body, headings
included and code blocks excluded, is the paper's text; its headings are not topics.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from pathlib import PurePosixPath
from typing import Any

from markdown_it.tree import SyntaxTreeNode
from paperkg.extract.reading.entry_parts import (
    InlineText,
    favourite_marked,
    field_rating,
    find_rating,
    markdown_words,
    opening_marks,
    split_title,
)
from paperkg.extract.reading.evidence import (
    blog_page,
    body_paper_link,
    has_label_line,
    is_paper_url,
    labelled_paper_link,
)
from paperkg.extract.reading.heading_names import (
    heading_name,
    is_citation,
    post_title,
    undecorated,
)
from paperkg.extract.reading.links import ADDRESS_TEXT, link_kind, paper_identifier, same_paper
from paperkg.extract.reading.list_titles import reference_title, strip_html, title_before_tail
from paperkg.extract.reading.note_words import note_words
from paperkg.extract.reading.people import author_names, author_year
from paperkg.extract.reading.result_tables import ResultTable
from paperkg.extract.reading.source import names_its_folder
from paperkg.extract.reading.tags import inline_tags, split_tags
from paperkg.extract.reading.wikilinks import is_note_href, replace_note_links, split_note_links
from paperkg.extract.records import Entry, Link, NoteLink

# `Key: value`, `- **Key**: value`, Logseq's `key:: value`; a key in any script (`标题：`)
# (a mark may open the line, as a callout's lines have one: `⭐ Rating: ★★★★☆`)
_FIELD = re.compile(
    r"^\s*[-*+]?\s*(?:[^\w\s*_#\[(]{1,3}\s+)?([^\W\d_](?:[^\W\d_]|[ .\-]){0,24}?)\s*(?:::?|：)"
    r"\s*(.*\S)?\s*$"
)
# Dataview's inline fields inside a sentence: `Read on [date:: 2024-01-15] · [url:: ...]`
_INLINE_FIELD = re.compile(
    r"[\[(]([A-Za-z][\w .\-]{0,24}?)::\s*([^\[\]()]*?(?:\([^()]*\))?[^\[\]()]*?)\s*[\])]"
)
_WORD = re.compile(r"[0-9A-Za-z]+")
_BRACKETED_ADDRESS = re.compile(r"\s*[(<\[]?\s*https?://[^\s)>\]]+\s*[)>\]]?\s*$")
_BARE_URL = re.compile(r"https?://[^\s<>()\[\]]+")
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
MAX_FIELD_BLOCKS = 12  # metadata fields open a note: look no further than this many blocks
MIN_LIST_ENTRIES = 3  # at least this many other paper entries ...
LIST_SHARE = 0.5  # ... that are at least this share of the list items: a list, not a note


def multi_valued_keys() -> frozenset[str]:
    """Front-matter keys whose values add up across blocks: tags and aliases."""
    return note_words()["tag_fields"] | note_words()["alias_fields"]


@dataclass(frozen=True)
class NoteBlock:
    """One heading, paragraph or list item of a note, as the NLP will read it."""

    text: str
    line: int
    links: tuple[Link, ...] = ()
    note_links: tuple[NoteLink, ...] = ()
    heading: bool = False
    # the words the NLP reads where they differ from `text`: the block without its
    # `Authors:` lines (the paper's own authors are no work it cites: "Doe et al.")
    read: str | None = None
    # a results table's row: its name, which the NLP weighs as a system compared with
    # (`result_tables.py`); the paragraph of the table is read as written besides
    compared: bool = False

    @property
    def nlp_text(self) -> str:
        return self.text if self.read is None else self.read


@dataclass(frozen=True)
class RawBlock:
    inline: InlineText
    line: int
    kind: str  # "heading", "paragraph" or "item"


def raw_blocks(tree: SyntaxTreeNode, flatten) -> list[RawBlock]:
    """Headings, paragraphs and list-item paragraphs in document order; code is left out."""
    out: list[RawBlock] = []

    def visit(node: SyntaxTreeNode, kind: str) -> None:
        for child in node.children:
            if child.type == "heading":
                inline = child.children[0] if child.children else None
                out.append(RawBlock(flatten(inline, _line(child)), _line(child), "heading"))
            elif child.type == "paragraph":
                inline = child.children[0] if child.children else None
                out.append(RawBlock(flatten(inline, _line(child)), _line(child), kind))
            elif child.type in ("bullet_list", "ordered_list", "list_item", "blockquote"):
                visit(child, "item" if child.type != "blockquote" else kind)
            elif child.type == "table":
                out.extend(_property_rows(child, flatten))

    visit(tree, "paragraph")
    # a line of badges (`[![arXiv](badge.svg)](https://arxiv...)`) shows no words but links
    return [b for b in out if b.inline.text.strip() or b.inline.links]


def _property_rows(table: SyntaxTreeNode, flatten) -> list[RawBlock]:
    """A two-column table's body rows as `Key: value` items: the property table a Notion
    export opens a page with (`| Authors | ... |`, `| Link | https://... |`)."""
    rows = [tr for part in table.children if part.type == "tbody" for tr in part.children]
    if not rows or any(len(tr.children) != 2 for tr in rows):
        return []
    out = []
    for tr in rows:
        line = _line(tr)
        key, value = (flatten(td.children[0] if td.children else None, line) for td in tr.children)
        row = InlineText.join([key, value], ": ")
        out.append(RawBlock(replace(row, marks=((0, line),)), line, "item"))  # one source line
    return out


def _line(node: SyntaxTreeNode) -> int:
    return (node.map or [0])[0] + 1


def _segments(inline: InlineText) -> list[tuple[int, int]]:
    """Offsets of each source line of a block (softbreaks are line ends), a line of several
    fields (`Paper: [pdf](...) | Code: [GitHub](...)`) cut before each further field."""
    starts = [pos for pos, _ in inline.marks] or [0]
    ends = [*starts[1:], len(inline.text)]
    out = []
    for begin, end in zip(starts, ends, strict=True):
        cuts = [m.start() for m in _NEXT_FIELD.finditer(inline.text, begin, end)]
        bounds = [begin, *cuts, end]
        out.extend(zip(bounds, bounds[1:], strict=False))
    return out


# a separator, then another field's key, on the same line: `... | **Code:** [GitHub](...)`
_NEXT_FIELD = re.compile(r"\s+[|·•]\s+(?=[^\W\d][\w ./-]{0,24}?\s*::?\s)")


@dataclass(frozen=True)
class Fields:
    """Metadata fields a note opens with: name -> (value text, link target or None)."""

    values: dict[str, tuple[str, str | None]]
    # what the note says it is about (`Category: #books`, `Type: Podcast`), by field name
    kinds: dict[str, str] = field(default_factory=dict)

    def first(self, names: frozenset[str]) -> tuple[str, str | None] | None:
        for name, value in self.values.items():
            if name in names:
                return value
        return None


def read_fields(blocks: Sequence[RawBlock], boxed: bool = False) -> Fields:
    """`Key: value` lines or items for known keys, where they open the note: in the first
    blocks, under at most its first heading (and, with `boxed`, for a whole file, a
    heading right over them that boxes them, as Readwise's `## Metadata`), one block after
    another until a block without one (a line of links only, or a cover image, does not
    end them). Fields further down (a list's
    `**Link**: ...` item) are the note's text."""
    known = set().union(
        *(
            note_words()[k]
            for k in (
                "title_fields",
                "url_fields",
                "author_fields",
                "year_fields",
                "venue_fields",
                "tag_fields",
                "alias_fields",
                "rating_fields",
                "star_fields",
                "citation_fields",
            )
        )
    )
    kind_names = note_words()["kind_fields"]
    values: dict[str, tuple[str, str | None]] = {}
    kinds: dict[str, str] = {}
    if boxed:
        blocks = _heading_fields(blocks, known)
    start = 1 if blocks and blocks[0].kind == "heading" else 0
    window = blocks[start : start + MAX_FIELD_BLOCKS]
    for i, block in enumerate(window):
        if block.kind == "heading":
            if not boxed or values or i + 1 >= len(window):
                break
            if not _FIELD.match(window[i + 1].inline.text):
                break
            continue  # `## Metadata` over the fields (`Item Type: ...`, `URL: ...`), no text
            # before it: a box of them
        if _titled_item(block):
            break  # an item's title over its own properties (`- DONE [[Title]]` / `link:: ...`)
        found = False
        for begin, end in _segments(block.inline):
            line = block.inline.text[begin:end]
            one = _FIELD.match(line)
            matches = [one] if one else list(_INLINE_FIELD.finditer(line))
            for m in matches:
                name = m.group(1).strip().lower()
                if m.group(2) and name in kind_names:
                    kinds.setdefault(name, m.group(2).strip())
                if not m.group(2) or name not in known or name in values:
                    continue
                found = True
                at, stop = begin + m.start(2), begin + m.end(2)
                href = next(
                    (s.href for s in block.inline.links if at <= s.start < stop and s.href),
                    None,
                )
                bare = _BARE_URL.search(m.group(2))
                values[name] = (
                    _without_address(m.group(2)),
                    href or (bare.group(0) if bare else None),
                )
        if found or _FIELD.match(block.inline.text):
            continue  # a field of a key not read (`Category: ...`, `Item Type: ...`) is no end
        if not _links_only(block) and not (block.inline.images and not values):
            break  # a line of the paper's links (or a cover image) before the fields is no end
    return Fields(values, kinds)


def _without_address(value: str) -> str:
    """A field's value without the bare address written after its words (`Paper: Title
    (https://...)`: the title, its link); an address alone is the value."""
    words = _BRACKETED_ADDRESS.sub("", value).strip()
    words = words or value.strip()
    quoted = _QUOTED_VALUE.fullmatch(words)  # `title: "X"`, as YAML quotes it
    return next(g for g in quoted.groups() if g).strip() if quoted else words


_QUOTED_VALUE = re.compile(r'"([^"]+)"|\'([^\']+)\'|“([^”]+)”')


def _titled_item(block: RawBlock) -> bool:
    """A list item whose first line is no field and whose next lines are (an outliner's
    block: `- DONE [[Title]]` over `link:: ...` and `rating:: ...`): the properties are
    that item's, a paper of a list, not the note's."""
    if block.kind != "item":
        return False
    segments = list(_segments(block.inline))
    if len(segments) < 2:
        return False
    first = block.inline.text[segments[0][0] : segments[0][1]]
    return not _FIELD.match(first) and not _INLINE_FIELD.search(first)


def _key_heading(block: RawBlock, after: RawBlock | None, known) -> str | None:
    """The key a heading names when it is a known key over the block that is its value."""
    key = " ".join(block.inline.text.split()).strip(" *_:").lower()
    if block.kind != "heading" or key not in known or after is None or after.kind == "heading":
        return None
    return None if _opens_field(after, known) else key  # `# Paper` over `- Title: ...`


def _heading_fields(blocks: Sequence[RawBlock], known) -> list[RawBlock]:
    """Headings that are known keys over the blocks that are their values (a GitHub issue
    form's `### Paper title` over the title, `### Link` over the link), where two or more
    are (a form's questions; one is a heading naming a section), as field lines
    `Paper title: ...`: the form's answers are the note's fields."""
    pairs = list(zip(blocks, [*blocks[1:], None], strict=False))
    keys = [_key_heading(block, after, known) for block, after in pairs]
    if sum(1 for key in keys if key) < 2:
        return list(blocks)
    out: list[RawBlock] = []
    skip = False
    for (block, after), key in zip(pairs, keys, strict=True):
        if skip or key is None or after is None:
            if not skip:
                out.append(block)
            skip = False
            continue
        joined = InlineText.join([InlineText(key + ":", (), (), (), ()), after.inline])
        joined = replace(joined, marks=((0, after.line), *joined.marks[1:]))  # one line
        out.append(RawBlock(joined, block.line, "paragraph"))
        skip = True
    return out


def _opens_field(block: RawBlock, known) -> bool:
    """The block opens with a field of a known key (`- Author: ...`, `Title: ...`)."""
    m = _FIELD.match(block.inline.text[: next(iter(_segments(block.inline)))[1]])
    return bool(m) and m.group(1).strip().lower() in known


def _links_only(block: RawBlock) -> bool:
    """A block of links or bare URLs and at most two other words ("[arXiv](...) | code")."""
    rest = _BARE_URL.sub("", block.inline.without_links())
    has_link = bool(block.inline.links) or bool(_BARE_URL.search(block.inline.text))
    return has_link and len(_WORD.findall(rest)) <= 2


def _absolute(url: str | None) -> bool:
    return bool(url) and url.strip().lower().startswith(("http://", "https://"))


def _generic(text: str, words: dict[str, frozenset[str]]) -> bool:
    """Text that names no paper: empty, a generic word ("Paper", "pdf"), a bare URL or an
    identifier (`arXiv:2305.12345`, `2305.12345`: no letter but a prefix)."""
    if ADDRESS_TEXT.match(text):
        return True
    if not re.search(r"[^\W\d_]", text):
        return True
    key = " ".join(text.lower().strip(" .:-*_[]()#").split())
    if not key or key in note_words()["generic_titles"] or key in words["generic_link_texts"]:
        return True
    # "the paper", "our preprint", "its pdf": a determiner makes a paper's label no name
    bare = re.sub(r"^(?:the|this|that|our|their|its)\s+", "", key)
    return bare != key and bare in words["paper_link_texts"]


def _titled_link(inline: InlineText, words) -> tuple[str, str] | None:
    """A link in `inline` whose text is a title and whose target is a web page."""
    for span in inline.links:
        if _absolute(span.href) and not _generic(span.text, words):
            title = split_title(span.text, span.href)
            if len(_WORD.findall(title)) >= 2:
                return title, span.href.strip()
    return None


def _paper_link(inline: InlineText, words) -> str | None:
    """The first link in `inline` to a paper (by its host, or by text like `[pdf]`)."""
    for span in inline.links:
        text = " ".join(span.text.lower().split()).strip(" []")
        if _absolute(span.href) and (
            link_kind(span.href) == "paper" or text in words["paper_link_texts"]
        ):
            return span.href.strip()
    return None


def _is_the_link(block: RawBlock, url: str) -> bool:
    """The block is that link and little else: `- [Title](url)`, not a rated list entry
    (`- [7/10] [Title](url) comment`) or a sentence that cites a paper."""
    if any(is_note_href(span.href) for span in block.inline.links):
        return False  # `[Title](url) [[notes](x.md)]` is an index item
    text = block.inline.text
    for span in block.inline.links:
        if span.href.strip() == url:
            text = text[: span.start] + text[span.end :]
            break
    return len(_WORD.findall(text)) <= 2 and "/" not in text


def _bare_paper_url(block: RawBlock) -> str | None:
    """A paper's URL written out as text (CommonMark makes no link of it)."""
    for m in _BARE_URL.finditer(block.inline.text):
        if link_kind(m.group(0)) == "paper":
            return m.group(0)
    return None


def _only_paper_links(block: RawBlock, words) -> bool:
    """A block of generic links (`[pdf](...) | [code](...)`) or bare URLs, one of them to
    the paper, and little else: a word or two, or the paper's citation (`He et al., CVPR
    2016 — [arXiv](...)`)."""
    if _paper_link(block.inline, words) is None:
        bare = _bare_paper_url(block)
        rest = _BARE_URL.sub("", block.inline.text)
        return bare is not None and not block.inline.links and _little_else(rest)
    if any(not _generic(span.text, words) for span in block.inline.links):
        return False
    return _little_else(block.inline.without_links())


def _little_else(text: str) -> bool:
    """What a line of a paper's links says besides them: a word or two, or a citation."""
    if len(_WORD.findall(text)) <= 2:
        return True
    return is_citation(" ".join(text.split()).strip(" -–—:|,·•"))


@dataclass(frozen=True)
class NoteHead:
    """What the top of a note says about its paper, and which rule made it a paper."""

    title: str | None
    url: str | None
    rule: str  # "front matter", "fields", "heading link", "first link", "heading + link"
    top_line: int | None = None  # the line of the item that is the paper's link, if any
    alias: str | None = None  # the short name the note gives beside the title it links


# a post's place in a series ahead of its own words: `Paper of the Week #14: LoRA forgets`,
# `Issue 7 — ...`, `Episode 12: ...`
_SERIES_TITLE = re.compile(
    r"^[^:—–]{0,40}?(?:#\s?\d{1,4}|\b(?:week|issue|episode|no\.?|part)\s*#?\d{1,4})\b"
    r"[^:—–]{0,30}(?::|\s[—–]\s)",
    re.IGNORECASE,
)
_POST_OPENING_BLOCKS = 3  # where a post names the paper it is about


def named_in_post(head: NoteHead | None, blocks: Sequence[RawBlock]) -> NoteHead | None:
    """A post of a series titled by its place and its own words (`Paper of the Week #14:
    LoRA forgets, and that's fine`) is about the paper its opening paragraphs name in bold
    or italics (`This week's paper is **Forgetting Is a Feature: ...**`): that is the
    paper's title. As it was where the post names none."""
    if head is None or not head.title or not _SERIES_TITLE.match(head.title):
        return head
    opening = [b for b in blocks if b.kind == "paragraph"][:_POST_OPENING_BLOCKS]
    for block in opening:
        text = block.inline.text
        for start, end in sorted((*block.inline.bold, *block.inline.italic)):
            name = " ".join(text[start:end].split())
            if len(name.split()) >= 4 and name[:1].isupper():
                return replace(head, title=name)
    return head


def head_from_file_name(
    path: str, front: dict[str, Any], blocks: Sequence[RawBlock], words
) -> NoteHead | None:
    """A vault note titled only by its file name (Obsidian and Foam show the name as the
    note's title, so many notes have no heading) is a paper's note when it opens with the
    paper's link: alone on its line, or after a label (`Paper: ...`), in its first two
    blocks. A note that opens with prose and cites papers later is a concept note. One that
    opens with its paper's reference (title, authors, venue, link) is that paper's, titled
    by the reference, when the note's name is in the title (`_opening_reference`). One
    that opens by embedding a PDF of the vault (`![[Kelp Nets 2021.pdf]]`) is the note on
    that paper, which the note-taker keeps beside it."""
    if front.get("title") or not blocks:
        return None
    name = note_name(path)
    first = next((b for b in blocks if b.kind == "heading"), None)
    if first is not None and title_of_heading(first, words) is None:
        # the note opens with a section (`## Key ideas`), not with a heading naming the
        # paper: the name is the file's, the paper the one link it labels as its paper's
        labelled = _one_labelled_paper_link(blocks, words)
        title = cited_file_name(name)
        if labelled and title and len(_WORD.findall(title)) >= 2:
            return NoteHead(title=title, url=labelled, rule="file name + labelled link")
    if blocks[0].kind == "heading":
        return None
    if name and _opens_with_local_pdf(blocks[0]):
        shown = [k.text for k in blocks[0].inline.links if not _generic(k.text, words)]
        title = shown[0] if shown else name
        return NoteHead(title=title, url=None, rule="file name + its PDF", top_line=None)
    cited = _opening_reference(blocks[0], name, words)
    if cited is not None or any(b.kind == "heading" for b in blocks):
        return cited
    for block in blocks[:2]:
        shown = _only_paper_links(block, words) or has_label_line(block.inline.text)
        if not (shown or _cited_link_line(block)):
            continue
        url = _paper_link(block.inline, words) or _bare_paper_url(block)
        if url:
            return NoteHead(title=name or None, url=url, rule="file name + link", top_line=None)
    return None


# a reference manager's file name opening with its citation: `Doe et al. (2021) - Title`,
# `Doe and Roe - 2021 - Title`, `Doe 2021 Title`
_CITED_NAME = re.compile(
    r"^[A-Z][\w'-]+(?:\s+(?:et\s+al\.?|(?:and|&)\s+[A-Z][\w'-]+))?,?\s*(?:[-–—]\s*)?"
    r"[(\[]?(?:19|20)\d\d[a-z]?[)\]]?\s*[-–—:]?\s+(?=\S)"
)


def cited_file_name(name: str) -> str:
    """A note's file name without the citation a reference manager puts before the title."""
    return _CITED_NAME.sub("", name, count=1).strip()


def _cited_link_line(block: RawBlock) -> bool:
    """A line citing the note's paper before its link, `Kirillov et al., ICCV 2023 —
    https://arxiv.org/abs/...`, as a note kept in a plain-text app opens under its title."""
    link = next((s for s in block.inline.links if is_paper_url(s.href)), None)
    if link is None or len(block.inline.marks) > 1:
        return False
    before = block.inline.text[: link.start].strip(" -–—:|,")
    return bool(before) and is_citation(before)


# a vault's PDF embedded or linked as a wikilink: `![[Kelp Nets.pdf]]`, `[[kelp.pdf|pdf]]`
_WIKI_PDF = re.compile(r"!?\[\[[^\]|#]+\.pdf(?:[|#][^\]]*)?\]\]", re.IGNORECASE)


def _opens_with_local_pdf(block: RawBlock) -> bool:
    """The block is one PDF of the vault and nothing else (an embed, a wikilink, or a
    Markdown link to a file of the vault): the paper the note is on."""
    text = block.inline.text.strip()
    if _WIKI_PDF.fullmatch(text):
        return True
    pdfs = [k for k in block.inline.links if k.href.lower().endswith(".pdf")]
    return (
        len(pdfs) == 1
        and "://" not in pdfs[0].href
        and not pdfs[0].href.startswith("www.")
        and len(text) <= len(pdfs[0].text) + 2
    )


def _titled_paper_field(field: tuple[str, str | None] | None) -> bool:
    """A title field whose value is the paper's title linking the paper's address."""
    return bool(field and field[1] and is_paper_url(field[1]) and len(_WORD.findall(field[0])) >= 2)


_NOTE_ID = re.compile(r"^\d{8}(?:\d{4}|\d{6})?\s+")


def note_name(path: str) -> str:
    """The name a note is shown by: its file's name, or its folder's for a bundle's index
    (`tessel-vit/README.md`: `tessel vit`)."""
    posix = PurePosixPath(path.replace("\\", "/"))
    if names_its_folder(path) and posix.parent.name:
        return re.sub(r"[_-]+", " ", posix.parent.name).strip()
    name = posix.stem.replace("_", " ").strip()
    # a Zettelkasten's note ID ahead of the name (`202403021230 Kelp Nets`) is no part of it
    unnumbered = _NOTE_ID.sub("", name)
    return unnumbered if re.search(r"[^\W\d]", unnumbered) else name


def _opening_reference(block: RawBlock, name: str, words) -> NoteHead | None:
    """A note that opens with the reference of its paper (`> Tessel ViT: Tiling Patches.
    Vell and Harrow, CVPR 2022.` over its link): the reference's title, when the note's
    name is in it (the note is named after that paper, not citing another)."""
    inline = block.inline
    link = next((s for s in inline.links if is_paper_url(s.href)), None)
    if link is None:
        return None
    found = title_before_tail(inline.text, 0, link.start, words["title_abbreviations"])
    if found is None or not _YEAR.search(inline.text[found.end : link.start]):
        return None  # a reference dates its paper; prose that names the note does not
    named = set(_WORD.findall(name.lower()))
    if not named or not named <= set(_WORD.findall(found.text.lower())):
        return None
    return NoteHead(title=found.text, url=link.href.strip(), rule="opening reference")


def _value(front: dict[str, Any], names: frozenset[str]) -> Any:
    for name in sorted(names):
        if front.get(name) not in (None, "", []):
            return front[name]
    return None


def _front_url(front: dict[str, Any]) -> str | None:
    """The paper's link from front matter: a `url`/`link`/`pdf`/`source` that identifies a
    paper, else the `doi` or `arxiv` given (a Zotero note's `url` may be a library page: the
    DOI names the paper, and BibTeX gets it), else the first web link."""
    links = [front.get(key) for key in ("url", "link", "pdf", "source")]
    links = [v.strip() for v in links if isinstance(v, str) and _absolute(v)]
    for value in links:
        if paper_identifier(value):
            return value
    return _front_identifier(front) or _named_paper_url(front) or (links[0] if links else None)


# a key of a site's own naming for the paper's link: `paper_url`, `paperURL`, `url_pdf`,
# `arxiv-link`, or `paper` itself (front matter keys are read lowercased, separators dropped
# here); its value must be on a paper's host
_PAPER_URL_KEY = re.compile(
    r"^(?:paper|pdf|arxiv|abs)(?:url|link|pdf)$|^(?:url|link)(?:paper|pdf)$|^paper$"
)


def _named_paper_url(front: dict[str, Any]) -> str | None:
    """A paper's link under a key of the site's own naming that says it is the paper's,
    with a value on a paper's host."""
    for key, value in front.items():
        if not _PAPER_URL_KEY.match(re.sub(r"[\W_]+", "", str(key).lower())):
            continue
        if isinstance(value, str) and _absolute(value) and link_kind(value.strip()) == "paper":
            return value.strip()
    return None


_PAPER_TITLE_KEY = re.compile(r"^(?:paper|article|publication)(?:title|name)$")


def _named_paper_title(front: dict[str, Any]) -> str | None:
    """The paper's title under a key of the site's own naming (`paper_title`,
    `paperTitle`): the paper's, where `title` may be the post's."""
    for key, value in front.items():
        named = _PAPER_TITLE_KEY.match(re.sub(r"[\W_]+", "", str(key).lower()))
        if named and isinstance(value, str) and value.strip():
            return value.strip()
    return None


def _front_identifier(front: dict[str, Any]) -> str | None:
    """The link of a front matter `doi` or `arxiv`."""
    doi = front.get("doi")
    if isinstance(doi, str) and doi.strip():
        doi = doi.strip()
        return doi if _absolute(doi) else "https://doi.org/" + doi
    arxiv = front.get("arxiv")
    if arxiv not in (None, ""):
        arxiv = str(arxiv).strip()
        return arxiv if _absolute(arxiv) else "https://arxiv.org/abs/" + arxiv
    return None


def title_of_heading(heading: RawBlock, words) -> str | None:
    """A heading's text as its paper's title: without generic link texts ("[pdf]"), the
    decoration `_trim_heading` drops, or what `heading_names` says is no part of a name
    (a number, a venue, a kind tag, a citation); None if nothing but generic words is left."""
    text = heading.inline.text
    for span in heading.inline.links:
        if _generic(span.text, words):
            text = text.replace(span.text, "")
    text = _trim_heading(" ".join(replace_note_links(text, 0)[0].split()))
    text = heading_name(undecorated(text)) if text else text  # "[Paper] Name (ICLR 2021)"
    return text if text and not _generic(text, words) else None


def _one_labelled_paper_link(blocks: Sequence[RawBlock], words) -> str | None:
    """The one paper link the note labels as its paper's, anywhere in it: a `Paper:` or
    `Link:` line, or a line of links whose text is a paper's label (`[arXiv](...)`,
    `[pdf](...)`), not prose that cites one. None where there is none or more than one (a
    note comparing papers labels each)."""
    labels = note_words()["url_fields"]
    found = set()
    for block in blocks:
        if block.kind == "heading":
            continue
        field = field_link(block)
        url = field[1] if field is not None and field[0] in labels else None
        if url is None and _only_paper_links(block, words):  # not "see [the paper](...)"
            url = labelled_paper_link(block.inline, words) or _paper_link(block.inline, words)
        if url and link_kind(url) == "paper":
            found.add(url.strip())
    return found.pop() if len(found) == 1 else None


def field_key(block: RawBlock) -> str | None:
    """The key of a `Key: value` line, lowercased (`Titel: ...` -> "titel"), or None."""
    m = _FIELD.match(block.inline.text) if block.kind != "heading" else None
    return m.group(1).strip().lower() if m and m.group(2) else None


def field_link(block: RawBlock) -> tuple[str, str] | None:
    """A `Key: link` line (`Source: https://...`, `Paper: [arXiv](...)`): its key,
    lowercased, and its first link, or None."""
    key = field_key(block)
    if key is None:
        return None
    bare = _BARE_URL.search(block.inline.text)
    href = next((s.href.strip() for s in block.inline.links if s.href and s.href.strip()), None)
    url = href or (bare.group(0) if bare else None)
    return (key, url) if url else None


def _says_paper(fields: Fields) -> bool:
    """A kind field that says the note is a paper's (`type:: paper`, `Category: #papers`)."""
    return bool(_declared_kinds({}, fields) & note_words()["paper_kinds"])


def _declared_kinds(front: dict[str, Any], fields: Fields) -> set[str]:
    """What the note says it is, by its front matter's and its fields' kind keys."""
    nw = note_words()
    declared = [*_strings(_value(front, nw["kind_fields"])), *fields.kinds.values()]
    return {_kind_word(k) for text in declared for k in re.split(r"[,;]|\s(?=#)", text)}


def no_paper_reason(front: dict[str, Any], fields: Fields, head: NoteHead) -> str | None:
    """Why a note read as one document's is about no paper, or None: it says its kind is
    not a paper's (`Category: #books`, `itemType: webpage`), or its own link is a page of a
    blog, as a read-later export's note of a blog post has it. Only where nothing shows a
    paper: a paper's link or identifier keeps it (a blog post about a paper links that)."""
    if head.url and link_kind(head.url) == "paper" or _front_identifier(front):
        return None
    nw = note_words()
    kinds = _declared_kinds(front, fields)
    if kinds & nw["not_paper_kinds"] and not kinds & nw["paper_kinds"]:
        return f"its kind is {sorted(kinds & nw['not_paper_kinds'])[0]!r}, not a paper's"
    if head.url and head.rule != "front matter + link" and blog_page(head.url):
        return f"its own link is a blog's page ({head.url})"
    return None


def _kind_word(text: str) -> str:
    """`#books`, `[[Podcast]]`, ` Blog Post ` -> `books`, `podcast`, `blog post`."""
    return " ".join(re.sub(r"[#\[\]\"'`*_]", " ", text).lower().split())


def read_head(
    front: dict[str, Any], fields: Fields, blocks: Sequence[RawBlock], words
) -> NoteHead | None:
    """The paper a note is about, by the rules of the module docstring; None if no rule fits."""
    nw = note_words()
    fm_title = _named_paper_title(front) or front.get("title")
    fm_title = " ".join(str(fm_title).split()) if fm_title not in (None, "") else None
    has_id = any(front.get(k) not in (None, "") for k in nw["identifier_fields"])
    has_id = has_id or _named_paper_url(front) is not None
    f_title = fields.first(nw["title_fields"])
    if f_title and _generic(f_title[0], words):  # `Paper: https://...` names a link, no title
        f_title = None
    f_url = fields.first(nw["url_fields"])
    field_url = next((u for u in (f_url[1] if f_url else None,) if _absolute(u)), None)
    headings = [b for b in blocks if b.kind == "heading"]
    first_heading = headings[0] if headings else None
    heading_link = _titled_link(first_heading.inline, words) if first_heading else None
    heading_paper = _paper_link(first_heading.inline, words) if first_heading else None
    # the block right under the first heading (or opening the file), if it is no heading
    after = blocks[blocks.index(first_heading) + 1 :] if first_heading else list(blocks)
    after = [b for b in after[:1] if b.kind != "heading"]
    top_link = None
    top_line = None
    if after:
        found = _titled_link(after[0].inline, words)
        if found and _is_the_link(after[0], found[1]):
            top_link, top_line = found, after[0].line
    heading_title = title_of_heading(first_heading, words) if first_heading else None

    if fm_title and has_id:
        rule = "front matter"
    elif (len(fields.values) >= 2 or _says_paper(fields)) and (f_title or field_url):
        rule = "fields"  # two fields, or `type:: paper` beside the link
    elif has_id and heading_title:
        rule = "front matter id"  # `url:`/`doi:` in front matter, the title as the heading
    elif heading_link or (first_heading and heading_paper and heading_title):
        rule = "heading link"
    elif top_link and (first_heading is None or heading_title):
        rule = "first link"  # under the note's name, not under "Papers" or "Reading list"
    elif first_heading and heading_title and after and _only_paper_links(after[0], words):
        rule = "heading + link"  # "# Title" over a line like "[arXiv](...) [code](...)"
        top_line = after[0].line
    elif heading_title and (field_url or len(fields.values) >= 2 or _cited(fields)):
        # "# Title" over "Link: ...", or "Authors: ...", "Year: ...", or "Citation: A. Doe
        # (2019). Title. Venue."
        rule = "heading + fields"
    elif _titled_paper_field(f_title):
        rule = "titled field"  # one field that is both: `**Paper**: [Title](https://arxiv...)`
    else:
        return _head_further_down(front, fm_title, heading_title, blocks, words)
    title = (
        (f_title[0] if f_title else None)
        or (fm_title if has_id else None)
        or (top_link[0] if top_link else None)
        or (heading_link[0] if heading_link else None)
        or heading_title
        or fm_title
    )
    url = (
        field_url
        or _front_url(front)
        or (heading_paper if heading_paper else None)
        or (heading_link[1] if heading_link else None)
        or (top_link[1] if top_link else None)
        or (_paper_link(after[0].inline, words) if after else None)
        or (_bare_paper_url(after[0]) if after else None)
    )
    if url is None and rule in ("fields", "heading + fields"):
        url = _opening_paper_link(blocks, words)
    return NoteHead(title=title, url=url, rule=rule, top_line=top_line)


def _head_further_down(
    front: dict[str, Any],
    fm_title: str | None,
    heading_title: str | None,
    blocks: Sequence[RawBlock],
    words,
) -> NoteHead | None:
    """`read_head`'s rules for a note whose top says no link: the paper's link in its
    prose or further down, or front matter that cites it; None if none fits."""
    if fm_title and (body_link := body_paper_link([b.inline for b in blocks], words)):
        # a blog post: the title only in front matter, the paper's link in its prose; the
        # link's text is the full title where the front matter has the short name
        title = _full_title(post_title(fm_title), _link_texts(blocks, body_link))
        return NoteHead(title=title, url=body_link, rule="front matter + link")
    if fm_title and _front_cites(front):
        # front matter that cites a work, its title, authors and year (a vault's paper note
        # before its link is looked up), as "# Title" over `Authors:` and `Year:` fields does
        return NoteHead(title=fm_title, url=None, rule="front matter reference")
    if heading_title and (named := _named_paper_link(blocks, heading_title)):
        # "# Kelp Nets" over prose that links "[Kelp Nets: Slow Growth ...](arXiv)"
        alias = heading_title if named[0] != heading_title else None
        return NoteHead(named[0], named[1], "heading + its paper's link", alias=alias)
    if heading_title and (labelled := _one_labelled_paper_link(blocks, words)):
        # "# Title" and, further down, "## Links" / "- [arXiv](...)" or "Paper: https://..."
        return NoteHead(heading_title, labelled, "heading + labelled link")
    if (named := _title_over_address(blocks)) is not None:
        title, url, line = named
        alias = heading_title if heading_title and heading_title != title else None
        return NoteHead(title, url, "title over link", top_line=line, alias=alias)
    return None


def _title_over_address(blocks: Sequence[RawBlock]) -> tuple[str, str, int] | None:
    """The paper a quick note (a phone's, a notes app's) names first under its name: its
    title on a line over its bare address (`LoRA: Low-Rank ...` over `https://arxiv...`),
    or the title then the address on one line; a block of labels or dates before it
    (`Labels: papers`, `Created: 2024-02-11`) is passed over. Only in a note of one
    heading at most and one paper's link: a log's headings over such pairs are a paper
    each. (title, url, line) or None."""
    papers = {s.href for b in blocks for s in b.inline.links if is_paper_url(s.href)}
    if sum(b.kind == "heading" for b in blocks) > 1 or len(papers) != 1:
        return None
    for block in [b for b in blocks if b.kind != "heading"][:3]:
        if block.kind != "paragraph":
            return None  # a list's first item: a list of papers, or of tasks
        inline = block.inline
        starts = [pos for pos, _ in inline.marks] or [0]
        lines = [
            inline.slice(a, b) for a, b in zip(starts, [*starts[1:], len(inline.text)], strict=True)
        ]
        address = next((s for s in inline.links if ADDRESS_TEXT.match(s.text)), None)
        if address is not None:
            first = lines[0].text
            if len(lines) > 1 and not lines[0].links and lines[1].text.strip() == address.text:
                title = first  # the title's line over the address's
            elif re.search(r"\w\s+" + re.escape(address.text) + r"\s*$", first) and (
                len(lines[0].links) == 1
            ):
                title = first.rstrip()[: -len(address.text)]  # `Title https://...`, no dash
            else:
                return None
            title = " ".join(title.split()).rstrip(" -—–:")
            if not is_paper_url(address.href) or not 2 <= len(title.split()) <= 25:
                return None
            # a title, no sentence nor a reference's authors and quoted title
            return (
                None
                if re.search(r"[.!?]\s|[.!?]$|[\"“]", title)
                else (title, address.href, block.line)
            )
        if not all(_FIELD.match(line.text) and len(line.text.split()) <= 12 for line in lines):
            return None  # prose first: no quick note's title
    return None


def _title_key(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", text.lower()).split())


def _full_title(short: str, texts: Sequence[str]) -> str:
    """The longest of `texts` that begins with `short` ("Kelp Nets" -> "Kelp Nets: Slow
    Growth"): where a note names its paper by a short name and links the full title, the
    full title is the paper's name and the short one an alias. Else the longest of two
    words or more that `short` holds ("My thoughts on Kelp Nets" -> "Kelp Nets"). Else
    `short`."""
    key = _title_key(short)
    longer = [t for t in texts if _title_key(t).startswith(key + " ") and _words_in(t) > 2]
    if key and longer:
        return max(longer, key=len)
    # the post's title says more than the paper's name it links: "My thoughts on Kelp Nets"
    # over "[Kelp Nets](...)"
    inside = [
        t
        for t in texts
        if _words_in(t) >= 2 and _title_key(t) != key and f" {_title_key(t)} " in f" {key} "
    ]
    return max(inside, key=len) if key and inside else short


def _words_in(text: str) -> int:
    return len(_title_key(text).split())


def _link_texts(blocks: Sequence[RawBlock], url: str) -> list[str]:
    return [
        " ".join(span.text.split())
        for block in blocks
        for span in block.inline.links
        if span.href and span.href.strip() == url and span.text
    ]


def _named_paper_link(blocks: Sequence[RawBlock], heading: str, near: int = 3):
    """A paper's link, in the first `near` blocks under a note's one heading, whose text is
    the heading or the full title the heading shortens: (title, link), or None. A link of
    any other text cites another work."""
    key = _title_key(heading)
    body = [b for b in blocks if b.kind != "heading"][:near]
    for block in body:
        for span in block.inline.links:
            href = (span.href or "").strip()
            if not key or link_kind(href) != "paper":
                continue
            text = " ".join(span.text.split())
            if _title_key(text) == key or _full_title(heading, [text]) == text:
                return text, href
    return None


def _opening_paper_link(blocks: Sequence[RawBlock], words) -> str | None:
    """A paper's link (by its host) among the blocks that open a note of fields, before
    its first heading: a literature note without a `url:` field often lists the paper's
    OpenReview or arXiv page among its other links (`Code:`, `Links:`), and a link to a
    paper host there is the paper's, not another work's."""
    start = 1 if blocks and blocks[0].kind == "heading" else 0
    for block in blocks[start:]:
        if block.kind == "heading":
            break
        found = _paper_link(block.inline, words) or _bare_paper_url(block)
        if found:
            return found
    return None


def _trim_heading(text: str) -> str:
    """A heading's words without the brackets and dashes left around them, keeping a
    closing bracket the title opened ("Visual Instruction Tuning (LLaVA)")."""
    text = " ".join(_EMPTY_BRACKETS.sub(" ", text).split()).strip(" -–—:")
    while text and text[-1] in ")]" and text.count(text[-1]) > text.count(_OPENS[text[-1]]):
        text = text[:-1].strip(" -:")
    while text and text[0] in "([" and text.count(text[0]) > text.count(_CLOSES[text[0]]):
        text = text[1:].strip(" -:")
    while text[:1] in ("(", "[") and text[-1:] == _CLOSES[text[0]] and _one_group(text):
        text = text[1:-1].strip(" -:")
    return text


_EMPTY_BRACKETS = re.compile(r"\(\s*\)|\[\s*\]")  # what a generic link's removal leaves
_OPENS = {")": "(", "]": "["}
_CLOSES = {"(": ")", "[": "]"}


def _one_group(text: str) -> bool:
    """`(words)`: the opening bracket closes only at the end."""
    depth = 0
    for i, c in enumerate(text):
        depth += c == text[0]
        depth -= c == _CLOSES[text[0]]
        if depth == 0:
            return i == len(text) - 1
    return False


def _cited(fields: Fields) -> bool:
    """Whether a `Citation:` field holds a reference: its authors, year and title."""
    found = fields.first(note_words()["citation_fields"])
    if found is None:
        return False
    abbreviations = markdown_words()["title_abbreviations"]
    return reference_title(found[0], abbreviations) is not None


def citation_field_year(fields: Fields) -> int | None:
    """The year of the reference a `Citation:` field holds (`Doe, J. (2019). Title.`)."""
    found = fields.first(note_words()["citation_fields"])
    year = re.search(r"\b((?:19|20)\d\d)\b", found[0]) if found else None
    return int(year.group(1)) if year else None


def _front_cites(front: dict[str, Any]) -> bool:
    """Whether front matter names a work's authors and its year or venue, as a reference
    does. A post's `author` and `date` are its writer and day: the year must be a `year`."""
    nw = note_words()
    authors = any(front.get(k) not in (None, "", []) for k in nw["author_fields"])
    year = re.search(r"\b(?:19|20)\d\d\b", str(front.get("year") or ""))
    venue = any(front.get(k) not in (None, "", []) for k in nw["venue_fields"])
    # a book's note says so by its ISBN or its tags (`tags: [books]`), if not by its kind
    tags = {_kind_word(t) for k in nw["tag_fields"] for t in _strings(front.get(k))}
    book = front.get("isbn") not in (None, "") or bool(tags & nw["not_paper_kinds"])
    return authors and bool(year or venue) and not book


def is_list_file(
    list_entries: Sequence[Entry],
    items: int,
    head: NoteHead,
    unread: Sequence[int] = (),
    name: str | None = None,
) -> bool:
    """A reading list whose first item happens to look like a paper note's link.

    Front matter and metadata fields are explicit: such a file is a note whatever it lists,
    unless all its front matter says is a title, and the link that made it a paper's note is
    one item of its list (`title: Papers I read in March` over a list of papers). Otherwise,
    when at least three other list items are paper entries (or carry paper links
    the list reader could not read: `unread`, their lines) and they are at least half of all
    list items, the file is a list of papers. One is enough where the first link is no
    paper the note is named after: its `name` (the first heading, else the file's name)
    shares no word with the link's title (`# Inbox` over two links is a list of two;
    `# Heron Net` over `[Heron Net: ...](url)` and two links it cites is Heron Net's note).
    """
    if head.rule in (
        "front matter",
        "front matter id",
        "fields",
        "front matter reference",
    ):
        return False
    if head.rule == "front matter + link" and not any(e.url == head.url for e in list_entries):
        return False  # a post on one paper, its link in the prose
    others = [e for e in list_entries if e.line != head.top_line and (e.url or e.title)]
    # items with paper links the list reader could not read are a list's items too
    count = len(others) + sum(1 for line in unread if line != head.top_line)
    named = name is None or head.rule != "first link" or _shares_a_word(name, head.title or "")
    needed = MIN_LIST_ENTRIES if named and not _titled_otherwise(head, list_entries) else 1
    return count >= needed and count >= LIST_SHARE * max(items, 1)


def _titled_otherwise(head: NoteHead, list_entries: Sequence[Entry]) -> bool:
    """Whether the item holding a post's link names another paper than the post's title
    does (`title: Detection` over `- **Region Prompts for Open-Set Detection** ([arxiv](...))`):
    the front matter then titles a page of papers, as a folder's name would, not the paper."""
    if head.rule != "front matter + link" or not head.title:
        return False
    own = next((e for e in list_entries if e.url == head.url and e.title), None)
    return own is not None and not _key_words(own.title).startswith(_key_words(head.title))


def _key_words(text: str | None) -> str:
    return " ".join(re.findall(r"[^\W_]+", (text or "").lower()))


def _shares_a_word(name: str, title: str) -> bool:
    """Whether a note's name and a title have a word of three letters or more in common."""
    words = [set(re.findall(r"[^\W_]{3,}", text.lower())) for text in (name, title)]
    return bool(words[0] & words[1])


def _strings(value: Any) -> list[str]:
    """A YAML value as a list of strings: a list, or one string split on commas."""
    if value is None:
        return []
    if isinstance(value, list | tuple):
        return [_text(v) for v in value if v not in (None, "")]
    return [" ".join(part.split()) for part in str(value).split(",") if part.strip()]


def _text(value: Any) -> str:
    """A YAML item as text: a mapping (`{given: A., family: One}`) by its values."""
    if isinstance(value, dict):
        value = " ".join(str(v) for v in value.values() if v not in (None, ""))
    return " ".join(str(value).split())


def _citekey(path: str, front: dict[str, Any], fields: Fields) -> str | None:
    """A Zotero/Better BibTeX citekey: front matter `citekey`, a field, or a note named
    `@key` (Zotero literature notes)."""
    names = frozenset({"citekey", "citation key", "citationkey", "bibtex key"})
    value = _value(front, names) or _field_text(fields, names)
    if not value:
        stem = PurePosixPath(path.replace("\\", "/")).stem
        value = stem if stem.startswith("@") else None
    key = str(value).strip().lstrip("@") if value else ""
    return key if re.fullmatch(r"[^\s{}(),\\#%'\"=~]+", key) else None


def _author_year(blocks: Sequence[RawBlock]) -> tuple[tuple[str, ...], int] | None:
    """The first author-year line near the top ("By Example et al., 2023")."""
    for block in blocks[:MAX_FIELD_BLOCKS]:
        for begin, end in _segments(block.inline):
            found = author_year(block.inline.text[begin:end])
            if found:
                return found
    return None


def _year(value: Any) -> int | None:
    if isinstance(value, datetime | date):
        return value.year
    m = _YEAR.search(str(value)) if value not in (None, "") else None
    return int(m.group(1)) if m else None


def _without_authors(block: RawBlock, nw) -> str | None:
    """The block's words without its `Authors: ...` lines, or None when it has none."""
    text = block.inline.text
    kept = []
    for begin, end in _segments(block.inline):
        m = _FIELD.match(text[begin:end])
        if not (m and m.group(2) and m.group(1).strip().lower() in nw["author_fields"]):
            kept.append(text[begin:end])
    if len(kept) == len(_segments(block.inline)):
        return None
    return " ".join(replace_note_links(" ".join(kept), block.line)[0].split())


def _rating(front: dict[str, Any], fields: Fields) -> tuple[float, int, bool] | None:
    """A `Rating: 8/10` (or `★★★★☆`) field or front matter key; a bare number is out of 10
    where it can only be (above 5: `rating: 9`), else it says no scale (4 of 5? of 10?), so
    it is none."""
    names = note_words()["rating_fields"]
    written = _value(front, names)
    if isinstance(written, int | float) and not isinstance(written, bool) and 5 < written <= 10:
        return float(written), 10, False
    if written in (None, "") or isinstance(written, int | float):
        written = _field_text(fields, names)
    return find_rating(f"rating: {written}") if isinstance(written, str) else None


def _starred(front: dict[str, Any], fields: Fields) -> bool:
    """A note marks its paper a favourite: a front matter or field flag (`favorite: true`,
    `starred: yes`), or a star beside its rating (`Rating: 10/10 ⭐`)."""
    nw = note_words()
    flag = _value(front, nw["star_fields"])
    if flag is None:
        flag = _field_text(fields, nw["star_fields"])
    if flag is True or (isinstance(flag, str | int) and favourite_marked(str(flag))):
        return True
    rating = _value(front, nw["rating_fields"]) or _field_text(fields, nw["rating_fields"])
    return isinstance(rating, str) and favourite_marked(rating)


def _rating_line(blocks: Sequence[RawBlock]) -> RawBlock | None:
    """A `Rating: 8/10` line of its own, anywhere in the note (a heading's too, `## My
    rating: 4/5`): short, or opening with the rating (`Rating: 10/10 ⭐ — the paper.`)."""
    names = note_words()["rating_fields"]
    for block in blocks:
        key = field_key(block) if len(block.inline.marks) == 1 else None
        if block.kind == "heading":  # `## My rating: 4/5`, a template's heading holding it
            found = _FIELD.match(block.inline.text)
            key = found.group(1).strip().lower() if found and found.group(2) else None
        if key not in names:
            continue
        short = len(block.inline.text.split()) <= 4
        if (short and find_rating(block.inline.text)) or opening_marks(_field_value(block))[0]:
            return block
    return None


def _field_value(block: RawBlock) -> str:
    """The value of a `Key: value` line."""
    return block.inline.text.split(":", 1)[-1]


def _rating_section(blocks: Sequence[RawBlock]) -> tuple[float, int, bool] | None:
    """A `## My rating` heading over a line that is a rating and little else (`9/10`,
    `★★★★☆ solid`): the section a note template keeps for the verdict; or a `Rating: 8/10`
    line alone, further down than the fields a note opens with."""
    names = note_words()["rating_fields"]
    line = _rating_line(blocks)
    if line is not None:
        return find_rating(line.inline.text) or field_rating(_field_value(line))
    for heading, body in zip(blocks, blocks[1:], strict=False):
        if heading.kind != "heading" or body.kind == "heading":
            continue
        if " ".join(heading.inline.text.lower().strip(" :*_#").split()) not in names:
            continue
        text = " ".join(body.inline.text.split())
        if len(text.split()) <= 4:
            return field_rating(text)
    # a line that is only a rating (`★★★★☆` over the note's comments, in a clipper's
    # `<div>` or not), the note's only one
    alone = [
        text
        for b in blocks
        if b.kind != "heading"
        for line in _segments(b.inline)
        if _RATING_ALONE.fullmatch(text := strip_html(b.inline.text[line[0] : line[1]]))
    ]
    return find_rating(alone[0].strip()) if len(alone) == 1 else None


_RATING_ALONE = re.compile(
    r"\s*(?:[★☆]{5}|★+½☆*|⭐{1,5}|[🌕🌖🌗🌘🌑]{5}|\d{1,2}(?:[.,]\d)?\s*/\s*(?:10|5))\s*"
)


def _field_text(fields: Fields, names: frozenset[str]) -> str | None:
    found = fields.first(names)
    return found[0] if found else None


def _own_links(block: NoteBlock) -> NoteBlock:
    """The line of a paper's own links, as the note keeps it: its links but the paper's."""
    links = tuple(link for link in block.links if not is_paper_url(link.url))
    return replace(block, text="", read="", links=links)


def _note_block(block: RawBlock, nw, table_lines: set[int]) -> tuple[NoteBlock, list[str]]:
    """A block as the NLP reads it (note links replaced by their words), and its tags."""
    text, notes, web = replace_note_links(block.inline.text, block.line)
    spans = [Link(" ".join(s.text.split()), s.href.strip(), s.line) for s in block.inline.links]
    links, more_notes = split_note_links(spans)
    return NoteBlock(
        " ".join(text.split()),
        block.line,
        tuple(links + web),
        tuple(notes + more_notes),
        block.kind == "heading",
        "" if block.line in table_lines else _without_authors(block, nw),
    ), inline_tags(text)


def note_entry(
    path: str,
    head: NoteHead,
    front: dict[str, Any],
    fields: Fields,
    blocks: Sequence[RawBlock],
    end_line: int,
    tables: Sequence[ResultTable] = (),
    own_line: int | None = None,
) -> tuple[Entry, tuple[NoteBlock, ...]]:
    """The note as one entry, and its blocks with note links replaced by their words, then
    the names of its results tables' rows (no part of its text: the table is). `own_line`
    is the line of the paper's own links under its title (`Lipman et al., ICLR 2023 ·
    [arXiv](...) · [OpenReview](...)`): it cites the paper itself, so it is no text of the
    note and its paper links are no other works; its code link stays."""
    nw = note_words()
    # a results table CommonMark read as a paragraph: its rows are read one by one below
    table_lines = {t.line for t in tables}
    read = [_note_block(b, nw, table_lines) for b in blocks]
    read = [
        (_own_links(block), tags) if block.line == own_line else (block, tags)
        for block, tags in read
    ]
    note_blocks = [b for b, _ in read]
    all_links = [link for b in note_blocks for link in b.links]
    all_notes = [n for b in note_blocks for n in b.note_links]
    body_tags = [tag for _, tags in read for tag in tags]
    tags = _strings(_value(front, nw["tag_fields"]))
    tags += split_tags(_field_text(fields, nw["tag_fields"]) or "")
    tags += body_tags
    authors = author_names(_value(front, nw["author_fields"]))
    if not authors:
        authors = author_names(_field_text(fields, nw["author_fields"]))
    year = _year(_value(front, nw["year_fields"]) or _field_text(fields, nw["year_fields"]))
    year = year if year is not None else citation_field_year(fields)
    if not authors or year is None:
        names, line_year = _author_year(blocks) or ((), None)
        authors = authors or names
        year = line_year if year is None else year
    venue = _value(front, nw["venue_fields"]) or _field_text(fields, nw["venue_fields"])
    aliases = _strings(_value(front, nw["alias_fields"]))
    aliases += _strings(_field_text(fields, nw["alias_fields"]))
    value, scale, uncertain = _rating(front, fields) or _rating_section(blocks) or (None, 10, False)
    line = _rating_line(blocks)
    starred = _starred(front, fields) or (line is not None and favourite_marked(_field_value(line)))
    stem = PurePosixPath(path.replace("\\", "/")).stem.replace("_", " ")
    # a post's own `title` beside a `paper_title` names the post, not the paper
    fm_title = None if _named_paper_title(front) else front.get("title")
    for other in (head.alias, stem, fm_title):
        if other and isinstance(other, str) and other != head.title and other not in aliases:
            aliases.append(" ".join(other.split()))
    body = "\n".join(b.text for b in note_blocks if b.line != own_line)
    entry = Entry(
        notes_file=path,
        line=1,
        end_line=max(end_line, 1),
        section=(),
        title=head.title,
        url=head.url,
        comment=body or None,
        links=tuple(link for link in all_links if not same_paper(link.url, head.url)),
        text=body,
        part_lines=(("comment", note_blocks[0].line if note_blocks else 1), ("title", 1)),
        kind="note",
        rating=value,
        rating_scale=scale,
        rating_uncertain=uncertain,
        starred=starred,
        tags=tuple(dict.fromkeys(t for t in tags if t)),
        authors=tuple(dict.fromkeys(authors)),
        year=year,
        venue=" ".join(str(venue).split()) if venue else None,
        aliases=tuple(dict.fromkeys(a for a in aliases if a)),
        citekey=_citekey(path, front, fields),
        # a link from the title to the note itself ("[Title](notes/this.md)") is no relation
        note_links=tuple(n for n in all_notes if n.text != head.title),
    )
    compared = (NoteBlock(r.name, r.line, compared=True) for t in tables for r in t.rows)
    return entry, (*note_blocks, *compared)
