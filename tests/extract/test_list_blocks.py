"""Table rows and numbered references as item text."""

from __future__ import annotations

from paperkg.extract.reading.entry_parts import InlineText, LinkSpan
from paperkg.extract.reading.list_blocks import (
    is_reference,
    reference_pieces,
    row_text,
    title_column,
)


def cell(text: str, href: str | None = None) -> InlineText:
    links = (LinkSpan(0, len(text), text, href, 1),) if href else ()
    return InlineText(text, links, (), ((0, 1),))


def test_the_title_column_is_the_one_headed_like_a_title_else_the_first():
    assert title_column(["Year", "**Paper Title**", "Code"]) == 1
    assert title_column(["Method", "Score"]) == 0


def test_a_row_puts_its_title_cell_first_and_keeps_link_offsets():
    row = row_text([cell("2021"), cell("A Made-Up Title"), cell("pdf", "https://x.org/p")], 1)
    assert row.text == "A Made-Up Title | 2021 | pdf"
    (link,) = row.links
    assert row.text[link.start : link.end] == "pdf"


def test_references_split_where_a_line_starts_with_a_number():
    text = '[1] Doe. "One Made-Up Title" [2] Roe. "Two" and [3] not at a line start'
    second = text.index("[2]")
    inline = InlineText(text, (), (), ((0, 5), (second, 6)))
    assert is_reference(inline)
    pieces = reference_pieces(inline)
    assert [p.text.split()[0] for p in pieces] == ["[1]", "[2]"]
    assert [p.line_at(0) for p in pieces] == [5, 6]
    assert not is_reference(InlineText("A paragraph [1] cites", (), (), ((0, 1),)))
