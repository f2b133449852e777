"""A map of content: a note that files other notes under its headings (`- [[Note]]`).

Vaults gather their paper notes in index notes ("maps of content") whose items are links to
notes and little else: `## Samplers` over `- [[Gentle Samplers]]`. Such an item names no
paper by itself, and the map reads as a note about no paper (dropped), so the papers lost
the topics their owner filed them under. Whether an item's note is a paper's is only known
once every file is read; so the reader keeps a map's items as entries of kind "map", each
with its one note link, and `note_links.file_map_items`, over all records, makes each item
whose note is a paper's note an entry of that paper (filed under the item's heading) and
drops the others (a concept note, a note not in the build).
"""

from __future__ import annotations

import re

from paperkg.extract.reading.entry_parts import InlineText
from paperkg.extract.reading.wikilinks import is_note_href, note_target, replace_note_links
from paperkg.extract.records import Entry, NoteLink

# a note link first in the item's text: `[[Note]]`, `[[Note|shown]]`, or `[shown](a note.md)`
# written with a raw space, which CommonMark leaves as text
_OPENING_RAW = re.compile(r"\[\[[^\]\n]{1,300}\]\]|\[[^\[\]\n]{1,300}\]\([^()\n]{1,300}\)")


def opening_note_link(inline: InlineText) -> NoteLink | None:
    """The link to another note an item opens with, if it does (not an embed, `![[...]]`)."""
    stripped = inline.text.lstrip()
    offset = len(inline.text) - len(stripped)
    for span in inline.links:
        if span.start == offset and is_note_href(span.href):
            return NoteLink(target=note_target(span.href), text=span.text, line=span.line)
    found = _OPENING_RAW.match(stripped)
    if found is None:
        return None
    _, notes, _ = replace_note_links(found.group(0), inline.line_at(offset))
    return notes[0] if notes else None


def map_entry(
    link: NoteLink, notes_file: str, start: int, end: int, section: tuple[str, ...]
) -> Entry:
    """A map's item as an entry: no title, link, rating or text of its own (the note it
    links says them), only where it is filed and the note it files."""
    return Entry(
        notes_file=notes_file,
        line=start,
        end_line=end,
        section=section,
        title=None,
        url=None,
        kind="map",
        note_links=(link,),
    )
