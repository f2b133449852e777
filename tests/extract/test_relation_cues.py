"""The relation-cue tagger alone: the cue kinds, nearest cue, sentence bounds."""

from __future__ import annotations

import pytest
import spacy
from paperkg.extract.language.relation_cues import relation_before, relation_cues
from spacy.tokens import Span


@pytest.fixture(scope="module")
def nlp():
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("paperkg_relation_cues", config={"target_keys": ["works"]})
    return nlp


def relation_of(nlp, text: str, name: str) -> str | None:
    doc = nlp.make_doc(text)
    start = [t.text for t in doc].index(name)
    doc.spans["works"] = [Span(doc, start, start + 1, label="WORK")]
    doc = nlp(doc)
    return doc.spans["works"][0]._.relation


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Similar to IPAdapter, just a bit different", "similar_to"),
        ("it reminds of IPAdapter", "similar_to"),
        ("improvements over IPAdapter for stylization", "improves_on"),
        ("cherry picked examples are better than IPAdapter", "improves_on"),
        ("the method is based on IPAdapter", "based_on"),
        ("built on top of IPAdapter", "based_on"),
        ("looks better compared to IPAdapter", "compared_with"),
        ("ours vs IPAdapter", "compared_with"),
    ],
)
def test_cue_kinds(nlp, text, kind):
    assert relation_of(nlp, text, "IPAdapter") == kind


def test_nearest_cue_wins(nlp):
    assert relation_of(nlp, "based on CLIP, better than IPAdapter", "IPAdapter") == "improves_on"


def test_cue_in_another_sentence_does_not_count(nlp):
    assert relation_of(nlp, "It is better than ever. IPAdapter is nice", "IPAdapter") is None


def test_cue_after_the_mention_does_not_count(nlp):
    assert relation_of(nlp, "IPAdapter is similar to ours", "IPAdapter") is None


def test_cue_table_has_the_four_kinds():
    assert set(relation_cues().relations) == {
        "similar_to",
        "improves_on",
        "based_on",
        "compared_with",
    }


def test_relation_before_without_cues_is_none(nlp):
    doc = nlp("nothing here")
    assert relation_before(doc, 1) is None


def test_a_cue_far_before_the_mention_does_not_type_it(nlp):
    text = "adding the country improves generation but is not sufficient and IPAdapter had filters"
    assert relation_of(nlp, text, "IPAdapter") is None
    assert relation_of(nlp, "improves generation over IPAdapter", "IPAdapter") == "improves_on"
