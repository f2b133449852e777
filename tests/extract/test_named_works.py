"""The named-work matcher alone (with a technique ruler before it, as in the pipeline)."""

from __future__ import annotations

from dataclasses import dataclass

import paperkg.extract.language.named_works  # noqa: F401  (registers the matcher's factory)
import paperkg.extract.language.technique_ruler  # noqa: F401  (registers the ruler's factory)
import pytest
import spacy
from paperkg.extract.language.word_kinds import is_common_word, looks_english


@dataclass(frozen=True)
class Concept:
    iri: str
    pref_label: str
    alt_labels: tuple[str, ...] = ()
    case_sensitive_labels: tuple[str, ...] = ()


@pytest.fixture(scope="module")
def nlp():
    nlp = spacy.blank("en")
    nlp.add_pipe("paperkg_technique_ruler").add_concepts(
        [
            Concept("t:stylegan", "StyleGAN"),
            Concept("t:adapter", "adapter", ("adapters",)),
            Concept("t:clip", "CLIP"),
            Concept("t:fid", "FID"),
            Concept("t:sd", "Stable Diffusion", ("SD",), ("SD",)),
        ]
    )
    nlp.add_pipe("paperkg_named_works")
    return nlp


def names(nlp, text: str) -> list[str]:
    doc = nlp(text)
    return [s.text for s in doc.spans["named_works"]]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("results are better than StyleFlow", "StyleFlow"),
        ("HairCLIPv2 looks good", "HairCLIPv2"),
        ("EMU from Meta is tuned on 2k images", "EMU"),
        ("why not better than EMU then?", "EMU"),
        ("ridiculously large models (GPT5 or something)", "GPT5"),
        ("similar to IP-adapter, just a bit different", "IP-adapter"),
        ("clip loss as in StyleGAN-NADA", "StyleGAN-NADA"),
        ("improvements over text2live for atlas-based stylization", "text2live"),
        ("edit with instruct pix2pix then continue", "pix2pix"),
        ("cherry picked examples are better than styleflow", "styleflow"),
        ("similar to stylegan-nada", "stylegan-nada"),
        ("compared with Quorn and beats it by 2 points", "Quorn"),  # capitalised, no word
        ("LaMa has problems", "LaMa"),
    ],
)
def test_named_work_shapes(nlp, text, name):
    assert name in names(nlp, text)


@pytest.mark.parametrize(
    "text",
    [
        "extensions to a1111, overall legit idea",  # a software tool
        "8x better quality in 1-bit precision, 5x5 conv, 300ms, 2k samples",  # units
        "close to sota on captioning, vqa, GT and OOD",  # generic acronyms
        "this is INSIGHTFUL paper with MUCH LESS data",  # emphasis
        "pretrained text2image and image2image models",  # tasks, not names
        "prompt1 and prompt2 give similar masks",  # variables
        "better FID than SD",  # techniques of the vocabulary
        "better than expected, similar to humans",  # ordinary words after a cue
        "trained on cifar100 and ImageNet",  # datasets
        "why not in EMU then? WER drops on TIMIT",  # bare acronyms: datasets, metrics, tasks
        "the NN and two LMs, OD is hard",  # two-capital abbreviations and their plurals
        "conv3x3 then nxn and kxk kernels, relu4 and conv5_1 features",  # layer shorthand
        "set maxScore = stepSize * x",  # code identifiers of ordinary words
        "results on the Zorblax corpus; Zorblax is hard",  # a dataset, by its dataset word
        "named entity recognition (NER), then NER again",  # an abbreviation the text defines
        "a Sparse Gating Unit (SGU) is used",  # the same in Title Case
        "CLM (Cross-Modal Learning) helps",  # defined after, initials in another order
        "bce-weights and kl-loss terms",  # loss and weight shorthand
        "a guided-CLIP step and a StyleGAN-adapter model",  # techniques described, no name added
        "PredictionError and SmoothnessPenalty terms",  # quantities in CamelCase
        "the MRR-results table",  # a metric and an ordinary word
        "better than narrower ones, unlike Gaussian ones",  # English comparatives, -ian
        "compared with Table 3, similar to Figure 2, better than Google",  # words, an organisation
    ],
)
def test_not_named_works(nlp, text):
    assert names(nlp, text) == []


def test_compound_name_takes_over_the_technique_inside(nlp):
    doc = nlp("Similar to IP-Adapter here")
    assert [s.text for s in doc.spans["named_works"]] == ["IP-Adapter"]
    assert [s.text for s in doc.spans["techniques"]] == []


def test_a_name_before_a_parameter_count_is_a_model(nlp):
    text = "Zorbo (280B), Quarkle-2 (7B) and Fizz-Buzz XL (1.5M), but not Table (3B)"
    assert names(nlp, text) == ["Zorbo", "Quarkle-2", "Fizz-Buzz XL"]


def test_a_compound_of_techniques_ending_in_a_named_model_is_a_name(nlp):
    assert names(nlp, "compared with Sparse-StyleGAN and a StyleGAN-Adapter") == ["Sparse-StyleGAN"]


def test_hardware_with_a_version_is_no_work(nlp):
    assert names(nlp, "runs on TPUv4i and GPUv2 chips") == []


def test_coordinated_rare_word_is_a_name_too(nlp):
    assert names(nlp, "didn't use transformers in EMU/sdxl then?") == ["EMU", "sdxl"]


def test_word_lists():
    assert is_common_word("time") and is_common_word("most")
    assert not is_common_word("styleflow")
    assert looks_english("unedited") and not looks_english("dreambooth")
