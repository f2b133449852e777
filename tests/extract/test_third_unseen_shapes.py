"""A third round of note shapes nobody showed the reader: each fixture under
`fixtures/unseen3/<shape>/` is made-up notes with its answers (`gold.jsonl`) written by hand
before the reader ran on them.

- `admonitions`: a MkDocs page with a `!!! note "Title"` box per paper, its body indented;
- `bold_bullets`: a bold name per paper over bullets, the first only the paper's link, and a
  bold `Misc` over bullets citing a leaderboard and a blog;
- `callouts`: Obsidian callouts, one `> [!paper] Title` per paper and a `> [!tip]` citing a
  library, beside a table whose arXiv column holds bare identifiers;
- `checkboxes`: a reading queue of task items (`- [ ] Title (url)`, `- [x] [Title](url)`)
  among chores that link a blog post or a dataset;
- `arxiv_ids`: an arXiv log, `## 2305.12345 — Title` headings with no link, and a daily
  list of `[2309.12345] Title` / `arXiv:2309.12345 — Title` items; a link to arXiv's help;
- `blockquotes`: a quote per paper, `> **Title** ([arXiv](...))` over the quote;
- `code_table`: a table with a Paper column of links beside a Code column, and a table of
  datasets that are no papers;
- `dataview`: an Obsidian vault whose paper notes carry Dataview fields (`paper:: [Title](url)`,
  `Title::` lines in a callout, `[title:: ...] · [url:: ...]` inside a sentence), beside a
  map of content and a concept note that are no papers;
- `digest`: a GitHub README digest, `#### [Title](url)` over `**Authors:**` and `**TL;DR:**`
  lines, one heading with the link in a `**Paper:** [OpenReview](...) | **Code:** ...` line;
- `newsletter`: a weekly issue, `### Title` over `[[paper]](...) [[code]](...)`, with job
  ads and a sponsor that are no papers;
- `paper_folders`: a folder per paper holding its `README.md` (a title heading over the links,
  a generic `# Notes` over `**Paper**: [Title](url)`, a quoted reference with no heading),
  beside the notes' own README and a template that are no papers;
- `plain_refs`: a thesis reading list of `Title — A. Author — Venue Year` items linking
  nothing, beside a to-do list;
- `quarto`: a Quarto blog, a folder per post with its `index.qmd` (title in front matter, the
  paper's link in the body), beside a welcome post and an about page linking a CV.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from made_up_shapes import (
    check_found_exactly,
    check_titles_links_topics,
    gold,
    levels_read,
    papers_read,
    parse_text,
)
from paperkg.extract.language.vocabulary import load_vocabulary

THIRD = Path(__file__).parent.parent / "fixtures" / "unseen3"
SHAPES = [
    "admonitions",
    "arxiv_ids",
    "blockquotes",
    "bold_bullets",
    "callouts",
    "checkboxes",
    "code_table",
    "dataview",
    "digest",
    "newsletter",
    "paper_folders",
    "plain_refs",
    "quarto",
]


@pytest.mark.parametrize("shape", SHAPES)
def test_every_gold_paper_is_found_at_its_line_and_nothing_else(shape, vocab):
    check_found_exactly(THIRD / shape, vocab)


@pytest.mark.parametrize("shape", SHAPES)
def test_every_gold_paper_has_its_title_link_and_topic(shape, vocab):
    check_titles_links_topics(THIRD / shape, vocab)


def test_an_admonition_is_a_heading_over_its_body_line_for_line():
    from paperkg.extract.reading.admonitions import markdown_from_admonitions

    text = (
        '## Topic\n\n!!! note "Moss Net"\n    [pdf](https://x.org/a.pdf)\n\n    notes\n'
        'after\n```\n!!! note "kept"\n```\n??? warning\n    drafts\n'
    )
    out = markdown_from_admonitions(text).split("\n")
    assert len(out) == len(text.split("\n"))
    assert out[2:7] == ["### Moss Net", "[pdf](https://x.org/a.pdf)", "", "notes", "after"]
    assert out[8] == '!!! note "kept"' and out[10:12] == ["### Warning", "drafts"]


def test_inspect_says_the_admonitions_are_headings_over_papers():
    from paperkg.extract.reading.inspection import inspect_notes

    (found,) = inspect_notes([THIRD / "admonitions"])
    assert found.layout.level == "headings"
    assert found.layout.papers == 3


def test_an_arxiv_identifier_written_as_text_is_the_papers_link():
    from paperkg.extract.reading.links import link_kind, written_arxiv_ids

    assert written_arxiv_ids("see arXiv:2305.80071v2 and 2306.80072") == [
        (4, 22, "https://arxiv.org/abs/2305.80071")
    ]
    assert written_arxiv_ids("[2309.80075] Loom")[0][2] == "https://arxiv.org/abs/2309.80075"
    assert written_arxiv_ids("2313.80075 is no month") == []
    assert written_arxiv_ids("3.14159 Pi") == []
    assert link_kind("https://info.arxiv.org/help/api/index.html") == "other"
    assert link_kind("https://arxiv.org/abs/2305.80071") == "paper"


def test_headings_that_open_with_an_arxiv_identifier_are_papers_titled_by_the_rest():
    found = papers_read(THIRD / "arxiv_ids", load_vocabulary())
    in_log = [g for g in gold(THIRD / "arxiv_ids") if g["file"] == "log.md"]
    for g in in_log:
        entry = found[("log.md", g["line"])]
        assert (entry.title, entry.url) == (g["title"], g["url"])
    titles = [found[("daily.md", line)].title for line in (4, 5)]
    assert titles == ["Loom: Weaving Gradients Across Workers", "Bobbin: Winding Learning Rates"]


def test_a_bold_name_over_a_list_opening_with_its_link_is_a_paper_when_it_repeats():
    found = papers_read(THIRD / "bold_bullets", load_vocabulary())
    for g in gold(THIRD / "bold_bullets"):
        entry = found[(g["file"], g["line"])]
        assert (entry.title, entry.url, entry.section) == (
            g["title"],
            g["url"],
            tuple(g["section"]),
        )
    burrow = found[("robustness.md", 3)]
    assert "tunnel" in (burrow.comment or "")


def test_one_bold_name_over_a_link_list_is_no_paper_and_its_list_reads_as_before():
    one = "# Notes\n\n**Moss Net**\n- https://arxiv.org/abs/2101.00001\n- [Fern Net: A Title](https://arxiv.org/abs/2101.00002)\n"
    parsed = parse_text(one)
    assert [(e.line, e.title) for e in parsed.entries if e.kind != "text"] == [
        (5, "Fern Net: A Title")
    ]


def test_a_link_after_an_article_is_a_mention_not_a_title_unless_it_links_a_paper():
    item = "- [{0} Net: Leafy Layers](https://arxiv.org/abs/2101.0000{1})\n"
    queue = "# Queue\n\n" + "".join(
        item.format(n, i) for i, n in enumerate(["Fern", "Kelp", "Reed"])
    )
    mention = queue + "- reread the [blog post on sampling](https://blog.example.com/s)\n"
    paper = queue + "- reread the [Moss Net: Soft Patches](https://arxiv.org/abs/2101.00001)\n"
    labelled = queue + "- the one I liked: [Moss Net Paper](https://example.org/moss)\n"
    assert [e.title for e in parse_text(mention).entries][3:] == []
    assert [e.title for e in parse_text(paper).entries][3:] == ["Moss Net: Soft Patches"]
    assert [e.title for e in parse_text(labelled).entries][3:] == ["Moss Net Paper"]


def test_a_line_of_several_fields_is_cut_before_each():
    from markdown_it.tree import SyntaxTreeNode
    from paperkg.extract.reading.markdown import _join_paragraphs, _parser
    from paperkg.extract.reading.paper_note import RawBlock, read_fields

    tree = SyntaxTreeNode(
        _parser().parse(
            "**Paper:** [pdf](https://x.org/a.pdf) | **Code:** [GitHub](https://github.com/x/y)\n"
        )
    )
    block = RawBlock(_join_paragraphs([tree.children[0]]), 1, "paragraph")
    fields = read_fields([block]).values
    assert fields["paper"] == ("pdf", "https://x.org/a.pdf")


def test_dataview_fields_inside_a_sentence_are_read_as_fields():
    text = (
        "# Kelp\n\nRead on [date:: 2024-01-15] · [title:: Kelp Nets: Slow Growth]"
        " · [url:: https://arxiv.org/abs/2101.00009]\n\nNotes.\n"
    )
    (entry,) = parse_text(text, "Kelp.md").entries
    assert (entry.title, entry.url) == (
        "Kelp Nets: Slow Growth",
        "https://arxiv.org/abs/2101.00009",
    )


def test_a_bundles_index_is_named_by_its_folder_which_is_no_topic():
    from paperkg.extract.reading.markdown import parse_notes
    from paperkg.extract.reading.source import NotesSource

    text = "---\ntitle: Kelp Nets\n---\n\n[paper](https://arxiv.org/abs/2101.00009)\n"
    source = NotesSource(path="posts/kelp-nets/index.md", sha256="0", text=text)
    (entry,) = parse_notes(source, ("posts", "kelp-nets")).entries
    assert entry.folder == ("posts",)
    source = NotesSource(path="posts/kelp-nets.md", sha256="0", text=text)
    (entry,) = parse_notes(source, ("posts",)).entries
    assert entry.folder == ("posts",)


def test_a_post_whose_only_link_is_an_unlabelled_pdf_is_no_paper():
    text = "---\ntitle: About\n---\n\nI read papers. My [CV](https://me.example.org/cv.pdf).\n"
    assert [e for e in parse_text(text, "about.md").entries if e.kind != "text"] == []
    labelled = text.replace("My [CV]", "The [paper]")
    assert [e.url for e in parse_text(labelled, "about.md").entries] == [
        "https://me.example.org/cv.pdf"
    ]


def test_a_closing_aside_in_lower_case_is_no_part_of_a_text_title():
    from paperkg.extract.reading.list_titles import title_before_tail

    aside = "Shuttle Momentum (cool trick, weak eval)"
    named = "Visual Tuning Of Kelp (KelpNet)"
    assert title_before_tail(aside, 0, len(aside), ()).text == "Shuttle Momentum"
    assert title_before_tail(named, 0, len(named), ()).text == named


def test_a_note_opening_with_its_papers_reference_is_that_paper_when_named_after_it():
    ref = (
        "> Kelp Nets: Slow Growth. Vell and Roe, ICML 2022.\n"
        "> https://arxiv.org/abs/2101.00009\n\n## What\n\nNotes.\n"
    )
    from paperkg.extract.reading.markdown import parse_notes
    from paperkg.extract.reading.source import NotesSource

    source = NotesSource(path="kelp-nets/README.md", sha256="0", text=ref)
    (named,) = parse_notes(source, ("kelp-nets",)).entries
    assert (named.title, named.url) == (
        "Kelp Nets: Slow Growth",
        "https://arxiv.org/abs/2101.00009",
    )
    other = parse_text(ref, "Reading habits.md")
    assert [e for e in other.entries if e.kind != "text"] == []


def test_dashed_references_are_papers_where_they_repeat_and_dashed_notes_are_not():
    from paperkg.extract.reading.list_titles import dashed_reference_title

    assert dashed_reference_title("Kelp Nets — M. Vell, O. Roe — ICML 2019").text == "Kelp Nets"
    assert dashed_reference_title("Tools — ask Pell — 2020") is None
    assert dashed_reference_title("Kelp Nets — M. Vell — soon") is None
    one = "# Reading\n\n- Kelp Nets: Slow Growth — M. Vell — ICML 2019\n- ask Pell\n"
    assert [e for e in parse_text(one).entries if e.kind != "text"] == []
    two = one + "\n## More\n\n- Fern Nets: Leafy Layers — O. Roe, P. Lunn — NeurIPS 2020\n"
    assert [e.title for e in parse_text(two).entries] == [
        "Kelp Nets: Slow Growth",
        "Fern Nets: Leafy Layers",
    ]


def test_titles_in_bold_or_quotes_with_their_citation_are_papers_where_they_repeat():
    """`**Title** (A. Author et al., 2023) — comment 8/10`: papers cited in one's own words,
    no links; the closing rating and the citation's year are kept, the rest is comment."""
    from paperkg.extract.reading.list_titles import cited_title

    text = "Kelp Nets (Vell et al., 2019) — slow. 8/10"
    assert cited_title(text, [(0, 9)]).text == "Kelp Nets"
    assert cited_title(text, []) is None  # no mark: a claim citing a paper, maybe
    assert cited_title('"Kelp Nets" (Vell & Roe, 2019)', []).text == "Kelp Nets"
    assert cited_title("**Tools** (ask Pell, later)", [(0, 5)]) is None
    notes = (
        "# Read this year\n\n## Vision\n\n"
        "- **Kelp Nets: Slow Growth** (Vell et al., 2019) — tidal attention. 8/10\n"
        "- **Fern Nets** (O. Roe and P. Lunn, 2021) — leafy layers\n"
        "- ask Pell about the rest\n"
    )
    entries = [e for e in parse_text(notes).entries if e.kind != "text"]
    assert [(e.title, e.rating, e.year, e.comment, e.section) for e in entries] == [
        ("Kelp Nets: Slow Growth", 8.0, 2019, "tidal attention", ("Read this year", "Vision")),
        ("Fern Nets", None, 2021, "leafy layers", ("Read this year", "Vision")),
    ]
    italics = "# Read\n\n- *Kelp Nets* (Vell et al., 2019). Slow.\n- _Fern Nets_ (Roe, 2021)\n"
    assert [(e.title, e.year) for e in parse_text(italics).entries] == [
        ("Kelp Nets", 2019),
        ("Fern Nets", 2021),
    ]
    claims = (
        "# Findings\n\n- Tides scale well (Vell et al., 2019)\n- Ferns need light (Roe, 2021)\n"
    )
    assert [e for e in parse_text(claims).entries if e.kind != "text"] == []
    one = "# Reading\n\n- **Kelp Nets** (Vell et al., 2019) — slow\n- ask Pell\n"
    assert [e for e in parse_text(one).entries if e.kind != "text"] == []  # one: not a list
    paragraphs = (
        "# Log\n\n**Kelp Nets** (Vell et al., 2019). Tidal attention. Rating: 8/10\n\n"
        "**Fern Nets** (Roe, 2021). Leafy layers.\n"
    )
    assert [(e.title, e.rating, e.year, e.comment) for e in parse_text(paragraphs).entries] == [
        ("Kelp Nets", 8.0, 2019, "Tidal attention"),
        ("Fern Nets", None, 2021, "Leafy layers"),
    ]


