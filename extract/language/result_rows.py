"""Which row of a results table names another work (`reading/result_tables.py` finds them).

A row's name is one of four things, and only the last is a work the paper is compared with:

- the paper's own model or an ablation of it: its title's words or initials ("HN-ATT" in
  notes on "Hierarchical Attention Networks"), "This paper", "No char embedding";
- a technique run as a baseline, perhaps with its size or setting ("Transformer Base",
  "Transformer with distillation"): the mention of the technique is all there is;
- a description in ordinary words ("Rule-based Baseline", "Absolute"): nothing;
- another work: a citation ("Zorb et al. 2015"), a name no ordinary word spells ("QuillNet",
  "ZRNN"), or a capitalised name built on a technique ("Quill LSTM").
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from paperkg.extract.language.pipeline import abbreviates_title
from paperkg.extract.language.word_kinds import looks_english
from paperkg.extract.reading.note_words import note_words
from paperkg.extract.records import RelatedMention, TechniqueMention

_WORD = re.compile(r"[A-Za-z0-9]+(?:['’][a-z]+)?")
_CITATION = re.compile(r"\bet al\b|\b(?:19|20)\d\d\b")
_SHAPED = re.compile(r"(?=.*[a-z][A-Z])[A-Za-z]\w*|[A-Z]{2,}s?|[A-Za-z]+\d\w*")
MAX_INITIALS = 8  # a longer word is a name, not initials of the title's words


def compared_work(
    name: str, line: int, techniques: Iterable[TechniqueMention], title: str | None
) -> RelatedMention | None:
    """The row as a `compared_with` relation, or None when it names no other work."""
    if _own(name, title):
        return None
    words = _WORD.findall(name)
    if _CITATION.search(name) and any(w[:1].isupper() for w in words):
        return RelatedMention("comment", line, name=name, relation="compared_with", surface=name)
    covered = _technique_words(name, techniques)
    variants = note_words()["result_row_variants"]
    rest = [w for w in words if w.lower() not in covered and w.lower() not in variants]
    if not rest:
        return None  # a technique as a baseline
    shaped = any(_SHAPED.fullmatch(w) or not looks_english(w.lower()) for w in rest)
    named_variant = bool(covered) and all(w[:1].isupper() for w in rest)
    if shaped or named_variant:
        return RelatedMention("comment", line, name=name, relation="compared_with", surface=name)
    return None


def _technique_words(name: str, techniques: Iterable[TechniqueMention]) -> set[str]:
    low = name.lower()
    out: set[str] = set()
    for tech in techniques:
        if not tech.candidate and tech.surface.lower() in low:
            out |= {w.lower() for w in _WORD.findall(tech.surface)}
    return out


def _own(name: str, title: str | None) -> bool:
    """The paper's own model, or a row about it ("This paper + X", "No char embedding")."""
    low = " ".join(name.lower().split())
    words = note_words()
    if any(re.search(rf"(?<!\w){re.escape(w)}(?!\w)", low) for w in words["result_row_own"]):
        return True
    first = low.split(" ", 1)[0]
    if first in words["result_row_ablations"] or low[:1] in "-+":
        return True
    if not title:
        return False
    if abbreviates_title(name, title) or _title_prefix(low, title) or _sized(low, title):
        return True
    parts = [p for p in re.split(r"[-_/\s]+", name) if p]
    return len(parts) <= 2 and all(abbreviates(p, title) for p in parts)


def _sized(low: str, title: str) -> bool:
    """ "Zorb-B" or "Zorb 7B" in notes on "Zorb: ...": the paper's short name with a size."""
    own = title.split(":", 1)[0].strip().lower() if ":" in title else ""
    first = re.split(r"[-_\s]+", low, maxsplit=1)[0]
    return bool(own) and first == own


def _title_prefix(low: str, title: str) -> bool:
    """ "Blockwise parallel decoding" for "Blockwise Parallel Decoding for Deep ...": the
    title's first words (two at least), a plural's "s" aside."""
    mine = [w.rstrip("s") for w in _WORD.findall(low)]
    theirs = [w.lower().rstrip("s") for w in _WORD.findall(title)]
    return len(mine) >= 2 and theirs[: len(mine)] == mine


def abbreviates(short_form: str, long_form: str, *, whole: bool = False) -> bool:
    """Schwartz and Hearst's test for an abbreviation: the short form's letters appear in
    the long one in order, read from the end, its first letter opening a word ("HN" and
    "ATT" for Hierarchical Attention Networks, "BiDaf" for Bi-directional Attention Flow).
    `whole`: the short form spells all of the long one, each word giving a letter and the
    first opening it ("RecRNN" for recursive neural networks; "PNN" is not unsupervised
    pre-training)."""
    short = [c for c in short_form.lower() if c.isalnum()]
    if not 2 <= len(short) <= MAX_INITIALS:
        return False
    text = " " + " ".join(_WORD.findall(long_form.lower()))
    pos = len(text) - 1
    used: set[int] = set()
    for k in range(len(short) - 1, -1, -1):
        want = short[k]
        while pos > 0 and (text[pos] != want or (k == 0 and text[pos - 1] != " ")):
            pos -= 1
        if pos <= 0:
            return False
        used.add(text.count(" ", 0, pos))
        pos -= 1
    return not whole or (pos == 0 and len(used) == text.count(" "))
