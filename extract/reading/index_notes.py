"""An index item that links a paper and its note: `- [Title](notes/x.md) [[arXiv](url)]`.

Folders of paper notes often come with an index (the folder's README.md) whose items link
each paper and the note about it, either way round: the title links the note and an
`[arXiv]` link the paper, or the title links the paper and a `[Notes]` link the note. The
item's paper link is its URL (never the note's path), and `note_file` says which note it
is, so the graph can make the item and the note one paper. Other links to notes in an
item, wikilinks in its text included, are `note_links`, resolved once every file is read.
"""

from __future__ import annotations

import posixpath
from collections.abc import Mapping
from dataclasses import replace

from paperkg.extract.reading.links import link_kind
from paperkg.extract.reading.note_words import note_words
from paperkg.extract.reading.wikilinks import (
    is_note_href,
    note_target,
    replace_note_links,
    split_note_links,
)
from paperkg.extract.records import Entry, Link


def note_path(notes_file: str, target: str) -> str:
    """A note link's target as a path like the notes file's own (relative to the same place)."""
    base = posixpath.dirname(notes_file.replace("\\", "/"))
    return posixpath.normpath(posixpath.join(base, target))


def _paper_link(links: list[Link], words: Mapping[str, frozenset[str]]) -> Link | None:
    for link in links:
        text = " ".join(link.text.lower().split()).strip(" []")
        if link.url.lower().startswith(("http://", "https://")) and (
            link_kind(link.url) == "paper" or text in words["paper_link_texts"]
        ):
            return link
    return None


def link_index_notes(
    entry: Entry, words: Mapping[str, frozenset[str]], folder: tuple[str, ...] = ()
) -> Entry:
    """The entry with its note links sorted out, its URL the paper's, and its folder set.

    `words` are the Markdown reader's word lists (generic and paper link texts)."""
    web, notes = split_note_links(list(entry.links))
    note_file = None
    url = entry.url
    if url and is_note_href(url):
        note_file = note_path(entry.notes_file, note_target(url))
        paper = _paper_link(web, words)
        url = paper.url if paper else None
        if paper is not None:
            web.remove(paper)
    if note_file is None and entry.title:
        # `[Title](notes/x.md) [[arXiv](url)]`: the title links the note, the paper link is
        # already the entry's URL (`extract.entry_parts`)
        title = " ".join(entry.title.lower().split())
        for link in notes:
            if " ".join(link.text.lower().split()).startswith(title):
                note_file = note_path(entry.notes_file, link.target)
                notes.remove(link)
                break
    if note_file is None:
        for link in notes:
            text = " ".join(link.text.lower().split()).strip(" []")
            if text in words["generic_link_texts"] or text in note_words()["note_link_texts"]:
                note_file = note_path(entry.notes_file, link.target)
                notes.remove(link)
                break
    texts = {}
    for part in ("summary", "comment"):
        value = getattr(entry, part)
        if value and "[[" in value or value and ".md)" in value:
            value, found, hidden = replace_note_links(value, entry.part_line(part))
            texts[part] = " ".join(value.split()) or None
            notes += found
            web += hidden
    if note_file is None and not notes and not folder and url == entry.url and not texts:
        return entry
    return replace(
        entry,
        url=url,
        links=tuple(web),
        note_links=entry.note_links + tuple(notes),
        note_file=note_file,
        folder=folder,
        **texts,
    )