def test_headings_that_cite_their_paper_are_papers_without_a_link_where_they_repeat():
    """`## Kelp Nets (Vell et al., 2019)` over the reader's notes: a paper's section, as
    one over its link is; one such heading alone is a section of notes."""
    from paperkg.extract.reading.heading_names import cited_year

    assert cited_year("Kelp Nets (Vell et al., 2019)") == 2019
    assert cited_year("Vell & Roe (2020) — Kelp Nets") == 2020
    assert cited_year("Kelp Nets (draft, later)") is None
    assert cited_year("Kelp Nets") is None
    notes = (
        "# Reading\n\n## Kelp Nets: Slow Growth (Vell et al., 2019)\n\n"
        "Tidal attention over kelp. 8/10\n\n## Fern Nets (Roe and Lunn, 2021)\n\nLeafy layers.\n"
    )
    entries = parse_text(notes).entries
    assert [(e.title, e.year, e.rating, e.comment, e.section) for e in entries] == [
        ("Kelp Nets: Slow Growth", 2019, 8.0, "Tidal attention over kelp. 8/10", ("Reading",)),
        ("Fern Nets", 2021, None, "Leafy layers.", ("Reading",)),
    ]
    one = "# Reading\n\n## Kelp Nets (Vell et al., 2019)\n\nTidal.\n\n## Later\n\nMore.\n"
    assert [e.title for e in parse_text(one).entries if e.kind != "text"] == []


