"""BibTeX pasted into notes as papers: a fenced block of `@inproceedings{key, title=...}`.

Researchers copy a paper's citation from Google Scholar, arXiv or their reference manager
into their notes and write what they thought under it. The block says what the paper is
(title, authors, year, venue, DOI or arXiv identifier) better than any text could, and the
paragraphs after it, up to the next block or heading, are the reader's comment. A file
holding MIN_REPEAT such entries lists papers; one alone is a paper's note (`paper_note`).

Parsed with bibtexparser, which the BibTeX export uses too; LaTeX in the fields (`{\\"o}`,
`{GAN}s`) is decoded to text. A block bibtexparser cannot read is no paper, and no error.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from paperkg.extract.reading.people import author_names

_ENTRY_START = re.compile(r"^\s*@\s*[A-Za-z]+\s*[{(]", re.MULTILINE)
_FENCE_LANGUAGES = frozenset({"bibtex", "bib", "biblatex", "latex", "tex", ""})
_NOT_PAPERS = frozenset({"comment", "preamble", "string"})
_VENUE_FIELDS = ("booktitle", "journal", "journaltitle", "publisher", "school", "howpublished")
_ARXIV_ID = re.compile(r"^(?:arXiv:)?(\d{4}\.\d{4,5}(?:v\d+)?|[a-z\-]+(?:\.[A-Z]{2})?/\d{7})$")
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")


@dataclass(frozen=True)
class BibEntry:
    """What one BibTeX entry says about its paper."""

    key: str
    title: str
    authors: tuple[str, ...]
    year: int | None
    venue: str | None
    url: str | None


def is_bibtex_block(info: str, content: str) -> bool:
    """A fenced block that holds BibTeX: marked so, or unmarked and opening with an entry."""
    language = (info.strip().split() or [""])[0].lower()
    return language in _FENCE_LANGUAGES and _ENTRY_START.match(content) is not None


def bibtex_entries(content: str) -> list[BibEntry]:
    """The papers of a block of BibTeX, in the order written (entries with no title are
    skipped: a `@string` or a bare key)."""
    import bibtexparser
    from bibtexparser.middlewares import LatexDecodingMiddleware

    try:
        library = bibtexparser.parse_string(content, append_middleware=[LatexDecodingMiddleware()])
    except Exception:  # noqa: BLE001 - a parser's error on text from notes: no paper
        return []
    out = []
    for entry in library.entries:
        if entry.entry_type.lower() in _NOT_PAPERS:
            continue
        fields = {k.lower(): _text(f.value) for k, f in entry.fields_dict.items()}
        title = fields.get("title")
        if not title:
            continue
        year = _YEAR.search(fields.get("year") or fields.get("date") or "")
        out.append(
            BibEntry(
                key=entry.key,
                title=title,
                authors=author_names(fields.get("author")),
                year=int(year.group(1)) if year else None,
                venue=next((fields[k] for k in _VENUE_FIELDS if fields.get(k)), None),
                url=_paper_url(fields),
            )
        )
    return out


def _text(value: object) -> str:
    """A field's value as plain text: braces that protect case dropped, spaces joined."""
    return " ".join(str(value).replace("{", "").replace("}", "").split())


def _paper_url(fields: dict[str, str]) -> str | None:
    """The paper's link: its `url`, else its DOI, else its arXiv identifier."""
    url = fields.get("url")
    if url and url.startswith(("http://", "https://")):
        return url
    doi = fields.get("doi")
    if doi:
        doi = re.sub(r"^(?:https?://(?:dx\.)?doi\.org/|doi:)", "", doi, flags=re.IGNORECASE)
        return f"https://doi.org/{doi}"
    eprint = fields.get("eprint") or ""
    archive = (fields.get("archiveprefix") or fields.get("eprinttype") or "arxiv").lower()
    found = _ARXIV_ID.match(eprint.strip())
    if found and archive == "arxiv":
        return f"https://arxiv.org/abs/{found.group(1)}"
    return None
