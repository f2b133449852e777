"""Definition lists (PHP Markdown Extra, Pandoc, kramdown) read as the list items they stand
for.

A glossary of papers is often written as one:

    Retrieval-Augmented Generation for Knowledge-Intensive NLP Tasks
    : Lewis et al., NeurIPS 2020. <https://arxiv.org/abs/2005.11401>
    : What I made of it. 8/10

CommonMark has no such lists (markdown-it reads the three lines as one paragraph), so the
term never stands apart from its definitions. Before parsing, each is rewritten line for
line (no line added or removed, so every line number stays right): the term becomes a list
item (`- Term`) and each definition a line of that item (`  Lewis et al., ...`). An item
written over lines is read as any such item: the title its first line where a line of people
follows (entry_parts), the rest its comment.

Fenced code blocks are left as they are.
"""

from __future__ import annotations

import re

from paperkg.extract.reading.fences import FENCE

_DEFINITION = re.compile(r"^ {0,3}:[ \t]+(?=\S)")
# a line that opens a block of its own, no term: a list item, a heading, a quote, a table
_BLOCK_START = re.compile(r"^\s*(?:[-*+]\s|\d+[.)]\s|#|>|\||:)")


def markdown_from_definition_lists(text: str) -> str:
    """`text` with each definition list written as list items, line for line."""
    if "\n:" not in text and "\n :" not in text:
        return text
    lines = text.split("\n")
    fenced = False
    for i, line in enumerate(lines):
        if FENCE.match(line):
            fenced = not fenced
            continue
        if fenced or not _is_term(lines, i):
            continue
        lines[i] = "- " + line.strip()
        k = i + 1
        while k < len(lines) and (m := _DEFINITION.match(lines[k])):
            lines[k] = "  " + lines[k][m.end() :]
            k += 1
    return "\n".join(lines)


def _is_term(lines: list[str], i: int) -> bool:
    """A line of text after a blank line (or the file's start) whose next line defines it."""
    line = lines[i]
    if not line.strip() or _BLOCK_START.match(line) or i + 1 >= len(lines):
        return False
    if i > 0 and lines[i - 1].strip():
        return False
    return _DEFINITION.match(lines[i + 1]) is not None
