"""HTML that people write inside Markdown notes, read as the Markdown it stands for.

The parser runs with HTML off (notes are untrusted text, and their HTML is never rendered),
so `<h3>Title</h3>`, a `<details><summary>Title</summary> ... </details>` block per paper
or `<a href="https://arxiv.org/abs/...">arXiv</a>` would reach the reader as plain text:
no heading, no link, no paper. Before parsing, each such line is rewritten as the Markdown
it means, line for line (no line is added or removed, so every line number stays right):

- `<hN>text</hN>` alone on a line is a level-N heading;
- a `<details>` block's `<summary>` is a heading one level below the Markdown heading
  above it, written on the `<details>` line that opens the block (the paper's line);
- `<a href="url">text</a>` is a link; lines of bare tags (`<p>`, `</details>`) are blank;
- a `<table>` (an awesome list's) is its rows, each a list item of its cells written on
  the row's `<tr>` line (`- Title | NeurIPS 2021 | [paper](url)`), its other lines blank:
  a Markdown table cannot span lines as an HTML row does, a list item's evidence is the
  same. A row of `<th>` cells is a header, no item;
- a `<ul>` or `<ol>` list (a static site's page) is its items, each `<li>` a Markdown list
  item on its line, indented by how deep it is nested, its text and links kept.

Fenced code blocks are left as they are.
"""

from __future__ import annotations

import html
import re

from paperkg.extract.reading.fences import FENCE

_MD_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s")
_H_TAG = re.compile(r"^\s*<h([1-6])\b[^>]*>(.*?)</h\1>\s*$", re.IGNORECASE)
_SUMMARY = re.compile(r"<summary\b[^>]*>(.*?)</summary>", re.IGNORECASE)
_DETAILS_OPEN = re.compile(r"^\s*<details\b[^>]*>\s*", re.IGNORECASE)
_ANCHOR = re.compile(r"<a\b[^>]*?\bhref\s*=\s*[\"']([^\"']+)[\"'][^>]*>(.*?)</a>", re.IGNORECASE)
_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9]*\b[^<>]*>")
_LAYOUT_TAG = re.compile(r"</?(?:p|div|span|center|br)\b[^<>]*>", re.IGNORECASE)
_TABLE_OPEN = re.compile(r"^\s*<table\b", re.IGNORECASE)
_TABLE_CLOSE = re.compile(r"</table\s*>", re.IGNORECASE)
_ROW = re.compile(r"<tr\b[^>]*>(.*?)</tr\s*>", re.IGNORECASE | re.DOTALL)
_CELL = re.compile(r"<t([hd])\b[^>]*>(.*?)</t[hd]\s*>", re.IGNORECASE | re.DOTALL)
_LIST_TAG = re.compile(r"<(/?)(?:ul|ol)\b[^<>]*>", re.IGNORECASE)
_ITEM_OPEN = re.compile(r"^\s*<li\b[^<>]*>\s*", re.IGNORECASE)
_TAG_NAMES = frozenset(
    {"p", "div", "details", "summary", "br", "span", "center", "hr", "aside", "section"}
)  # `<aside>`: a Notion export's callout


def markdown_from_html(text: str) -> str:
    """`text` with HTML headings, summaries and links rewritten as Markdown, line for line."""
    if "<" not in text:
        return text
    lines = text.split("\n")
    level = 1  # the level of the last Markdown heading: a summary goes one below it
    fenced = False
    table_end = -1
    for i, line in enumerate(lines):
        if i <= table_end:
            continue
        if FENCE.match(line):
            fenced = not fenced
            continue
        if fenced or "<" not in line and not _MD_HEADING.match(line):
            continue
        if _TABLE_OPEN.match(line):
            table_end = _table_as_items(lines, i)
            continue
        if _LIST_TAG.match(line.lstrip()) and not _LIST_TAG.match(line.lstrip()).group(1):
            table_end = _list_as_items(lines, i)
            continue
        heading = _MD_HEADING.match(line)
        if heading:
            level = len(heading.group(1))
            continue
        lines[i] = _rewritten(lines, i, level)
    return "\n".join(lines)