def test_references_ending_with_venue_and_year_are_papers_as_lines_or_paragraphs():
    """`Vell, M., Roe, O. Fern nets. ICML 2019.`: authors, title, venue and year, as most
    venues' styles write a reference; paragraphs of them (a related-work section pasted
    from a paper) are papers where two or more are, and the file is no one paper's note."""
    from paperkg.extract.reading.entry_parts import markdown_words
    from paperkg.extract.reading.list_titles import reference_title

    abbreviations = markdown_words()["title_abbreviations"]
    ref = reference_title("M. Vell and O. Roe. Fern nets. In Proc. ICML, 2019.", abbreviations)
    assert ref.text == "Fern nets"
    assert reference_title("Vell, M. Notes on things for later.", abbreviations) is None
    related = (
        "# Related work\n\nVell, M., Roe, O. Fern nets. ICML 2019.\n\n"
        "Roe, O., Lunn, P., et al. Moss layers for all. NeurIPS 2020.\n\nSee also the talk.\n"
    )
    assert [(e.title, e.line) for e in parse_text(related).entries if e.kind != "text"] == [
        ("Fern nets", 3),
        ("Moss layers for all", 5),
    ]
    note = "# Kelp Nets: Slow Growth\n\nhttps://arxiv.org/abs/1905.01234\n\n## Related\n\n"
    cited = related.split("\n\n", 1)[1]
    assert [e.kind for e in parse_text(note + cited, "kelp.md").entries] == ["note"]


