"""The view for exploring (issue 23), in headless Chromium at 1440x900: a vault's tags as its
topics, a list that shows what the graph draws, search by author and comment, links between
notes in the panel, works named by their link, and no title under the panel or the legend.

Label boxes come from the page (`paperkg.labels()`: what it drew, in the graph's CSS pixels);
the panel's and legend's boxes from the browser's layout.
"""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from paperkg.run.outputs import build_outputs

VAULT = Path(__file__).resolve().parents[1] / "fixtures" / "people_vault"
SCREEN = {"width": 1440, "height": 900}


@pytest.fixture(scope="module")
def vault_build(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("vault-view") / "out"
    build_outputs([VAULT], out)
    return out


@pytest.fixture
def vault(vault_build, open_view):
    return open_view(vault_build / "graph.html", SCREEN)


@pytest.fixture
def example(example_build, open_view):
    return open_view(example_build / "graph.html", SCREEN)


def _list_count(view) -> int:
    text = view.page.text_content("#list-count")
    rows = view.js("window.paperkg.listRows().length")
    assert int(text.split()[0]) == rows
    return rows


def _drawn_papers(view) -> set[int]:
    return set(
        view.js(
            """window.paperkg.nodes.getIds()
               .filter((i) => window.paperkg.data.nodes[i].type === "paper")"""
        )
    )


def _list_is_the_drawn_papers(view) -> None:
    assert set(view.js("window.paperkg.listRows()")) == _drawn_papers(view)
    assert _list_count(view) == len(_drawn_papers(view)) > 0


SEARCHED = ("label", "alt_labels", "authors", "first_author", "comment", "summary", "tags")


def _matching(view, query: str) -> set[int]:
    """The papers whose title, authors, comment, summary, tags or techniques hold every word."""
    data = view.js("window.paperkg.data")
    nodes = data["nodes"]
    techniques: dict[int, list[str]] = {}
    for s, t, relation in data["edges"]:
        if relation == "mentions":
            techniques.setdefault(s, []).append(nodes[t]["label"])
    found = set()
    for i, node in enumerate(nodes):
        if node["type"] != "paper":
            continue
        text = " ".join([*(str(node.get(f, "")) for f in SEARCHED), *techniques.get(i, [])])
        if all(word in text.lower() for word in query.lower().split()):
            found.add(i)
    return found


def _map_topics(view) -> list[int]:
    return view.js("window.paperkg.regions.filter((r) => r.t >= 0).map((r) => r.t)")


def _label(view, i: int) -> str:
    return view.js("(i) => window.paperkg.data.nodes[i].label", i)


def _search(view, text: str) -> None:
    before = view.js("window.paperkg.searched || 0")
    view.page.fill("#search", text)
    view.page.keyboard.press("Enter")
    view.page.wait_for_selector(f'body[data-searched="{before + 1}"]', state="attached")
    view.settled()


def test_the_vaults_first_view_maps_its_tags_as_topics(vault):
    names = {_label(vault, t) for t in _map_topics(vault)}
    assert {"handwriting", "attention", "generation"} <= names
    assert "papers" not in names  # the one folder every note sits in
    drawn = {item["text"].split(" ")[0] for item in vault.js("window.paperkg.labels()")}
    assert {"handwriting", "attention"} <= drawn  # named on the first view
    options = vault.js(
        "[...document.querySelectorAll('#topic-filter option')].map((o) => o.text.trim())"
    )
    assert any(o.startswith("sparse") for o in options)  # a nested tag, under its parent
    assert any(o.startswith("to-read") for o in options)  # an inline #tag


@pytest.mark.parametrize("which", ["example", "vault"])
def test_the_list_is_what_the_graph_draws_after_a_topic_opens(which, request):
    view = request.getfixturevalue(which)
    total = _list_count(view)
    for topic in _map_topics(view):
        view.page.click("#reset")
        view.settled()
        view.js("(t) => window.paperkg.openTopic(t)", topic)
        view.settled()
        _list_is_the_drawn_papers(view)
        assert _list_count(view) <= total
    view.page.click("#reset")
    assert _list_count(view) == total


@pytest.mark.parametrize(
    ("which", "query"),
    [("example", "diffusion"), ("example", "Runway GEN1"), ("vault", "handwriting")],
)
def test_the_list_is_what_the_graph_draws_after_a_search(which, query, request):
    view = request.getfixturevalue(which)
    total = _list_count(view)
    _search(view, query)
    _list_is_the_drawn_papers(view)
    assert 0 < _list_count(view) < total
    assert set(view.js("window.paperkg.listRows()")) == _matching(view, query)
    view.page.fill("#search", "")  # an emptied search box lifts the search
    view.page.keyboard.press("Escape")
    view.page.click("#reset")
    assert _list_count(view) == total


@pytest.mark.parametrize(
    ("query", "titles"),
    [
        ("Oyelaran", {"Plumebert", "Quillformer"}),  # an author's surname
        ("smudgy", {"Inkwell Diffusion"}),  # a word of a comment
        ("restoration", {"Blotter"}),  # a tag
    ],
)
def test_a_search_finds_papers_by_author_comment_and_tag(vault, query, titles):
    vault.page.fill("#search", query)
    hits = vault.page.locator("#results li .hit").all_text_contents()
    assert {h.split(":")[0] for h in hits} >= titles
    _search(vault, query)
    listed = {_label(vault, i).split(":")[0] for i in vault.js("window.paperkg.listRows()")}
    assert listed == titles
    vault.page.wait_for_selector("#panel:not([hidden])")
    # the chosen hit: a paper, or the tag itself
    assert vault.page.text_content("#panel h2").split(":")[0] in titles | {query}


def _paper(view, start: str) -> int:
    return view.js(
        """(s) => window.paperkg.data.nodes.findIndex((n) => n.type === "paper"
                                                        && n.label.startsWith(s))""",
        start,
    )


def _section(view, heading: str) -> list[tuple[str, str]]:
    """The chips of a panel section: (relation, the node's name)."""
    chips = view.js(
        """(h) => { const s = [...document.querySelectorAll("#panel section")]
             .find((x) => x.querySelector("h3").textContent.startsWith(h + " ("));
           return s ? [...s.querySelectorAll(".chip")].map((c) => [
             c.querySelector(".rel") ? c.querySelector(".rel").textContent : "",
             c.getAttribute("title")]) : []; }""",
        heading,
    )
    return [(rel, title.split(": ", 1)[1]) for rel, title in chips]


def test_the_panel_lists_links_to_and_linked_from(vault):
    vault.js("(i) => window.paperkg.selectNode(i)", _paper(vault, "Plumebert"))
    vault.page.wait_for_selector("#panel:not([hidden])")
    links_to = [name.split(":")[0] for _, name in _section(vault, "Links to")]
    linked_from = [name.split(":")[0] for _, name in _section(vault, "Linked from")]
    assert links_to == ["Quillformer"]
    assert sorted(linked_from) == ["Nibnet", "Quillformer"]
    assert _section(vault, "Related works") == []  # no work outside the notes
    # its authors and year, in the panel and in its row of the list
    assert vault.page.text_content("#panel p.meta") == "Tavi Oyelaran; Rikard Vesterlund · 2022"
    row = vault.js("(i) => document.getElementById('row-' + i).textContent", _paper(vault, "Plu"))
    assert "2022" in row
    # drawn under a tag, the paper's topic is that tag, not the folder every note is in
    topic = vault.js(
        "[...document.querySelectorAll('#panel section')].find((x) => x.querySelector('h3')"
        ".textContent.startsWith('Topic')).querySelector('.chip').textContent"
    )
    assert topic in {"handwriting", "pretraining"}


def test_works_named_by_a_generic_link_text_show_what_the_link_is(example):
    labels = example.js(
        "window.paperkg.data.nodes.filter((n) => n.type === 'work').map((n) => n.label)"
    )
    assert "arXiv 1905.01354" in labels and "arXiv 2110.08398" in labels
    assert "twitter.com 1717676624865382901" in labels
    assert not {"this one", "this work", "some proof"} & set(labels)
    example.js("(i) => window.paperkg.selectNode(i)", _paper(example, "DS-Fusion"))
    example.page.wait_for_selector("#panel:not([hidden])")
    assert "arXiv 1905.01354" in [name for _, name in _section(example, "Related works")]
    # the text as written still finds it
    example.page.fill("#search", "this one")
    assert "arXiv 1905.01354" in example.page.locator("#results li .hit").all_text_contents()


def _boxes_over_the_graph(view) -> list[tuple[str, dict]]:
    """The panel, the legend and the status line, in the graph's CSS pixels."""
    graph = view.page.locator("#graph").bounding_box()
    out = []
    for name in ("#panel", "#legend-box", "#status"):
        box = view.page.locator(name).bounding_box()
        if box and view.page.is_visible(name):
            out.append(
                (name, {**box, "x": box["x"] - graph["x"], "y": box["y"] - graph["y"]}),
            )
    return out


def _meet(a: dict, b: dict) -> bool:
    return (
        a["x"] < b["x"] + b["width"]
        and b["x"] < a["x"] + a["w"]
        and a["y"] < b["y"] + b["height"]
        and b["y"] < a["y"] + a["h"]
    )


def _nothing_covers_a_title(view) -> int:
    view.js("window.paperkg.network.redraw()")
    labels = view.js("window.paperkg.labels()")
    for a, b in itertools.combinations(labels, 2):
        assert not (
            a["x"] < b["x"] + b["w"]
            and b["x"] < a["x"] + a["w"]
            and a["y"] < b["y"] + b["h"]
            and b["y"] < a["y"] + a["h"]
        ), (a["text"], b["text"])
    titles = [item for item in labels if item["type"] == "paper"]
    for name, box in _boxes_over_the_graph(view):
        covered = [t["text"] for t in titles if _meet(t, box)]
        assert covered == [], (name, covered)
    return len(titles)


@pytest.mark.parametrize("which", ["example", "vault"])
def test_no_label_legend_or_panel_covers_a_paper_title(which, request):
    view = request.getfixturevalue(which)
    view.page.click("#legend-box summary")  # the legend open: its largest
    titled = 0
    for topic in _map_topics(view):
        view.page.click("#reset")
        view.settled()
        view.js("(t) => window.paperkg.openTopic(t)", topic)
        view.settled()
        papers = sorted(_drawn_papers(view))
        view.js("(i) => window.paperkg.selectNode(i)", papers[0])  # the panel open
        view.page.wait_for_selector("#panel:not([hidden])")
        view.settled()
        titled += _nothing_covers_a_title(view)
        view.page.click("#panel-fold")  # folded, the graph behind it shows again
        assert view.page.locator("#panel").bounding_box()["width"] < 60
        titled += _nothing_covers_a_title(view)
        view.page.click("#panel-fold")
    assert titled > 0


def test_the_panel_is_narrow(example):
    example.js("(i) => window.paperkg.selectNode(i)", _paper(example, "DS-Fusion"))
    example.page.wait_for_selector("#panel:not([hidden])")
    panel = example.page.locator("#panel").bounding_box()
    graph = example.page.locator("#graph").bounding_box()
    assert panel["width"] <= 0.3 * graph["width"]
