"""The pipeline on notes written in forms the vocabulary does not list (fixture
`unseen_forms.md`, gold `unseen_forms.jsonl` labelled before the extractor ran on it)."""

from __future__ import annotations

from pathlib import Path

import pytest
from paperkg.extract.evaluation import evaluate
from paperkg.extract.language.pipeline import extract_entries
from paperkg.extract.language.vocabulary import load_vocabulary
from paperkg.extract.reading.markdown import parse_notes
from paperkg.extract.reading.source import read_notes

FIXTURES = Path(__file__).parent.parent / "fixtures"


@pytest.fixture(scope="module")
def extracted():
    vocab = load_vocabulary()
    entries = parse_notes(read_notes(FIXTURES / "unseen_forms.md")).entries
    return extract_entries(entries, vocab)


def test_scores_against_the_hand_labels(extracted):
    scores = evaluate(extracted, FIXTURES / "unseen_forms.jsonl")
    assert scores.errors == ()
    assert scores.techniques.precision == scores.techniques.recall == 1.0
    assert scores.related.precision == scores.related.recall == 1.0


def test_a_technique_named_three_times_is_one_mention_at_its_first_place(extracted):
    dropouts = [t for t in extracted[1].techniques if t.label == "dropout"]
    assert len(dropouts) == 1
    assert dropouts[0].surface == "dropout" and dropouts[0].line == 6


def test_negated_mentions_still_name_the_technique(extracted):
    labels = {t.label for t in extracted[1].techniques}
    assert {"batch normalization", "dropout"} <= labels  # "no BN and no dropout"


def test_the_title_candidate_is_listed_under_its_head(extracted):
    (candidate,) = [t for t in extracted[2].techniques if t.candidate]
    assert candidate.label == "quantile normalization" and candidate.part == "title"
