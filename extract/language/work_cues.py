"""Words around a name that say what it is: another work, a dataset, or the paper's own name.

A name's shape (CamelCase, digits) is not the only sign of a work. Notes cite people
("suggested by Zorbel and Quaxley", "Quaxley et al."), labs ("the Acme paper") and methods
whose names are ordinary words ("methods such as Deep and Wide"); and they say when a
name-shaped word is data ("Zorb (2M images)", "Zorb: a video dataset") or the paper's own
method ("the authors present ZorbNet"). These rules read those cues; the cue words are data
(`work_cues.json`). They run inside the named-work matcher, over tokens it has not given to
a technique or a cross-reference.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache

from paperkg.extract import data
from paperkg.extract.language.doc_text import doc_text
from paperkg.extract.language.word_kinds import (
    LABEL,
    StopLists,
    expands,
    looks_english,
    name_shaped,
    stop_lists,
)
from spacy.attrs import LOWER
from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Span, Token

DATASET = "DATASET"
OWN = "OWN"


@dataclass(frozen=True)
class WorkCues:
    """The cue words, read from `work_cues.json`."""

    citation_before: frozenset[str]
    organisation_work_heads: frozenset[str]
    example_cues: tuple[tuple[str, ...], ...]
    method_nouns: frozenset[str]
    dataset_size_units: frozenset[str]
    dataset_appositive_stop: frozenset[str]
    own_name_verbs: frozenset[str]


@cache
def work_cues() -> WorkCues:
    """The built-in cue words."""
    raw = data.read_json("work_cues.json")
    return WorkCues(
        citation_before=frozenset(raw["citation_before"]),
        organisation_work_heads=frozenset(raw["organisation_work_heads"]),
        example_cues=tuple(tuple(c.split()) for c in raw["example_cues"]),
        method_nouns=frozenset(raw["method_nouns"]),
        dataset_size_units=frozenset(raw["dataset_size_units"]),
        dataset_appositive_stop=frozenset(raw["dataset_appositive_stop"]),
        own_name_verbs=frozenset(raw["own_name_verbs"]),
    )


def _surname(tok: Token, *, rare: bool, shortest: int = 3) -> bool:
    """A capitalised word that may be a person's name; `rare`: not an English word either.
    Before "et al." a name of two letters is one too ("Ng et al."): the cue says so."""
    text = tok.text
    if not (text.isalpha() and len(text) >= shortest and text[0].isupper() and text[1:].islower()):
        return False
    if stop_lists().blocks(text):
        return False
    return not (rare and looks_english(text))


def _is_year(text: str) -> bool:
    """ "2017", "2017a": a publication year as a citation writes it."""
    return text[:4].isdigit() and len(text) <= 5 and text[:2] in ("19", "20")


def _year_after(doc: Doc, i: int) -> bool:
    """ "(2017)", "(2017a)", ", 2017": a citation's year right after token i."""
    return year_end(doc, i) is not None


def year_end(doc: Doc, i: int) -> int | None:
    """The end of a citation's year written from token i ("2017", ", 2017", "(2017)",
    "[2017]"), or None: the year tells two works of the same authors apart, so it is
    part of the citation's name ("Zorbel et al. 2017")."""
    n = len(doc)
    if i < n and _is_year(doc[i].text):
        return i + 1
    if i + 1 < n and doc[i].text == "," and _is_year(doc[i + 1].text):
        return i + 2
    if i + 2 < n and doc[i].text in "([" and doc[i + 2].text in ")]":
        return i + 3 if _is_year(doc[i + 1].text) else None
    return None


# The text a defined method needs, ") is" / ") was": the token Matcher reads every token of a
# doc as a Python object, so it runs only on the docs that hold it.
_MAYBE_DEFINED = re.compile(r"\)\s*(?:is|was)", re.IGNORECASE)


