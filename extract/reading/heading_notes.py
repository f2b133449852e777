"""Remarks written as headings under a paper's heading, as a mind map writes its nodes.

A mind map kept in Markdown (markmap) makes every node a heading, the paper's remarks too:

    #### [Flow Matching with Learned Couplings](https://arxiv.org/abs/2501.90112)
    ##### ★★★★☆
    ##### coupling is learned jointly w/ the velocity field

Read as headings, the remarks were sub-sections, and the paper under them none. Before
parsing, the headings below one whose words are a link to a paper, down to the next
heading of its level or above, are rewritten as lines of text in place (their `#`s
dropped), where none of them links anything: they are that paper's notes, its rating and
its marks. Fenced code blocks are left as they are.
"""

from __future__ import annotations

import re

from paperkg.extract.reading.evidence import is_paper_url
from paperkg.extract.reading.fences import FENCE, rewrite_outside_fences

_HEADING = re.compile(r"^ {0,3}(#{1,6})[ \t]+(.*?)[ \t]*#*[ \t]*$")
_LINK_HEADING = re.compile(r"\[[^\[\]]+\]\((https?://[^()\s]+)\)\s*$")
_ANY_LINK = re.compile(r"\]\(|https?://|\[\[")


def markdown_from_heading_notes(text: str) -> str:
    """`text` with the remarks written as headings under a paper's heading as text."""
    if "#" not in text or "](" not in text:
        return text
    return rewrite_outside_fences(text, _paper_heading)


def _paper_heading(lines: list[str], i: int) -> int | None:
    found = _HEADING.match(lines[i])
    link = _LINK_HEADING.search(found.group(2)) if found else None
    if found is None or link is None or not is_paper_url(link.group(1)):
        return None
    _remarks_as_text(lines, i, len(found.group(1)))
    return i + 1


def _remarks_as_text(lines: list[str], start: int, level: int) -> None:
    below: list[tuple[int, str]] = []
    for j in range(start + 1, len(lines)):
        if FENCE.match(lines[j]):
            return
        found = _HEADING.match(lines[j])
        if found is None:
            if lines[j].strip():
                return  # text of the section's own: its headings are sections
            continue
        if len(found.group(1)) <= level:
            break
        if _ANY_LINK.search(found.group(2)):
            return
        below.append((j, found.group(2)))
    for j, words in below:
        lines[j] = words
