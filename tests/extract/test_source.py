"""Finding notes in folders: a folder's README.md is notes too (issue 12)."""

from __future__ import annotations

from pathlib import Path

from paperkg.extract.reading.source import find_notes

LISTS = Path(__file__).resolve().parent.parent / "fixtures" / "lists"


def test_a_folder_build_reads_its_readme():
    files, warnings = find_notes([LISTS / "readme_list"])
    assert [f.name for f in files] == ["README.md"] and warnings == []


def test_a_folder_readme_is_read_beside_the_other_notes(tmp_path):
    (tmp_path / "README.md").write_text("# About\n", "utf-8")
    (tmp_path / "papers.md").write_text("# Papers\n", "utf-8")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "README.md").write_text("# hidden\n", "utf-8")
    files, _ = find_notes([tmp_path])
    assert [f.name for f in files] == ["README.md", "papers.md"]
