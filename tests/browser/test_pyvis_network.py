"""Graph.pyvis() in headless Chromium: a real pyvis Network whose page draws every node of
the example offline (no request leaves the page) and shows the view's colours."""

from __future__ import annotations

import pytest
from pyvis.network import Network

import paperkg


@pytest.fixture(scope="module")
def network_page(example_build, tmp_path_factory):
    graph = paperkg.open(example_build)
    net = graph.pyvis(heading="ICCV 2023 <notes>")
    page = tmp_path_factory.mktemp("pyvis") / "network.html"
    net.write_html(str(page))
    return graph.networkx(), net, page


def test_every_node_is_drawn_offline(network_page, open_view):
    g, net, page = network_page
    assert isinstance(net, Network)
    view = open_view(page)
    drawn = view.js(
        """(() => {
          const pos = network.getPositions();
          const ids = Object.keys(network.body.nodes);
          return { ids: ids,
                   placed: ids.filter((i) => isFinite(pos[i].x) && isFinite(pos[i].y)).length,
                   hidden: ids.filter((i) => network.body.nodes[i].options.hidden).length,
                   edges: Object.keys(network.body.edges).length,
                   title: document.querySelector("h1").textContent };
        })()"""
    )
    assert sorted(drawn["ids"]) == sorted(g.nodes)
    assert drawn["placed"] == g.number_of_nodes() and drawn["hidden"] == 0
    assert drawn["edges"] == len(net.edges)
    assert drawn["title"] == "ICCV 2023 <notes>"  # text, not markup
    assert view.errors == []
    assert view.requests, "the request listener saw nothing"
    assert [u for u in view.requests if not u.startswith(("file:", "data:"))] == []


def test_nodes_have_the_views_colours(network_page, open_view):
    g, _, page = network_page
    view = open_view(page)
    colours = view.js(
        """(() => { const out = {};
           for (const n of nodes.get()) out[n.type] = n.color.background;
           return out; })()"""
    )
    assert colours == {
        "paper": "#4e79a7",
        "topic": "#f28e2b",
        "technique": "#59a14f",
        "work": "#b07aa1",
    }


def _notebook_cell(browser, tmp_path, shown: str):
    """A page holding what a notebook cell displays, with outside requests refused."""
    page_file = tmp_path / "cell.html"
    page_file.write_text(f"<!DOCTYPE html><html><body>{shown}</body></html>", "utf-8")
    requests: list[str] = []
    page = browser.new_page()
    page.on("request", lambda r: requests.append(r.url))
    page.route(
        "**/*",
        lambda route: (
            route.continue_()
            if route.request.url.startswith(("file:", "data:", "about:"))
            else route.abort()
        ),
    )
    page.goto(page_file.resolve().as_uri())
    return page, requests


@pytest.mark.parametrize("what", ["graph", "pyvis"])
def test_notebook_displays_draw_in_their_sandboxed_iframe(example_build, browser, tmp_path, what):
    graph = paperkg.open(example_build)
    shown = graph._repr_html_() if what == "graph" else graph.pyvis()._repr_html_()
    page, requests = _notebook_cell(browser, tmp_path, shown)
    try:
        page.wait_for_function("document.querySelector('iframe') !== null")
        frame = page.frames[1]
        frame.wait_for_selector("body[data-ready]", state="attached", timeout=60_000)
        assert frame.locator("canvas").count() >= 1
        # sandboxed without allow-same-origin: the notebook page cannot reach into it
        assert page.evaluate("document.querySelector('iframe').contentDocument") is None
        assert [u for u in requests if not u.startswith(("file:", "data:", "about:"))] == []
    finally:
        page.close()
