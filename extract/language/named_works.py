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
from dataclasses import dataclass
from functools import cache

from paperkg.extract import data
from paperkg.extract.language.doc_text import doc_text
from paperkg.extract.language.token_shapes import ShapeFilter, TextFilter
from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

SPANS_KEY = "named_works"
# names the text shows are datasets or the paper's own (`work_cues`): no work in the entry
NOT_WORKS_KEY = "not_works"
COMPARISON_KINDS = ("similar_to", "improves_on", "compared_with")
LABEL = "WORK"

_CAMEL = r"^(?=.*[a-z][A-Z])[A-Za-z][A-Za-z0-9]*[A-Za-z0-9]$"  # StyleFlow, LaMa, HairCLIPv2
_ACRONYM = r"^[A-Z][A-Z0-9]*[A-Z][A-Z0-9]*s?$|^[A-Z]+[0-9]+[A-Za-z0-9]*$"  # EMU, GPT5, VQGANs
_DIGIT_NAME = r"^[A-Za-z]+[0-9]+[A-Za-z0-9]*$"  # dalle2, text2live, pix2pix
_NAME_PART = f"{_CAMEL}|{_ACRONYM}|{_DIGIT_NAME}"
# The text a size match needs ("280B)", "7.5 M )"): the token Matcher reads every token of a
# doc as a Python object, so it runs only on the docs that hold it.
_MAYBE_SIZE = re.compile(r"[BMK]\s*\)")
# Every pattern of the name matcher needs a name-shaped token or a hyphen.
_MAYBE_NAME = TextFilter(f"{_NAME_PART}|^-$")
_ENGLISH_SUFFIX = re.compile(
    r"(?:ed|ing|ly|tion|tions|sion|ness|able|ible|ous|ive|ful|less|ment|ments|ity|ies|ism|ist|"
    r"ers|al|ic|ical|ize|ise|izes|ises|ian)$"
)
_ENGLISH_PREFIX = ("un", "non", "re", "pre", "post", "anti", "multi", "sub", "super", "over")


@dataclass(frozen=True)
class StopLists:
    """What is never a named work, read from `named_works.json`."""

    acronyms: frozenset[str]
    software: frozenset[str]
    datasets: frozenset[str]
    modality_words: frozenset[str]
    suffix_words: frozenset[str]
    unit: re.Pattern[str]
    not_work_hosts: tuple[str, ...]
    layer_shorthand: re.Pattern[str] = re.compile(r"(?!)")
    not_work_link_words: frozenset[str] = frozenset()
    dataset_words: frozenset[str] = frozenset()
    video_hosts: tuple[str, ...] = ()
    organisations: frozenset[str] = frozenset()
    # well-known datasets and benchmarks (`datasets.txt`), by letters and digits
    known_datasets: frozenset[str] = frozenset()

    def blocks(self, word: str) -> bool:
        """True when `word` (any case) is on a stop list, singular or plural."""
        w = word.lower()
        forms = {w, w[:-1] if w.endswith("s") and len(w) > 2 else w}
        if forms & (self.acronyms | self.software | self.datasets | self.organisations):
            return True
        return self.is_dataset(word)

    def is_dataset(self, name: str) -> bool:
        """A well-known dataset or benchmark ("MS-COCO", "miniF2F", "VoxCeleb2"), any case."""
        key = dataset_key(name)
        return bool(key) and (
            key in self.known_datasets or key.removesuffix("s") in self.known_datasets
        )


def dataset_key(name: str) -> str:
    """A dataset name by its letters and digits, lowercase: "MS-COCO" and "mscoco" meet."""
    return re.sub(r"[^0-9a-z]+", "", name.lower())


def _known_datasets() -> frozenset[str]:
    text = data.read_text("datasets.txt")
    lines = (line.strip() for line in text.splitlines())
    return frozenset(dataset_key(line) for line in lines if line and not line.startswith("#"))


@cache
def stop_lists() -> StopLists:
    """The built-in stop lists."""
    raw = data.read_json("named_works.json")
    return StopLists(
        acronyms=frozenset(raw["generic_acronyms"]),
        software=frozenset(raw["software_and_products"]),
        datasets=frozenset(raw["datasets"]),
        modality_words=frozenset(raw["modality_words"]),
        suffix_words=frozenset(raw["name_suffix_stopwords"]),
        unit=re.compile(raw["unit_pattern"], re.IGNORECASE),
        not_work_hosts=tuple(raw.get("not_work_hosts", ())),
        layer_shorthand=re.compile(raw.get("layer_shorthand_pattern", r"(?!)"), re.IGNORECASE),
        not_work_link_words=frozenset(raw.get("not_work_link_words", ())),
        dataset_words=frozenset(raw.get("dataset_words", ())),
        video_hosts=tuple(raw.get("video_hosts", ())),
        organisations=frozenset(raw.get("organisations", ())),
        known_datasets=_known_datasets(),
    )


