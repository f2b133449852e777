"""Works named only by a generic link text are shown by their link (graph/outputs/work_names.py)."""

from __future__ import annotations

import pytest
from paperkg.graph.outputs.work_names import is_generic, link_name, shown_name

import paperkg


@pytest.mark.parametrize(
    ("name", "url", "shown"),
    [
        ("this one", "https://arxiv.org/pdf/1905.01354.pdf", "arXiv 1905.01354"),
        ("[pdf]", "https://doi.org/10.1000/XYZ.5", "DOI 10.1000/xyz.5"),
        ("some proof", "https://twitter.com/ylecun/status/1717?s=46", "twitter.com 1717"),
        ("here", "https://www.example.org/a/b/frvt11.html", "example.org frvt11.html"),
        ("this work", "https://example.org/", "example.org"),
        ("top solutions", "https://pages.nist.gov/frvt/html/frvt11.html", "top solutions"),
        ("StyleGAN-NADA", "https://arxiv.org/abs/2108.00946", "StyleGAN-NADA"),
        ("the Transformer", "https://arxiv.org/abs/1706.03762", "the Transformer"),
        ("this one", None, "this one"),  # no link: nothing better to show
    ],
)
def test_a_generic_name_gives_way_to_the_link(name, url, shown):
    assert shown_name(name, url) == shown


def test_what_is_generic():
    assert is_generic("This work") and is_generic("[code]") and is_generic("see here")
    assert not is_generic("some proof of GPT4")  # a name in it
    assert not is_generic("DreamBooth")
    assert link_name("mailto:a@b.c") is None


def test_the_examples_works_are_shown_by_their_link_and_keep_their_text(example_build):
    g = paperkg.open(example_build).networkx()
    works = {d["label"]: d for _, d in g.nodes(data=True) if d.get("type") == "work"}
    assert not {"this one", "this work", "some proof"} & set(works)
    assert works["arXiv 1905.01354"]["alt_labels"] == "this one"
    assert works["arXiv 2110.08398"]["alt_labels"] == "this work"
    assert works["twitter.com 1717676624865382901"]["alt_labels"] == "some proof"
    assert "top solutions" in works  # a name of its own, kept
    rows = paperkg.open(example_build).query(
        'SELECT ?w WHERE { ?w schema:name "this one" ; schema:url ?u }'
    )
    assert len(list(rows)) == 1  # the RDF keeps the text as written
