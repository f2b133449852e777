"""Front matter as vaults really have it: one block, two in a row, one mid-file, bad YAML."""

from __future__ import annotations

from paperkg.extract.reading.front_matter import split_front_matter


def test_a_block_at_the_start_is_read_and_blanked_keeping_line_numbers():
    text = "---\ntitle: X\ntags: [a, b]\n---\n# X\n- body\n"
    split = split_front_matter(text, "n.md")
    assert [b.data for b in split.blocks] == [{"title": "X", "tags": ["a", "b"]}]
    assert split.blocks[0].line == 1
    assert split.body.split("\n")[4:6] == ["# X", "- body"]
    assert split.body.count("\n") == text.count("\n")
    assert "title" not in split.body


def test_two_blocks_in_a_row_and_one_mid_file_are_all_read():
    text = (
        "---\ntags: ['temp']\n---\n\n---\n\ntitle: Second\n\n---\n\n# Head\n- a\n\n"
        "---\ntitle: Third\ntags: [extra]\n---\n\n## More\n"
    )
    split = split_front_matter(text, "n.md")
    assert [b.line for b in split.blocks] == [1, 5, 14]
    merged = split.merged(frozenset({"tags"}))
    assert merged["title"] == "Second"  # the first block that gives a key wins
    assert merged["tags"] == ["temp", "extra"]  # tags add up across blocks
    assert "# Head" in split.body and "## More" in split.body and "Third" not in split.body


def test_a_horizontal_rule_around_ordinary_text_is_not_front_matter():
    text = "# Notes\n\n- a\n\n---\n\nSome remark: with a colon.\n\n---\n\n- b\n"
    split = split_front_matter(text, "n.md")
    assert split.blocks == ()
    assert split.body == text


def test_bad_yaml_warns_with_file_and_line_and_the_rest_is_read():
    text = '---\ntitle: "unclosed\nurl: x\n---\n\n# Title\n- text\n'
    split = split_front_matter(text, "vault/n.md")
    assert split.blocks == ()
    (warning,) = split.warnings
    assert warning.startswith("vault/n.md:1: front matter is not valid YAML")
    assert "# Title" in split.body and "unclosed" not in split.body


def test_yaml_that_is_not_a_mapping_is_ignored_with_a_warning():
    split = split_front_matter("---\n- just\n- a list\n---\n# T\n", "n.md")
    assert split.blocks == ()
    assert "not a mapping" in split.warnings[0]


def test_yaml_is_data_never_objects():
    text = "---\ntitle: !!python/object/apply:os.system ['echo hi']\n---\n# T\n"
    split = split_front_matter(text, "n.md")
    assert split.blocks == () and "not valid YAML" in split.warnings[0]
