"""Token filters decided from a doc's arrays: the same answers as reading each Token."""

from __future__ import annotations

import re

import spacy
from paperkg.extract.language.token_shapes import ShapeFilter, TextFilter
from paperkg.extract.language.word_kinds import NAME_PART

TEXTS = (
    "we compare with StyleFlow and pix2pix on faces",
    "a plain sentence with no names at all",
    "the anti-aliasing trick, again",
    "GPT5 rumours",
    "",
)


def test_text_filter_answers_as_a_search_over_tokens():
    nlp = spacy.blank("en")
    names = TextFilter(f"{NAME_PART}|^-$")
    pattern = re.compile(f"{NAME_PART}|^-$")
    for text in TEXTS * 2:  # the second pass answers from the per-word cache
        doc = nlp.make_doc(text)
        assert names.any(doc) == any(pattern.search(t.text) for t in doc), text
    assert [names.any(nlp.make_doc(t)) for t in TEXTS] == [True, False, True, True, False]


def test_shape_filter_gives_the_indices_of_fitting_tokens():
    nlp = spacy.blank("en")
    versioned = ShapeFilter(r"[Xx]{4,}[-_]?x?d.*")
    doc = nlp.make_doc("ResNet152 and YOLOv5 beat a cnn")
    assert [doc[i].text for i in versioned(doc)] == ["ResNet152", "YOLOv5"]
