"""A ninth round: shapes that blind checks found paperkg missing, each rebuilt here as
made-up notes under `fixtures/unseen9/<shape>/`, with its answers (`gold.jsonl`: file,
line, title, link and heading path of each paper) checked by hand line by line.

- `content_map`: a vault's map of content, whose items are links to paper notes and
  nothing else (`- [[Note]]`, `[shown](papers/Note.md)`), filing each paper under the
  map's heading; a link to a concept note and one to a note not written yet file nothing;
- `notes_app_bullets`: a notes app's export, its lists written with `•` and `◦`, a
  sub-item's remark rated with five stars anywhere in it, a nested `#reading/fav` tag;
- `kanban_board`: a Kanban board's cards, `- [ ] [[Title]] url #tag @{date}` after a
  task's checkbox, and a rating then a tag (`7/10 #fav`);
- `lab_digest`: a newsletter's numbered titles in bold (`**1. Title**`) and a poster's
  number before its title (`#214 *Title*`), with `— score 7` written with no colon;
- `docs_export`: a word processor's export rated `- score 7` (its dash escaped) and
  marked `**MUST READ**` in bold; `we score 7 points higher` is a result, no rating;
- `review_matrix`: a literature matrix whose `#` column numbers the rows (no rating),
  rated in a `Score (/5)` column (its scale in its header, `–` for none) and starred by
  a `★` opening a Notes cell;
- `thread_draft`: a thread's posts, each opening with its count (`🧵 2/10`, no rating) over
  a quoted title, its link and its verdict;
- `review_forms`: a reviewing form per paper (`## Paper 1: Title` over `Link:`, parts as
  sub-headings, `Score: 6 (weak accept)`), a weakness citing another paper's link;
- `org_roam`: Org's raw links left in Markdown (`[[url][Title]]`, `[[id:...][Note]]`), its
  `#+title:` naming the note and an Org tag `:fav:` after a title;
- `wiki_page`: a DokuWiki page converted (`[url Title] (8)`, `=== Heading ===`, headings
  closed by `#`s), scores in brackets, sub-items citing other works in passing;
- `roam_daily`: Roam's `{{[[TODO]]}}` and `{{[[DONE]]}}` tasks before a page's title;
- `ranking`: a ranking's paragraphs (`#1 — **Title** · [arXiv](url) · 10/10`), a remark
  under one citing another paper in a sentence;
- `highlights`: quotes, each over its source line (`— *Title*, url · ★★★½☆`, `· ★★★★★
  #fav`), one quote citing a work inside its sentence;
- `issue_tracker`: an issue tracker's export, a heading per issue (`## #42 Title`) over
  its metadata in bold and the paper's link, issues of chores beside them;
- `zotero_blocks`: a script's export of fields between rules (`---` right under the
  fields), values quoted as YAML quotes them, tags as a flow list, a blog post and a
  dataset among them, and one paper with no link yet;
- `chat_export`: a chat channel's messages pasted into notes, each under its speaker and
  time (`**Ravi S.**  4:47 PM`), linking papers as Slack does (`<url|Title>`) or by a
  quoted title over a bare address, a blog's link among them;
- `annotated_bibliography`: IEEE references, each over a paragraph of remarks labelled so
  (`*Remarks:* ... **Rating: 4/5**`, `❤` opening one), a paragraph with no label under
  the last;
- `org_export`: an Org file exported by pandoc, a heading per paper with its task keyword,
  priority and tags (`## DONE Title   :fav:ssl:`), one heading over a talk's video;
- `talk_outline`: a talk's slides, one per paper (`## Slide 2: Title`, `## Slide B1: ...`);
- `review_log`: a reviewer's log, `my score: 8` and `overall: 2/5` in sub-items, a paper
  linked by `[forum](url)`;
- `moon_challenge`: a reading challenge rated in moons (`🌕🌕🌗🌑🌑`, 2.5 of 5);
- `outliner_tags`: an outliner's blocks tagged `tags:: [[fav]], [[interp]]`;
- `series_posts`: a blog's post of a series (`Paper of the Week #14: ...`) naming its paper
  in bold in its opening words, and rating another in a list of its own;
- `toot_thread`: a thread's posts, each over its author's line, a verdict paragraph under
  each quoted title;
- `site_data`: a site's page listing its papers as data in its front matter (`papers:`, a
  list of mappings with `title`, `url`, `rating` on the page's `rating_scale: 5`, `tags`),
  a blog's post among them, one more paper in its body;
- `dataview_table`: a Dataview query's result pasted as a table (`| File | Rating | Tags |`
  over `| [[Title]] | ★★★★★ | #fav |`), one row's note in the vault;
- `notebook_export`: a notebook exported by nbconvert, a DataFrame of papers printed in an
  output cell (an indented block of padded columns), another output no table of papers;
- `notion_callout`: a Notion page whose rating and flag sit in an `<aside>` callout, each
  line opening with a mark (`⭐ **Rating:** ★★★★☆`);
- `bear_merged`: notes merged into one file, each `# Title` over its line of tags and then
  its link;
- `mind_map`: a markmap mind map, each paper a heading linking it, its rating and remarks
  headings below it; a heading over no link;
- `reading_diary`: a diary's lines, each opening with its time (`09:30 — read Title
  (url) — 9/10`), among lines that link nothing or no paper;
- `hackmd_book`: a book's sections, each paper's link and rating in a fenced div
  (`:::info` ... `:::`);
- `summary_notes`: a paper's summary note rated in a heading (`## My rating: 3/5`);
- `checklist_export`: a notes app's checklist (`☑ Title` over its address and remarks),
  grouped under lines in bold.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from made_up_shapes import check_found_exactly, check_titles_links_topics, papers_read, parse_text

import paperkg

NINTH = Path(__file__).parent.parent / "fixtures" / "unseen9"
SHAPES = [
    "notes_app_bullets",
    "kanban_board",
    "lab_digest",
    "docs_export",
    "review_matrix",
    "thread_draft",
    "review_forms",
    "org_roam",
    "wiki_page",
    "roam_daily",
    "ranking",
    "highlights",
    "issue_tracker",
    "zotero_blocks",
    "chat_export",
    "annotated_bibliography",
    "org_export",
    "talk_outline",
    "review_log",
    "moon_challenge",
    "outliner_tags",
    "series_posts",
    "toot_thread",
    "site_data",
    "dataview_table",
    "notebook_export",
    "notion_callout",
    "bear_merged",
    "mind_map",
    "reading_diary",
    "hackmd_book",
    "summary_notes",
    "checklist_export",
]


@pytest.mark.parametrize("shape", SHAPES)
def test_every_gold_paper_is_found_at_its_line_and_nothing_else(shape, vocab):
    check_found_exactly(NINTH / shape, vocab)


@pytest.mark.parametrize("shape", SHAPES)
def test_every_gold_paper_has_its_title_link_and_topic(shape, vocab):
    check_titles_links_topics(NINTH / shape, vocab)


def _marks(shape: str, vocab) -> list[tuple[int, float | None, int, bool]]:
    found = papers_read(NINTH / shape, vocab)
    return [(line, e.rating, e.rating_scale, e.starred) for (_, line), e in sorted(found.items())]


def test_a_notes_apps_bullets_are_a_list_and_its_remarks_rate(vocab):
    assert _marks("notes_app_bullets", vocab) == [
        (6, 3.0, 5, False),  # `◦ skimmed on the train. ★★★☆☆`
        (10, 5.0, 5, True),  # `◦ #reading/fav ★★★★★ already obsessed`
    ]


def test_a_kanban_cards_checkbox_and_tags_leave_its_title(vocab):
    assert _marks("kanban_board", vocab) == [
        (7, None, 10, False),
        (9, None, 10, False),
        (13, 4.0, 5, False),  # `rating:: 4/5`
        (14, 5.0, 5, True),
    ]


def test_a_rating_before_a_tag_is_read_and_a_fav_tag_stars():
    notes = parse_text(
        "- [Kelp Dreams](https://arxiv.org/abs/2505.91237) 7/10 #fav\n"
        "- [Tern Dreams](https://arxiv.org/abs/2505.91238) see issue #12 of the repo\n"
    )
    assert [(e.rating, e.starred) for e in notes.entries] == [(7.0, True), (None, False)]


def test_numbers_before_titles_place_them_and_name_nothing(vocab):
    assert _marks("lab_digest", vocab) == [
        (7, 8.0, 10, False),
        (12, 6.0, 10, False),
        (19, 9.0, 10, True),  # `⭐ Pick of the week`
        (25, 9.0, 10, False),
        (26, 7.0, 10, False),  # `— score 7`
    ]


def test_a_score_with_no_colon_rates_and_a_bold_must_read_stars(vocab):
    assert _marks("docs_export", vocab) == [
        (7, 7.0, 10, False),
        (9, 9.0, 10, True),
        (10, 5.0, 10, False),
        (11, 4.0, 10, False),
        (12, None, 10, False),  # `we score 7 points higher`: a result
    ]


def test_a_matrix_rates_by_its_score_column_not_its_row_numbers(vocab):
    assert _marks("review_matrix", vocab) == [
        (7, 4.0, 5, True),  # `★ closest to our idea`
        (8, 3.0, 5, False),
        (9, 4.5, 5, False),
        (10, None, 10, True),  # `–`: not rated yet
    ]


def _rows(graph: paperkg.Graph, text: str) -> list[tuple[str | None, ...]]:
    return sorted(tuple(None if v is None else str(v) for v in row) for row in graph.query(text))


@pytest.fixture(scope="module")
def content_map(tmp_path_factory) -> paperkg.Graph:
    return paperkg.build(NINTH / "content_map", tmp_path_factory.mktemp("map") / "out", html=False)


def test_a_map_of_content_files_each_paper_note_it_links_under_its_heading(content_map):
    rows = _rows(
        content_map,
        """SELECT ?title ?topic WHERE {
             ?p a schema:ScholarlyArticle ; schema:name ?title ; dcterms:subject ?s .
             ?s skos:prefLabel ?topic .
             FILTER (?topic IN ("Samplers", "Guidance")) }""",
    )
    assert rows == [
        ("Gull Consistency Steps", "Samplers"),  # a relative link to `papers/...md`
        ("Kelp Guidance for Conditional Puffins", "Guidance"),  # `[[Note|shown]]`
        ("Quiet Heron Samplers for Diffusion Models", "Samplers"),
        ("Score Matching on Tern Manifolds", "Samplers"),  # `[[Note]] — a gist`
    ]


def test_a_map_of_content_adds_no_paper_of_its_own(content_map):
    papers = _rows(content_map, "SELECT ?p WHERE { ?p a schema:ScholarlyArticle }")
    assert len(papers) == 4  # the concept note and the note not written yet are none
    titles = _rows(
        content_map, "SELECT ?p (COUNT(?t) AS ?n) WHERE { ?p schema:name ?t } GROUP BY ?p"
    )
    assert {n for _, n in titles} == {"1"}  # the map's words name no paper a second time
    rating = _rows(
        content_map,
        """SELECT ?v WHERE { ?p schema:name "Quiet Heron Samplers for Diffusion Models" ;
             schema:review/schema:reviewRating/schema:ratingValue ?v }""",
    )
    assert rating == [("8",)]  # the note's own rating, not lost to the map's item


def test_links_to_notes_listed_in_a_paper_note_file_nothing(tmp_path):
    """A paper note's `## Related` list of other paper notes relates them; it is no map."""
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "Heron.md").write_text(
        "---\ntitle: Quiet Heron Samplers\nurl: https://arxiv.org/abs/2503.91234\n---\n"
        "Fast sampler.\n\n## Related\n- [[Tern]]\n- [[Gull]]\n"
    )
    for name, n in (("Tern", 5), ("Gull", 6)):
        (notes / f"{name}.md").write_text(
            f"---\ntitle: {name} Score Matching\nurl: https://arxiv.org/abs/2503.9123{n}\n---\nok\n"
        )
    graph = paperkg.build(notes, tmp_path / "out", html=False)
    assert _rows(graph, "SELECT ?t WHERE { ?p dcterms:subject/skos:prefLabel ?t }") == []
    related = _rows(
        graph,
        """SELECT ?b WHERE { ?a schema:name "Quiet Heron Samplers" ; dcterms:relation ?o .
             ?o schema:name ?b }""",
    )
    assert related == [("Gull Score Matching",), ("Tern Score Matching",)]


