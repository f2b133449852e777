"""Find the few tokens of a doc whose shape fits a pattern, without making Token objects.

Iterating a Doc in Python builds a Token per word, and reading `doc.text` joins them all:
on a notes file that was as slow as the whole matching. A token's shape ("ResNet101" ->
"XxxXxxddd", "(NER)" -> "XXX") is a lexeme attribute spaCy stores as a hash, so the shapes
of a doc come out as one array; each distinct shape is tested against the pattern once per
process, and only the tokens whose shape fits are looked at.
"""

from __future__ import annotations

import re

import numpy
from spacy.attrs import SHAPE
from spacy.tokens import Doc


class ShapeFilter:
    """Indices of tokens whose shape fully matches a regular expression."""

    def __init__(self, pattern: str) -> None:
        self.pattern = re.compile(pattern)
        self._verdicts: dict[int, bool] = {}

    def __call__(self, doc: Doc) -> list[int]:
        if not len(doc):
            return []
        shapes = doc.to_array([SHAPE])
        good = []
        for key in numpy.unique(shapes).tolist():
            verdict = self._verdicts.get(key)
            if verdict is None:
                verdict = self._verdicts[key] = bool(self.pattern.fullmatch(doc.vocab.strings[key]))
            if verdict:
                good.append(key)
        if not good:
            return []
        return numpy.nonzero(numpy.isin(shapes, good))[0].tolist()
