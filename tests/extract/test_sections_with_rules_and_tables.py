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


@pytest.mark.parametrize(
    "front",
    ["---\ntitle: Weekly summaries\ntags: [reading]\n---\n\n", "---\ntags: [reading]\n---\n\n"],
)
def test_a_summaries_file_with_front_matter_of_its_own_is_read_by_its_headings(front):
    papers, layout = _read(front + SECTIONS.format(between="\n", **NO_CITES))
    assert papers == EXPECTED
    assert layout.level == "headings"


def test_a_post_whose_front_matter_links_its_paper_stays_that_papers_note():
    front = "---\ntitle: Kelp Nets\nurl: https://arxiv.org/abs/2101.00001\n---\n\n"
    papers, layout = _read(front + SECTIONS.format(between="\n", **NO_CITES))
    assert papers == [EXPECTED[0]]
    assert layout.level == "one paper per file"


def test_a_post_with_headings_over_the_papers_it_builds_on_stays_one_paper():
    text = (
        '---\ntitle: "Kelp Nets: Slow Growth for Deep Models"\n---\n\n'
        "[Paper Link](https://arxiv.org/abs/2101.00001)\n\n### Overview\n\nGrows a layer.\n\n"
        "### Builds on\n\n[Fern Layers for Pruning](https://arxiv.org/abs/2102.00002)\n\n"
        "### Compared with\n\n[Quorn Attention](https://arxiv.org/abs/2103.00003)\n"
    )
    papers, layout = _read(text)
    assert papers == [("Kelp Nets: Slow Growth for Deep Models", EXPECTED[0][1])]
    assert layout.level == "one paper per file"


def test_paper_sections_identified_by_a_doi_written_as_text():
    text = (
        "# Papers\n\n## 📄 Kelp Nets\n- DOI: 10.1000/kelp.1\n- Takeaway: grows a layer.\n\n"
        "## 📄 Fern Layers\n- DOI: 10.1000/fern.2\n- Takeaway: prunes like fronds.\n"
    )
    papers, layout = _read(text)
    assert papers == [
        ("Kelp Nets", "https://doi.org/10.1000/kelp.1"),
        ("Fern Layers", "https://doi.org/10.1000/fern.2"),
    ]
    assert layout.level == "headings"


FIELD_BLOCKS = (
    "Title: Kelp Nets\nLink: https://arxiv.org/abs/2101.00001\nNotes: grows a layer\n\n---\n\n"
    "Title: Fern Layers\nLink: https://openreview.net/forum?id=Xy12\nNotes: prunes\n\n---\n\n"
    "Title: Quorn Attention\nLink: https://arxiv.org/abs/2103.00003\nNotes: linear\n"
)


def test_papers_fields_between_rules_are_papers_not_front_matter():
    papers, layout = _read(FIELD_BLOCKS)
    assert papers == EXPECTED
    assert layout.level == "field blocks"


def test_front_matter_that_opens_the_file_stays_the_notes_own():
    text = "---\ntitle: Kelp Nets\nurl: https://arxiv.org/abs/2101.00001\n---\n\nTitle: Kelp Nets\n"
    papers, layout = _read(text)
    assert papers == [EXPECTED[0]]
    assert layout.level == "one paper per file"


@pytest.mark.parametrize(
    "heading",
    [
        "# [Paper] Kelp Nets (ICLR 2021)",
        "# 📄 Kelp Nets, ICLR 2021",
        "# Kelp Nets (Quill et al., 2021)",
        "# 2024-03-02 — Kelp Nets",
        "# [Notes] Kelp Nets",
    ],
)
def test_a_papers_own_note_titled_by_its_heading_drops_what_is_no_name(heading):
    papers, layout = _read(f"{heading}\n\nLink: https://arxiv.org/abs/2101.00001\n\nGrows.\n")
    assert papers == [EXPECTED[0]]
    assert layout.level == "one paper per file"


def test_a_bracketed_name_ahead_of_a_title_stays_part_of_it():
    papers, _ = _read("# [LLaVA] Kelp Nets\n\nLink: https://arxiv.org/abs/2101.00001\n")
    assert papers == [("[LLaVA] Kelp Nets", EXPECTED[0][1])]


def test_a_headings_title_label_is_no_part_of_the_name():
    text = (
        "# 阅读笔记\n\n## 论文：Kelp Nets\n链接：https://arxiv.org/abs/2101.00001\n\n要点：增长。\n\n"
        "## Paper: Fern Layers\nLink: https://openreview.net/forum?id=Xy12\n"
    )
    papers, _ = _read(text)
    assert papers == EXPECTED[:2]


def test_paragraphs_of_emoji_marked_lines_are_papers():
    text = (
        "🔥 Kelp Nets\n📄 https://arxiv.org/abs/2101.00001\n💡 grows a layer an epoch\n\n"
        "🔥 Fern Layers\n📄 https://openreview.net/forum?id=Xy12\n💡 prunes like fronds\n"
    )
    papers, layout = _read(text)
    assert papers == EXPECTED[:2]
    assert layout.level == "paragraphs"


@pytest.mark.parametrize(
    ("mark", "rating"), [(" ⭐⭐⭐⭐", 4.0), (" ★★☆☆☆", 2.0), (" (8/10)", 8.0)]
)
def test_a_rating_closing_a_paper_heading_is_its_rating_and_no_part_of_its_name(mark, rating):
    text = SECTIONS.format(between="\n", **NO_CITES).replace("## Kelp Nets", "## Kelp Nets" + mark)
    notes = parse_notes(NotesSource(path="summaries.md", sha256="0", text=text))
    kelp = notes.entries[0]
    assert (kelp.title, kelp.rating) == ("Kelp Nets", rating)
