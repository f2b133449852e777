"""YAML front matter of vault and literature notes, read as data and never as objects.

Obsidian, Foam and Zotero notes open with a `---` block of YAML (title, tags, aliases,
authors, url...). Real vaults are untidy: two blocks in a row, a second block pasted halfway
down, YAML that does not parse. Each block is found with mdit-py-plugins' `front_matter`
rule (a block at the start of the remaining text), parsed with `yaml.safe_load`, and its
lines are blanked out of the body, so that line numbers stay those of the file and the
YAML never reaches the Markdown reader as headings or paragraphs.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from typing import Any

import yaml
from markdown_it import MarkdownIt
from mdit_py_plugins.front_matter import front_matter_plugin
from paperkg.extract.reading.note_words import note_words

_FENCE = re.compile(r"^-{3}\s*$")
_TOML_FENCE = re.compile(r"^\+{3}\s*$")  # Hugo's TOML front matter: `+++` ... `+++`
_KEY_LINE = re.compile(r"^[A-Za-z_][\w \-]{0,40}:(?:\s|$)")
_YAML_LINE = re.compile(r"^(?:[A-Za-z_][\w \-]{0,40}:(?:\s|$)|\s+\S|-\s|#)")
MAX_BLOCK_LINES = 80  # a mid-file `---` pair further apart than this is two rules, not YAML


@dataclass(frozen=True)
class FrontMatter:
    """One YAML block: its mapping and the 1-based line of its opening `---`."""

    data: dict[str, Any]
    line: int


@dataclass(frozen=True)
class SplitNote:
    """A note's body with its front-matter lines blanked, the blocks, and warnings."""

    body: str
    blocks: tuple[FrontMatter, ...]
    warnings: tuple[str, ...]

    def merged(self, multi: frozenset[str] = frozenset()) -> dict[str, Any]:
        """All blocks as one mapping, keys lowercased; the first block wins on a clash,
        except for the `multi` keys (tags, aliases), whose values are joined into a list.
        A table of a site's custom fields (Hugo's `[params]`, Zola's `[extra]`) gives its
        keys as the note's own, after those written at the top."""
        out: dict[str, Any] = {}
        tables = note_words()["custom_field_tables"]
        for block in self.blocks:
            items = list(block.data.items())
            items += [
                item
                for key, table in block.data.items()
                if str(key).strip().lower() in tables and isinstance(table, dict)
                for item in table.items()
            ]
            for key, value in items:
                k = str(key).strip().lower()
                if k in multi and value not in (None, ""):
                    out[k] = _as_list(out.get(k)) + [
                        v for v in _as_list(value) if v not in _as_list(out.get(k))
                    ]
                elif k not in out:
                    out[k] = value
        return out


def _as_list(value: Any) -> list[Any]:
    """A YAML value as a list: lists as they are, a string split on commas."""
    if value in (None, ""):
        return []
    if isinstance(value, list | tuple):
        return list(value)
    if isinstance(value, str):
        return [part.strip() for part in value.split(",") if part.strip()]
    return [value]


@cache
def _front_matter_parser() -> MarkdownIt:
    return MarkdownIt("commonmark").use(front_matter_plugin)


@cache
def front_matter_keys() -> frozenset[str]:
    """Keys that mark a `---` block in the middle of a note as front matter (data file)."""
    return note_words()["front_matter_keys"]


def _block_at(lines: list[str], start: int) -> tuple[str, int] | None:
    """The YAML text and end line (exclusive) of a front-matter block opening at `start`."""
    text = "\n".join(lines[start : start + MAX_BLOCK_LINES + 2])
    tokens = _front_matter_parser().parse(text)
    if not tokens or tokens[0].type != "front_matter" or not tokens[0].map:
        return None
    return tokens[0].content, start + tokens[0].map[1]


def _looks_like_yaml(lines: list[str]) -> bool:
    body = [line for line in lines if line.strip()]
    return bool(body) and all(_YAML_LINE.match(line) for line in body)


def _mid_file_block(lines: list[str], start: int) -> bool:
    """A `---` after a blank line, closed within a few lines, holding only YAML-looking
    lines and at least one usual front-matter key: a block pasted into the middle."""
    if not _FENCE.match(lines[start]) or (start > 0 and lines[start - 1].strip()):
        return False
    for end in range(start + 1, min(len(lines), start + MAX_BLOCK_LINES + 1)):
        if _FENCE.match(lines[end]):
            inner = lines[start + 1 : end]
            keys = {
                m.group(0).split(":")[0].strip().lower()
                for line in inner
                if (m := _KEY_LINE.match(line))
            }
            return _looks_like_yaml(inner) and bool(keys & front_matter_keys())
    return False


# an arXiv identifier is no number, though YAML reads `arxiv: 2305.18290` as one (and drops
# its last zero): kept as written
_ARXIV_NUMBER = re.compile(r"^\d{4}\.\d{4,5}$")


