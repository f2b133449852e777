"""Technique names the vocabulary does not know yet, built as a modifier and a known head.

New methods are named after what they change: "ripple convolution", "quantile
normalization", "FooNet attention". A vocabulary cannot list them all, but their head
(convolution, attention, normalization, loss, ...) says what they are. This component marks
"<modifier> <head>" as a candidate technique whose broader concept is the head's, so a
paper that names one is linked to a technique at all, and `paperkg vocab candidates` can
offer it to the user. Candidates count as mentions, so the modifier must look technical:
a name (FooNet, XYZ, w2v) or a word that is no ordinary English ("ripple", "quantile",
"gated"); "the loss", "our network", "deep network", "large kernel", a technique of the
vocabulary before the head ("LSTM layer") or a size ("3x3 convolution") are not candidates.
Heads and thresholds are data (`candidate_heads.json`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import Any

from paperkg.extract import data
from paperkg.extract.language.technique_ruler import SPANS_KEY as TECHNIQUES_KEY
from paperkg.extract.language.technique_ruler import default_variants, plurals
from paperkg.extract.language.vocabulary import TECH
from paperkg.extract.language.word_kinds import (
    is_common_word,
    is_short_acronym,
    is_variable,
    name_shaped,
    stop_lists,
)
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token

CANDIDATE = "CANDIDATE"
SPANS_KEY = "technique_candidates"


@dataclass(frozen=True)
class Head:
    """A head word's concept: one of the vocabulary, or minted when the vocabulary lacks it."""

    word: str  # singular, as the candidate's label ends
    iri: str
    label: str
    minted: bool
    words_modify: bool = True  # False: only a name can modify it ("FooNet layer")


@dataclass(frozen=True)
class HeadTable:
    """What `candidate_heads.json` says."""

    heads: dict[str, dict[str, Any]]  # head word -> its entry in the JSON file
    max_modifier_zipf: float
    min_modifier_letters: int
    not_modifier_endings: tuple[str, ...]


@cache
def head_table() -> HeadTable:
    """The built-in heads and modifier thresholds."""
    raw = data.read_json("candidate_heads.json")
    return HeadTable(
        heads=dict(raw["heads"]),
        max_modifier_zipf=float(raw["max_modifier_zipf"]),
        min_modifier_letters=int(raw["min_modifier_letters"]),
        not_modifier_endings=tuple(raw.get("not_modifier_endings", ())),
    )


def concept_slug(label: str) -> str:
    """The vocabulary's IRI convention: lowercase a-z0-9 and hyphens, '+' spelled 'plus'."""
    return re.sub(r"[^a-z0-9]+", "-", label.lower().replace("+", " plus ")).strip("-")


def candidate_label(modifier: str, head: str) -> str:
    """ "Ripple" + "convolution" -> "ripple convolution"; a name keeps its case ("FooNet")."""
    if modifier[:1].isupper() and modifier[1:].islower():
        modifier = modifier.lower()
    return f"{modifier} {head}"


class CandidateTechniques:
    """Marks "<modifier> <head>" as spans in `doc.spans["technique_candidates"]`.

    `span.id_` is the candidate's minted IRI (the vocabulary's convention, so a concept the
    user adds later under the same label keeps it) and `span.kb_id_` the head's IRI. They
    sit beside the technique spans, not among them: the head ("convolution") stays a
    mention of its own, as the note-taker wrote it.
    """

    def __init__(
        self,
        nlp: Language,
        name: str = "paperkg_technique_candidates",
        *,
        spans_key: str = SPANS_KEY,
        techniques_key: str = TECHNIQUES_KEY,
    ) -> None:
        self.nlp = nlp
        self.name = name
        self.spans_key = spans_key
        self.techniques_key = techniques_key
        self.table = head_table()
        self.forms: dict[str, Head] = {}  # lowercase head word as written -> head
        self.known: set[str] = set()  # IRIs of the vocabulary
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")

    def add_concepts(self, concepts: Iterable[Any]) -> None:
        """Resolve each head word to a vocabulary concept (by label), else mint one."""
        by_label: dict[str, tuple[str, str]] = {}
        for c in concepts:
            self.known.add(str(c.iri))
            for label in (c.pref_label, *(c.alt_labels or ())):
                by_label.setdefault(label.casefold(), (str(c.iri), str(c.pref_label)))
        variants = default_variants()
        for word, entry in sorted(self.table.heads.items()):
            words = entry.get("modifiers", "names and words") != "names"
            labels = [x.casefold() for x in entry["vocabulary"]]
            found = next((by_label[x] for x in labels if x in by_label), None)
            if found is not None:
                head = Head(word, found[0], found[1], False, words)
            else:
                head = Head(word, TECH + concept_slug(entry["label"]), entry["label"], True, words)
            for form in (word, *entry.get("spellings", ())):
                for written in (form, *plurals(form, variants)):
                    self.forms[written] = head
        self.matcher = PhraseMatcher(self.nlp.vocab, attr="LOWER")
        self.matcher.add("HEAD", [self.nlp.make_doc(w) for w in sorted(self.forms)])

    def head(self, iri: str) -> Head | None:
        """The head whose concept has this IRI."""
        return next((h for h in self.forms.values() if h.iri == iri), None)

    def _modifier_ok(self, tok: Token, head: Head) -> bool:
        text = tok.text
        stops = stop_lists()
        if stops.blocks(text) or is_variable(text) or is_short_acronym(text):
            return False
        if name_shaped(text):
            return True  # FooNet, XYZ, w2v
        return (
            head.words_modify
            and text.isalpha()
            and len(text) >= self.table.min_modifier_letters
            and (text.islower() or text.istitle())
            and tok.lower_ not in self.forms  # "embedding loss": two heads, no name
            and not tok.lower_.endswith(self.table.not_modifier_endings)
            and not is_common_word(text, self.table.max_modifier_zipf)
        )

    def __call__(self, doc: Doc) -> Doc:
        techniques = doc.spans.get(self.techniques_key, ())
        covering = {i: s for s in techniques for i in range(s.start, s.end)}
        found: list[Span] = []
        for _, start, _ in self.matcher(doc):  # heads found in C: iterating tokens is slow
            tok = doc[start]
            head = self.forms.get(tok.lower_)
            if head is None or tok.i == 0:
                continue
            own = covering.get(tok.i)
            if own is not None and len(own) > 1:
                continue  # inside a longer technique ("batch normalization")
            mod = doc[tok.i - 1]
            if mod.i in covering or not mod.whitespace_ or not self._modifier_ok(mod, head):
                continue  # "LSTM layer": the technique is the mention
            iri = TECH + concept_slug(candidate_label(mod.text, head.word))
            if iri not in self.known:  # a vocabulary concept would have been matched
                found.append(
                    Span(doc, mod.i, tok.i + 1, label=CANDIDATE, span_id=iri, kb_id=head.iri)
                )
        doc.spans[self.spans_key] = found
        return doc


@Language.factory(
    "paperkg_technique_candidates",
    default_config={"spans_key": SPANS_KEY, "techniques_key": TECHNIQUES_KEY},
)
def make_technique_candidates(
    nlp: Language, name: str, spans_key: str, techniques_key: str
) -> CandidateTechniques:
    """spaCy factory: add after the technique ruler, then `.add_concepts(vocab.concepts)`."""
    return CandidateTechniques(nlp, name, spans_key=spans_key, techniques_key=techniques_key)
