"""Links between notes: wikilinks in their forms, encoded and raw-space relative links."""

from __future__ import annotations

from paperkg.extract.reading.wikilinks import (
    is_note_href,
    note_target,
    replace_note_links,
    split_note_links,
)
from paperkg.extract.records import Link


def test_wikilink_forms_are_replaced_by_the_words_they_show():
    text, notes, web = replace_note_links(
        "uses [[Attention]], [[Vision Transformer|ViT]] and [[Bar#Results]] ![[fig.png]] end", 3
    )
    assert text == "uses Attention, ViT and Bar  end"
    assert [(n.target, n.text, n.line, n.wiki) for n in notes] == [
        ("Attention", "Attention", 3, True),
        ("Vision Transformer", "ViT", 3, True),
        ("Bar", "Bar", 3, True),
    ]
    assert web == []


def test_a_raw_space_note_link_is_read_although_commonmark_does_not():
    text, notes, _ = replace_note_links("for [speech recognition](speech recognition.md) tasks", 1)
    assert text == "for speech recognition tasks"
    assert [(n.target, n.wiki) for n in notes] == [("speech recognition.md", False)]


def test_a_url_in_a_wikilinks_shown_text_is_a_web_link():
    text, notes, web = replace_note_links("[[Attention|[https://ex.org/papers/#some-paper]] x", 2)
    assert text == "Attention x"
    assert [n.target for n in notes] == ["Attention"]
    assert web == [Link("some-paper", "https://ex.org/papers/#some-paper", 2)]


def test_note_hrefs_are_relative_markdown_paths_only():
    assert is_note_href("Vision%20Transformer.md")
    assert is_note_href("../Tag Pages/loss.md#top")
    assert is_note_href("notes/x.markdown")
    for href in ("https://ex.org/x.md", "//host/x.md", "#x", "x.pdf", "", "mailto:a"):
        assert not is_note_href(href)
    assert note_target("Vision%20Transformer.md#Results") == "Vision Transformer.md"


def test_split_note_links_keeps_web_links_apart():
    web, notes = split_note_links(
        [Link("ViT", "Vision%20Transformer.md", 4), Link("paper", "https://arxiv.org/abs/1", 4)]
    )
    assert [w.url for w in web] == ["https://arxiv.org/abs/1"]
    assert [(n.target, n.text, n.line) for n in notes] == [("Vision Transformer.md", "ViT", 4)]
