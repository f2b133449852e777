"""Blocks of fields closed by a rule, as a script writes a reference manager's entries.

An export script writes each paper as YAML-like fields between two `---` lines:

    ---
    title: "Implicit Bias of Adam on Separable Data"
    url: https://arxiv.org/abs/2507.93011
    rating: 4
    ---

To CommonMark a `---` right under a paragraph underlines it: the fields became one
heading, titled by all of them, and the file's topics and papers were lost. No one
underlines lines of `key: value` as a heading, so before parsing, a `---` right under
MIN_FIELDS or more such lines is blanked, in place (no line added or removed): the fields
are a paragraph, read as a paper's fields. A rule after a blank line stays a rule, and
fenced code blocks are left as they are.
"""

from __future__ import annotations

import re

from paperkg.extract.reading.fences import rewrite_outside_fences

_RULE = re.compile(r"^[ \t]{0,3}-{3,}[ \t]*$")
_FIELD = re.compile(r"^[ \t]{0,3}[A-Za-z][\w -]{0,30}:(?:[ \t]|$)")
MIN_FIELDS = 2


def markdown_from_field_rules(text: str) -> str:
    """`text` with each rule that closes a block of fields blanked."""
    if "---" not in text:
        return text
    return rewrite_outside_fences(text, _closing_rule)


def _closing_rule(lines: list[str], i: int) -> int | None:
    if i < MIN_FIELDS or not _RULE.match(lines[i]):
        return None
    if not all(_FIELD.match(line) for line in lines[i - MIN_FIELDS : i]):
        return None
    lines[i] = ""
    return i + 1
