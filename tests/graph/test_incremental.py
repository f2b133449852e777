"""Incremental builds: only changed files are re-extracted, and the graph is as a full build's."""

from __future__ import annotations

import shutil

import pytest
from paperkg.extract.language.vocabulary import load_vocabulary
from paperkg.graph.rdf.build import graph_iri
from paperkg.graph.store.disk import load_store
from rdflib import URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

import paperkg.run.incremental as incremental
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
def notes(tmp_path, fixtures):
    folder = tmp_path / "notes"
    folder.mkdir()
    shutil.copy(fixtures / "contract.md", folder / "a.md")
    shutil.copy(fixtures / "contract_second.md", folder / "b.md")
    return folder


@pytest.fixture()
def extracted(monkeypatch):
    """The notes files the build really extracted (not served from the cache)."""
    seen: list[str] = []
    real = incremental.start_extraction

    def spy(jobs, workers=None):
        seen.extend(job.source.path.rsplit("/", 1)[-1] for job in jobs)
        return real(jobs, workers)

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


@pytest.fixture()
def made_up_extract_package(tmp_path, monkeypatch):
    """An `extract` package of a few files, read by the fingerprint in its place; the
    digest of the real one is worked out again after the test."""
    package = tmp_path / "extract"
    (package / "data" / "__pycache__").mkdir(parents=True)
    (package / "records.py").write_text("records\n")
    (package / "data" / "techniques.ttl").write_text("vocabulary\n")
    (package / "data" / "__pycache__" / "x.py").write_text("compiled\n")
    monkeypatch.setattr(incremental.resources, "files", lambda name: package)
    incremental.extractor_code_digest.cache_clear()
    yield package
    incremental.extractor_code_digest.cache_clear()


def test_the_extractor_fingerprint_reads_every_folder_of_the_extract_package(
    made_up_extract_package,
):
    """A change to the language code, the reading code or the built-in vocabulary (in
    folders below `extract/`) re-extracts every file, as a change to `records.py` does."""

    def fingerprint() -> str:
        incremental.extractor_code_digest.cache_clear()
        return incremental.extractor_fingerprint()

    first = fingerprint()
    assert fingerprint() == first
    (made_up_extract_package / "data" / "__pycache__" / "x.py").write_text("compiled again\n")
    assert fingerprint() == first
    (made_up_extract_package / "data" / "techniques.ttl").write_text("one title more\n")
    assert fingerprint() != first
