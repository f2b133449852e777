"""Find the techniques of the vocabulary in text, in any spelling a note-taker uses.

A blank spaCy pipeline has no lemmas and no statistical model, so every variant is a
pattern: plurals ("LoRAs"), hyphen/space/joined forms ("self attention", "selfattention"),
short forms ("self-attn", "depthwise convs"). Patterns are built with `nlp.make_doc`, so
they tokenise exactly like the text ("StyleGAN-NADA" is three tokens). Labels a vocabulary
marks case-sensitive ("SAM") match on ORTH only, and a concept's `not_after`/`not_before`
words veto a match from its context ("video clip" is not CLIP, "pay attention" is not a
technique). Where matches overlap the longest wins ("cross-attention" over "attention").
"""

from __future__ import annotations

import itertools
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from typing import Any, Protocol

from paperkg.extract import data
from paperkg.extract.language.token_shapes import ShapeFilter
from paperkg.extract.language.word_kinds import is_common_word
from spacy.attrs import LOWER
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

SPANS_KEY = "techniques"
LABEL = "TECHNIQUE"


class ConceptLike(Protocol):
    """What the ruler reads from a vocabulary concept (see `extract.vocabulary.Concept`)."""

    iri: str
    pref_label: str
    alt_labels: tuple[str, ...]


@dataclass(frozen=True)
class ConceptRule:
    """A concept as the ruler applies it: its IRI, canonical label and context vetoes."""

    iri: str
    label: str
    not_after: frozenset[str]
    not_before: frozenset[str]


@dataclass(frozen=True)
class LowercaseContext:
    """When a case-sensitive label written in lowercase still names the technique."""

    suffixes: frozenset[str]
    head_nouns: frozenset[str]
    left_words: frozenset[str]
    coordinators: frozenset[str]
    max_common_zipf: float


@dataclass(frozen=True)
class Variants:
    """Short forms and irregular plurals of words, read from `technique_variants.json`."""

    abbreviations: dict[str, tuple[str, ...]]
    standalone: frozenset[str]
    irregular_plurals: dict[str, tuple[str, ...]]
    lowercase: LowercaseContext | None = None
    inflections: Inflections | None = None


@dataclass(frozen=True)
class Inflection:
    """A suffix of a label's last word and the forms it takes in text (-ing -> -ed)."""

    suffix: str
    forms: tuple[str, ...]


@dataclass(frozen=True)
class Inflections:
    """Inflected and derived forms of labels, read from `inflections.json`."""

    rules: tuple[Inflection, ...]
    min_stem: int = 3
    single_word_max_zipf: float = 3.0

    def forms(self, word: str, alone: bool) -> tuple[str, ...]:
        """Forms of a lowercase word; for a one-word label, only forms that are no ordinary word."""
        out = []
        for rule in self.rules:
            stem = word[: -len(rule.suffix)]
            if word.endswith(rule.suffix) and len(stem) >= self.min_stem and stem[-1].isalpha():
                out.extend(stem + form for form in rule.forms)
        if alone:
            out = [f for f in out if not is_common_word(f, self.single_word_max_zipf)]
        return tuple(out)


@cache
def default_inflections() -> Inflections:
    """The built-in inflection rules."""
    raw = data.read_json("inflections.json")
    return Inflections(
        rules=tuple(Inflection(r["suffix"], tuple(r["forms"])) for r in raw["rules"]),
        min_stem=int(raw.get("min_stem", 3)),
        single_word_max_zipf=float(raw.get("single_word_max_zipf", 3.0)),
    )


@cache
def default_variants() -> Variants:
    """The built-in variant table."""
    raw = data.read_json("technique_variants.json")
    ctx = raw.get("lowercase_context")
    lowercase = None
    if ctx:
        lowercase = LowercaseContext(
            suffixes=frozenset(ctx["suffixes"]),
            head_nouns=frozenset(ctx["head_nouns"]),
            left_words=frozenset(ctx["left_words"]),
            coordinators=frozenset(ctx["coordinators"]),
            max_common_zipf=float(ctx.get("max_common_zipf", 5.0)),
        )
    return Variants(
        abbreviations={k: tuple(v) for k, v in raw["word_abbreviations"].items()},
        standalone=frozenset(raw.get("standalone_abbreviations", ())),
        irregular_plurals={k: tuple(v) for k, v in raw.get("irregular_plurals", {}).items()},
        lowercase=lowercase,
        inflections=default_inflections(),
    )


