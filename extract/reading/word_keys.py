"""How names and headings compare, and what of them an IRI is made of: their letters and
digits, in any script.

Keys were once made of ASCII letters and digits alone, so a heading written in Chinese or
Japanese had none and every such heading became one topic ("untitled"), every such title
one paper. Letters of every script count now; a Latin letter's accent does not ("Über" is
"uber", as a URL would spell it), though a kana's voicing mark does ("が" is not "か"), and
full-width forms are their ASCII ones ("ＧＰＴ" is "gpt"). For ASCII text the words are the
ones the old keys had.
"""

from __future__ import annotations

import re
import unicodedata

_WORD = re.compile(r"[^\W_]+")


def folded(text: str) -> str:
    """`text` casefolded, full-width forms as ASCII, accents dropped from Latin letters."""
    out: list[str] = []
    for char in unicodedata.normalize("NFKD", text):
        if unicodedata.combining(char) and out and out[-1].isascii():
            continue  # an accent over a Latin letter
        out.append(char)
    return unicodedata.normalize("NFC", "".join(out)).casefold()


def key_words(text: str) -> list[str]:
    """The runs of letters and digits of `text`, folded: what its keys are made of."""
    if text.isascii():
        return _WORD.findall(text.lower())
    return _WORD.findall(folded(text))
