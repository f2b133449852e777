"""Per-paper notes: which files are one paper, and what their top says about it.

The fixture folders (tests/fixtures/per-paper, vault, index) each hold an `expected.json`
written by hand before the extractor was run on them.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from paperkg.extract.language.vocabulary import load_vocabulary
from paperkg.extract.reading.markdown import parse_notes
from paperkg.extract.reading.source import decode_notes

from paperkg.run.collect import extract_notes

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


@pytest.fixture(scope="module")
def vocab():
    return load_vocabulary()


def parse(text: str, path: str = "n.md"):
    return parse_notes(decode_notes(text.encode(), path))


def _by_file(folder: Path, vocab):
    extraction = extract_notes([folder], vocab)
    out = {}
    for notes in extraction.files:
        rel = Path(notes.path).resolve().relative_to(folder.resolve()).as_posix()
        out[rel] = notes
    return out, extraction.warnings


@pytest.mark.parametrize("name", ["per-paper", "vault"])
def test_each_note_of_the_fixture_folder_is_the_expected_paper(name, vocab):
    folder = FIXTURES / name
    expected = json.loads((folder / "expected.json").read_text())
    files, warnings = _by_file(folder, vocab)
    for want in expected["papers"]:
        (item,) = files[want["file"]].entries
        entry = item.entry
        assert entry.kind == "note" and entry.line == want["line"]
        assert (entry.title, entry.url) == (want["title"], want["url"])
        assert entry.folder == tuple(want["folder"])
        assert entry.section == ()  # a note's headings are not topics
        assert files[want["file"]].headings == ()
        for key in ("authors", "tags"):
            if key in want:
                assert list(getattr(entry, key)) == want[key], key
        for key in ("year", "venue"):
            if key in want:
                assert getattr(entry, key) == want[key], key
        assert set(want.get("aliases", [])) <= set(entry.aliases)
        labels = {t.label for t in item.techniques}
        assert set(want["techniques"]) <= labels, labels
        assert not set(want.get("not_techniques", [])) & labels
        if "warning_line" in want:
            assert any(
                w.startswith(f"{entry.notes_file}:{want['warning_line']}:") for w in warnings
            )
    for path in expected.get("not_papers", []):
        # a concept note keeps its text for an index item that may link it, but is no paper
        assert [item.entry.kind for item in files[path].entries] in ([], ["text"])


def test_a_video_link_of_the_note_is_code(vocab):
    folder = FIXTURES / "per-paper"
    expected = json.loads((folder / "expected.json").read_text())
    files, _ = _by_file(folder, vocab)
    want = expected["papers"][0]
    (item,) = files[want["file"]].entries
    assert set(want["code"]) <= set(item.code)


def test_a_technique_is_one_mention_at_the_line_it_is_first_named(vocab):
    files, _ = _by_file(FIXTURES / "per-paper", vocab)
    (item,) = files["vision/Made_Up_Net.md"].entries
    mention = next(t for t in item.techniques if t.label == "batch normalization")
    assert mention.line == 12
    assert sum(1 for t in item.techniques if t.label == "batch normalization") == 1


def test_a_reading_list_whose_first_item_is_a_paper_link_stays_a_list():
    text = "# Deep Learning Reading\n\n" + "".join(
        f"- [Some Paper Title Number {i}](https://arxiv.org/abs/2101.0000{i})\n" for i in range(5)
    )
    parsed = parse(text)
    assert [e.kind for e in parsed.entries] == ["item"] * 5
    assert parsed.blocks == ()


def test_one_rated_entry_under_a_generic_heading_is_a_list_entry():
    parsed = parse(
        "# Papers\n\n- [7/10] [A Paper Title Here](https://arxiv.org/abs/2101.00001) ok\n"
    )
    ((entry),) = parsed.entries
    assert entry.kind == "item" and entry.rating == 7 and entry.section == ("Papers",)


def test_metadata_fields_make_a_note_even_with_paper_links_listed_below():
    refs = "".join(
        f"- [Reference Paper {i} Title](https://arxiv.org/abs/2001.0000{i})\n" for i in range(6)
    )
    text = "Title: My Paper Title\nLink: https://arxiv.org/abs/2301.00001\n\n## References\n" + refs
    ((entry),) = parse(text).entries
    assert entry.kind == "note" and entry.title == "My Paper Title"
    assert entry.url == "https://arxiv.org/abs/2301.00001"


def test_front_matter_title_with_an_identifier_is_a_literature_note():
    text = (
        "---\ntitle: A Zotero Paper\ndoi: 10.1000/xyz\nauthors: A. One and B. Two\n---\n\nnotes.\n"
    )
    ((entry),) = parse(text).entries
    assert (entry.title, entry.url) == ("A Zotero Paper", "https://doi.org/10.1000/xyz")
    assert entry.authors == ("A. One", "B. Two")


@pytest.mark.parametrize(
    ("rating", "expected"),
    [
        ("Rating: 8/10", (8, 10, False)),
        ("Rating: ★★★★☆", (4, 5, False)),
        ("My rating: 6/10?", (6, 10, True)),
        ("Rating: 4", (None, 10, False)),  # no scale written: 4 of 5, or of 10?
    ],
)
def test_a_rating_field_is_the_notes_rating(rating, expected):
    text = f"Title: My Paper Title\nLink: https://arxiv.org/abs/2301.00001\n{rating}\n\nNotes.\n"
    ((entry),) = parse(text).entries
    assert (entry.rating, entry.rating_scale, entry.rating_uncertain) == expected


def test_an_identifier_in_front_matter_and_the_title_as_heading_is_a_note():
    text = (
        "---\nurl: https://arxiv.org/abs/2106.00021\ntags: [peft]\n---\n"
        "# Zorb: Low-Rank Widgets of Made-Up Models\n\nFreeze the widgets, train the rest.\n"
    )
    ((entry),) = parse(text).entries
    assert entry.kind == "note" and entry.title == "Zorb: Low-Rank Widgets of Made-Up Models"
    assert entry.url == "https://arxiv.org/abs/2106.00021" and entry.tags == ("peft",)


def test_a_rating_in_front_matter_is_the_notes_rating():
    text = "---\ntitle: A Zotero Paper\ndoi: 10.1000/xyz\nrating: 9/10\n---\n\nnotes.\n"
    ((entry),) = parse(text).entries
    assert (entry.rating, entry.rating_scale) == (9, 10)


def test_a_property_table_opening_the_note_gives_its_fields():
    """A Notion export: the page's properties as a two-column table under its title."""
    text = (
        "# A Made-Up Widget Transformer for Gadgets\n\n"
        "| Property | Value |\n|---|---|\n"
        "| Authors | Zorbel et al. |\n| Link | https://arxiv.org/abs/2010.00011 |\n"
        "| Year | 2021 |\n\n## Summary\nWidgets as tokens.\n"
    )
    ((entry),) = parse(text).entries
    assert entry.kind == "note" and entry.title == "A Made-Up Widget Transformer for Gadgets"
    assert (entry.url, entry.year, entry.authors) == (
        "https://arxiv.org/abs/2010.00011",
        2021,
        ("Zorbel",),  # "et al." is never an author
    )


