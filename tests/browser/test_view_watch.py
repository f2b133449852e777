"""`paperkg view --watch` in headless Chromium: a rebuild reloads the served view, which keeps
the filters, the open topic, the selected paper and the search; the page asks nothing of other
hosts."""

from __future__ import annotations

from pathlib import Path

import paperkg

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
NEW_PAPER = (
    "\n- [5/10] [A Watched Paper Added While Viewing](https://arxiv.org/abs/2201.00001) uses CLIP\n"
)
GANS = "## GANs\n"
SELECTED = "https://w3id.org/paperkg/paper/arxiv-2303.15433"  # Anti-DreamBooth, in Diffusion


def _build(notes: Path, out: Path) -> None:
    with paperkg.build(notes, out):
        pass


def _state(page) -> dict:
    return page.evaluate(
        """() => { const k = window.paperkg, N = k.data.nodes;
          const gans = N.findIndex((n) => n.type === "topic" && n.label === "GANs");
          const diffusion = N.findIndex((n) => n.type === "topic" && n.label === "Diffusion");
          return { papers: k.visibleCount("paper"), gansOpen: k.isOpen(gans),
                   diffusionOpen: k.isOpen(diffusion),
                   selected: k.selected() === null ? null : N[k.selected()].id,
                   search: document.getElementById("search").value,
                   rating: document.getElementById("min-rating").value,
                   navigation: performance.getEntriesByType("navigation")[0].type }; }"""
    )


def test_a_rebuild_reloads_the_watched_view_keeping_topic_selection_and_search(browser, tmp_path):
    notes, out = tmp_path / "notes.md", tmp_path / "out"
    text = (FIXTURES / "contract.md").read_text("utf-8")
    notes.write_text(text, "utf-8")
    _build(notes, out)
    on_disk = (out / "graph.html").read_bytes()
    with paperkg.live_view(out, interval_ms=100) as served:
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        requests: list[str] = []
        errors: list[str] = []
        page.on("request", lambda r: requests.append(r.url))
        page.on("pageerror", lambda e: errors.append(str(e)))
        # Only the live view's own server may be asked: record anything else, then refuse it.
        page.route(
            "**/*",
            lambda route: (
                route.continue_()
                if route.request.url.startswith((served.url, "data:"))
                else route.abort()
            ),
        )
        try:
            page.goto(served.url)
            page.wait_for_selector("body[data-ready]", state="attached", timeout=30_000)
            page.evaluate(
                """(id) => { const k = window.paperkg, N = k.data.nodes;
                  k.openTopic(N.findIndex((n) => n.type === "topic" && n.label === "GANs"));
                  k.selectNode(N.findIndex((n) => n.id === id)); }""",
                SELECTED,
            )
            page.fill("#search", "dream")
            page.select_option("#min-rating", "4")  # every paper, the new one too, is rated 4+
            before = _state(page)
            assert before["papers"] == 3 and before["gansOpen"] and before["selected"] == SELECTED
            assert before["rating"] == "4"
            assert (out / "graph.html").read_bytes() == on_disk  # serving changed nothing

            notes.write_text(text.replace(GANS, GANS + NEW_PAPER), "utf-8")
            _build(notes, out)
            page.wait_for_selector("body[data-restored]", state="attached", timeout=30_000)
            after = _state(page)
            status = page.text_content("#status")
        finally:
            page.close()
    assert after == {**before, "papers": 4, "navigation": "reload"}
    assert status.startswith("4 of 4 papers")
    assert errors == []
    assert requests and all(url.startswith(served.url) for url in requests)
    assert any(url == served.url + "version" for url in requests)
    assert b"paperkg-watch" not in (out / "graph.html").read_bytes()
