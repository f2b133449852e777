"""Footnotes that hold a paper's address among other words, read as the links they give.

Typora, Obsidian and Pandoc users cite a paper by a footnote mark and write the address in
the footnote, often with the authors or the venue around it:

    - Cellular Sheaves for Graph Pooling[^2] — heavy maths
    ...
    [^1]: https://arxiv.org/abs/2401.00001
    [^2]: Okafor & Lind, ICML 2024. https://openreview.net/forum?id=AbC123

CommonMark knows no footnotes: `[^1]: https://...` reads as a link reference definition,
which is how a mark finds its address. `[^2]: Okafor & Lind, ... https://...` is none (an
address is one word), so it is a paragraph, and every definition below it is read as that
paragraph's lines: one such footnote cost the file every mark after it. Before parsing,
each footnote line that holds an address is rewritten line for line as a definition of
that address, the words around it kept as the definition's title. Fenced code blocks are
left as they are.
"""

from __future__ import annotations

import re

from paperkg.extract.reading.evidence import is_paper_url
from paperkg.extract.reading.fences import rewrite_outside_fences

_DEFINITION = re.compile(r"^(\s{0,3}\[\^[^\]\s]{1,40}\]:)[ \t]*(\S.*)$")
_ADDRESS = re.compile(r"<?(https?://[^\s<>]+)>?")
_BARE = re.compile(r"^<?https?://\S+>?$")


def markdown_from_footnotes(text: str) -> str:
    """`text` with each footnote that holds an address among words written as a
    definition of that address, line for line."""
    if "[^" not in text:
        return text
    return rewrite_outside_fences(text, _footnote)


def _footnote(lines: list[str], i: int) -> int | None:
    match = _DEFINITION.match(lines[i])
    if match is None or _BARE.match(match.group(2).strip()):
        return None  # a definition CommonMark reads already, or no footnote
    body = match.group(2)
    addresses = [(m, _trimmed(m.group(1))) for m in _ADDRESS.finditer(body)]
    if not addresses:
        return None
    # the paper's address where the footnote gives several (a paper and its code)
    chosen, url = next(((m, u) for m, u in addresses if is_paper_url(u)), addresses[0])
    words = (body[: chosen.start()] + body[chosen.end() :]).strip(" \t-—–:;,.")
    title = words.replace("\\", "\\\\").replace('"', '\\"')
    lines[i] = f'{match.group(1)} <{url}> "{title}"' if title else f"{match.group(1)} <{url}>"
    return i + 1


def _trimmed(url: str) -> str:
    """An address without the sentence's punctuation after it (a `)` it opened stays)."""
    url = url.rstrip(".,;:")
    while url.endswith(")") and url.count(")") > url.count("("):
        url = url[:-1].rstrip(".,;:")
    return url
