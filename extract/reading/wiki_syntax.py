"""Links, headings and tasks of other note languages, left in Markdown by a conversion.

Notes moved from Org (org-roam), a wiki (MediaWiki, DokuWiki), an outliner (Roam) or a
chat (Slack) keep some of their own syntax, which CommonMark reads as plain text:

    - [[https://arxiv.org/abs/2502.97120][Tokenizer-Free Models]] 4/5      (Org)
      * [https://arxiv.org/abs/2501.90876 Message Passing Is Not Enough] (7) (MediaWiki)
    === Misc ===                                                        (DokuWiki, a heading)
    - {{[[TODO]]}} read [[Token Merging for Speech]]                    (Roam, a task)
    new one: <https://arxiv.org/abs/2503.97121|Offline Preference Critics> [7]  (Slack)

so a title ran on to the end of its line and a link was no link. Before parsing, each is
rewritten as the Markdown it means, in place, line for line: an Org link as `[text](url)`
(one to another note, `[[id:...][Name]]`, as the wikilink `[[Name]]`), a wiki's external
link as `[text](url)`, a DokuWiki heading as a `#` heading of its level (six `=` are a top
heading, two a fifth level), Org's `#+title:` as the top heading (its other `#+` keyword
lines blank), Roam's task markers as a task's checkbox, a Slack link as `[text](url)`,
and a fenced div's fence (`:::info`, `::: {.callout-note}`) as a blank line, its notes
read as if no box held them. Fenced code
blocks are left as they are.
"""

from __future__ import annotations

import re

from paperkg.extract.reading.fences import rewrite_outside_fences

_ORG_LINK = re.compile(r"\[\[((?:https?://|id:|file:)[^\[\]\s]{1,500})\]\[([^\[\]\n]{1,300})\]\]")
_ORG_BARE = re.compile(r"\[\[(https?://[^\[\]\s]{1,500})\]\]")
# `[https://url Title words]`, not a Markdown link's text (`[https://url](...)`)
_WIKI_LINK = re.compile(
    r"(?<![\[\]!])\[(https?://[^\s\[\]]{1,500}) +([^\[\]\n]{1,300}?)\](?![(\[])"
)
# words between two runs of `=` (a setext heading's underline, `=====`, holds none)
_DOKU_HEADING = re.compile(r"^[ \t]*(={2,6})[ \t]*([^=\s](?:.*?[^=\s])?)[ \t]*\1[ \t]*$")
_ROAM_TASKS = {"{{[[TODO]]}}": "[ ]", "{{TODO}}": "[ ]", "{{[[DONE]]}}": "[x]", "{{DONE}}": "[x]"}
_ROAM_TASK = re.compile("|".join(re.escape(marker) for marker in _ROAM_TASKS))
# Org's in-buffer keywords: `#+title:` names the note (its top heading), the others
# (`#+filetags:`, `#+created:`) say nothing of its papers
_ORG_KEYWORD = re.compile(r"^#\+(\w+):[ \t]*(.*)$")
# an Org heading as pandoc writes it: `## DONE \[#A\] Title   :rl:fav:` (its task keyword,
# priority and tags around the title)
_ORG_HEADING = re.compile(
    r"^(#{1,6})[ \t]+(?:(?:TODO|DONE|NEXT|LATER|NOW|DOING|WAITING|CANCELL?ED)[ \t]+)?"
    r"(?:\\?\[#[A-Z]\\?\][ \t]+)?(.*?)(?:[ \t]+:((?:[\w@-]+:)+))?[ \t]*$"
)
_ORG_KEYWORD_START = re.compile(
    r"^#{1,6}[ \t]+(?:TODO|DONE|NEXT|LATER|NOW|DOING|WAITING|CANCELL?ED)\b"
)
_ORG_TAGS_END = re.compile(r"[ \t]:(?:[\w@-]+:)+[ \t]*$")
# a fenced div's fence (Pandoc, Quarto, HackMD: `:::info`, `::: {.callout-note}`, `:::`):
# the box holds the notes, which are read as if it were not there
_DIV_FENCE = re.compile(r"^[ \t]*:{3,}[ \t]*(?:\{[^{}]*\}|[\w-]+)?[ \t]*$")
# Slack's `<url|Title>`, as a channel's messages pasted into notes keep it
_SLACK_LINK = re.compile(r"<(https?://[^|<>\s]{1,500})\|([^<>\n]{1,300})>")
_SIGNS = ("[[", "[http", "==", "{{", "#", "|", ":::")


def markdown_from_wiki_syntax(text: str) -> str:
    """`text` with Org and wiki links, DokuWiki headings and Roam tasks as Markdown."""
    if not any(sign in text for sign in _SIGNS):
        return text
    return rewrite_outside_fences(text, _rewrite_line)


def _org_heading(line: str) -> str:
    """`## DONE \\[#A\\] Title   :rl:fav:` -> `## Title #rl #fav`: the task's keyword and
    priority dropped, its tags written as tags are in Markdown."""
    found = _ORG_HEADING.match(line)
    if found is None or not found.group(2).strip():
        return line
    tags = " ".join(f"#{t}" for t in (found.group(3) or "").split(":") if t)
    return f"{found.group(1)} {found.group(2).strip()}" + (f" {tags}" if tags else "")


def _org_link(m: re.Match) -> str:
    target, shown = m.group(1), m.group(2).strip()
    if target.startswith(("id:", "file:")):
        return f"[[{shown}]]"
    return f"[{shown}]({target})"


def _rewrite_line(lines: list[str], i: int) -> int | None:
    line = lines[i]
    heading = _DOKU_HEADING.match(line)
    if heading:
        line = "#" * (7 - len(heading.group(1))) + " " + heading.group(2)
    if ":::" in line and _DIV_FENCE.match(line):
        line = ""
    if line.startswith("#") and (_ORG_KEYWORD_START.match(line) or _ORG_TAGS_END.search(line)):
        line = _org_heading(line)
    keyword = _ORG_KEYWORD.match(line) if line.startswith("#+") else None
    if keyword:
        title = keyword.group(1).lower() == "title" and keyword.group(2).strip()
        line = f"# {keyword.group(2).strip()}" if title else ""
    if "[[" in line:
        line = _ORG_BARE.sub(r"<\1>", _ORG_LINK.sub(_org_link, line))
    if "[http" in line:
        line = _WIKI_LINK.sub(lambda m: f"[{m.group(2).strip()}]({m.group(1)})", line)
    if "<http" in line:
        line = _SLACK_LINK.sub(lambda m: f"[{m.group(2).strip()}]({m.group(1)})", line)
    if "{{" in line:
        line = _ROAM_TASK.sub(lambda m: _ROAM_TASKS[m.group(0)], line)
    if line == lines[i]:
        return None
    lines[i] = line
    return i + 1
