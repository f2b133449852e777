"""Pieces kept sorted in chunks (graph/outputs/chunked.py) write what the plain sorted list
of the same pieces, joined, writes, whatever was added and removed, and chunks split."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from paperkg.graph.outputs import chunked
from paperkg.graph.outputs.chunked import ChunkedPieces

keys = st.integers(0, 60)
operations = st.lists(
    st.one_of(
        st.tuples(st.just("add"), st.sets(keys, max_size=12)),
        st.tuples(st.just("remove"), st.sets(keys, max_size=12)),
        st.tuples(st.just("replace"), st.sets(keys, max_size=20)),
    ),
    max_size=12,
)


def _piece(key: int) -> tuple[int, bytes, tuple]:
    return key, f"<{key}>".encode(), (key % 3, key % 5)


@settings(max_examples=300, deadline=None)
@given(operations, st.sampled_from([b"", b",\n"]), st.integers(1, 4))
def test_chunks_write_the_sorted_pieces(steps, separator, size):
    chunked_size = chunked.SIZE
    chunked.SIZE = size  # small chunks: splits and empty chunks happen
    try:
        pieces, model = ChunkedPieces(separator), {}
        for kind, chosen in steps:
            if kind == "add":
                new = sorted(chosen - model.keys())
                pieces.add(_piece(k) for k in new)
                model.update((k, _piece(k)) for k in new)
            elif kind == "remove":
                pieces.remove(sorted(chosen))
                for k in chosen:
                    model.pop(k, None)
            else:
                pieces.replace(_piece(k) for k in chosen)
                model = {k: _piece(k) for k in chosen}
            ordered = [model[k] for k in sorted(model)]
            assert b"".join(pieces.joined()) == separator.join(p for _, p, _ in ordered)
            assert list(pieces.keys()) == sorted(model)
            first_use = dict.fromkeys(t for _, _, tags in ordered for t in tags)
            assert pieces.tags() == list(first_use)
            assert len(pieces) == len(model)
    finally:
        chunked.SIZE = chunked_size


def test_a_chunk_joins_once_until_it_changes():
    pieces = ChunkedPieces(b"\n")
    pieces.replace(_piece(k) for k in range(10))
    first = pieces.joined()
    again = pieces.joined()
    assert all(a is b for a, b in zip(first, again, strict=True))  # no join the second time
    pieces.add([_piece(99)])
    assert pieces.joined()[-1] is not first[-1]
