"""An eighth round: shapes found by a blind check (notes written as ten researchers keep them,
their answers written before paperkg ran), each rebuilt here as made-up notes under
`fixtures/unseen8/<shape>/` with its answers (`gold.jsonl`) written by hand.

- `footnoted`: papers cited by footnote marks, one footnote holding the paper's address
  among other words (which hid every footnote after it), ratings after the mark;
- `bare_ratings`: `rating: 8` with no scale, in sub-items and on an item's lines, read on
  the scale the file's numbers show together; a title in bold that links nothing among
  papers titled in bold; an item written over lines with initials for its authors;
- `dendron`: a hierarchy note whose front matter titles the page over its list of papers;
- `reading_group`: a heading per session over `**Paper:**` and `**Verdict:**` lines;
- `comment_ratings`: a rating standing as a clause inside a comment;
- `dated_log`: a log's short dates before titles (`01-08`, `1/25 —`), a mark after stars,
  and a legend naming the note's own favourite mark;
- `awesome_badges`: badges naming a venue after a bold title, a badge in the top heading,
  sections of a blog post and of other lists beside sections of papers;
- `table_picks`: a `⭐` alone in a table's cell, a row under a workshops heading, a page's
  `Fav: Yes`;
- `word_processor`: a word processor's export, its headings written as lines in bold;
- `outliner_page`: an outliner's page with page properties over heading blocks of papers
  with their block properties (`rating:: 8`, `starred:: true`), tab-indented;
- `moc`: a map of content's `[[Title]] — 6/10 — url` items;
- `term_sessions`: a term's sessions under a heading naming the term (`— Spring 2025`);
- `cited_pages`: a list of papers citing a blog's post, a labelled `Blog:` and a video,
  and stars followed by `(fav)` on an item's third line;
- `zettel_keys`: a Zettelkasten structure note, a heading per paper over its citation key
  (`@lindgren2025noise · ...`), one with no link yet;
- `thesis_tracker`: a thesis's tracker naming each paper by its BibTeX key before the title;
- `bookmarks`: bookmarked posts cleaned up, `@someone: "..."` then `→ Title — url — 7/10`;
- `arxiv_picks`: `arXiv:2501.00001 — Title (cs.LG) — 6`, a bare closing score, a star;
- `zotero_export`: a reference manager's export, `Rating: ★★★★☆ · ⭐ Starred` on a line;
- `meeting_notes`: a group meeting's notes, a paper with no link yet among linked ones
  (`Paper from reading group (no link yet): Title — 7/10`);
- `session_pairs`: a reading group's session with two papers (`Paper 1:` / `Paper 2:`, each
  with its `Group score:`) beside sessions of one.

A third blind check found the last five.

The second blind check found the last four (and the rules of the MOC, the outliner page
and the `(fav)` after a rating) after the rules for the first five were written.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from made_up_shapes import check_found_exactly, check_titles_links_topics, papers_read, parse_text

EIGHTH = Path(__file__).parent.parent / "fixtures" / "unseen8"
SHAPES = [
    "awesome_badges",
    "bare_ratings",
    "cited_pages",
    "comment_ratings",
    "dated_log",
    "dendron",
    "footnoted",
    "moc",
    "outliner_page",
    "reading_group",
    "table_picks",
    "term_sessions",
    "word_processor",
    "zettel_keys",
    "thesis_tracker",
    "bookmarks",
    "arxiv_picks",
    "zotero_export",
    "meeting_notes",
    "session_pairs",
]


@pytest.mark.parametrize("shape", SHAPES)
def test_every_gold_paper_is_found_at_its_line_and_nothing_else(shape, vocab):
    check_found_exactly(EIGHTH / shape, vocab)


@pytest.mark.parametrize("shape", SHAPES)
def test_every_gold_paper_has_its_title_link_and_topic(shape, vocab):
    check_titles_links_topics(EIGHTH / shape, vocab)


def _marks(shape: str, vocab) -> list[tuple[str, int, float | None, int, bool]]:
    found = papers_read(EIGHTH / shape, vocab)
    return [
        (f, line, e.rating, e.rating_scale, e.starred) for (f, line), e in sorted(found.items())
    ]


def test_a_footnote_with_words_around_its_address_hides_no_later_footnote(vocab):
    assert _marks("footnoted", vocab) == [
        ("survey.md", 7, 4.0, 5, True),  # `★★★★☆ ♥`: the heart after the stars
        ("survey.md", 8, 3.0, 5, False),  # `Title[^2] ★★★☆☆ — ...`
        ("survey.md", 9, 5.0, 5, False),  # `— ★★★★★, code not released`
        ("survey.md", 10, None, 10, False),
    ]


def test_labelled_bare_numbers_take_the_scale_the_files_numbers_show(vocab):
    got = {
        (f, line): (rating, scale, star)
        for f, line, rating, scale, star in _marks("bare_ratings", vocab)
    }
    assert got[("reading.md", 5)] == (7.0, 10, False)  # `- rating: 7`, one of 7, 9, 6, 8, 5
    assert got[("reading.md", 10)] == (6.0, 10, False)  # the bold title linking nothing
    assert got[("reading.md", 15)] == (8.0, 10, True)  # `· rating: 8 · must read`
    assert got[("fives.md", 3)] == (4.0, 5, False)  # 4 and 3 and nothing above 5: out of 5
    # `score: 85.3 on our benchmark` is a result: the file's labelled numbers rate nothing
    assert got[("results.md", 4)] == (None, 10, False)


def test_one_labelled_number_of_five_or_less_says_no_scale():
    notes = parse_text("# Q\n\n- [Tern Codecs](https://arxiv.org/abs/2402.90341) — rating: 4\n")
    assert [e.rating for e in notes.entries] == [None]


def test_a_sessions_verdict_line_rates_its_paper_and_its_star_marks_it(vocab):
    assert [(line, r, s) for _, line, r, _, s in _marks("reading_group", vocab)] == [
        (5, 7.0, False),
        (9, 8.0, True),  # `**Verdict:** 8/10 ⭐ unanimous favourite so far`
        (15, 6.0, False),  # over its discussion notes
        (21, 5.0, False),
    ]


def test_a_rating_standing_as_a_clause_of_a_comment_is_read(vocab):
    assert [(line, r, scale) for _, line, r, scale, _ in _marks("comment_ratings", vocab)] == [
        (3, 5.0, 10),  # `— meh, 5/10, the gains vanish`
        (4, 7.0, 10),  # `over lunch. 7/10, the opponent schedule`
        (5, None, 10),  # `uses 1/10 of the compute, 8/10 runs diverge`: fractions
        (6, 2.0, 5),  # `\- 2/5, claims are overstated`
    ]


def test_a_logs_dates_are_no_title_and_its_legend_names_its_favourites(vocab):
    assert [(line, r, s) for _, line, r, _, s in _marks("dated_log", vocab)] == [
        (7, 4.0, False),
        (8, 5.0, True),  # `💎`, which the legend calls a keeper
        (9, None, False),
        (10, 4.0, True),  # `★★★★☆ ⭐`: the stars rate, the star marks
        (11, 2.0, False),  # `🚧 = not finished` marks no favourite
    ]


def test_a_badges_venue_is_no_title_and_a_heading_loses_its_badge(vocab):
    found = papers_read(EIGHTH / "awesome_badges", vocab)
    assert found[("README.md", 8)].title == "Mixed-Precision Tern Caches"
    assert found[("README.md", 7)].section[0] == "Awesome Efficient Puffin Inference"
    assert found[("README.md", 7)].starred  # 🔥, the maintainers' picks


def test_a_star_alone_in_a_cell_and_a_pages_fav_field_mark_favourites(vocab):
    assert [(f, line, r, s) for f, line, r, _, s in _marks("table_picks", vocab)] == [
        ("Quantile Puffin Rewards 2a7b9c.md", 1, 4.0, True),  # `Fav: Yes`
        ("picks.md", 9, 7.0, False),
        ("picks.md", 10, 9.0, True),  # `⭐` in the Pick column
        ("picks.md", 16, 6.0, False),  # under `## Misc / workshops`
    ]


def test_a_line_in_bold_over_no_papers_is_no_topic():
    notes = parse_text((EIGHTH / "word_processor" / "related.md").read_text())
    assert ("Related work", "My own notes") not in notes.headings
    assert ("Related work", "2.2 Generative priors") in notes.headings


def test_an_outliners_block_properties_rate_and_flag_its_papers(vocab):
    assert [(line, r, s) for _, line, r, _, s in _marks("outliner_page", vocab)] == [
        (6, 8.0, True),  # `rating:: 8`, `starred:: true`
        (13, 6.0, False),
        (18, 5.0, False),
        (21, 9.0, True),
    ]


def test_a_maps_wikilink_is_the_title_and_what_follows_rates_it(vocab):
    assert [(line, r, s) for _, line, r, _, s in _marks("moc", vocab)] == [
        (9, 6.0, False),  # `[[Title]] — 6/10 — url`
        (10, 7.0, True),  # `— 7/10 ⭐ —`
        (11, None, False),  # `— no rating yet —`
    ]


def test_a_mark_after_stars_or_a_labelled_rating_is_a_favourite(vocab):
    assert [(line, r, s) for _, line, r, _, s in _marks("cited_pages", vocab)][2:] == [
        (13, 4.0, True),  # `★★★★☆ (fav)`
        (16, 3.0, False),
    ]
    log = parse_text(
        "# Log\n\n## 2025-01-06 (Mon)\n**Puffin Warmup Is About the Second Moment**\n"
        "https://arxiv.org/abs/2412.92401\nrating: 8 (fav)\n\n## 2025-01-07 (Tue)\n"
        "**Orthogonal Kelp Updates**\nhttps://arxiv.org/abs/2501.92402\nrating: 7\n"
    )
    assert [(e.rating, e.starred) for e in log.entries] == [(8.0, True), (7.0, False)]


def test_a_term_in_a_heading_is_no_citation():
    from paperkg.extract.reading.heading_names import cited_year

    assert cited_year("Kelp Reading Group — Spring 2025") is None
    assert cited_year("Foam Mixer (Quorn et al., 2021)") == 2021


def test_a_heading_over_its_papers_citation_key_is_that_paper_link_or_none(vocab):
    found = papers_read(EIGHTH / "zettel_keys", vocab)
    unlinked = found[("202502201615 Evaluating kelp systems.md", 19)]
    assert (unlinked.url, unlinked.rating, unlinked.year) == (None, 7.0, 2025)


def test_a_key_an_arrow_a_subject_class_and_a_closing_score_are_no_title(vocab):
    assert [(line, r, s) for _, line, r, _, s in _marks("thesis_tracker", vocab)] == [
        (5, 8.0, True),  # `score: 8 ⭐` after `` `haldane2024dense` — ``
        (6, 6.0, False),
        (7, None, False),  # `score: ?`
    ]
    assert [(line, r, s) for _, line, r, _, s in _marks("bookmarks", vocab)] == [
        (5, 7.0, False),
        (7, 8.0, True),  # `8/10 (fav)` after `links to → Title — url`
        (9, 5.0, False),
    ]
    # `— 6`, `— 8 ⭐`, `— 4`: the file's numbers closing its titles, out of 10 as one is
    # above 5; one title closing on a number alone says no score
    assert [(line, r, scale, s) for _, line, r, scale, s in _marks("arxiv_picks", vocab)] == [
        (7, 6.0, 10, False),
        (8, 8.0, 10, True),
        (9, 4.0, 10, False),
    ]
    one = parse_text(
        "# Picks\n\n- arXiv:2501.92804 — Kelp Routing at Scale — 6\n"
        "- arXiv:2501.92805 — Gull Routing Revisited — read the appendix\n"
    )
    assert [(e.title, e.rating) for e in one.entries] == [
        ("Kelp Routing at Scale", None),
        ("Gull Routing Revisited", None),
    ]


def test_a_labelled_run_of_stars_rates_and_a_starred_flag_marks(vocab):
    assert [(line, r, s) for _, line, r, _, s in _marks("zotero_export", vocab)] == [
        (5, 4.0, True),  # `Rating: ★★★★☆ · ⭐ Starred`
        (10, 3.0, False),
    ]


def test_a_sessions_numbered_papers_are_papers_filed_under_it(vocab):
    assert [(line, r, s) for _, line, r, _, s in _marks("session_pairs", vocab)] == [
        (3, 7.5, False),
        (10, 8.0, True),  # `Group score: 8/10 ❤️`
        (12, 6.5, False),
        (15, 7.0, False),
    ]
