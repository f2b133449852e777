"""Spot names of other works (StyleFlow, IP-Adapter, text2live, EMU) in a note's text.

A comment points at other papers and systems by name, usually without a link. Names have
shapes ordinary words lack: CamelCase, all-caps with digits, letters glued to digits,
hyphenated compounds with such a part. Lowercase names ("better than styleflow") are only
taken right after a comparison cue and when the word is not ordinary English. What is not
a work: techniques of the vocabulary (the technique ruler marks them first), software and
products, datasets, generic acronyms, units and numbers, words SHOUTED for emphasis. The
stop lists are data (`named_works.json`, `common_words.txt`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from paperkg.extract.language import work_cues
from paperkg.extract.language.doc_text import doc_text
from paperkg.extract.language.identifier_uses import identifier_use
from paperkg.extract.language.word_kinds import (
    ACRONYM,
    CAMEL,
    DIGIT_NAME,
    LABEL,
    MAYBE_NAME,
    MAYBE_SIZE,
    NAME_PART,
    camel_term,
    defined_abbreviations,
    derived_english,
    is_common_word,
    is_short_acronym,
    is_variable,
    looks_english,
    name_shaped,
    names_beside,
    rare_word,
    stop_lists,
)
from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

SPANS_KEY = "named_works"
# names the text shows are datasets or the paper's own (`work_cues`): no work in the entry
NOT_WORKS_KEY = "not_works"
COMPARISON_KINDS = ("similar_to", "improves_on", "compared_with")


class NamedWorkMatcher:
    """Marks names of other works as spans in `doc.spans[spans_key]` (label "WORK").

    Runs after the technique ruler and the cross-reference linker: a candidate that
    overlaps one of their spans is theirs, not an external work.
    """

    def __init__(
        self,
        nlp: Language,
        name: str = "paperkg_named_works",
        *,
        spans_key: str = SPANS_KEY,
        exclude_keys: Iterable[str] = (),
        cue_phrases: Iterable[str] = (),
    ) -> None:
        self.nlp = nlp
        self.name = name
        self.spans_key = spans_key
        self.exclude_keys = tuple(exclude_keys)
        self.matcher = Matcher(nlp.vocab)
        name_part = {"TEXT": {"REGEX": NAME_PART}}
        word = {"IS_ALPHA": True}
        hyphen = {"ORTH": "-"}
        self.matcher.add("NAME", [[name_part]])
        self.matcher.add(
            "HYPHENATED",
            [
                [name_part, hyphen, word],
                [word, hyphen, name_part],
                [name_part, hyphen, name_part],
                [name_part, hyphen, word, hyphen, word],
            ],
        )
        self.matcher.add("LOWER_HYPHENATED", [[{"IS_LOWER": True}, hyphen, {"IS_LOWER": True}]])
        self._cue_matcher: work_cues.CueMatcher | None = None  # built on first use
        self.cues = PhraseMatcher(nlp.vocab, attr="LOWER")
        self._cue_ends: set[int] = set()
        self.sizes = Matcher(nlp.vocab)  # "(280B)", "(7.5M)": a model's parameter count
        self.sizes.add(
            "SIZE",
            [
                [{"ORTH": "("}, {"TEXT": {"REGEX": r"^\d+(?:\.\d+)?[BMK]$"}}, {"ORTH": ")"}],
                [
                    {"ORTH": "("},
                    {"LIKE_NUM": True},
                    {"ORTH": {"IN": ["B", "M", "K"]}},
                    {"ORTH": ")"},
                ],
            ],
        )
        if cue_phrases:
            self.add_cues(cue_phrases)

    def add_cues(self, phrases: Iterable[str]) -> None:
        """Phrases after which a lowercase rare word is taken for a name ("better than")."""
        self.cues.add("CUE", [self.nlp.make_doc(p) for p in phrases])

    def _excluded_spans(self, doc: Doc) -> tuple[list[Span], list[Span]]:
        """(technique spans, other claimed spans such as cross-references)."""
        techs: list[Span] = []
        others: list[Span] = []
        for key in self.exclude_keys:
            target = techs if "techni" in key else others
            target.extend(doc.spans.get(key, ()))
        return techs, others

    def _emphasis(self, doc: Doc, i: int) -> bool:
        """An all-caps word in a run of all-caps words, or a shouted English word."""
        tok = doc[i]
        if not tok.is_upper or not tok.is_alpha:
            return False
        if is_common_word(tok.text, 3.5 if len(tok) <= 3 else 3.0):
            return True
        for j in (i - 1, i + 1):
            if 0 <= j < len(doc):
                other = doc[j]
                if (
                    other.is_upper
                    and other.is_alpha
                    and len(other) > 1
                    and is_common_word(other.text)
                ):
                    return True
        return False

    @staticmethod
    def _made_by_organisation(doc: Doc, i: int) -> bool:
        """ "EMU from Meta", "PaLM by Google": a system an organisation made."""
        if i + 2 >= len(doc) or doc[i + 1].lower_ not in {"from", "by"}:
            return False
        return doc[i + 2].lower_ in stop_lists().software

    @staticmethod
    def _slashed_with_rare_word(doc: Doc, i: int) -> bool:
        """ "EMU/sdxl": an acronym paired by a slash with a rare word names one of two systems."""
        for j, k in ((i + 1, i + 2), (i - 1, i - 2)):
            if 0 <= k < len(doc) and doc[j].text == "/" and rare_word(doc[k].text):
                return doc[k].is_lower
        return False

    def _name_token_ok(self, doc: Doc, i: int) -> bool:
        tok = doc[i]
        stops = stop_lists()
        text = tok.text
        if stops.blocks(text) or is_variable(text):
            return False
        if re.fullmatch(ACRONYM, text) and not any(c.isdigit() for c in text):
            if is_short_acronym(text) or self._emphasis(doc, i):
                return False
            return (
                i in self._cue_ends
                or self._made_by_organisation(doc, i)
                or self._slashed_with_rare_word(doc, i)
            )
        if re.fullmatch(CAMEL, text):
            return not camel_term(text)
        if re.fullmatch(DIGIT_NAME, text):
            stem = re.match(r"[A-Za-z]+?(?=v?\d)", text) or re.match(r"[A-Za-z]+", text)
            return not (stem and stops.blocks(stem.group(0)))  # "TPUv4": hardware
        return False

    def _candidates(self, doc: Doc, techniques: set[int]) -> Iterator[tuple[str, Span]]:
        stops = stop_lists()
        matches = self.matcher(doc) if MAYBE_NAME.any(doc) else []
        for match_id, start, end in matches:
            kind = self.nlp.vocab.strings[match_id]
            toks = doc[start:end]
            parts = [t for t in toks if t.text != "-"]
            if kind != "NAME" and any(t.whitespace_ for t in toks[:-1]):
                continue  # "ViT - the" is no compound
            if kind == "NAME":
                if self._name_token_ok(doc, start):
                    yield kind, Span(doc, start, end, label=LABEL)
            elif kind == "HYPHENATED":
                if parts[-1].lower_ in stops.suffix_words or any(
                    stops.blocks(t.text)
                    and not self._model_prefix(t, parts, techniques)
                    and t.lower_ not in stops.organisations  # "Acme-AD": Acme's system
                    for t in parts
                ):
                    continue
                if any(is_variable(t.text) for t in parts):
                    continue
                yield kind, Span(doc, start, end, label=LABEL)
            elif kind == "LOWER_HYPHENATED":
                # "<technique>-<rare word>": a named variant of a technique (stylegan-nada)
                first, last = parts[0], parts[-1]
                if (
                    first.i in techniques
                    and last.i not in techniques
                    and last.lower_ not in stops.suffix_words
                    and not is_common_word(last.text, 3.5)
                    and not derived_english(last.text)
                    and len(last) > 2
                ):
                    yield kind, Span(doc, start, end, label=LABEL)
        for end in sorted(self._cue_ends):
            span = self._after_cue(doc, end)
            if span is not None:
                yield "AFTER_CUE", span

    @staticmethod
    def _model_prefix(tok: Token, parts: list[Token], techniques: set[int]) -> bool:
        """ "NAS-BERT", "GAN-BERT": a technique's acronym before a named model of the
        vocabulary (not a generic one: "CNN-LSTM" stays a pair of techniques) makes a
        variant of that model, a work of its own; the stop list does not veto it."""
        last = parts[-1]
        return (
            tok is not last
            and tok.i in techniques
            and last.i in techniques
            and name_shaped(last.text)
            and not stop_lists().blocks(last.text)
        )

    def _after_cue(self, doc: Doc, i: int) -> Span | None:
        """A rare word (or hyphenated pair) right after a comparison cue, lowercase
        ("better than styleflow") or capitalised ("compared with Quorn")."""
        if i >= len(doc):
            return None
        tok = doc[i]
        if not re.fullmatch(r"[a-z][a-z0-9]+|[A-Z][a-z][a-z0-9]+", tok.text):
            return None
        end = i + 1
        if (
            end + 1 < len(doc)
            and doc[end].text == "-"
            and not tok.whitespace_
            and not doc[end].whitespace_
            and doc[end + 1].is_alpha
        ):
            end += 2
        words = [t.text for t in doc[i:end] if t.text != "-"]
        if any(stop_lists().blocks(w) or is_variable(w) for w in words):
            return None
        if all(looks_english(w) for w in words) or len("".join(words)) < 3:
            return None
        if end - i == 1 and looks_english(tok.text):
            return None
        return Span(doc, i, end, label=LABEL)

    def _sized(self, doc: Doc, taken: set[int]) -> Iterator[Span]:
        """ "Zorb (280B)", "Foo-Bar XL (7B)": a capitalised name right before a parameter
        count in brackets is a model, if a word of it is a name or no ordinary word."""
        if not MAYBE_SIZE.search(doc_text(doc)):
            return
        for _, start, _ in self.sizes(doc):
            end = start  # the "(" token
            i = end
            while i > 0 and end - i < 4:
                tok = doc[i - 1]
                joined = tok.text == "-" or (i < end and doc[i].text == "-")
                if tok.i in taken or not (tok.text == "-" or tok.text[:1].isupper()):
                    break
                if i < end and not joined and not tok.whitespace_:
                    break
                i -= 1
            while i < end and doc[i].text == "-":
                i += 1
            words = [t.text for t in doc[i:end] if t.text != "-"]
            if (
                words
                and not any(stop_lists().blocks(w) for w in words)
                and any(name_shaped(w) or not looks_english(w) for w in words)
            ):
                yield Span(doc, i, end, label=LABEL)  # not "Table (3B)"

    def _coordinated(self, doc: Doc, spans: list[Span], taken: set[int]) -> Iterator[Span]:
        """A rare word joined to a found name by '/', ',', 'and', 'or' ("EMU/sdxl")."""
        for span in spans:
            j = span.end
            if j + 1 < len(doc) and doc[j].lower_ in {"/", ",", "and", "or", "&"}:
                tok = doc[j + 1]
                if tok.i not in taken and rare_word(tok.text):
                    yield Span(doc, j + 1, j + 2, label=LABEL)

    def _cued(self, doc: Doc, taken: set[int]) -> Iterator[Span]:
        """Works the words around them name: citations, "the Acme paper", "such as X Y"."""
        if self._cue_matcher is None:
            self._cue_matcher = work_cues.CueMatcher(self.nlp)
        yield from self._cue_matcher.works(doc, taken)

    def __call__(self, doc: Doc) -> Doc:
        # A bare acronym (WER, SST, NER) in notes is far more often a dataset, metric or
        # task than a system; it is taken for a work only where the text says it is one:
        # right after a comparison cue ("better than EMU") or as an organisation's product.
        self._cue_ends = {end for _, _, end in self.cues(doc)}
        techs, others = self._excluded_spans(doc)
        claimed = {i for span in others for i in range(span.start, span.end)}
        tech_tokens = {i for span in techs for i in range(span.start, span.end)}
        spans: list[Span] = []
        displaced: set[tuple[int, int]] = set()
        for kind, span in self._candidates(doc, tech_tokens):
            if any(i in claimed for i in range(span.start, span.end)):
                continue
            if kind in ("NAME", "HYPHENATED") and identifier_use(doc, span):
                continue  # "Scorer(Q, K)", "StepSize is 0.1": an identifier, no work
            inside = [t for t in techs if t.start < span.end and span.start < t.end]
            if inside:
                # a compound name may hold a technique ("IP-Adapter", "stylegan-nada"),
                # but a technique as a whole is never a work
                if kind not in ("HYPHENATED", "LOWER_HYPHENATED") or any(
                    t.start < span.start or t.end > span.end or len(t) == len(span) for t in inside
                ):
                    continue
                if kind == "HYPHENATED" and not names_beside(span, inside):
                    continue  # "GAN-Autoencoder", "tuned-CLIP": techniques described
                if kind == "HYPHENATED":  # IP-Adapter is no mention of adapters
                    displaced.update((t.start, t.end) for t in inside)
            spans.append(span)
        taken = claimed | tech_tokens
        spans = filter_spans(spans + list(self._sized(doc, taken)))
        spans = filter_spans(spans + list(self._coordinated(doc, spans, taken)))
        spans = filter_spans(spans + list(self._cued(doc, taken)))
        stops = stop_lists()
        spans = [s for s in spans if not stops.is_dataset(s.text)]
        not_works = work_cues.dataset_spans(doc, spans) + work_cues.own_name_spans(doc, spans)
        terms = {w.lower() for w in defined_abbreviations(doc)}
        terms |= {s.text.lower() for s in not_works if s.label_ == work_cues.DATASET}
        if terms:
            spans = [s for s in spans if s.text.lower() not in terms]
        doc.spans[self.spans_key] = spans
        doc.spans[NOT_WORKS_KEY] = not_works
        if displaced:
            for key in self.exclude_keys:
                if "techni" in key and key in doc.spans:
                    doc.spans[key] = [
                        t for t in doc.spans[key] if (t.start, t.end) not in displaced
                    ]
        return doc


@Language.factory(
    "paperkg_named_works",
    default_config={
        "spans_key": SPANS_KEY,
        "exclude_keys": ["techniques", "technique_candidates", "cross_references"],
        "use_comparison_cues": True,
    },
)
def make_named_work_matcher(
    nlp: Language, name: str, spans_key: str, exclude_keys: list[str], use_comparison_cues: bool
) -> NamedWorkMatcher:
    """spaCy factory; comparison cues come from `relation_cues.json`."""
    cues: list[str] = []
    if use_comparison_cues:
        from paperkg.extract.language.relation_cues import relation_cues

        table = relation_cues().relations
        cues = [p for kind in COMPARISON_KINDS for p in table.get(kind, ())]
    return NamedWorkMatcher(
        nlp, name, spans_key=spans_key, exclude_keys=exclude_keys, cue_phrases=cues
    )