def test_an_arxiv_address_without_its_scheme_and_a_note_named_by_its_identifier_link_it():
    from paperkg.extract.reading.links import file_name_arxiv_url, written_arxiv_ids

    assert written_arxiv_ids("Link: arxiv.org/abs/1905.01234") == [
        (6, 30, "https://arxiv.org/abs/1905.01234")
    ]
    assert written_arxiv_ids("www.arxiv.org/pdf/1905.01234v2.pdf")[0][2].endswith("1905.01234")
    assert written_arxiv_ids("export.arxiv.org/abs/1905.01234") == []  # another host
    assert file_name_arxiv_url("papers/1905.01234v2.md") == "https://arxiv.org/abs/1905.01234"
    assert file_name_arxiv_url("papers/kelp.md") is None
    note = parse_text("# Kelp Nets\n\nTidal attention over kelp.\n", "papers/1905.01234.md")
    assert [(e.title, e.url, e.kind) for e in note.entries] == [
        ("Kelp Nets", "https://arxiv.org/abs/1905.01234", "note")
    ]
    headings = (
        "# Weekly\n\n### Kelp Nets\n**TL;DR**: slow.\n**Link**: arxiv.org/abs/1905.01234\n\n"
        "### Fern Nets\n**TL;DR**: leafy.\n**Link**: arxiv.org/abs/2001.01234\n"
    )
    assert [(e.title, e.url) for e in parse_text(headings).entries] == [
        ("Kelp Nets", "https://arxiv.org/abs/1905.01234"),
        ("Fern Nets", "https://arxiv.org/abs/2001.01234"),
    ]


