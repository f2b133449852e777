"""Paper evidence in one block of a notes file: what says "this block is about a paper".

The shape readers (list items, table rows, heading sections, per-paper notes) each ask the
same questions of a block: does it link a paper, does a label name the paper's link, does a
line read like a field that opens a paper's record? This module answers them once, from
evidence any shape shows, so that `extract.reading.layout_choice` can weigh it per level:

- a link to a paper by its host (arXiv, DOI, OpenReview, ACL Anthology, CVF, PMLR, NeurIPS
  proceedings) or to a `.pdf`;
- a label: link text such as `[pdf]`, `[Paper Link]`, or a generic link text (`[here]`,
  `[this]`) right after the word "paper" ("the [paper](...)", "Paper link [here](...)");
- a label line: `Paper:`, `Title:`, `Link:` as the first words of a list item.

A generic link text ("Link to the paper", "here") is never a title.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from urllib.parse import urlsplit

from paperkg.extract.reading.entry_parts import InlineText
from paperkg.extract.reading.links import link_kind, link_target
from paperkg.extract.reading.note_words import note_words

# the word "paper" (or "pdf", "preprint") this few words before a generic link names it
_PAPER_WORD = re.compile(r"\b(?:paper|pdf|preprint|publication)\b[^.!?\n]{0,40}$", re.IGNORECASE)
# `Paper:`, `**Paper**:`, `Paper link -` opening an item or a line
LABEL_LINE = re.compile(
    r"^\s*(?:paper|title|paper title|paper link|link|pdf|arxiv)\s*(?::|-\s)", re.IGNORECASE
)


_APP_SCHEME = re.compile(r"^\s*([a-z][a-z0-9+.-]*):", re.IGNORECASE)
_WEB_SCHEMES = frozenset({"http", "https", "ftp", "mailto"})


def is_local_app_link(href: str) -> bool:
    """A link into an app on the note-taker's machine (`zotero://select/...`, `file://`,
    `obsidian://`): neither the paper's address nor another work, only the text stays."""
    m = _APP_SCHEME.match(href)
    return bool(m) and "//" in href[: m.end() + 2] and m.group(1).lower() not in _WEB_SCHEMES


def is_paper_url(url: str) -> bool:
    """A web address of a paper: a known paper host or identifier, or a `.pdf` file."""
    url = url.strip()
    if not url.lower().startswith(("http://", "https://")):
        return False
    return link_kind(url) == "paper" or urlsplit(url).path.lower().endswith(".pdf")


def _words(text: str) -> str:
    return " ".join(text.lower().split()).strip(" []()*_:.-")


def labelled_paper_link(inline: InlineText, words) -> str | None:
    """The link a label says is the paper's: `[pdf](...)`, `[Paper Link](...)`, or a
    generic link text right after the word "paper" ("read the paper [here](...)")."""
    for span in inline.links:
        href = span.href.strip()
        if not href.lower().startswith(("http://", "https://")):
            continue
        text = _words(span.text)
        if text in words["paper_link_texts"]:
            return href
        if text in words["generic_link_texts"] and _PAPER_WORD.search(inline.text[: span.start]):
            return href
    return None


def body_paper_link(inlines: Sequence[InlineText], words, near: int = 3) -> str | None:
    """The paper's link somewhere in a post's body: a labelled link anywhere, else a link to
    a paper host in the first `near` blocks (later ones cite other works). A `.pdf` on any
    other host needs its label here: a post's unlabelled PDF is as likely a CV or slides."""
    for inline in inlines:
        found = labelled_paper_link(inline, words)
        if found:
            return found
    for inline in inlines[:near]:
        found = next((s.href.strip() for s in inline.links if link_kind(s.href) == "paper"), None)
        if found:
            return found
    return None


def shows_a_page(title: str | None, url: str | None, words) -> bool:
    """A name and link that show a page, not a paper: a link to code (a repository, a
    dataset's or model's hub page), to a blog's post or a video, or a name whose last word
    is a kind of page ("Dr. Vell's homepage", "the vocoder repo") on a host of no paper, or
    a page of the same site or wiki (`[Group meeting schedule](Group_meeting_schedule
    "wikilink")`: a relative link to no notes file and no PDF). Where a file's papers show
    their links, such an item cites that page."""
    if not url or is_paper_url(url):
        return False
    if link_kind(url) == "code" or blog_page(url, dated=False) or video_page(url):
        return True
    target = link_target(url)
    if target.kind == "file" and not (target.location or "").lower().endswith(".pdf"):
        return True
    last = _words(title or "").rsplit(" ", 1)[-1:]
    return bool(last) and last[0] in words["page_nouns"]


def video_page(url: str) -> bool:
    """A page of a video host (a talk's recording): `note_words.json`'s `video_hosts`."""
    host = (urlsplit(url).hostname or "").removeprefix("www.").removeprefix("m.")
    return any(host == h or host.endswith("." + h) for h in note_words()["video_hosts"])


def has_label_line(text: str) -> bool:
    """The text opens with a label that introduces a paper (`Paper:`, `Title:`, `Link -`)."""
    return bool(LABEL_LINE.match(text))


# a blog's permalink: /2018/04/03/slug or /2018/04/slug (Jekyll, WordPress, Hugo)
_DATED_PATH = re.compile(r"/(?:19|20)\d\d/(?:0?[1-9]|1[0-2])/(?:(?:0?[1-9]|[12]\d|3[01])/)?[^/]+")


def blog_page(url: str, dated: bool = True) -> bool:
    """A page of a blog: on a blog's host (`blog.` anything, Medium, Substack, ...), under
    a `/blog/` or `/posts/` path, or (with `dated`) at a dated permalink, as a journal's
    early articles are too (`/content/early/2017/12/15/...`); never a `.pdf`."""
    parts = urlsplit(url)
    if parts.path.lower().endswith(".pdf"):
        return False
    nw = note_words()
    host = parts.hostname or ""
    if host.startswith("blog.") or any(
        host == h or host.endswith("." + h) for h in nw["blog_hosts"]
    ):
        return True
    if dated and _DATED_PATH.search(parts.path):
        return True
    return any(part.lower() in nw["blog_path_words"] for part in parts.path.split("/"))