def _rewritten(lines: list[str], i: int, level: int) -> str:
    line = lines[i]
    tag = _H_TAG.match(line)
    if tag:
        return "#" * int(tag.group(1)) + " " + _plain(tag.group(2))
    opened = _DETAILS_OPEN.match(line)
    if opened:
        summary = _SUMMARY.search(line)
        if summary is None and i + 1 < len(lines):
            summary = _SUMMARY.search(lines[i + 1])
            if (
                summary is not None
                and not _TAG.sub("", lines[i + 1]).replace(summary.group(1), "").strip()
            ):
                lines[i + 1] = ""  # the summary moves up to the block's opening line
        if summary is not None:
            return "#" * min(level + 1, 6) + " " + _plain(summary.group(1))
    line = _ANCHOR.sub(lambda m: f"[{_plain(m.group(2))}]({m.group(1)})", line)
    if _only_tags(line):
        return ""
    if line.lstrip().startswith("<"):  # `<p>[arXiv](url)</p>`: the layout tags go
        line = _LAYOUT_TAG.sub("", line)
    return line


def _plain(fragment: str) -> str:
    """The text of an HTML fragment: tags dropped, entities decoded, spaces joined."""
    return " ".join(html.unescape(_TAG.sub(" ", fragment)).split())


def _only_tags(line: str) -> bool:
    """A line of nothing but layout tags (`<p>`, `</details>`): blank once read."""
    names = re.findall(r"</?([A-Za-z][A-Za-z0-9]*)", line)
    return (
        bool(names)
        and not _TAG.sub("", line).strip()
        and all(n.lower() in _TAG_NAMES for n in names)
    )


def _table_as_items(lines: list[str], start: int) -> int:
    """The `<table>` opening at line `start` rewritten in place as a list item per row
    (see the module's docstring); returns the line of its `</table>`, or `start` when it
    does not close (it is then left as it is)."""
    end = next((j for j in range(start, len(lines)) if _TABLE_CLOSE.search(lines[j])), None)
    if end is None:
        return start
    block = "\n".join(lines[start : end + 1])
    items: dict[int, str] = {}
    for row in _ROW.finditer(block):
        cells = _CELL.findall(row.group(1))
        if not cells or all(kind.lower() == "h" for kind, _ in cells):
            continue
        texts = [_cell_text(body) for _, body in cells]
        text = " | ".join(t for t in texts if t)
        if text:
            items[start + block.count("\n", 0, row.start())] = "- " + text
    for j in range(start, end + 1):
        lines[j] = items.get(j, "")
    return end


def _cell_text(fragment: str) -> str:
    """A cell's text with its links as Markdown links, its other tags dropped."""
    linked = _ANCHOR.sub(lambda m: f"[{_plain(m.group(2))}]({m.group(1)})", fragment)
    return " ".join(html.unescape(_TAG.sub(" ", linked)).split())


def _list_as_items(lines: list[str], start: int) -> int:
    """The `<ul>` or `<ol>` opening at line `start` rewritten in place as Markdown list
    items (see the module's docstring); returns the line where it closes, or `start` when
    it does not (it is then left as it is)."""
    depth, end = 0, None
    for j in range(start, len(lines)):
        for m in _LIST_TAG.finditer(lines[j]):
            depth += -1 if m.group(1) else 1
        if depth <= 0:
            end = j
            break
    if end is None:
        return start
    depth = 0
    for j in range(start, end + 1):
        line = lines[j]
        opened = _ITEM_OPEN.match(_LIST_TAG.sub("", line))
        for m in _LIST_TAG.finditer(line):
            depth += -1 if m.group(1) else 1
        text = _cell_text(_LIST_TAG.sub("", line))
        if opened:
            lines[j] = "  " * max(depth - 1, 0) + "- " + text
        else:
            lines[j] = "  " * depth + text if text else ""
    return end
