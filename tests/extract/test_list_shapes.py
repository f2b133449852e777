"""Paper lists of every common shape (issue 12, item 1): one fixture per shape, with the
entries each must give written down before the reader was run on it."""

from __future__ import annotations

from pathlib import Path

import pytest
from paperkg.extract.reading.markdown import parse_notes
from paperkg.extract.reading.source import read_notes

LISTS = Path(__file__).resolve().parent.parent / "fixtures" / "lists"


def parsed(name: str):
    return parse_notes(read_notes(LISTS / name))


def rows(name: str):
    return [(e.line, e.section[-1], e.title, e.url) for e in parsed(name).entries]


def test_a_contents_heading_does_not_hide_the_papers_under_it():
    assert rows("contents_year_authors.md") == [
        (
            13,
            "Vision Models",
            "Sharp vs. Flat Minima in Made-Up Networks",
            "https://arxiv.org/pdf/1901.00001",
        ),
        (
            14,
            "Vision Models",
            "Widget Networks: Learning to Widget",
            "http://www.example-proceedings.org/papers/widget.pdf",
        ),
        (15, "Vision Models", "Gadget Sampling Without a Year", "https://arxiv.org/abs/1805.00002"),
        (
            21,
            "Language",
            "Gadget Transformers: Attention for Everything Made Up",
            "https://arxiv.org/pdf/1706.00003.pdf",
        ),
        (
            22,
            "Language",
            "Accurate, Large Batch Widgets:Training in 1 Hour",
            "https://example.org/widgets1h.pdf",
        ),
        (
            23,
            "Language",
            "Made-Up Speech Synthesis Without Authors",
            "https://arxiv.org/abs/1609.00004",
        ),
    ]
    first = parsed("contents_year_authors.md").entries[0]
    assert first.section == ("Awesome Made-Up Papers", "Contents", "Vision Models")
    assert [link.url for link in first.links] == ["https://example.org/blog/minima"]


def test_glyph_and_numbered_headings_and_bold_short_names_with_venue():
    """Decorated headings are read, and their labels kept as written (the user's own words)."""
    assert rows("glyph_headings_short_names.md") == [
        (
            6,
            "▲ Anchor-based",
            "A Made-Up Title of a Paper About Foo",
            "https://arxiv.org/abs/2001.00001",
        ),
        (
            7,
            "▲ Anchor-based",
            "Bar Detection with Made-Up Anchors",
            "https://arxiv.org/abs/1904.00002",
        ),
        (
            10,
            "1. Segmentation",
            "Segmenting Things Nobody Has Seen",
            "https://example.org/segthing.pdf",
        ),
        (
            13,
            "🔥 Tracking 🔥",
            "Tracking Made-Up Objects Over Time",
            "https://arxiv.org/abs/2207.00003",
        ),
    ]
    assert [e.section for e in parsed("glyph_headings_short_names.md").entries][:3] == [
        ("⭐Detection", "▲ Anchor-based"),
        ("⭐Detection", "▲ Anchor-based"),
        ("⭐Detection", "1. Segmentation"),  # `## 1. Segmentation` sits under the H1
    ]


def test_generic_link_texts_next_to_a_plain_or_bold_title():
    assert rows("generic_links_beside_title.md") == [
        (4, "Widgets", "Made-Up Paper on Widget Stability", "https://arxiv.org/abs/2101.00001"),
        (
            5,
            "Widgets",
            "Gadget Priors for Made-Up Tasks",
            "https://openreview.net/forum?id=AbCdEf",
        ),
        (6, "Widgets", "Widgets All the Way Down", "https://example.org/w.pdf"),
        (7, "Widgets", "A Study of Made-Up Gadgets", "https://arxiv.org/abs/2102.00002"),
        (8, "Widgets", "Gizmo Learning at Scale", "https://example.org/gizmo.pdf"),
        (9, "Widgets", "Doohickey Nets Revisited", "https://example.org/d.pdf"),
    ]


def test_numbered_references_in_paragraphs_and_lists():
    assert rows("numbered_references.md") == [
        (
            5,
            "Foundations",
            "A Made-Up Reference Title About Widgets",
            "https://arxiv.org/abs/1501.00001",
        ),
        (
            7,
            "Foundations",
            "Gadgets, Gizmos and Other Made-Up Things",
            "https://example.org/gadgets.pdf",
        ),
        (
            8,
            "Foundations",
            "Learning Doohickeys from Very Little Data",
            "https://arxiv.org/abs/1703.00003",
        ),
        (
            10,
            "Foundations",
            "A Fourth Made-Up Reference in a List",
            "https://arxiv.org/abs/1804.00004",
        ),
    ]


def test_table_rows_that_are_papers():
    assert rows("paper_table.md") == [
        (
            7,
            "Made-Up Results",
            "Made-Up Table Paper About Widgets",
            "https://arxiv.org/abs/2103.00001",
        ),
        (8, "Made-Up Results", "Linked Title in a Table Cell", "https://arxiv.org/abs/2103.00002"),
    ]


def test_many_unread_paper_links_warn_with_their_lines():
    notes = parsed("unread_paper_links.md")
    assert notes.entries == ()
    (warning,) = [w for w in notes.warnings if "not read" in w]
    assert "4 list items" in warning
    assert "3, 4, 5" in warning


def test_a_file_whose_entries_are_found_does_not_warn_about_unread_items():
    assert not [w for w in parsed("contents_year_authors.md").warnings if "not read" in w]