@cache
def _word_ranks() -> tuple[dict[str, int], dict[float, int]]:
    ranks: dict[str, int] = {}
    cutoffs: dict[float, int] = {}
    text = data.read_text("common_words.txt")
    for line in text.splitlines():
        if line.startswith("# zipf>="):
            level, count = line[len("# zipf>=") :].split(":")
            cutoffs[float(level)] = int(count)
        elif line and not line.startswith("#"):
            ranks.setdefault(line.strip(), len(ranks))
    return ranks, cutoffs


def is_common_word(word: str, min_zipf: float = 3.0) -> bool:
    """True for an ordinary English word at least this frequent (Zipf 3.0, 3.5, 4.0, ...)."""
    ranks, cutoffs = _word_ranks()
    rank = ranks.get(word.lower())
    if rank is None:
        return False
    limit = cutoffs.get(min_zipf)
    if limit is None:
        limit = min((n for z, n in cutoffs.items() if z <= min_zipf), default=len(ranks))
    return rank < limit


def looks_english(word: str) -> bool:
    """An ordinary or derived English word: common, or an English affix on a common stem."""
    return is_common_word(word) or derived_english(word)


def _comparative(w: str) -> bool:
    """narrower, bigger, happier: a common adjective in -er (a name like Gopher is not)."""
    for suffix, stem_end in (("ier", "y"), ("er", ""), ("est", "")):
        if w.endswith(suffix) and len(w) > len(suffix) + 2:
            stem = w[: -len(suffix)] + stem_end
            doubled = stem[-1:] == stem[-2:-1] and is_common_word(stem[:-1], 3.5)
            if is_common_word(stem, 3.5) or doubled:
                return True
    return False


def derived_english(word: str) -> bool:
    """An English-looking derivation: an English suffix, or an affix on a common word."""
    w = word.lower()
    if (_ENGLISH_SUFFIX.search(w) and len(w) > 5) or _comparative(w):
        return True
    return any(
        w.startswith(p) and len(w) - len(p) >= 3 and is_common_word(w[len(p) :])
        for p in _ENGLISH_PREFIX
    )


def is_variable(word: str) -> bool:
    """prompt1, text_1, image2image, conv3x3, maxScore: an index, a layer, an identifier.

    A common word with an index, a modality-to-modality, layer or size shorthand, or a
    lowerCamelCase identifier made of ordinary words (code quoted in a note).
    """
    stops = stop_lists()
    w = word.lower()
    if stops.unit.match(w) or w[:1].isdigit() or stops.layer_shorthand.match(w):
        return True
    if _is_identifier(word):
        return True
    stem = w.rstrip("0123456789")
    if stem != w and is_common_word(stem) and stem == w[: len(stem)] and w[len(stem) :].isdigit():
        return True
    m = re.fullmatch(r"([a-z]+)2([a-z0-9]+)", w)
    return bool(m and m.group(2) in stops.modality_words and m.group(1) in stops.modality_words)


def _names_beside(span: Span, techniques: list[Span]) -> bool:
    """Does a compound holding techniques add a name to them ("IP-Adapter": IP)?

    Not when its other words are ordinary lowercase words ("tuned-CLIP"), nor when all
    are techniques and the last is a generic one ("GAN-Autoencoder"): that describes a
    variant; "Sparse-BERT", ending in a named model, names one.
    """
    covered = {i for t in techniques for i in range(t.start, t.end)}
    rest = [t for t in span if t.i not in covered and t.text != "-"]
    if not rest:  # techniques only: a name when it ends in a named model ("X-BERT")
        return name_shaped(span[-1].text)
    return any(not (t.is_lower and looks_english(t.text)) for t in rest)


def _camel_term(word: str) -> bool:
    """PredictionError, SmoothnessPenalty: CamelCase of ordinary words, one of them an
    abstract noun (-tion, -ity, ...), is a quantity or a variable, not a work's name."""
    parts = re.findall(r"[A-Z][a-z]+", word)
    if len(parts) < 2 or "".join(parts) != word:
        return False
    lowered = [p.lower() for p in parts]
    return all(looks_english(p) for p in lowered) and any(
        len(p) > 5 and _ENGLISH_SUFFIX.search(p) for p in lowered
    )


def name_shaped(word: str) -> bool:
    """CamelCase, an acronym or letters glued to digits: StyleFlow, EMU, text2live."""
    return re.fullmatch(_NAME_PART, word) is not None


def _rare_word(word: str) -> bool:
    """A word that is no English, no stop-listed term and no variable: likely a name."""
    return (
        re.fullmatch(r"[A-Za-z][A-Za-z0-9]{2,}", word) is not None
        and not looks_english(word)
        and not stop_lists().blocks(word)
        and not is_variable(word)
    )


