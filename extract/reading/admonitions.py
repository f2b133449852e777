"""Admonitions (MkDocs, Python-Markdown, pymdownx) read as the headings they are shown as.

A MkDocs site of reading notes often puts each paper in a box:

    !!! note "Paper Title"
        [arXiv](https://arxiv.org/abs/...) · [code](...)

        notes, indented by four spaces

`???` and `???+` are the same box, collapsed or open; pymdownx's content tabs,
`=== "Vision"` over an indented body, are read the same way, a tab a box titled by its
label. To CommonMark the box's body is
indented code, so the paper's link is never seen as a link and the title is only quoted
text. Before parsing, each such box is rewritten line for line (no line added or removed,
so every line number stays right): its opening line becomes a heading one level below the
Markdown heading above it, titled by the quoted title (or by its type, `Warning`, as
MkDocs shows a box with none), and its body loses the four spaces. A box is then a heading
with its section, and `layout_choice` weighs it as any heading: a paper when it holds one
paper's link and two or more boxes do, a topic otherwise.

Obsidian's callouts are the same boxes written as quotes, `> [!paper] Title` over `> ...`
lines: where two or more callouts of one type are in a file (boxes repeating, as papers
do), each opening line becomes a heading titled by its title the same way, its quoted body
left as it is. A lone callout (`> [!info] Metadata` over a note's fields) stays a quote.

Fenced code blocks are left as they are; so is a box nested in another's body.
"""

from __future__ import annotations

import re

from paperkg.extract.reading.fences import FENCE

_MD_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s")
_OPEN = re.compile(
    r'^(?:(?:!!!|\?\?\?\+?)\s+([\w-]+)(?:\s+[\w -]*?)?(?:\s+"([^"]*)")?|===!?\+?\s+"([^"]*)")\s*$'
)
_BODY = re.compile(r"^(?: {4}|\t)")
_CALLOUT = re.compile(r"^\s{0,3}>\s*\[!([\w-]+)\][+-]?[ \t]*(.*?)\s*$")


def markdown_from_admonitions(text: str) -> str:
    """`text` with each top-level admonition a heading over its body, line for line."""
    if "[!" in text:
        text = _callouts(text)
    if "!!!" not in text and "???" not in text and "===" not in text:
        return text
    lines = text.split("\n")
    level = 1  # the level of the last Markdown heading: a box goes one below it
    fenced = False
    i = 0
    while i < len(lines):
        line = lines[i]
        if FENCE.match(line):
            fenced = not fenced
        heading = _MD_HEADING.match(line)
        opened = None if fenced else _OPEN.match(line)
        if heading and not fenced:
            level = len(heading.group(1))
        elif opened:
            title = (opened.group(2) or opened.group(3) or "").strip()
            kind = (opened.group(1) or "tab").capitalize()
            lines[i] = "#" * min(level + 1, 6) + " " + (title or kind)
            i = _dedent_body(lines, i + 1)
            continue
        i += 1
    return "\n".join(lines)


def _dedent_body(lines: list[str], start: int) -> int:
    """The box's body from `start` (indented or blank lines) without its indent; the index
    of the first line after it."""
    end = start
    while end < len(lines) and (not lines[end].strip() or _BODY.match(lines[end])):
        end += 1
    while end > start and not lines[end - 1].strip():
        end -= 1  # trailing blank lines are the text's, not the box's
    for j in range(start, end):
        lines[j] = _BODY.sub("", lines[j], count=1)
    return end


def _callouts(text: str) -> str:
    """`text` with the opening line of each callout whose type repeats a heading."""
    lines = text.split("\n")
    kinds = [m.group(1).lower() for line in lines if (m := _CALLOUT.match(line))]
    level, fenced = 1, False
    for i, line in enumerate(lines):
        if FENCE.match(line):
            fenced = not fenced
        heading = None if fenced else _MD_HEADING.match(line)
        callout = None if fenced else _CALLOUT.match(line)
        if heading:
            level = len(heading.group(1))
        elif callout and kinds.count(callout.group(1).lower()) >= 2:
            title = callout.group(2).strip() or callout.group(1).capitalize()
            lines[i] = "#" * min(level + 1, 6) + " " + title
    return "\n".join(lines)
