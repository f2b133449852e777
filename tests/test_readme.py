"""The README's promises: its SPARQL examples run on the example notes and return rows,
and its two set-up commands are the ones the project really uses."""

from __future__ import annotations

import re
from pathlib import Path

from paperkg.graph.query import run_query
from paperkg.graph.store import load_store

ROOT = Path(__file__).resolve().parent.parent

README = (ROOT / "README.md").read_text("utf-8")


def test_readme_queries_return_rows_on_the_example_notes(example_build):
    queries = re.findall(r"```sparql\n(.*?)```", README, flags=re.S)
    assert len(queries) >= 3
    ds = load_store(example_build)
    try:
        for text in queries:
            assert run_query(ds, text).rows, text
    finally:
        ds.close()


def test_readme_has_two_setup_commands_and_ci_runs_the_test_one():
    setup = README.split("## Set up", 1)[1].split("\n## ", 1)[0]
    commands = re.findall(r"```sh\n(.*?)\n```", setup, flags=re.S)
    assert commands == ["pip install . && paperkg build notes/", "bash scripts/test.sh"]
    assert "exec bash scripts/test.sh" in (ROOT / ".ci" / "run").read_text()
