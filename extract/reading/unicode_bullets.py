"""Lists written with a notes app's bullet characters, read as the Markdown lists they are.

Apple Notes, Bear and word processors export their lists with the bullet glyphs they show
(`•` for an item, `◦` or `▪` for an item under it) where Markdown has `-`:

    • Reasoning Traces as Latent Variables
        ◦ https://arxiv.org/abs/2505.91234
        ◦ skimmed on the train. ★★★☆☆

A checklist's boxes (`☐`, `☑`) open its lines as a bullet does. To CommonMark these are
paragraphs, so a file of them read as no paper at all. Before
parsing, each line that opens with such a glyph and a space is rewritten as a list item
in place (`-` for the glyph, its indentation kept, so `◦` under `•` is a sub-item; `- [ ]`
and `- [x]` for a box); no line
is added or removed. A file needs MIN_BULLETS of them: one such glyph opening a line is a
decoration. Fenced code blocks are left as they are.
"""

from __future__ import annotations

import re

from paperkg.extract.reading.fences import rewrite_outside_fences

_GLYPHS = "•◦▪▫‣●○■□⁃∙☐☑☒"
_BULLET = re.compile(rf"^([ \t]*)([{_GLYPHS}])[ \t]+(?=\S)")
# a checklist's boxes, as Apple Notes exports them: a task's checkbox after the bullet
_BOXES = {"☐": "[ ] ", "☑": "[x] ", "☒": "[x] "}
MIN_BULLETS = 2


def markdown_from_unicode_bullets(text: str) -> str:
    """`text` with each line opening with a bullet glyph written as a list item."""
    if not any(glyph in text for glyph in _GLYPHS):
        return text
    if sum(1 for line in text.split("\n") if _BULLET.match(line)) < MIN_BULLETS:
        return text
    return rewrite_outside_fences(text, _as_item)


def _as_item(lines: list[str], i: int) -> int | None:
    found = _BULLET.match(lines[i])
    if found is None:
        return None
    box = _BOXES.get(found.group(2), "")
    lines[i] = f"{found.group(1)}- {box}{lines[i][found.end() :]}"
    return i + 1
