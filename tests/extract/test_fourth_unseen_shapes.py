"""A fourth round of note shapes nobody showed the reader: each fixture under
`fixtures/unseen4/<shape>/` is made-up notes with its answers (`gold.jsonl`) written by hand
before the reader ran on them.

- `numbered_headings`: `### 1. Title (2021)` and `### 2. [ICLR'22] Title` headings over the
  paper's link, beside a `### 4. Further reading` over a tutorial and a homepage;
- `reading_group`: a reading group's meetings, `## Week 1 — Title (presenter: Ada)` over
  the paper's link, a week with no meeting and a logistics section linking spreadsheets;
- `ref_links`: reference-style links, `1. [Title][1]` with `[1]: https://...` at the
  bottom, beside a blog post, a dataset and a homepage;
- `bullet_tree`: no headings, topic bullets with paper bullets under them, beside a repo, a
  homepage and a dataset;
- `url_below`: a title with its bare link on the next line, indented, in list items and
  in paragraphs;
- `emoji`: lines opened by a status emoji (`📄`, `✅`, `⏳`), one paper a line, beside a
  blog post, a dataset and a homepage;
- `foreign_labels`: field lines labelled in Chinese (`- **标题**: ...`, `- **链接**: ...`)
  or German (`Titel:`, `Link:`), the titles in English;
- `readwise`: a Readwise export, a file per document (`## Metadata` with `- Full Title:`
  and `- URL:`, then `## Highlights`), beside a blog post and a book;
- `issue_forms`: GitHub issue-form exports, a file per paper (`### Paper title` over the
  title, `### Link` over the link), beside a bug report and a dataset request;
- `roam`: a Roam Research export, `- [[Title]]` blocks with `URL::` and `#tags` children,
  beside a book and a weekly review;
- `html_table`: an awesome list whose papers are an HTML `<table>` in the Markdown.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from made_up_shapes import (
    check_found_exactly,
    check_titles_links_topics,
    levels_read,
    parse_text,
)

FOURTH = Path(__file__).parent.parent / "fixtures" / "unseen4"
SHAPES = [
    "bullet_tree",
    "emoji",
    "foreign_labels",
    "html_table",
    "issue_forms",
    "numbered_headings",
    "reading_group",
    "readwise",
    "ref_links",
    "roam",
    "url_below",
]


# shapes the reader does not read yet (see the report of issue 22's fourth round): their
# tests are expected to fail, strictly, so that reading one shows up
UNREAD: set[str] = set()
EXTRA: set[str] = set()  # shapes whose papers are read, and other files too
FOUND: set[str] = set()


def _shapes(read: set[str]) -> list:
    pending = pytest.mark.xfail(strict=True, reason="shape not read yet")
    return [pytest.param(s, marks=pending) if s in read else s for s in SHAPES]


@pytest.mark.parametrize("shape", _shapes(UNREAD | EXTRA))
def test_every_gold_paper_is_found_at_its_line_and_nothing_else(shape, vocab):
    check_found_exactly(FOURTH / shape, vocab)


@pytest.mark.parametrize("shape", _shapes(UNREAD | FOUND))
def test_every_gold_paper_has_its_title_link_and_topic(shape, vocab):
    check_titles_links_topics(FOURTH / shape, vocab)


def test_a_heading_names_its_paper_without_its_number_tag_slot_or_labelled_aside():
    from paperkg.extract.reading.layout_choice import heading_name

    assert heading_name("12. Kelp Nets: Slow Growth (2021)") == "Kelp Nets: Slow Growth"
    assert heading_name("2. [ICLR'22] Kelp Nets") == "Kelp Nets"
    assert heading_name("Week 3 — Kelp Nets (presenter: Ada)") == "Kelp Nets"
    assert heading_name("2024-03-02 — Kelp Nets") == "Kelp Nets"
    assert heading_name("Session 4 — Kelp Nets") == "Kelp Nets"
    # a number that is part of the name, and a dash inside a name, stay
    assert heading_name("Llama 2: Open Weights") == "Llama 2: Open Weights"
    assert heading_name("Kelp Nets — Fern Nets") == "Kelp Nets — Fern Nets"
    assert heading_name("Kelp Nets (KelpNet)") == "Kelp Nets (KelpNet)"


def test_a_name_or_link_that_shows_a_page_is_no_paper_unless_it_links_one():
    from paperkg.extract.reading.entry_parts import markdown_words
    from paperkg.extract.reading.evidence import shows_a_page

    words = markdown_words()
    assert shows_a_page("Dr. Vell's homepage", "https://vell.example.edu/", words)
    assert shows_a_page("the vocoder repo", "https://example.org/vocoder", words)
    assert shows_a_page("Kelp Nets", "https://github.com/example/kelp", words)
    assert not shows_a_page("Kelp Nets", "https://example.org/kelp", words)
    assert not shows_a_page("The Kelp Dataset", "https://arxiv.org/abs/2101.00001", words)


LEVELS = {
    "numbered_headings/fine-tuning.md": "headings",
    "reading_group/meetings.md": "headings",
    "ref_links/retrieval.md": "list items",
    "bullet_tree/speech.md": "list items",
    "emoji/queue.md": "paragraphs",
    "url_below/optimisers.md": "paragraphs",
    "foreign_labels/Lesenotizen.md": "field blocks",
    "foreign_labels/阅读笔记.md": "list items",
    "readwise/Articles/Kestrel Attention.md": "one paper per file",
    "issue_forms/issues/41-bracken-diffusion.md": "one paper per file",
    "issue_forms/issues/44-loader-crash.md": "none",
    "roam/Sampling.md": "list items",
    "html_table/README.md": "list items",
}


def test_inspect_says_at_what_level_each_shape_is_read():
    found = levels_read(FOURTH)
    assert {name: found.get(name) for name in LEVELS} == LEVELS


def test_a_paragraph_written_one_paper_a_line_is_a_paper_a_line_where_two_link_one():
    lines = (
        "# Queue\n\nKelp Nets — https://arxiv.org/abs/2101.00001\n"
        "Fern Nets: Leafy Layers (https://openreview.net/forum?id=Fern)\n"
        "[a blog on kelp](https://blog.example.com/kelp)\n"
    )
    found = [(e.line, e.title) for e in parse_text(lines).entries if e.kind != "text"]
    assert found == [(3, "Kelp Nets"), (4, "Fern Nets: Leafy Layers")]
    prose = "# Queue\n\nI liked Kelp Nets — https://arxiv.org/abs/2101.00001\nand more.\n"
    assert [e for e in parse_text(prose).entries if e.kind != "text"] == []


def test_a_title_over_its_link_is_a_paper_where_such_paragraphs_repeat():
    one = "# Reading\n\nKelp Nets\n    https://arxiv.org/abs/2101.00001\n\n"
    more = one + "Fern Nets: Leafy Layers\n    https://arxiv.org/abs/2101.00002\n\n"
    more += "Reed Nets: Hollow Stems\n    https://arxiv.org/abs/2101.00003\n\n"
    more += "Moss Nets\n    https://arxiv.org/abs/2101.00004\n"
    assert [(e.line, e.title) for e in parse_text(more).entries] == [
        (3, "Kelp Nets"),
        (6, "Fern Nets: Leafy Layers"),
        (9, "Reed Nets: Hollow Stems"),
        (12, "Moss Nets"),
    ]
    label = more.replace("Kelp Nets\n", "See this paper:\n")
    assert [e.line for e in parse_text(label).entries] == [6, 9, 12]


def test_a_two_word_title_before_a_paper_link_is_one_when_capitalised_as_a_name():
    from paperkg.extract.reading.list_titles import capitalised_name

    assert capitalised_name("Vole Clipping") and capitalised_name("Bayesian GAN")
    assert not capitalised_name("great read") and not capitalised_name("Kelp")
    items = "# Q\n\n- {0} — https://arxiv.org/abs/2101.00001\n" + "".join(
        f"- {name} Nets: Leafy Layers — https://arxiv.org/abs/2101.0000{i}\n"
        for i, name in enumerate(["Fern", "Reed", "Moss"], 2)
    )
    assert [e.title for e in parse_text(items.format("Vole Clipping")).entries][
        0
    ] == "Vole Clipping"
    assert "great read" not in [e.title for e in parse_text(items.format("great read")).entries]


def test_list_items_that_are_one_papers_fields_one_an_item_are_one_paper():
    text = "# Reading\n\n" + "".join(
        f"- **Title**: {name} Nets: Leafy Layers\n- **Link**: https://arxiv.org/abs/2101.0000{i}\n"
        f"- **Notes**: good\n\n"
        for i, name in enumerate(["Fern", "Reed", "Moss"], 1)
    )
    found = [(e.line, e.title, e.url) for e in parse_text(text).entries]
    assert found == [
        (3, "Fern Nets: Leafy Layers", "https://arxiv.org/abs/2101.00001"),
        (7, "Reed Nets: Leafy Layers", "https://arxiv.org/abs/2101.00002"),
        (11, "Moss Nets: Leafy Layers", "https://arxiv.org/abs/2101.00003"),
    ]
    # the same labels in another script or language are read alike
    other = text.replace("**Title**", "**标题**").replace("**Link**", "**链接**")
    assert [(e.line, e.title, e.url) for e in parse_text(other).entries] == found


def test_fields_boxed_under_a_heading_after_the_title_are_the_notes_own():
    text = (
        "# Kelp\n\n![cover](https://img.example.com/c.png)\n\n## Metadata\n"
        "- Author: [[Mira Vell]]\n- Full Title: Kelp Nets: Slow Growth\n- Category: #articles\n"
        "- URL: https://arxiv.org/abs/2101.00009\n\n## Highlights\n- grows slowly\n"
    )
    (entry,) = parse_text(text, "Kelp.md").entries
    assert (entry.line, entry.title, entry.url) == (
        1,
        "Kelp Nets: Slow Growth",
        "https://arxiv.org/abs/2101.00009",
    )


def test_headings_that_are_keys_over_their_values_are_a_forms_fields_where_two_are():
    form = (
        "### Paper title\n\nKelp Nets: Slow Growth\n\n### Link\n\n"
        "https://arxiv.org/abs/2101.00009\n\n### Why read\n\nIt is slow.\n"
    )
    (entry,) = parse_text(form, "41-kelp.md").entries
    assert (entry.line, entry.title, entry.url) == (
        1,
        "Kelp Nets: Slow Growth",
        "https://arxiv.org/abs/2101.00009",
    )
    bug = "# [Bug] It crashes\n\n### Describe the bug\n\nSee https://github.com/x/y/issues/1.\n"
    assert [e for e in parse_text(bug, "44-bug.md").entries if e.kind != "text"] == []


def test_an_outliners_page_reference_over_fields_and_its_link_is_a_paper():
    block = (
        "- [[{0}]]\n    - Author:: [[Mira Vell]]\n    - URL:: https://arxiv.org/abs/2101.0000{1}\n"
    )
    text = "".join(block.format(t, i) for i, t in enumerate(["Kelp Nets", "Fern Nets: Leaves"]))
    text += "- [[Weekly review]]\n    - the [blog post](https://blog.example.com/x) on nets\n"
    text += block.format("Reed Nets", 3)
    found = [(e.line, e.title) for e in parse_text(text, "Nets.md").entries if e.kind != "text"]
    assert found == [(1, "Kelp Nets"), (4, "Fern Nets: Leaves"), (9, "Reed Nets")]


def test_an_html_table_is_a_list_item_per_row_line_for_line():
    from paperkg.extract.reading.html_blocks import markdown_from_html

    text = (
        "<table>\n<tr><th>Title</th><th>Link</th></tr>\n<tr>\n  <td>Kelp Nets</td>\n"
        '  <td><a href="https://arxiv.org/abs/2101.00001">paper</a></td>\n</tr>\n</table>\n'
        "```\n<table><tr><td>kept</td></tr></table>\n```\n"
    )
    out = markdown_from_html(text).split("\n")
    assert len(out) == len(text.split("\n"))
    assert out[:7] == ["", "", "- Kelp Nets | [paper](https://arxiv.org/abs/2101.00001)"] + [""] * 4
    assert out[8] == "<table><tr><td>kept</td></tr></table>"


def test_bullets_over_papers_are_topics_where_they_repeat_under_one_heading():
    paper = "  - {0} Nets: Leafy Layers — https://arxiv.org/abs/2101.0000{1}\n"
    text = "- Speech\n" + paper.format("Kelp", 1) + paper.format("Fern", 2)
    text += "- Vision\n" + paper.format("Reed", 3)
    assert [e.section for e in parse_text(text).entries] == [("Speech",), ("Speech",), ("Vision",)]
    one = "- Lab meeting moved\n- Papers read today\n" + paper.format("Kelp", 1)
    one += paper.format("Fern", 2) + paper.format("Reed", 3)
    assert {e.section for e in parse_text(one).entries} == {()}
    headed = "# Notes\n\n" + text
    assert [e.section for e in parse_text(headed).entries] == [
        ("Notes", "Speech"),
        ("Notes", "Speech"),
        ("Notes", "Vision"),
    ]


def test_one_line_paragraphs_of_a_name_then_its_paper_link_are_papers_where_they_repeat():
    text = "# Queue\n\n" + "".join(
        f"📄 {name} Nets: Leafy Layers — https://arxiv.org/abs/2101.0000{i}\n\n"
        for i, name in enumerate(["Fern", "Reed", "Moss"], 1)
    )
    prose = "We compared it with https://arxiv.org/abs/2101.00009 and it held up well.\n"
    found = [(e.line, e.title) for e in parse_text(text + prose).entries]
    assert found == [
        (3, "Fern Nets: Leafy Layers"),
        (5, "Reed Nets: Leafy Layers"),
        (7, "Moss Nets: Leafy Layers"),
    ]


def _note(text: str, folder: tuple[str, ...] = ("Articles",)):
    """`text` read as a document's note in a folder of them, as a read-later export has."""
    from paperkg.extract.reading.markdown import parse_notes
    from paperkg.extract.reading.source import NotesSource

    notes = parse_notes(NotesSource(path="Articles/Note.md", sha256="0", text=text), folder)
    return [e.title for e in notes.entries if e.kind != "text"], notes.layout


