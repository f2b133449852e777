"""A fifth round of note shapes nobody showed the reader, found by writing notes as
researchers keep them and reading what paperkg made of them: each fixture under
`fixtures/unseen5/<shape>/` is made-up notes with its answers (`gold.jsonl`) written by hand
before the reader ran on them.

- `badge_table`: an awesome list's tables, whose links are shields.io badges
  (`[![arXiv](badge.svg)](https://arxiv.org/abs/...)`), with a star column and an area one;
- `section_notes`: per-paper notes named by their file alone (`Doe and Roe (2022) - Title.md`),
  opening with a section (`## Key ideas`) and labelling their paper's link further down,
  beside a concept note listing two papers;
- `rated_plain`: a reading log of rated items titled as plain text, linking nothing, in
  English and in Chinese, beside a rated comment;
- `workshop_papers`: a conference's notes whose `Workshop papers` section lists papers,
  beside a `Workshop talks` section that cites one, and an `arXiv 2312.80404` written
  with a space;
- `cite_keys`: a Quarto literature review, `- @key — *Title*. notes 7/10` items and one
  with no key, titles in italics linking nothing, beside a to-do whose one italic word is
  emphasis;
- `definition_list`: a thesis glossary written as a definition list, a paper's title as the
  term over `: Authors, Venue Year. <url>` and `: notes. 8/10`, beside a term that is no paper;
- `flashcards`: a deck of cards, `## Card 1` over a question naming a paper in italics with
  its citation, `*Title* (Quill et al., 2021)`, and an answer ending with its source link;
- `logseq_backlog`: a Logseq page opening with a heading block, `- ## Reading backlog`, over
  `- DONE [[Title]]` blocks whose `link::` and `rating::` properties are theirs, not the page's
  (the heading block is their topic, since the seventh round);
- `notion_callouts`: a Notion export's callouts (`<aside>`), each a name's paragraph, its
  link's paragraph and paragraphs of notes that rate it, beside a housekeeping section;
- `outliner`: a Roam daily page, a bold page link per paper closed by `#[[tags of words]]`,
  its `Source::` and `Rating::` in child blocks;
- `plain_text_notes`: notes from a plain-text app (Bear, Apple Notes), a file per paper, the
  title a plain first line over its tags, then `Quill et al., CVPR 2022 — https://...`, notes
  and a `Rating: 7/10` line, beside a concept note citing a paper in its prose;
- `quick_capture`: a phone's inbox of bare arXiv addresses, each followed by a short name,
  a comment and a rating;
- `wrapped_items`: numbered items written over lines (the title, the authors, the venue and
  link, a comment), beside a link whose title wraps over two lines;
- `read_labels`: a journal's paragraphs, a bold date over `**Read:** Title — url`, the title
  two words or more;
- `search_alert`: a search engine's alert pasted as paragraphs, `[PDF] [Title](url)` over
  the authors and a snippet, one with the reader's quoted note rating it.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from made_up_shapes import check_found_exactly, check_titles_links_topics, papers_read

FIFTH = Path(__file__).parent.parent / "fixtures" / "unseen5"
SHAPES = [
    "badge_table",
    "cite_keys",
    "definition_list",
    "flashcards",
    "logseq_backlog",
    "notion_callouts",
    "outliner",
    "plain_text_notes",
    "quick_capture",
    "rated_plain",
    "read_labels",
    "search_alert",
    "section_notes",
    "workshop_papers",
    "wrapped_items",
]


@pytest.mark.parametrize("shape", SHAPES)
def test_every_gold_paper_is_found_at_its_line_and_nothing_else(shape, vocab):
    check_found_exactly(FIFTH / shape, vocab)


@pytest.mark.parametrize("shape", SHAPES)
def test_every_gold_paper_has_its_title_link_and_topic(shape, vocab):
    check_titles_links_topics(FIFTH / shape, vocab)


def test_a_badge_table_rates_by_its_star_column_and_tags_by_its_area_column(vocab):
    found = papers_read(FIFTH / "badge_table", vocab)
    got = {e.title.split(":")[0]: (e.rating, e.rating_scale, e.tags) for e in found.values()}
    assert got == {
        "Sparrow Prune": (4.0, 5, ("CNNs",)),
        "Wren Masks": (2.0, 5, ("Detection",)),
        "Heron Teacher": (3.0, 5, ("ViTs", "Classification")),
    }


def test_a_note_named_by_its_file_takes_its_rating_section(vocab):
    found = papers_read(FIFTH / "section_notes", vocab)
    ratings = {e.title: e.rating for e in found.values() if e.kind == "note"}
    assert ratings == {
        "Pebble Attention for Sparse Grids": 8.0,
        "Lantern Decoding Without Drafts": None,
    }


def test_a_rated_plain_title_keeps_its_rating_and_comment(vocab):
    found = papers_read(FIFTH / "rated_plain", vocab)
    kelp = found[("log.md", 4)]
    assert (kelp.rating, kelp.comment) == (8.0, "masks grow like kelp, uses ViT")
    assert found[("log.md", 6)].comment == "not convinced by the ablations here"
    assert found[("log.md", 10)].comment == "too slow for me"


def test_a_reference_managers_citation_is_no_part_of_a_file_names_title():
    from paperkg.extract.reading.paper_note import cited_file_name

    assert cited_file_name("Quill and Moss (2022) - Pebble Attention") == "Pebble Attention"
    assert cited_file_name("Quill et al. - 2022 - Pebble Attention") == "Pebble Attention"
    assert cited_file_name("Quill 2022 Pebble Attention") == "Pebble Attention"
    assert cited_file_name("Pebble Attention 2022") == "Pebble Attention 2022"
    assert cited_file_name("GPT 4 Technical Report") == "GPT 4 Technical Report"


def test_a_rated_comment_is_no_title():
    from paperkg.extract.reading.list_titles import rated_text_title

    for comment in ("not impressive, results weak", "Great paper, must read", "Results are weak"):
        assert rated_text_title(comment, 0) is None, comment
    assert rated_text_title("LoRA: Low-Rank Adaptation of Large Models", 0).text.startswith("LoRA:")
    assert rated_text_title("Moss Nets: decent but slow", 0).text == "Moss Nets"


def test_a_quick_capture_and_a_wrapped_item_keep_their_ratings_and_comments(vocab):
    found = papers_read(FIFTH / "quick_capture", vocab)
    got = [(e.title, e.rating, e.comment) for _, e in sorted(found.items())]
    assert got == [
        ("BurrowNet", 7.0, "agents dig tunnels of thought. 7/10"),
        ("warren", 6.0, "verbal memory, builds on ReAct. 6/10"),
        ("Molehill", 8.0, "8/10"),
        ("Gopher-ViT", None, "tiny patches, big claims"),
    ]
    pebble = papers_read(FIFTH / "wrapped_items", vocab)[("audio.md", 4)]
    assert (pebble.rating, pebble.rating_scale) == (4.0, 5)


def test_a_citation_with_its_venue_after_a_title_is_no_part_of_it():
    from paperkg.extract.reading.heading_names import heading_name

    assert heading_name("Foam Mixer (Quorn et al., ICML 2021)") == "Foam Mixer"
    assert heading_name("Foam Mixer (Quorn and Vell, NeurIPS 2021)") == "Foam Mixer"
    assert heading_name("Foam Mixer (Quorn et al., 2021)") == "Foam Mixer"
    assert heading_name("Foam Mixer (Our Lab, Big Plans)") == "Foam Mixer (Our Lab, Big Plans)"


def test_an_outliners_rating_block_rates_its_parent(vocab):
    found = papers_read(FIFTH / "outliner", vocab)
    got = sorted((e.title.split(":")[0], e.rating, e.rating_scale) for e in found.values())
    assert got == [("Gannet Dive", 7.0, 10), ("Puffin Memory", 4.0, 5)]


def test_a_notion_callouts_aside_tags_are_layout():
    from paperkg.extract.reading.html_blocks import markdown_from_html

    text = "<aside>\n📄 **Kelp Nets**\n\n[arXiv](https://arxiv.org/abs/2401.80001)\n</aside>\n"
    assert markdown_from_html(text).split("\n") == [
        "",
        "📄 **Kelp Nets**",
        "",
        "[arXiv](https://arxiv.org/abs/2401.80001)",
        "",
        "",
    ]


def test_the_byline_after_a_title_is_the_papers_authors_not_works_it_cites(vocab):
    from paperkg.run.collect import extract_notes

    files = extract_notes([FIFTH / "badge_table", FIFTH / "wrapped_items"], vocab).files
    items = {i.entry.title.split(":")[0]: i for f in files for i in f.entries}
    assert items["Sparrow Prune"].entry.authors == ("Ada Quill", "Bo Lantern")
    assert items["Wren Masks"].entry.authors == ("Cy Fern",)
    assert items["Pebble Codec"].entry.authors == ("Ada Quill", "Bo Lantern", "Cy Fern")
    assert items["Echo Tokens for Long Audio Generation"].entry.authors == ("Di Moss",)
    related = {r.name for i in items.values() for r in i.related}
    assert not any("Fern" in name or "Moss" in name for name in related), related


def test_model_names_opening_a_comment_are_no_byline():
    from paperkg.extract.reading.entry_parts import _cited_byline

    assert _cited_byline("DINO, MAE, BEiT 2023 results") == ((), "DINO, MAE, BEiT 2023 results")
    assert _cited_byline("Stable Diffusion beats it") == ((), "Stable Diffusion beats it")
    assert _cited_byline("A. Quill and B. Lantern, CVPR 2022. neat") == (
        ("A. Quill", "B. Lantern"),
        "CVPR 2022. neat",
    )


def test_a_callouts_notes_after_the_name_and_link_are_its_comment_and_rating(vocab):
    found = papers_read(FIFTH / "notion_callouts", vocab)
    beaver = found[("Weekly picks.md", 15)]
    assert beaver.rating == 6.0
    assert (
        beaver.comment == "Builds dams of hard negatives. A second paragraph of notes. Rating: 6/10"
    )
    assert found[("Weekly picks.md", 6)].rating == 8.0


def test_a_definition_lists_term_is_the_title_its_definitions_the_rest(vocab):
    found = papers_read(FIFTH / "definition_list", vocab)
    moss = found[("glossary.md", 9)]
    assert (moss.authors, moss.rating) == (("Ada Lantern", "Bo Fern"), 7.0)
    assert found[("glossary.md", 5)].authors == ("Quill",)


def test_a_definition_list_is_list_items_line_for_line():
    from paperkg.extract.reading.definition_lists import markdown_from_definition_lists

    text = "Intro.\n\nTerm\n: one\n: two\n\n```\nx\n: y\n```\n- item\n: not a term\n"
    out = markdown_from_definition_lists(text).split("\n")
    assert out[:5] == ["Intro.", "", "- Term", "  one", "  two"]
    assert out[6:10] == ["```", "x", ": y", "```"]  # code is left as it is
    assert out[10:12] == ["- item", ": not a term"]


def test_a_plain_text_notes_rating_line_further_down_rates_it(vocab):
    found = papers_read(FIFTH / "plain_text_notes", vocab)
    assert found[("Marten Masks.md", 1)].rating == 7.0
    assert found[("Otter Depth.md", 1)].rating is None


def test_a_quote_under_a_papers_paragraph_is_the_readers_note_on_it(vocab):
    found = papers_read(FIFTH / "search_alert", vocab)
    thistle = found[("alert.md", 3)]
    assert thistle.rating == 9.0
    assert thistle.comment.endswith("my take: prickly but fast, builds on sparse attention. 9/10")
    assert found[("alert.md", 8)].rating is None


def test_a_cards_paper_is_the_work_it_cites_its_citation_no_related_work(vocab):
    from paperkg.run.collect import extract_notes

    (notes,) = extract_notes([FIFTH / "flashcards"], vocab).files
    puddle = notes.entries[0]
    assert (puddle.entry.title, puddle.entry.year) == ("Puddle Sampling for Diffusion", 2021)
    assert [r.name for r in puddle.related] == []