class CueMatcher:
    """The token patterns of the cues, compiled once per vocabulary: the rules then look
    only at the few places where a cue's words stand, not at every token of a note."""

    def __init__(self, nlp: Language) -> None:
        vocab = nlp.vocab
        cues = work_cues()
        stops = stop_lists()
        strings = vocab.strings
        # the joining words of a citation, and the organisations: found through the doc's
        # array of lowercase forms, the few places they stand are then read token by token
        self._joiners = frozenset(strings.add(w) for w in ("and", "&", "et"))
        self._et = strings.add("et")
        self._organisations = frozenset(
            strings.add(w) for w in stops.organisations | stops.software
        )
        self.example = PhraseMatcher(vocab, attr="LOWER")
        self.example.add("EXAMPLE", [nlp.make_doc(" ".join(c)) for c in cues.example_cues])
        self.defined = Matcher(vocab)
        self.defined.add(
            "DEFINED",
            [
                [
                    {"ORTH": "("},
                    {"IS_UPPER": True},
                    {"ORTH": ")"},
                    {"LOWER": {"IN": ["is", "was"]}},
                    {"LOWER": {"IN": ["a", "an"]}},
                ]
            ],
        )

    def works(self, doc: Doc, taken: set[int]) -> Iterator[Span]:
        """Every work the cues name in `doc`, outside the `taken` tokens."""
        lowers = doc.to_array(LOWER).tolist()
        yield from self.citations(doc, taken, lowers)
        yield from self.organisation_works(doc, lowers)
        yield from self.example_names(doc, taken)
        yield from self.defined_methods(doc, taken)

    def citations(self, doc: Doc, taken: set[int], lowers: list[int]) -> Iterator[Span]:
        """Works cited by their authors: "<Name> et al." and "<Name> and|& <Name>".

        "et al." is a citation by itself. Two names joined by "and" are one only when the
        text says so: a year follows ("Zorbel and Quaxley (2015)") or a citing word comes
        before ("by", "of", "following") and neither name is an English word, so "by Monday
        and Friday" is no citation.
        """
        before = work_cues().citation_before
        n = len(doc)
        joiners = self._joiners
        for j in [k for k, h in enumerate(lowers) if h in joiners]:
            i = j - 1
            if i < 0 or j + 1 >= n or i in taken or (j + 1) in taken:
                continue
            tok = doc[i]
            if lowers[j] == self._et:
                if doc[j + 1].lower_ in {"al", "al."} and _surname(tok, rare=False, shortest=2):
                    end = j + 2
                    if end < n and doc[end].text == "." and not doc[end - 1].text.endswith("."):
                        end += 1
                    yield Span(doc, i, year_end(doc, end) or end, label=LABEL)
                continue
            other = doc[j + 1]
            dated = _year_after(doc, j + 2)
            cited = i > 0 and doc[i - 1].lower_ in before
            # a year is cue enough for any names; a citing word only for names no English has
            rare = not dated
            if (dated or cited) and _surname(tok, rare=rare) and _surname(other, rare=rare):
                yield Span(doc, i, year_end(doc, j + 2) or j + 2, label=LABEL)

    def organisation_works(self, doc: Doc, lowers: list[int]) -> Iterator[Span]:
        """ "the Acme paper", "the Acme model": a work known by the organisation that made it."""
        heads = work_cues().organisation_work_heads
        organisations = self._organisations
        for i in [k for k, h in enumerate(lowers) if h in organisations]:
            if (
                0 < i < len(doc) - 1
                and doc[i - 1].lower_ == "the"
                and doc[i + 1].lower_ in heads
                and doc[i].text[:1].isupper()
            ):
                yield Span(doc, i, i + 2, label=LABEL)

    def example_names(self, doc: Doc, taken: set[int]) -> Iterator[Span]:
        """A method named in Title Case words after "methods such as" ("Deep and Wide").

        Only a run of two or more capitalised ordinary words, mid-sentence, after an example
        cue that follows a noun such as "methods" or "models": the capitals are then a
        name's. A run whose words are names by themselves ("Zorb and Blat") is a list of
        names, which the matcher finds one by one.
        """
        nouns = work_cues().method_nouns
        for _, i, start in self.example(doc):
            before = [t.lower_ for t in doc[max(0, i - 3) : i] if t.text not in "(,"]
            if not before or before[-1] not in nouns:
                continue
            span = _title_run(doc, start, taken)
            if span is not None:
                yield span

    def defined_methods(self, doc: Doc, taken: set[int]) -> Iterator[Span]:
        """ "Zorbic field fusion (ZFF) is a popular method": a phrase defined by its acronym
        and then said to be a method or model names another work, in its words as written.

        A task ("... (NER) is a task") is not a method noun; a technique of the vocabulary
        (taken) or a phrase after "our", "we", "proposed" (the paper's own) is not taken.
        """
        if not _MAYBE_DEFINED.search(doc_text(doc)):
            return
        nouns = work_cues().method_nouns
        own = work_cues().own_name_verbs | {"our", "we", "proposed", "propose"}
        for _, paren, end in self.defined(doc):
            i = paren + 1
            acr = doc[i]
            tail = [t.lower_ for t in doc[end : end + 5]]
            head = next((k for k, w in enumerate(tail) if w in nouns), None)
            if head is None or "task" in tail[:head]:
                continue
            size = len(acr.text.rstrip("s"))
            words = [t for t in doc[max(0, paren - size) : paren] if t.text != "-"]
            for k in range(1, len(words) + 1):
                phrase = words[-k:]
                if expands(acr.text, phrase):
                    start = phrase[0].i
                    prev = doc[start - 1].lower_ if start > 0 else ""
                    if prev not in own and not any(j in taken for j in range(start, paren)):
                        yield Span(doc, start, paren, label=LABEL)
                    break


