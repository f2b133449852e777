"""The text forms a build writes its triples in: the store's N-Quads pieces and the union's
N-Triples, both spelled from the same triples (graph/rdf/build.py `BuiltRdf`)."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from paperkg.extract.language.vocabulary import load_vocabulary
from paperkg.graph.rdf.build import build_rdf

from paperkg.run.incremental import extract_incremental


@pytest.fixture(scope="module")
def rdf(fixtures, tmp_path_factory):
    vocab = load_vocabulary()
    notes = [fixtures / "contract.md", fixtures / "contract_second.md"]
    out = tmp_path_factory.mktemp("built-rdf")
    return build_rdf(extract_incremental(notes, vocab, out, ()).files, vocab)


def _quads(data: bytes) -> set[ox.Quad]:
    return set(ox.parse(data, format=ox.RdfFormat.N_QUADS))


@pytest.mark.parametrize("lines", [1, 7, 100_000])
def test_nquads_pieces_hold_every_quad_once_and_at_most_lines_lines(rdf, lines):
    pieces = list(rdf.nquads(union=False, lines=lines))
    assert all(0 < piece.count(b"\n") <= lines for piece in pieces)
    expected = {
        ox.Quad(s, p, o, ox.NamedNode(graph))
        for graph, triples in rdf.graphs.items()
        for s, p, o in triples
    }
    assert len(rdf.graphs) > 2  # two notes files and the vocabulary
    assert sum(piece.count(b"\n") for piece in pieces) == len(expected)
    assert _quads(b"".join(pieces)) == expected


def test_ntriples_is_the_union_sorted_once_per_triple(rdf):
    text = rdf.ntriples()
    lines = text.decode("utf-8").splitlines()
    assert lines == sorted(set(lines))
    assert {
        (t.subject, t.predicate, t.object) for t in ox.parse(text, format=ox.RdfFormat.N_TRIPLES)
    } == set(rdf.union)
    union = b"".join(rdf.nquads(union=True))[len(b"".join(rdf.nquads(union=False))) :]
    assert union == text


def test_build_rdf_passes_on_every_line_of_every_graph_once(fixtures, tmp_path, monkeypatch):
    from paperkg.graph.rdf import build

    monkeypatch.setattr(build, "STREAM_LINES", 5)  # a fixture graph in several calls
    vocab = load_vocabulary()
    notes = [fixtures / "contract.md", fixtures / "contract_second.md"]
    files = extract_incremental(notes, vocab, tmp_path, ()).files
    calls: list[tuple[str, list[str]]] = []
    rdf = build_rdf(files, vocab, on_graph=lambda graph, lines: calls.append((graph, lines)))
    passed: dict[str, list[str]] = {}
    for graph, lines in calls:
        passed.setdefault(graph, []).extend(lines)
    assert passed == rdf.lines
    assert len(calls) > len(rdf.graphs)
    assert all(len(set(lines)) == len(lines) == len(rdf.graphs[g]) for g, lines in passed.items())


def test_quad_pieces_start_with_a_smaller_first_piece():
    from paperkg.graph.rdf.build import QuadPieces

    pieces = QuadPieces(lines=4, first=2)
    made = [*pieces.add("g:a", ["<a:s> <a:p> <a:o1>", "<a:s> <a:p> <a:o2>", "<a:s> <a:p> <a:o3>"])]
    made += [*pieces.add("g:b", ["<a:s> <a:p> <a:o4>"] * 5), *pieces.flush()]
    assert [piece.count(b"\n") for piece in made] == [2, 4, 2]  # 8 lines: 2, then 4 a piece
    assert made[0].startswith(b"<a:s> <a:p> <a:o1> <g:a> .\n")
    assert b"<a:s> <a:p> <a:o3> <g:a> .\n<a:s> <a:p> <a:o4> <g:b> .\n" in made[1]
