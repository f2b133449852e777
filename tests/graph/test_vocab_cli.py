"""The vocabulary from the command line: --vocab merging, `vocab show`, `vocab candidates`,
and `evaluate` against a gold file."""

from __future__ import annotations

from click.testing import CliRunner
from rdflib import Graph, Literal
from rdflib.namespace import SDO, SKOS

from paperkg.cli import main


def test_build_with_a_user_vocabulary_links_its_concepts(tmp_path, fixtures):
    result = CliRunner().invoke(
        main,
        [
            "build",
            str(fixtures / "vocab_user_notes.md"),
            "--vocab",
            str(fixtures / "vocab_extra.ttl"),
            "-o",
            str(tmp_path),
            "--no-html",
        ],
    )
    assert result.exit_code == 0, result.output
    g = Graph().parse(tmp_path / "graph.ttl")
    (concept,) = set(g.subjects(SKOS.prefLabel, Literal("sliced attention")))
    assert any(g.subjects(SDO.mentions, concept))
    parent = g.value(concept, SKOS.broader)
    assert g.value(parent, SKOS.prefLabel) == Literal("self-attention")


def test_a_broken_vocabulary_file_is_one_line_exit_2(tmp_path, fixtures):
    bad = tmp_path / "bad.ttl"
    bad.write_text("this is not turtle {")
    result = CliRunner().invoke(
        main,
        ["build", str(fixtures / "vocab_user_notes.md"), "--vocab", str(bad), "-o", str(tmp_path)],
    )
    assert result.exit_code == 2 and "bad.ttl" in result.output
    assert "Traceback" not in result.output


def test_vocab_show_prints_a_tree():
    result = CliRunner().invoke(main, ["vocab", "show"])
    assert result.exit_code == 0
    lines = result.output.splitlines()
    attention = next(i for i, line in enumerate(lines) if line.startswith("attention"))
    child = next(line for line in lines[attention + 1 :] if "self-attention" in line)
    assert child.startswith("  ")


def test_vocab_candidates_lists_unknown_names_with_count_and_place(fixtures):
    result = CliRunner().invoke(
        main, ["vocab", "candidates", str(fixtures / "vocab_user_notes.md")]
    )
    assert result.exit_code == 0, result.output
    (line,) = [x for x in result.output.splitlines() if "HyperWarp" in x]
    assert line.split()[0] == "2" and "vocab_user_notes.md:3" in line
    assert "attention" not in result.output.lower()


def test_evaluate_prints_precision_recall_f1(fixtures):
    result = CliRunner().invoke(
        main,
        [
            "evaluate",
            str(fixtures / "nlp_related_forms.md"),
            "--gold",
            str(fixtures / "gold_small.jsonl"),
        ],
    )
    assert result.exit_code == 0, result.output
    header, *rows = result.output.splitlines()
    assert header.split()[:3] == ["precision", "recall", "F1"]
    assert [r.split()[0] for r in rows[:3]] == ["entries", "techniques", "related"]


def test_evaluate_with_a_missing_gold_file(fixtures, tmp_path):
    result = CliRunner().invoke(
        main,
        ["evaluate", str(fixtures / "nlp_related_forms.md"), "--gold", str(tmp_path / "x.jsonl")],
    )
    assert result.exit_code == 2 and "x.jsonl" in result.output


def test_a_closed_pipe_is_not_an_error():
    import subprocess
    import sys

    shell = f"{sys.executable} -m paperkg vocab show | head -n 1"
    done = subprocess.run(
        ["bash", "-c", shell + "; echo ${PIPESTATUS[0]} >&2"], capture_output=True, text=True
    )
    assert done.stdout.count("\n") == 1
    assert "internal error" not in done.stderr and done.stderr.strip().endswith("0")
