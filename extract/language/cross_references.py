"""Link an entry's text to the other entries of the same notes it talks about.

Note-takers point at neighbours three ways: by the paper's short name ("anti-dreambooth"
for "Anti-DreamBooth: Protecting Users ..."), by quoting its title, or by position ("the
one below"). The linker is given the notes' titles (a catalogue) and marks such mentions
as spans: label "ENTRY" with `kb_id_` = the index of the entry pointed at, or "NEXT" /
"PREV" for positional phrases, which the pipeline resolves in document order.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass

from paperkg.extract.language.doc_text import doc_text
from paperkg.extract.language.paper_names import normalise, short_name
from paperkg.extract.language.relation_cues import relation_cues
from paperkg.extract.language.word_kinds import is_common_word, looks_english
from rapidfuzz import fuzz, process
from spacy.attrs import IS_ALPHA, ORTH, SPACY
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

SPANS_KEY = "cross_references"
NEXT, PREV, ENTRY = "NEXT", "PREV", "ENTRY"
MIN_FUZZY_SCORE = 92.0
MIN_TITLE_SCORE = 90.0
FUZZY_PREFIX = 2  # near spellings are compared only with names that start the same
# What `set_catalogue` builds: kept together so the last catalogue can be put back.
_CATALOGUE = (
    "_entries",
    "_names",
    "_exact_names",
    "_keys",
    "_titles",
    "_title_list",
    "_titles_by_length",
    "_title_lengths",
    "_fuzzy_keys",
    "_fuzzy_words",
)
_QUOTED = re.compile(r"[\"“«']([^\"”»']{12,300})[\"”»']")


@dataclass(frozen=True)
class CatalogueEntry:
    """One entry the linker can point at."""

    index: int
    title: str
    short: str | None


class CrossReferenceLinker:
    """Marks mentions of other entries in `doc.spans[spans_key]`.

    Positional phrases are always marked; names and quoted titles need a catalogue, set
    for the duration of a run with `with linker.catalogue(titles): ...`.
    """

    def __init__(
        self, nlp: Language, name: str = "paperkg_cross_references", *, spans_key: str = SPANS_KEY
    ) -> None:
        self.nlp = nlp
        self.name = name
        self.spans_key = spans_key
        self.positions = PhraseMatcher(nlp.vocab, attr="LOWER")
        table = relation_cues().positional
        for kind, label in (("next", NEXT), ("previous", PREV), ("previous_at_start", "PREV0")):
            phrases = table.get(kind, ())
            if phrases:
                self.positions.add(label, [nlp.make_doc(p) for p in phrases])
        self._entries: tuple[CatalogueEntry, ...] = ()
        self._names = PhraseMatcher(nlp.vocab, attr="LOWER")
        self._exact_names = PhraseMatcher(nlp.vocab, attr="ORTH")
        self._keys: dict[str, int] = {}
        self._titles: dict[str, int] = {}
        self._title_list: list[str] = []
        self._title_lengths: list[int] = []
        self._titles_by_length: list[tuple[int, int, str]] = []
        self._fuzzy_keys: dict[str, list[str]] = {}
        # a word's near-spelling lookup, by its ORTH: words repeat across a file's notes
        self._fuzzy_words: dict[int, int | None] = {}
        self._catalogue_titles: tuple[str | None, ...] = ()
        self._kept: tuple[tuple[str | None, ...], dict[str, object]] | None = None

    def set_catalogue(self, titles: Sequence[str | None]) -> None:
        """Point the linker at a notes file's entries (titles in document order).

        The last non-empty catalogue is kept when another replaces it: a worker given
        several ranges of one long file's entries (`extract.parallel`) builds its
        matchers once, not once per range."""
        titles = tuple(titles)
        if titles == self._catalogue_titles:
            return
        if self._catalogue_titles:
            self._kept = (self._catalogue_titles, {a: getattr(self, a) for a in _CATALOGUE})
        self._catalogue_titles = titles
        if titles and self._kept is not None and self._kept[0] == titles:
            for name, value in self._kept[1].items():
                setattr(self, name, value)
            return
        self._entries = tuple(
            CatalogueEntry(i, t, short_name(t)) for i, t in enumerate(titles) if t
        )
        self._names = PhraseMatcher(self.nlp.vocab, attr="LOWER")
        self._exact_names = PhraseMatcher(self.nlp.vocab, attr="ORTH")
        self._keys = {}
        self._titles = {}
        make_doc = self.nlp.make_doc
        for entry in self._entries:
            self._titles.setdefault(" ".join(entry.title.lower().split()), entry.index)
            if not entry.short:
                continue
            key = normalise(entry.short)
            if key in self._keys:  # two entries share a short name: ambiguous, skip both
                self._keys[key] = -1
                continue
            self._keys[key] = entry.index
            words = [w for w in re.split(r"[\s\-]+", entry.short) if w]
            if len(words) == 1 and (is_common_word(words[0]) or len(key) <= 3):
                # "MOST", "ELITE", "DLT": only as written, else every "most" is a link
                self._exact_names.add(str(entry.index), [make_doc(entry.short)])
                continue
            forms = {
                entry.short.lower(),
                " ".join(words).lower(),
                "-".join(words).lower(),
                "".join(words).lower(),
            }
            self._names.add(str(entry.index), [make_doc(f) for f in sorted(forms)])
        self._title_list = list(self._titles)
        self._titles_by_length = sorted((len(t), i, t) for i, t in enumerate(self._title_list))
        self._title_lengths = [n for n, _, _ in self._titles_by_length]
        # near spellings share their first letters: comparing only within those buckets keeps
        # a 5,000-entry file linear-ish instead of comparing every word with every name
        self._fuzzy_keys = {}
        self._fuzzy_words = {}
        for key, index in self._keys.items():
            if index >= 0 and len(key) >= 6:
                self._fuzzy_keys.setdefault(key[:FUZZY_PREFIX], []).append(key)

    @contextmanager
    def catalogue(self, titles: Sequence[str | None]) -> Iterator[CrossReferenceLinker]:
        """Use a catalogue for the duration of a `with` block, then forget it."""
        self.set_catalogue(titles)
        try:
            yield self
        finally:
            self.set_catalogue(())

    def _name_spans(self, doc: Doc) -> Iterator[Span]:
        for matcher in (self._names, self._exact_names):
            for match_id, start, end in matcher(doc):
                index = int(self.nlp.vocab.strings[match_id])
                if self._keys.get(normalise(doc[start:end].text)) == -1:
                    continue
                yield Span(doc, start, end, label=ENTRY, kb_id=str(index))

    def _fuzzy_spans(self, doc: Doc) -> Iterator[Span]:
        """Near spellings of a short name ("antidreambooth", "Anti-Dreambooth").

        A word alone, or words joined by hyphens with no space ("Anti-Dreambooth"). The loop
        reads token attributes as integers, not Token objects, and remembers each lone
        word's answer: a long notes file is mostly the same words again.
        """
        if not self._fuzzy_keys or not len(doc):
            return
        rows = doc.to_array([ORTH, SPACY, IS_ALPHA]).tolist()
        strings = doc.vocab.strings
        hyphen = strings.add("-")
        cache = self._fuzzy_words
        n = len(rows)
        i = 0
        while i < n:
            end = i + 1
            while (
                end + 1 < n
                and rows[end][0] == hyphen
                and not rows[end - 1][1]
                and not rows[end][1]
                and rows[end + 1][2]
            ):
                end += 2
            if end - i == 1:
                orth = rows[i][0]
                index = cache.get(orth, -1)
                if index == -1:
                    text = strings[orth]
                    index = None if looks_english(text) else self._near_name(text)
                    cache[orth] = index
            else:
                index = self._near_name("".join(strings[row[0]] for row in rows[i:end]))
            if index is not None:
                yield Span(doc, i, end, label=ENTRY, kb_id=str(index))
            i = end

    def _near_name(self, text: str) -> int | None:
        """The entry whose short name `text` nearly spells, if any."""
        key = normalise(text)
        if len(key) < 6:
            return None
        keys = self._fuzzy_keys.get(key[:FUZZY_PREFIX])
        if not keys:
            return None
        found = process.extractOne(key, keys, scorer=fuzz.ratio, score_cutoff=MIN_FUZZY_SCORE)
        return None if found is None else self._keys[found[0]]

    def _titles_near_in_length(self, text: str) -> list[str]:
        """The titles `text` could match at MIN_TITLE_SCORE, in catalogue order.

        fuzz.ratio is 100 * (1 - distance / (a + b)) and the distance is at least |a - b|, so
        titles much shorter or longer than the quote cannot reach the score: leaving them out
        gives the same best match at a fraction of the comparisons in a long notes file.
        """
        share = 1 - MIN_TITLE_SCORE / 100
        n = len(text)
        lo = bisect_left(self._title_lengths, int(n * (1 - share) / (1 + share)) - 1)
        hi = bisect_right(self._title_lengths, int(n * (1 + share) / (1 - share)) + 1)
        return [t for _, _, t in sorted(self._titles_by_length[lo:hi], key=lambda x: x[1])]

    def _quoted_spans(self, doc: Doc) -> Iterator[Span]:
        if not self._titles:
            return
        for m in _QUOTED.finditer(doc_text(doc)):
            quoted = " ".join(m.group(1).lower().split())
            titles = self._titles_near_in_length(quoted)
            if not titles:
                continue
            found = process.extractOne(
                quoted, titles, scorer=fuzz.ratio, score_cutoff=MIN_TITLE_SCORE
            )
            if found is None:
                continue
            span = doc.char_span(m.start(1), m.end(1), alignment_mode="expand")
            if span is not None:
                yield Span(
                    doc, span.start, span.end, label=ENTRY, kb_id=str(self._titles[found[0]])
                )

    def _positional_spans(self, doc: Doc) -> Iterator[Span]:
        for match_id, start, end in self.positions(doc):
            label = self.nlp.vocab.strings[match_id]
            if label == "PREV0":
                # "same trick ..." opening a note means: as the paper before this one
                if any(not t.is_punct for t in doc[:start]):
                    continue
                label = PREV
            yield Span(doc, start, end, label=label)

    def __call__(self, doc: Doc) -> Doc:
        spans = list(self._positional_spans(doc))
        if self._entries:
            spans += list(self._quoted_spans(doc))
            # a short name that is, word for word, a technique of the vocabulary names the
            # technique ("trained with Adam"), not the paper that introduced it ("Adam: ...")
            techniques = {(t.start, t.end) for t in doc.spans.get("techniques", ())}
            spans += [s for s in self._name_spans(doc) if (s.start, s.end) not in techniques]
            spans += list(self._fuzzy_spans(doc))
        doc.spans[self.spans_key] = filter_spans(spans)
        return doc


@Language.factory("paperkg_cross_references", default_config={"spans_key": SPANS_KEY})
def make_cross_reference_linker(nlp: Language, name: str, spans_key: str) -> CrossReferenceLinker:
    """spaCy factory; set the notes' titles with `linker.catalogue(titles)`."""
    return CrossReferenceLinker(nlp, name, spans_key=spans_key)
