"""The view reads at first sight (issue 15), measured in headless Chromium at 1440x900.

Label boxes come from the page itself (`paperkg.labels()`: what it drew, where, at which
pixel size), so "no two labels overlap" is checked on what a reader sees.
"""

from __future__ import annotations

import itertools
import math

import pytest

SCREEN = {"width": 1440, "height": 900}


def _overlaps(labels: list[dict]) -> list[tuple[str, str]]:
    bad = []
    for a, b in itertools.combinations(labels, 2):
        if (
            a["x"] < b["x"] + b["w"]
            and b["x"] < a["x"] + a["w"]
            and a["y"] < b["y"] + b["h"]
            and b["y"] < a["y"] + a["h"]
        ):
            bad.append((a["text"], b["text"]))
    return bad


@pytest.fixture
def view(example_build, open_view):
    return open_view(example_build / "graph.html", SCREEN)


def _map_topics(view) -> list[int]:
    return view.js("window.paperkg.regions.filter((r) => r.t >= 0).map((r) => r.t)")


def test_first_view_is_a_topic_map_with_labels_that_do_not_overlap(view):
    labels = view.js("window.paperkg.labels()")
    assert _overlaps(labels) == []
    topics = _map_topics(view)
    assert len(topics) >= 2
    labelled = {item["id"] for item in labels}
    assert set(topics) <= labelled  # every top-level topic is named
    assert view.js("window.paperkg.drawnCount('paper')") == 0
    assert all(item["px"] >= 11 for item in labels)
    techniques = [item for item in labels if item["type"] == "technique"]
    assert 0 < len(techniques) <= 20
    # A bubble says how many papers it holds.
    counts = view.js("window.paperkg.labels().filter((l) => l.type === 'topic').map((l) => l.text)")
    assert all(text.rstrip().endswith(("paper", "papers")) for text in counts)


def _distances(view, topic: int) -> dict:
    """Mean on-screen distance of the opened topic's papers to their own topic and the others.

    Topics a filter hides count where they would be drawn (a closed top-level topic at its
    bubble), so the figure is the same whether the topic was opened by a click or a filter.
    """
    return view.js(
        """(t) => { const k = window.paperkg, N = k.data.nodes, g = k.groupOf[t];
          const drawn = new Set(k.nodes.getIds());
          const at = (i) => {
            if (drawn.has(i)) return k.network.getPositions([i])[i];
            const r = k.regions.find((r) => r.t === i);
            return r && !k.isOpen(i) ? { x: r.bx, y: r.by } : { x: N[i].x, y: N[i].y };
          };
          const dom = (i) => k.network.canvasToDOM(at(i));
          const topics = N.map((n, i) => i).filter((i) => N[i].type === "topic");
          const papers = [...drawn].filter((i) => N[i].type === "paper" && k.groupOf[i] === g);
          let own = 0, other = 0, others = 0;
          for (const p of papers) {
            const a = dom(p);
            for (const q of topics) {
              const b = dom(q), d = Math.hypot(a.x - b.x, a.y - b.y);
              if (q === N[p].home) own += d; else { other += d; others++; }
            }
          }
          return { papers, own: own / papers.length, other: other / others }; }""",
        topic,
    )


@pytest.mark.parametrize("how", ["click", "topic filter"])
def test_an_opened_topic_shows_its_titles_readable_and_near_it(view, how):
    for topic in _map_topics(view):
        view.page.click("#reset")
        view.settled()
        if how == "click":
            view.page.mouse.click(*_dom_point(view, topic))
        else:
            view.page.select_option("#topic-filter", str(topic))
        view.settled()
        view.js("window.paperkg.network.redraw()")
        labels = view.js("window.paperkg.labels()")
        assert _overlaps(labels) == []
        geometry = _distances(view, topic)
        name = view.js("(t) => window.paperkg.data.nodes[t].label", topic)
        titled = {item["id"]: item for item in labels if item["type"] == "paper"}
        missing = [p for p in geometry["papers"] if p not in titled]
        assert missing == [], f"{name}: untitled papers {missing}"
        assert min(item["px"] for item in titled.values()) >= 11
        assert geometry["own"] <= geometry["other"] / 3, (name, geometry["own"], geometry["other"])


