"""An outliner's journal (Logseq, Roam, Obsidian daily notes) and its pages: made-up notes
in a shape found by trying new ones. A journal names a paper by a page link or a line with
tags, its link a child bullet; a page holds the paper's properties (`url:: ...`)."""

from __future__ import annotations

import pytest
from paperkg.extract.reading.markdown import parse_notes
from paperkg.extract.reading.source import NotesSource


def _papers(text: str, path: str = "journals/2024_03_02.md"):
    notes = parse_notes(NotesSource(path=path, sha256="0", text=text), ())
    return [(e.title, e.url) for e in notes.entries if e.kind != "text"], notes.layout


KELP = "https://arxiv.org/abs/2101.00001"
FERN = "https://openreview.net/forum?id=Xy12"


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("[[Kelp Nets]] #paper", "[[Fern Layers]] #paper"),
        ("Kelp Nets #paper #growth", "Fern Layers #paper"),
        ("Read [[Kelp Nets]] today", "Skimmed [[Fern Layers]]"),
    ],
)
def test_a_journals_papers_are_its_page_links_or_tagged_lines(first, second):
    text = f"- {first}\n  - {KELP}\n  - grows a layer\n- {second}\n  - {FERN}\n- groceries\n"
    papers, layout = _papers(text)
    assert papers == [("Kelp Nets", KELP), ("Fern Layers", FERN)]
    assert layout.level == "list items"


def test_a_sentence_around_a_page_link_stays_the_title():
    text = (
        f"- [Kelp Nets]({KELP}) reads much like what [[Fern Layers]] did for pruning of big nets\n"
        f"- [Fern Layers]({FERN})\n"
    )
    papers, _ = _papers(text)
    assert papers[0] == ("Kelp Nets", KELP)


@pytest.mark.parametrize(
    "properties",
    ["type:: paper\nurl:: " + KELP, "url:: " + KELP + "\nauthors:: Quill"],
)
def test_a_page_of_properties_is_the_paper_named_by_the_page(properties):
    papers, layout = _papers(f"{properties}\n\n- grows a layer an epoch\n", "pages/Kelp Nets.md")
    assert papers == [("Kelp Nets", KELP)]
    assert layout.level == "one paper per file"
