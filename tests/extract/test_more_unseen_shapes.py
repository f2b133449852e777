"""More note shapes nobody showed the reader: each fixture under `fixtures/unseen/<shape>/` is
made-up notes with its answers (`gold.jsonl`) written by hand before the reader ran on them.

- `bibliography`: APA, IEEE and ACM references, numbered, bulleted or one per paragraph;
- `logseq`: Logseq pages with `key:: value` properties, and a journal with a block per paper;
- `details`: a paper per `<details><summary>` block, and HTML `<h3>` headings;
- `definitions`: `**Title** — summary [arXiv](...)` paragraphs under topic headings;
- `journal`: a "paper of the week" file, a date heading over each paper's link;
- `notion`: Notion pages (`Property: value` lines under the title) and a wide database table;
- `badges`: awesome-list entries with shields.io badges linking the paper.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from made_up_shapes import (
    check_found_exactly,
    check_titles_links_topics,
    papers_read,
    parse_text,
)
from paperkg.extract.language.vocabulary import load_vocabulary

MORE = Path(__file__).parent.parent / "fixtures" / "unseen"
SHAPES = ["bibliography", "logseq", "details", "definitions", "journal", "notion", "badges"]


@pytest.mark.parametrize("shape", SHAPES)
def test_every_gold_paper_is_found_at_its_line_and_nothing_else(shape, vocab):
    check_found_exactly(MORE / shape, vocab)


@pytest.mark.parametrize("shape", SHAPES)
def test_every_gold_paper_has_its_title_link_and_topic(shape, vocab):
    check_titles_links_topics(MORE / shape, vocab)


def test_a_reference_linking_nothing_is_a_paper_only_among_listed_papers():
    ref = "- Ostrel, F. (2019). Mossy Monte Carlo. In Proc. of X.\n"
    linked = "- Doe, J. (2020). Stone soup sampling. https://arxiv.org/abs/2001.00001\n"
    alone = parse_text("# Reading\n\n" + ref + linked)
    listed = parse_text("# Reading\n\n" + ref + linked + linked.replace("Stone", "Pebble"))
    assert [e.title for e in alone.entries] == ["Stone soup sampling"]
    assert [e.title for e in listed.entries][:1] == ["Mossy Monte Carlo"]
    assert len(listed.entries) == 3


def test_a_papers_note_citing_works_that_link_nothing_stays_one_paper():
    text = (
        "# Brine Former\n\n[Brine Former: Salted Attention](https://arxiv.org/abs/2305.00052)\n"
        "\nNotes on the idea.\n\n## References\n\n"
        "- Doe, J. (2020). Stone soup sampling. https://arxiv.org/abs/2001.00001\n"
        "- Roe, R. (2021). Pebble soup sampling. https://arxiv.org/abs/2001.00002\n"
        "- Lee, A. (2019). Gravel soup sampling. In Proc. of X.\n"
        "- Kim, B. (2018). Sand soup sampling. In Proc. of Y.\n"
    )
    parsed = parse_text(text)
    assert parsed.layout.level == "one paper per file"
    assert [e.title for e in parsed.entries] == ["Brine Former: Salted Attention"]


def test_one_paragraph_citing_a_paper_is_prose_two_are_a_list():
    one = "# Notes\n\n**Quill Net** is what we tried first [arXiv](https://arxiv.org/abs/2101.00001).\n"
    two = one + "\n**Ember Net** — warm starts. [arXiv](https://arxiv.org/abs/2101.00002)\n"
    assert [e.title for e in parse_text(one).entries if e.kind != "text"] == []
    assert [e.title for e in parse_text(two).entries] == ["Quill Net", "Ember Net"]
    assert parse_text(two).layout.level == "paragraphs"


def test_a_paragraph_opening_with_a_field_key_is_no_paper():
    text = (
        "# Reed Voice\n\n**Paper**: [arXiv](https://arxiv.org/abs/2101.00003)\n\n"
        "**Code**: [pdf](https://example.org/x.pdf)\n\nSome notes.\n"
    )
    parsed = parse_text(text)
    assert [e.title for e in parsed.entries] == ["Reed Voice"]
    assert parsed.layout.level == "one paper per file"


def test_html_is_rewritten_line_for_line_and_code_is_left_alone():
    from paperkg.extract.reading.html_blocks import markdown_from_html

    text = (
        "## Topic\n<details>\n<summary>Moss Net</summary>\n\n<p><a href='https://x.org/a'>"
        "pdf</a></p>\n</details>\n```\n<h3>kept</h3>\n```\n<h2>Other</h2>\n"
    )
    out = markdown_from_html(text).split("\n")
    assert len(out) == len(text.split("\n"))
    assert out[1:5] == ["### Moss Net", "", "", "[pdf](https://x.org/a)"]
    assert out[5] == "" and out[7] == "<h3>kept</h3>" and out[9] == "## Other"


def test_a_title_case_title_before_a_year_is_no_author_list():
    from paperkg.extract.reading.list_titles import title_before_tail

    acm = "Lee, Roe, and Doe. 2023. Stone Soup Models. In Proc. of X."
    plain = "Stone Soup Models For Gravel. 2023. In Proc. of X."
    assert title_before_tail(acm, 0, len(acm), ()).text == "Stone Soup Models"
    assert title_before_tail(plain, 0, len(plain), ()).text == "Stone Soup Models For Gravel"


def test_a_date_heading_is_neither_topic_nor_alias():
    found = papers_read(MORE / "journal", load_vocabulary())
    for entry in found.values():
        assert not any(a[:1].isdigit() for a in entry.aliases)
        assert not any(part[:1].isdigit() for part in entry.section)


def test_date_headings_that_hold_several_papers_are_topics():
    item = "- [{0} Net: A Title](https://arxiv.org/abs/2101.0000{1})\n"
    text = (
        "# Log\n\n## March 5, 2024\n\n"
        + item.format("Ember", 1)
        + item.format("Quill", 2)
        + "\n## March 12, 2024\n\n"
        + item.format("Fern", 3)
    )
    parsed = parse_text(text)
    assert [e.section[-1] for e in parsed.entries] == ["March 5, 2024"] * 2 + ["March 12, 2024"]
    assert [e.line for e in parsed.entries] == [5, 6, 10]


def test_a_month_or_weekday_date_heading_is_a_slot_a_bare_year_a_group():
    from paperkg.extract.reading.layout_choice import is_date

    assert all(is_date(h) for h in ["2024-03-12", "March 5, 2024", "Mon 12 Mar", "Week 12"])
    assert not any(is_date(h) for h in ["2023", "GPT 2", "May 2021 reading", "Mamba 2"])


def test_an_item_of_field_lines_is_read_by_its_fields_and_prose_is_not():
    from markdown_it.tree import SyntaxTreeNode
    from paperkg.extract.reading.list_blocks import field_lines_entry
    from paperkg.extract.reading.markdown import _join_paragraphs, _parser

    def item(text: str):
        tree = SyntaxTreeNode(_parser().parse(text))
        first = tree.children[0].children[0]
        return _join_paragraphs([c for c in first.children if c.type == "paragraph"])

    fields = item("- Title: Kelp Nets\n  Link: [pdf](https://example.org/kelp.pdf)\n")
    found = field_lines_entry(fields)
    assert (found.title, found.url) == ("Kelp Nets", "https://example.org/kelp.pdf")
    prose = item("- title:: Kelp Nets\n  we liked it, see https://arxiv.org/abs/2101.00009\n")
    assert field_lines_entry(prose) is None
    no_link = item("- title:: Kelp Nets\n  authors:: [[Mo Quax]]\n")
    assert field_lines_entry(no_link) is None


def test_inspect_says_the_headings_are_a_journals_dates():
    from paperkg.extract.reading.inspection import inspect_notes

    (found,) = [f for f in inspect_notes([MORE / "journal"]) if f.path.endswith(".md")]
    assert found.layout.level == "headings"
    assert any("dates of a journal, one paper under each" in e for e in found.layout.evidence)