def _list_count(view) -> int:
    text = view.page.text_content("#list-count")
    rows = view.js("window.paperkg.listRows().length")
    assert int(text.split()[0]) == rows
    return rows


def test_the_list_shows_the_papers_of_the_graph_for_every_filter(view):
    def same():
        # on the topic map, every paper the filters keep; once a topic is open, those drawn
        opened = view.js(
            "window.paperkg.regions.some((r, k) => r.t >= 0 && window.paperkg.isOpen(r.t))"
        )
        shown = "drawnCount" if opened else "visibleCount"
        assert _list_count(view) == view.js(f"window.paperkg.{shown}('paper')")

    same()
    total = _list_count(view)
    for rating in ("7", "9"):
        view.page.select_option("#min-rating", rating)
        same()
        assert _list_count(view) < total
    view.page.select_option("#technique-filter", index=1)
    same()
    view.page.select_option("#min-rating", "0")
    same()
    view.page.select_option("#topic-filter", index=3)
    same()
    view.page.click("#reset")
    view.page.select_option("#topic-filter", index=5)
    same()
    # The topic filter opens the topic: its papers are drawn, as many as the list has.
    assert view.js("window.paperkg.drawnCount('paper')") == _list_count(view) > 0
    view.page.click("#reset")
    view.page.fill("#search", "Runway GEN1")
    view.page.keyboard.press("Enter")
    view.page.check("#neighbourhood")
    same()
    assert _list_count(view) == 1
    view.page.click("#reset")
    assert _list_count(view) == total


def test_the_list_sorts_and_opens_a_paper_from_a_row_or_the_keyboard(view):
    ratings = view.js(
        "window.paperkg.listRows().map((i) => window.paperkg.data.nodes[i].rating || 0)"
    )
    assert ratings == sorted(ratings, reverse=True)
    assert ratings[0] == 9  # the example's best papers are rated 9/10
    assert view.page.text_content("#paper-list li .row-meta").startswith("9/10")
    view.page.click("#list-sort button[data-sort=title]")
    titles = view.js("window.paperkg.listRows().map((i) => window.paperkg.data.nodes[i].label)")
    assert titles[:5] == sorted(titles[:5], key=lambda t: t.lower())
    view.page.click("#list-sort button[data-sort=topic]")
    view.page.click("#paper-list li:nth-child(3)")
    view.page.wait_for_selector("#panel:not([hidden])")
    third = view.js("window.paperkg.listRows()[2]")
    assert view.js("window.paperkg.network.getSelectedNodes()") == [third]
    assert view.page.text_content("#panel h2") == view.js(
        "(i) => window.paperkg.data.nodes[i].label", third
    )
    assert view.js("(i) => window.paperkg.isOpen(i)", third)  # its topic opened
    view.page.keyboard.press("ArrowDown")
    view.page.keyboard.press("Enter")
    fourth = view.js("window.paperkg.listRows()[3]")
    assert view.js("window.paperkg.network.getSelectedNodes()") == [fourth]


def test_a_search_hit_in_a_closed_topic_opens_it(view):
    paper = view.js(
        """(() => { const k = window.paperkg;
           return k.data.nodes.findIndex((n) => n.type === "paper" && n.home !== undefined
                                               && n.label.length > 12); })()"""
    )
    assert not view.js("(i) => window.paperkg.isOpen(i)", paper)
    title = view.js("(i) => window.paperkg.data.nodes[i].label", paper)
    view.page.fill("#search", title)
    view.page.keyboard.press("Enter")
    view.page.wait_for_selector("#panel:not([hidden])")
    view.settled()
    assert view.js("(i) => window.paperkg.isOpen(i)", paper)
    view.js("window.paperkg.network.redraw()")
    labels = view.js("window.paperkg.labels()")
    assert paper in {item["id"] for item in labels}  # the selected paper is always titled
    assert _overlaps(labels) == []
    point = _canvas_point(view, paper)
    box = view.page.locator("#graph").bounding_box()
    assert 0 < point["x"] < box["width"] and 0 < point["y"] < box["height"]
    assert math.isfinite(point["x"])


