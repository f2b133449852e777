"""Finding notes: the extensions read, and symlinks inside the notes folder.

The hostile cases (symlinks out of the folder, loops, FIFOs, sockets, devices) run through the
CLI in tests/test_bad_inputs.py.
"""

from __future__ import annotations

from paperkg.extract.reading.finding import MARKDOWN_EXTENSIONS, NotesSearch, find_notes


def test_extensions_are_normalised_and_added_to_the_markdown_ones():
    search = NotesSearch.of(["txt", "*.TXT", ".rst", ".md"])
    assert search.extensions == (*MARKDOWN_EXTENSIONS, ".txt", ".rst")


def test_a_symlink_inside_the_folder_is_followed_and_each_file_found_once(tmp_path):
    (tmp_path / "papers").mkdir()
    (tmp_path / "papers" / "a.md").write_text("# A\n")
    (tmp_path / "alias.md").symlink_to("papers/a.md")
    (tmp_path / "same").symlink_to("papers", target_is_directory=True)
    (tmp_path / ".private").mkdir()
    (tmp_path / ".private" / "b.md").write_text("# B\n")
    (tmp_path / "shared").symlink_to(".private", target_is_directory=True)
    files, warnings = find_notes([tmp_path])
    rel = [f.relative_to(tmp_path).as_posix() for f in files]
    # the real path first; a linked folder already walked adds nothing; a link to a hidden
    # folder inside the root is the user's choice to show it
    assert rel == ["alias.md", "shared/b.md"], rel
    assert warnings == []