_SEPARATORS = re.compile(r"\s*[-\s]\s*")


MAX_JOINED = 12  # a joined spelling longer than this ("knowledgedistillation") is noise


def plurals(word: str, variants: Variants) -> tuple[str, ...]:
    """English plural forms of a (lowercase) word; a word already in -s keeps its form."""
    if word in variants.irregular_plurals:
        return variants.irregular_plurals[word]
    if not word or not word[-1].isalpha() or word.endswith("s"):
        return ()
    if word.endswith(("x", "ch", "sh", "z")):
        return (word + "es",)
    if word.endswith("y") and len(word) > 2 and word[-2] not in "aeiou":
        return (word[:-1] + "ies", word + "s")
    return (word + "s",)


MAX_MIXED = 4  # words up to which every mix of spaces and hyphens is generated


def _mixed_separators(words: list[str]) -> set[str]:
    """ "spectral graph convolution" is also written "spectral-graph convolution": each
    junction may take a space or a hyphen (all spaces or all hyphens for longer labels)."""
    if len(words) > MAX_MIXED:
        return {" ".join(words), "-".join(words)}
    out = set()
    for seps in itertools.product((" ", "-"), repeat=len(words) - 1):
        out.add(words[0] + "".join(sep + w for sep, w in zip(seps, words[1:], strict=True)))
    return out


def label_variants(label: str, variants: Variants | None = None) -> set[str]:
    """Every lowercase spelling of a case-insensitive label the ruler should match."""
    variants = variants or default_variants()
    base = " ".join(label.lower().split())
    if not base:
        return set()
    out = {base}
    words = [w for w in _SEPARATORS.split(base) if w]
    # short forms of each word ("attention" -> "attn"); a lone word only by a safe short form
    word_choices: list[list[str]] = []
    for word in words:
        choices = [word]
        for short in variants.abbreviations.get(word, ()):
            if len(words) > 1 or short in variants.standalone:
                choices.append(short)
        word_choices.append(choices)
    spellings: list[list[str]] = [[]]
    for choices in word_choices:
        spellings = [prefix + [c] for prefix in spellings for c in choices][:64]
    for parts in spellings:
        last_forms = [parts[-1], *plurals(parts[-1], variants)]
        if variants.inflections is not None and parts[-1] == words[-1]:
            # "pruned", "vector-quantized", "convolutional"; not for a short form ("conv")
            last_forms.extend(variants.inflections.forms(parts[-1], alone=len(parts) == 1))
        for last in last_forms:
            seq = parts[:-1] + [last]
            if len(seq) == 1:
                out.add(seq[0])
                continue
            out.update(_mixed_separators(seq))
            joined = "".join(seq)
            if len(seq) == 2 and len(joined) <= MAX_JOINED and all(len(p) > 1 for p in seq):
                out.add(joined)  # "batchnorm", "kmeans", "hashgrid"; longer joins are not written
            elif len(seq) == 2 and seq[0].isalpha() and len(seq[0]) > 1 and seq[1].isdigit():
                out.add(joined)  # a version number glued on: "GPT-3" is also written "GPT3"
    # "seq2seq" is also written "seq-2-seq" and "seq-to-seq"
    glued = re.fullmatch(r"([a-z]{3,})2([a-z]{3,})", base)
    if glued:
        x, y = glued.groups()
        for form in (f"{x}-2-{y}", f"{x}-to-{y}"):
            out.update({form, *(form[: -len(y)] + p for p in plurals(y, variants))})
    # the label's own mix of spaces and hyphens, pluralised ("vision-language models")
    tail = re.search(r"[a-z0-9]+$", base)
    if tail:
        out.update(base[: tail.start()] + p for p in plurals(tail.group(0), variants))
    out.discard("")
    return out


