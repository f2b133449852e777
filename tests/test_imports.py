"""Import discipline (issue 14): `import paperkg` is light, and each command loads only the
heavy libraries it uses. Asserted on `sys.modules` in a fresh interpreter, never on time."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

HEAVY = ("spacy", "rdflib", "networkx", "pandas", "pyvis", "pyshacl")

# Runs one command in this interpreter as the `paperkg` script does, then reports which heavy
# modules got imported (on stderr, since commands write to stdout).
RUN = """
import json, sys, webbrowser
webbrowser.open = lambda *a, **k: True  # `paperkg view` must not start a browser here
from paperkg.cli import main
try:
    main.main(sys.argv[1:], prog_name="paperkg")
except SystemExit as done:
    code = done.code
sys.stderr.write("\\nMODULES " + json.dumps([m for m in HEAVY if m in sys.modules]) + "\\n")
sys.stderr.write("EXIT " + json.dumps(code) + "\\n")
""".replace("HEAVY", repr(HEAVY))


def _imports(*args: str) -> tuple[set[str], object]:
    done = subprocess.run(
        [sys.executable, "-c", RUN, *args], capture_output=True, text=True, timeout=120
    )
    lines = done.stderr.splitlines()
    modules = next(line for line in lines if line.startswith("MODULES "))
    code = next(line for line in lines if line.startswith("EXIT "))
    return set(json.loads(modules[8:])), json.loads(code[5:])


def test_import_paperkg_is_light():
    code = f"import sys, paperkg; print([m for m in {HEAVY!r} if m in sys.modules])"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_open_and_query_load_no_heavy_library(example_build):
    code = (
        "import sys, paperkg\n"
        f"g = paperkg.open({str(example_build)!r})\n"
        "rows = g.query('top-rated', min_rating=9)\n"
        "g.papers(); g.techniques(); g.topics(); g.stats()\n"
        f"print(len(rows), [m for m in {HEAVY!r} if m in sys.modules])"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "7 []"


NO_NLP = {"spacy"}
NO_RDFLIB = {"spacy", "rdflib", "networkx", "pandas"}


@pytest.mark.parametrize(
    ("args", "unwanted"),
    [
        (["query", "top-rated"], NO_RDFLIB),
        (["query", "papers-by-technique", "-p", "technique=LoRA", "-f", "json"], NO_RDFLIB),
        (["stats"], NO_RDFLIB),
        (["export", "--format", "turtle"], NO_RDFLIB),
        (["queries"], NO_RDFLIB),
        (["view"], NO_RDFLIB),
        (["query", "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o } LIMIT 1"], NO_NLP),
        (["export", "--format", "graphml"], NO_NLP),
        (["export", "--format", "jsonld"], NO_NLP),
        (["validate"], NO_NLP),
    ],
    ids=lambda a: " ".join(a) if isinstance(a, list) else "",
)
def test_each_command_imports_only_what_it_uses(example_build, tmp_path, args, unwanted):
    if args[0] == "export":
        args = [*args, "--to", str(tmp_path / "out")]
    with_out = args if args[0] == "queries" else [*args, "-o", str(example_build)]
    modules, code = _imports(*with_out)
    assert code in (0, None), code
    assert modules & unwanted == set()


def test_serve_imports_no_nlp(tmp_path):
    # a folder without a store: serve stops at once, after importing all it would run with
    modules, code = _imports("serve", "-o", str(tmp_path))
    assert code == 2
    assert modules & NO_RDFLIB == set()


def test_build_does_load_the_nlp(tmp_path, fixtures):
    # the counter-check: the probe does see what a command imports
    modules, code = _imports("build", str(fixtures / "contract.md"), "-o", str(tmp_path / "o"))
    assert code in (0, None) and {"spacy", "rdflib", "networkx"} <= modules


def test_a_build_with_nothing_changed_loads_no_nlp(tmp_path, fixtures):
    # the no-op check (paperkg/run/manifest.py) must cost what checking the files costs
    args = ("build", str(fixtures / "contract.md"), "-o", str(tmp_path / "o"))
    _imports(*args)
    modules, code = _imports(*args)
    assert code in (0, None) and modules & NO_RDFLIB == set()


def test_the_graph_layer_imports_no_nlp():
    # a build after an edit leaves spaCy to the worker extracting the edited file
    # (paperkg/run/parallel.py): the RDF, the store and every writer must not pull it in
    code = (
        "import sys\n"
        "import paperkg.graph.rdf.build, paperkg.graph.store.disk, paperkg.graph.outputs.view\n"
        "import paperkg.graph.outputs.graphml, paperkg.graph.outputs.jsonld\n"
        "import paperkg.run.outputs, paperkg.run.incremental, paperkg.run.graph_cache\n"
        "print('spacy' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
