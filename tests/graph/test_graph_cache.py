"""Each notes file's graph lines kept on disk for the next build (paperkg/run/graph_cache.py):
read back only whole and only by the key and code that made them, and a build that reads
them back writes a clean build's bytes."""

from __future__ import annotations

from paperkg.run.graph_cache import GRAPHS_DIR, GraphCache, graph_fingerprint
from paperkg.run.outputs import build_outputs

LINES = [
    '<https://example.org/p> <http://www.w3.org/2000/01/rdf-schema#label> "Lantern Moss"',
    "<https://example.org/p> <https://schema.org/mentions> <https://example.org/t>",
]
OUTPUTS = ("graph.ttl", "graph.jsonld", "graph.graphml", "graph.html")


def test_lines_come_back_as_stored_and_with_their_triples_when_prefetched(tmp_path):
    cache = GraphCache(tmp_path, {"a.md": "k1"})
    cache.put("g1", LINES)
    assert GraphCache(tmp_path, {}).get("g1") == (LINES, None)
    ahead = GraphCache(tmp_path, {})
    ahead.prefetch()
    lines, triples = ahead.get("g1")
    assert lines == LINES
    assert {o.value for _, _, o in triples} == {"Lantern Moss", "https://example.org/t"}
    assert GraphCache(tmp_path, {}).get("missing") is None


def test_a_graph_cut_short_or_changed_is_a_miss(tmp_path):
    GraphCache(tmp_path, {}).put("g1", LINES)
    stored = tmp_path / GRAPHS_DIR / "g1.nt"
    stored.write_text(stored.read_text("utf-8")[:-20], "utf-8")
    assert GraphCache(tmp_path, {}).get("g1") is None
    ahead = GraphCache(tmp_path, {})
    ahead.prefetch()
    assert ahead.get("g1") is None


def test_a_record_is_named_with_the_graph_code_and_unused_graphs_go(tmp_path, monkeypatch):
    cache = GraphCache(tmp_path, {"a.md": "k1"})
    assert cache.record_id("a.md") == f"k1\0{graph_fingerprint()}"
    assert cache.record_id("b.md") is None  # not cached: not stored either
    cache.put("g1", LINES)
    cache.put("g2", LINES)
    later = GraphCache(tmp_path, {})
    assert later.get("g2") is not None
    later.commit()
    assert sorted(p.name for p in (tmp_path / GRAPHS_DIR).iterdir()) == ["g2.nt"]
    monkeypatch.setattr("paperkg.run.graph_cache.__version__", "0.0.0-other")
    assert graph_fingerprint() != cache.record_id("a.md").split("\0")[1]


def test_a_build_from_stored_graphs_writes_a_clean_builds_bytes(notes, tmp_path):
    out = tmp_path / "out"
    build_outputs([notes], out, workers=1)
    stored = out / "cache" / GRAPHS_DIR
    assert len(list(stored.glob("*.nt"))) == 3  # one per notes file, and the vocabulary graph

    def edit_and_compare(label: str) -> None:
        with (notes / "b.md").open("a", encoding="utf-8") as handle:
            handle.write(f"\n- [7/10] [Folding {label} Kernels](https://arxiv.org/abs/2401.0)\n")
        build_outputs([notes], out, workers=1)
        clean = tmp_path / f"clean-{label}"
        build_outputs([notes], clean, workers=1)
        for name in OUTPUTS:
            assert (out / name).read_bytes() == (clean / name).read_bytes(), (label, name)

    def file_graphs() -> dict[str, int]:
        return {p.name: p.stat().st_mtime_ns for p in stored.glob("*.nt") if "-" not in p.name}

    before = file_graphs()
    edit_and_compare("Marble")  # a.md's graph read back, b.md's made anew
    after = file_graphs()
    assert len(after) == 2 and len(before.items() & after.items()) == 1
    for path in stored.glob("*.nt"):  # damaged since: made anew, never read
        path.write_text(path.read_text("utf-8").replace("<", "(", 3), "utf-8")
    edit_and_compare("Granite")