def _title_word(tok: Token) -> bool:
    return tok.is_alpha and tok.text[:1].isupper() and tok.text[1:].islower()


def _title_run(doc: Doc, start: int, taken: set[int]) -> Span | None:
    """Two or more capitalised ordinary words from `start` ("Deep and Wide"), joined by
    and/of/&/-, none a technique's, none on a stop list, not all names by themselves."""
    if start < len(doc) and doc[start].text in {"(", ","}:
        start += 1
    end = start
    words = 0
    while end < len(doc):
        tok = doc[end]
        if _title_word(tok) and tok.i not in taken:
            words += 1
            end += 1
        elif (
            tok.lower_ in {"and", "&", "of", "-"}
            and end + 1 < len(doc)
            and _title_word(doc[end + 1])
            and words
        ):
            end += 1
        else:
            break
    run = [t for t in doc[start:end] if _title_word(t)]
    if len(run) < 2 or any(stop_lists().blocks(t.text) for t in run):
        return None
    if all(not looks_english(t.text) or name_shaped(t.text) for t in run):
        return None
    return Span(doc, start, end, label=LABEL)


def _size_in_brackets(doc: Doc, i: int) -> bool:
    """ "(800M tokens", "(2,000 hours": a count of data units opens the bracket at i."""
    if i >= len(doc) or doc[i].text != "(":
        return False
    units = work_cues().dataset_size_units
    window = doc[i + 1 : i + 5]
    for k, tok in enumerate(window):
        if tok.lower_ in units:
            return k > 0 and any(t.like_num or t.text[:1].isdigit() for t in window[:k])
    return False


def _described_as_dataset(doc: Doc, i: int) -> bool:
    """ "Zorb: a video dataset", "Zorb, a benchmark of": a short description at i says so."""
    if i >= len(doc) or doc[i].text not in {":", ",", "("}:
        return False
    stops = stop_lists()
    stop = work_cues().dataset_appositive_stop
    for tok in doc[i + 1 : i + 5]:
        if tok.lower_ in stops.dataset_words:
            return True
        if tok.lower_ in stop or not (tok.text.isalnum() or tok.text == "-"):  # "a 3D dataset"
            return False
    return False


