"""A doc's text without rebuilding it from its tokens.

spaCy's `doc.text` joins a Token object per word, every time it is read: the rules that
search a note's text with regular expressions read it once per doc and part, and on a long
notes file that was seconds. The tokenizer keeps the text it was given in `doc.user_data`,
which is the same string (spaCy's tokenization loses no character).
"""

from __future__ import annotations

from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc

TEXT_KEY = "paperkg_text"


class TextKeepingTokenizer(Tokenizer):
    """spaCy's tokenizer, remembering each doc's text."""

    def __call__(self, text: str) -> Doc:
        doc = super().__call__(text)
        doc.user_data[TEXT_KEY] = text
        return doc


def doc_text(doc: Doc) -> str:
    """The doc's text: the tokenizer's copy if it kept one, else spaCy's join."""
    text = doc.user_data.get(TEXT_KEY)
    return doc.text if text is None else text
