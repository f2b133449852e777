"""BibTeX pasted into notes (extract/reading/bibtex_blocks.py): entries of fenced blocks are
papers where a file has two or more, with the paragraphs after each as the reader's comment;
a note's one entry names the note's paper, as front matter would."""

from __future__ import annotations

from made_up_shapes import parse_text
from paperkg.extract.reading.bibtex_blocks import bibtex_entries, is_bibtex_block

KELP = """@inproceedings{vell2019kelp,
  title = {Kelp {Nets}: Slow Growth in {Sch\\"o}n Tides},
  author = {Vell, Mira and Roe, Otto},
  booktitle = {ICML},
  year = {2019},
  eprint = {1905.01234},
  archivePrefix = {arXiv}
}"""
FERN = """@article{roe2021fern,
  title={Fern Nets},
  author={Otto Roe and Pia Lunn},
  journal={TMLR},
  year=2021,
  doi={10.1234/fern.2021}
}"""


def test_an_entry_gives_title_people_year_venue_and_link():
    (kelp,) = bibtex_entries(KELP)
    assert kelp.title == "Kelp Nets: Slow Growth in Schön Tides"
    assert kelp.authors == ("Mira Vell", "Otto Roe")
    assert (kelp.year, kelp.venue, kelp.key) == (2019, "ICML", "vell2019kelp")
    assert kelp.url == "https://arxiv.org/abs/1905.01234"
    (fern,) = bibtex_entries(FERN)
    assert fern.url == "https://doi.org/10.1234/fern.2021"
    assert bibtex_entries("@string{icml = {ICML}}\n@misc{x, note={no title}}") == []
    assert bibtex_entries("@article{broken, title={Unclosed") == []


def test_a_fence_is_bibtex_when_marked_so_or_opening_with_an_entry():
    assert is_bibtex_block("bibtex", KELP) and is_bibtex_block("", KELP)
    assert not is_bibtex_block("python", "@dataclass(frozen=True)\nclass X: ...")
    assert not is_bibtex_block("bibtex", "% nothing yet")


def test_entries_of_blocks_are_papers_where_they_repeat_with_the_words_after_as_comment():
    notes = (
        f"# Reading\n\n## Tides\n\n```bibtex\n{KELP}\n```\n\nSlow but steady; uses attention.\n\n"
        f"```bib\n{FERN}\n```\nLeafy layers.\n"
    )
    entries = parse_text(notes).entries
    assert [(e.title, e.year, e.citekey, e.comment, e.section) for e in entries] == [
        (
            "Kelp Nets: Slow Growth in Schön Tides",
            2019,
            "vell2019kelp",
            "Slow but steady; uses attention.",
            ("Reading", "Tides"),
        ),
        ("Fern Nets", 2021, "roe2021fern", "Leafy layers.", ("Reading", "Tides")),
    ]
    assert entries[0].authors == ("Mira Vell", "Otto Roe")


def test_a_notes_one_entry_names_its_paper():
    note = parse_text(f"# Kelp\n\n```bibtex\n{KELP}\n```\n\nSlow but steady.\n", "kelp.md")
    (entry,) = note.entries
    assert entry.kind == "note"
    assert entry.title == "Kelp Nets: Slow Growth in Schön Tides"
    assert (entry.url, entry.year, entry.citekey) == (
        "https://arxiv.org/abs/1905.01234",
        2019,
        "vell2019kelp",
    )
    titled = parse_text(
        f"---\ntitle: Kelp Nets\nurl: https://example.org/kelp\n---\n\n```bibtex\n{KELP}\n```\n"
    )
    assert [(e.title, e.url) for e in titled.entries] == [
        ("Kelp Nets", "https://example.org/kelp")  # the front matter says it first
    ]
