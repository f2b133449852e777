"""What a link in the notes points to: a paper with an identifier, code, a project page.

Identity rests on this: the same arXiv paper linked as `/abs/` and as `/pdf/...v2.pdf`
must give the same identifier, so that the graph holds one node for it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal
from urllib.parse import parse_qs, unquote, urlsplit

LinkKind = Literal["paper", "code", "project", "other"]
TargetKind = Literal["web", "note", "file", "anchor", "email", "script", "empty", "other"]

_ARXIV_NEW = re.compile(
    r"arxiv\.org/(?:abs|pdf|html|format)/(\d{4}\.\d{4,5})(v\d+)?(?:\.pdf)?", re.IGNORECASE
)
_ARXIV_OLD = re.compile(
    r"arxiv\.org/(?:abs|pdf)/([a-z\-]+(?:\.[A-Z]{2})?/\d{7})(v\d+)?(?:\.pdf)?", re.IGNORECASE
)
# pages keyed by a paper's arXiv identifier: Hugging Face's paper pages, alphaXiv
_ARXIV_PAGES = re.compile(
    r"(?:huggingface\.co/papers|alphaxiv\.org/(?:abs|overview|pdf))/(\d{4}\.\d{4,5})(v\d+)?",
    re.IGNORECASE,
)
_DOI = re.compile(r"\b(10\.\d{4,9}/[^\s?#]+)", re.IGNORECASE)
_ARXIV_DOI = re.compile(r"^10\.48550/arxiv\.(\d{4}\.\d{4,5})(?:v\d+)?$", re.IGNORECASE)
_CVF_SLUG = re.compile(
    r"/(?:html|papers)/(?:[^/]+/)?([^/]+?)_([A-Z]+)_(\d{4})_paper\.(?:html|pdf)$", re.IGNORECASE
)
_ACL_ID = re.compile(r"(\d{4}\.[a-z\-]+\.\d+|[A-Z]\d{2}-\d{4})", re.IGNORECASE)
_PMLR = re.compile(r"proceedings\.mlr\.press/(v\d+)/([a-z0-9\-]+?)(?:/[^/]+)?(?:\.html|\.pdf)?$")
_NEURIPS = re.compile(r"/hash/([0-9a-f]{32})-")
_GITHUB_REPO = re.compile(r"^/([A-Za-z0-9_.\-]+)/([A-Za-z0-9_.\-]+)")

_CODE_HOSTS = ("github.com", "gitlab.com", "bitbucket.org", "huggingface.co", "codeberg.org")
_PAPER_HOSTS = (
    "openaccess.thecvf.com",
    "openreview.net",
    "aclanthology.org",
    "aclweb.org",
    "proceedings.mlr.press",
    "proceedings.neurips.cc",
    "papers.nips.cc",
    "papers.neurips.cc",
    "dl.acm.org",
    "ieeexplore.ieee.org",
    "link.springer.com",
    "semanticscholar.org",
    "www.semanticscholar.org",
    "ojs.aaai.org",
    "www.ijcai.org",
    "jmlr.org",
    "www.jmlr.org",
    "biorxiv.org",
    "www.biorxiv.org",
    "ecva.net",
    "www.ecva.net",
    "medrxiv.org",
    "www.medrxiv.org",
    "www.isca-archive.org",
    "distill.pub",  # a peer-reviewed journal's articles
    "transformer-circuits.pub",  # a research thread's papers, published there alone
)


_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.\-]*):")
_WEB_SCHEMES = ("http", "https", "ftp")
_SCRIPT_SCHEMES = ("javascript", "vbscript", "data")
_NOTE_SUFFIXES = (".md", ".markdown")
# `arxiv.org/abs/1234.5678` written without a scheme: a host name, then a slash. A last label
# that is a file extension (`notes.md/`) is a path, not a host.
_BARE_HOST = re.compile(r"^(?:[A-Za-z0-9](?:[A-Za-z0-9\-]*[A-Za-z0-9])?\.)+([A-Za-z]{2,24})/")
_HOST = re.compile(r"\[[0-9A-Fa-f:.]+\]|\w(?:[\w\-.]*\w)?")
_FILE_EXTENSIONS = frozenset(
    "md markdown html htm pdf txt png jpg jpeg gif svg webp bib tex".split()  # noqa: SIM905
)


@dataclass(frozen=True)
class LinkTarget:
    """What a link's target is, read as the note-taker meant it.

    `web` targets carry an absolute URL (`//host/x` and `www.host/x` get a scheme); `note`
    and `file` targets carry the relative path as written, percent-decoded, without its
    `#fragment` (`heading`); every other kind carries no location at all.
    """

    kind: TargetKind
    location: str | None = None
    heading: str | None = None


def link_target(href: str) -> LinkTarget:
    """Classify a Markdown link target: a web page, another note, a local file, an anchor...

    Only `web` targets may ever become IRIs; a note link is resolved by whoever knows the
    other notes, and the rest are text.
    """
    raw = href.strip().strip("<>").strip()
    if not raw:
        return LinkTarget("empty")
    if raw.startswith("#"):
        return LinkTarget("anchor", heading=unquote(raw[1:]) or None)
    scheme = _SCHEME.match(raw)
    if scheme and len(scheme.group(1)) > 1:  # `C:\notes\x.md` is a Windows path
        name = scheme.group(1).lower()
        if name in _WEB_SCHEMES:
            return _web(raw)
        if name == "mailto":
            return LinkTarget("email")
        if name in _SCRIPT_SCHEMES:
            return LinkTarget("script")
        if name == "file":
            return _local(re.sub(r"^file:(?://[^/]*)?", "", raw, flags=re.IGNORECASE))
        return LinkTarget("other")
    if raw.startswith("//"):
        return _web("https:" + raw)
    if raw.lower().startswith("www.") or (
        (m := _BARE_HOST.match(raw)) and m.group(1).lower() not in _FILE_EXTENSIONS
    ):
        return _web("https://" + raw)
    return _local(raw)


def _web(url: str) -> LinkTarget:
    if re.search(r"\s", url):  # markdown-it encodes spaces; a raw one is a broken link
        url = re.sub(r"\s+", "%20", url)
    if not _HOST.fullmatch(_host(url)):
        return LinkTarget("other")
    return LinkTarget("web", url)


def _local(path: str) -> LinkTarget:
    """A relative path: a note when it names a Markdown file, else some other file."""
    path, _, fragment = path.partition("#")
    path = path.split("?", 1)[0]
    decoded = unquote(path).replace("\\", "/")
    if not decoded.strip():
        return LinkTarget("anchor", heading=unquote(fragment) or None)
    kind: TargetKind = "note" if decoded.lower().endswith(_NOTE_SUFFIXES) else "file"
    return LinkTarget(kind, decoded, unquote(fragment) or None)


def web_url(href: str) -> str | None:
    """The absolute http(s) URL a link target stands for, or None when it is not a web link."""
    target = link_target(href)
    return target.location if target.kind == "web" else None


@dataclass(frozen=True)
class CvfPaper:
    """What a CVF open-access link spells: venue, year, the slug and its words."""

    venue: str
    year: int
    slug: str  # Author_Title_Words (without _VENUE_YEAR_paper)


def _host(url: str) -> str:
    try:
        return urlsplit(url).netloc.lower().split("@")[-1].split(":")[0]
    except ValueError:
        return ""


def arxiv_id(url: str) -> str | None:
    """The arXiv identifier without version, from abs, pdf and html links, and from the
    pages that are keyed by it (`huggingface.co/papers/2304.02643`): the same paper."""
    for pattern in (_ARXIV_NEW, _ARXIV_OLD, _ARXIV_PAGES):
        m = pattern.search(url)
        if m:
            return m.group(1)
    return None


def doi(url: str) -> str | None:
    """A DOI from doi.org links and publisher links that embed one (ACM, Springer...)."""
    host = _host(url)
    if not (host.endswith("doi.org") or "/doi/" in url or host == "link.springer.com"):
        return None
    m = _DOI.search(unquote(url))
    if not m:
        return None
    value = m.group(1).rstrip(".,;)")
    for suffix in (".pdf", "/pdf", "/abstract", "/full"):
        if value.lower().endswith(suffix):
            value = value[: -len(suffix)]
    return value.lower()


def cvf_paper(url: str) -> CvfPaper | None:
    """Venue, year and slug of a CVF open-access paper link (html or pdf)."""
    if _host(url) != "openaccess.thecvf.com":
        return None
    path = urlsplit(url).path.replace("//", "/")
    m = _CVF_SLUG.search(path)
    if not m:
        return None
    slug, venue, year = m.group(1), m.group(2).upper(), int(m.group(3))
    return CvfPaper(venue=venue, year=year, slug=slug)


def openreview_id(url: str) -> str | None:
    """The OpenReview forum id from forum and pdf links."""
    if _host(url) != "openreview.net":
        return None
    ids = parse_qs(urlsplit(url).query).get("id")
    return ids[0] if ids else None


def acl_id(url: str) -> str | None:
    """An ACL Anthology paper id (new `2023.acl-long.1` or old `P19-1001` style)."""
    host = _host(url)
    if host not in ("aclanthology.org", "www.aclweb.org", "aclweb.org"):
        return None
    m = _ACL_ID.search(urlsplit(url).path)
    return m.group(1) if m else None


def pmlr_id(url: str) -> str | None:
    """Volume and key of a PMLR paper (`v139/radford21a`)."""
    m = _PMLR.search(url)
    return f"{m.group(1)}/{m.group(2)}" if m else None


def neurips_id(url: str) -> str | None:
    """The hash NeurIPS proceedings use for a paper, shared by its abstract and pdf pages."""
    if _host(url) not in ("proceedings.neurips.cc", "papers.nips.cc", "papers.neurips.cc"):
        return None
    m = _NEURIPS.search(url)
    return m.group(1) if m else None


def github_repository(url: str) -> str | None:
    """`owner/repo` of a GitHub link, ignoring deeper paths (tree, releases, assets)."""
    if _host(url) != "github.com":
        return None
    m = _GITHUB_REPO.match(urlsplit(url).path)
    if not m:
        return None
    repo = m.group(2)
    return f"{m.group(1)}/{repo[:-4] if repo.endswith('.git') else repo}"


# an arXiv identifier written as text: `arXiv:2305.12345` anywhere, and a new-style one
# (YYMM.NNNNN, a real month) opening a heading or an item (`2305.12345 — Title`,
# `[2305.12345] Title`), as arXiv listings and daily digests print them
_WRITTEN_ARXIV = re.compile(
    r"(?:\barxiv(?::\s?|\s+(?=\d{4}\.\d))|(?<![\w/.])(?:www\.)?arxiv\.org/(?:abs|pdf)/)"
    r"(\d{2}(?:0[1-9]|1[0-2])\.\d{4,5}|[a-z\-]+(?:\.[A-Z]{2})?/\d{7})(?:v\d+)?(?:\.pdf)?\b",
    re.IGNORECASE,
)
_LEADING_ARXIV = re.compile(r"^[\[(]?(\d{2}(?:0[1-9]|1[0-2])\.\d{4,5})(?:v\d+)?(?=[\])]?(?:\s|$))")


_ARXIV_FILE = re.compile(r"^(\d{2}(?:0[1-9]|1[0-2])\.\d{4,5})(?:v\d+)?$")


def file_name_arxiv_url(path: str) -> str | None:
    """The abstract page of the arXiv identifier a notes file is named by (`2304.02643.md`,
    `2304.02643v2.md`), as reference managers and paper-note tools name notes; else None."""
    stem = path.replace("\\", "/").rsplit("/", 1)[-1].rsplit(".", 1)[0] if "." in path else ""
    found = _ARXIV_FILE.match(stem)
    return f"https://arxiv.org/abs/{found.group(1)}" if found else None


def written_arxiv_ids(text: str) -> list[tuple[int, int, str]]:
    """The arXiv identifiers written as text (no link) in `text`, `arXiv:2305.12345` or an
    address without its scheme, `arxiv.org/abs/2305.12345` (or `arXiv 2305.12345`, a new
    identifier after a space): each one's start, end and
    the abstract page it names. An identifier is the paper's address as surely as a link
    is; a bare number is one only where it opens the text (elsewhere it may be a measure)."""
    found = [(m.start(), m.end(), m.group(1)) for m in _WRITTEN_ARXIV.finditer(text)]
    lead = _LEADING_ARXIV.match(text)
    if lead and not any(a <= lead.start(1) < b for a, b, _ in found):
        found.append((lead.start(1), lead.end(), lead.group(1)))
    return sorted((a, b, f"https://arxiv.org/abs/{i}") for a, b, i in found)


# link text that is an address or an identifier, no title: a URL, `arXiv:2305.12345`,
# `DOI: 10.1000/xyz`
ADDRESS_TEXT = re.compile(
    r"\s*(?:https?://|www\.|arxiv:\s?\S|arxiv\s+\d{4}\.\d|arxiv\.org/|doi\s?[:：]?\s?10\.)",
    re.IGNORECASE,
)
# a DOI written as text after its label: `doi:10.1000/xyz`, `DOI: 10.1000/xyz`, as reference
# managers and bibliographies print it
_WRITTEN_DOI = re.compile(r"\bdoi\s?[:：]?\s?(10\.\d{4,9}/[^\s<>\[\]\"'`]+)", re.IGNORECASE)


def written_dois(text: str) -> list[tuple[int, int, str]]:
    """The DOIs written as text after a `doi:` label: each one's start, end and the
    doi.org address it names (a DOI, like an arXiv identifier, is the paper's address)."""
    out = []
    for m in _WRITTEN_DOI.finditer(text):
        doi = m.group(1).rstrip(".,;:!?)*_")
        out.append((m.start(), m.start(1) + len(doi), f"https://doi.org/{doi}"))
    return out


def paper_identifier(url: str) -> str | None:
    """The strongest identifier a URL gives a paper, or None."""
    if not url:
        return None
    found = arxiv_id(url)
    if found:
        return f"arXiv:{found}"
    found = doi(url)
    if found:
        # arXiv's own DOIs (`10.48550/arXiv.2304.02643`) name the preprint its links name
        arxiv = _ARXIV_DOI.match(found)
        return f"arXiv:{arxiv.group(1)}" if arxiv else f"doi:{found}"
    cvf = cvf_paper(url)
    if cvf:
        return f"cvf:{cvf.venue}{cvf.year}/{cvf.slug}"
    for prefix, finder in (
        ("openreview", openreview_id),
        ("acl", acl_id),
        ("pmlr", pmlr_id),
        ("neurips", neurips_id),
    ):
        found = finder(url)
        if found:
            return f"{prefix}:{found}"
    return None


def link_kind(url: str) -> LinkKind:
    """Classify a URL: a paper, code (repositories, weights), a project page, or other."""
    if not url.lower().startswith(("http://", "https://")):
        return "other"
    host = _host(url)
    # arXiv's own host is papers; its other hosts (help pages, a blog) only by an identifier
    if paper_identifier(url) or host in _PAPER_HOSTS or host in ("arxiv.org", "www.arxiv.org"):
        return "paper"
    if host == "paperswithcode.com" and "/paper/" in url:
        return "paper"
    if host in ("nature.com", "www.nature.com") and "/articles/" in url:
        return "paper"  # Nature's journals keep their DOIs out of their articles' addresses
    if host.endswith(".github.io") or host.endswith(".gitlab.io"):
        return "project"
    if host.startswith("www."):
        host = host[4:]
    if host in _CODE_HOSTS:
        return "code"
    return "other"


def slug_words(slug: str) -> list[str]:
    """The lowercase alphanumeric words a CVF slug spells, for comparing with a title."""
    return [w for w in re.split(r"[^0-9a-z]+", slug.lower()) if w]


def cvf_first_author(slug: str, title: str | None) -> str | None:
    """The first author's surname a CVF slug starts with (`Van_Le_Anti-DreamBooth...`).

    The slug is `Surname_Title_Words`; a surname may hold several words, so the title's first
    words tell where it ends. Without a title the first word is the best guess.
    """
    parts = slug.split("_")
    if not parts:
        return None
    if title:
        first = [w.lower() for w in re.findall(r"[0-9A-Za-z]+", title)[:2]]
        for k in range(1, min(4, len(parts))):
            words = [w for w in re.split(r"[^0-9a-z]+", "_".join(parts[k:]).lower()) if w]
            if words[: len(first)] == first:
                return " ".join(parts[:k])
    return parts[0]


def same_paper(url: str, other: str | None) -> bool:
    """Whether `url` is the paper at `other`: the same address, or another of its
    identifiers (arXiv's DOI `10.48550/arXiv.1707.06347` for `arxiv.org/abs/1707.06347`)."""
    if other is None:
        return False
    if url == other:
        return True
    ident = paper_identifier(url)
    return ident is not None and ident == paper_identifier(other)
