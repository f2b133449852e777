"""Resolving links between notes once every file is read."""

from __future__ import annotations

from pathlib import Path

from paperkg.extract.language.vocabulary import load_vocabulary
from paperkg.extract.reading.note_links import resolve_note_links

from paperkg.run.collect import extract_notes

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


def _resolved(folder: Path):
    files = extract_notes([folder], load_vocabulary()).files
    flat = [(notes.path, item.entry) for notes in files for item in notes.entries]
    return files, flat, resolve_note_links(files)


def test_vault_links_resolve_to_papers_concept_notes_or_nothing():
    _, flat, resolved = _resolved(FIXTURES / "vault")
    foo = next(i for i, (_, e) in enumerate(flat) if e.title and e.title.startswith("FooNet"))
    bar = next(i for i, (_, e) in enumerate(flat) if e.title and e.title.startswith("Bar Former"))
    by_name = {r.link.target: r for r in resolved[foo]}
    # a wikilink, a wikilink to a heading, and a URL-encoded relative link: all Bar Former
    assert {r.paper for r in resolved[foo] if "Bar" in r.link.target} == {bar}
    assert len([r for r in resolved[foo] if "Bar" in r.link.target]) == 3
    assert by_name["ZetaNet"].paper is None and not by_name["ZetaNet"].exists
    assert by_name["ZetaNet"].link.named
    # technique links were settled at extraction; a generic name stays (it may still be a
    # note's name) but names no work when no note has it
    assert not {"Attention", "Dropout"} & set(by_name)
    assert not by_name["GLUE"].link.named and by_name["GLUE"].paper is None


def test_relative_links_resolve_against_the_linking_files_folder():
    _, flat, resolved = _resolved(FIXTURES / "per-paper")
    made_up = next(i for i, (p, _) in enumerate(flat) if p.endswith("Made_Up_Net.md"))
    tiny = next(i for i, (p, _) in enumerate(flat) if p.endswith("Tiny_Text_Model.md"))
    assert [r.paper for r in resolved[made_up]] == [tiny]


def test_records_leave_extraction_with_their_links_resolved():
    files = extract_notes([FIXTURES / "vault"], load_vocabulary()).files
    flat = [item for notes in files for item in notes.entries]
    foo = next(i for i, x in enumerate(flat) if (x.entry.title or "").startswith("FooNet"))
    bar = next(i for i, x in enumerate(flat) if (x.entry.title or "").startswith("Bar Former"))
    # resolved over the same files, in the same order, as the records carry them
    assert {i: x.resolved_links for i, x in enumerate(flat) if x.resolved_links} == dict(
        resolve_note_links(files)
    )
    assert bar in {r.paper for r in flat[foo].resolved_links}
    # the text of a concept note no index links says nothing about a paper: not kept
    assert all(x.entry.kind != "text" for x in flat)