def test_a_rated_item_in_bold_linking_nothing_is_a_paper_titled_by_the_bold_text():
    """`- [8/10] **Kelp Nets** — slow` is an entry by its rating, titled by the bold text;
    `- **Kelp Nets** — slow. 8/10` (or `★★★★☆`) is one where two or more items are."""
    first = "# Top\n\n- [8/10] **Kelp Nets** — slow.\n"
    assert [(e.title, e.rating, e.comment) for e in parse_text(first).entries] == [
        ("Kelp Nets", 8.0, "slow")
    ]
    last = "# Top\n\n1. **Kelp Nets** — slow. 8/10\n2. **Fern Nets** — Roe, 2021. ★★★☆☆\n"
    assert [(e.title, e.rating, e.rating_scale, e.comment) for e in parse_text(last).entries] == [
        ("Kelp Nets", 8.0, 10, "slow"),
        ("Fern Nets", 3.0, 5, "Roe, 2021"),
    ]
    one = "# Results\n\n- **Kelp Nets** — slow. 8/10\n- **Results**: 9/10 on tides\n"
    assert [e for e in parse_text(one).entries if e.kind != "text"] == []


def test_three_paper_links_under_a_heading_naming_none_of_them_are_a_list():
    """`# Inbox` over items linking papers is a list of them, not the first paper's note
    citing the others; `# Kelp Nets` over `[Kelp Nets: Slow Growth](url)` and two links it
    cites stays Kelp Nets' note."""
    items = (
        "- [Kelp Nets: Slow Growth](https://arxiv.org/abs/1905.01234)\n"
        "- builds on [Fern Layers](https://arxiv.org/abs/1801.01234)\n"
        "- compared with [Moss Pooling](https://arxiv.org/abs/1802.01234)\n"
    )
    inbox = parse_text("# Inbox\n\n" + items)
    assert [(e.title, e.kind) for e in inbox.entries] == [
        ("Kelp Nets: Slow Growth", "item"),
        ("Fern Layers", "item"),
        ("Moss Pooling", "item"),
    ]
    assert [e.kind for e in parse_text(items, "inbox.md").entries] == ["item"] * 3
    two = "".join(items.splitlines(keepends=True)[:2])
    assert [e.kind for e in parse_text("# Inbox\n\n" + two).entries] == ["item"] * 2
    note = parse_text("# Kelp Nets\n\n" + items)
    assert [(e.title, e.kind) for e in note.entries] == [("Kelp Nets: Slow Growth", "note")]


def test_a_numbered_label_before_a_papers_heading_is_no_part_of_its_name():
    from paperkg.extract.reading.heading_names import heading_name

    assert heading_name("Paper 1: Kelp Nets") == "Kelp Nets"
    assert heading_name("Paper #2 — Fern Nets") == "Fern Nets"
    assert heading_name("Session 3. Moss Pooling") == "Moss Pooling"
    assert heading_name("Kelp 2: Slower Growth") == "Kelp 2: Slower Growth"  # a name's number


def test_pages_keyed_by_an_arxiv_identifier_are_that_papers_link():
    """Hugging Face's paper pages and alphaXiv are keyed by the arXiv identifier: the same
    paper, one node with its arXiv link; a model's page on Hugging Face stays code."""
    from paperkg.extract.reading.links import link_kind, paper_identifier

    assert paper_identifier("https://huggingface.co/papers/1905.01234") == "arXiv:1905.01234"
    assert paper_identifier("https://www.alphaxiv.org/abs/1905.01234v2") == "arXiv:1905.01234"
    assert link_kind("https://huggingface.co/kelp/kelp-nets-base") == "code"
    assert link_kind("https://www.nature.com/articles/s41586-021-00001-1") == "paper"


