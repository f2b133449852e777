"""The benchmark still runs: generator shape and determinism, and `bench/run.py` at 1x.

No timing is asserted (the machine is shared and noisy); only that every stage, query and
figure the report needs is produced.
"""

from __future__ import annotations

import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parents[2] / "bench"
sys.path.insert(0, str(BENCH))

import generate  # noqa: E402
import run  # noqa: E402


def test_noted_copies_note_the_same_papers_again_with_varied_links_and_titles(tmp_path):
    from paperkg.extract.reading.markdown import parse_notes
    from paperkg.extract.reading.source import read_notes
    from paperkg.graph.rdf.identity import paper_iris

    text = generate.generate_noted_copies(3)
    assert text == generate.generate_noted_copies(3)
    (tmp_path / "pooled.md").write_text(text)
    (tmp_path / "once.md").write_text(generate.example_text())
    pooled = parse_notes(read_notes(tmp_path / "pooled.md")).entries
    once = parse_notes(read_notes(tmp_path / "once.md")).entries
    assert len(pooled) == 3 * len(once)
    assert "utm_source=copy2" in text and "(copy 2)" in text
    linked = [e for e in pooled if e.url and "openaccess.thecvf.com" in e.url]
    assert len(set(paper_iris(linked))) == len(linked) // 3  # each CVF paper noted 3 times


def test_generator_is_deterministic_and_keeps_the_example_first():
    files = generate.generate_files(3, seed=1)
    assert [name for name, _ in files] == ["notes-000.md", "notes-001.md", "notes-002.md"]
    assert files[0][1] == generate.example_text()
    assert files == generate.generate_files(3, seed=1)
    assert files[1:] != generate.generate_files(3, seed=2)[1:]
    assert generate.generate_notes(2) == "\n\n".join(text for _, text in generate.generate_files(2))


def test_replicas_are_new_papers_of_the_same_shape(tmp_path):
    from paperkg.extract.reading.markdown import parse_notes
    from paperkg.extract.reading.source import read_notes
    from paperkg.graph.rdf.identity import paper_iris

    paths = generate.write_notes(tmp_path, 3)
    entries = [e for p in paths for e in parse_notes(read_notes(p)).entries]
    per_file = len(entries) // 3
    assert per_file >= 120 and len(entries) == 3 * per_file
    assert len(set(paper_iris(entries))) == len(entries)  # unique titles and links
    assert {e.section for e in entries[per_file:]} <= {e.section for e in entries[:per_file]}


def test_run_at_1x_writes_every_figure(tmp_path):
    results_md = tmp_path / "RESULTS.md"
    args = ["--scales", "1", "--repeat", "1", "--memory-timeout", "2", "--results", str(results_md)]
    args += ["--one-file-scales", "1", "--copies", "2", "--cold-repeat", "1"]
    args += ["--edit-scales", "1", "--edit-repeat", "1"]
    results = run.main(args)
    (scale,) = results["scales"]
    assert scale["papers"] >= 120 and scale["triples"] > 1000 and scale["peak_rss_mb"] > 0
    for stage in ("parse", "nlp", "rdf", "turtle", "jsonld", "graphml"):
        assert stage in scale["seconds"]
    assert scale["queries"] and all("error" not in q for q in scale["queries"])
    for q in scale["queries"]:  # a ratio only means something between the same answers
        for rows in (q["rdflib_rows"], q.get("rdflib_plain_rows")):
            assert rows in (None, q["rows"]), q["query"]  # None: stopped at the timeout
    by_iri = [q for q in scale["queries"] if q["query"] == "paper-provenance (by IRI)"]
    assert by_iri and by_iri[0]["rows"] >= 1  # one paper's notes, looked up by its IRI
    assert results["floor"] and results["cold_cli"]
    one_file = {x["label"]: x for x in results["one_file"]}
    assert set(one_file) == {
        "1x in one file",
        "2 copies made distinct papers, one file",
        "the same papers noted 2 times, one file",
    }
    noted = one_file["the same papers noted 2 times, one file"]["papers"]
    assert noted < one_file["2 copies made distinct papers, one file"]["papers"]
    cold = results["cold_commands"]
    assert cold["floor"] and {c["command"] for c in cold["commands"]} == set(run.COLD_COMMANDS)
    text = results_md.read_text()
    assert "## Machine" in text and "| 1x |" in text and "Targets" in text
    assert "one notes file" in text and "cold" in text
    assert "## The edit loop" in text


def test_only_the_edit_loop(tmp_path):
    results_md = tmp_path / "RESULTS.md"
    args = ["--only", "edit-loop", "--edit-scales", "1", "--edit-repeat", "2"]
    results = run.main([*args, "--results", str(results_md)])
    (loop,) = results["edit_loop"]
    assert loop["scale"] == 1 and loop["full"] > 0
    for key in ("noop", "edit", "watch"):  # each checked by the bench itself as it ran
        assert len(loop[key]) == 2 and all(t > 0 for t in loop[key])
    text = results_md.read_text()
    assert "| 1x in 1 files |" in text and "no-op rebuild" in text
