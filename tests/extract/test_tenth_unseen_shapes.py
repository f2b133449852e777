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
  above the card's labels.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from made_up_shapes import check_found_exactly, check_titles_links_topics, papers_read, parse_text

TENTH = Path(__file__).parent.parent / "fixtures" / "unseen10"
SHAPES = ["pasted_bibliography", "ticket_export", "flashcard_deck", "card_board"]


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