def test_the_notes_own_authors_are_no_cited_work(tmp_path, vocab):
    (tmp_path / "n.md").write_text(
        "# A Made-Up Widget Transformer for Gadgets\n\nAuthors: Zorbel et al.\n"
        "Link: https://arxiv.org/abs/2010.00011\n\n## Summary\nBetter than Quaxley et al.\n"
    )
    (notes,) = extract_notes([tmp_path], vocab).files
    (item,) = notes.entries
    assert [r.name for r in item.related] == ["Quaxley et al."]
    assert "Authors: Zorbel et al." in item.entry.comment  # the note's text keeps the line


def test_a_title_heading_over_a_line_of_paper_links_is_a_note():
    text = (
        "# Attention Is All You Need\n\n"
        "[arXiv](https://arxiv.org/abs/1706.03762) | [code](https://github.com/x/y)\n\n"
        "## Summary\nSelf-attention only.\n"
    )
    ((entry),) = parse(text).entries
    assert entry.kind == "note" and entry.title == "Attention Is All You Need"
    assert entry.url == "https://arxiv.org/abs/1706.03762"


def test_a_concept_note_is_not_a_paper():
    parsed = parse("# Gradient Descent\n- follow the negative gradient\n- see [[Adam]]\n")
    assert [(e.kind, e.title, e.url) for e in parsed.entries] == [("text", None, None)]
    assert parsed.warnings == ()


