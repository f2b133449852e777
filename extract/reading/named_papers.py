"""Names and citations in a note that point at another paper of the same notes.

A note names the papers its writer has read in three ways: by the paper's name or title
("Zorb Networks", "Quux: Fast Things"), by an abbreviation of its title ("QuAF" for
"Quick Attention Flow for ..."), or by a citation of its authors ("Quorn et al. 2021").
When that paper is a note of the same notes, the mention is a relation to it (a link to
its note, as `introduced.py` makes), not an external work: the guideline's `target`.

Citations need two more rules. A literature note quotes its own paper ("(Quorn et al.,
2022, p. 3)" after each annotation): the paper's own first author is no related work. And
a citation of a note the entry already links (`[[@quornZorbNetworks2021]]`) is the same
work as the link, which already relates the two.

Like the introduced techniques, this is known only once every file is read, so it runs
over all records (`note_links.link_notes`). Only names across files are resolved here:
within one file the cross-reference linker already points names at entries.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from paperkg.extract.reading.word_keys import key_words
from paperkg.extract.records import ExtractedEntry, NoteLink, NotesFile, RelatedMention

_CITATION = re.compile(
    r"^(?:[A-Z][\w'-]*\s)?(?P<surname>[A-Z][\w'-]+)"
    r"(?P<rest>\s+(?:et\s+al\b\.?|and\s|&\s).*?|)[\s,]*[\[(]?(?P<year>(?:19|20)\d\d)?[a-z]?[\])]?$"
)
_CITEKEY = re.compile(r"^@?(?P<surname>[a-z]+)(?=[A-Z0-9]).*?(?P<year>(?:19|20)\d\d)?$")
# small words a title's abbreviation skips ("Quick Attention Flow for Reading": QAF)
_SKIPPED = frozenset({"a", "an", "the", "of", "for", "and", "with", "to", "in", "on", "by"})


def _key(text: str | None) -> str:
    key = "".join(key_words(text or ""))
    return key[:-1] if key.endswith("s") and len(key) > 4 else key  # "Networks": "Network"


@dataclass(frozen=True)
class Citation:
    """A citation's first author (lowercase) and year, if written."""

    surname: str
    year: int | None


def citation(name: str) -> Citation | None:
    """ "Quorn et al. 2021", "Quorn and Blix (2019)", "Quorn, 2020": who and when; None for
    a name that is no citation (a citation has "et al.", a co-author or a year)."""
    m = _CITATION.match(" ".join(name.split()))
    if not m or not (m.group("rest") or m.group("year")):
        return None
    year = m.group("year")
    return Citation(m.group("surname").lower(), int(year) if year else None)


def citekey(target: str) -> Citation | None:
    """A reference manager's key as a note's name ("@quornZorbNetworks2021")."""
    stem = posixpath.basename(target.replace("\\", "/"))
    stem = re.sub(r"\.(?:md|markdown)$", "", stem, flags=re.IGNORECASE)
    m = _CITEKEY.match(stem)
    if not m or not stem.startswith("@"):
        return None
    year = m.group("year")
    return Citation(m.group("surname"), int(year) if year else None)


@dataclass(frozen=True)
class Paper:
    """What names a paper of the notes: its name keys, title words, authors and years."""

    place: tuple[int, int]
    names: frozenset[str]
    title_words: tuple[tuple[str, ...], ...]
    surname: str | None
    years: frozenset[int]

    def cited_by(self, cited: Citation) -> bool:
        return cited.surname == self.surname and (cited.year is None or cited.year in self.years)


def _paper(place: tuple[int, int], item: ExtractedEntry, path: str = "") -> Paper:
    """A paper's names; its first author and years from its fields, its citekey, or a
    note named by its citekey ("@quornZorbNetworks2021.md")."""
    entry = item.entry
    title = entry.title or ""
    names = {_key(title), _key(title.split(":")[0])} | {_key(a) for a in entry.aliases}
    words = [w for w in re.split(r"\s+", title.split(":")[0]) if w.lower() not in _SKIPPED]
    hyphen_split = [p for w in words for p in w.split("-") if p]
    surname = entry.authors[0].split()[-1].lower() if entry.authors else None
    years = {entry.year} if entry.year else set()
    key = citekey("@" + entry.citekey.lstrip("@")) if entry.citekey else citekey(path)
    if key is not None:
        surname = surname or key.surname
        years |= {key.year} if key.year else set()
    return Paper(
        place,
        frozenset(n for n in names if len(n) >= 3),
        (tuple(words), tuple(hyphen_split)),
        surname,
        frozenset(years),
    )


def abbreviates(name: str, words: Sequence[str]) -> bool:
    """ "QuAF" for "Quick Attention Flow", "ZCN" for "Zorb Co-attention Network": each
    capital-led chunk of the name opens the next title word, from the title's first word,
    and the chunks cover all but its last words. Three chunks at least: two capitals
    abbreviate too much by chance."""
    chunks = re.findall(r"[A-Z][a-z]*|[0-9]+", name)
    if len(chunks) < 3 or "".join(chunks) != name or len(chunks) > len(words):
        return False
    return all(w.lower().startswith(c.lower()) for c, w in zip(chunks, words, strict=False))


_TITLE_WORDS = 3  # a shorter title ("Curriculum Learning") is a phrase of the field too