def test_a_one_word_model_name_before_a_papers_link_and_a_footnotes_link_name_papers():
    """`- KelpNet [[arXiv](url)]`: one word shaped as a model's name is a title before a
    paper's link (`- see [pdf](url)` is none); `- Kelp Nets[^1]` over `[^1]: https://...`
    is titled by its text, the footnote's mark being no name."""
    from paperkg.extract.reading.list_titles import model_name

    assert all(map(model_name, ["KelpNet", "KELP", "Kelp2", "pix2pix", "kelpNet"]))
    assert not any(map(model_name, ["see", "Kelp", "read", "Later"]))
    items = (
        "# 2019\n\n- KelpNet [[arXiv](https://arxiv.org/abs/1905.01234)]\n"
        "- Fern Layers for Moss [[arXiv](https://arxiv.org/abs/1905.01235)]\n"
        "- see [pdf](https://arxiv.org/abs/1801.01234)\n"
    )
    assert [e.title for e in parse_text(items).entries] == ["KelpNet", "Fern Layers for Moss"]
    footnotes = (
        "# Notes\n\n- Kelp Nets[^kelp] — slow. 8/10\n- FernNet[^fern] — leafy\n\n"
        "[^kelp]: https://arxiv.org/abs/1905.01234\n[^fern]: https://arxiv.org/abs/1801.01234\n"
    )
    assert [(e.title, e.url) for e in parse_text(footnotes).entries] == [
        ("Kelp Nets", "https://arxiv.org/abs/1905.01234"),
        ("FernNet", "https://arxiv.org/abs/1801.01234"),
    ]


def test_a_title_written_out_under_a_paper_header_among_linked_rows_is_a_paper():
    table = (
        "# Reading group\n\n| Date | Paper |\n|---|---|\n"
        "| Jan 10 | [Kelp Nets](https://arxiv.org/abs/1905.01234) |\n"
        "| Jan 17 | Fern Layers: Leafy Growth at Scale |\n"
        "| Jan 24 | [Moss Pooling](https://arxiv.org/abs/1801.01234) |\n"
        "| Jan 31 | Ours |\n"
    )
    assert [(e.title, e.url) for e in parse_text(table).entries] == [
        ("Kelp Nets", "https://arxiv.org/abs/1905.01234"),
        ("Fern Layers: Leafy Growth at Scale", None),
        ("Moss Pooling", "https://arxiv.org/abs/1801.01234"),
    ]


def test_front_matter_with_a_title_authors_and_year_is_a_papers_note_without_a_link():
    note = (
        "---\ntitle: Kelp Nets\nauthors:\n  - Mira Vell\nyear: 2019\ntags: [tides]\n---\n\n"
        "Slow but steady; compare with [[Fern Nets]].\n"
    )
    (entry,) = parse_text(note, "kelp.md").entries
    assert (entry.title, entry.kind, entry.url, entry.year) == ("Kelp Nets", "note", None, 2019)
    assert entry.authors == ("Mira Vell",)
    untitled = "---\ntitle: Groceries\ntags: [home]\n---\n\nEggs.\n"
    assert [e.kind for e in parse_text(untitled, "groceries.md").entries] == ["text"]
    book = "---\ntitle: Tides\nauthors: [Mira Vell]\nyear: 2016\ntags: [books]\n---\n\nLong.\n"
    assert [e.kind for e in parse_text(book, "tides.md").entries] == ["text"]
    post = "---\ntitle: Welcome\nauthor: Mira Vell\ndate: 2023-10-01\n---\n\nHello.\n"
    assert [e.kind for e in parse_text(post, "welcome.md").entries] == ["text"]  # a post


def test_arxivs_own_doi_names_the_preprint_its_links_name():
    from paperkg.extract.reading.links import paper_identifier

    assert paper_identifier("https://doi.org/10.48550/arXiv.1905.01234") == "arXiv:1905.01234"
    assert paper_identifier("https://doi.org/10.1145/1234.5678") == "doi:10.1145/1234.5678"


