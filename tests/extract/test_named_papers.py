"""Names, abbreviations and citations that point at another paper of the same notes
(reading/named_papers.py), identifiers that are no works (language/identifier_uses.py), and
what is no paper: a table of one article's sections, a plural phrase as a short name.

Fixture `unseen/cited`: three made-up literature notes of fields, written by hand before
the extractor ran on them.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from paperkg.extract.language.pipeline import build_nlp
from paperkg.extract.language.vocabulary import load_vocabulary
from paperkg.extract.reading.markdown import parse_notes
from paperkg.extract.reading.named_papers import abbreviates, citation, citekey
from paperkg.extract.reading.note_links import link_notes
from paperkg.extract.reading.source import NotesSource

from paperkg.run.collect import extract_notes

CITED = Path(__file__).parent.parent / "fixtures" / "unseen" / "cited"


@pytest.fixture(scope="module")
def vocab():
    return load_vocabulary()


@pytest.fixture(scope="module")
def notes(vocab):
    files = link_notes(extract_notes([CITED], vocab).files)
    return {Path(f.path).name: f.entries[0] for f in files}


def test_the_paper_host_link_among_a_field_note_s_opening_links_is_its_url(notes):
    assert (
        notes["@quornPebbleNets2019.md"].entry.url == "https://openreview.net/forum?id=Zz9__pebble"
    )
    assert notes["@lumeStoneGates2020.md"].entry.url is None  # no link: none made up


def test_a_citation_of_another_note_s_paper_links_to_it(notes):
    item = notes["@vantoFernMixers2021.md"]
    linked = {(Path(r.link.target).name, r.link.text) for r in item.resolved_links}
    assert ("@quornPebbleNets2019.md", "Quorn et al. [2019]") in linked
    # a paper not in the notes stays an external work, named with its year
    assert [r.name for r in item.related] == ["Zebrin et al. (2018)"]


def test_own_citations_and_citations_of_a_linked_note_are_no_extra_work(notes):
    assert notes["@quornPebbleNets2019.md"].related == ()  # "(Quorn et al., 2019, p. 2)"
    names = [r.name for r in notes["@vantoFernMixers2021.md"].related]
    assert not any(n.startswith(("Vanto", "Lume")) for n in names)


def test_an_abbreviation_of_another_note_s_title_links_to_it(notes):
    item = notes["@lumeStoneGates2020.md"]
    assert [(Path(r.link.target).name, r.link.text) for r in item.resolved_links] == [
        ("@quornPebbleNets2019.md", "PeNSR")
    ]
    assert item.related == ()


@pytest.mark.parametrize(
    "name, expected",
    [
        ("Quorn et al. 2021", ("quorn", 2021)),
        ("Quorn and Blix (2019)", ("quorn", 2019)),
        ("Perez-Quorn et al., 2022", ("perez-quorn", 2022)),
        ("Quorn et al.", ("quorn", None)),
        ("Zorb Networks", None),
        ("ZorbNet", None),
    ],
)
def test_citation_shapes(name, expected):
    found = citation(name)
    assert (None if found is None else (found.surname, found.year)) == expected


def test_citekeys_and_abbreviations():
    key = citekey("Sub/@quornPebbleNets2019.md")
    assert (key.surname, key.year) == ("quorn", 2019)
    assert citekey("Pebble Nets.md") is None
    assert abbreviates("QuAF", ["Quick", "Attention", "Flow", "Reading"])
    assert abbreviates("ZCN", ["Zorb", "Co-attention", "Network"])
    assert not abbreviates("ZN", ["Zorb", "Network"])  # two letters: too many by chance
    assert not abbreviates("QAX", ["Quick", "Attention", "Flow"])


@pytest.fixture(scope="module")
def nlp(vocab):
    return build_nlp(vocab)


@pytest.mark.parametrize(
    "text",
    [
        "Scorer(Q, K, V) = sum(x)",  # called like a function
        "- StepSize is 0.1",  # given a value
        "HitCount - the number of clicks before this one",  # a quantity defined
        "each page in a PageStore keeps its versions",  # a common noun
        "| Model | EN-FR | EN-DE |",  # codes of a language pair
        "only tokens in the TopK are kept",  # a word with one capital: an index
    ],
)
def test_identifiers_are_no_works(nlp, text):
    doc = nlp(text)
    assert [s.text for s in doc.spans["named_works"]] == []


def test_names_beside_identifier_cues_stay_works(nlp):
    doc = nlp("We compare with ZorbFlow (2021) and PageStore is our baseline")
    assert [s.text for s in doc.spans["named_works"]] == ["ZorbFlow", "PageStore"]


def _papers(text: str) -> list[str]:
    parsed = parse_notes(NotesSource("notes.md", text, "0"))
    return [e.title for e in parsed.entries]


def test_a_table_of_one_article_s_sections_holds_no_papers():
    page = "https://zorb.example.org/layers"  # a site of its own (a blog's post cites a page)
    sections = "| Layer |\n|---|\n" + "".join(
        f"| [{n}]({page}#{i}) |\n" for i, n in enumerate(["Quiet Gate", "Stone Mixer"])
    )
    rows = [("Pebble Networks", "1901.00001"), ("Fern Mixers", "2101.00002")]
    papers = "| Paper | Date |\n|---|---|\n" + "".join(
        f"| [{t}](https://arxiv.org/abs/{a}) | 2021 |\n" for t, a in rows
    )
    text = f"## Zorb Models\n\n{papers}\n## Layers\n\n{sections}\n## More\n\n{papers}"
    assert _papers(text) == ["Pebble Networks", "Fern Mixers"] * 2
    # the same rows, each linking a page of its own, are read as papers
    own_pages = sections.replace(f"{page}#0", page + "-0").replace(f"{page}#1", page + "-1")
    assert "Quiet Gate" in _papers(text.replace(sections, own_pages))


def test_another_note_s_full_title_in_the_text_links_to_it(notes):
    # "Stone Gates for Sparse Readers" written in the singular, in lowercase
    pebble = notes["@quornPebbleNets2019.md"]
    assert [Path(r.link.target).name for r in pebble.resolved_links] == ["@lumeStoneGates2020.md"]
    # a title's head ("Fern Mixers: Quiet Routing ...") is no full title; its own is none
    lume = notes["@lumeStoneGates2020.md"]
    assert [Path(r.link.target).name for r in lume.resolved_links] == ["@quornPebbleNets2019.md"]


@pytest.mark.parametrize(
    "name, text, term",
    [
        ("PageKey", "pages sorted by the page key, then", True),
        ("Tick", "each write keeps its tick (a counter)", True),
        ("ZorbFlow", "better than ZorbFlow on all inputs", False),
        ("PageKey", "the Page Key column", False),  # capitals kept: still a name
        ("QRB", "the qrb of it", False),  # acronyms are names whatever the text
    ],
)
def test_a_name_the_note_also_writes_in_lowercase_is_a_term(name, text, term):
    from paperkg.extract.language.note_extraction import written_as_term

    assert written_as_term(name, text) is term


@pytest.mark.parametrize("text", ["ZorbNet is 2 times faster", "- ZorbNet: 45.2 FID"])
def test_a_work_compared_or_scored_is_no_variable(nlp, text):
    doc = nlp(text)
    assert [s.text for s in doc.spans["named_works"]] == ["ZorbNet"]


def test_an_instance_of_a_named_system_keeps_its_name(nlp):
    doc = nlp("we plug an XQ-Adapter into a ZorbNet for speed")
    assert [s.text for s in doc.spans["named_works"]] == ["XQ-Adapter", "ZorbNet"]