class TitleFinder:
    """Finds full titles in a text, any case and spacing, a plural allowed at the end.

    Titles are looked up by their first word, so a text is read once whatever the number
    of notes (one pattern of thousands of alternatives is slow on a large vault)."""

    _WORD = re.compile(r"[\w-]+")

    def __init__(self, titles) -> None:
        self.by_first: dict[str, list[re.Pattern[str]]] = {}
        for title in sorted(set(titles), key=len, reverse=True):
            words = title.split()
            if len(words) < _TITLE_WORDS:
                continue
            last = words[-1][:-1] if words[-1].endswith("s") else words[-1]
            escaped = [re.escape(w) for w in (*words[:-1], last)]
            pattern = re.compile(r"\s+".join(escaped) + r"s?(?![\w-])", re.IGNORECASE)
            self.by_first.setdefault(words[0].lower(), []).append(pattern)

    def finditer(self, text: str):
        """Each title written in `text`, as a match, longest title first at a place."""
        for word in self._WORD.finditer(text):
            for pattern in self.by_first.get(word.group(0).lower(), ()):
                found = pattern.match(text, word.start())
                if found:
                    yield found
                    break


class PaperIndex:
    """The papers of all files, and which of them a name or a citation points at."""

    def __init__(self, files: Sequence[NotesFile]) -> None:
        self.papers = [
            _paper((f, e), item, notes.path)
            for f, notes in enumerate(files)
            for e, item in enumerate(notes.entries)
            if item.entry.kind == "note" and item.entry.title
        ]
        # looked up by surname, name and initial: a vault's every name is not tried on
        # every paper
        self.by_surname: dict[str, list[Paper]] = {}
        self.by_name: dict[str, list[Paper]] = {}
        self.by_initial: dict[str, list[Paper]] = {}
        for paper in self.papers:
            self.by_surname.setdefault(paper.surname or "", []).append(paper)
            for key in paper.names:
                self.by_name.setdefault(key, []).append(paper)
            if paper.title_words[0]:
                self.by_initial.setdefault(paper.title_words[0][0][:1].lower(), []).append(paper)
        titles: dict[str, list[tuple[Paper, str]]] = {}
        for paper in self.papers:
            title = files[paper.place[0]].entries[paper.place[1]].entry.title or ""
            if len(title.split()) >= _TITLE_WORDS:
                titles.setdefault(_key(title), []).append((paper, title))
        # a title two notes share is no way to tell them apart
        unique = {key: found[0] for key, found in titles.items() if len(found) == 1}
        self.by_title = {key: paper for key, (paper, _) in unique.items()}
        self.titles = TitleFinder(title for _, title in unique.values())

    def titled(self, text: str, source: int) -> list[tuple[Paper, str]]:
        """Papers of other files whose full title the text writes ("Zorb Gate Networks"
        for a note titled "Zorb Gate Network"), with the words as written."""
        if not self.titles.by_first or not text:
            return []
        found = []
        for m in self.titles.finditer(text):
            paper = self.by_title.get(_key(m.group(0)))
            if paper is not None and paper.place[0] != source:
                found.append((paper, m.group(0)))
        return found

    def named(self, name: str, source: int) -> Paper | None:
        """The one paper of another file this name or citation points at, if exactly one."""
        cited = citation(name)
        if cited is not None:
            found = [p for p in self.by_surname.get(cited.surname, ()) if p.cited_by(cited)]
        else:
            found = list(self.by_name.get(_key(name), ()))
            if not found and re.fullmatch(r"[A-Za-z0-9]+", name):
                found = [
                    p
                    for p in self.by_initial.get(name[:1].lower(), ())
                    if any(abbreviates(name, w) for w in p.title_words)
                ]
        found = [p for p in found if p.place[0] != source]
        return found[0] if len(found) == 1 else None


def relate_named(files: Sequence[NotesFile]) -> tuple[NotesFile, ...]:
    """The files with every external name or citation that points at another file's paper
    turned into a link to that paper's note; own citations and citations of a linked note
    dropped."""
    index = PaperIndex(files)
    if not index.papers:
        return tuple(files)
    out = []
    for f, notes in enumerate(files):
        entries = tuple(_relate(files, f, item, index) for item in notes.entries)
        out.append(notes if entries == notes.entries else replace(notes, entries=entries))
    return tuple(out)


def _relate(files, f: int, item: ExtractedEntry, index: PaperIndex) -> ExtractedEntry:
    if item.entry.kind != "note":
        return item
    own = _paper((-1, -1), item, files[f].path)
    linked = [c for c in (citekey(link.target) for link in item.entry.note_links) if c]
    related: list[RelatedMention] = []
    links = list(item.entry.note_links)
    targets = {posixpath.normpath(link.target) for link in links}
    for rel in item.related:
        if rel.target is not None or rel.url or not rel.name:
            related.append(rel)
            continue
        cited = citation(rel.name)
        if cited is not None and (
            own.cited_by(cited)
            or any(c.surname == cited.surname and cited.year in (None, c.year) for c in linked)
        ):
            continue  # the note's own paper, or a note it already links
        paper = index.named(rel.name, f)
        if paper is None:
            related.append(rel)
            continue
        _link(files, f, paper, rel.surface or rel.name, rel.line, links, targets)
    for paper, words in index.titled(item.entry.text, f):
        _link(files, f, paper, words, item.entry.line, links, targets)
    if len(related) == len(item.related) and len(links) == len(item.entry.note_links):
        return item
    entry = replace(item.entry, note_links=tuple(links))
    return replace(item, entry=entry, related=tuple(related))


def _link(files, f: int, paper: Paper, text: str, line: int, links: list, targets: set) -> None:
    """A link from file f to the paper's note, once per note."""
    path = posixpath.relpath(files[paper.place[0]].path, posixpath.dirname(files[f].path) or ".")
    if path not in targets:
        targets.add(path)
        links.append(NoteLink(path, text, line, named=False))
