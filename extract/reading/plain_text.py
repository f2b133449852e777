"""Notes typed as plain text (a `.txt` kept for years, renamed `.md` or read with `--ext`),
read as the Markdown they would have been written in.

Plain text indents an entry to set it apart and writes a section's name in capitals on a
line of its own:

    SPEECH

        Kelp Speech: Self-Supervised Puffin Calls
        https://arxiv.org/abs/2506.90001
        (8) read twice

To CommonMark a block indented by four spaces after a blank line is code, so such a file
read as no paper at all. Before parsing, line for line (no line added or removed):

- an indented block that holds a line which is only a paper's address is text, not
  code: its lines lose the indentation they share. Code rarely holds a line that is a
  paper's address and nothing else; a list item's indented lines are its own, not code,
  and stay as they are;
- where a file has no Markdown heading, a line in capitals alone between blank lines is
  a heading (`## SPEECH`), when MIN_CAPITAL_HEADINGS lines of the file are.

Fenced code blocks are left as they are.
"""

from __future__ import annotations

import re

from paperkg.extract.reading.evidence import is_paper_url
from paperkg.extract.reading.fences import FENCE, rewrite_outside_fences

_INDENTED = re.compile(r"^(?: {4}|\t)")
_ADDRESS_LINE = re.compile(r"^\s*<?(https?://\S+?)>?\s*$")
_LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d{1,3}[.)])\s")
_ATX_HEADING = re.compile(r"^\s{0,3}#{1,6}\s")
_CAPITALS = re.compile(r"^[^\W\da-z][^\Wa-z]*(?:[ &/\-–—]+[^\Wa-z]+){0,5}$")
MIN_CAPITAL_HEADINGS = 2


def markdown_from_plain_text(text: str) -> str:
    """`text` with indented blocks of notes as text and capital lines as headings."""
    lines = text.split("\n")
    code = _fenced(lines)
    headings = _capital_headings(lines, code)
    if headings:  # plain text throughout: no line is indented to be code
        for k, line in enumerate(lines):
            if k in headings:
                lines[k] = "## " + line.strip()
            elif k not in code and _INDENTED.match(line):
                lines[k] = line[1:] if line.startswith("\t") else line[4:]
        return "\n".join(lines)
    if "http" in text and ("    " in text or "\t" in text):
        return rewrite_outside_fences(text, _indented_notes)
    return text


def _fenced(lines: list[str]) -> set[int]:
    """The lines of fenced code blocks, their fences included."""
    fenced, code = False, set()
    for k, line in enumerate(lines):
        if FENCE.match(line):
            fenced = not fenced
            code.add(k)
        elif fenced:
            code.add(k)
    return code


def _indented_notes(lines: list[str], i: int) -> int | None:
    """An indented block opening at `i` after a blank line (as code opens) that holds a
    paper's address on a line of its own: its lines dedented in place."""
    if not _INDENTED.match(lines[i]) or (i > 0 and lines[i - 1].strip()):
        return None
    before = next((line for line in reversed(lines[:i]) if line.strip()), "")
    if _LIST_ITEM.match(before) or _INDENTED.match(before):
        return None  # a list item's own lines, or the block goes on
    end = i
    while end < len(lines) and (_INDENTED.match(lines[end]) or not lines[end].strip()):
        if not lines[end].strip() and not _next_indented(lines, end):
            break
        end += 1
    block = lines[i:end]
    if not any((m := _ADDRESS_LINE.match(line)) and is_paper_url(m.group(1)) for line in block):
        return end
    shared = min(len(line) - len(line.lstrip()) for line in block if line.strip())
    for k in range(i, end):
        lines[k] = lines[k][shared:] if lines[k].strip() else lines[k]
    return end


def _next_indented(lines: list[str], k: int) -> bool:
    """Whether the next line with words after `k` is indented (the block goes on)."""
    after = next((line for line in lines[k + 1 :] if line.strip()), "")
    return bool(_INDENTED.match(after))


def _capital_headings(lines: list[str], code: set[int]) -> set[int]:
    """The lines in capitals alone between blank lines of a file with no Markdown heading,
    where MIN_CAPITAL_HEADINGS are: its sections' names. None where it has fewer."""
    if any(_ATX_HEADING.match(line) for line in lines):
        return set()
    found = {
        k
        for k, line in enumerate(lines)
        if k not in code
        and _CAPITALS.match(line.strip())
        and sum(c.isalpha() for c in line) >= 3
        and (k == 0 or not lines[k - 1].strip())
        and (k + 1 == len(lines) or not lines[k + 1].strip())
    }
    return found if len(found) >= MIN_CAPITAL_HEADINGS else set()
