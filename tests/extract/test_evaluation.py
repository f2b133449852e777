"""Scoring records against a small gold file."""

from __future__ import annotations

from pathlib import Path

import pytest
from paperkg.extract.evaluation import evaluate, format_scores, term_key, url_key
from paperkg.extract.language.pipeline import extract_entries
from paperkg.extract.language.vocabulary import load_vocabulary
from paperkg.extract.reading.markdown import parse_notes
from paperkg.extract.reading.source import read_notes
from paperkg.extract.records import ExtractedEntry

FIXTURES = Path(__file__).parent.parent / "fixtures"
GOLD = FIXTURES / "gold_small.jsonl"


@pytest.fixture(scope="module")
def extracted():
    vocab = load_vocabulary()
    parsed = parse_notes(read_notes(FIXTURES / "nlp_related_forms.md"))
    return extract_entries(parsed.entries, vocab), vocab


def test_keys():
    assert term_key("LoRAs") == term_key("lora") == "lora"
    assert url_key("https://arxiv.org/pdf/2110.08398v2.pdf") == "arxiv:2110.08398"
    assert url_key("https://www.Example.org/x/") == "example.org/x"


def test_scores_on_small_gold(extracted):
    records, vocab = extracted
    scores = evaluate(records, GOLD, vocab)
    assert scores.found_entries == 5 == scores.gold_entries
    assert scores.related.precision == 1.0 and scores.related.recall == 1.0
    assert scores.techniques.recall == 1.0
    # "anti-dreambooth" names DreamBooth in small-001, which the gold does not accept
    assert scores.techniques.fp == 1
    assert any("technique extra\tDreamBooth" in e for e in scores.errors)


def test_missing_records_are_misses(extracted):
    records, vocab = extracted
    scores = evaluate(records[:2], GOLD, vocab)
    assert scores.found_entries == 2
    assert scores.related.fn >= 3
    assert any("entry missed" in e for e in scores.errors)


def test_empty_predictions_have_no_precision():
    scores = evaluate([], GOLD, vocab=None)
    assert scores.techniques.precision is None
    assert scores.entries.recall == 0.0


def test_format_scores(extracted):
    records, vocab = extracted
    text = format_scores(evaluate(records, GOLD, vocab), show_errors=True)
    assert "techniques" in text and "related" in text and "precision" in text
    assert "technique extra" in text


def test_records_without_vocab_use_canonical_labels(extracted):
    records, _ = extracted
    scores = evaluate(list(records), GOLD, vocab=type("V", (), {"concepts": ()})())
    assert isinstance(records[0], ExtractedEntry)
    assert scores.techniques.recall == 1.0


def test_gold_entries_with_a_file_key_are_matched_in_that_file_and_note_links_count(
    fixtures, tmp_path
):
    from paperkg.extract.language.vocabulary import load_vocabulary
    from paperkg.extract.reading.note_links import resolve_note_links

    from paperkg.run.collect import extract_notes

    folder = fixtures / "per-paper"
    vocab = load_vocabulary()
    files = extract_notes([folder], vocab).files
    records = [item for f in files for item in f.entries]
    links = resolve_note_links(files)
    scores = evaluate(records, folder / "gold.jsonl", vocab, roots=[folder], note_links=links)
    assert scores.found_entries == 2 and scores.entries.precision == 1.0
    assert scores.related.recall == 1.0  # the relative link resolves to the other note's paper
    # the same gold, told the notes live in other files, finds nothing
    moved = tmp_path / "moved.jsonl"
    moved.write_text((folder / "gold.jsonl").read_text().replace('"file": "', '"file": "x/'))
    assert evaluate(records, moved, vocab, roots=[folder]).found_entries == 0
