"""The technique ruler alone: variants, case, context vetoes, longest match."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
import spacy
from paperkg.extract.language.technique_ruler import (
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
    from paperkg.extract.language.technique_ruler import label_variants

    assert "vision-language foundation models" in label_variants("vision-language foundation model")


TEXTS = (
    "We fine-tune SD with LoRA adapters and self attention; no CLIP.",
    "ResNet152 and YOLOv5 backbones, depthwise convs, vector-quantized codes.",
    "A seq-2-seq model with low-rank adaptation and pruned GANs.",
    "Cross-attention maps from stable diffusion, DINO features, NeRFs.",
)


def _ruler_nlp():
    nlp = spacy.blank("en")
    nlp.add_pipe("paperkg_technique_ruler").add_concepts(CONCEPTS)
    return nlp


def test_deferred_patterns_match_as_an_eager_compile():
    # patterns wait until a text holds their pieces; a pipeline that was shown every pattern
    # first (so all are compiled) must find the same spans, in any order of texts
    eager = _ruler_nlp()
    ruler = eager.get_pipe("paperkg_technique_ruler")
    ruler.patterns.admit(eager.make_doc(" ".join(ruler.patterns.waiting)))
    assert not ruler.patterns.waiting
    lazy, lazy_reversed = _ruler_nlp(), _ruler_nlp()
    expected = [found(eager, t) for t in TEXTS]
    assert [found(lazy, t) for t in TEXTS] == expected
    assert [found(lazy_reversed, t) for t in reversed(TEXTS)] == expected[::-1]
    assert all(expected)


def test_a_pattern_waits_for_the_text_that_holds_it():
    nlp = _ruler_nlp()
    patterns = nlp.get_pipe("paperkg_technique_ruler").patterns
    assert "low-rank adaptation" in patterns.waiting
    assert found(nlp, "nothing technical here") == []
    assert "low-rank adaptation" in patterns.waiting
    assert found(nlp, "low-rank adaptation") == [("low-rank adaptation", "t:lora")]
    assert "low-rank adaptation" not in patterns.waiting


def test_every_deferred_vocabulary_pattern_keeps_its_pieces_in_single_tokens():
    # deferring is exact only if the tokenizer never splits a run of letters and digits of a
    # pattern into two tokens (then a text could match it without holding the run)
    from paperkg.extract.language.pipeline import build_nlp
    from paperkg.extract.language.technique_ruler import _PIECES
    from paperkg.extract.language.vocabulary import load_vocabulary

    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("paperkg_technique_ruler")
    ruler.add_concepts(load_vocabulary().concepts)
    assert len(ruler.patterns.waiting) > 10_000
    tokenizer = build_nlp(load_vocabulary()).tokenizer
    split = [
        form
        for form in ruler.patterns.waiting
        if set(_PIECES.findall(form.lower()))
        != {p for t in tokenizer(form) for p in _PIECES.findall(t.lower_)}
    ]
    assert split == []


def test_patterns_compiled_ahead_from_a_whole_text_match_as_if_due():
    # the parent of extraction workers compiles ahead what a notes file's words call for
    text = "\n".join(f"- **{t}** [link](https://example.org/{i})" for i, t in enumerate(TEXTS))
    ahead = _ruler_nlp()
    patterns = ahead.get_pipe("paperkg_technique_ruler").patterns
    patterns.admit_text(text)
    assert "low-rank adaptation" not in patterns.waiting  # compiled before any doc
    assert "vector quantization" not in text and patterns.waiting  # others still wait
    assert [found(ahead, t) for t in TEXTS] == [found(_ruler_nlp(), t) for t in TEXTS]