def case_sensitive_variants(label: str) -> set[str]:
    """A case-sensitive label matches as written, and its plural with a lowercase 's'."""
    label = " ".join(label.split())
    out = {label}
    if label[-1:].isupper():
        out.add(label + "s")
    return out


# What follows a family's name to make a member of it: "ResNet152", "YOLOv5", "GPT-4o",
# "EfficientNet-B7", "Llama-2-7B", "BERT-large", "BERT_BASE".
_VERSION = re.compile(
    r"(?:[-_]?v?\d+(?:\.\d+)*[A-Za-z]?|-[A-Z]{1,2}\d*|[-_](?i:tiny|small|base|large|xl|xxl|huge"
    r"|giant|mini|nano|micro|lite))+"
)
# A short stem glued to a number more often names one system of its own ("GPT5", "T5")
# than a member of the family: the rule needs a name of four letters or more.
_MIN_STEM = 4


# shapes of tokens that may be a versioned name: four letters, then a digit soon after
# (the blank tokenizer splits a hyphen between letters: "EfficientNet - B7")
_MAYBE_VERSIONED = ShapeFilter(r"[Xx]{4,}[-_]?x?d.*|[Xx]{4,}_[Xx]{2,}")  # "BERT_BASE" too


def versioned_stem(text: str, stems: dict[str, str]) -> str | None:
    """The concept whose name a token starts with, followed only by a version or size."""
    for cut in range(len(text) - 1, _MIN_STEM - 1, -1):
        iri = stems.get(text[:cut])
        if iri is not None and _VERSION.fullmatch(text[cut:]):
            return iri
    return None


# Runs of letters or of digits: the pieces a text must hold for a pattern to match in it. The
# tokenizer splits a word between a digit and a letter ("10km") but, special cases aside
# ("cannot"), never inside such a run, so a piece of a pattern is a piece of one of its tokens.
_PIECES = re.compile(r"[^\W\d_]+|\d+")


@dataclass
class DeferredPatterns:
    """Patterns compiled only once a text holds every piece of them.

    The vocabulary expands to tens of thousands of spellings and making each into a Doc for
    the PhraseMatcher costs seconds, while the notes being read hold a few percent of them.
    A pattern can match only where the text has each of its runs of letters and digits as a
    run of a token; so a pattern waits, indexed by the pieces the texts seen so far lack, and
    is compiled before the first doc that holds them all. The matches are the ones an eager
    compile gives: the same patterns are in the matcher before any doc that could match them.
    """

    make_doc: Any
    special_cases: frozenset[str]  # one-piece words the tokenizer splits ("cannot")
    seen_pieces: set[str] = field(default_factory=set)
    seen_lowers: set[int] = field(default_factory=set)
    waiting: dict[str, list[tuple[PhraseMatcher, str]]] = field(default_factory=dict)
    missing: dict[str, int] = field(default_factory=dict)
    by_piece: defaultdict[str, list[str]] = field(default_factory=lambda: defaultdict(list))

    def add(self, matcher: PhraseMatcher, iri: str, forms: Iterable[str]) -> None:
        """Defer each form, or compile it now if it cannot be deferred safely."""
        now = []
        waiting, seen, special = self.waiting, self.seen_pieces, self.special_cases
        for form in forms:
            if form in waiting:
                waiting[form].append((matcher, iri))
                continue
            pieces = set(_PIECES.findall(form.lower()))
            if not pieces or not special.isdisjoint(pieces):
                now.append(form)
                continue
            unseen = pieces - seen if seen else pieces
            if not unseen:
                now.append(form)
                continue
            waiting[form] = [(matcher, iri)]
            self.missing[form] = len(unseen)
            for piece in unseen:
                self.by_piece[piece].append(form)
        if now:
            matcher.add(iri, [self.make_doc(f) for f in now])

    def admit(self, doc: Doc) -> None:
        """Compile the waiting patterns whose last missing piece this doc holds."""
        lowers = set(doc.to_array(LOWER).tolist()) - self.seen_lowers  # no Counter per doc
        if not lowers:
            return
        self.seen_lowers |= lowers
        strings = doc.vocab.strings
        self._admit(piece for lower in lowers for piece in _PIECES.findall(strings[lower]))

    def admit_text(self, text: str) -> None:
        """Compile ahead the patterns whose pieces all occur in `text` (say a whole notes
        file, before it is parsed into docs): they are most of what its docs will need, and
        a pattern compiled early matches just as it would have once due. Docs still admit
        what the text did not show (a letter written as an HTML entity, say)."""
        pieces: set[str] = set()
        for word in set(text.lower().split()):  # a long text is mostly the same words again
            pieces.update(_PIECES.findall(word))
        self._admit(pieces)

    def _admit(self, pieces: Iterable[str]) -> None:
        ready = []
        for piece in pieces:
            if piece in self.seen_pieces:
                continue
            self.seen_pieces.add(piece)
            for form in self.by_piece.pop(piece, ()):
                self.missing[form] -= 1
                if self.missing[form] == 0:
                    ready.append(form)
        for form in sorted(ready):
            del self.missing[form]
            pattern = self.make_doc(form)
            for matcher, iri in self.waiting.pop(form):
                matcher.add(iri, [pattern])


