"""The whole extraction pipeline on entries: techniques, related works, code links."""

from __future__ import annotations

from pathlib import Path

import pytest
from paperkg.extract.language.pipeline import build_nlp, extract_entries
from paperkg.extract.language.vocabulary import Concept, Vocabulary, load_vocabulary
from paperkg.extract.reading.markdown import parse_notes
from paperkg.extract.reading.source import read_notes
from paperkg.extract.records import Entry, Link

FIXTURES = Path(__file__).parent.parent / "fixtures"


@pytest.fixture(scope="module")
def vocab() -> Vocabulary:
    return load_vocabulary()


def entry(title: str, comment: str = "", summary: str = "", links=(), line: int = 1) -> Entry:
    return Entry(
        notes_file="notes.md",
        line=line,
        end_line=line,
        section=("Papers",),
        title=title,
        url=f"https://example.org/{line}",
        summary=summary or None,
        comment=comment or None,
        links=tuple(links),
        text=" ".join(x for x in (summary, title, comment) if x),
        part_lines=(("title", line), ("summary", line), ("comment", line)),
    )


@pytest.fixture(scope="module")
def fixture_notes(vocab):
    parsed = parse_notes(read_notes(FIXTURES / "nlp_related_forms.md"))
    return extract_entries(parsed.entries, vocab)


def related(x) -> list[tuple]:
    return [(r.target, r.name, r.url, r.relation) for r in x.related]


def test_short_name_target(fixture_notes):
    assert related(fixture_notes[0]) == [(3, None, None, "improves_on")]


def test_quoted_title_and_the_one_below_give_one_target(fixture_notes):
    assert related(fixture_notes[1]) == [(2, None, None, None)]


def test_compared_with_cue(fixture_notes):
    assert related(fixture_notes[2]) == [(3, None, None, "compared_with")]


def test_arxiv_link_is_related_and_code_link_is_code(fixture_notes):
    x = fixture_notes[3]
    assert (None, "this work", "https://arxiv.org/abs/2110.08398", None) in related(x)
    assert (None, "IP-adapter", None, "similar_to") in related(x)
    assert x.code == ("https://github.com/example/anti",)
    assert all(r.url != "https://github.com/example/anti" for r in x.related)


def test_named_external_works_with_cues(fixture_notes):
    x = fixture_notes[4]
    assert (3, None, None, None) in related(x)  # "same trick" opening the note: the one above
    assert (None, "text2live", None, "improves_on") in related(x)
    assert (None, "StyleFlow", None, "based_on") in related(x)


def test_never_related_to_itself(vocab):
    xs = extract_entries(
        [entry("MasaCtrl: Mutual Self-Attention Control", "MasaCtrl works, better than MasaCtrl")],
        vocab,
    )
    assert xs[0].related == ()


def test_similar_to_named_work(vocab):
    x = extract_entries([entry("A paper", "Similar to IP-adapter, a bit different")], vocab)[0]
    assert related(x) == [(None, "IP-adapter", None, "similar_to")]


def test_link_text_naming_a_work_on_another_site_is_related(vocab):
    links = [
        Link("RandAug", "https://paperswithcode.com/paper/randaugment", 1),
        Link("some proof", "https://twitter.com/someone/status/1", 1),
        Link("weights", "https://huggingface.co/org/model", 1),
    ]
    x = extract_entries(
        [entry("A paper", "they use RandAug and there is some proof, weights", links=links)],
        vocab,
    )[0]
    names = {r.name for r in x.related}
    assert names == {"RandAug", "some proof"}
    assert x.code == ("https://huggingface.co/org/model",)


@pytest.mark.parametrize(
    ("text", "url"),
    [
        ("great talk", "https://conf.example/virtual/poster_123.html"),
        ("slides", "https://conf.example/slides.pdf"),
        ("video", "https://vimeo.com/1"),
        ("the recording", "https://www.youtube.com/watch?v=x"),
        ("blog post", "https://someone.example/blog/post"),
        ("here", "https://someone.example/page"),
        ("Features", "https://someone.example/features"),  # one ordinary word, any case
        ("Loss Landscapes", "Loss%20Landscapes.md"),  # the user's own note on a concept
        ("Attention", "https://someone.example/attention"),  # a technique of the vocabulary
        ("NN", "https://someone.example/nn"),
        ("A paper", "https://example.org/9"),  # the entry's own title, linked again
    ],
)
def test_link_texts_that_name_no_work(vocab, text, url):
    x = extract_entries(
        [entry("A paper", f"see {text} for more", links=[Link(text, url, 1)])], vocab
    )
    assert x[0].related == ()


