"""Stable IRIs: one real-world paper is one node, whatever link or file it came from.

Entries are grouped by every key they share (an identifier from their link, a normalised
title, a URL); a group's IRI comes from its strongest key, so it does not change from run
to run and the same arXiv paper linked as /abs/ and /pdf/v2 lands on one node.
"""

from __future__ import annotations

import functools
import hashlib
import posixpath
import re
import unicodedata
from collections.abc import Callable, Sequence
from urllib.parse import quote, urlsplit

from paperkg.extract.reading.links import paper_identifier, web_url
from paperkg.extract.reading.word_keys import key_words
from paperkg.extract.records import Entry
from paperkg.graph.rdf.namespaces import NOTES, PAPER, TOPIC, WORK
from pyoxigraph import NamedNode
from rdflib import URIRef

_RANK = (
    "arXiv",
    "doi",
    "cvf",
    "openreview",
    "acl",
    "pmlr",
    "neurips",
    "title",
    "url",
    "notefile",
    "note",
)


def slug(text: str, limit: int = 80) -> str:
    """Lowercase words (of any script: extract/reading/word_keys.py) joined by hyphens;
    long ones keep a hash so they stay unique."""
    s = "-".join(key_words(text))
    if len(s) > limit:
        digest = hashlib.sha1(s.encode()).hexdigest()[:8]
        s = s[:limit].rstrip("-") + "-" + digest
    return s or "untitled"


def title_key(title: str) -> str:
    """Titles compare by their words only: case, punctuation and spacing do not count."""
    return " ".join(key_words(title))


def name_key(name: str) -> str:
    """External works named in comments merge by letters and digits (IP-Adapter = ip adapter)."""
    return "".join(key_words(name))


def url_key(url: str) -> str:
    return re.sub(r"^https?://(www\.)?", "", url.strip()).rstrip("/").lower()


def identifier_iri(identifier: str) -> URIRef:
    """The IRI a paper identifier mints ("arXiv:2303.08983" -> paper:arxiv-2303.08983)."""
    scheme, _, value = identifier.partition(":")
    if scheme == "cvf":
        return PAPER["cvf-" + slug(value, limit=160)]
    return PAPER[scheme.lower() + "-" + quote(value.lower(), safe="")]


# a watch's rebuild gives the same entries again: their keys and IRIs are kept, not re-derived
# (12,400 entries at 100x; each key is a few short strings)
_KEPT = 1 << 15


@functools.lru_cache(maxsize=_KEPT)
def _title_weight(key: str) -> int:
    """How much of a title `key` says, in letters: a Chinese or Japanese character says
    about what two Latin letters do (12 letters is a title's least to merge on)."""
    if key.isascii():
        return len(key)
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in key)


def entry_keys(entry: Entry) -> tuple[tuple[str, str], ...]:
    """All keys an entry can be merged on, strongest first."""
    keys: list[tuple[str, str]] = []
    if entry.url:
        ident = paper_identifier(entry.url)
        if ident:
            keys.append((ident.split(":", 1)[0], ident))
    if entry.title and _title_weight(title_key(entry.title)) >= 12:
        keys.append(("title", title_key(entry.title)))
    if entry.url:
        keys.append(("url", url_key(entry.url)))
    # a per-paper note and an index item that links it are one paper
    note_file = entry.notes_file if entry.kind in ("note", "text") else entry.note_file
    if note_file:
        keys.append(("notefile", posixpath.normpath(note_file.replace("\\", "/")).lower()))
    if not keys:
        digest = hashlib.sha1(f"{entry.notes_file}\n{entry.text}".encode()).hexdigest()[:12]
        keys.append(("note", f"{slug(entry.notes_file)}-{digest}"))
    return tuple(keys)


@functools.lru_cache(maxsize=_KEPT)
def _key_iri(kind: str, value: str) -> URIRef:
    if kind in ("title",):
        return PAPER["title-" + slug(value)]
    if kind == "url":
        return PAPER["url-" + hashlib.sha1(value.encode()).hexdigest()[:16]]
    if kind == "note":
        return PAPER["note-" + value]
    if kind == "notefile":
        digest = hashlib.sha1(value.encode()).hexdigest()[:8]
        return PAPER["notefile-" + slug(value, limit=60) + "-" + digest]
    return identifier_iri(value)