@pytest.mark.parametrize(
    "title",
    [
        "Paper Review: Kelp Nets",
        "[논문 리뷰] Kelp Nets",
        "Kelp Nets 논문 리뷰",
        "論文紹介: Kelp Nets",
        "Paper Summary — Kelp Nets",
        "[Paper] Kelp Nets (ICML 2019)",
        "Review of Kelp Nets",
        "【论文阅读】Kelp Nets",
    ],
)
def test_a_posts_label_around_the_papers_name_is_no_part_of_it(title):
    post = (
        f'---\ntitle: "{title}"\ndate: 2023-05-01\n---\n\n'
        "This post reads the [paper](https://arxiv.org/abs/1905.01234).\n"
    )
    assert [e.title for e in parse_text(post, "_posts/2023-05-01-kelp.md").entries] == ["Kelp Nets"]


def test_a_title_that_ends_as_a_review_keeps_it():
    from paperkg.extract.reading.heading_names import post_title

    assert post_title("Kelp Nets: A Review") == "Kelp Nets: A Review"
    assert post_title("Attention Is All You Need") == "Attention Is All You Need"


def test_a_bold_field_name_with_its_colon_inside_is_no_title():
    """`- **Link:** [arXiv](url)` under `## 1. Kelp Nets` is the heading's paper's link, as
    `- **Link**: [arXiv](url)` is; and an arXiv address in a table's Link column is the
    row's link, not its title."""
    summaries = (
        "# Summaries\n\n## 1. Kelp Nets\n\n- **Authors:** Vell et al.\n"
        "- **Link:** [arXiv](https://arxiv.org/abs/1905.01234)\n\n## 2. Fern Nets\n\n"
        "- **Authors:** Roe et al.\n- **Link:** [arXiv](https://arxiv.org/abs/1801.01234)\n"
    )
    entries = parse_text(summaries).entries
    assert [(e.title, e.url) for e in entries] == [
        ("Kelp Nets", "https://arxiv.org/abs/1905.01234"),
        ("Fern Nets", "https://arxiv.org/abs/1801.01234"),
    ]
    assert all("Vell" not in (e.comment or "") and "Roe" not in (e.comment or "") for e in entries)
    table = (
        "| Title | Link |\n|---|---|\n| Kelp Nets | arxiv.org/abs/1905.01234 |\n"
        "| Fern Nets | arxiv.org/abs/1801.01234 |\n"
    )
    assert [(e.title, e.url) for e in parse_text(table).entries] == [
        ("Kelp Nets", "https://arxiv.org/abs/1905.01234"),
        ("Fern Nets", "https://arxiv.org/abs/1801.01234"),
    ]


def test_a_heading_over_a_citation_field_is_a_paper_with_its_year():
    notes = (
        "# Annotations\n\n## Kelp Nets\n\n"
        "**Citation:** Vell, M., Roe, O. (2019). Kelp nets. *ICML*.\n\n> a quote (p. 1)\n\n"
        "## Fern Nets\n\n**Citation:** Roe, O., et al. (2021). Fern nets. *TMLR*.\n"
    )
    assert [(e.title, e.year) for e in parse_text(notes).entries] == [
        ("Kelp Nets", 2019),
        ("Fern Nets", 2021),
    ]
    plain = "# Log\n\n## Kelp\n\n**Citation:** later\n\n## Fern\n\n**Citation:** soon\n"
    assert [e for e in parse_text(plain).entries if e.kind != "text"] == []


def test_a_journal_lines_time_and_verb_and_a_named_version_are_read_around_the_title():
    """`- 09:30 read Kelp Nets https://...`: the time and the verb are no part of the title;
    `- Kelp 2 => https://...` is named `Kelp 2` (a name and its version); `Reading Tides at
    Scale` keeps its first word (a title in capitals, no verb)."""
    log = (
        "# 2024-03-04\n\n- 09:30 read Kelp Nets https://arxiv.org/abs/1905.01234 — slow\n"
        "- 14:10 skimmed FernNet https://arxiv.org/abs/1801.01234\n"
        "- Reading Tides at Scale https://arxiv.org/abs/1802.01234\n"
        "- Kelp 2 => https://arxiv.org/abs/1803.01234\n"
    )
    assert [e.title for e in parse_text(log).entries] == [
        "Kelp Nets",
        "FernNet",
        "Reading Tides at Scale",
        "Kelp 2",
    ]


def test_items_tagged_as_papers_are_papers_without_a_link():
    inbox = (
        "# Inbox\n\n- Kelp Nets: Slow Growth #paper\n- [[FernNet]] #paper #vision\n- Eggs #todo\n"
    )
    assert [(e.title, e.tags) for e in parse_text(inbox).entries if e.kind != "text"] == [
        ("Kelp Nets: Slow Growth", ()),
        ("FernNet", ("vision",)),
    ]
    one = "# Inbox\n\n- Kelp Nets #paper\n- Eggs #todo\n"
    assert [e for e in parse_text(one).entries if e.kind != "text"] == []  # where two are