class _NotesLoader(yaml.SafeLoader):
    """YAML's safe loader, but for numbers written as an arXiv identifier."""


def _float_or_identifier(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> float | str:
    if _ARXIV_NUMBER.match(node.value):
        return node.value
    return loader.construct_yaml_float(node)


_NotesLoader.add_constructor("tag:yaml.org,2002:float", _float_or_identifier)


def _parse(yaml_text: str, path: str, line: int) -> tuple[dict[str, Any] | None, str | None]:
    try:
        data = yaml.load(yaml_text, Loader=_NotesLoader) if yaml_text.strip() else {}
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        problem = getattr(err, "problem", None) or "cannot be parsed"
        where = f" at its line {mark.line + 1}" if mark is not None else ""
        return None, f"{path}:{line}: front matter is not valid YAML ({problem}{where}); ignored"
    if data is None:
        return {}, None
    if not isinstance(data, dict):
        return None, f"{path}:{line}: front matter is not a mapping of keys to values; ignored"
    return data, None


def _toml_block(lines: list[str], path: str) -> tuple[FrontMatter | None, str | None, int]:
    """A TOML block between `+++` lines opening the file (Hugo), parsed with `tomllib`:
    its mapping (or None and a warning when it does not parse) and its end line."""
    end = next(
        (k for k in range(1, min(len(lines), MAX_BLOCK_LINES + 2)) if _TOML_FENCE.match(lines[k])),
        None,
    )
    if end is None:
        return None, None, 0
    try:
        found = tomllib.loads("\n".join(lines[1:end]))
    except tomllib.TOMLDecodeError as err:
        return None, f"{path}:1: front matter is not valid TOML ({err}); ignored", end + 1
    return FrontMatter(found, 1), None, end + 1


def split_front_matter(text: str, path: str) -> SplitNote:
    """Find every front-matter block (at the start, right after it, or mid-file); a file
    may open with TOML between `+++` lines instead of YAML."""
    lines = text.split("\n")
    blocks: list[FrontMatter] = []
    warnings: list[str] = []
    i = 0
    if lines and _TOML_FENCE.match(lines[0]):
        block, warning, i = _toml_block(lines, path)
        blocks.extend([block] if block is not None else [])
        warnings.extend([warning] if warning else [])
        for k in range(i):
            lines[k] = ""
    at_start = True
    while i < len(lines):
        if at_start and _FENCE.match(lines[i]) or _mid_file_block(lines, i):
            found = _block_at(lines, i)
        else:
            found = None
        if found is None:
            if lines[i].strip():
                at_start = False
            i += 1
            continue
        yaml_text, end = found
        data, warning = _parse(yaml_text, path, i + 1)
        if warning and not at_start:
            # a block between two rules mid-file that is no YAML ("Title: A: B") is text
            # between thematic breaks, not front matter: left for the reader
            at_start = False
            i += 1
            continue
        if warning:
            warnings.append(warning)
        if data is not None:
            blocks.append(FrontMatter(data, i + 1))
        for k in range(i, end):
            lines[k] = ""
        i = end
    return SplitNote("\n".join(lines), tuple(blocks), tuple(warnings))


def paper_link_keys() -> frozenset[str]:
    """The keys whose value links a paper (`url`, `doi`, `arxiv`, `Paper link`, ...)."""
    words = note_words()
    return words["url_fields"] | words["identifier_fields"]


def note_front_matter(text: str, path: str) -> SplitNote | None:
    """The note's front matter, or None where it has none: no `---` or `+++` at all, only
    rules or a table's delimiter row (no block, no warning), or blocks between rules that
    are each a paper's fields (`Title: ...` / `Link: ...` / `---`, in a file writing two or
    more titles so: a list of papers, read as such). Front matter that opens the file
    stays the note's."""
    if "---" not in text and not text.startswith("+++"):
        return None
    split = split_front_matter(text, path)
    if not split.blocks and not split.warnings:
        return None
    return None if _papers_between_rules(split, text) else split


MIN_FIELD_BLOCKS = 2


def _papers_between_rules(split: SplitNote, text: str) -> bool:
    words = note_words()

    def keys(block: FrontMatter) -> set[str]:
        return {str(k).lower() for k, v in block.data.items() if v}

    titles = sum(
        1
        for m in _FIELD_KEY.finditer(text)
        if " ".join(m.group(1).lower().split()) in words["title_fields"]
    )
    # (each block titles a work; one with its link not found yet, `url: ""`, among them)
    linked = sum(1 for b in split.blocks if keys(b) & paper_link_keys())
    return (
        titles >= MIN_FIELD_BLOCKS
        and linked >= min(MIN_FIELD_BLOCKS, len(split.blocks))
        and all(b.line > 1 and keys(b) & words["title_fields"] for b in split.blocks)
    )


_FIELD_KEY = re.compile(r"^[ \t]*[-*]?[ \t]*\**([A-Za-z][A-Za-z ]{0,20}?)\**[ \t]*:", re.MULTILINE)
