"""A file of paper summaries, one heading per paper, that separates them with rules
(`---`) or copies a results table under one, and cites the paper in its heading: made-up
notes in a shape found by trying new ones. Each read as nothing before."""

from __future__ import annotations

import pytest
from paperkg.extract.reading.markdown import parse_notes
from paperkg.extract.reading.source import NotesSource

SECTIONS = """# Summaries

## Kelp Nets{cite_1}

Link: https://arxiv.org/abs/2101.00001

They grow a layer an epoch.
{between}
## Fern Layers{cite_2}

Link: https://openreview.net/forum?id=Xy12

Prunes like fronds; compared with Zorb-Net.
{between}
## Quorn Attention{cite_3}

Link: https://arxiv.org/abs/2103.00003

Linear attention with a twist.
"""

RESULTS = """
| Method | Top-1 | Top-5 |
|---|---|---|
| ResNet-50 | 76.1 | 93.0 |
| Zorb-Net | 77.0 | 93.5 |
| Kelp Nets | 78.2 | 94.1 |
"""


def _read(text: str):
    notes = parse_notes(NotesSource(path="summaries.md", sha256="0", text=text))
    return [(e.title, e.url) for e in notes.entries if e.kind != "text"], notes.layout


EXPECTED = [
    ("Kelp Nets", "https://arxiv.org/abs/2101.00001"),
    ("Fern Layers", "https://openreview.net/forum?id=Xy12"),
    ("Quorn Attention", "https://arxiv.org/abs/2103.00003"),
]
NO_CITES = {"cite_1": "", "cite_2": "", "cite_3": ""}


@pytest.mark.parametrize("between", ["\n---\n", "\n***\n", "\n- - -\n", RESULTS])
def test_rules_or_a_results_table_between_paper_sections(between):
    papers, layout = _read(SECTIONS.format(between=between, **NO_CITES))
    assert papers == EXPECTED
    assert layout.level == "headings"


def test_a_papers_author_and_year_in_brackets_after_its_name_are_no_part_of_it():
    cites = {"cite_1": " (Quill et al., 2021)", "cite_2": " [Vell, 2022]", "cite_3": " (Bo 2023)"}
    papers, _ = _read(SECTIONS.format(between="\n", **cites))
    assert papers == EXPECTED


def test_a_version_in_brackets_stays_part_of_the_name():
    text = SECTIONS.format(between="\n", cite_1=" (v2)", cite_2="", cite_3="")
    papers, _ = _read(text)
    assert papers[0][0] == "Kelp Nets (v2)"


def test_a_results_table_with_its_papers_links_is_still_a_list_of_papers():
    text = (
        "# Leaderboard\n\n| Model | Top-1 | Paper |\n|---|---|---|\n"
        "| Kelp Nets | 78.2 | [arXiv](https://arxiv.org/abs/2101.00001) |\n"
        "| Fern Layers | 77.0 | [OpenReview](https://openreview.net/forum?id=Xy12) |\n"
    )
    papers, layout = _read(text)
    assert [url for _, url in papers] == [EXPECTED[0][1], EXPECTED[1][1]]
    assert layout.level == "table rows"
