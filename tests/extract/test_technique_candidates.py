"""The candidate-technique component alone: "<modifier> <head>" after a technique ruler."""

from __future__ import annotations

from dataclasses import dataclass

import paperkg.extract.language.technique_candidates  # noqa: F401  (registers the factory)
import pytest
import spacy
from paperkg.extract.language.technique_candidates import candidate_label, concept_slug
from paperkg.extract.language.vocabulary import TECH


@dataclass(frozen=True)
class Concept:
    iri: str
    pref_label: str
    alt_labels: tuple[str, ...] = ()


CONCEPTS = (
    Concept(TECH + "convolution", "convolution"),
    Concept(TECH + "attention", "attention"),
    Concept(TECH + "normalization-layer", "normalization layer"),
    Concept(TECH + "batch-normalization", "batch normalization", ("BN",)),
    Concept(TECH + "lstm", "LSTM"),
    Concept(TECH + "dilated-convolution", "dilated convolution"),
)


@pytest.fixture(scope="module")
def nlp():
    nlp = spacy.blank("en")
    nlp.add_pipe("paperkg_technique_ruler").add_concepts(CONCEPTS)
    nlp.add_pipe("paperkg_technique_candidates").add_concepts(CONCEPTS)
    return nlp


def found(nlp, text: str) -> list[tuple[str, str, str]]:
    doc = nlp(text)
    return [(s.text, s.id_, s.kb_id_) for s in doc.spans["technique_candidates"]]


def test_modifier_and_known_head(nlp):
    assert found(nlp, "We propose ripple convolution.\nIt beats quantile normalisation.") == [
        ("ripple convolution", TECH + "ripple-convolution", TECH + "convolution"),
        ("quantile normalisation", TECH + "quantile-normalization", TECH + "normalization-layer"),
    ]


def test_a_name_modifies_any_head_and_keeps_its_case(nlp):
    ((text, iri, head),) = found(nlp, "FooNet attention on top\nof the encoder")
    assert (text, iri, head) == ("FooNet attention", TECH + "foonet-attention", TECH + "attention")
    assert candidate_label("FooNet", "attention") == "FooNet attention"


def test_the_head_stays_a_technique_of_its_own(nlp):
    doc = nlp("a ripple convolution")
    assert [s.text for s in doc.spans["techniques"]] == ["convolution"]


def test_a_name_before_a_generic_head(nlp):
    assert [t for t, _, _ in found(nlp, "two XYZ layers and a FooNet network")] == [
        "XYZ layers",
        "FooNet network",
    ]


@pytest.mark.parametrize(
    "text",
    [
        "the loss goes down\nand our network is fine",  # no modifier
        "a new layer and a deep network with a large kernel",  # ordinary words
        "the final convolution and global pooling",
        "a latent layer and an inference network",  # generic heads take names only
        "an LSTM layer and an LSTM network",  # the modifier is itself a technique
        "3x3 convolution and 1x1 convolutions",  # sizes
        "dilated convolution is known",  # a longer technique of the vocabulary
        "batch normalization layers",  # the head inside a longer technique
        "squared convolutions and normalizes attention",  # verb and plural forms
        "an embedding loss",  # two heads
        "via ImageNet pooling",  # a dataset
    ],
)
def test_not_candidates(nlp, text):
    assert found(nlp, text) == []


def test_slug_follows_the_vocabulary_convention():
    assert concept_slug("R+ attention") == "r-plus-attention"
