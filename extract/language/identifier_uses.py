"""Where a name-shaped word is used as an identifier, not as the name of another work.

Notes that explain a paper's method write its functions, variables, fields and features
in CamelCase too ("Scorer(Q, K)", "StepSize is 0.1", "HitCount - the number of ..."). The
shape says nothing then; the words around the name do. A name is an identifier where it is
- called like a function: glued to a bracket of short symbols ("Scorer(Q, K, V)");
- given a value: "is" or "=" and a number that ends the clause ("StepSize is 0.1");
- defined as a quantity at the start of a block: "HitCount - the number of ...";
- used as a common noun, ordinary words run together after "a" or "an" ("each page in a
  PageStore"): a work's name is a proper noun;
- a pair of two-letter codes ("EN-FR": a language pair, a direction).
The named-work matcher drops such spans (`named_works.py`).
"""

from __future__ import annotations

import re

from paperkg.extract.language.word_kinds import is_common_word
from spacy.tokens import Doc, Span

_VALUE_WORDS = frozenset({"is", "=", "was", "equals"})
_DEFINING = frozenset({"-", ":", "–", "—", "="})
_ARTICLES = frozenset({"a", "an"})
_MAX_ARGUMENTS = 12


def _called(doc: Doc, span: Span) -> bool:
    """ "Scorer(Q, K, V)": the name glued to a bracket of symbols of at most three letters."""
    end = span.end
    if end >= len(doc) or doc[end].text != "(" or doc[end - 1].whitespace_:
        return False
    for tok in doc[end + 1 : end + 1 + _MAX_ARGUMENTS]:
        if tok.text == ")":
            return True
        if tok.text != "," and len(tok.text) > 3:
            return False
    return False


def _valued(doc: Doc, span: Span) -> bool:
    """ "StepSize is 0.1", "Width = 64": a number that ends the clause ("ZorbNet is 2 times
    faster" compares a work; "ZorbNet: 45.2 FID" reports its score)."""
    end = span.end
    if end + 1 >= len(doc) or doc[end].lower_ not in _VALUE_WORDS or not doc[end + 1].like_num:
        return False
    after = doc[end + 2] if end + 2 < len(doc) else None
    return after is None or after.is_punct or after.is_space


def _defined_quantity(doc: Doc, span: Span) -> bool:
    """ "HitCount - the number of ...": a block that opens with the name and defines it."""
    end = span.end
    opens = span.start == 0 or all(not t.is_alpha for t in doc[: span.start])
    return (
        opens and end + 1 < len(doc) and doc[end].text in _DEFINING and doc[end + 1].lower_ == "the"
    )


def _common_noun(doc: Doc, span: Span) -> bool:
    """ "a PageStore": ordinary words run together, after an article. Not a compound with
    a name in it ("an IP-Adapter"): an instance of a named system keeps its name."""
    parts = re.findall(r"[A-Z][a-z]+", span.text)
    return (
        span.start > 0
        and doc[span.start - 1].lower_ in _ARTICLES
        and len(parts) >= 2
        and "".join(parts) == span.text
        and all(is_common_word(p) for p in parts)
    )


def _code_pair(span: Span) -> bool:
    return re.fullmatch(r"[A-Z]{2}-[A-Z]{2}", span.text) is not None


def identifier_use(doc: Doc, span: Span) -> bool:
    """Is the name-shaped span used as an identifier here (see the module docstring)?"""
    return (
        _code_pair(span)
        or _called(doc, span)
        or _valued(doc, span)
        or _defined_quantity(doc, span)
        or _common_noun(doc, span)
    )