def _is_identifier(word: str) -> bool:
    """maxScore, stepSize: lowerCamelCase made only of ordinary words names a variable."""
    if not word[:1].islower() or not re.search(r"[a-z][A-Z]", word):
        return False
    parts = re.findall(r"[A-Z]?[a-z]+", word)
    return "".join(parts) == word and all(is_common_word(p) for p in parts)


def is_short_acronym(word: str) -> bool:
    """NN, LM, OD: two capitals (a trailing plural 's' allowed) abbreviate, they do not name."""
    return re.fullmatch(r"[A-Z]{2}s?", word) is not None


def _initials(words: list[Token]) -> str:
    """First letters of words, a hyphenated word giving one per part ("Cross-Modal" -> cm)."""
    return "".join(p[0] for t in words for p in t.lower_.split("-") if p)


def _expands(acronym: str, words: list[Token]) -> bool:
    """Words an acronym abbreviates: same initials (in any order: notes swap them), and
    ordinary words, so the acronym is a term of the language and not a name."""
    letters = acronym.lower().rstrip("s") if acronym.endswith("s") else acronym.lower()
    initials = _initials(words)
    return sorted(initials) == sorted(letters) and all(
        looks_english(p) for t in words for p in t.lower_.split("-") if p
    )


_ACRONYM_SHAPE = ShapeFilter(r"X{2,4}x?")  # NER, SGUs (a shape keeps 4 of a run)


def defined_abbreviations(doc: Doc) -> set[str]:
    """Acronyms a text defines as the initials of ordinary words, before or after them.

    "named entity recognition (NER)", "Sparse Gating Unit (SGU)", "CLM (Cross-Modal
    Learning)": the acronym abbreviates a phrase of the language, so it is a term (a task,
    a method), never the name of another work, anywhere in the text.
    """
    out: set[str] = set()
    for i in _ACRONYM_SHAPE(doc):
        tok = doc[i]
        n = len(tok.text.rstrip("s")) if tok.text.endswith("s") else len(tok)
        before = doc[tok.i - 1] if tok.i > 0 else None
        after = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
        if before is not None and before.text == "(" and after is not None and after.text == ")":
            words = [t for t in doc[max(0, tok.i - 1 - n) : tok.i - 1] if t.text != "-"]
            for k in range(1, len(words) + 1):  # "Cross-Modal Learning" has 2 words for 3 letters
                if _expands(tok.text, words[-k:]):
                    out.add(tok.text)
                    break
        elif after is not None and after.text == "(":
            close = next((t.i for t in doc[tok.i + 2 : tok.i + 3 + n] if t.text == ")"), None)
            if close is not None and _expands(tok.text, list(doc[tok.i + 2 : close])):
                out.add(tok.text)
    return out


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
        name_part = {"TEXT": {"REGEX": _NAME_PART}}
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
            if 0 <= k < len(doc) and doc[j].text == "/" and _rare_word(doc[k].text):
                return doc[k].is_lower
        return False

    def _name_token_ok(self, doc: Doc, i: int) -> bool:
        tok = doc[i]
        stops = stop_lists()
        text = tok.text
        if stops.blocks(text) or is_variable(text):
            return False
        if re.fullmatch(_ACRONYM, text) and not any(c.isdigit() for c in text):
            if is_short_acronym(text) or self._emphasis(doc, i):
                return False
            return (
                i in self._cue_ends
                or self._made_by_organisation(doc, i)
                or self._slashed_with_rare_word(doc, i)
            )
        if re.fullmatch(_CAMEL, text):
            return not _camel_term(text)
        if re.fullmatch(_DIGIT_NAME, text):
            stem = re.match(r"[A-Za-z]+?(?=v?\d)", text) or re.match(r"[A-Za-z]+", text)
            return not (stem and stops.blocks(stem.group(0)))  # "TPUv4": hardware
        return False

    def _candidates(self, doc: Doc, techniques: set[int]) -> Iterator[tuple[str, Span]]:
        stops = stop_lists()
        matches = self.matcher(doc) if _MAYBE_NAME.any(doc) else []
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
        """A lowercase rare word (or hyphenated pair) right after a comparison cue."""
        if i >= len(doc):
            return None
        tok = doc[i]
        if not tok.is_lower or not re.fullmatch(r"[a-z][a-z0-9]+", tok.text):
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
        if not _MAYBE_SIZE.search(doc_text(doc)):
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
                if tok.i not in taken and _rare_word(tok.text):
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
            inside = [t for t in techs if t.start < span.end and span.start < t.end]
            if inside:
                # a compound name may hold a technique ("IP-Adapter", "stylegan-nada"),
                # but a technique as a whole is never a work
                if kind not in ("HYPHENATED", "LOWER_HYPHENATED") or any(
                    t.start < span.start or t.end > span.end or len(t) == len(span) for t in inside
                ):
                    continue
                if kind == "HYPHENATED" and not _names_beside(span, inside):
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


from paperkg.extract.language import work_cues  # noqa: E402  (work_cues reads this module's shape tests)
