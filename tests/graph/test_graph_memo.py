"""A rebuild that reuses kept graphs (graph/rdf/graph_memo.py) and the sorted union
(graph/rdf/sorted_union.py) states exactly what a clean build states.

The cases are the ways one file's edit reaches another file's graph though that file's
records are unchanged: a paper merged across files and renamed by the other's stronger
link, a link to another note whose paper changes, a bare name in a comment that a per-paper
note starts or stops answering to.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from paperkg.extract.language.vocabulary import load_vocabulary
from paperkg.graph.rdf.build import build_rdf
from paperkg.graph.rdf.graph_memo import GraphMemo
from paperkg.graph.rdf.sorted_union import SortedUnion
from paperkg.graph.rdf.union_index import UnionIndex

from paperkg.run.collect import extract_notes

LIST = """# Reading
## Diffusion
- [6/10] [Prototypical Memory Networks for Captioning Everything](https://example.org/blog/pmn)
  nice idea, uses attention
- [7/10] [Quill Lattices for Sparse Attention](https://example.org/quill) uses LoRA
"""
STRONGER = """# Other list
- [9/10] [Prototypical Memory Networks for Captioning Everything](https://arxiv.org/abs/2308.12383)
"""


def _note(title: str, url: str, body: str) -> str:
    return f'---\ntitle: "{title}"\nurl: {url}\n---\n# {title.split(":")[0]}\n\n{body}\n'


LANTERN = _note("MossNet: Folding Tiny Meshes", "https://example.org/lantern", "A mesh paper.")
FERN = _note("Ferns of Glass: Radiance Fields", "https://example.org/ferns", "A field paper.")
BEATING = _note("Amber Sketches: Drawing", "https://example.org/amber", "It beats MossNet.")
LINKING = _note("Velvet Kernels: Smooth Priors", "https://example.org/velvet", "See [[b]].")


@pytest.fixture(scope="module")
def vocab():
    return load_vocabulary()


def _records(folder: Path, files: dict[str, str], vocab):
    for old in folder.glob("*.md"):
        old.unlink()
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return extract_notes([folder], vocab, workers=1).files


def _assert_as_clean(folder: Path, steps: list[dict[str, str]], vocab) -> GraphMemo:
    """Build each step with one memo and sorter; each equals a build with neither."""
    memo, sorter = GraphMemo(), SortedUnion()
    for files in steps:
        records = _records(folder, files, vocab)
        memo.start()
        warm = build_rdf(records, vocab, memo=memo, sorter=sorter)
        memo.done()
        clean = build_rdf(records, vocab)
        assert {g: sorted(lines) for g, lines in warm.lines.items()} == {
            g: sorted(lines) for g, lines in clean.lines.items()
        }
        assert warm.union == clean.union
        assert warm.ntriples() == clean.ntriples()
    return memo


def test_a_paper_renamed_by_another_files_stronger_link(tmp_path, vocab):
    steps = [{"a.md": LIST}, {"a.md": LIST, "c.md": STRONGER}, {"a.md": LIST}]
    _assert_as_clean(tmp_path, steps, vocab)


def test_a_link_to_a_note_whose_paper_changes(tmp_path, vocab):
    steps = [{"a.md": LINKING, "b.md": LANTERN}, {"a.md": LINKING, "b.md": FERN}]
    _assert_as_clean(tmp_path, steps, vocab)


def test_a_bare_name_a_paper_note_starts_and_stops_answering_to(tmp_path, vocab):
    steps = [
        {"a.md": BEATING, "b.md": FERN},
        {"a.md": BEATING, "b.md": LANTERN},
        {"a.md": BEATING, "c.md": FERN},
    ]
    _assert_as_clean(tmp_path, steps, vocab)


def test_an_edit_reuses_the_graphs_of_the_files_it_did_not_touch(tmp_path, vocab):
    edited = LIST + "- [5/10] [Amber Sketches: Drawing](https://example.org/amber)\n"
    steps = [
        {"a.md": LIST, "b.md": LANTERN, "c.md": FERN},
        {"a.md": edited, "b.md": LANTERN, "c.md": FERN},
    ]
    memo = _assert_as_clean(tmp_path, steps, vocab)
    assert memo.hits == 2  # b.md and c.md; a.md made anew
    records = _records(tmp_path, steps[-1], vocab)
    memo.start()
    again = build_rdf(records, vocab, memo=memo)
    assert memo.hits == 3 and len(again.lines) == 4  # three files and the vocabulary


graphs = st.dictionaries(
    st.sampled_from("abcde"), st.frozensets(st.sampled_from("pqrstuvwxyz"), max_size=6)
)


@settings(max_examples=60, deadline=None)
@given(st.lists(graphs, min_size=1, max_size=6), st.data())
def test_the_sorted_union_is_a_sort_of_the_union(builds, data):
    """Graphs kept as the same object between builds, or given anew, in any sequence."""
    sorter = SortedUnion()
    last: dict[str, tuple[str, ...]] = {}
    for build in builds:
        given_now = {}
        for graph, lines in build.items():
            keep = graph in last and data.draw(st.booleans())
            given_now[graph] = last[graph] if keep else tuple(sorted(lines))
        assert sorter.update(given_now) == sorted(set().union(*given_now.values()))
        last = given_now


_NODES = [ox.NamedNode(f"https://example.org/{c}") for c in "abcd"]
triples = st.frozensets(
    st.tuples(st.sampled_from(_NODES), st.sampled_from(_NODES[:2]), st.sampled_from(_NODES)),
    max_size=8,
)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.dictionaries(st.sampled_from("abc"), triples), min_size=1, max_size=6), st.data()
)
def test_the_union_index_is_an_index_of_the_union(builds, data):
    """Each predicate's pairs, as a set, are those of the union indexed anew."""
    index = UnionIndex()
    last: dict[str, frozenset] = {}
    for build in builds:
        given_now = {}
        for graph, found in build.items():
            keep = graph in last and data.draw(st.booleans())
            given_now[graph] = last[graph] if keep else frozenset(found)
        union = frozenset().union(*given_now.values())
        fresh: dict[str, set] = {}
        for s, p, o in union:
            fresh.setdefault(p.value, set()).add((s.value, o))
        got = index.update(given_now)
        assert {p: set(pairs) for p, pairs in got.items()} == fresh
        assert all(len(pairs) == len(set(pairs)) for pairs in got.values())
        last = given_now
