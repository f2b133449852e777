"""A vault note that opens with the paper's PDF kept in the vault (an Obsidian embed, a
wikilink or a Markdown link to the file) is that paper's note: made-up notes in a shape
found by trying new ones. It read as nothing before."""

from __future__ import annotations

import pytest
from paperkg.extract.reading.markdown import parse_notes
from paperkg.extract.reading.source import NotesSource


def _papers(text: str, path: str = "vault/papers/Kelp Nets.md"):
    notes = parse_notes(NotesSource(path=path, sha256="0", text=text), ("papers",))
    return [e.title for e in notes.entries if e.kind != "text"], notes.layout


@pytest.mark.parametrize(
    ("opening", "title"),
    [
        ("![[Kelp Nets 2021.pdf]]", "Kelp Nets"),
        ("[[attachments/kelp.pdf|pdf]]", "Kelp Nets"),
        ("[pdf](../attachments/kelp.pdf)", "Kelp Nets"),
        ("[Kelp Nets: Slow Growth](../attachments/kelp.pdf)", "Kelp Nets: Slow Growth"),
    ],
)
def test_a_note_opening_with_its_pdf_is_that_papers(opening, title):
    papers, layout = _papers(f"{opening}\n\n## Summary\nGrows a layer an epoch.\n")
    assert papers == [title]
    assert layout.evidence == ("the file is one paper's note (file name + its PDF)",)


@pytest.mark.parametrize(
    "opening",
    [
        "I skimmed [this](../attachments/kelp.pdf) on the train and more words here.",  # prose
        "[slides](https://example.org/talk.pdf)",  # a PDF on the web, no file of the vault
        "Some thoughts on growth.",  # no PDF
    ],
)
def test_a_note_that_does_not_open_with_a_pdf_of_the_vault_is_no_paper(opening):
    papers, _ = _papers(f"{opening}\n\n## Summary\nGrows a layer an epoch.\n")
    assert papers == []


def test_a_note_whose_heading_is_over_a_line_of_badges_is_that_papers():
    text = (
        "# Kelp Nets: Slow Growth\n\n"
        "[![arXiv](https://img.shields.io/badge/arXiv-2101.00001-red.svg)](https://arxiv.org/abs/2101.00001)"
        " [![code](https://img.shields.io/badge/code-github-black)](https://github.com/x/kelp)\n\n"
        "## Summary\nGrows a layer an epoch.\n"
    )
    notes = parse_notes(NotesSource(path="notes/kelp.md", sha256="0", text=text), ())
    (paper,) = [e for e in notes.entries if e.kind != "text"]
    assert (paper.title, paper.url) == (
        "Kelp Nets: Slow Growth",
        "https://arxiv.org/abs/2101.00001",
    )


@pytest.mark.parametrize(
    "links",
    [
        "## Links\n- [arXiv](https://arxiv.org/abs/2101.00001)\n- [Code](https://github.com/x/kelp)\n",
        "## Links\n- Paper: https://arxiv.org/abs/2101.00001\n",
    ],
)
def test_a_note_titled_by_its_heading_with_its_paper_link_in_a_later_section(links):
    text = f"# Kelp Nets: Slow Growth\n\n## Summary\nGrows a layer an epoch.\n\n{links}"
    notes = parse_notes(NotesSource(path="notes/kelp.md", sha256="0", text=text), ())
    (paper,) = [e for e in notes.entries if e.kind != "text"]
    assert (paper.title, paper.url) == (
        "Kelp Nets: Slow Growth",
        "https://arxiv.org/abs/2101.00001",
    )
    assert notes.layout.evidence == ("the file is one paper's note (heading + labelled link)",)


@pytest.mark.parametrize(
    "body",
    [
        "A mechanism that weighs inputs. See the original [paper](https://arxiv.org/abs/2101.00001).",
        "## Links\n- [arXiv](https://arxiv.org/abs/2101.00001)\n- [arXiv](https://arxiv.org/abs/2102.00002)",
    ],
)
def test_a_concept_note_citing_a_paper_in_prose_or_two_papers_is_no_paper(body):
    notes = parse_notes(
        NotesSource(path="notes/attention.md", sha256="0", text=f"# Attention\n\n{body}\n"), ()
    )
    assert [e for e in notes.entries if e.kind != "text"] == []
