"""BibTeX of the papers of the notes, for a paper's bibliography or a Zotero import.

One entry per paper, written by bibtexparser 2 with its LaTeX encoding (no hand-rolled
escaping: `{}`, `&`, `%`, accents and backslashes come back as written when read with
LaTeX decoding). The key is the note's Zotero/Better BibTeX citekey when it gives one, else
the first author's surname, the year and the first word of the title (`marchetti2023quillformer`),
kept unique with a, b, ... in the order of the papers' IRIs, so the same graph gives the
same file.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from typing import TYPE_CHECKING

from paperkg.graph.store.catalog import catalog_query
from paperkg.graph.store.rows import Rows

if TYPE_CHECKING:
    import pyoxigraph as ox

Select = Callable[[str], Rows]
# small words a key skips to reach the title's first real word
_VERBATIM = frozenset({"url", "doi", "eprint", "archiveprefix"})
_SKIP = frozenset({"a", "an", "the", "on", "of", "in", "to", "for", "and", "towards", "toward"})


def _ascii(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text)
    return "".join(c for c in plain if c.isascii() and c.isalnum()).lower()


def _surname(name: str) -> str:
    """The last word of a name ("Zoé Marchetti" -> "Marchetti"); BibTeX names "Last, First"."""
    if "," in name:
        return name.split(",", 1)[0].strip()
    return name.split()[-1] if name.split() else ""


def made_key(authors: list[str], year: str | None, title: str | None) -> str:
    """first-author surname + year + first title word, ASCII lowercase (`marchetti2023quillformer`);
    with no author, the title word and the year (`runway2023`)."""
    words = [_ascii(w) for w in re.findall(r"[^\W_]+", title or "", re.UNICODE)]
    first = next((w for w in words if w and w not in _SKIP), "")
    surname = _ascii(_surname(authors[0])) if authors else ""
    key = surname + (year or "") + first if surname else first + (year or "")
    return key or "paper"


def _unique(keys: list[str]) -> list[str]:
    """Repeated keys get a, b, ... after the first (Better BibTeX's habit)."""
    seen: dict[str, int] = {}
    taken = set(keys)
    out = []
    for key in keys:
        n = seen.get(key, 0)
        seen[key] = n + 1
        if n == 0:
            out.append(key)
            continue
        suffix = n - 1
        while True:
            letters, m = "", suffix
            while True:
                letters = chr(ord("a") + m % 26) + letters
                m = m // 26 - 1
                if m < 0:
                    break
            candidate = key + letters
            suffix += 1
            if candidate not in taken:
                break
        taken.add(candidate)
        out.append(candidate)
    return out


def bibtex_export(store: ox.Store, union: bool) -> bytes:
    """The export registry's writer (graph/outputs/export.py): the store's papers as BibTeX."""
    from paperkg.graph.store.query import run_on_store

    return bibtex_text(lambda text: Rows.of(run_on_store(store, text, union=union))).encode()


def bibtex_text(select: Select) -> str:
    """Every paper of the graph as a BibTeX entry (@misc, or @inproceedings with a venue)."""
    import bibtexparser
    from bibtexparser import model
    from bibtexparser.middlewares import LatexEncodingMiddleware

    rows = list(select(catalog_query("citations")))
    prepared = []
    for row in rows:
        ordered = [a for a in (row.authors or "").split("; ") if a]
        others = sorted(set((row.people or "").split("\n")) - set(ordered) - {""})
        authors = ordered + others
        year = str(row.date)[:4] if row.date else None
        ids = sorted(set((row.identifiers or "").split("\n")) - {""})
        prepared.append((row, authors, year, ids))
    keys = _unique(
        [row.citekey or made_key(authors, year, row.title) for row, authors, year, _ in prepared]
    )
    library = bibtexparser.Library()
    raw: dict[tuple[str, str], str] = {}
    for key, (row, authors, year, ids) in zip(keys, prepared, strict=True):
        fields = []
        if row.title:
            fields.append(("title", str(row.title)))
        if authors:
            fields.append(("author", " and ".join(authors)))
        if year:
            fields.append(("year", year))
        if row.venue:
            fields.append(("booktitle", str(row.venue)))
        for ident in ids:
            scheme, _, value = ident.partition(":")
            if scheme == "arXiv":
                fields += [("eprint", value), ("archiveprefix", "arXiv")]
            elif scheme == "doi":
                fields.append(("doi", value))
        if row.url:
            fields.append(("url", str(row.url)))
        kind = "inproceedings" if row.venue else "misc"
        library.add(model.Entry(kind, key, [model.Field(k, v) for k, v in fields]))
        raw.update({(key, k): v for k, v in fields if k in _VERBATIM})
    if not rows:
        return ""
    # LaTeX-encode the words; links and identifiers stay as written (BibTeX's url field is
    # read verbatim by the url package, and an encoded `\_` would break the link)
    encoded = LatexEncodingMiddleware(enclose_urls=False).transform(library)
    for entry in encoded.entries:
        for field in entry.fields:
            if field.key in _VERBATIM:
                field.value = raw[entry.key, field.key]
    return bibtexparser.write_string(encoded)