def _fields(kind: str, url: str | None) -> str:
    link = f"- URL: {url}\n" if url else ""
    return (
        "# Kelp Nets\n\n## Metadata\n- Author: [[Ada Fern]]\n"
        f"- Full Title: Kelp Nets: Slow Growth\n- Category: {kind}\n{link}\n"
        "## Highlights\n- Kelp grows slowly. ([View Highlight](https://read.example.io/1))\n"
    )


@pytest.mark.parametrize(
    ("kind", "url"),
    [
        ("#books", None),
        ("#podcasts", "https://pod.example.fm/kelp"),
        ("[[Video]]", "https://video.example.org/kelp"),
        ("#articles", "https://blog.example.com/kelp-nets"),
        ("#articles", "https://ada.example.org/posts/kelp-nets"),
        ("#articles", "https://ada.medium.com/kelp-nets-3f2a"),
    ],
)
def test_a_note_of_a_book_a_podcast_or_a_blog_post_is_no_paper(kind, url):
    titles, layout = _note(_fields(kind, url))
    assert titles == [] and layout.level == "none"
    assert layout.evidence[0].startswith("the file is one document's note, but its ")


@pytest.mark.parametrize(
    ("kind", "url"),
    [
        ("#articles", "https://example.org/kelp-nets"),  # no blog's page: a paper's note
        ("#books", "https://arxiv.org/abs/2101.00001"),  # a paper's link outweighs the kind
        ("#papers, #blog", "https://example.org/kelp-nets"),  # says paper too
    ],
)
def test_a_documents_note_that_shows_a_paper_stays_a_paper(kind, url):
    titles, layout = _note(_fields(kind, url))
    assert titles == ["Kelp Nets: Slow Growth"] and layout.level == "one paper per file"


def test_front_matter_says_the_kind_and_a_post_about_a_paper_stays_one():
    podcast = "---\ntitle: Kelp Talk\ntype: Podcast Episode\nurl: https://pod.example.fm/7\n---\n"
    assert _note(podcast + "\nNotes on the episode.\n")[0] == []
    post = "---\ntitle: Kelp Nets, explained\ncategories: [blog]\n---\n"
    body = "\nI read [the paper](https://arxiv.org/abs/2101.00001) this week.\n"
    assert _note(post + body)[0] == ["Kelp Nets, explained"]
