"""An index whose items link a paper and its note."""

from __future__ import annotations

import json
from pathlib import Path

from paperkg.extract.reading.markdown import parse_notes
from paperkg.extract.reading.source import decode_notes, read_notes

INDEX = Path(__file__).resolve().parent.parent / "fixtures" / "index"


def test_index_items_take_the_papers_link_and_name_their_note():
    expected = json.loads((INDEX / "expected.json").read_text())
    entries = parse_notes(read_notes(INDEX / "README.md")).entries
    assert [(e.title, e.url) for e in entries] == [
        (p["title"], p["url"]) for p in expected["papers"]
    ]
    notes = [e.note_file for e in entries]
    base = str(INDEX / "README.md").replace("\\", "/").rsplit("/", 1)[0]
    assert notes == [f"{base}/notes/paper-a.md", f"{base}/notes/paper-b.md", None]
    assert not {e.url for e in entries} & set(expected["never_urls"])
    assert all(not any(link.url.endswith(".md") for link in e.links) for e in entries)
    assert all(e.section == ("Papers I read", "2021-03") for e in entries)


def test_other_note_links_of_a_list_item_are_note_links_not_web_links():
    text = (
        "# L\n- [A Paper Title Here](https://arxiv.org/abs/2101.00001) like [B](other%20note.md)\n"
    )
    (entry,) = parse_notes(decode_notes(text.encode(), "dir/list.md")).entries
    assert entry.url == "https://arxiv.org/abs/2101.00001"
    assert [(n.target, n.text) for n in entry.note_links] == [("other note.md", "B")]
    assert entry.links == () and entry.note_file is None


def test_a_summary_link_to_a_note_is_the_items_note():
    text = "# L\n- [A Paper Title Here](https://arxiv.org/abs/2101.00001) [[Summary](n/a.md)]\n"
    (entry,) = parse_notes(decode_notes(text.encode(), "dir/README.md")).entries
    assert entry.kind == "item" and entry.note_file == "dir/n/a.md"
    assert entry.url == "https://arxiv.org/abs/2101.00001" and entry.note_links == ()


def test_wikilinks_in_a_list_items_comment_are_note_links_and_read_as_words():
    text = "# L\n- [A Paper Title Here](https://arxiv.org/abs/2101.00001) like [[Other|it]]\n"
    (entry,) = parse_notes(decode_notes(text.encode(), "list.md")).entries
    assert entry.comment == "like it"
    assert [(n.target, n.text, n.wiki) for n in entry.note_links] == [("Other", "it", True)]
