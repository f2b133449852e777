"""The house's shape (ARCHITECTURE.md): no import cycle between modules, the declared layers
kept, and no function longer than a reader can hold in mind (80 lines).

The editable install maps `extract/` and `graph/` into `paperkg` through a finder that
import-graph tools cannot see, so the import graph is read from a plain copy of the package,
laid out as `pyproject.toml`'s `package-dir` says, in a fresh interpreter.
"""

from __future__ import annotations

import ast
import json
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
MAX_FUNCTION_LINES = 80
SETUPTOOLS = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]

# Every module's direct imports (grimp counts imports inside functions too) and the
# strongly connected groups among them: a group of more than one module is a cycle.
GRAPH = """
import json, grimp, networkx as nx
graph = grimp.build_graph("paperkg", cache_dir=None)
edges = nx.DiGraph()
edges.add_nodes_from(graph.modules)
for module in graph.modules:
    for imported in graph.find_modules_directly_imported_by(module):
        edges.add_edge(module, imported)
cycles = [sorted(group) for group in nx.strongly_connected_components(edges) if len(group) > 1]
print(json.dumps({"modules": len(graph.modules), "cycles": sorted(cycles)}))
"""


@pytest.fixture(scope="module")
def plain_install(tmp_path_factory) -> Path:
    """The package as `pip install .` lays it out (sources only), in a folder of its own."""
    site = tmp_path_factory.mktemp("plain")
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    mapping = SETUPTOOLS["package-dir"]
    for package in sorted(mapping, key=len):  # parents first: paperkg, then paperkg.extract
        target = site / package.replace(".", "/")
        shutil.copytree(ROOT / mapping[package], target, ignore=ignore, dirs_exist_ok=True)
    return site


def _run(args: list[str], site: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        args, cwd=site, env={"PYTHONPATH": str(site)}, capture_output=True, text=True, timeout=300
    )


def test_no_import_cycle_between_modules(plain_install):
    done = _run([sys.executable, "-c", GRAPH], plain_install)
    assert done.returncode == 0, done.stderr
    found = json.loads(done.stdout)
    modules = sum(1 for _ in plain_install.rglob("*.py"))
    assert found["modules"] == modules  # every module seen, not only those under paperkg/
    assert found["cycles"] == []


def test_the_declared_layers_hold(plain_install):
    lint = "from importlinter.cli import lint_imports_command as lint; lint()"
    config = str(ROOT / "pyproject.toml")
    done = _run([sys.executable, "-c", lint, "--no-cache", config], plain_install)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "broken" in done.stdout and " 0 broken" in done.stdout


def _functions(path: Path):
    tree = ast.parse(path.read_text("utf-8"), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            yield node.name, node.lineno, node.end_lineno - node.lineno + 1


def test_no_function_is_longer_than_80_lines():
    long = [
        f"{path.relative_to(ROOT)}:{line} {name} ({size} lines)"
        for top in ("paperkg", "extract", "graph")
        for path in sorted((ROOT / top).rglob("*.py"))
        for name, line, size in _functions(path)
        if size > MAX_FUNCTION_LINES
    ]
    assert long == []


def test_the_code_map_of_architecture_md_matches_the_folders():
    text = (ROOT / "ARCHITECTURE.md").read_text("utf-8")
    mapped = set(re.findall(r"^### `([\w/]+/)`", text, re.MULTILINE))
    folders = {  # every package with a file besides its __init__.py (modules or data)
        path.parent.relative_to(ROOT).as_posix() + "/"
        for top in ("paperkg", "extract", "graph")
        for path in (ROOT / top).rglob("__init__.py")
        if any(p.is_file() and p.name != "__init__.py" for p in path.parent.iterdir())
    }
    assert mapped == folders
