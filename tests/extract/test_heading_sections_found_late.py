"""Summaries with one heading per paper, in two shapes found by trying new made-up notes:
the paper's link on a labelled line at the end of its section, and headings that cite the
paper's authors and year beside its title."""

from __future__ import annotations

import pytest
from paperkg.extract.reading.heading_names import heading_name
from paperkg.extract.reading.markdown import parse_notes
from paperkg.extract.reading.source import NotesSource


def _papers(text: str):
    notes = parse_notes(NotesSource(path="growth.md", sha256="0", text=text))
    return [(e.line, e.section, e.title, e.url) for e in notes.entries if e.kind != "text"]


SUMMARIES = """# Growth papers

## Kelp Nets: Slow Growth for Deep Models

Grows one layer per epoch. The schedule matters most.
They compare with Fern Layers and win.

Source: https://arxiv.org/abs/2101.00001

## Fern Layers: Leafy Residuals

Residual branches that unfold like leaves.

Source: [OpenReview](https://openreview.net/forum?id=FernL)

## Thoughts

Growth seems underexplored. See [my blog](https://me.example.org/growth) and
[Moss Attention](https://arxiv.org/abs/2301.00003), which I have not read.
"""


def test_a_labelled_link_at_the_end_of_a_section_is_its_headings_paper():
    assert _papers(SUMMARIES) == [
        (
            3,
            ("Growth papers",),
            "Kelp Nets: Slow Growth for Deep Models",
            "https://arxiv.org/abs/2101.00001",
        ),
        (
            10,
            ("Growth papers",),
            "Fern Layers: Leafy Residuals",
            "https://openreview.net/forum?id=FernL",
        ),
    ]


def test_a_section_of_several_labelled_papers_is_no_one_paper():
    # the fields name papers of their own: the heading over them is their topic
    two = (
        "# Notes\n\n## Language models\n\nTitle: Heron LM\nLink: https://arxiv.org/abs/2111.00001\n\n"
        "Title: Stork Decoding\nLink: https://arxiv.org/abs/2111.00002\n\n"
        "## Other\n\nTitle: Wren Nets\nLink: https://arxiv.org/abs/2111.00003\n"
    )
    titles = [title for _, _, title, _ in _papers(two)]
    assert "Language models" not in titles and "Other" not in titles


@pytest.mark.parametrize(
    ("heading", "name"),
    [
        ("Fern et al. (2021) — Kelp Nets: Slow Growth", "Kelp Nets: Slow Growth"),
        ("Vell (2022) - Fern Layers", "Fern Layers"),
        ("Quell & Wort, 2023 – Moss Attention", "Moss Attention"),
        ("Kelp Nets — Fern et al. (2021)", "Kelp Nets"),
        ("Kelp Nets - Vell, 2022", "Kelp Nets"),
        # a dash between two names, with no year, is part of the name
        ("Kelp Nets — Fern Nets", "Kelp Nets — Fern Nets"),
    ],
)
def test_a_headings_author_year_citation_is_no_part_of_the_papers_name(heading, name):
    assert heading_name(heading) == name


def test_a_section_whose_prose_links_this_paper_is_that_paper():
    text = (
        "# Reading notes\n\n## Kelp Nets\n\nIn [this paper](https://arxiv.org/abs/2101.00001), "
        "the authors grow a network one layer at a time.\nIt beats Fern Layers on CIFAR.\n\n"
        "## Fern Layers\n\nThe [paper](https://openreview.net/forum?id=FernL) adds leafy "
        "residual branches, unlike [Moss Nets](https://arxiv.org/abs/2301.00003).\n"
    )
    assert _papers(text) == [
        (3, ("Reading notes",), "Kelp Nets", "https://arxiv.org/abs/2101.00001"),
        (8, ("Reading notes",), "Fern Layers", "https://openreview.net/forum?id=FernL"),
    ]
