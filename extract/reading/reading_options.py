"""A user's word on what a paper is in their notes: `paperkg.toml`, or `[tool.paperkg]`.

When the reader's guess is wrong (`paperkg inspect` shows it), a few lines in the notes
folder fix it, read with the standard library's `tomllib`:

    papers = "headings"            # or "list items", "table rows", "files", "auto"
    heading_level = 2              # with papers = "headings": papers are `##` headings
    title = "front matter: title"  # or "heading", "link text"
    link_after = "Paper link"      # the paper's link is the first link after these words

The same keys go under `[tool.paperkg]` of a `pyproject.toml` in the folder. A key or value
the reader does not know is an `InputError` (exit code 2) whose one line names the file
and the key, so a typo never silently changes nothing.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from paperkg.errors import InputError

CONFIG_FILE = "paperkg.toml"
PAPER_LEVELS = ("auto", "list items", "table rows", "headings", "files")
TITLE_SOURCES = ("heading", "link text")
_FRONT = "front matter:"
_KEYS = ("papers", "heading_level", "title", "link_after")


class OptionsError(InputError):
    """A `paperkg.toml` (or `[tool.paperkg]`) option that cannot be used; one line."""


@dataclass(frozen=True)
class ReadingOptions:
    """How to read the notes of one folder; the defaults let the reader decide."""

    papers: str = "auto"
    heading_level: int | None = None
    title: str | None = None  # "heading", "link text" or "front matter: KEY"
    link_after: str | None = None
    source: str = ""  # the file these came from, for messages

    @property
    def cache_key(self) -> str:
        """What a build's record cache must tell apart: nothing for the defaults."""
        if self == DEFAULT:
            return ""
        return f"\0{self.papers}\0{self.heading_level}\0{self.title}\0{self.link_after}"

    @property
    def front_matter_title(self) -> str | None:
        """The front-matter key that holds the title, when `title` names one."""
        if self.title and self.title.startswith(_FRONT):
            return self.title[len(_FRONT) :].strip().lower()
        return None


DEFAULT = ReadingOptions()


def parse_options(table: dict[str, Any], where: str) -> ReadingOptions:
    """Options from a TOML table; `OptionsError` naming `where` and the key when bad."""
    for key in table:
        if key not in _KEYS:
            raise OptionsError(f"{where}: unknown key '{key}' (known: {', '.join(_KEYS)})")
    papers = table.get("papers", "auto")
    if papers not in PAPER_LEVELS:
        choices = ", ".join(f'"{p}"' for p in PAPER_LEVELS)
        raise OptionsError(f"{where}: papers = {papers!r} is not one of {choices}")
    level = table.get("heading_level")
    if level is not None and (isinstance(level, bool) or level not in range(1, 7)):
        raise OptionsError(f"{where}: heading_level = {level!r} is not a number from 1 to 6")
    if level is not None and papers not in ("headings", "auto"):
        raise OptionsError(f'{where}: heading_level needs papers = "headings", not {papers!r}')
    title = table.get("title")
    if title is not None and (
        not isinstance(title, str)
        or not (title in TITLE_SOURCES or (title.startswith(_FRONT) and title[len(_FRONT) :]))
    ):
        raise OptionsError(
            f'{where}: title = {title!r} is not "heading", "link text" or "front matter: KEY"'
        )
    after = table.get("link_after")
    if after is not None and (not isinstance(after, str) or not after.strip()):
        raise OptionsError(f"{where}: link_after = {after!r} is not a non-empty string")
    return ReadingOptions(
        papers="headings" if level is not None else papers,
        heading_level=level,
        title=title,
        link_after=after.strip() if after else None,
        source=where,
    )


@lru_cache(maxsize=256)
def folder_options(folder: str) -> ReadingOptions:
    """The options of a notes folder: its `paperkg.toml`, else `[tool.paperkg]` of its
    `pyproject.toml`, else the defaults."""
    here = Path(folder)
    for name, section in ((CONFIG_FILE, ()), ("pyproject.toml", ("tool", "paperkg"))):
        path = here / name
        if not path.is_file():
            continue
        try:
            table: Any = tomllib.loads(path.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as err:
            raise OptionsError(f"{path}: not valid TOML ({err})") from err
        for key in section:
            table = table.get(key, {}) if isinstance(table, dict) else {}
        if section and not table:
            continue  # a pyproject.toml without [tool.paperkg]
        if not isinstance(table, dict):
            raise OptionsError(f"{path}: [tool.paperkg] is not a table")
        where = str(path) + ("" if not section else " [tool.paperkg]")
        return parse_options(table, where)
    return DEFAULT


def options_for(path: str, folder: tuple[str, ...]) -> ReadingOptions:
    """The options that apply to the notes file at `path`, whose folder path below the
    folder being built is `folder`: those of the folder being built."""
    parent = Path(path).parent
    deep = folder and len(folder) <= len(parent.parents)
    root = parent.parents[len(folder) - 1] if deep else parent
    return folder_options(str(root))
