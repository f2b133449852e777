"""A paper of the notes that introduced a technique, known by its title from the vocabulary
(`pkg:introducedIn`, extract/language/introducing_titles.py), relates every entry that
names the technique to it (extract/reading/introduced.py), within a file and across notes.

The notes are made up for these tests: only the introducing titles are real.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from paperkg.extract.language.pipeline import extract_entries
from paperkg.extract.language.vocabulary import load_vocabulary
from paperkg.extract.records import Entry, ExtractedEntry, NotesFile, TechniqueMention
from paperkg.graph.rdf.build import build_rdf

from paperkg.run.collect import extract_notes
from paperkg.run.record_json import decode, encode

TECH = "https://w3id.org/paperkg/technique/"
RESNET = TECH + "resnet"
TRANSFORMER = TECH + "transformer"

READING_LIST = """# Reading list

## Vision

- [Deep Residual Learning for Image Recognition](https://arxiv.org/abs/1512.03385) [9/10]
  - Identity shortcuts make a very deep network trainable.
- [Zorbnet: Counting Pebbles in Riverbeds](https://arxiv.org/abs/2101.00001) [6/10]
  - Uses a ResNet backbone, frozen after the first epoch.
- [Quillform: Sorting Shells by Texture](https://arxiv.org/abs/2101.00002) [5/10]
  - A plain convolutional network, no shortcuts.
"""


def read(folder: Path, vocab) -> tuple[NotesFile, ...]:
    """The records of the notes in `folder`, their links between notes resolved."""
    return extract_notes([folder], vocab).files


def write(folder: Path, files: dict[str, str]) -> Path:
    folder.mkdir(exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def by_title(notes: NotesFile) -> dict[str, ExtractedEntry]:
    return {item.entry.title: item for item in notes.entries}


def targets(item: ExtractedEntry) -> list[int | None]:
    return [r.target for r in item.related if r.target is not None]


def test_an_entry_naming_a_technique_relates_to_the_entry_that_introduced_it(tmp_path, vocab):
    (notes,) = read(write(tmp_path / "notes", {"list.md": READING_LIST}), vocab)
    entries = by_title(notes)
    resnet_paper = entries["Deep Residual Learning for Image Recognition"]
    zorbnet = entries["Zorbnet: Counting Pebbles in Riverbeds"]
    # the paper that introduced ResNet mentions it, from its title, marked so
    (own,) = [t for t in resnet_paper.techniques if t.concept == RESNET]
    assert own.introduced and own.part == "title" and own.line == resnet_paper.entry.line
    # the entry that uses it names the technique and relates to that paper
    (used,) = [t for t in zorbnet.techniques if t.concept == RESNET]
    assert not used.introduced and used.surface == "ResNet"
    assert targets(zorbnet) == [notes.entries.index(resnet_paper)]
    assert [r.surface for r in zorbnet.related] == ["ResNet"]
    assert targets(entries["Quillform: Sorting Shells by Texture"]) == []
    assert targets(resnet_paper) == []


def test_the_title_is_compared_without_case_or_punctuation(tmp_path, vocab):
    text = READING_LIST.replace(
        "Deep Residual Learning for Image Recognition",
        "deep residual learning for image-recognition.",
    )
    (notes,) = read(write(tmp_path / "notes", {"list.md": text}), vocab)
    assert targets(by_title(notes)["Zorbnet: Counting Pebbles in Riverbeds"]) == [0]


@pytest.mark.parametrize(
    "title",
    [
        "Deep Residual Learning for Image Recognition Revisited",
        "Deep Residual Learning",
        "ResNet Strikes Back: An Improved Training Procedure in timm",
    ],
)
def test_a_title_that_is_only_similar_introduces_nothing(tmp_path, vocab, title):
    text = READING_LIST.replace("Deep Residual Learning for Image Recognition", title)
    (notes,) = read(write(tmp_path / "notes", {"list.md": text}), vocab)
    assert not any(t.introduced for item in notes.entries for t in item.techniques)
    assert all(targets(item) == [] for item in notes.entries)


def test_a_technique_whose_paper_is_not_in_the_notes_relates_nothing(tmp_path, vocab):
    text = READING_LIST.replace(
        "Deep Residual Learning for Image Recognition", "Shortcut Tricks for Shallow Networks"
    )
    (notes,) = read(write(tmp_path / "notes", {"list.md": text}), vocab)
    zorbnet = by_title(notes)["Zorbnet: Counting Pebbles in Riverbeds"]
    assert RESNET in {t.concept for t in zorbnet.techniques}  # still the technique
    assert all(targets(item) == [] for item in notes.entries)


PAPER_NOTE = """---
title: "{title}"
---

Paper: https://arxiv.org/abs/{arxiv}

{body}
"""


def test_across_per_paper_notes_the_mention_links_to_the_introducing_note(tmp_path, vocab):
    folder = write(
        tmp_path / "vault",
        {
            "aiayn.md": PAPER_NOTE.format(
                title="Attention Is All You Need",
                arxiv="1706.03762",
                body="Self-attention only, no recurrence; multi-head attention everywhere.",
            ),
            "zorbformer.md": PAPER_NOTE.format(
                title="Zorbformer: Reading Tide Tables Aloud",
                arxiv="2101.00003",
                body="A small Transformer decoder reads the tables row by row.",
            ),
            "pebbles.md": PAPER_NOTE.format(
                title="Pebble Sorting with Recurrent Nets",
                arxiv="2101.00004",
                body="An LSTM reads the pebbles one at a time.",
            ),
        },
    )
    files = read(folder, vocab)
    flat = [item for notes in files for item in notes.entries]
    notes_by_name = {Path(notes.path).name: notes.entries[0] for notes in files}
    paper = notes_by_name["aiayn.md"]
    assert {t.concept for t in paper.techniques if t.introduced} == {TRANSFORMER}
    linked = [flat[r.paper] for r in notes_by_name["zorbformer.md"].resolved_links]
    assert linked == [paper]
    assert TRANSFORMER in {t.concept for t in notes_by_name["zorbformer.md"].techniques}
    assert notes_by_name["pebbles.md"].resolved_links == ()


def test_a_technique_named_by_the_title_alone_relates_nothing(tmp_path, vocab):
    text = """# Reading list

- [Attention Is All You Need](https://arxiv.org/abs/1706.03762) [8/10]
- [Zorb: Efficient Transformers for Pebble Counting](https://arxiv.org/abs/2101.00005) [6/10]
  - Counts pebbles in one pass.
- [Quill: Efficient Transformers for Shell Sorting](https://arxiv.org/abs/2101.00006) [7/10]
  - Replaces the transformer's softmax with a cheaper kernel.
"""
    (notes,) = read(write(tmp_path / "notes", {"list.md": text}), vocab)
    entries = by_title(notes)
    zorb = entries["Zorb: Efficient Transformers for Pebble Counting"]
    assert TRANSFORMER in {t.concept for t in zorb.techniques}  # still the technique
    assert targets(zorb) == []  # a related work is named outside the entry's own title
    assert targets(entries["Quill: Efficient Transformers for Shell Sorting"]) == [0]


def test_extract_entries_marks_the_introducing_entry_itself(vocab):
    entry = Entry("list.md", 3, 3, (), "Attention is all you need", None)
    (found,) = extract_entries([entry], vocab)
    (mention,) = [t for t in found.techniques if t.concept == TRANSFORMER]
    assert mention.introduced
    assert (mention.surface, mention.part, mention.line) == (
        "Attention is all you need",
        "title",
        3,
    )


def test_a_mention_without_the_mark_is_as_before():
    old = {"concept": RESNET, "label": "ResNet", "surface": "ResNet", "part": "comment", "line": 4}
    mention = decode(TechniqueMention, old)  # a record cached before the field existed
    assert mention == TechniqueMention(RESNET, "ResNet", "ResNet", "comment", 4)
    assert mention.introduced is False
    assert encode(mention)["introduced"] is False


def test_the_mark_adds_no_triple(tmp_path, vocab):
    """The RDF of a mention is its part, line and words: marked or not, the same triples."""
    (notes,) = read(write(tmp_path / "notes", {"list.md": READING_LIST}), vocab)
    unmarked = replace(
        notes,
        entries=tuple(
            replace(item, techniques=tuple(replace(t, introduced=False) for t in item.techniques))
            for item in notes.entries
        ),
    )
    assert unmarked != notes
    marked_rdf, unmarked_rdf = build_rdf([notes], vocab), build_rdf([unmarked], vocab)
    assert marked_rdf.lines.keys() == unmarked_rdf.lines.keys()
    for graph, lines in marked_rdf.lines.items():
        assert sorted(lines) == sorted(unmarked_rdf.lines[graph]), graph


# --- the vocabulary ------------------------------------------------------------------------


def test_the_vocabulary_records_the_papers_that_introduced_famous_families(vocab):
    introduced = {c.iri: c.introduced_in for c in vocab.concepts if c.introduced_in}
    assert introduced[TRANSFORMER] == ("Attention Is All You Need",)
    assert introduced[RESNET] == ("Deep Residual Learning for Image Recognition",)
    assert 50 <= len(introduced) <= 120


def test_a_user_file_adds_an_introducing_title(tmp_path, vocab):
    extra = tmp_path / "mine.ttl"
    extra.write_text(
        "@prefix pkg: <https://w3id.org/paperkg/ns#> .\n"
        "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
        f"<{TECH}adam> a skos:Concept ;\n"
        '    pkg:introducedIn "Adam: A Method for Stochastic Optimization" .\n'
        '<https://example.org/zorb> skos:prefLabel "Zorbnet" ;\n'
        '    pkg:introducedIn "Zorbnet: Counting Pebbles in Riverbeds" .\n',
        encoding="utf-8",
    )
    merged = load_vocabulary([extra])
    assert merged.get(TECH + "adam").introduced_in == (
        "Adam: A Method for Stochastic Optimization",
    )
    assert merged.get("https://example.org/zorb").introduced_in == (
        "Zorbnet: Counting Pebbles in Riverbeds",
    )
    assert vocab.get(TECH + "adam").introduced_in == ()  # the built-in one is not changed


def test_a_short_name_named_by_another_title_alone_relates_nothing(tmp_path, vocab):
    """The same for a paper whose own short name is the technique ("Mamba")."""
    text = """# Reading list

- [Mamba](https://arxiv.org/abs/2312.00752) [8/10]
- [Zorb: Beyond Mamba for Pebble Counting](https://arxiv.org/abs/2101.00007) [6/10]
  - Counts pebbles in one pass.
- [Quill: Beyond Mamba for Shell Sorting](https://arxiv.org/abs/2101.00008) [7/10]
  - Swaps the selective scan of Mamba for a cheaper one.
"""
    (notes,) = read(write(tmp_path / "notes", {"list.md": text}), vocab)
    entries = by_title(notes)
    assert targets(entries["Zorb: Beyond Mamba for Pebble Counting"]) == []
    assert targets(entries["Quill: Beyond Mamba for Shell Sorting"]) == [0]
