"""A paper's note that copies its results table names the works it is compared with; a
format, a tool, a blog post read and a technique's short form name none. Made-up notes in
shapes found by trying new ones (a blog of paper posts with results tables)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it.tree import SyntaxTreeNode
from paperkg.extract.language.result_rows import abbreviates
from paperkg.extract.reading.evidence import blog_page
from paperkg.extract.reading.markdown import _parser
from paperkg.extract.reading.result_tables import result_tables
from paperkg.extract.reading.source import decode_notes

from paperkg.run.collect import extract_source

POST = """---
layout: post
title: "Kelp Attention Networks"
---

[Paper Link](https://arxiv.org/abs/2101.00001)

Kelp attention grows one attention layer an epoch over a transformer.

### Results

{table}
"""


def _related(text: str, vocab, path: str = "_posts/2024-03-02-kelp.md") -> dict[str, str | None]:
    notes = extract_source(decode_notes(text.encode(), path), vocab)
    (item,) = [e for e in notes.entries if e.entry.kind != "text"]
    return {r.name or r.url or "": r.relation for r in item.related}


def _techniques(text: str, vocab, path: str = "_posts/2024-03-02-kelp.md") -> set[str]:
    notes = extract_source(decode_notes(text.encode(), path), vocab)
    (item,) = [e for e in notes.entries if e.entry.kind != "text"]
    return {t.label for t in item.techniques}


TABLE = """| Model | Kelp-1 | Kelp-2 |
|---|---|---|
| Vell et al. 2019 GRNN-Q | 61.2 | 70.4 |
| Quorn LSTM | 59.1 | - |
| Transformer (big) | 62.0 | 71.3 |
| Transformer with pruning | 62.4 | 71.0 |
| Rule-based baseline | 40.3 | 52.2 |
| KA-NET | **64.9** | **73.5** |
| No growth | 63.0 | 72.1 |
| This paper + kelp dropout | 65.1 | 73.9 |"""


@pytest.mark.parametrize(
    "delimiter",
    ["|---|---|---|", "|---|---|---|---|"],  # a delimiter row of another width: kramdown's
)
def test_a_results_tables_rows_name_the_works_compared_with(vocab, delimiter):
    table = TABLE.replace("|---|---|---|", delimiter)
    related = _related(POST.format(table=table), vocab)
    assert related == {
        "Vell et al. 2019 GRNN-Q": "compared_with",  # a citation
        "Quorn LSTM": "compared_with",  # a name built on a technique
    }  # not the techniques, the descriptions, the own model, its ablations or itself


def test_a_results_tables_technique_rows_are_mentions(vocab):
    assert "transformer" in _techniques(POST.format(table=TABLE), vocab)


@pytest.mark.parametrize(
    "table",
    [
        # no scores: a table of notes, not results
        "| Model | Idea |\n|---|---|\n| Quorn LSTM | grows |\n| Fern Nets | prunes |",
        # a first column that names no systems
        "| Dataset | Kelp-1 |\n|---|---|\n| Quorn LSTM | 59.1 |\n| Fern Nets | 60.2 |",
        # one row compares nothing
        "| Model | Kelp-1 |\n|---|---|\n| Quorn LSTM | 59.1 |",
    ],
)
def test_tables_that_are_no_results_name_no_work(vocab, table):
    assert "Quorn LSTM" not in _related(POST.format(table=table), vocab)


@pytest.mark.parametrize(
    ("sentence", "name"),
    [
        ("They write times in the [ZQL](https://zql.example.org/spec.html) representation.", "ZQL"),
        ("The authors incorporated the parser into Acme ZorbKit last year.", "ZorbKit"),
        ("It ships as a plugin for QuillDesk.", "QuillDesk"),
    ],
)
def test_a_format_or_a_tool_is_no_work(vocab, sentence, name):
    text = POST.format(table="") + "\n" + sentence + "\n"
    assert name not in _related(text, vocab)


def test_a_name_that_is_no_format_or_tool_is_still_a_work(vocab):
    text = (
        POST.format(table="")
        + "\nIt improves on ZorbKit and on [Fernet](https://example.org/fernet).\n"
    )
    related = _related(text, vocab)
    assert "ZorbKit" in related and "Fernet" in related


def test_a_blog_post_written_bare_is_read_not_cited(vocab):
    text = POST.format(table="") + (
        "\n### References\n\n"
        "1. https://kelp.example.org/2021/04/03/kelp-explained.html\n"
        "2. https://kelp.example.org/projects/fernet-report\n"
    )
    related = _related(text, vocab)
    assert "https://kelp.example.org/2021/04/03/kelp-explained.html" not in related
    assert "https://kelp.example.org/projects/fernet-report" in related  # no blog's page


def test_a_short_form_of_a_technique_the_note_spells_out_is_no_work(vocab):
    text = POST.format(table="") + (
        "\n1. Ordered - reads the parse tree (RecRNN)\n"
        "    - Recursive Neural Networks compose words bottom up.\n"
        "2. QuorNN beats unsupervised pre-training here.\n"
    )
    related = _related(text, vocab)
    assert "RecRNN" not in related
    assert "QuorNN" in related  # its letters are in "unsupervised pre-training", not its words


@pytest.mark.parametrize(
    ("short", "long", "whole", "expected"),
    [
        ("HN", "Hierarchical Attention Networks", False, True),
        ("BiDaf", "Bi-directional Attention Flow", False, True),
        ("RecRNN", "Recursive Neural Networks", True, True),
        ("PNN", "unsupervised pre-training", True, False),
        ("RecRNN", "the Recursive Neural Networks", True, False),
        ("NBOW", "Deep Averaging Networks", False, False),
    ],
)
def test_abbreviations_by_schwartz_and_hearst(short, long, whole, expected):
    assert abbreviates(short, long, whole=whole) is expected


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://kelp.example.org/2021/04/03/kelp-explained.html", True),
        ("https://kelp.example.org/2021/4/kelp-explained", True),
        ("https://kelp.example.org/blog/kelp", True),
        ("https://kelp.example.org/2021/04/03/kelp.pdf", False),
        ("https://kelp.example.org/papers/2021/kelp", False),
        ("https://arxiv.org/abs/2101.00001", False),
    ],
)
def test_a_blogs_page_by_its_host_path_or_dated_permalink(url, expected):
    assert blog_page(url) is expected


def test_a_table_of_the_papers_own_sizes_names_no_work(vocab):
    text = POST.replace('title: "Kelp Attention Networks"', 'title: "Zorb: Kelp Attention"').format(
        table="| Model | Params | Kelp-1 |\n|---|---|---|\n| Zorb-S | 22M | 60.1 |\n"
        "| Zorb-B | 86M | 63.4 |\n| Base | 12 | 58.0 |\n| Quorn LSTM | 30M | 59.1 |"
    )
    assert _related(text, vocab) == {"Quorn LSTM": "compared_with"}


_CELL = st.text(alphabet="ab Z9.|*-()[]\\%±", max_size=12)


@settings(max_examples=80, deadline=None, database=None)
@given(
    header=st.lists(_CELL, min_size=1, max_size=4),
    rows=st.lists(st.lists(_CELL, min_size=0, max_size=5), max_size=5),
    width=st.integers(min_value=1, max_value=6),
)
def test_any_pipe_table_reads_without_error_and_names_no_empty_row(header, rows, width):
    lines = ["| Model | " + " | ".join(header) + " |", "|" + "---|" * width]
    lines += ["| " + " | ".join(cells) + " |" for cells in rows]
    tree = SyntaxTreeNode(_parser().parse("\n".join(lines) + "\n"))
    for table in result_tables(tree):
        assert all(row.name.strip() for row in table.rows)
        assert all(1 <= row.line <= len(lines) for row in table.rows)
