"""The HTML view driven in headless Chromium from file://: drawn, offline, searchable, safe."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest
from paperkg.graph.outputs.projection import to_networkx
from paperkg.graph.outputs.view import render_view
from paperkg.graph.store.disk import load_store

from paperkg.run.outputs import build_outputs

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


def _papers(out: Path) -> dict[str, dict]:
    ds = load_store(out)
    try:
        g = to_networkx(ds)
    finally:
        ds.close()
    return {n: a for n, a in g.nodes(data=True) if a["type"] == "paper"}


@pytest.fixture(scope="module")
def hostile_build(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("hostile-build")
    build_outputs([FIXTURES / "hostile.md"], out)
    return out


def test_opening_every_topic_draws_every_paper(example_build, open_view):
    papers = _papers(example_build)
    view = open_view(example_build / "graph.html")
    assert view.js("window.paperkg.drawnCount('paper')") == 0  # the first view is the map
    drawn = view.js(
        """(() => {
          const k = window.paperkg;
          for (const r of k.regions) if (r.t >= 0) k.openTopic(r.t);
          const pos = k.network.getPositions();
          const ids = k.nodes.getIds().filter((i) => k.data.nodes[i].type === "paper");
          return { ids: ids.map((i) => k.data.nodes[i].id),
                   placed: ids.filter((i) => pos[i].x === k.data.nodes[i].x
                                          && pos[i].y === k.data.nodes[i].y).length,
                   shown: k.visibleCount("paper") };
        })()"""
    )
    assert sorted(drawn["ids"]) == sorted(papers)
    assert drawn["placed"] == len(papers) == drawn["shown"]
    assert view.page.text_content("#status").startswith(f"{len(papers)} of {len(papers)} papers")
    assert view.errors == []


def test_no_request_leaves_the_page(example_build, open_view):
    view = open_view(example_build / "graph.html")
    view.page.fill("#search", "clip")
    view.page.keyboard.press("Enter")
    view.page.wait_for_selector("#panel:not([hidden])")
    assert view.requests, "the request listener saw nothing"
    outside = [u for u in view.requests if not u.startswith(("file:", "data:"))]
    assert outside == []


def test_search_finds_a_paper_and_opens_its_panel(example_build, open_view):
    papers = _papers(example_build)
    iri, attrs = next(
        (n, a) for n, a in sorted(papers.items()) if a.get("comment") and a.get("url")
    )
    view = open_view(example_build / "graph.html")
    view.page.keyboard.press("/")  # keyboard first: "/" focuses the search box
    view.page.keyboard.type(attrs["title"][:40])
    view.page.wait_for_selector("#results li[role=option]")
    assert attrs["title"] in view.page.text_content("#results li[role=option]")
    view.page.keyboard.press("Enter")
    view.page.wait_for_selector("#panel:not([hidden])")
    assert view.page.text_content("#panel h2") == attrs["title"]
    panel = view.page.text_content("#panel")
    assert attrs["comment"] in panel and attrs["notes"] in panel
    assert view.page.get_attribute("#panel a[href]", "href") == attrs["url"]
    selected = view.js(
        "window.paperkg.network.getSelectedNodes().map((i) => window.paperkg.data.nodes[i].id)"
    )
    assert selected == [iri]


def test_chips_select_their_node(example_build, open_view):
    view = open_view(example_build / "graph.html")
    view.page.fill("#search", "diffusion model")
    view.page.keyboard.press("Enter")
    view.page.wait_for_selector("#panel:not([hidden]) .chip")
    label = view.page.text_content("#panel .chip")
    view.page.click("#panel .chip")
    assert label.strip().startswith(view.page.text_content("#panel h2")[:20].strip())


def test_filters_change_the_visible_count(example_build, open_view):
    papers = _papers(example_build)
    view = open_view(example_build / "graph.html")
    count = lambda kind="paper": view.js(f"window.paperkg.visibleCount({kind!r})")  # noqa: E731
    total = count()
    view.page.select_option("#min-rating", "8")
    assert count() == sum(1 for a in papers.values() if a.get("rating", 0) >= 8) < total
    view.page.click("#reset")
    assert count() == total
    view.page.select_option("#technique-filter", index=1)  # the most mentioned technique
    assert 0 < count() < total
    view.page.click("#reset")
    view.page.select_option("#topic-filter", index=2)
    assert 0 < count() < total
    view.page.click("#reset")
    view.page.click("#legend-box summary")
    view.page.uncheck("#types input[value=technique]")
    assert count("technique") == 0 and count() == total
    view.page.click("#reset")
    view.page.fill("#search", "Runway GEN1")
    view.page.keyboard.press("Enter")
    view.page.check("#neighbourhood")
    assert count() == 1 and count("topic") == 1
    view.page.click("#reset")
    assert count() == total and count("technique") > 0


def _no_script_ran(view) -> None:
    assert view.js("typeof window.__pwned") == "undefined"
    assert view.dialogs == []
    assert view.js("document.querySelectorAll('img, svg, iframe, b').length") == 0
    assert view.js("document.scripts.length") == 3  # data, vis-network, the view


def test_hostile_notes_run_no_script_and_show_text(hostile_build, open_view):
    view = open_view(hostile_build / "graph.html")
    evil = "Evil <img src=x onerror=\"window.__pwned='title'\"> paper"
    # Search results, panel (title, comment, topic path) and every other node's panel.
    view.page.fill("#search", "onerror")
    view.page.wait_for_selector("#results li[role=option]")
    assert evil in view.page.text_content("#results")
    view.page.fill("#search", "evil")
    view.page.keyboard.press("Enter")
    view.page.wait_for_selector("#panel:not([hidden])")
    assert view.page.text_content("#panel h2") == evil
    panel = view.page.text_content("#panel")
    assert "<script>window.__pwned='comment'</script>" in panel
    # The heading's text as the build read it (tags in headings are cleaned away there).
    topic = next(a["topic"] for a in _papers(hostile_build).values() if a.get("title") == evil)
    assert "window.__pwned='subheading'" in topic and topic.split(" > ")[-1] in panel
    for i in range(view.js("window.paperkg.data.nodes.length")):
        view.js(f"window.paperkg.selectNode({i})")
    # The vis tooltip, hovered for real. The page says when its camera has stopped moving
    # (data-moving) and which node the pointer is on (data-hovered, from vis-network's own
    # hoverNode event): waiting on those, not on a fixed sleep, is what keeps this stable
    # (a focus animation still running moved the paper away from the pointer).
    view.page.click("#panel-close")
    view.settled()
    i = view.js("window.paperkg.data.nodes.findIndex((n) => (n.title || '').startsWith('Evil'))")
    point = view.js(
        """(i) => { const k = window.paperkg;
           k.network.focus(i, { scale: 1.5, animation: false });
           return k.network.canvasToDOM(k.network.getPositions([i])[i]); }""",
        i,
    )
    assert view.js("(p) => window.paperkg.network.getNodeAt(p)", point) == i
    box = view.page.locator("#graph").bounding_box()
    view.page.mouse.move(box["x"] + point["x"], box["y"] + point["y"])
    view.page.wait_for_selector(f'body[data-hovered="{i}"]', state="attached")
    view.page.wait_for_selector("div.vis-tooltip", state="visible")
    assert evil in view.page.text_content("div.vis-tooltip")
    _no_script_ran(view)
    assert view.errors == []


def test_links_other_than_http_are_not_clickable(tmp_path, open_view):
    g = nx.MultiDiGraph()
    g.add_node(
        "p:1",
        type="paper",
        label="Bad link",
        title="Bad link",
        url="javascript:window.__pwned='href'",
    )
    g.add_node(
        "p:2", type="paper", label="Good link", title="Good link", url="https://example.org/x"
    )
    g.add_node("w:1", type="work", label="Data link", url="JaVaScRiPt:alert(1)")
    g.add_edge("p:1", "w:1", key="related", relation="related")
    page = tmp_path / "graph.html"
    page.write_text(render_view(g), "utf-8")
    view = open_view(page)
    for title, expected in (
        ("Bad link", None),
        ("Good link", "https://example.org/x"),
        ("Data link", None),
    ):
        view.page.fill("#search", title)
        view.page.keyboard.press("Enter")
        view.page.wait_for_selector("#panel:not([hidden])")
        hrefs = view.js(
            "[...document.querySelectorAll('#panel a')].map((a) => a.getAttribute('href'))"
        )
        assert hrefs == ([expected] if expected else [])
    view.page.fill("#search", "Bad link")
    view.page.keyboard.press("Enter")
    assert "javascript:window.__pwned='href'" in view.page.text_content("#panel")
    view.page.click("#panel p.meta span")
    _no_script_ran(view)
