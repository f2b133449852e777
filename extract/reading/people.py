"""Author names as a note writes them, split into one name per person.

Notes write authors many ways: a YAML list, one string joined by `and` or commas
("Ada Example, Bo Sample and Cy Test"), BibTeX's "Example, Ada and Sample, Bo", a line
"By Example et al., 2023", links to each person's note ("[[Ada Example]], [[Bo Sample]]").
"et al." and "others" stand for people not named: never an author.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

# "et al", "et al.", "and others", "others", "…": people not named
_NOT_NAMED = re.compile(r"^(?:and\s+)?(?:et\.?\s*al\.?|others|\.\.\.|…)$", re.I)
_ET_AL = re.compile(r",?\s*\bet\.?\s*al\b\.?", re.I)
_AND = re.compile(r"\s+(?:and|&)\s+|\s*&\s*", re.I)
# "By Example et al., 2023" / "Example and Sample (2021)" / "by A. Example, 2019"
_NAME = r"[A-Z][\w'’\-]*\.?(?:\s+(?:[a-z]{1,3}\s+)?[A-Z][\w'’\-]*\.?){0,3}"
AUTHOR_YEAR = re.compile(
    rf"^\s*(?:[Bb]y\s+)?(?P<names>{_NAME}(?:\s*(?:,|and|&)\s*{_NAME})*)"
    rf"(?P<etal>,?\s+et\.?\s*al\.?)?\s*,?\s*\(?(?P<year>(?:19|20)\d\d)\)?\s*\.?\s*$"
)


# a person written as a link to their note, as vaults and outliners do: `[[Ada Example]]`,
# `[[Ada Example|A. Example]]` (the name shown), `[[people/Ada Example]]`
_WIKILINK = re.compile(r"\[\[(?:[^\]|]*/)?([^\]|#]+)(?:#[^\]|]*)?(?:\|([^\]]+))?\]\]")


def _unlinked(text: str) -> str:
    return _WIKILINK.sub(lambda m: m.group(2) or m.group(1), text)


def _clean(name: str) -> str:
    name = _unlinked(name)
    return " ".join(_ET_AL.sub("", name).replace("{", "").replace("}", "").split()).strip(" ,;.")


def _named(names: Iterable[str]) -> list[str]:
    """Names without the "et al."s and empties, each once, in the order written."""
    kept: list[str] = []
    for raw in names:
        if _NOT_NAMED.match(raw.strip()):
            continue
        name = _clean(raw)
        if name and not _NOT_NAMED.match(name) and name not in kept:
            kept.append(name)
    return kept


def _split_string(text: str) -> list[str]:
    """One string of names: `;`-separated, BibTeX's `Last, First and Last, First`, or
    names joined by commas and a final `and`."""
    text = " ".join(text.split())
    if ";" in text:
        chunks = [c.strip() for c in text.split(";") if c.strip()]
        if all(c.count(",") == 1 and not _AND.search(c) for c in chunks):
            return [" ".join(reversed([s.strip() for s in c.split(",")])) for c in chunks]
        return [name for c in chunks for name in _split_string(c)]
    parts = _AND.split(text)
    if len(parts) > 1 and all(p.count(",") == 1 for p in parts):
        # BibTeX order: "Example, Ada and Sample, Bo"
        return [" ".join(reversed([s.strip() for s in p.split(",")])) for p in parts]
    return [name for part in parts for name in part.split(",")]


def author_names(value: Any) -> tuple[str, ...]:
    """The people a front matter value or a field names, in order ("et al." dropped)."""
    if value is None:
        return ()
    if isinstance(value, list | tuple):
        raw: list[str] = []
        for item in value:
            if isinstance(item, dict):  # CSL's {given: Ada, family: Example}
                given, family = item.get("given"), item.get("family")
                text = " ".join(str(v) for v in (given, family) if v) or " ".join(
                    str(v) for v in item.values() if v
                )
                raw.append(text)
            elif item not in (None, ""):
                raw.append(str(item))
        return tuple(_named(raw))
    return tuple(_named(_split_string(_unlinked(str(value)))))


def author_year(line: str) -> tuple[tuple[str, ...], int] | None:
    """The names and year of an author-year line ("By Example et al., 2023"), or None."""
    m = AUTHOR_YEAR.match(line)
    if not m:
        return None
    names = author_names(m.group("names"))
    return (names, int(m.group("year"))) if names else None


def person_key(name: str) -> str:
    """Names that differ only in case, accents, dots and spacing are one person."""
    import unicodedata

    plain = unicodedata.normalize("NFKD", name)
    plain = "".join(c for c in plain if not unicodedata.combining(c))
    return " ".join(re.findall(r"[0-9a-z]+", plain.casefold()))