def test_a_paper_label_inside_a_sections_text_gives_its_link():
    notes = (
        "# Nets\n\n## KelpNet\nTidal attention. Paper: https://arxiv.org/abs/1905.01234\n\n"
        "## FernNet\nLeafy layers.\nPaper: https://arxiv.org/abs/1801.01234\n"
    )
    assert [(e.title, e.url) for e in parse_text(notes).entries] == [
        ("KelpNet", "https://arxiv.org/abs/1905.01234"),
        ("FernNet", "https://arxiv.org/abs/1801.01234"),
    ]


def test_a_post_titled_around_the_name_it_links_is_named_by_the_link():
    post = (
        '---\ntitle: "My thoughts on Kelp Nets"\ndate: 2023-05-01\n---\n\n'
        "I read [Kelp Nets](https://arxiv.org/abs/1905.01234) at last.\n"
    )
    assert [e.title for e in parse_text(post, "_posts/kelp.md").entries] == ["Kelp Nets"]


def test_topic_bullets_nest_and_a_titled_link_under_one_is_a_paper_of_its_own():
    """`- Vision` / `  - Segmentation` / `    - [Title](url)`: each level of sibling
    bullets is a topic; `- Language` over `  - [Kelp 2](url)` alone is a topic over a paper,
    not the paper titled "Language" (that reading is for `- **Title**` over `- [pdf](url)`)."""
    notes = (
        "# Reading\n\n- Vision\n  - Segmentation\n"
        "    - [Kelp Nets](https://arxiv.org/abs/1905.01234)\n"
        "  - Self-supervised\n    - [FernNet](https://arxiv.org/abs/1801.01234)\n"
        "- Language\n  - [Kelp 2](https://arxiv.org/abs/1803.01234)\n"
    )
    assert [(e.title, e.section) for e in parse_text(notes).entries] == [
        ("Kelp Nets", ("Reading", "Vision", "Segmentation")),
        ("FernNet", ("Reading", "Vision", "Self-supervised")),
        ("Kelp 2", ("Reading", "Language")),
    ]
    short = (
        "# Reading\n\n- Kelp Nets\n  - [Kelp Nets: Slow Growth](https://arxiv.org/abs/1905.01234)\n"
        "- Fern Nets\n  - [Fern Nets: Leafy Layers](https://arxiv.org/abs/1801.01234)\n"
    )
    assert [(e.title, e.section) for e in parse_text(short).entries] == [
        ("Kelp Nets: Slow Growth", ("Reading",)),  # the short name over its full title
        ("Fern Nets: Leafy Layers", ("Reading",)),
    ]
    titled = (
        "# Reading\n\n- **Kelp Nets: Slow Growth**\n  - [pdf](https://arxiv.org/abs/1905.01234)\n"
        "- **Fern Layers at Scale**\n  - https://arxiv.org/abs/1801.01234\n"
    )
    assert [(e.title, e.url) for e in parse_text(titled).entries] == [
        ("Kelp Nets: Slow Growth", "https://arxiv.org/abs/1905.01234"),
        ("Fern Layers at Scale", "https://arxiv.org/abs/1801.01234"),
    ]


LEVELS = {
    "admonitions/vision.md": "headings",
    "arxiv_ids/log.md": "headings",
    "arxiv_ids/daily.md": "list items",
    "bold_bullets/robustness.md": "paragraphs",
    "dataview/Papers/Snorvax.md": "one paper per file",
    "digest/README.md": "headings",
    "paper_folders/vision/tessel-vit/README.md": "one paper per file",
    "paper_folders/_template/README.md": "none",
    "plain_refs/background.md": "list items",
    "quarto/about.qmd": "none",
}


def test_inspect_says_at_what_level_each_shape_is_read():
    found = levels_read(THIRD)
    assert {name: found.get(name) for name in LEVELS} == LEVELS


def test_callouts_of_one_kind_repeating_are_headings_and_a_lone_one_stays_a_quote():
    from paperkg.extract.reading.admonitions import markdown_from_admonitions

    two = "# N\n> [!paper] Kelp Nets\n> [pdf](https://x.org/a.pdf)\n\n> [!paper]- Fern\n> x\n"
    assert markdown_from_admonitions(two).split("\n")[1::3] == ["## Kelp Nets", "## Fern"]
    one = "# N\n> [!info] Metadata\n> Title:: Kelp Nets\n"
    assert markdown_from_admonitions(one) == one
