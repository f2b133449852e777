"""Author names as notes write them (extract/reading/people.py) and dates (dates.py)."""

from __future__ import annotations

import pytest
from paperkg.extract.reading.dates import arxiv_month, published
from paperkg.extract.reading.people import author_names, author_year, person_key
from paperkg.extract.records import Entry


@pytest.mark.parametrize(
    ("written", "names"),
    [
        (["Ada Quorn", "Bo Vellis"], ("Ada Quorn", "Bo Vellis")),
        ("Ada Quorn and Bo Vellis", ("Ada Quorn", "Bo Vellis")),
        ("Ada Quorn, Bo Vellis and Cy Trent", ("Ada Quorn", "Bo Vellis", "Cy Trent")),
        ("Quorn, Ada and Vellis, Bo", ("Ada Quorn", "Bo Vellis")),
        ("Quorn, Ada; Vellis, Bo", ("Ada Quorn", "Bo Vellis")),
        (["Ada Quorn", "et al."], ("Ada Quorn",)),
        ("Ada Quorn et al.", ("Ada Quorn",)),
        ("Ada Quorn and others", ("Ada Quorn",)),
        ([{"given": "Ada", "family": "Quorn"}], ("Ada Quorn",)),
        # links to each person's note, as vaults and outliners write them
        ("[[Ada Quorn]], [[Bo Vellis]]", ("Ada Quorn", "Bo Vellis")),
        (["[[Ada Quorn]]", "[[people/Bo Vellis]]"], ("Ada Quorn", "Bo Vellis")),
        ("[[Ada Quorn|A. Quorn]] and [[Bo Vellis]]", ("A. Quorn", "Bo Vellis")),
        (None, ()),
    ],
)
def test_author_names_one_per_person_never_et_al(written, names):
    assert author_names(written) == names


def test_an_author_year_line_gives_the_first_author_and_the_year():
    assert author_year("By Quorn et al., 2023") == (("Quorn",), 2023)
    assert author_year("Quorn and Vellis (2021)") == (("Quorn", "Vellis"), 2021)
    assert author_year("This line is about 2023") is None


def test_names_differing_in_case_accents_and_spacing_are_one_person():
    assert person_key("Zoé  Quorn") == person_key("zoe quorn") == "zoe quorn"


def _entry(**kw) -> Entry:
    return Entry("n.md", 1, 1, (), "T", kw.pop("url", None), **kw)


def test_the_first_available_date_wins():
    arxiv = "https://arxiv.org/abs/2305.14314v2"
    assert arxiv_month(arxiv) == "2023-05"
    assert published(_entry(url=arxiv)) == "2023-05"
    assert published(_entry(url=arxiv, venue="CVPR 2019")) == "2019"
    assert published(_entry(url=arxiv, venue="CVPR 2019", year=2018)) == "2018"
    assert published(_entry(text="- Zorbnet (ICLR2020) [pdf](https://x.y/z.pdf)")) == "2020"
    assert published(_entry(url="https://example.org/paper")) is None
