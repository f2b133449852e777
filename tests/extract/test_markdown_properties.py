"""Property-based tests of the Markdown-to-records layer: `parse_notes(decode_notes(...))`.

Two claims, checked with hypothesis on bounded examples (the suite stays fast):

1. On any bytes or text it never raises: decoding may refuse a binary file (NotesError,
   the clean one-line refusal), parsing never fails.
2. Mutating one entry of the real example notes never loses another entry. "Another entry"
   is one outside the mutated entry's item span (its first line to its end line, which holds
   its nested sub-entries: those legitimately change when their parent's Markdown does).
   Two families of mutation, chosen so they cannot change the block structure around them:
   - inline edits of the entry's first line *after its list marker* (insert or delete
     brackets, parentheses, emphasis and code marks, unicode; truncate the line); the marker
     and the newline are kept, so the item stays an item and every line keeps its number;
   - a newline inserted into that text, the new line indented as a continuation of the item
     and not starting with block syntax (list marker, heading, quote, fence, rule, table):
     Markdown would rightly read such a line as a new block, which is not the claim here.
   Truncating the whole file is a third family: entries that end before the cut survive.
   "Survive" means an entry with the same title, link, rating and section at the same line
   (shifted by the inserted line, if any).
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from paperkg.extract.reading.markdown import parse_notes
from paperkg.extract.reading.source import NotesError, NotesSource, decode_notes

EXAMPLE = Path(__file__).resolve().parents[2] / "notes" / "iccv2023.md"
SETTINGS = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow], database=None
)
MARKER = re.compile(r"^\s*(?:>\s*)*(?:[-*+]|\d{1,9}[.)])[ \t]+")
BLOCK_START = re.compile(r"^\s*(?:[-*+](?:\s|$)|\d{1,9}[.)]|#|>|```|~~~|[-*_=]{3}|\|)")
MARKUP = "[]()*_`!<>\\#~|"
UNICODE = "éß漢字🙂\u200b\u00a0\u202e\ufeff"


@cache
def example_text() -> str:
    return EXAMPLE.read_text("utf-8")


@cache
def original():
    return parse_notes(decode_notes(example_text().encode("utf-8"), "notes.md"))


def _key(entry, shift: int = 0) -> tuple:
    return (entry.line + shift, entry.title, entry.url, entry.rating, entry.section)


def _parse(text: str):
    return parse_notes(decode_notes(text.encode("utf-8"), "notes.md"))


@SETTINGS
@given(st.binary(max_size=400))
def test_any_bytes_are_refused_cleanly_or_parsed(data: bytes) -> None:
    try:
        source = decode_notes(data, "any.md")
    except NotesError as err:
        assert str(err).startswith("any.md: ")
        return
    parse_notes(source)


markdownish = st.text(
    alphabet=st.sampled_from(list(MARKUP + "-+ \t\n:/.0123456789aZ" + UNICODE)), max_size=300
)


@SETTINGS
@given(st.one_of(markdownish, st.text(max_size=300)))
def test_any_text_parses_without_raising(text: str) -> None:
    direct = parse_notes(NotesSource("any.md", text.replace("\r", "\n"), "0" * 64))
    for entry in direct.entries:
        assert entry.line >= 1 and entry.end_line >= entry.line
    try:
        _parse(text)
    except NotesError as err:  # mostly control characters: refused as binary, by name
        assert str(err) == "notes.md: binary file, not Markdown notes"


@st.composite
def inline_mutation(draw):
    """(victim entry index, mutated file text, lines inserted before the victim's end)."""
    entries = original().entries
    index = draw(st.integers(0, len(entries) - 1))
    victim = entries[index]
    lines = example_text().split("\n")
    line = lines[victim.line - 1]
    marker = MARKER.match(line)
    if marker is None:
        return index, example_text(), 0
    head, body = line[: marker.end()], line[marker.end() :]
    kind = draw(st.sampled_from(["insert", "delete", "truncate", "newline"]))
    at = draw(st.integers(0, len(body)))
    inserted = 0
    if kind == "insert":
        chars = draw(st.text(alphabet=MARKUP + UNICODE, min_size=1, max_size=4))
        body = body[:at] + chars + body[at:]
    elif kind == "delete":
        brackets = [i for i, ch in enumerate(body) if ch in "[]()*_`"]
        if brackets:
            i = draw(st.sampled_from(brackets))
            body = body[:i] + body[i + 1 :]
    elif kind == "truncate":
        body = body[:at]
    else:
        rest = body[at:]
        if rest.strip() and not BLOCK_START.match(rest):
            body = body[:at] + "\n" + " " * marker.end() + rest.lstrip()
            inserted = 1
    lines[victim.line - 1] = head + body
    return index, "\n".join(lines), inserted


@SETTINGS
@given(inline_mutation())
def test_mutating_one_entry_never_loses_another(mutation) -> None:
    index, text, inserted = mutation
    before = original().entries
    victim = before[index]
    after = {_key(e) for e in _parse(text).entries}
    for entry in before:
        if victim.line <= entry.line <= victim.end_line:
            continue  # the victim and its own sub-entries
        shift = inserted if entry.line > victim.end_line else 0
        assert _key(entry, shift) in after, f"lost the entry of line {entry.line}: {entry.title}"


@SETTINGS
@given(st.integers(0, len(example_text())))
def test_truncating_the_file_keeps_the_entries_before_the_cut(cut: int) -> None:
    text = example_text()[:cut]
    cut_line = text.count("\n") + 1
    after = {_key(e) for e in _parse(text).entries}
    for entry in original().entries:
        if entry.end_line < cut_line:
            assert _key(entry) in after, f"lost the entry of line {entry.line}: {entry.title}"


def test_a_link_split_over_two_lines_keeps_the_topics_of_later_papers() -> None:
    # a case `test_mutating_one_entry_never_loses_another` drew: the split link made a
    # second heading over one item, and with two such, `### Detection` over `- [ASAG:
    # ...](url)` was read as the heading's paper, under no `Detection` topic
    lines = example_text().split("\n")
    at = next(k for k, line in enumerate(lines) if "Order-Prompted_Tag_Sequence" in line)
    cut = lines[at].index("_Video_Tagging_ICCV")
    lines[at : at + 1] = [lines[at][:cut], "  " + lines[at][cut:]]
    found = [e for e in _parse("\n".join(lines)).entries if (e.title or "").startswith("ASAG")]
    assert [e.section[-1] for e in found] == ["Detection"]


def test_the_example_has_entries_to_mutate() -> None:
    assert len(original().entries) >= 100


def _depths_char_by_char(text: str) -> list[int]:
    """The reference: depth at each offset from ( ) groups closed later, char by char."""
    depth = [0] * (len(text) + 1)
    stack: list[int] = []
    for i, ch in enumerate(text):
        if ch in "([":
            stack.append(i)
        elif ch in ")]" and stack:
            start = stack.pop()
            if text[start] == "(":
                for at in range(start + 1, i + 1):
                    depth[at] += 1
    return depth


@given(st.text(alphabet="()[]a ", max_size=40))
def test_bracket_depth_by_bisection_is_the_char_by_char_depth(text):
    from paperkg.extract.reading.entry_parts import _depth_at

    expected = _depths_char_by_char(text)
    assert [_depth_at(text, at) for at in range(len(text) + 1)] == expected
