"""Tags a note-taker files a paper under: `#tag`, `#nested/tag`, `Tags: a, b` fields.

Tags are the vault's own topic scheme (a nested tag `#vision/backbone` is narrower than
`#vision`); the graph turns them into SKOS concepts. Here they are only read as strings.
"""

from __future__ import annotations

import re

# `#tag` after a space or the line start; not a heading (`# Title`), a URL fragment
# (`/#x`), an HTML entity (`&#39;`), an issue number (`#12`) or a colour (`#fff`).
_INLINE_TAG = re.compile(r"(?:^|(?<=[\s(,;]))#([A-Za-z_][\w\-]*(?:/[\w\-]+)*)")
_HEX = re.compile(r"^[0-9a-fA-F]{3}(?:[0-9a-fA-F]{3})?$")


def clean_tag(tag: str) -> str:
    """A tag without its `#`, surrounding spaces or trailing slashes."""
    return " ".join(tag.strip().lstrip("#").strip("/").split())


def inline_tags(text: str) -> list[str]:
    """`#tags` written in running text, in order."""
    return [m.group(1).strip("/") for m in _INLINE_TAG.finditer(text) if not _HEX.match(m.group(1))]


# a line that is tags and nothing else (`#papers/vision #status/read`, a notes app's)
_TAG_LINE = re.compile(r"(?:#[^\s#]+\s*)+")
# an Org tag left after a title by an export (`Title :fav:`)
_ORG_TAG = re.compile(r"(?<!\S):([^\W\d_][\w-]*):(?!\S)")


def is_tag_line(text: str) -> bool:
    """Whether `text` is a line of tags and nothing else: it names no paper."""
    return _TAG_LINE.fullmatch(text.strip()) is not None


def written_tags(text: str) -> list[str]:
    """The tags an item's words carry: `#fav`, `#reading/fav`, and Org's `:fav:`."""
    return inline_tags(text) + _ORG_TAG.findall(text)


def tag_word(tag: str) -> str:
    """A tag's last part as words: `#reading/fav` -> `fav`, `[[must-read]]` -> `must read`
    (an outliner's page as a tag)."""
    word = tag.lower().strip("#[] ").rsplit("/", 1)[-1]
    return word.replace("-", " ").replace("_", " ")


def split_tags(value: str) -> list[str]:
    """A `Tags:` field: comma- or semicolon-separated, or `#a #b` words, or a YAML flow
    list written on the line (`tags: [optimization, fav]`)."""
    value = value.strip()
    if value.startswith("[") and value.endswith("]") and "[[" not in value:
        value = value[1:-1].strip()
    if not value:
        return []
    if "," in value or ";" in value:
        parts = re.split(r"[,;]", value)
    elif value.count("#") > 1:
        parts = value.split()
    else:
        parts = [value]
    return [t for t in (clean_tag(p) for p in parts) if t]


def tag_path(tag: str) -> tuple[str, ...]:
    """`vision/backbone` -> ("vision", "backbone"): the nesting of a tag."""
    return tuple(part.strip() for part in tag.split("/") if part.strip())