def test_generic_link_text_to_a_paper_is_a_work(vocab):
    link = Link("this talk", "https://arxiv.org/abs/2110.08398", 1)
    x = extract_entries([entry("A paper", "see this talk", links=[link])], vocab)[0]
    assert [r.url for r in x.related] == ["https://arxiv.org/abs/2110.08398"]


def test_named_link_to_another_note_is_a_work(vocab):
    link = Link("TinyZorb", "TinyZorb.md", 1)
    x = extract_entries([entry("A paper", "unlike TinyZorb", links=[link])], vocab)[0]
    assert [r.name for r in x.related] == ["TinyZorb"]


def test_techniques_deduplicated_with_first_provenance(vocab):
    x = extract_entries(
        [entry("LoRA for All", "personalized loras", summary="train LoRAs", line=7)], vocab
    )[0]
    loras = [t for t in x.techniques if t.label == "LoRA"]
    assert len(loras) == 1 and loras[0].part == "title" and loras[0].line == 7


def test_ambiguity_in_entries(vocab):
    x = extract_entries(
        [entry("A paper", "pay attention to the video clip, same as Sam Altman said")], vocab
    )[0]
    assert x.techniques == ()


def test_title_short_name_is_not_a_technique(vocab):
    dlt = Concept("https://example.org/tech/dlt", "DLT", ("direct linear transform",))
    merged = Vocabulary(concepts=(*vocab.concepts, dlt))
    x = extract_entries([entry("DLT: Conditioned layout generation", "exists")], merged)[0]
    assert x.techniques == ()


def test_names_joined_by_plus_are_split(vocab):
    x = extract_entries([entry("A paper", "a ViT+MLP model on CNN+LSTM features")], vocab)[0]
    assert {"CNN", "LSTM"} <= {t.label for t in x.techniques}


def test_title_family_name_is_a_technique(vocab):
    x = extract_entries([entry("EfficientNets: Scaling Networks for Phones", "fast")], vocab)[0]
    assert "EfficientNet" in {t.label for t in x.techniques}
    zorb = Concept("https://example.org/tech/zorbnet", "Zorbnet")
    merged = Vocabulary(concepts=(*vocab.concepts, zorb))
    x = extract_entries([entry("ZORBNET: Towards Speech", "fast")], merged)[0]
    assert "Zorbnet" in {t.label for t in x.techniques}  # the family's name, shouted


def test_title_brand_resembling_a_technique_is_not_one(vocab):
    star = Concept("https://example.org/tech/zorb-star", "Zorb* search", ("zorb-star",))
    merged = Vocabulary(concepts=(*vocab.concepts, star))
    x = extract_entries([entry("ZORB-STAR: Test-time Segregation", "fast")], merged)[0]
    assert "Zorb* search" not in {t.label for t in x.techniques}


def test_extra_concept_is_matched():
    base = load_vocabulary()
    extra = Concept("https://example.org/tech/zorbnet", "ZorbNet", ("zorb network",))
    merged = Vocabulary(concepts=(*base.concepts, extra))
    x = extract_entries([entry("A paper", "built with zorb networks")], merged)[0]
    assert [t.concept for t in x.techniques] == ["https://example.org/tech/zorbnet"]
    assert not extract_entries([entry("A paper", "built with zorb networks")], base)[0].techniques


def test_pipeline_is_cached_per_vocabulary(vocab):
    assert build_nlp(vocab) is build_nlp(vocab)


def test_tokenizer_cache_outgrows_the_vocabulary_patterns(vocab):
    # spaCy's default cache (10,000 chunks) filled up with the vocabulary's patterns and
    # every note was tokenised through the affix rules again: a 2-3x slower NLP stage
    nlp = build_nlp(vocab)
    assert nlp.tokenizer.max_cache_size > 10 * len(nlp.vocab.strings)


def test_a_short_name_that_is_a_technique_is_no_cross_reference(vocab):
    adam = entry("Adam: A Method for Stochastic Optimization", "an optimiser", line=1)
    other = entry("Some GAN Paper", "trained with Adam at a small learning rate", line=2)
    x = extract_entries([adam, other], vocab)[1]
    assert x.related == () and "Adam" in {t.label for t in x.techniques}


def test_a_name_made_of_the_title_initials_is_the_paper_own(vocab):
    title = "Zorbing Networks with Dynamic Routing Graphs"
    x = extract_entries([entry(title, "ZorbNet-DRG beats ResNet, unlike SkipZorb")], vocab)[0]
    assert [r.name for r in x.related] == ["SkipZorb"]