def test_a_threads_posts_are_papers_and_their_counts_rate_nothing(vocab):
    assert _marks("thread_draft", vocab) == [
        (12, 9.0, 10, False),
        (19, 7.0, 10, False),
        (31, 6.0, 10, False),  # under `🧵 10/10`
    ]


def test_a_review_form_per_paper_is_read_by_its_headings_not_what_it_cites(vocab):
    assert _marks("review_forms", vocab) == [(5, 6.0, 10, False), (20, 5.0, 10, False)]


def test_org_links_title_and_tag_are_read_as_markdown(vocab):
    assert _marks("org_roam", vocab) == [
        (9, 4.0, 5, False),
        (10, 5.0, 5, True),  # `:fav:` after the title
        (12, 3.0, 5, False),
    ]
    found = papers_read(NINTH / "org_roam", vocab)
    assert {e.section for e in found.values()} == {("Sampler distillation",)}  # `#+title:`


def test_a_wikis_links_scores_in_brackets_and_headings_are_read(vocab):
    assert _marks("wiki_page", vocab) == [
        (9, 8.0, 10, True),
        (11, 5.0, 10, False),
        (16, 9.0, 10, False),  # its sub-items cite two works in passing: no papers
    ]


def test_roam_task_markers_are_no_part_of_a_title(vocab):
    assert _marks("roam_daily", vocab) == [(2, None, 10, False), (4, 8.0, 10, False)]