def paper_iris(
    entries: Sequence[Entry], keys_of: Callable[[Entry], tuple[tuple[str, str], ...]] | None = None
) -> list[URIRef]:
    """One IRI per entry; entries that share any key share the IRI (union-find). `keys_of`
    is `entry_keys`, or one that keeps what it gave (a watch's: graph_memo.py)."""
    keys_of = keys_of or entry_keys
    parent = list(range(len(entries)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    owner: dict[tuple[str, str], int] = {}
    all_keys = [keys_of(e) for e in entries]
    for i, keys in enumerate(all_keys):
        for key in keys:
            if key in owner:
                a, b = find(i), find(owner[key])
                parent[max(a, b)] = min(a, b)
            else:
                owner[key] = i
    groups: dict[int, list[tuple[str, str]]] = {}
    for i, keys in enumerate(all_keys):
        groups.setdefault(find(i), []).extend(keys)
    best: dict[int, URIRef] = {}
    for root, keys in groups.items():
        kind, value = min(keys, key=lambda k: (_RANK.index(k[0]), k[1]))
        best[root] = _key_iri(kind, value)
    return [best[find(i)] for i in range(len(entries))]


def external_work_iri(name: str | None, url: str | None) -> URIRef:
    """External works: by paper identifier (so they merge with noted papers), URL, else name."""
    if url:
        ident = paper_identifier(url)
        if ident:
            return identifier_iri(ident)
        return WORK["url-" + hashlib.sha1(url_key(url).encode()).hexdigest()[:16]]
    return WORK["name-" + (name_key(name or "") or "unnamed")]


def topic_iri(path: Sequence[str]) -> URIRef:
    return TOPIC["/".join(slug(part, limit=60) for part in path)]


def notes_file_iri(path: str) -> URIRef:
    return NOTES[quote(path.replace("\\", "/").lstrip("./"), safe="/")]


def file_key(path: str) -> str:
    """A short readable key for a notes file, used in fragment IRIs (review, note, mention)."""
    stem = re.sub(r"\.(md|markdown)$", "", path.replace("\\", "/").split("/")[-1], flags=re.I)
    return slug(stem, limit=40) + "-" + hashlib.sha1(path.encode()).hexdigest()[:6]


# ASCII an IRI component may hold as written (RFC 3986/3987); everything else is
# percent-encoded. `%` stays only where two hex digits follow it.
_PCHAR = "!$&'()*+,;=:@-._~"
_SAFE = {"path": _PCHAR + "/", "query": _PCHAR + "/?", "fragment": _PCHAR + "/?"}
_LONE_PERCENT = re.compile(r"%(?![0-9A-Fa-f]{2})")
# per component, the ASCII characters `quote` would encode (it keeps letters, digits, _.-~
# and the safe ones): one regex pass finds them, where a call of `quote` per character
# was most of the RDF stage's time on links
_UNSAFE = {
    component: re.compile("[^A-Za-z0-9" + re.escape("_.-~" + safe + "%") + "\x80-\U0010ffff]")
    for component, safe in _SAFE.items()
}


def _percent(match: re.Match) -> str:
    return f"%{ord(match.group()):02X}"


def _encode(part: str, component: str) -> str:
    """Percent-encode one component; non-ASCII letters stay (an IRI may hold them)."""
    part = _LONE_PERCENT.sub("%25", part)
    return _UNSAFE[component].sub(_percent, part)


def _checked(iri: str) -> str | None:
    try:
        NamedNode(iri)
    except ValueError:
        return None
    return iri


def safe_iri(url: str) -> URIRef | None:
    """A web link from notes as an absolute, valid IRI, or None when it is not one.

    Relative paths, anchors, `mailto:`, `javascript:` and malformed targets never become
    IRIs (extract/reading/links.py says what they are); web links are percent-encoded where an IRI
    may not hold a character, and the result is checked by Oxigraph's own IRI parser.
    """
    absolute = web_url(url)
    if absolute is None:
        return None
    try:
        parts = urlsplit(absolute)
    except ValueError:
        return None
    head = f"{parts.scheme.lower()}://{parts.netloc}"
    tail = _encode(parts.path, "path")
    if parts.query:
        tail += "?" + _encode(parts.query, "query")
    if parts.fragment:
        tail += "#" + _encode(parts.fragment, "fragment")
    iri = _checked(head + tail)
    if iri is None:  # a character Oxigraph refuses (private use, non-characters): encode all
        iri = _checked(head + quote(tail, safe=_SAFE["query"] + "#%"))
    return URIRef(iri) if iri is not None else None
