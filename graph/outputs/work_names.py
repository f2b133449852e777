"""What to call a related work the notes named only by a generic link text.

Comments link works with words that say nothing of them: "[this work](https://arxiv.org/...)",
"[pdf](...)", "there's [some proof](https://twitter.com/...)". On the map and in the panel a
dozen works called "this one" cannot be told apart, so a work whose only name is such a text
is shown by what its link is: "arXiv 2303.12345", "DOI 10.1000/xyz", or the host with the
last part of the path ("twitter.com 1717676624865382901"). The RDF keeps the text as written
(`schema:name`); only the property graph's label changes. The generic words are data
(`extract/data/markdown_words.json`: `generic_link_texts`, `generic_link_openers`).
"""

from __future__ import annotations

import re
from functools import cache
from urllib.parse import unquote, urlsplit

from paperkg.extract import data
from paperkg.extract.reading.links import arxiv_id, doi

_WORDS = re.compile(r"[a-z]+")


@cache
def _generic_words() -> tuple[frozenset[str], frozenset[str]]:
    words = data.read_json("markdown_words.json")
    return frozenset(words["generic_link_texts"]), frozenset(words["generic_link_openers"])


def is_generic(name: str) -> bool:
    """A link text that names nothing: a generic word ("pdf", "this work"), or a few lower-case
    words opened by a pointing word ("some proof", "this great thread")."""
    texts, openers = _generic_words()
    key = " ".join(name.lower().strip(" .:-*_[]()#!?,;\"'").split())
    if not key or key in texts:
        return True
    words = key.split()
    return (
        name == name.lower()
        and len(words) <= 4
        and words[0] in openers
        and all(_WORDS.fullmatch(w) for w in words)
    )


def link_name(url: str) -> str | None:
    """A short name for what a link is: an arXiv or DOI identifier, else host + last path
    part; None for what is no web link."""
    found = arxiv_id(url)
    if found:
        return f"arXiv {found}"
    found = doi(url)
    if found:
        return f"DOI {found}"
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return None
    host = parts.hostname.removeprefix("www.")
    last = next((p for p in reversed(parts.path.split("/")) if p), "")
    return f"{host} {unquote(last)}".strip()


def shown_name(name: str | None, url: str | None) -> str | None:
    """The name a work is shown by: its own, unless that is generic and it has a link."""
    if url and (name is None or is_generic(name)):
        return link_name(url) or name
    return name