_NAMING = frozenset({"is", "was", "called", "named", ":", "as"})


def named_as_data(doc: Doc, span: Span) -> bool:
    """ "the dataset Zorb", "a popular dataset is [Zorb](...)", "the Zorb corpus": a data
    word right before the name, or before a naming word before it, or right after it."""
    words = stop_lists().dataset_words
    start, end = span.start, span.end
    before = doc[start - 1].lower_ if start > 0 else ""
    if before in words or (end < len(doc) and doc[end].lower_ in words):
        return True
    return before in _NAMING and start > 1 and doc[start - 2].lower_ in words


def named_as_tool(doc: Doc, span: Span) -> bool:
    """ "the Zorb representation", "a Zorb library", "incorporated into Acme Zorb": a
    format, a standard or software, which the guideline counts as no work. Its maker
    ("Stanford", "Acme") or "the" may stand between the cue and the name, and an object
    inside the cue."""
    stops = stop_lists()
    if span.end < len(doc) and doc[span.end].lower_ in stops.tool_words:
        return True
    i = span.start
    while i > 0 and span.start - i < 2 and _maker(doc[i - 1], stops):
        i -= 1
    before = tuple(t.lower_ for t in doc[max(0, i - 6) : i])
    return any(_cue_before(before, cue) for cue in stops.tool_cues)


def _maker(tok: Token, stops: StopLists) -> bool:
    return tok.lower_ in stops.organisations or tok.lower_ == "the" or tok.is_title


def _cue_before(before: tuple[str, ...], cue: tuple[str, ...]) -> bool:
    """The cue ends right before the name; a verb and its preposition may have an object
    between them ("incorporated the work into")."""
    if before[len(before) - len(cue) :] == cue:
        return True
    verb, prep = cue[0], cue[-1]
    return len(cue) == 2 and before[-1:] == (prep,) and verb in before[:-1]


def dataset_spans(doc: Doc, spans: Iterable[Span]) -> list[Span]:
    """Names the text shows are data: "the Zorb corpus", "Zorb (2M images)", "Zorb: a
    video dataset". Such a name is a dataset wherever the entry writes it; so is, for the
    same reason, a name the text shows is a format or software (`named_as_tool`)."""
    words = stop_lists().dataset_words
    out = []
    for s in spans:
        after = s.end
        if (
            (after < len(doc) and doc[after].lower_ in words)
            or _size_in_brackets(doc, after)
            or _described_as_dataset(doc, after)
            or named_as_tool(doc, s)
        ):
            out.append(Span(doc, s.start, s.end, label=DATASET))
    return out


_OPEN_QUOTES = frozenset({'"', "“", "'", "‘"})
_CLOSE_QUOTES = frozenset({'"', "”", "'", "’"})


def _coined(doc: Doc, s: Span) -> bool:
    """'a "Zorb" decoder': a name quoted after "a" is coined here, for a part of this work."""
    return (
        s.start >= 2
        and s.end < len(doc)
        and doc[s.start - 1].text in _OPEN_QUOTES
        and doc[s.end].text in _CLOSE_QUOTES
        and doc[s.start - 2].lower_ in {"a", "an"}
    )


def own_name_spans(doc: Doc, spans: Iterable[Span]) -> list[Span]:
    """Names right after "propose", "present", "introduce", or coined in quotes after "a":
    the paper's own method or a part of it."""
    verbs = work_cues().own_name_verbs
    out = []
    for s in spans:
        j = s.start - 1
        while j >= 0 and doc[j].lower_ in {"a", "an", "the", "new", "novel"}:
            j -= 1
        if (j >= 0 and doc[j].lower_ in verbs) or _coined(doc, s):
            out.append(Span(doc, s.start, s.end, label=OWN))
    return out
