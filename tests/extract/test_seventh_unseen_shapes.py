"""A seventh round: the common shapes (lists, a note per paper, index tables, a heading per
paper, reference managers' exports) written with the small variations people use, found by
writing notes as researchers keep them; each fixture under `fixtures/unseen7/<shape>/` is
made-up notes with its answers (`gold.jsonl`) written by hand.

- `comment_sub_bullets`: a list whose papers each have a comment sub-bullet (no `#` heading
  above), their ratings and stars in sub-bullets (`- Rating: 8/10`, `- 9/10 ⭐`, `- great
  read ⭐`, `- notes, 6/10`), `8 out of 10`, and a rating after a short name in brackets;
- `front_matter_ids`: notes whose front matter gives an arXiv number that YAML would read as a
  decimal (`arxiv: 2305.90210`), the paper's link under `paper:`, a `favorite: true` flag,
  and a `Rating: 10/10 ⭐ — ...` line in a later section;
- `citation_line_notes`: `# Title` over the paper's citation and links on one line
  (`He et al., CVPR 2016 — [arXiv](...)`, `... · [arXiv](...) · [OpenReview](...) · [code](...)`);
- `heading_parts`: a heading per paper over `### Links` and `### Rating` sub-headings, stars
  closing a heading or a `**Rating:**` line, and reference-manager (APA) citations as headings;
- `zotero_metadata`: a Zotero export's `## Metadata` box of `* URL:` and `* DOI:` items;
- `link_columns`: tables whose paper column holds only `[arXiv](...)` links, beside a Model
  column, or whose Title column is plain text beside a link labelled by its venue;
- `code_first_items`: items opening with a code link, then the paper's, then the title;
- `favourites`: favourites marked as people mark them (`♥`, `❤️`, `🏆`, a Favorite column's
  `Yes`, a `favourite` tag), a front matter's `rating: 9`, a Score column of bare numbers
  with an emoji in one cell, an outliner's `[[Title]]` over `url::` and `rating::` lines and
  its heading block (`- ## Distillation`) over them, a reading group's `Session 4 (Mar 21):`
  items, and a workshop's section holding a paper beside a talk citing one.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from made_up_shapes import check_found_exactly, check_titles_links_topics, papers_read

SEVENTH = Path(__file__).parent.parent / "fixtures" / "unseen7"
SHAPES = [
    "citation_line_notes",
    "code_first_items",
    "comment_sub_bullets",
    "favourites",
    "front_matter_ids",
    "heading_parts",
    "link_columns",
    "zotero_metadata",
]


@pytest.mark.parametrize("shape", SHAPES)
def test_every_gold_paper_is_found_at_its_line_and_nothing_else(shape, vocab):
    check_found_exactly(SEVENTH / shape, vocab)


@pytest.mark.parametrize("shape", SHAPES)
def test_every_gold_paper_has_its_title_link_and_topic(shape, vocab):
    check_titles_links_topics(SEVENTH / shape, vocab)


def test_a_sub_bullets_rating_or_star_is_its_papers(vocab):
    found = papers_read(SEVENTH / "comment_sub_bullets", vocab)
    got = [(line, e.rating, e.starred) for (_, line), e in sorted(found.items())]
    assert got == [
        (2, None, False),
        (4, 8.0, False),  # `- Rating: 8/10`
        (7, 9.0, True),  # `- 9/10 ⭐`
        (9, None, True),  # `- great read ⭐`
        (11, 6.0, False),  # `- dense tokens of moss, 6/10`
        (13, 8.0, False),  # `8 out of 10`
        (14, 7.0, False),  # `(LanSiam) - 7/10 - no negatives`
    ]
    assert found[("segmentation.md", 2)].comment == "promptable terns, a billion masks"


def test_a_front_matters_ids_flags_and_rating_lines_are_read(vocab):
    found = {file: e for (file, _), e in papers_read(SEVENTH / "front_matter_ids", vocab).items()}
    assert found["dpo.md"].url == "https://arxiv.org/abs/2305.90210"  # not 2305.9021
    assert (found["imagen.md"].rating, found["imagen.md"].starred) == (7.0, True)
    assert (found["attention.md"].rating, found["attention.md"].starred) == (10.0, True)
    assert found["ddpm.md"].authors == ("Ada Quill", "Bo Moss")


def test_an_arxiv_number_in_front_matter_keeps_its_digits():
    from paperkg.extract.reading.front_matter import split_front_matter

    front = split_front_matter("---\narxiv: 2305.18290\nrating: 8.5\n---\n# T\n", "n.md")
    assert (front.merged()["arxiv"], front.merged()["rating"]) == ("2305.18290", 8.5)


def test_the_line_of_a_papers_own_links_cites_no_other_work(vocab):
    from paperkg.run.collect import extract_notes

    files = extract_notes([SEVENTH / "citation_line_notes"], vocab).files
    flow = next(i for f in files for i in f.entries if i.entry.title.startswith("Flow"))
    assert flow.related == ()
    assert flow.entry.comment.splitlines()[-1] == "Regress a vector field along the pond."
    assert "Lipman" not in flow.entry.comment and "OpenReview" not in flow.entry.comment
    assert [k.url for k in flow.entry.links] == ["https://github.com/example/ponds"]


def test_a_heading_papers_stars_and_part_sections_are_read(vocab):
    found = papers_read(SEVENTH / "heading_parts", vocab)
    got = {(f, line): (e.rating, e.starred) for (f, line), e in found.items()}
    assert got[("rag.md", 3)] == (8.0, False)
    assert got[("rag.md", 10)] == (7.0, False)
    assert got[("journal_club.md", 3)] == (9.0, True)
    assert got[("journal_club.md", 6)] == (8.0, True)


def test_a_reference_as_a_heading_is_named_by_its_title():
    from paperkg.extract.reading.heading_names import heading_name

    heading = "Quill, A., & Vell, B. (2021). Foam Mixers for Slow Tides. ICML."
    assert heading_name(heading) == "Foam Mixers for Slow Tides"
    assert heading_name("Foam Mixers for Slow Tides") == "Foam Mixers for Slow Tides"


def test_a_field_naming_a_link_is_no_paper_of_its_own():
    from made_up_shapes import parse_text

    text = "# Notes\n\n- URL: http://arxiv.org/abs/1706.90240\n- DOI: [10.48550/arXiv.1706.90240](https://doi.org/10.48550/arXiv.1706.90240)\n"
    assert [e.title for e in parse_text(text).entries if e.kind == "item"] == []


def test_favourites_and_scores_as_people_mark_them(vocab):
    found = papers_read(SEVENTH / "favourites", vocab)
    got = {
        (f, line): (e.title, e.rating, e.rating_scale, e.starred) for (f, line), e in found.items()
    }
    title = "Fast Inference from Kelp Transformers via Speculative Decoding"  # no ` url`
    assert got[("journals/2024_03_04.md", 2)] == (title, 8.0, 10, False)  # `rating:: 8/10`
    assert got[("gulls.md", 1)][1:] == (9.0, 10, True)  # `rating: 9`, `tags: [favourite]`
    assert got[("group.md", 5)][1:] == (4.2, 5, False)  # a Score column of bare numbers
    assert got[("group.md", 7)][1:] == (4.5, 5, True)  # `4.5 🏆`, `| Yes |` under Favorite
    assert got[("group.md", 10)][3] and got[("group.md", 11)][3]  # `♥ [Title](url)`, `... ❤️`


def test_a_link_to_the_notes_own_paper_by_another_identifier_is_no_related_work(vocab):
    from paperkg.run.collect import extract_notes

    files = extract_notes([SEVENTH / "zotero_metadata"], vocab).files
    (item,) = [i for f in files for i in f.entries]
    assert item.entry.url == "http://arxiv.org/abs/1706.90240"
    assert [r.url for r in item.related] == []  # its DOI, 10.48550/arXiv.1706.90240, is itself
