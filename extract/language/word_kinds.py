"""What kind of word a word is: ordinary English, name-shaped, a variable, stop-listed.

The named-work matcher (`named_works.py`), its cue rules (`work_cues.py`), the technique
candidates and the cross-reference linker all ask these questions of a token; they live
here, below all of them, so none of those modules has to import another for them. The
word lists are data (`named_works.json`, `common_words.txt`, `datasets.txt`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from paperkg.extract import data
from paperkg.extract.language.token_shapes import ShapeFilter, TextFilter
from spacy.tokens import Doc, Span, Token

LABEL = "WORK"

CAMEL = r"^(?=.*[a-z][A-Z])[A-Za-z][A-Za-z0-9]*[A-Za-z0-9]$"  # StyleFlow, LaMa, HairCLIPv2
ACRONYM = r"^[A-Z][A-Z0-9]*[A-Z][A-Z0-9]*s?$|^[A-Z]+[0-9]+[A-Za-z0-9]*$"  # EMU, GPT5, VQGANs
DIGIT_NAME = r"^[A-Za-z]+[0-9]+[A-Za-z0-9]*$"  # dalle2, text2live, pix2pix
NAME_PART = f"{CAMEL}|{ACRONYM}|{DIGIT_NAME}"
# The text a size match needs ("280B)", "7.5 M )"): the token Matcher reads every token of a
# doc as a Python object, so it runs only on the docs that hold it.
MAYBE_SIZE = re.compile(r"[BMK]\s*\)")
# Every pattern of the name matcher needs a name-shaped token or a hyphen.
MAYBE_NAME = TextFilter(f"{NAME_PART}|^-$")
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
    # "the Zorb format", "incorporated into Zorb": a format, standard or software, no work
    tool_words: frozenset[str] = frozenset()
    tool_cues: tuple[tuple[str, ...], ...] = ()
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
        tool_words=frozenset(raw.get("tool_words", ())),
        tool_cues=tuple(tuple(c.split()) for c in raw.get("tool_cues", ())),
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


def names_beside(span: Span, techniques: list[Span]) -> bool:
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


def camel_term(word: str) -> bool:
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
    return re.fullmatch(NAME_PART, word) is not None


def rare_word(word: str) -> bool:
    """A word that is no English, no stop-listed term and no variable: likely a name."""
    return (
        re.fullmatch(r"[A-Za-z][A-Za-z0-9]{2,}", word) is not None
        and not looks_english(word)
        and not stop_lists().blocks(word)
        and not is_variable(word)
    )


def _is_identifier(word: str) -> bool:
    """maxScore, stepSize: lowerCamelCase made only of ordinary words names a variable;
    so does an ordinary word with one capital letter after it (TopN, MaxK: an index)."""
    m = re.fullmatch(r"([A-Z][a-z]+)[A-Z]", word)
    if m and is_common_word(m.group(1)):
        return True
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


def expands(acronym: str, words: list[Token]) -> bool:
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
                if expands(tok.text, words[-k:]):
                    out.add(tok.text)
                    break
        elif after is not None and after.text == "(":
            close = next((t.i for t in doc[tok.i + 2 : tok.i + 3 + n] if t.text == ")"), None)
            if close is not None and expands(tok.text, list(doc[tok.i + 2 : close])):
                out.add(tok.text)
    return out
