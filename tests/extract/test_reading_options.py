"""`paperkg.toml` (or `[tool.paperkg]` in `pyproject.toml`): a user says what a paper is.

Each option changes the reading of a small made-up notes folder as the README documents;
each bad option fails with one line naming the file and the key (exit code 2)."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from paperkg.extract.reading.inspection import inspect_notes
from paperkg.extract.reading.markdown import parse_notes
from paperkg.extract.reading.reading_options import folder_options, parse_options
from paperkg.extract.reading.source import NotesSource

from paperkg.cli import main
from paperkg.errors import EXIT_INPUT, InputError

# `##` headings over prose: by evidence no paper (no label, no paper link under them)
JOURNAL = """# Spring reading

## Otter Nets
Read on Monday. Paper link: see [the pdf](https://example.org/otter.pdf) and
[a thread](https://social.example.org/otter).

## Heron Pooling
Read on Friday. [slides](https://example.org/heron-slides) Paper link [pdf](https://example.org/heron.pdf)
"""

POST = """---
name: Badger Flow
title: My week
---

Notes on a flow model, [pdf](https://arxiv.org/abs/2301.55555).
"""

LIST = """# Papers

- [Marten Mixer: Mixing Made-Up Tokens](https://arxiv.org/abs/2302.11111)

| Paper | Venue |
|---|---|
| [Stoat Sampler](https://arxiv.org/abs/2302.22222) | ICML 2023 |
"""


def _folder(tmp_path, notes: dict[str, str], config: str | None, name="paperkg.toml"):
    folder_options.cache_clear()
    for file, text in notes.items():
        (tmp_path / file).write_text(text)
    if config is not None:
        (tmp_path / name).write_text(config)
    return tmp_path


def _papers(folder, file):
    path = folder / file
    parsed = parse_notes(NotesSource(str(path), path.read_text(), "0" * 64))
    return [(e.title, e.url) for e in parsed.entries if e.kind != "text"], parsed.layout


def test_without_options_the_journal_headings_are_no_papers(tmp_path):
    folder = _folder(tmp_path, {"journal.md": JOURNAL}, None)
    papers, layout = _papers(folder, "journal.md")
    assert papers == [] and layout.level in ("none", "one paper per file")


def test_papers_are_headings_of_a_level(tmp_path):
    folder = _folder(tmp_path, {"journal.md": JOURNAL}, 'papers = "headings"\nheading_level = 2\n')
    papers, layout = _papers(folder, "journal.md")
    assert [title for title, _ in papers] == ["Otter Nets", "Heron Pooling"]
    assert layout.level == "headings" and "paperkg.toml" in " ".join(layout.evidence)


def test_link_after_picks_the_link_after_the_words(tmp_path):
    config = 'papers = "headings"\nheading_level = 2\nlink_after = "Paper link"\n'
    folder = _folder(tmp_path, {"journal.md": JOURNAL}, config)
    papers, _ = _papers(folder, "journal.md")
    assert papers == [
        ("Otter Nets", "https://example.org/otter.pdf"),
        ("Heron Pooling", "https://example.org/heron.pdf"),
    ]


def test_title_from_a_front_matter_key(tmp_path):
    folder = _folder(tmp_path, {"post.md": POST}, 'title = "front matter: name"\n')
    papers, _ = _papers(folder, "post.md")
    assert papers == [("Badger Flow", "https://arxiv.org/abs/2301.55555")]
    folder = _folder(tmp_path, {"post.md": POST}, None)
    (tmp_path / "paperkg.toml").unlink()
    folder_options.cache_clear()
    assert _papers(folder, "post.md")[0] == [("My week", "https://arxiv.org/abs/2301.55555")]


def test_title_from_the_heading_or_the_link_text(tmp_path):
    config = 'papers = "headings"\nheading_level = 2\ntitle = "link text"\n'
    folder = _folder(tmp_path, {"journal.md": JOURNAL}, config)
    assert [t for t, _ in _papers(folder, "journal.md")[0]] == ["the pdf", "pdf"]
    config = 'papers = "headings"\nheading_level = 2\ntitle = "heading"\n'
    folder = _folder(tmp_path, {"journal.md": JOURNAL}, config)
    assert [t for t, _ in _papers(folder, "journal.md")[0]] == ["Otter Nets", "Heron Pooling"]


def test_papers_are_list_items_or_table_rows_only(tmp_path):
    folder = _folder(tmp_path, {"list.md": LIST}, 'papers = "list items"\n')
    assert [t for t, _ in _papers(folder, "list.md")[0]] == ["Marten Mixer: Mixing Made-Up Tokens"]
    folder = _folder(tmp_path, {"list.md": LIST}, 'papers = "table rows"\n')
    assert [t for t, _ in _papers(folder, "list.md")[0]] == ["Stoat Sampler"]


def test_papers_are_files(tmp_path):
    folder = _folder(tmp_path, {"list.md": LIST}, 'papers = "files"\ntitle = "heading"\n')
    papers, layout = _papers(folder, "list.md")
    assert [t for t, _ in papers] == ["Papers"] and layout.level == "one paper per file"


def test_tool_paperkg_in_pyproject(tmp_path):
    config = '[project]\nname = "x"\n\n[tool.paperkg]\npapers = "table rows"\n'
    folder = _folder(tmp_path, {"list.md": LIST}, config, name="pyproject.toml")
    assert [t for t, _ in _papers(folder, "list.md")[0]] == ["Stoat Sampler"]
    # a pyproject.toml without [tool.paperkg] changes nothing
    folder = _folder(tmp_path, {"list.md": LIST}, '[project]\nname = "x"\n', "pyproject.toml")
    assert len(_papers(folder, "list.md")[0]) == 2


@pytest.mark.parametrize(
    ("table", "key"),
    [
        ({"paper": "headings"}, "'paper'"),
        ({"papers": "sections"}, "papers"),
        ({"papers": "headings", "heading_level": 0}, "heading_level"),
        ({"papers": "headings", "heading_level": "2"}, "heading_level"),
        ({"papers": "headings", "heading_level": True}, "heading_level"),
        ({"papers": "list items", "heading_level": 2}, "heading_level"),
        ({"title": "the bold words"}, "title"),
        ({"title": "front matter:"}, "title"),
        ({"link_after": "  "}, "link_after"),
        ({"link_after": 3}, "link_after"),
    ],
)
def test_a_bad_option_is_one_line_naming_the_key(table, key):
    with pytest.raises(InputError) as err:
        parse_options(table, "notes/paperkg.toml")
    message = str(err.value)
    assert "\n" not in message and message.startswith("notes/paperkg.toml: ") and key in message


def test_invalid_toml_names_the_file(tmp_path):
    folder = _folder(tmp_path, {"list.md": LIST}, "papers = \n")
    with pytest.raises(InputError, match="paperkg.toml: not valid TOML"):
        inspect_notes([folder])


def test_cli_inspect_prints_the_level_and_a_bad_option_exits_2(tmp_path):
    folder = _folder(tmp_path, {"list.md": LIST}, None)
    result = CliRunner().invoke(main, ["inspect", str(folder)])
    assert result.exit_code == 0, result.output
    assert "2 paper(s), read as" in result.output and "Stoat Sampler" in result.output
    folder = _folder(tmp_path, {"list.md": LIST}, 'papers = "everything"\n')
    result = CliRunner().invoke(main, ["inspect", str(folder)])
    assert result.exit_code == EXIT_INPUT
    assert "papers = 'everything' is not one of" in result.output
    result = CliRunner().invoke(main, ["build", str(folder), "-o", str(tmp_path / "out")])
    assert result.exit_code == EXIT_INPUT and "papers" in result.output