def test_a_rankings_places_name_nothing_and_a_sentence_citing_a_work_is_no_paper(vocab):
    assert _marks("ranking", vocab) == [
        (5, 10.0, 10, True),
        (8, 9.0, 10, False),
        (11, 8.0, 10, False),
    ]


def test_a_quotes_source_line_is_its_paper_with_half_stars(vocab):
    assert _marks("highlights", vocab) == [(7, 3.5, 5, False), (11, 5.0, 5, True)]


def test_an_issue_per_paper_is_read_past_its_metadata(vocab):
    assert _marks("issue_tracker", vocab) == [(7, 8.0, 10, False), (26, 5.0, 10, False)]


def test_fields_between_rules_are_papers_and_their_kinds_say_which(vocab):
    assert _marks("zotero_blocks", vocab) == [
        (10, 4.0, 5, True),  # `tags: [optimization, fav]`
        (27, 3.0, 5, False),  # the blog post and the dataset are none
    ]


def test_a_chats_speaker_line_names_no_paper_and_its_links_are_read(vocab):
    found = papers_read(NINTH / "chat_export", vocab)
    assert sorted(line for _, line in found) == [7, 14, 19]  # the blog's message: none


def test_an_annotated_references_remarks_rate_and_mark_it(vocab):
    assert _marks("annotated_bibliography", vocab) == [
        (7, 4.0, 5, False),
        (11, 5.0, 5, True),
        (15, None, 10, False),  # the paragraph under it has no remark's label
    ]


