"""Notes in shapes the reader had no rule for: each fixture is made-up notes with its
answers (`gold.jsonl`) written by hand before the reader ran on them.

- `blog`: Jekyll `_posts/` and Hugo `content/posts/` (YAML and TOML front matter), the title
  only in front matter, the paper's link in prose ("Link to the paper", "the [paper]");
- `headings`: one heading per paper at several depths under topic headings, a table of
  contents, the full title in a `Paper:` link under a short-name heading, venue suffixes;
- `table`: Markdown tables whose rows are papers, under topic headings;
- `zotero`: literature notes with `*title:*` / `title:` field lines, `[[@citekey]]` links.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from paperkg.extract.language.vocabulary import load_vocabulary
from paperkg.extract.reading.note_links import resolve_note_links

from paperkg.run.collect import extract_notes

UNSEEN = Path(__file__).parent.parent / "fixtures" / "unseen"


@pytest.fixture(scope="module")
def vocab():
    return load_vocabulary()


def _read(folder: Path, vocab):
    files = extract_notes([folder], vocab).files
    by_place = {}
    for notes in files:
        for item in notes.entries:
            if item.entry.kind == "text":
                continue
            relative = str(Path(item.entry.notes_file).resolve().relative_to(folder.resolve()))
            by_place[(relative, item.entry.line)] = item
    return files, by_place


@pytest.mark.parametrize("shape", ["blog", "headings", "table", "zotero"])
def test_every_gold_paper_is_read_with_its_title_link_and_topic(shape, vocab):
    folder = UNSEEN / shape
    gold = [json.loads(line) for line in (folder / "gold.jsonl").read_text().splitlines()]
    _, found = _read(folder, vocab)
    assert sorted(found) == sorted((g["file"], g["line"]) for g in gold)
    for g in gold:
        entry = found[(g["file"], g["line"])].entry
        assert entry.title == g["title"]
        assert entry.url == g["url"]
        assert (entry.section or entry.folder)[-1:] == tuple(g["section"][-1:])


def test_a_wikilink_to_another_literature_note_is_a_relation_to_its_paper(vocab):
    files, _ = _read(UNSEEN / "zotero", vocab)
    records = [item for f in files for item in f.entries]
    links = resolve_note_links(files)
    pairs = {
        (records[source].entry.title, records[link.paper].entry.title)
        for source, found in links.items()
        for link in found
        if link.paper is not None
    }
    assert pairs == {
        ("Pebble Routing for Sparse Mixtures", "Lichen Transformer: Slow Growth for Long Inputs")
    }
