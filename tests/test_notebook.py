"""docs/notebook.ipynb runs headless (nbclient + ipykernel) and shows the expected tables."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOK = ROOT / "docs" / "notebook.ipynb"

nbformat = pytest.importorskip("nbformat", reason="the test extra installs nbformat")
nbclient = pytest.importorskip("nbclient", reason="the test extra installs nbclient")
pytest.importorskip("ipykernel", reason="the test extra installs ipykernel")
pytest.importorskip("pandas", reason="the notebook shows DataFrames: the test extra has pandas")


def test_committed_notebook_has_no_outputs():
    nb = json.loads(NOTEBOOK.read_text("utf-8"))
    code = [c for c in nb["cells"] if c["cell_type"] == "code"]
    assert code and all(not c["outputs"] and c["execution_count"] is None for c in code)


@pytest.fixture(scope="module")
def ran(tmp_path_factory):
    nb = nbformat.read(NOTEBOOK, as_version=4)
    before = sorted(p.name for p in NOTEBOOK.parent.iterdir())
    client = nbclient.NotebookClient(
        nb,
        timeout=600,
        kernel_name="python3",
        resources={"metadata": {"path": str(NOTEBOOK.parent)}},
    )
    client.execute()  # raises CellExecutionError naming the cell if any cell fails
    assert sorted(p.name for p in NOTEBOOK.parent.iterdir()) == before  # nothing written in docs/
    return {tag: cell for cell in nb.cells for tag in cell.metadata.get("tags", [])}


def _html(cell) -> str:
    return "".join(o.get("data", {}).get("text/html", "") for o in cell.outputs)


def _text(cell) -> str:
    parts = [o.get("text", "") for o in cell.outputs]
    parts += [o.get("data", {}).get("text/plain", "") for o in cell.outputs]
    return "".join(parts)


def _columns(table_html: str) -> list[str]:
    head = re.search(r"<thead>(.*?)</thead>", table_html, re.S).group(1)
    return [c for c in re.findall(r"<th[^>]*>([^<]*)</th>", head) if c]


def test_every_code_cell_ran_without_error(ran):
    cells = list(ran.values())
    assert all(o.get("output_type") != "error" for c in cells for o in c.outputs)
    assert re.match(r"124 papers, \d+ topics", _text(ran["build"]))


def test_top_techniques_table(ran, example_build):
    import paperkg

    expected = paperkg.open(example_build).query("techniques-by-papers")[:10]
    table = _html(ran["techniques-table"])
    assert _columns(table) == ["technique", "papers"]
    rows = re.findall(r"<td>([^<]*)</td>\s*<td>(\d+)</td>", table)
    assert rows == [(r.technique, str(r.papers)) for r in expected]


def test_papers_and_sparql_tables(ran):
    papers = _html(ran["papers-table"])
    assert _columns(papers) == ["title", "rating", "topics"]
    assert "Diffusion in Style" in papers
    sparql = _html(ran["sparql-table"])
    assert _columns(sparql) == ["rating", "title"]
    assert len(re.findall(r"<tr>\s*<th>\d+</th>", sparql)) == 4  # four papers rated 8+ with CLIP


def test_bridging_techniques_table(ran):
    table = _html(ran["bridges-table"])
    assert _columns(table) == ["technique", "betweenness", "topics"]
    rows = re.findall(r"<td>([^<]+)</td>\s*<td>([\d.e-]+)</td>\s*<td>(\d+)</td>", table)
    scores = [float(score) for _, score, _ in rows]
    assert len(rows) == 10 and scores == sorted(scores, reverse=True) and scores[0] > 0
    assert all(int(topics) >= 1 for *_, topics in rows)


def test_pyvis_and_view_cells_show_iframes(ran):
    network = _html(ran["pyvis-view"])
    assert network.startswith('<iframe sandbox="allow-scripts"') and "vis.Network" in network
    assert re.search(r"\d+ papers, \d+ techniques", _text(ran["pyvis-view"]))
    assert _html(ran["view"]).startswith('<iframe sandbox="allow-scripts"')
