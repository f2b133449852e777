"""The words notes are read by: field names (`Title:`, `Tags:`), front matter keys, generic
titles and link texts, the words that make a link name a task or a dataset.

They live in one data file, `note_words.json`, read here once for every module that needs
them (the readers of per-paper notes, front matter and index notes, and the NLP over a note),
so a word added to it is seen by all of them alike.
"""

from __future__ import annotations

from functools import cache

from paperkg.extract import data


@cache
def note_words() -> dict[str, frozenset[str]]:
    """Each word list of `note_words.json` by name, as a set (`_`-keys are its comments)."""
    raw = data.read_json("note_words.json")
    return {k: frozenset(v) for k, v in raw.items() if not k.startswith("_")}
