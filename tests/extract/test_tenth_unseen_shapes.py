"""A tenth round: shapes that blind checks found paperkg missing, each rebuilt here as
made-up notes under `fixtures/unseen10/<shape>/`, with its answers (`gold.jsonl`: file,
line, title, link and heading path of each paper) checked by hand line by line.

- `pasted_bibliography`: a reference manager's bibliography pasted into notes, a paragraph
  per reference in a citation style that ends with the paper's address, the reader's
  remarks and rating in the paragraphs under it; a title that asks (`Title? In ...`);
- `ticket_export`: an issue tracker's tickets, a heading per ticket with its key
  (`RL-104 · Title`, `[RL-112] Title`) over its fields in bold and a description quoted,
  the paper's address on its first line and the notes and rating on the next;
- `flashcard_deck`: a flashcard deck's cards, `**Front:** Title` over `**Back:** ...`, the
  back's link named by its venue and year (`CVPR 2022`), a score out of 100;
- `card_board`: a board's cards, a heading over `Description:` with the paper's address,
  rated on a line of its own (`rating so far: 8/10`) or at the end of one (`... tax. 4/5`)
  above the card's labels;
- `clipped_notes`: a web clipper's notes, one paper each, their text in `<div>`s, rated by
  a line that is only stars (`<div>★★★★☆</div>`); two such lines rate nothing;
- `quick_notes`: a notes app's notes, each a title over its bare address (or the title
  then the address on one line) under the note's name and its line of labels;
- `plain_text`: notes typed as plain text, sections in capitals, each paper indented
  (four spaces: no code), its title over its address and a `(8)` under it;
- `prose_diary`: a diary's days, each paper named in a sentence by its title in italics or
  quotes right before its address, rated in the words after it (`7/10, ...`, `4 stars.`);
  a blog's post named the same way is no paper.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from made_up_shapes import check_found_exactly, check_titles_links_topics, papers_read, parse_text

TENTH = Path(__file__).parent.parent / "fixtures" / "unseen10"
SHAPES = [
    "pasted_bibliography",
    "ticket_export",
    "flashcard_deck",
    "card_board",
    "clipped_notes",
    "quick_notes",
    "plain_text",
    "prose_diary",
]


@pytest.mark.parametrize("shape", SHAPES)
def test_every_gold_paper_is_found_at_its_line_and_nothing_else(shape, vocab):
    check_found_exactly(TENTH / shape, vocab)


@pytest.mark.parametrize("shape", SHAPES)
def test_every_gold_paper_has_its_title_link_and_topic(shape, vocab):
    check_titles_links_topics(TENTH / shape, vocab)


def _marks(shape: str, vocab) -> list[tuple[int, float | None, int]]:
    found = papers_read(TENTH / shape, vocab)
    return [(line, e.rating, e.rating_scale) for (_, line), e in sorted(found.items())]


def test_a_pasted_references_remarks_under_it_rate_it(vocab):
    assert _marks("pasted_bibliography", vocab) == [
        (5, 4.0, 5),  # `Rating: 4/5` under the reference's `→` remark
        (10, 9.0, 10),
        (15, None, 10),  # the next paragraph is the next reference: no remark
        (19, None, 10),
    ]


def test_a_tickets_quoted_description_rates_its_paper(vocab):
    assert _marks("ticket_export", vocab) == [(5, 8.0, 10), (14, 7.0, 10), (28, None, 10)]


def test_a_cards_back_neither_titles_nor_misrates_it(vocab):
    assert _marks("flashcard_deck", vocab) == [(5, 8.0, 10), (17, 85.0, 100), (23, None, 10)]


def test_a_boards_card_is_rated_on_a_line_of_its_own(vocab):
    assert _marks("card_board", vocab) == [(7, 8.0, 10), (14, 4.0, 5)]


def test_a_score_out_of_100_keeps_its_scale():
    notes = parse_text(
        "- [Kelp Dreams](https://arxiv.org/abs/2505.91237) score: 85/100\n"
        "- [Tern Dreams](https://arxiv.org/abs/2505.91238) [7/10]\n"
    )
    assert [(e.rating, e.rating_scale) for e in notes.entries] == [(85.0, 100), (7.0, 10)]


def test_a_reference_paragraph_linking_no_paper_is_no_candidate():
    # a reference to a book's page repeats the shape but names no paper by its link
    notes = parse_text(
        "Doe, J. (2019). Kelp Gardens. Harbour Press. https://books.example.org/kelp\n\n"
        "Roe, R. (2020). Tern Gardens. Harbour Press. https://books.example.org/tern\n"
    )
    assert [e.title for e in notes.entries if e.title] == []


def test_a_clipped_note_is_rated_by_its_one_line_of_stars(vocab):
    found = papers_read(TENTH / "clipped_notes", vocab)
    assert sorted((file, e.rating, e.rating_scale) for (file, _), e in found.items()) == [
        ("Kelp Nets for Slow Growth.md", 4.0, 5),  # `3/5 of the gains` is no rating
        ("Tern Tokenizers.md", None, 10),  # two lines of stars: which one is the paper's?
    ]


def test_a_tables_header_gives_its_scale_without_brackets():
    notes = parse_text(
        "| **Paper** | **Link** | **Score /10** |\n|---|---|---|\n"
        "| Kelp Dreams | https://arxiv.org/abs/2505.91237 | 4 |\n"
        "| Tern Dreams | https://arxiv.org/abs/2505.91238 |  |\n"
    )
    assert [(e.title, e.rating, e.rating_scale) for e in notes.entries] == [
        ("Kelp Dreams", 4.0, 10),  # out of 10, as the header says, though no number is above 5
        ("Tern Dreams", None, 10),
    ]


def test_a_flashcards_answer_is_no_part_of_its_title():
    notes = parse_text(
        "- Kelp Dreams for Slow Growth :: grows nets slowly #[[Papers]]\n"
        "    - URL:: https://arxiv.org/abs/2505.91237\n"
        "- Tern Dreams at Scale :: tokenizers, but terns #[[Papers]]\n"
        "    - URL:: https://arxiv.org/abs/2505.91238\n"
    )
    assert [e.title for e in notes.entries] == [
        "Kelp Dreams for Slow Growth",
        "Tern Dreams at Scale",
    ]


def test_a_brace_closing_latex_around_an_address_is_no_part_of_it():
    notes = parse_text(
        "- Kelp Dreams \\url{https://arxiv.org/abs/2505.91237} 7/10\n"
        "- Tern Dreams \\url{https://arxiv.org/abs/2505.91238} 6/10\n"
    )
    assert [e.url for e in notes.entries] == [
        "https://arxiv.org/abs/2505.91237",
        "https://arxiv.org/abs/2505.91238",
    ]


def test_a_rating_before_a_mention_or_with_words_in_its_brackets_is_read():
    notes = parse_text(
        "- [Kelp Dreams](https://arxiv.org/abs/2505.91237) 8.5/10 @Kasia\n"
        "- [Tern Dreams](https://arxiv.org/abs/2505.91238) #fav (9/10 so far)\n"
        "- [Puffin Dreams](https://arxiv.org/abs/2505.91239) (uses 1/10 of the compute)\n"
    )
    assert [e.rating for e in notes.entries] == [8.5, 9.0, None]


def test_a_rating_labelled_in_another_language_is_read():
    notes = parse_text(
        "---\ntitle: Kelp Dreams\n---\n\n- **Link**: https://arxiv.org/abs/2505.91237\n"
        "- 評価: ★★★★☆\n"
    )
    assert [(e.rating, e.rating_scale) for e in notes.entries] == [(4.0, 5)]


def test_a_research_threads_own_site_is_a_papers_address():
    notes = parse_text(
        "- Kelp Circuits :: attention heads as kelp\n"
        "    - URL:: https://transformer-circuits.pub/2025/kelp/index.html\n"
        "- Tern Circuits :: more heads\n"
        "    - URL:: https://distill.pub/2025/tern/\n"
    )
    assert [e.title for e in notes.entries] == ["Kelp Circuits", "Tern Circuits"]


def test_a_quick_note_is_rated_by_its_last_line(vocab):
    found = papers_read(TENTH / "quick_notes", vocab)
    assert sorted((file, e.rating, e.aliases[:1]) for (file, _), e in found.items()) == [
        ("Kelp paper.md", 8.0, ("Kelp paper",)),  # the note's name is the paper's alias
        ("long context.md", None, ("long context??",)),
    ]


def test_plain_texts_ratings_are_read_under_their_titles(vocab):
    assert _marks("plain_text", vocab) == [
        (7, 8.0, 10),
        (11, 4.0, 5),
        (18, 9.0, 10),
        (22, None, 10),
    ]


def test_a_diarys_papers_are_rated_by_the_words_after_them(vocab):
    assert _marks("prose_diary", vocab) == [(9, 7.0, 10), (12, 4.0, 5), (13, None, 10)]


def test_one_paper_named_in_prose_is_a_citation_not_a_list():
    notes = parse_text(
        "# Kelp Nets\n\nhttps://arxiv.org/abs/2503.90011\n\n"
        "Builds on *Tern Tokenizers at Scale* (https://arxiv.org/abs/2503.90012). 8/10\n"
    )
    assert [(e.title, e.url) for e in notes.entries] == [
        ("Kelp Nets", "https://arxiv.org/abs/2503.90011")
    ]


def test_a_semantic_scholar_link_is_no_title():
    notes = parse_text(
        "**Kelp Nets for Slow Growth.** A. Quill, B. Vell. NeurIPS 2024.\n"
        "[PDF](https://arxiv.org/pdf/2503.90011) · [S2](https://www.semanticscholar.org/arxiv/2503.90011)\n\n"
        "**Tern Tokenizers at Scale.** C. Lantern. ICML 2023.\n"
        "[S2](https://www.semanticscholar.org/arxiv/2503.90012) · Cited by 12\n"
    )
    assert [e.title for e in notes.entries] == [
        "Kelp Nets for Slow Growth",
        "Tern Tokenizers at Scale",
    ]


def test_an_items_authors_and_year_ahead_of_its_title_are_no_part_of_it():
    notes = parse_text(
        "- Quill et al. (2022) — Kelp Nets for Slow Growth — NeurIPS 2022 — "
        "[pdf](https://arxiv.org/pdf/2203.90011) — my take: slow but steady (9/10)\n"
        "- Vell and Roe (2021) — Tern Tokenizers at Scale — arXiv — "
        "[pdf](https://arxiv.org/pdf/2103.90012) — (6/10)\n"
        "- AVEC 2016 - Puffin Mood Recognition Challenge [pdf](https://arxiv.org/pdf/1605.90013)\n"
    )
    assert [(e.title, e.rating) for e in notes.entries] == [
        ("Kelp Nets for Slow Growth", 9.0),
        ("Tern Tokenizers at Scale", 6.0),
        ("AVEC 2016 - Puffin Mood Recognition Challenge", None),  # a venue, not people
    ]
