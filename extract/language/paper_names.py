"""The names a paper and a note go by, as plain string functions.

They sit apart from the spaCy components that use them because the graph uses them too
(graph/rdf/note_facts.py names a paper by its short name and a note link by its file's
stem), and the graph must not import spaCy: a build after an edit leaves spaCy's import to
the worker that extracts the edited file (paperkg/run/parallel.py), and `paperkg query`
never needs it.
"""

from __future__ import annotations

import re
from pathlib import PurePosixPath

from paperkg.extract.reading.word_keys import key_words
from paperkg.extract.records import NoteLink


def normalise(text: str) -> str:
    """Letters and digits only (of any script): hyphen-, space- and case-insensitive keys."""
    return "".join(key_words(text))


def short_name(title: str) -> str | None:
    """The name a paper goes by: its title's part before ':' ("Anti-DreamBooth")."""
    head, sep, _ = title.partition(":")
    head = head.strip()
    if not sep or not head or len(head.split()) > 4 or len(normalise(head)) < 2:
        return None
    return head


def link_name(link: NoteLink) -> str:
    """The name a note link gives: the note's name (a file's stem, `_` as spaces)."""
    stem = PurePosixPath(link.target.replace("\\", "/")).name
    stem = re.sub(r"\.(?:md|markdown)$", "", stem, flags=re.IGNORECASE)
    return " ".join(stem.replace("_", " ").split())
