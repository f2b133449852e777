"""Links from one note to another: `[[wikilinks]]` and relative Markdown links to `.md` files.

Vaults tie notes together with `[[note]]`, `[[note|shown text]]` and `[[note#heading]]`
(`![[embeds]]` show a file and tie nothing), and with relative links, sometimes URL-encoded
(`[ViT](Vision%20Transformer.md)`) and sometimes with a raw space, which CommonMark does not
read as a link at all (`[speech](speech recognition.md)`). Here they are found in a block's
flattened text and link list, recorded as `NoteLink`s, and replaced in the text by the words
they show, so the NLP reads "uses Attention" and not "uses [[Attention]]".
"""

from __future__ import annotations

import re
from urllib.parse import unquote, urlsplit

from paperkg.extract.reading.links import link_target
from paperkg.extract.records import Link, NoteLink

# `[[target#heading|shown]]`; the shown part may itself hold brackets (`[[A|[https://x]]`)
# (lengths are bounded: an unclosed `[[` on a huge line must not make the scan quadratic)
_WIKILINK = re.compile(
    r"(!?)\[\[([^\[\]|#\n]{0,200})(#[^\]|\n]{0,200})?(?:\|([^\]\n]{0,300}))?\]\]"
)
# `[shown](some file.md)`: a relative link to a note that markdown-it left as text
_RAW_NOTE_LINK = re.compile(
    r"(!?)\[([^\[\]\n]{1,300})\]\(<?([^()<>\n]{1,300}?\.(?:md|markdown))>?\)", re.I
)
_URL = re.compile(r"https?://\S+")


def is_note_href(href: str) -> bool:
    """A link target that is another note: a relative path to a Markdown file
    (`extract.links.link_target`), with or without a #heading."""
    return link_target(href).kind == "note"


def note_target(href: str) -> str:
    """The decoded path of a note link, without its #heading."""
    return (link_target(href).location or "").strip()


def replace_note_links(text: str, line: int) -> tuple[str, list[NoteLink], list[Link]]:
    """Replace wikilinks and raw-space note links in `text` by the words they show.

    Returns the new text, the note links found, and plain web links hidden in a wikilink's
    shown text (`[[Attention|[https://example.org/paper]]`: the URL is what the writer meant).
    """
    notes: list[NoteLink] = []
    web: list[Link] = []

    def wiki(m: re.Match) -> str:
        embed, target, _heading, shown = m.groups()
        target = target.strip()
        shown_text = (shown or "").strip()
        url = _URL.search(shown_text)
        if url:
            href = url.group(0).rstrip("]),.")
            name = _url_name(href)
            web.append(Link(name, href, line))
            shown_text = target
        if embed:
            return ""
        if target:
            notes.append(NoteLink(target=target, text=shown_text or target, line=line, wiki=True))
        return shown_text or target

    def raw(m: re.Match) -> str:
        embed, shown, href = m.groups()
        if embed or not is_note_href(href):
            return m.group(0) if not embed else ""
        notes.append(NoteLink(target=note_target(href), text=shown.strip(), line=line))
        return shown

    if "[[" in text and "]]" in text:
        text = _WIKILINK.sub(wiki, text)
    if "](" in text:
        text = _RAW_NOTE_LINK.sub(raw, text)
    return text, notes, web


def _url_name(url: str) -> str:
    """Words a bare URL gives a work: its #fragment, else its last path segment."""
    parts = urlsplit(url)
    tail = parts.fragment or parts.path.rstrip("/").rsplit("/", 1)[-1] or parts.netloc
    return unquote(tail)


def split_note_links(links: list[Link]) -> tuple[list[Link], list[NoteLink]]:
    """Separate CommonMark links to other notes from web links."""
    web: list[Link] = []
    notes: list[NoteLink] = []
    for link in links:
        if is_note_href(link.url):
            notes.append(NoteLink(target=note_target(link.url), text=link.text, line=link.line))
        else:
            web.append(link)
    return web, notes
