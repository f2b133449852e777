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

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources

from spacy.tokens import Doc, Span, Token

from .named_works import LABEL, _expands, looks_english, name_shaped, stop_lists

DATASET = "DATASET"
OWN = "OWN"
_ET_AL = ("et", "al")


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
    raw = json.loads(resources.files(__package__).joinpath("work_cues.json").read_text("utf-8"))
    return WorkCues(
        citation_before=frozenset(raw["citation_before"]),
        organisation_work_heads=frozenset(raw["organisation_work_heads"]),
        example_cues=tuple(tuple(c.split()) for c in raw["example_cues"]),
        method_nouns=frozenset(raw["method_nouns"]),
        dataset_size_units=frozenset(raw["dataset_size_units"]),
        dataset_appositive_stop=frozenset(raw["dataset_appositive_stop"]),
        own_name_verbs=frozenset(raw["own_name_verbs"]),
    )


def _surname(tok: Token, *, rare: bool) -> bool:
    """A capitalised word that may be a person's name; `rare`: not an English word either."""
    text = tok.text
    if not (text.isalpha() and len(text) >= 3 and text[0].isupper() and text[1:].islower()):
        return False
    if stop_lists().blocks(text):
        return False
    return not (rare and looks_english(text))


def _year_after(doc: Doc, i: int) -> bool:
    """ "(2017)", "(2017a)", ", 2017": a citation's year right after token i."""
    if i + 2 < len(doc) and doc[i].text == "(" and doc[i + 2].text == ")":
        year = doc[i + 1].text
        return year[:4].isdigit() and len(year) <= 5 and year[:2] in ("19", "20")
    return False


def citations(doc: Doc, taken: set[int]) -> Iterator[Span]:
    """Works cited by their authors: "<Name> et al." and "<Name> and|& <Name>".

    "et al." is a citation by itself. Two names joined by "and" are one only when the
    text says so: a year follows ("Zorbel and Quaxley (2015)") or a citing word comes
    before ("by", "of", "following") and neither name is an English word, so "by Monday
    and Friday" is no citation.
    """
    cues = work_cues()
    n = len(doc)
    for i, tok in enumerate(doc):
        if i in taken:
            continue
        if (
            i + 2 < n
            and doc[i + 1].lower_ == _ET_AL[0]
            and doc[i + 2].lower_.rstrip(".") == _ET_AL[1]
            and _surname(tok, rare=False)
        ):
            end = i + 3
            if end < n and doc[end].text == "." and not doc[i + 2].text.endswith("."):
                end += 1
            yield Span(doc, i, end, label=LABEL)
            continue
        if i + 2 >= n or doc[i + 1].lower_ not in {"and", "&"}:
            continue
        other = doc[i + 2]
        if other.i in taken:
            continue
        dated = _year_after(doc, i + 3)
        cited = i > 0 and doc[i - 1].lower_ in cues.citation_before
        # a year is cue enough for any names; a citing word only for names no English has
        rare = not dated
        if (dated or cited) and _surname(tok, rare=rare) and _surname(other, rare=rare):
            yield Span(doc, i, i + 3, label=LABEL)


def organisation_works(doc: Doc) -> Iterator[Span]:
    """ "the Acme paper", "the Acme model": a work known by the organisation that made it."""
    heads = work_cues().organisation_work_heads
    for i in range(1, len(doc) - 1):
        tok = doc[i]
        if (
            doc[i - 1].lower_ == "the"
            and tok.lower_ in stop_lists().organisations | stop_lists().software
            and tok.text[:1].isupper()
            and doc[i + 1].lower_ in heads
        ):
            yield Span(doc, i, i + 2, label=LABEL)


def _cue_end(doc: Doc, i: int) -> int | None:
    """The token after an example cue ("such as", "e.g.") starting at i, if one does."""
    for cue in work_cues().example_cues:
        words = [t.lower_ for t in doc[i : i + len(cue)]]
        if tuple(words) == cue:
            return i + len(cue)
    return None


def _title_word(tok: Token) -> bool:
    return tok.is_alpha and tok.text[:1].isupper() and tok.text[1:].islower()


def example_names(doc: Doc, taken: set[int]) -> Iterator[Span]:
    """A method named in Title Case words after "methods such as" ("Deep and Wide").

    Only a run of two or more capitalised ordinary words, mid-sentence, after an example
    cue that follows a noun such as "methods" or "models": the capitals are then a name's.
    A run whose words are names by themselves ("Zorb and Blat") is a list of names, which
    the matcher finds one by one.
    """
    cues = work_cues()
    for i in range(1, len(doc)):
        start = _cue_end(doc, i)
        if start is None:
            continue
        before = [t.lower_ for t in doc[max(0, i - 3) : i] if t.text not in "(,"]
        if not before or before[-1] not in cues.method_nouns:
            continue
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
            continue
        if all(not looks_english(t.text) or name_shaped(t.text) for t in run):
            continue
        yield Span(doc, start, end, label=LABEL)


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


def dataset_spans(doc: Doc, spans: Iterable[Span]) -> list[Span]:
    """Names the text shows are data: "the Zorb corpus", "Zorb (2M images)", "Zorb: a
    video dataset". Such a name is a dataset wherever the entry writes it."""
    words = stop_lists().dataset_words
    out = []
    for s in spans:
        after = s.end
        if (
            (after < len(doc) and doc[after].lower_ in words)
            or _size_in_brackets(doc, after)
            or _described_as_dataset(doc, after)
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


def defined_methods(doc: Doc, taken: set[int]) -> Iterator[Span]:
    """ "Zorbic field fusion (ZFF) is a popular method": a phrase defined by its acronym and
    then said to be a method or model names another work, in its words as written.

    A task ("... (NER) is a task") is not a method noun; a technique of the vocabulary
    (taken) or a phrase after "our", "we", "proposed" (the paper's own) is not taken.
    """
    nouns = work_cues().method_nouns
    own = work_cues().own_name_verbs | {"our", "we", "proposed", "propose"}
    n = len(doc)
    for i in range(2, n - 3):
        acr = doc[i]
        if not (doc[i - 1].text == "(" and doc[i + 1].text == ")" and acr.is_upper):
            continue
        if doc[i + 2].lower_ not in {"is", "was"} or doc[i + 3].lower_ not in {"a", "an"}:
            continue
        tail = [t.lower_ for t in doc[i + 4 : min(n, i + 9)]]
        head = next((k for k, w in enumerate(tail) if w in nouns), None)
        if head is None or "task" in tail[:head]:
            continue
        size = len(acr.text.rstrip("s"))
        words = [t for t in doc[max(0, i - 1 - size) : i - 1] if t.text != "-"]
        for k in range(1, len(words) + 1):
            phrase = words[-k:]
            if _expands(acr.text, phrase):
                start, end = phrase[0].i, i - 1
                before = doc[start - 1].lower_ if start > 0 else ""
                if before not in own and not any(j in taken for j in range(start, end)):
                    yield Span(doc, start, end, label=LABEL)
                break
