"""A watch's rebuild patches the store it published (graph/store/patch.py) and loads it
whole when anything else touched it; either way the store holds a clean build's quads."""

from __future__ import annotations

import shutil

import pyoxigraph as ox
import pytest
from paperkg.graph.store.patch import union_difference

import paperkg.run.store_loader as store_loader
from paperkg.run.outputs import build_outputs
from paperkg.run.warm import WarmBuild

LIST = """# Reading
## Meshes
- [6/10] [Lantern Moss: Folding Tiny Meshes](https://example.org/lantern) uses LoRA
- [7/10] [Quill Lattices for Sparse Attention](https://example.org/quill)
"""
OTHER = """# More
## Fields
- [8/10] [Ferns of Glass: Radiance Fields](https://example.org/ferns) builds on NeRF
"""
ADDED = "- [5/10] [Amber Sketches: Drawing with Diffusion](https://example.org/amber)\n"


@pytest.fixture()
def patches(monkeypatch):
    """The stores patched (not loaded whole) since the test began."""
    seen: list[str] = []
    real = store_loader.patch_store

    def spy(published, target, update):
        seen.append(update)
        real(published, target, update)

    monkeypatch.setattr(store_loader, "patch_store", spy)
    return seen


def _quads(out) -> list[str]:
    return sorted(str(q) for q in ox.Store.read_only(str(out / "store")))


def _notes(tmp_path):
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "a.md").write_text(LIST, encoding="utf-8")
    (notes / "b.md").write_text(OTHER, encoding="utf-8")
    return notes


def test_a_save_patches_the_published_store(tmp_path, patches):
    notes, out, warm = _notes(tmp_path), tmp_path / "out", WarmBuild()
    build_outputs([notes], out, html=False, warm=warm)
    assert patches == []  # the first build loads the store whole
    (notes / "a.md").write_text(LIST + ADDED, encoding="utf-8")
    build_outputs([notes], out, html=False, warm=warm)
    assert len(patches) == 1
    assert "a.md" in patches[0] and "b.md" not in patches[0]  # b.md's graph stays as it is
    build_outputs([notes], tmp_path / "clean", html=False)
    assert _quads(out) == _quads(tmp_path / "clean")


@pytest.mark.parametrize("how", ["removed", "rebuilt by another build"])
def test_a_store_touched_by_anything_else_is_loaded_whole(tmp_path, patches, how):
    notes, out, warm = _notes(tmp_path), tmp_path / "out", WarmBuild()
    build_outputs([notes], out, html=False, warm=warm)
    (notes / "a.md").write_text(LIST + ADDED, encoding="utf-8")
    if how == "removed":
        shutil.rmtree(out / "store")
    else:
        build_outputs([notes], out, html=False)  # a plain build publishes another store
        (notes / "b.md").write_text(OTHER + ADDED, encoding="utf-8")
    build_outputs([notes], out, html=False, warm=warm)
    assert patches == []
    build_outputs([notes], tmp_path / "clean", html=False)
    assert _quads(out) == _quads(tmp_path / "clean")


def test_the_union_difference_keeps_a_line_another_graph_still_holds():
    """Without a kept sorted union (a new process), the union's difference comes from the
    graphs alone: only those that are not the very object published are compared."""
    same = ["<s> <p> <kept>"]
    published = {"g1": ["<s> <p> <both>", "<s> <p> <old>"], "g2": same, "g3": ["<s> <p> <both>"]}
    current = {"g1": ["<s> <p> <new>"], "g2": same, "g4": ["<s> <p> <added>", "<s> <p> <kept>"]}
    gone, added = union_difference(published, current)
    assert gone == ["<s> <p> <both>", "<s> <p> <old>"]  # g3 went with g1's copy
    assert added == ["<s> <p> <added>", "<s> <p> <new>"]  # <kept> was there, in g2
    assert union_difference(published, dict(published)) == ([], [])


def test_a_build_in_a_new_process_patches_the_store_the_last_published(tmp_path, patches):
    """No watch: the published graphs' lines come from the graph cache (paperkg/run/
    graph_cache.py), which says which store holds them."""
    notes, out = _notes(tmp_path), tmp_path / "out"
    build_outputs([notes], out, workers=1)
    assert patches == []  # nothing published yet: loaded whole
    (notes / "a.md").write_text(LIST + ADDED, encoding="utf-8")
    build_outputs([notes], out, workers=1)
    assert len(patches) == 1 and "Amber Sketches" in patches[0]
    assert "b.md" not in patches[0]  # b.md's graph is as published: not in the update
    build_outputs([notes], tmp_path / "clean", workers=1)
    assert _quads(out) == _quads(tmp_path / "clean")
    (notes / "a.md").write_text(LIST, encoding="utf-8")
    build_outputs([notes], out, workers=1)
    assert len(patches) == 2 and "DELETE DATA" in patches[1]
    build_outputs([notes], tmp_path / "clean2", workers=1)
    assert _quads(out) == _quads(tmp_path / "clean2")


def test_a_new_process_loads_whole_a_store_written_since_or_not_said(tmp_path, patches):
    notes, out = _notes(tmp_path), tmp_path / "out"
    build_outputs([notes], out, workers=1)
    (out / "store" / "written-since").write_text("")  # the store's folder changed since
    (out / "store" / "written-since").unlink()
    (notes / "a.md").write_text(LIST + ADDED, encoding="utf-8")
    build_outputs([notes], out, workers=1)
    assert patches == []
    (out / "cache" / "graphs" / "published.json").write_text("{not json", "utf-8")
    (notes / "a.md").write_text(LIST, encoding="utf-8")
    build_outputs([notes], out, workers=1)
    assert patches == []
    for graph in (out / "cache" / "graphs").glob("*.nt"):  # said again, but its graphs gone
        graph.unlink()
    (notes / "b.md").write_text(OTHER + ADDED, encoding="utf-8")
    build_outputs([notes], out, workers=1)
    assert patches == []
    build_outputs([notes], tmp_path / "clean", workers=1)
    assert _quads(out) == _quads(tmp_path / "clean")