def test_an_org_headings_keyword_priority_and_tags_are_no_part_of_its_title(vocab):
    assert _marks("org_export", vocab) == [(7, 5.0, 5, True), (14, None, 10, False)]
    # the heading over a video's link is no paper


def test_a_reviewers_scores_are_read_under_their_labels(vocab):
    assert _marks("review_log", vocab) == [
        (5, 8.0, 10, False),
        (7, 3.0, 10, False),  # its title the bold one, not the link's `forum`
        (12, 2.0, 5, False),  # `overall: 2/5 (weak reject)`
    ]


def test_moons_rate_as_stars_do(vocab):
    assert _marks("moon_challenge", vocab) == [
        (7, 4.0, 5, False),
        (8, 2.5, 5, False),
        (9, 5.0, 5, True),
    ]


def test_an_outliners_tags_naming_a_favourite_star_its_block(vocab):
    assert _marks("outliner_tags", vocab) == [(2, 8.0, 10, True), (6, 5.0, 10, False)]


def test_a_series_post_names_its_paper_in_bold_and_rates_others_in_its_list(vocab):
    assert _marks("series_posts", vocab) == [
        (1, 4.0, 5, False),
        (17, 3.0, 5, False),  # the blog post listed below it, unrated, is none
    ]


def test_a_verdict_paragraph_under_a_posts_paper_rates_it(vocab):
    assert _marks("toot_thread", vocab) == [(7, 7.0, 10, False), (15, 4.0, 10, False)]


