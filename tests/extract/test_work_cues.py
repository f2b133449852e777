"""Words around a name that make it a work, a dataset or the paper's own (language/work_cues.py).

Fixtures `related_cues.md` (a list) and `per-paper-cues/` (a per-paper note), with gold
files labelled by hand before the extractor ran on them; the names in them are made up.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from paperkg.extract.evaluation import evaluate
from paperkg.extract.language.pipeline import build_nlp, extract_entries
from paperkg.extract.language.vocabulary import load_vocabulary
from paperkg.extract.language.word_kinds import stop_lists
from paperkg.extract.reading.markdown import parse_notes
from paperkg.extract.reading.source import read_notes

FIXTURES = Path(__file__).parent.parent / "fixtures"


@pytest.fixture(scope="module")
def vocab():
    return load_vocabulary()


@pytest.fixture(scope="module")
def nlp(vocab):
    return build_nlp(vocab)


def works(nlp, text: str) -> list[str]:
    doc = nlp(text)
    return [s.text for s in doc.spans["named_works"]]


def not_works(nlp, text: str) -> list[tuple[str, str]]:
    doc = nlp(text)
    return [(s.text, s.label_) for s in doc.spans["not_works"]]


def test_list_notes_score_against_the_hand_labels(vocab):
    entries = parse_notes(read_notes(FIXTURES / "related_cues.md")).entries
    scores = evaluate(extract_entries(entries, vocab), FIXTURES / "related_cues.jsonl", vocab)
    assert scores.errors == ()
    assert scores.related.precision == scores.related.recall == 1.0


def test_per_paper_note_scores_against_the_hand_labels(vocab):
    from paperkg.extract.reading.note_links import resolve_note_links

    from paperkg.run.collect import extract_notes

    folder = FIXTURES / "per-paper-cues"
    files = extract_notes([folder], vocab).files
    records = [item for f in files for item in f.entries]
    scores = evaluate(
        records, folder / "gold.jsonl", vocab, roots=[folder], note_links=resolve_note_links(files)
    )
    assert scores.found_entries == 2
    assert scores.related.precision == scores.related.recall == 1.0


@pytest.mark.parametrize(
    "text, name",
    [
        ("as suggested by Quenby and Dravitz, the loss", "Quenby and Dravitz"),
        ("much like Smith and Jones (2019) did", "Smith and Jones (2019)"),
        ("GBDTs from Ng et al., 2017 here", "Ng et al., 2017"),
        ("the closest is Quorn et al. [2021], on", "Quorn et al. [2021]"),
        ("unlike Vaskovitch et al. the model", "Vaskovitch et al."),
        ("the layout is that of the OpenAI paper.", "OpenAI paper"),
        ("older methods such as Deep and Narrow treat", "Deep and Narrow"),
        ("Latent bundle regression (LBR) is a recent method", "Latent bundle regression"),
    ],
)
def test_cued_works(nlp, text, name):
    assert name in works(nlp, text)


@pytest.mark.parametrize(
    "text",
    [
        "we met by Monday and Friday",  # English words, no year
        "models such as Word2Vec and GloVe",  # a list of names, found one by one
        "Named entity recognition (NER) is a task of tagging",
        "Tests ran on ImageNet-21k, Kinetics-700 and ScanNet",
        "Zorbly work by Google and Microsoft",
    ],
)
def test_no_work_where_no_cue_says_so(nlp, text):
    assert works(nlp, text) == []


def test_a_dataset_is_told_by_its_size_or_a_description(nlp):
    assert ("QuixBank", "DATASET") in not_works(nlp, "trained on QuixBank (800M tokens, 8k vocab)")
    assert ("QuixBank", "DATASET") in not_works(nlp, "QuixBank: a video dataset of streets")
    assert works(nlp, "QuixBank: we use it to train") == ["QuixBank"]


def test_own_names_after_present_or_coined_in_quotes(nlp):
    labels = not_works(nlp, 'The authors present ZorbMatch, with a "ZenCoder" encoder')
    assert ("ZorbMatch", "OWN") in labels and ("ZenCoder", "OWN") in labels
    assert ("ZorbMatch", "OWN") not in not_works(nlp, "They compare with ZorbMatch")


def test_a_known_model_after_a_technique_acronym_is_a_variant_of_it(nlp):
    assert "MLP-BERT" in works(nlp, "better than MLP-BERT here")
    assert works(nlp, "a CNN-LSTM stack") == []  # two generic techniques, no name


def test_the_datasets_file_is_broad_and_matches_spellings():
    stops = stop_lists()
    assert len(stops.known_datasets) >= 400
    for name in ("MS-COCO", "mscoco", "LibriSpeech", "VoxCeleb2", "HumanEval", "FB15k-237"):
        assert stops.is_dataset(name), name
    assert not stops.is_dataset("StyleFlow")


def test_a_version_glued_to_a_family_name_is_the_technique(nlp):
    doc = nlp("zero-shot like GPT3, on a BERT_BASE encoder")
    labels = {span.id_.rsplit("/", 1)[-1] for span in doc.spans["techniques"]}
    assert {"gpt-3", "bert"} <= labels
    assert works(nlp, "zero-shot like GPT3") == []


def test_an_organisation_is_no_work_but_its_named_system_is(nlp):
    assert works(nlp, "a model by Baidu, better than Tencent here") == []
    assert works(nlp, "disagrees with Baidu-DX on curves") == ["Baidu-DX"]


@pytest.mark.parametrize(
    "text, name, data",
    [
        ("A popular dataset is QuixBank-2 for time", "QuixBank-2", True),
        ("scores on the benchmark QuixBank", "QuixBank", True),
        ("tested on the QuixBank corpus", "QuixBank", True),
        ("This is QuixBank, a new model", "QuixBank", False),
    ],
)
def test_data_words_around_a_name(nlp, text, name, data):
    from paperkg.extract.language.work_cues import named_as_data

    doc = nlp(text)
    at = text.index(name)
    assert named_as_data(doc, doc.char_span(at, at + len(name))) is data


def test_a_link_the_text_calls_data_is_no_related_work(vocab):
    from paperkg.extract.records import Entry, Link

    text = "A popular dataset is QuixBank-2; ZorbTime did better than Quaxnet."
    links = (Link("QuixBank-2", "https://data.example.org/quixbank2", 1),)
    entry = Entry("n.md", 1, 1, (), "Zorb", None, comment=text, text=text, links=links)
    (item,) = extract_entries([entry], vocab)
    assert "https://data.example.org/quixbank2" not in {r.url for r in item.related}
