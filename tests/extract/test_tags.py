"""Tags written inline and in fields."""

from __future__ import annotations

from paperkg.extract.reading.tags import inline_tags, split_tags, tag_path


def test_inline_tags_skip_headings_fragments_entities_numbers_and_colours():
    text = "#read see https://x.org/#frag &#39; issue #12 colour #fff and #vision/backbone."
    assert inline_tags(text) == ["read", "vision/backbone"]


def test_tag_fields_split_on_commas_or_hashes():
    assert split_tags("Neural Network, VAE, #attention") == ["Neural Network", "VAE", "attention"]
    assert split_tags("#a #b/c") == ["a", "b/c"]
    assert split_tags("single tag") == ["single tag"]
    assert split_tags("  ") == []


def test_tag_path_gives_the_nesting():
    assert tag_path("vision/backbone/") == ("vision", "backbone")