def _canvas_point(view, i: int) -> dict:
    """Where node i is on the canvas (CSS pixels from its top-left corner)."""
    return view.js(
        "(i) => window.paperkg.network.canvasToDOM(window.paperkg.network.getPositions([i])[i])",
        i,
    )


def _node_at(view, point: dict):
    return view.js("(p) => window.paperkg.network.getNodeAt(p)", point)


def _dom_point(view, i: int) -> tuple[float, float]:
    point = _canvas_point(view, i)
    box = view.page.locator("#graph").bounding_box()
    return box["x"] + point["x"], box["y"] + point["y"]


def test_clicking_a_bubble_opens_its_topic(view):
    topic = max(
        _map_topics(view),
        key=lambda t: view.js("(t) => window.paperkg.regions[window.paperkg.groupOf[t]].br", t),
    )
    assert _node_at(view, _canvas_point(view, topic)) == topic
    view.page.mouse.click(*_dom_point(view, topic))
    view.page.wait_for_selector("body[data-moving]", state="attached")
    view.settled()
    assert view.js("(t) => window.paperkg.isOpen(t)", topic)
    assert view.js("window.paperkg.drawnCount('paper')") > 0
    assert view.requests and all(u.startswith(("file:", "data:")) for u in view.requests)


def test_dragging_a_topic_moves_its_own_papers_only(view):
    topic = _map_topics(view)[0]
    view.js("(t) => window.paperkg.openTopic(t)", topic)
    view.settled()
    sub, mine, other = view.js(
        """(t) => { const k = window.paperkg, N = k.data.nodes, g = k.groupOf[t];
           const ids = k.nodes.getIds();
           const sub = ids.find((i) => N[i].type === "topic" && i !== t && k.groupOf[i] === g
                                   && ids.some((p) => N[p].home === i));
           const mine = ids.filter((p) => N[p].home === sub);
           const other = ids.filter((p) => N[p].type === "paper" && N[p].home !== sub);
           return [sub, mine, other]; }""",
        topic,
    )
    before = view.js("(ids) => window.paperkg.network.getPositions(ids)", mine + other)
    x, y = _dom_point(view, sub)
    view.page.mouse.move(x, y)
    view.page.mouse.down()
    for step in range(1, 11):
        view.page.mouse.move(x + 12 * step, y + 8 * step)
    view.page.mouse.up()
    view.page.wait_for_selector("body:not([data-physics])", state="attached", timeout=10_000)
    after = view.js("(ids) => window.paperkg.network.getPositions(ids)", mine + other)
    assert any(before[str(p)] != after[str(p)] for p in mine)  # they follow their heading
    assert all(before[str(p)] == after[str(p)] for p in other)  # the rest stays put


def test_a_hovered_paper_is_titled_even_where_titles_do_not_fit(view):
    topic = _map_topics(view)[0]
    view.js("(t) => window.paperkg.openTopic(t)", topic)
    view.settled()
    view.js(
        """(t) => { const k = window.paperkg, [x0, y0, x1, y1] = k.regions[k.groupOf[t]].box;
           k.network.moveTo({ position: { x: (x0 + x1) / 2, y: (y0 + y1) / 2 },
                              scale: 0.25, animation: false }); }""",
        topic,
    )
    view.js("window.paperkg.network.redraw()")
    titled = {item["id"] for item in view.js("window.paperkg.labels()")}
    paper = view.js(
        """(titled) => { const k = window.paperkg, N = k.data.nodes;
           return k.nodes.getIds().find((i) => N[i].type === "paper" && !titled.includes(i)); }""",
        sorted(titled),
    )
    assert paper is not None, "at this zoom some titles should not fit"
    x, y = _dom_point(view, paper)
    assert _node_at(view, _canvas_point(view, paper)) == paper
    view.page.mouse.move(x, y)
    view.page.wait_for_selector(f'body[data-hovered="{paper}"]', state="attached")
    view.js("window.paperkg.network.redraw()")
    labels = view.js("window.paperkg.labels()")
    assert paper in {item["id"] for item in labels}
    assert _overlaps(labels) == []
