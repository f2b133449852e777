"""Type a mentioned work by the cue before it: "similar to X", "better than X", "based on X".

The graph keeps every mention as a plain relation; a cue phrase to the left of the mention,
in the same sentence, adds a typed one (similar_to, improves_on, based_on, compared_with).
The nearest cue wins: in "based on CLIP, better than X" X improves on, not based on. The
cue phrases are data (`relation_cues.json`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from paperkg.extract import data
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

SPANS_KEY = "relation_cues"
RELATION_KINDS = ("similar_to", "improves_on", "based_on", "compared_with")

if not Span.has_extension("relation"):
    Span.set_extension("relation", default=None)


@dataclass(frozen=True)
class RelationCues:
    """Cue phrases by relation kind, positional phrases, and self-alias words ("aka")."""

    relations: dict[str, tuple[str, ...]]
    positional: dict[str, tuple[str, ...]]
    self_alias: tuple[str, ...]


@cache
def relation_cues() -> RelationCues:
    """The built-in cue table."""
    raw = data.read_json("relation_cues.json")
    return RelationCues(
        relations={k: tuple(v) for k, v in raw["relations"].items()},
        positional={k: tuple(v) for k, v in raw.get("positional", {}).items()},
        self_alias=tuple(raw.get("self_alias", ())),
    )


def _sentence_start(doc: Doc, i: int) -> int:
    if not doc.has_annotation("SENT_START"):
        return 0
    return doc[i].sent.start if i < len(doc) else 0


MAX_GAP = 4  # tokens between a cue and the mention it types ("better than the original X")


def relation_before(
    doc: Doc, start: int, spans_key: str = SPANS_KEY, max_gap: int = MAX_GAP
) -> str | None:
    """The kind of the nearest cue ending at or before token `start`, in its sentence.

    A cue further than `max_gap` tokens away speaks of something else ("improves generation
    ... 3) dalle2 had better filtration" does not say the paper improves on dalle2).
    """
    if start >= len(doc) or spans_key not in doc.spans:
        return None
    floor = _sentence_start(doc, start)
    best: Span | None = None
    for cue in doc.spans[spans_key]:
        if (
            cue.end <= start
            and start - cue.end <= max_gap
            and cue.start >= floor
            and (
                best is None or cue.end > best.end or (cue.end == best.end and len(cue) > len(best))
            )
        ):
            best = cue
    return best.label_ if best is not None else None


class RelationCueTagger:
    """Marks cue phrases (`doc.spans[spans_key]`, label = relation kind) and sets
    `span._.relation` on the mention spans of `target_keys`."""

    def __init__(
        self,
        nlp: Language,
        name: str = "paperkg_relation_cues",
        *,
        spans_key: str = SPANS_KEY,
        target_keys: Iterable[str] = ("named_works", "cross_references"),
        cues: dict[str, Iterable[str]] | None = None,
    ) -> None:
        self.nlp = nlp
        self.name = name
        self.spans_key = spans_key
        self.target_keys = tuple(target_keys)
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        table = cues if cues is not None else relation_cues().relations
        for kind, phrases in table.items():
            self.add_cues(kind, phrases)

    def add_cues(self, kind: str, phrases: Iterable[str]) -> None:
        """Add cue phrases for a relation kind."""
        self.matcher.add(kind, [self.nlp.make_doc(p) for p in phrases])

    def __call__(self, doc: Doc) -> Doc:
        cues = [Span(doc, s, e, label=self.nlp.vocab.strings[m]) for m, s, e in self.matcher(doc)]
        doc.spans[self.spans_key] = cues
        for key in self.target_keys:
            for span in doc.spans.get(key, ()):
                span._.relation = relation_before(doc, span.start, self.spans_key)
        return doc


@Language.factory(
    "paperkg_relation_cues",
    default_config={
        "spans_key": SPANS_KEY,
        "target_keys": ["named_works", "cross_references"],
    },
)
def make_relation_cue_tagger(
    nlp: Language, name: str, spans_key: str, target_keys: list[str]
) -> RelationCueTagger:
    """spaCy factory; cue phrases come from `relation_cues.json`."""
    return RelationCueTagger(nlp, name, spans_key=spans_key, target_keys=target_keys)