class TechniqueRuler:
    """Marks vocabulary techniques as spans in `doc.spans[spans_key]`, `span.id_` = concept IRI.

    Built empty like spaCy's SpanRuler; `add_concepts` loads a vocabulary (after
    `nlp.initialize()`, which would clear matchers).
    """

    def __init__(
        self, nlp: Language, name: str = "paperkg_technique_ruler", *, spans_key: str = SPANS_KEY
    ) -> None:
        self.nlp = nlp
        self.name = name
        self.spans_key = spans_key
        self.rules: dict[str, ConceptRule] = {}
        self._listed = PhraseMatcher(nlp.vocab, attr="LOWER")  # labels as the vocabulary lists them
        self._lower = PhraseMatcher(nlp.vocab, attr="LOWER")  # generated variants
        self._exact = PhraseMatcher(nlp.vocab, attr="ORTH")  # case-sensitive labels
        self._lowered = PhraseMatcher(nlp.vocab, attr="ORTH")  # those labels in lowercase
        self.variants = default_variants()
        # one-token names with a capital, as written ("ResNet"): a family a compound names
        self.stems: dict[str, str] = {}
        self.patterns = DeferredPatterns(
            make_doc=nlp.make_doc,
            special_cases=frozenset(
                k.lower() for k in nlp.tokenizer.rules or {} if _PIECES.fullmatch(k.lower())
            ),
        )

    def __len__(self) -> int:
        return len(self.rules)

    def add_concepts(self, concepts: Iterable[Any]) -> None:
        """Add patterns for each concept's labels and their variants."""
        variants = self.variants
        for concept in concepts:
            iri = str(concept.iri)
            sensitive = {s for s in getattr(concept, "case_sensitive_labels", ()) or ()}
            labels = [concept.pref_label, *(concept.alt_labels or ())]
            self.rules[iri] = ConceptRule(
                iri=iri,
                label=str(concept.pref_label),
                not_after=frozenset(w.lower() for w in getattr(concept, "not_after", ()) or ()),
                not_before=frozenset(w.lower() for w in getattr(concept, "not_before", ()) or ()),
            )
            listed: set[str] = set()
            lower: set[str] = set()
            exact: set[str] = set()
            for label in labels:
                if not label or not label.strip():
                    continue
                if label in sensitive:
                    exact |= case_sensitive_variants(label)
                else:
                    listed.add(" ".join(label.lower().split()))
                    lower |= label_variants(label, variants)
            for extra in sensitive - set(labels):
                exact |= case_sensitive_variants(extra)
            for label in labels:
                label = label.strip()
                if label and label != label.lower() and self._one_token(label):
                    self.stems.setdefault(label, iri)
            lowered = {t.lower() for t in exact} - exact - lower
            if variants.lowercase is not None:
                limit = variants.lowercase.max_common_zipf
                lowered = {t for t in lowered if not is_common_word(t, limit)}
            else:
                lowered = set()
            for matcher, forms in (
                (self._listed, listed),
                (self._lower, lower - listed),
                (self._exact, exact),
                (self._lowered, lowered),
            ):
                if forms:
                    self.patterns.add(matcher, iri, sorted(forms))

    def _one_token(self, label: str) -> bool:
        """Is the label one token ("ResNet"), without tokenizing the plain cases?"""
        if any(c.isspace() for c in label):
            return False
        if label.isalpha() and label.lower() not in self.patterns.special_cases:
            return True
        return len(self.nlp.make_doc(label)) == 1

    def _candidates(self, doc: Doc, matchers: Iterable[PhraseMatcher]) -> Iterator[Span]:
        for matcher in matchers:
            for match_id, start, end in matcher(doc):
                iri = self.nlp.vocab.strings[match_id]
                rule = self.rules.get(iri)
                if rule is None or self._vetoed(doc, start, end, rule):
                    continue
                yield Span(doc, start, end, label=LABEL, span_id=iri)

    def _technical_context(self, doc: Doc, span: Span, found: list[Span]) -> bool:
        """Does the context make a lowercase "bert" / "sam" the technique?"""
        ctx = self.variants.lowercase
        if ctx is None:
            return False
        after = doc[span.end] if span.end < len(doc) else None
        before = doc[span.start - 1] if span.start > 0 else None
        if after is not None and after.text == "-" and not span[-1].whitespace_:
            nxt = doc[span.end + 1] if span.end + 1 < len(doc) else None
            if nxt is not None and nxt.lower_ in ctx.suffixes:
                return True
        if after is not None and after.lower_ in ctx.head_nouns:
            return True
        if before is not None and before.lower_ in ctx.left_words:
            return True
        ends = {s.end for s in found}
        starts = {s.start for s in found}
        if before is not None and before.lower_ in ctx.coordinators and before.i in ends:
            return True
        return after is not None and after.lower_ in ctx.coordinators and after.i + 1 in starts

    def _versioned(self, doc: Doc, found: list[Span]) -> Iterator[Span]:
        """Members of a family the vocabulary names only as the family ("ResNet152")."""
        if not self.stems:
            return
        taken = {i for span in found for i in range(span.start, span.end)}
        for i in _MAYBE_VERSIONED(doc):
            if i in taken:
                continue
            tok = doc[i]
            iri = versioned_stem(tok.text, self.stems)
            if iri is not None and not self._vetoed(doc, tok.i, tok.i + 1, self.rules[iri]):
                yield Span(doc, tok.i, tok.i + 1, label=LABEL, span_id=iri)

    @staticmethod
    def _vetoed(doc: Doc, start: int, end: int, rule: ConceptRule) -> bool:
        if start > 0 and doc[start - 1].lower_ in rule.not_after:
            return True
        return end < len(doc) and doc[end].lower_ in rule.not_before

    def __call__(self, doc: Doc) -> Doc:
        self.patterns.admit(doc)
        # listed labels first: on a tie ("sds": plural of SD, or SDS) the listed one wins
        found = list(self._candidates(doc, (self._listed, self._exact, self._lower)))
        for span in self._candidates(doc, (self._lowered,)):
            if self._technical_context(doc, span, found):
                found.append(span)
        found.extend(self._versioned(doc, found))
        doc.spans[self.spans_key] = filter_spans(found)
        return doc


@Language.factory(
    "paperkg_technique_ruler",
    default_config={"spans_key": SPANS_KEY},
)
def make_technique_ruler(nlp: Language, name: str, spans_key: str) -> TechniqueRuler:
    """spaCy factory: `nlp.add_pipe("paperkg_technique_ruler").add_concepts(vocab.concepts)`."""
    return TechniqueRuler(nlp, name, spans_key=spans_key)


def techniques(doc: Doc, spans_key: str = SPANS_KEY) -> list[Span]:
    """The technique spans the ruler left on a doc, in text order."""
    return list(doc.spans[spans_key]) if spans_key in doc.spans else []
