"""A static site's paper components and shortcodes, read as the list items they show.

Notes published with a site generator often give each paper a component of the site's own,
its fields as attributes:

    <Paper title="Mixtral of Experts" url="https://arxiv.org/abs/2401.04088" rating="6/10" />
    {{< paper title="Visual Instruction Tuning" url="https://arxiv.org/abs/2304.08485" >}}
    {% include paper.html title="Segment Anything" url="https://arxiv.org/abs/2304.02643" %}

(Docusaurus and other MDX sites, Hugo shortcodes, Jekyll includes). To the Markdown parser
they are HTML or plain text: no link, no paper. Before parsing, each one whose attributes
name a title and a link (the words of a note's `Title:` and `Link:` fields,
`note_words.json`) is rewritten line for line (no line added or removed, so every line
number stays right) as the list item it shows: `- [Title](url)`, its rating ahead of it when
written with a scale (`[8/10] [Title](url)`; a bare `rating={8}` says no scale, as a front
matter's does not), a favourite star for a `starred` flag. A tag written over lines becomes
the item on its first line and blank lines after; a paired tag's body (`<Paper ...>` notes
`</Paper>`, `{{< paper >}}` notes `{{< /paper >}}`) becomes the item's own lines, its
closing tag blank. Any other component stays as it is; so do fenced code blocks.
"""

from __future__ import annotations

import re

from paperkg.extract.reading.entry_parts import field_rating
from paperkg.extract.reading.fences import rewrite_outside_fences
from paperkg.extract.reading.note_words import note_words

MAX_TAG_LINES = 15  # a tag's attributes written one a line, as formatters lay them out
MAX_BODY_LINES = 40
_OPEN = re.compile(
    r"^\s{0,3}(?:<(?P<jsx>[A-Z][\w.]*)(?=[\s/>]|$)|\{\{[<%]\s*(?P<hugo>[\w-]+)(?=\s)"
    r"|\{%-?\s*include\s+(?P<liquid>[\w./-]+)(?=\s))"
)
_ATTRIBUTE = re.compile(r"""([\w-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|\{([^{}]*)\})""")
_FLAG = re.compile(r"(?<![\w=\"'-])([A-Za-z][\w-]*)(?![\w=-])")  # `starred`, a bare flag


def markdown_from_components(text: str) -> str:
    """`text` with each paper component or shortcode written as a list item, line for line."""
    if "<" not in text and "{{" not in text and "{%" not in text:
        return text
    return rewrite_outside_fences(text, _rewrite)


def _tag_end(lines: list[str], start: int, closer: str, jsx: bool) -> int | None:
    """The line on which the tag opened at `start` closes (`closer`), if it does soon; a
    `>` inside an attribute's quotes or (JSX) braces does not close it."""
    inside = r"\{[^{}]*\}|\"[^\"]*\"" if jsx else r"\"[^\"]*\""
    for j in range(start, min(start + MAX_TAG_LINES, len(lines))):
        if closer in re.sub(inside, "", lines[j]):
            return j
    return None


def _rewrite(lines: list[str], i: int) -> int | None:
    """Rewrite the component opened on line `i` if it names a paper; the next line to read."""
    opened = _OPEN.match(lines[i])
    if opened is None:
        return None
    name = opened["jsx"] or opened["hugo"] or opened["liquid"]
    closer = ">" if opened["jsx"] else ("}}" if opened["hugo"] else "%}")
    end = _tag_end(lines, i, closer, bool(opened["jsx"]))
    if end is None:
        return i + 1
    tag = " ".join(lines[i : end + 1])
    item = _item(tag)
    if item is None:
        return end + 1
    lines[i] = item
    for j in range(i + 1, end + 1):
        lines[j] = ""
    if opened["liquid"] or re.search(r"/\s*>\s*$", tag):
        return end + 1  # an include, or a self-closing tag: no body
    closing = re.compile(
        r"^\s*(?:</" + re.escape(name) + r"\s*>|\{\{[<%]\s*/" + re.escape(name) + r"\b)"
    )
    for j in range(end + 1, min(end + 1 + MAX_BODY_LINES, len(lines))):
        if closing.match(lines[j]):
            for k in range(end + 1, j):
                lines[k] = "  " + lines[k].strip() if lines[k].strip() else ""
            lines[j] = ""
            return j + 1
    return end + 1


def _item(tag: str) -> str | None:
    """The list item a component's attributes show, or None when they name no paper."""
    words = note_words()
    values: dict[str, str] = {}
    for m in _ATTRIBUTE.finditer(tag):
        key = m.group(1).lower()
        values.setdefault(key, next(v for v in m.groups()[1:] if v is not None).strip())
    title = next((values[k] for k in values if k in words["title_fields"] and values[k]), None)
    url = next((values[k] for k in values if k in words["url_fields"] and values[k]), None)
    if title is None or url is None or not url.lower().startswith(("http://", "https://")):
        return None
    label = title.replace("[", "\\[").replace("]", "\\]")
    rating = next((values[k] for k in values if k in words["rating_fields"]), "").strip()
    scaled = rating and " " not in rating and field_rating(rating) is not None
    marks = f"[{rating}] " if scaled else ""  # as `- [8/10] [Title](url)`
    flags = {m.group(1).lower() for m in _FLAG.finditer(_ATTRIBUTE.sub("", tag))}
    star = " ⭐" if flags & words["star_fields"] else ""
    return f"- {marks}[{label}]({url}){star}"
