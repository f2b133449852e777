"""A sixth round of note shapes nobody showed the reader, found by writing notes as
researchers keep them and reading what paperkg made of them: each fixture under
`fixtures/unseen6/<shape>/` is made-up notes with its answers (`gold.jsonl`) written by hand.

- `ratings_after_title`: ratings written right after the title (`[T](u) 9/10 — notes`), out
  of 5 (`— 4.5/5`, `3/5 stars`), as stars before a comment, closing an entry before a
  favourite star (`8/10 ⭐`), after a star (`⭐ 9/10`) or as `(rated 7/10 by Ana)`, beside a
  fraction that is no rating (`uses 1/10 of the compute`);
- `titled_list_post`: a post whose front matter gives only a title, over a list of papers,
  beside a review post on one paper that lists the works it builds on;
- `pandoc_wiki`: a lab wiki converted by Pandoc, headings with attributes (`{#diffusion}`)
  and links to the wiki's own pages (`[Group meeting](Group_meeting "wikilink")`);
- `reading_inbox`: a to-read list of titles with their venue and year, linking nothing,
  beside a chore and a plan dated by a month;
- `mind_map`: an outline exported from a mind map, topics as bullets, a paper named by its
  short name before its bare address, a topic holding one sub-topic;
- `html_lists`: a static page's `<ul>`/`<ol>` lists of `<li><a href>` items;
- `spreadsheet_blocks`: a spreadsheet pasted as ```` ```tsv ```` and ```` ```csv ```` blocks,
  their Rating and Score columns bare numbers, beside a Python block;
- `content_tabs`: MkDocs content tabs (`=== "Vision"`) over indented lists;
- `site_components`: an MDX page's `<Paper title=... url=... />` components, one written
  over lines, a Hugo post's `{{< paper >}}` shortcodes and a Jekyll include;
- `field_line_items`: fields one after another on a line (`Titel: ..., Link: ...`) and
  titles in French guillemets;
- `org_export`: Org headings exported with their property drawers (`:URL: ...`);
- `notebook_export`: a notebook exported to Markdown, a data frame printed as a table beside
  paragraphs that rate their paper at the end of the title's line;
- `trip_report`: a workshop's section of a trip report, an item opening with a paper's link
  beside a talk citing it.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from made_up_shapes import check_found_exactly, check_titles_links_topics, papers_read

SIXTH = Path(__file__).parent.parent / "fixtures" / "unseen6"
SHAPES = [
    "content_tabs",
    "field_line_items",
    "html_lists",
    "mind_map",
    "notebook_export",
    "org_export",
    "pandoc_wiki",
    "ratings_after_title",
    "reading_inbox",
    "site_components",
    "spreadsheet_blocks",
    "titled_list_post",
    "trip_report",
]


@pytest.mark.parametrize("shape", SHAPES)
def test_every_gold_paper_is_found_at_its_line_and_nothing_else(shape, vocab):
    check_found_exactly(SIXTH / shape, vocab)


@pytest.mark.parametrize("shape", SHAPES)
def test_every_gold_paper_has_its_title_link_and_topic(shape, vocab):
    check_titles_links_topics(SIXTH / shape, vocab)


def test_a_rating_right_after_the_title_or_closing_before_a_star_is_read(vocab):
    found = papers_read(SIXTH / "ratings_after_title", vocab)
    got = [(e.rating, e.rating_scale, e.starred) for _, e in sorted(found.items())]
    assert got == [
        (9.0, 10, False),  # `[T](u) 9/10 — notes`
        (8.0, 10, True),  # `— notes. 8/10 ⭐`
        (4.5, 5, False),  # `— 4.5/5, notes`
        (3.0, 5, False),  # `★★★☆☆ — notes`: stars rate, no favourite
        (9.0, 10, True),  # `⭐ 9/10`
        (3.0, 5, False),  # `— 3/5 stars, notes`
        (7.0, 10, False),  # `(rated 7/10 by Ana)`
        (None, 10, False),  # `uses 1/10 of the compute`: no rating
        (2.0, 5, False),  # `— 2 / 5`
    ]


def test_a_fraction_that_opens_a_comment_is_no_rating():
    from paperkg.extract.reading.entry_parts import find_rating

    assert find_rating(" — 1/10 of the compute") is None
    assert find_rating(" 8/10 runs diverge early") is None
    assert find_rating(" — 7/5 of the budget") is None
    assert find_rating(" 9/10 — solid") == (9.0, 10, False)
    assert find_rating(" — re-rated 7/10 → 9/10") == (9.0, 10, False)


def test_a_post_titled_in_front_matter_over_a_list_of_papers_is_the_list(vocab):
    found = papers_read(SIXTH / "titled_list_post", vocab)
    kinds = {file: e.kind for (file, _), e in found.items()}
    assert kinds == {"2024-03-31-march.md": "item", "2024-04-02-tern-review.md": "note"}


def test_a_heading_keeps_no_attributes():
    from paperkg.extract.reading.markdown import clean_heading

    assert clean_heading("Diffusion {#diffusion}") == "Diffusion"
    assert clean_heading("Generative models {#gen .wide data-x=1}") == "Generative models"
    assert clean_heading("Sets {1, 2}") == "Sets {1, 2}"


def test_a_paper_to_read_keeps_its_venue_and_year(vocab):
    found = papers_read(SIXTH / "reading_inbox", vocab)
    assert (found[("inbox.md", 5)].venue, found[("inbox.md", 5)].year) == ("ICLR", 2024)
    assert (found[("inbox.md", 9)].venue, found[("inbox.md", 9)].year) == ("SOSP", None)
    assert (found[("inbox.md", 17)].venue, found[("inbox.md", 17)].year) == ("arXiv", 2023)


def test_a_spreadsheets_bare_ratings_take_the_scale_their_column_shows(vocab):
    found = papers_read(SIXTH / "spreadsheet_blocks", vocab)
    got = {line: (e.rating, e.rating_scale) for (_, line), e in found.items()}
    assert got == {7: (9.0, 10), 8: (8.0, 10), 9: (7.0, 10), 16: (4.0, 5), 17: (3.0, 5)}


def test_a_rating_column_of_anything_but_bare_numbers_has_no_scale():
    from paperkg.extract.reading.table_fields import rating_column_scale

    header = ["Title", "Rating"]
    assert rating_column_scale(header, [["A", "9"], ["B", "4"]]) == 10
    assert rating_column_scale(header, [["A", "4"], ["B", "3.5"]]) == 5
    assert rating_column_scale(header, [["A", "8/10"], ["B", "4"]]) is None
    assert rating_column_scale(header, [["A", "42"], ["B", "4"]]) is None
    assert rating_column_scale(["Title", "Year"], [["A", "9"]]) is None


def test_a_components_rating_with_a_scale_and_its_star_are_read(vocab):
    found = papers_read(SIXTH / "site_components", vocab)
    got = {(f, line): (e.rating, e.starred) for (f, line), e in found.items()}
    assert got[("docs/reading.mdx", 11)] == (9.0, False)
    assert got[("docs/reading.mdx", 18)] == (None, False)  # `rating={8}`: no scale
    assert got[("docs/reading.mdx", 22)] == (None, True)
    assert got[("content/2024.md", 11)] == (8.0, False)
    assert found[("content/2024.md", 11)].comment == "Gulls, instructed by a bigger gull"


def test_components_of_no_paper_stay_as_they_are():
    from paperkg.extract.reading.components import markdown_from_components

    text = '<Badge label="new" />\n{{< figure src="/a.png" title="A gull" >}}\n'
    assert markdown_from_components(text) == text
    fenced = '```mdx\n<Paper title="Kelp Nets" url="https://arxiv.org/abs/2401.90001" />\n```\n'
    assert markdown_from_components(fenced) == fenced


def test_org_drawers_and_data_blocks_keep_every_line():
    from paperkg.extract.reading.data_blocks import markdown_from_data_blocks
    from paperkg.extract.reading.org_drawers import markdown_from_org_drawers

    org = "## Kelp\n:PROPERTIES:\n:URL: https://arxiv.org/abs/2401.90001\n:END:\nnotes\n"
    assert markdown_from_org_drawers(org).split("\n") == [
        "## Kelp",
        "",
        "Url: https://arxiv.org/abs/2401.90001",
        "",
        "notes",
        "",
    ]
    csv = '```csv\ntitle,url\n"Kelp, Nets",https://arxiv.org/abs/2401.90001\n```\n'
    assert markdown_from_data_blocks(csv).split("\n") == [
        "| title | url |",
        "|---|---|",
        "| Kelp, Nets | https://arxiv.org/abs/2401.90001 |",
        "",
        "",
    ]


def test_a_notebooks_rating_closing_the_titles_line_is_read(vocab):
    found = papers_read(SIXTH / "notebook_export", vocab)
    assert [e.rating for _, e in sorted(found.items())] == [9.0, 8.0]
