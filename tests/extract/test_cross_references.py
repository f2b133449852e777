"""The cross-reference linker alone: short names, quoted titles, positions."""

from __future__ import annotations

import pytest
import spacy
from paperkg.extract.language.cross_references import NEXT, PREV, normalise, short_name

TITLES = [
    "Editing Implicit Assumptions in Text-to-Image Diffusion Models",
    "Ablating Concepts in Text-to-Image Diffusion Models",
    "Erasing Concepts from Diffusion Models",
    "Anti-DreamBooth: Protecting Users from Personalized Text-to-image Synthesis",
    "MOST: Multiple Object Localization with Self-Supervised Transformers",
    "A-ViT: Adaptive Tokens for Efficient Vision Transformer",
]


@pytest.fixture()
def linker_nlp():
    nlp = spacy.blank("en")
    linker = nlp.add_pipe("paperkg_cross_references")
    linker.set_catalogue(TITLES)
    return nlp


def refs(nlp, text: str) -> list[tuple[str, str, str]]:
    doc = nlp(text)
    return [(s.text, s.label_, s.kb_id_) for s in doc.spans["cross_references"]]


def test_short_name_is_the_part_before_the_colon():
    assert short_name(TITLES[3]) == "Anti-DreamBooth"
    assert short_name(TITLES[0]) is None
    assert normalise("Anti-DreamBooth") == normalise("anti dreambooth") == "antidreambooth"


@pytest.mark.parametrize(
    "text", ["better than anti-dreambooth", "like Anti DreamBooth", "vs antidreambooth"]
)
def test_short_name_any_case_hyphen_or_space(linker_nlp, text):
    assert [(label, kb) for _, label, kb in refs(linker_nlp, text)] == [("ENTRY", "3")]


def test_near_spelling_of_a_short_name(linker_nlp):
    assert [kb for _, _, kb in refs(linker_nlp, "unlike anti-dreambooht")] == ["3"]


def test_common_word_short_name_needs_its_case(linker_nlp):
    assert refs(linker_nlp, "most of the models") == []
    assert [kb for _, _, kb in refs(linker_nlp, "compared to MOST")] == ["4"]


def test_quoted_title(linker_nlp):
    text = 'the one below ("Erasing Concepts from Diffusion Models") keeps knowledge'
    found = refs(linker_nlp, text)
    assert ("Erasing Concepts from Diffusion Models", "ENTRY", "2") in found
    assert ("the one below", NEXT, "") in found


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("the one above is better", PREV),
        ("see the previous paper", PREV),
        ("next one does it too", NEXT),
        ("same trick with skipping most tokens, for videos", PREV),
    ],
)
def test_positions(linker_nlp, text, label):
    assert [lab for _, lab, _ in refs(linker_nlp, text)] == [label]


def test_same_trick_inside_a_sentence_is_not_a_position(linker_nlp):
    assert refs(linker_nlp, "probably same approach can be useful elsewhere") == []


def test_catalogue_is_scoped(linker_nlp):
    linker = linker_nlp.get_pipe("paperkg_cross_references")
    with linker.catalogue(["DreamFusion: Text-to-3D"]):
        assert [kb for _, _, kb in refs(linker_nlp, "like dreamfusion")] == ["0"]
    assert refs(linker_nlp, "like dreamfusion") == []


def test_a_catalogue_put_back_links_as_a_fresh_one(linker_nlp):
    """A worker switches between files' catalogues; the last one is kept, not rebuilt."""
    linker = linker_nlp.get_pipe("paperkg_cross_references")
    text = 'better than anti-dreambooht, unlike MOST ("Erasing Concepts from Diffusion Models")'
    fresh = refs(linker_nlp, text)
    kept = linker._names
    linker.set_catalogue(())  # as `catalogue()` does after each range
    assert refs(linker_nlp, text) == []
    linker.set_catalogue(TITLES)
    assert linker._names is kept  # put back, not rebuilt
    assert refs(linker_nlp, text) == fresh
    linker.set_catalogue(["ZorbNet: Other Titles", "MOST of the Rest"])
    assert refs(linker_nlp, text) != fresh
    linker.set_catalogue(())
    linker.set_catalogue(TITLES)  # another file's came between: built again, the same
    assert linker._names is not kept
    assert refs(linker_nlp, text) == fresh
