"""Find the few tokens of a doc whose shape fits a pattern, without making Token objects.

Iterating a Doc in Python builds a Token per word, and reading `doc.text` joins them all:
on a notes file that was as slow as the whole matching. A token's shape ("ResNet152" ->
"XxxXxxddd", "(NER)" -> "XXX") is a lexeme attribute spaCy stores as a hash, so the shapes
of a doc come out as one array; each distinct shape is tested against the pattern once per
process, and only the tokens whose shape fits are looked at.
"""

from __future__ import annotations

import re

from spacy.attrs import ORTH, SHAPE
from spacy.tokens import Doc


class ShapeFilter:
    """Indices of tokens whose shape fully matches a regular expression."""

    def __init__(self, pattern: str) -> None:
        self.pattern = re.compile(pattern)
        self._verdicts: dict[int, bool] = {}

    def __call__(self, doc: Doc) -> list[int]:
        if not len(doc):
            return []
        verdicts = self._verdicts
        out = []
        for i, key in enumerate(doc.to_array(SHAPE).tolist()):
            verdict = verdicts.get(key)
            if verdict is None:
                pattern = self.pattern.fullmatch(doc.vocab.strings[key])
                verdict = verdicts[key] = pattern is not None
            if verdict:
                out.append(i)
        return out


class TextFilter:
    """Does any token's text match a regular expression (searched, as the Matcher's REGEX)?

    Decided once per distinct word of the process, from the doc's array of word hashes: a
    token Matcher whose every pattern needs such a token can skip the docs that hold none.
    """

    def __init__(self, pattern: str) -> None:
        self.pattern = re.compile(pattern)
        self._verdicts: dict[int, bool] = {}

    def any(self, doc: Doc) -> bool:
        verdicts = self._verdicts
        strings = doc.vocab.strings
        for key in set(doc.to_array(ORTH).tolist()):
            verdict = verdicts.get(key)
            if verdict is None:
                verdict = verdicts[key] = self.pattern.search(strings[key]) is not None
            if verdict:
                return True
        return False
