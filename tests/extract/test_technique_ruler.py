"""The technique ruler alone: variants, case, context vetoes, longest match."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
import spacy
from paperkg.extract.technique_ruler import (
    default_inflections,
    default_variants,
    label_variants,
    plurals,
)


@dataclass(frozen=True)
class Concept:
    iri: str
    pref_label: str
    alt_labels: tuple[str, ...] = ()
    broader: tuple[str, ...] = ()
    case_sensitive_labels: tuple[str, ...] = ()
    not_after: tuple[str, ...] = ()
    not_before: tuple[str, ...] = ()


CONCEPTS = (
    Concept("t:attention", "attention", not_after=("pay", "paid", "paying")),
    Concept("t:self-attention", "self-attention", broader=("t:attention",)),
    Concept("t:cross-attention", "cross-attention", broader=("t:attention",)),
    Concept("t:clip", "CLIP", not_after=("video", "audio", "movie")),
    Concept("t:sam", "Segment Anything Model", ("SAM",), case_sensitive_labels=("SAM",)),
    Concept("t:lora", "LoRA", ("low-rank adaptation",)),
    Concept("t:sd", "Stable Diffusion", ("SD",), case_sensitive_labels=("SD",)),
    Concept("t:diffusion", "diffusion model", ("diffusion",)),
    Concept("t:dino", "DINO"),
    Concept("t:gan", "GAN", ("generative adversarial network",)),
    Concept("t:nerf", "NeRF", ("neural radiance field",)),
    Concept("t:depthwise", "depthwise convolution"),
    Concept("t:pruning", "pruning"),
    Concept("t:convolution", "convolution"),
    Concept("t:vq", "vector quantization"),
    Concept("t:quantization", "quantization"),
    Concept("t:sampling", "sampling"),
    Concept("t:fine-tuning", "fine-tuning"),
    Concept("t:resnet", "ResNet", ("residual network",)),
    Concept("t:yolo", "YOLO"),
    Concept("t:gpt", "GPT"),
    Concept("t:seq2seq", "seq2seq"),
)


@pytest.fixture(scope="module")
def nlp():
    nlp = spacy.blank("en")
    nlp.add_pipe("paperkg_technique_ruler").add_concepts(CONCEPTS)
    return nlp


def found(nlp, text: str) -> list[tuple[str, str]]:
    doc = nlp(text)
    return [(s.text, s.id_) for s in doc.spans["techniques"]]


def test_plural_forms():
    v = default_variants()
    assert plurals("lora", v) == ("loras",)
    assert plurals("patch", v) == ("patches",)
    assert plurals("adapters", v) == ()


def test_label_variants_cover_hyphen_space_joined_and_short_forms():
    forms = label_variants("self-attention")
    assert {"self-attention", "self attention", "self-attn"} <= forms
    assert "self-attentions" in forms
    assert "layernorm" in label_variants("layer norm")
    assert "batchnorm" in label_variants("batch norm")
    # long joins are not how people write: they only cost patterns
    assert "selfattention" not in forms


@pytest.mark.parametrize(
    ("text", "surface", "iri"),
    [
        ("personalized LoRAs are tiny", "LoRAs", "t:lora"),
        ("we use self attention here", "self attention", "t:self-attention"),
        ("modified self-attn to work", "self-attn", "t:self-attention"),
        ("text cross-attn layers", "cross-attn", "t:cross-attention"),
        ("before all cross-attentions", "cross-attentions", "t:cross-attention"),
        ("image2image SD automatically", "SD", "t:sd"),
        ("two GANs and NeRFs", "GANs", "t:gan"),
        ("with depthwise convs", "depthwise convs", "t:depthwise"),
        ("using pretrained dino to extract features", "dino", "t:dino"),
        ("detr + SAM to segment", "SAM", "t:sam"),
    ],
)
def test_alias_variants(nlp, text, surface, iri):
    assert (surface, iri) in found(nlp, text)


@pytest.mark.parametrize(
    "text",
    [
        "a short video clip of a cat",
        "you should pay attention to this",
        "the same quality as before",
        "Sam Altman said so",
        "sd card is full",
    ],
)
def test_ambiguous_words_in_context_are_not_techniques(nlp, text):
    assert found(nlp, text) == []


def test_inflected_forms_from_rules():
    rules = default_inflections()
    assert "pruned" in rules.forms("pruning", alone=True)
    assert "quantized" in rules.forms("quantization", alone=True)
    assert "convolutional" in rules.forms("convolution", alone=True)
    # an ordinary English word never stands for a one-word technique ...
    assert "sampled" not in rules.forms("sampling", alone=True)
    # ... but ends a longer label safely ("importance sampled")
    assert "sampled" in rules.forms("sampling", alone=False)
    assert rules.forms("ring", alone=True) == ()  # too short a stem to be a gerund


@pytest.mark.parametrize(
    ("text", "surface", "iri"),
    [
        ("half the weights were pruned", "pruned", "t:pruning"),
        ("Convolutional Sparse Coding", "Convolutional", "t:convolution"),
        ("a vector-quantized code book", "vector-quantized", "t:vq"),
        ("the model is quantized to 4 bits", "quantized", "t:quantization"),
        ("a fine-tuned backbone", "fine-tuned", "t:fine-tuning"),
    ],
)
def test_inflected_forms_match(nlp, text, surface, iri):
    assert (surface, iri) in found(nlp, text)


@pytest.mark.parametrize(
    ("text", "surface", "iri"),
    [
        ("a ResNet152 backbone", "ResNet152", "t:resnet"),
        ("ResNet-50 features", "ResNet-50", "t:resnet"),
        ("YOLOv5 and YOLOv8-large", "YOLOv5", "t:yolo"),
        ("YOLOv5 and YOLOv8-large", "YOLOv8", "t:yolo"),
        ("a deep seq-2-seq model", "seq-2-seq", "t:seq2seq"),
        ("two seq-to-seq models", "seq-to-seq", "t:seq2seq"),
    ],
)
def test_family_named_inside_a_compound(nlp, text, surface, iri):
    assert (surface, iri) in found(nlp, text)


@pytest.mark.parametrize(
    "text",
    [
        "resnet152 in lowercase",  # a stem must be written as the vocabulary writes it
        "GPT5 someday",  # a short stem glued to a number: a system of its own
        "ResNetwork101",  # more than a version after the stem
    ],
)
def test_compound_that_is_no_family_member(nlp, text):
    assert found(nlp, text) == []


def test_ordinary_inflected_word_is_no_technique(nlp):
    assert found(nlp, "we sampled a few points") == []


def test_longest_match_wins(nlp):
    assert found(nlp, "cross-attention maps") == [("cross-attention", "t:cross-attention")]
    assert found(nlp, "Stable Diffusion XL") == [("Stable Diffusion", "t:sd")]


def test_hyphenated_name_tokenises_like_its_pattern(nlp):
    # the blank tokenizer splits "self-attention" into three tokens: patterns line up
    assert found(nlp, "Self-Attention Guidance") == [("Self-Attention", "t:self-attention")]


def test_concepts_added_later_are_matched(nlp):
    nlp2 = spacy.blank("en")
    ruler = nlp2.add_pipe("paperkg_technique_ruler")
    assert found(nlp2, "a mamba block") == []
    ruler.add_concepts([Concept("t:mamba", "Mamba")])
    assert found(nlp2, "a Mamba block") == [("Mamba", "t:mamba")]


def test_each_junction_takes_a_space_or_a_hyphen():
    forms = label_variants("spectral graph convolution")
    assert {"spectral-graph convolution", "spectral graph-convolution"} <= forms
    assert "spectral-graph-convolution" in forms


def test_hyphenated_multiword_labels_match_in_the_plural():
    from paperkg.extract.technique_ruler import label_variants

    assert "vision-language foundation models" in label_variants("vision-language foundation model")
