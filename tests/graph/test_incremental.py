"""Incremental builds: only changed files are re-extracted, and the graph is as a full build's."""

from __future__ import annotations

from pathlib import Path

import pytest
from paperkg.extract.language.vocabulary import load_vocabulary
from paperkg.graph.rdf.build import graph_iri
from paperkg.graph.store.disk import load_store
from rdflib import URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

import paperkg.run.incremental as incremental
import paperkg.run.manifest as manifest
from paperkg.run.collect import extract_notes
from paperkg.run.outputs import build_outputs

TITLE_ONLY = """# Reading
## Diffusion
- [6/10] [Prototypical Memory Networks for Captioning Everything](https://example.org/blog/pmn)
  nice idea, uses attention
"""
WITH_LINK = """# Other list
- [9/10] [Prototypical Memory Networks for Captioning Everything](https://arxiv.org/abs/2308.12383)
"""


@pytest.fixture()
def extracted(monkeypatch):
    """The notes files the build really extracted (not served from the cache)."""
    seen: list[str] = []
    real = incremental.start_extraction

    def spy(jobs, workers=None, beside=None):
        seen.extend(job.source.path.rsplit("/", 1)[-1] for job in jobs)
        return real(jobs, workers, beside)

    monkeypatch.setattr(incremental, "start_extraction", spy)
    return seen


def quads(out) -> set:
    ds = load_store(out, read_only=True)
    try:
        return {
            (s, p, o, str(g))
            for s, p, o, g in ds.quads((None, None, None, None))
            if g != DATASET_DEFAULT_GRAPH_ID  # the deduplicated copy queries read
        }
    finally:
        ds.close()


def build(paths, out):
    return build_outputs([str(p) for p in paths], out, html=False)


def test_changing_one_of_two_files_re_extracts_only_it(notes, tmp_path, extracted):
    out = tmp_path / "out"
    first = build([notes], out)
    assert sorted(extracted) == ["a.md", "b.md"]
    assert "(2 re-extracted, 0 reused;" in first.summary_line()
    extracted.clear()
    with (notes / "b.md").open("a") as handle:
        handle.write("- [5/10] [Another one](https://arxiv.org/abs/2402.00001) with LoRA\n")
    second = build([notes], out)
    assert extracted == ["b.md"]
    assert "from 2 notes files (1 re-extracted, 1 reused;" in second.summary_line()
    fresh = tmp_path / "fresh"
    build([notes], fresh)
    assert quads(out) == quads(fresh)


def test_unchanged_rebuild_extracts_nothing_and_gives_the_same_graph(notes, tmp_path, extracted):
    out = tmp_path / "out"
    build([notes], out)
    before = quads(out)
    extracted.clear()
    report = build([notes], out)
    assert extracted == [] and report.reused and not report.reextracted
    assert quads(out) == before


def test_a_deleted_file_loses_its_graph(notes, tmp_path):
    out = tmp_path / "out"
    build([notes], out)
    (notes / "a.md").unlink()
    report = build([notes], out)
    assert ", 1 dropped;" in report.summary_line()
    graphs = {g for *_, g in quads(out)}
    assert not any(g.endswith("/a.md") for g in graphs)
    assert any(g.endswith("/b.md") for g in graphs)


def test_paper_iris_stay_consistent_when_another_file_merges_a_paper(tmp_path, extracted):
    """A title-only paper of an unchanged file takes the arXiv IRI a new file brings."""
    folder = tmp_path / "notes"
    folder.mkdir()
    (folder / "first.md").write_text(TITLE_ONLY)
    out = tmp_path / "out"
    build([folder], out)
    assert any("/paper/title-" in str(s) for s, *_ in quads(out))
    (folder / "second.md").write_text(WITH_LINK)
    extracted.clear()
    build([folder], out)
    assert extracted == ["second.md"]
    fresh = tmp_path / "fresh"
    build([folder], fresh)
    incremental_quads = quads(out)
    assert incremental_quads == quads(fresh)
    paper = URIRef("https://w3id.org/paperkg/paper/arxiv-2308.12383")
    notes_graphs = {g for s, p, o, g in incremental_quads if s == paper and "notedIn" in p}
    assert len(notes_graphs) == 2  # one node, noted in both files, each in its own graph
    assert not any("/paper/title-" in str(s) for s, *_ in incremental_quads)


def test_records_survive_the_json_cache_unchanged(fixtures):
    vocab = load_vocabulary()
    for notes in extract_notes([fixtures / "contract.md", fixtures / "shapes"], vocab).files:
        assert incremental.decode(type(notes), incremental.encode(notes)) == notes


def test_a_corrupt_cache_entry_is_re_extracted(notes, tmp_path, extracted):
    out = tmp_path / "out"
    build([notes], out)
    for item in (out / incremental.CACHE_DIR).glob("*.json"):
        if item.name != incremental.MANIFEST:
            item.write_text("{not json")
    extracted.clear()
    report = build([notes], out)
    assert sorted(extracted) == ["a.md", "b.md"] and len(report.reextracted) == 2


def test_a_changed_vocabulary_re_extracts_everything(notes, tmp_path, fixtures, extracted):
    out = tmp_path / "out"
    build([notes], out)
    extracted.clear()
    build_outputs([str(notes)], out, vocab_files=[fixtures / "vocab_extra.ttl"], html=False)
    assert sorted(extracted) == ["a.md", "b.md"]


