"""More note shapes nobody showed the reader: each fixture under `fixtures/more_unseen/` is
made-up notes with its answers (`gold.jsonl`) written by hand before the reader ran on them.

- `bibliography`: APA, IEEE and ACM references, numbered, bulleted or one per paragraph;
- `logseq`: Logseq pages with `key:: value` properties, and a journal with a block per paper;
- `details`: a paper per `<details><summary>` block, and HTML `<h3>` headings;
- `definitions`: `**Title** — summary [arXiv](...)` paragraphs under topic headings;
- `journal`: a "paper of the week" file, a date heading over each paper's link;
- `notion`: Notion pages (`Property: value` lines under the title) and a wide database table;
- `badges`: awesome-list entries with shields.io badges linking the paper.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from paperkg.extract.language.vocabulary import load_vocabulary

from paperkg.run.collect import extract_notes

MORE = Path(__file__).parent.parent / "fixtures" / "more_unseen"
SHAPES = ["bibliography", "logseq", "details", "definitions", "journal", "notion", "badges"]


@pytest.fixture(scope="module")
def vocab():
    return load_vocabulary()


def _gold(shape: str) -> list[dict]:
    text = (MORE / shape / "gold.jsonl").read_text()
    return [json.loads(line) for line in text.splitlines()]


def _read(folder: Path, vocab) -> dict:
    found = {}
    for notes in extract_notes([folder], vocab).files:
        for item in notes.entries:
            if item.entry.kind == "text":
                continue
            relative = str(Path(item.entry.notes_file).resolve().relative_to(folder.resolve()))
            found[(relative, item.entry.line)] = item.entry
    return found


@pytest.mark.parametrize("shape", SHAPES)
def test_every_gold_paper_is_found_at_its_line_and_nothing_else(shape, vocab):
    found = _read(MORE / shape, vocab)
    assert sorted(found) == sorted((g["file"], g["line"]) for g in _gold(shape))


@pytest.mark.parametrize("shape", SHAPES)
def test_every_gold_paper_has_its_title_link_and_topic(shape, vocab):
    found = _read(MORE / shape, vocab)
    for g in _gold(shape):
        entry = found.get((g["file"], g["line"]))
        assert entry is not None, g
        assert (entry.title, entry.url) == (g["title"], g["url"])
        assert (entry.section or entry.folder)[-1:] == tuple(g["section"][-1:])
