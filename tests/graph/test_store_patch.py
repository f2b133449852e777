"""A watch's rebuild patches the store it published (graph/store/patch.py) and loads it
whole when anything else touched it; either way the store holds a clean build's quads."""

from __future__ import annotations

import shutil

import pyoxigraph as ox
import pytest

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