@pytest.mark.parametrize(
    "title",
    [
        "Sharp vs. flat Minima in Made-Up Networks",
        "Learning Widgets, e.g. from Gadgets, i.e. Without Labels",
        "Tiny Nets by Doe et al. revisited",
        "Fig. 1 is all you need",
        "Made-Up Networks No. 5 and beyond",
        "Widget Priors for Made-Up Tasks",
    ],
)
def test_abbreviations_never_cut_a_title(title):
    assert title in [e.title for e in parsed("abbreviations_in_titles.md").entries]


def test_links_of_every_kind_are_read_as_what_they_are():
    noted, other, local = parsed("links_of_every_kind.md").entries
    assert noted.title == "A Made-Up Paper With a Note Link"
    assert noted.url == "https://arxiv.org/abs/2001.00123"
    # the title links the entry's own note (merged with it in the graph), not a web page
    assert noted.links == () and noted.note_file.endswith("lists/notes/made-up.md")
    assert other.url == "https://arxiv.org/abs/2001.00124"
    assert other.note_file.endswith("/notes/another paper.md")  # "my notes": its note
    assert [link.url for link in other.links][:1] == ["mailto:a@b.c"]
    assert local.title == "A Paper Linked Only Relatively"
    assert local.url == "papers/local.pdf"


def test_a_readme_without_papers_is_quiet_and_one_with_papers_is_notes():
    quiet = parse_notes(read_notes(LISTS / "readme_folder" / "README.md"))
    assert quiet.entries == () and quiet.warnings == ()
    (entry,) = parse_notes(read_notes(LISTS / "readme_list" / "README.md")).entries
    assert entry.title == "A Made-Up Model Paper Listed in a README"
    assert entry.section == ("Awesome Made-Up Lists", "Models")


def test_bare_urls_and_citation_style_items():
    assert rows("bare_urls_and_citations.md") == [
        (
            4,
            "Classics",
            "Deep Residual Widgets for Made-Up Recognition",
            "https://arxiv.org/abs/1512.00001",
        ),
        (5, "Classics", "Made-Up Attention Is All You Want", "https://arxiv.org/abs/1706.00002"),
        (6, "Classics", "Gadget Networks", "https://example.org/gadget.pdf"),
        (9, "Classics", "Widget Priors Revisited", "https://arxiv.org/abs/2002.00003"),
        (
            10,
            "Classics",
            "Sharp vs. Flat Gadgets in Made-Up Nets",
            "https://arxiv.org/abs/2002.00004",
        ),
        # the URL in brackets after the title leaves no "(" on it
        (11, "Classics", "Made-Up Gizmo Transformers", "https://arxiv.org/abs/2003.00005"),
    ]
    second = parsed("bare_urls_and_citations.md").entries[1]
    assert parsed("bare_urls_and_citations.md").entries[-1].rating == 10
    assert [link.url for link in second.links] == ["https://github.com/x/attn"]
    assert second.comment is None


def test_venues_before_or_after_the_title_and_decoration_are_not_title():
    assert [(e.line, e.title, e.url) for e in parsed("venue_and_decoration.md").entries] == [
        (4, "Made-Up Detection With Widgets", "https://arxiv.org/abs/2003.00001"),
        (5, "Gadget Tracking in Made-Up Videos", "https://arxiv.org/abs/2207.00002"),
        (6, "Emoji Led Made-Up Title", "https://arxiv.org/abs/2207.00003"),
        (7, "Checked Made-Up Paper Title", "https://arxiv.org/abs/2207.00004"),
        (8, "Bracketed Venue Before a Made-Up Title", "https://arxiv.org/abs/2207.00005"),
        (9, "一种虚构的论文标题", "https://arxiv.org/abs/2207.00006"),
        (10, "Bold Made-Up Title Over Breaks", "https://arxiv.org/abs/2207.00007"),
    ]
    assert parsed("venue_and_decoration.md").entries[-1].comment == "Ann Lee, Bo Chen"


def test_short_links_in_their_own_brackets_after_a_text_title_are_not_its_title():
    assert rows("venue_named_links.md") == [
        (
            4,
            "2018-01",
            "Made-Up Feature Selection via Widget Minimization",
            "https://papers.nips.cc/paper/0001-made-up.pdf",
        ),
        (
            5,
            "2018-01",
            "Gadgets: Learning to Fly by Driving Made-Up Cars",
            "https://docs.example.org/gadgets.pdf",
        ),
        (
            6,
            "2018-01",
            "Made-Up Batched Reinforcement Learning in a Box",
            "https://drive.example.org/file/1/view",
        ),
    ]
    first = parsed("venue_named_links.md").entries[0]
    assert [link.text for link in first.links] == ["article", "code"]


def test_a_name_column_with_the_paper_link_in_another_column():
    """`| Name | Link |`: the row's paper link makes the name a paper, however short; a row
    linking only code is no paper, nor a results table under the same header."""
    assert rows("name_link_table.md") == [
        (7, "Sparse grumbles", "Quorbit", "https://arxiv.org/abs/2201.04321"),
        (8, "Sparse grumbles", "Blimford-2", "https://openreview.net/forum?id=Zx81Qa"),
    ]


def test_a_table_of_plain_titles_under_a_title_header_is_a_reading_list():
    assert [(line, title, url) for line, _, title, url in rows("plain_title_table.md")] == [
        (5, "Zorbic Flows for Quaxel Sampling", None),
        (6, "Blimford: Sparse Grumbles at Scale", None),
        (7, "Grunk", None),
    ]