def test_papers_listed_in_front_matter_are_papers_with_their_ratings(vocab):
    assert _marks("site_data", vocab) == [
        (6, 4.0, 5, True),  # `tags: [climate, fav]`
        (10, 3.5, 5, False),  # the blog's post listed after it is none
        (21, None, 10, False),
    ]


def test_a_dataview_tables_rows_are_papers_one_its_notes(tmp_path):
    graph = paperkg.build(NINTH / "dataview_table", tmp_path / "out", html=False)
    rows = _rows(
        graph,
        """SELECT ?t ?v WHERE { ?p schema:name ?t ; schema:review/schema:reviewRating ?r .
             ?r schema:ratingValue ?v }""",
    )
    # the first row and its paper's note are one paper, named as both name it
    assert rows == [
        ("Diffusion Puffins Are Secretly Transport Solvers", "5"),
        ("Rectified Terns Need Fewer Steps", "2"),
    ]


def test_a_dataframe_printed_in_a_notebooks_output_is_a_table_of_papers(vocab):
    assert _marks("notebook_export", vocab) == [
        (12, 8.0, 10, False),
        (13, 6.0, 10, False),
        (14, 4.0, 10, False),
    ]


def test_a_callouts_fields_opening_with_a_mark_are_read(vocab):
    assert _marks("notion_callout", vocab) == [(1, 4.0, 5, True)]


def test_a_line_of_tags_under_a_notes_heading_names_no_paper(vocab):
    assert _marks("bear_merged", vocab) == [(1, 8.0, 10, False), (12, 4.0, 5, True)]


def test_a_mind_maps_remarks_as_headings_are_its_papers_notes(vocab):
    assert _marks("mind_map", vocab) == [(13, 4.0, 5, False), (19, 5.0, 5, True)]


def test_a_diarys_timed_lines_that_link_papers_are_papers(vocab):
    assert _marks("reading_diary", vocab) == [(3, 9.0, 10, True), (8, 4.0, 10, False)]


def test_a_fenced_divs_fields_are_its_sections_paper(vocab):
    assert _marks("hackmd_book", vocab) == [(5, 8.0, 10, False), (18, 6.0, 10, False)]


def test_a_rating_held_by_a_notes_heading_rates_it(vocab):
    assert _marks("summary_notes", vocab) == [(1, 3.0, 5, False)]


def test_a_checklists_boxes_are_items_under_their_bold_lines(vocab):
    marks = _marks("checklist_export", vocab)
    assert [line for line, *_ in marks] == [7, 11, 16]  # the lecture's video is none
    assert marks[2] == (16, 6.0, 10, False)  # `6 out of 10`


def test_a_line_of_prose_that_rates_the_paper_it_links_names_a_paper():
    notes = parse_text(
        "## Week 12\n\n"
        "Busy week writing. Read [Kelp Decoding for Faithful Tables]"
        "(https://arxiv.org/abs/2503.97346) (9/10) over the weekend.\n"
        "TODO read: [Surprisal Stopping for Tern Fine-Tuning](https://arxiv.org/abs/2503.98874)\n"
    )
    assert [(e.title, e.rating) for e in notes.entries] == [
        ("Kelp Decoding for Faithful Tables", 9.0),
        ("Surprisal Stopping for Tern Fine-Tuning", None),
    ]