def test_each_notes_file_is_its_own_named_graph(notes, tmp_path):
    out = tmp_path / "out"
    build([notes], out)
    graphs = {g for *_, g in quads(out)}
    for name in ("a.md", "b.md"):
        assert any(g.endswith("/" + name) for g in graphs)
    assert str(graph_iri("notes/a.md")).endswith("/notes/a.md")


def test_a_record_stored_from_entries_encoded_apart_is_the_same_file(tmp_path, fixtures):
    """Extraction workers encode their shares of a long file; the spliced file is the same."""
    from paperkg.run.record_json import entries_json

    notes = extract_notes([fixtures / "contract.md"], load_vocabulary()).files[0]
    whole, spliced = (
        incremental.RecordCache(tmp_path / "a"),
        incremental.RecordCache(tmp_path / "b"),
    )
    whole.store("k", notes)
    half = len(notes.entries) // 2
    parts = [entries_json(notes.entries[:half]), entries_json(notes.entries[half:])]
    spliced.store("k", notes, ",".join(parts))
    assert (tmp_path / "b/cache/k.json").read_bytes() == (tmp_path / "a/cache/k.json").read_bytes()
    assert spliced.load("k") == notes


def test_a_watching_process_keeps_the_records_it_extracted(notes, tmp_path, extracted, monkeypatch):
    """A watch's next rebuild takes the records its first build extracted from memory (its
    first save would otherwise decode every other file's cached records again)."""
    monkeypatch.setattr(incremental, "_IN_MEMORY", None)
    incremental.keep_records_in_memory()
    out = tmp_path / "out"
    build([notes], out)
    for item in (out / incremental.CACHE_DIR).glob("*.json"):
        if item.name != incremental.MANIFEST:
            item.write_text("{not json")  # not readable: only memory can serve them
    (notes / "a.md").write_text((notes / "a.md").read_text() + "\n- [5/10] Another Paper\n")
    extracted.clear()
    report = build([notes], out)
    assert extracted == ["a.md"] and [p.rsplit("/", 1)[-1] for p in report.reused] == ["b.md"]


def test_the_extractor_fingerprint_covers_every_extractor_file():
    # the readers, the NLP and the built-in vocabulary live in subfolders of extract/: a
    # change to any of them must invalidate cached records (it did not after the move)
    names = {name for name, _ in incremental.extractor_files()}
    for expected in (
        "records.py",
        "reading/markdown.py",
        "language/pipeline.py",
        "data/techniques.ttl",
        "data/note_words.json",
    ):
        assert expected in names
    assert not any("__pycache__" in name for name in names)


def test_a_changed_extractor_file_re_extracts_everything(notes, tmp_path, extracted, monkeypatch):
    out = tmp_path / "out"
    build([notes], out)
    files = incremental.extractor_files()
    changed = tmp_path / "changed.json"
    changed.write_text('{"edited": true}')
    swapped = [(n, Path(changed) if n == "data/note_words.json" else f) for n, f in files]
    monkeypatch.setattr(incremental, "extractor_files", lambda: swapped)
    # the no-op check sees the code changed too (its hash is taken once per process)
    monkeypatch.setattr(manifest, "code_fingerprint", lambda: "changed code")
    extracted.clear()
    build([notes], out)
    assert sorted(extracted) == ["a.md", "b.md"]


BESIDE = """
import sys
from paperkg.run.outputs import build_outputs

report = build_outputs([sys.argv[1]], sys.argv[2], workers=int(sys.argv[3]))
print([p.rsplit("/", 1)[-1] for p in report.reextracted], "spacy" in sys.modules)
"""


@pytest.mark.skipif(not hasattr(__import__("os"), "fork"), reason="no fork here")
def test_an_edit_is_extracted_beside_the_cache_and_builds_what_a_clean_build_does(notes, tmp_path):
    """After an edit, a fresh process extracts the edited file in a worker while it decodes
    the others' records (paperkg/run/parallel.py): it never imports spaCy itself, and its
    outputs are a clean build's, byte for byte; with one worker it extracts in place."""
    import subprocess
    import sys

    out, clean = tmp_path / "out", tmp_path / "clean"

    def build(folder, workers: int) -> str:
        done = subprocess.run(
            [sys.executable, "-c", BESIDE, str(notes), str(folder), str(workers)],
            capture_output=True,
            text=True,
            check=True,
        )
        return done.stdout.strip()

    build(out, 2)
    with (notes / "b.md").open("a", encoding="utf-8") as handle:
        handle.write(
            "\n- [7/10] [Folding Marble Kernels](https://arxiv.org/abs/2401.00001) uses LoRA\n"
        )
    assert build(out, 2) == "['b.md'] False"  # extracted beside, no spaCy here
    assert build(clean, 2).endswith("True")  # a first build extracts in this process
    for name in ("graph.ttl", "graph.jsonld", "graph.graphml", "graph.html"):
        assert (out / name).read_bytes() == (clean / name).read_bytes(), name
    with (notes / "b.md").open("a", encoding="utf-8") as handle:
        handle.write("\n- [5/10] [Pressed Granite Flows](https://arxiv.org/abs/2401.00002)\n")
    assert build(out, 1).endswith("True")  # one worker: in place