def test_the_papers_own_link_is_preferred_over_a_generic_heading():
    text = (
        "# Paper\n\n- [BART: Denoising Sequence-to-Sequence Pre-training]"
        "(https://arxiv.org/abs/1910.13461)\n- notes\n"
    )
    # under a generic heading, one link is a list of one entry, not a note
    assert [e.kind for e in parse(text).entries] == ["item"]
    text = text.replace("# Paper", "# BART")
    ((entry),) = parse(text).entries
    assert entry.title == "BART: Denoising Sequence-to-Sequence Pre-training"


def test_a_long_note_is_read_to_its_end(vocab):
    filler = "- plain words about nothing in particular\n" * 1500
    text = "# Long\n- [A Long Note About Things](https://arxiv.org/abs/2301.00009)\n" + filler
    text += "- in the end they add dropout\n"
    from paperkg.run.collect import extract_source

    notes = extract_source(decode_notes(text.encode(), "long.md"), vocab)
    (item,) = notes.entries
    assert len(text) > 40_000
    assert "dropout" in {t.label for t in item.techniques}


@pytest.mark.parametrize(
    "text",
    [
        "# Attention Is All You Need\n\nhttps://arxiv.org/abs/1706.03762\n\n## Notes\n- x\n",
        "# Attention Is All You Need\n\nLink: https://arxiv.org/abs/1706.03762\n\n## Notes\n",
        "title:: Attention Is All You Need\nurl:: https://arxiv.org/abs/1706.03762\n\n- x\n",
    ],
)
def test_other_note_heads_bare_url_link_field_logseq_properties(text):
    ((entry),) = parse(text).entries
    assert entry.kind == "note"
    assert (entry.title, entry.url) == (
        "Attention Is All You Need",
        "https://arxiv.org/abs/1706.03762",
    )


def test_a_heading_over_author_and_year_fields_is_a_note_without_a_link():
    text = "# A Paper Without Link\n\nAuthors: A. One, B. Two\nYear: 2017\n\n## Notes\n- x\n"
    ((entry),) = parse(text).entries
    assert (entry.kind, entry.title, entry.url) == ("note", "A Paper Without Link", None)
    assert entry.authors == ("A. One", "B. Two") and entry.year == 2017


def test_conference_notes_with_venue_and_year_fields_stay_a_list():
    items = "".join(
        f"- [8/10] [Paper Title {i} Here](https://arxiv.org/abs/2101.0000{i})\n" for i in range(4)
    )
    parsed = parse("# ICCV 2023\nVenue: ICCV\nYear: 2023\n\n" + items)
    assert [e.kind for e in parsed.entries] == ["item"] * 4


@pytest.mark.parametrize(
    "head",
    [
        "Authors: Ada Quorn and Bo Vellis\nLink: https://arxiv.org/abs/2101.00001\n",
        "*authors:* Ada Quorn, Bo Vellis\nLink: https://arxiv.org/abs/2101.00001\n",
        "- **Authors**: Ada Quorn, Bo Vellis\n- **Link**: https://arxiv.org/abs/2101.00001\n",
        # the paper's links first, the fields under them
        "https://arxiv.org/abs/2101.00001\n\n**Authors:** Ada Quorn and Bo Vellis\n",
        "[arXiv](https://arxiv.org/abs/2101.00001) | [code](https://github.com/q/v)\n\n"
        "*authors:* Ada Quorn, Bo Vellis et al.\n",
    ],
)
def test_author_field_lines_give_the_notes_authors(head):
    ((entry),) = parse(f"# A Made-Up Paper Title\n\n{head}\nNotes on it.\n").entries
    assert (entry.kind, entry.url) == ("note", "https://arxiv.org/abs/2101.00001")
    assert entry.authors == ("Ada Quorn", "Bo Vellis")
