"""Bad inputs through the real CLI: each gets its exit code and a one-line message naming it.

A table, one row per input: what is given, the exit code expected (README, "Exit codes") and
a substring of the message. Binary, huge and badly encoded inputs are made here in a
temporary folder rather than committed; small Markdown ones are in tests/fixtures/bad/.
"""

from __future__ import annotations

import codecs
import faulthandler
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from click.testing import CliRunner
from paperkg.extract.reading import source

from paperkg.cli import main
from paperkg.run import outputs

BAD = Path(__file__).parent / "fixtures" / "bad"
ENTRY = "- [7/10] [A paper title that is long enough]({url}) a comment\n"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10" + bytes(range(256))


def entry(n: int = 1) -> str:
    return ENTRY.format(url=f"https://arxiv.org/abs/2301.{n:05d}")


def deep_list(levels: int) -> str:
    return "# Deep\n" + "".join("  " * i + entry(i + 1) for i in range(levels))


@dataclass(frozen=True)
class Case:
    """One bad input: files to write (name -> bytes), the command's arguments, what to expect.

    `{dir}` in an argument is the temporary folder; `papers` is the paper count the summary
    line must show when the build goes through.
    """

    name: str
    files: dict[str, bytes]
    args: tuple[str, ...]
    exit_code: int
    message: str
    papers: int | None = None
    setup: Callable[[Path], None] | None = field(default=None, compare=False)


def _fixture(name: str) -> bytes:
    return (BAD / name).read_bytes()


def _huge_file(folder: Path) -> None:
    with open(folder / "huge.md", "wb") as handle:  # sparse: no disk used
        handle.truncate(source.MAX_BYTES + 1)


# -- the notes root is a boundary (README, "Exit codes"): nothing from outside it is read ----

SECRET = b"OUTSIDE-THE-ROOT-7f3c9e"  # in every file outside the notes folder `d`
GOOD = {"d/a.md": ("# T\n" + entry()).encode()}


def _outside(folder: Path) -> Path:
    """A folder beside the notes folder, with a notes file holding the secret."""
    outside = folder / "outside"
    outside.mkdir(exist_ok=True)
    (outside / "leak.md").write_bytes(
        b"# Leak\n- [7/10] [Leaked study from outside](https://arxiv.org/abs/2309.00009) "
        + SECRET
        + b"\n"
    )
    return outside


def _link_outside_file(folder: Path) -> None:
    (folder / "d" / "leak.md").symlink_to(_outside(folder) / "leak.md")


def _link_outside_folder(folder: Path) -> None:
    (folder / "d" / "more").symlink_to(_outside(folder), target_is_directory=True)


def _links_in_loops(folder: Path) -> None:
    _outside(folder)
    (folder / "d" / "self.md").symlink_to("self.md")
    (folder / "d" / "sub").mkdir()
    (folder / "d" / "sub" / "up").symlink_to("..", target_is_directory=True)


def _fifo(folder: Path) -> None:
    os.mkfifo(folder / "d" / "x.md")


def _dev_zero(folder: Path) -> None:
    (folder / "d" / "z.md").symlink_to("/dev/zero")


def _socket(folder: Path) -> None:
    import socket

    sock = socket.socket(socket.AF_UNIX)
    sock.bind(str(folder / "d" / "s.md"))
    sock.close()  # the socket file stays


HOSTILE_CASES = [
    Case(
        "symlink to a file outside",
        GOOD,
        ("build", "{dir}/d"),
        0,
        "d: skipped 1 symlink pointing outside the notes folder (",
        1,
        setup=_link_outside_file,
    ),
    Case(
        "symlink to a folder outside",
        GOOD,
        ("build", "{dir}/d"),
        0,
        "d: skipped 1 symlink pointing outside the notes folder (",
        1,
        setup=_link_outside_folder,
    ),
    Case(
        "only a symlink outside",
        {},
        ("build", "{dir}/d"),
        2,
        "no Markdown notes (*.md, *.markdown, *.mdx, *.qmd) found (",
        setup=lambda folder: ((folder / "d").mkdir(), _link_outside_file(folder)),
    ),
    Case(
        "symlink loops",
        GOOD,
        ("build", "{dir}/d"),
        0,
        "d: skipped 2 symlink loops (",
        1,
        setup=_links_in_loops,
    ),
    Case(
        "symlink loop by name",
        {"d/.keep": b""},
        ("build", "{dir}/d/self.md"),
        2,
        "self.md: a symlink loop",
        setup=_links_in_loops,
    ),
    Case(
        "FIFO named x.md",
        GOOD,
        ("build", "{dir}/d"),
        0,
        "d: skipped 1 file that is not a regular file (",
        1,
        setup=_fifo,
    ),
    Case(
        "FIFO by name",
        GOOD,
        ("build", "{dir}/d/x.md"),
        2,
        "x.md: a FIFO, not a notes file",
        setup=_fifo,
    ),
    Case(
        "symlink to /dev/zero named z.md",
        GOOD,
        ("build", "{dir}/d"),
        0,
        "d: skipped 1 symlink pointing outside the notes folder (",
        1,
        setup=_dev_zero,
    ),
    Case(
        "symlink to /dev/zero, following symlinks",
        GOOD,
        ("build", "--follow-symlinks", "{dir}/d"),
        0,
        "z.md is a character device)",
        1,
        setup=_dev_zero,
    ),
    Case(
        "symlink to /dev/zero by name",
        GOOD,
        ("build", "{dir}/d/z.md"),
        2,
        "z.md: a character device, not a notes file",
        setup=_dev_zero,
    ),
    Case(
        "socket named s.md",
        GOOD,
        ("build", "{dir}/d"),
        0,
        "s.md is a socket)",
        1,
        setup=_socket,
    ),
    Case(
        "--strict and a symlink outside",
        GOOD,
        ("build", "--strict", "{dir}/d"),
        3,
        "d: skipped 1 symlink pointing outside",
        setup=_link_outside_file,
    ),
]

QUARTO = b"""---
title: Notes
---
## U
- [6/10] [Another study of its own title](https://arxiv.org/abs/2302.00002)

```{python}
print("a code chunk, never read as notes")
```
"""

OTHER_TEXT_CASES = [
    Case(
        "folder of .txt with --ext",
        {"d/a.txt": ("# T\n" + entry()).encode()},
        ("build", "--ext", ".txt", "{dir}/d"),
        0,
        "1 papers",
        1,
    ),
    Case(
        ".txt by name",
        {"a.txt": ("# T\n" + entry()).encode()},
        ("build", "{dir}/a.txt"),
        0,
        "a.txt: *.txt is not a Markdown extension; read as Markdown",
        1,
    ),
    Case(
        ".mdx and .qmd by default",
        {"d/a.mdx": ("# T\n" + entry(1)).encode(), "d/b.qmd": QUARTO},
        ("build", "{dir}/d"),
        0,
        "2 papers",
        2,
    ),
]


def _foreign_graph(folder: Path) -> None:
    (folder / "out").mkdir()
    (folder / "out" / "graph.ttl").write_bytes(b"my own graph\n")


def _foreign_store(folder: Path) -> None:
    (folder / "out" / "store").mkdir(parents=True)
    (folder / "out" / "store" / "mine.txt").write_bytes(b"my own\n")


def _built_and_existing(folder: Path) -> None:
    outputs.build_outputs([BAD / "two_entries.md"], folder / "out", html=False)
    (folder / "existing.ttl").write_bytes(b"my own graph\n")


def _foreign_store_only(folder: Path) -> None:
    (folder / "out" / "store").mkdir(parents=True)


OUTPUT_FOLDER_CASES = [
    Case(
        "serve a folder paperkg did not build",
        {},
        ("serve", "-o", "{dir}/out", "--port", "1"),
        2,
        "out: not a folder `paperkg build` wrote; serve serves only those",
        setup=_foreign_store_only,
    ),
    Case(
        "output folder of other files",
        GOOD,
        ("build", "{dir}/d"),
        2,
        "out: not empty and not a paperkg output folder (it holds graph.ttl); ",
        setup=_foreign_graph,
    ),
    Case(
        "second build into its own output",
        GOOD,
        ("build", "{dir}/d"),
        0,
        "up to date: 1 papers",
        1,
        setup=lambda folder: outputs.build_outputs([folder / "d"], folder / "out", html=False),
    ),
    Case(
        "--force beside other files",
        GOOD,
        ("build", "--force", "{dir}/d"),
        0,
        "out/graph.ttl: not written: paperkg did not write the file there",
        1,
        setup=_foreign_graph,
    ),
    Case(
        "--force and a store paperkg did not write",
        GOOD,
        ("build", "--force", "{dir}/d"),
        2,
        "out: holds store, which paperkg did not write",
        setup=_foreign_store,
    ),
    Case(
        "output folder is a file",
        {**GOOD, "out": b"a file"},
        ("build", "{dir}/d"),
        2,
        "out' is a file",
    ),
    Case(
        "export over an existing file",
        {},
        ("export", "-f", "turtle", "-o", "{dir}/out", "--to", "{dir}/existing.ttl"),
        2,
        "existing.ttl: already exists; not overwritten (--force replaces it)",
        setup=_built_and_existing,
    ),
]

CASES = [
    Case("binary", {"img.md": PNG}, ("build", "{dir}/img.md"), 2, "img.md: binary file"),
    Case("missing", {}, ("build", "{dir}/nope.md"), 2, "nope.md: no such file or folder"),
    Case("empty", {"empty.md": b""}, ("build", "{dir}/empty.md"), 0, "empty.md: empty file", 0),
    Case(
        "blank lines only",
        {"blank.md": b"\n \n\t\n"},
        ("build", "{dir}/blank.md"),
        0,
        "blank.md: empty file",
        0,
    ),
    Case(
        "empty with --strict",
        {"empty.md": b""},
        ("build", "--strict", "{dir}/empty.md"),
        3,
        "1 warning(s) with --strict",
    ),
    Case(
        "no entries",
        {"no_entries.md": _fixture("no_entries.md")},
        ("build", "{dir}/no_entries.md"),
        0,
        "no_entries.md: no paper entries found",
        0,
    ),
    Case(
        "cp1252",
        {"cp.md": ("# T\n\n" + entry()).encode() + "caf\u00e9 \u2013\n".encode("cp1252")},
        ("build", "{dir}/cp.md"),
        0,
        "cp.md:4: not UTF-8; read as cp1252",
        1,
    ),
    Case(
        "latin-1 only",
        {"l1.md": ("# T\n" + entry()).encode() + b"\x81\xe9\n"},
        ("build", "{dir}/l1.md"),
        0,
        "l1.md:3: not UTF-8; read as latin-1",
        1,
    ),
    Case(
        "BOM and CRLF",
        {"bom.md": codecs.BOM_UTF8 + ("# T\r\n" + entry()).replace("\n", "\r\n").encode()},
        ("build", "{dir}/bom.md"),
        0,
        "1 papers",
        1,
    ),
    Case(
        "UTF-16 with BOM",
        {"u16.md": ("# T\n" + entry()).encode("utf-16")},
        ("build", "{dir}/u16.md"),
        0,
        "1 papers",
        1,
    ),
    Case(
        "folder without notes",
        {"d/a.txt": b"text", "d/b.png": PNG},
        ("build", "{dir}/d"),
        2,
        "no Markdown notes (*.md, *.markdown, *.mdx, *.qmd) found; it holds 1 *.txt file: "
        "add --ext .txt",
    ),
    Case(
        "folder skips non-Markdown",
        {"d/a.md": ("# T\n" + entry()).encode(), "d/b.png": PNG, "d/c.pdf": b"%PDF-1.4\x00\x01"},
        ("build", "{dir}/d"),
        0,
        "1 papers",
        1,
    ),
    Case(
        "broken link",
        {"broken_link.md": _fixture("broken_link.md")},
        ("build", "{dir}/broken_link.md"),
        0,
        "broken_link.md:3: a link that is not well-formed",
        2,
    ),
    Case(
        "unclosed bracket",
        {"unclosed_bracket.md": _fixture("unclosed_bracket.md")},
        ("build", "{dir}/unclosed_bracket.md"),
        0,
        "unclosed_bracket.md:3: unbalanced [ ]",
        2,
    ),
    Case(
        "huge line",
        {"long.md": ("# T\n" + entry().rstrip() + " word" * 300_000 + "\n").encode()},
        ("build", "{dir}/long.md"),
        0,
        "long.md:2: entry of 1500",
        1,
    ),
    Case(
        "deep nesting",
        {"deep.md": deep_list(200).encode()},
        ("build", "{dir}/deep.md"),
        0,
        "deep.md:50: nested more than 50 levels deep",
    ),
    Case(
        "deep blockquote",
        {"quote.md": (">" * 5000 + " " + entry()).encode()},
        ("build", "{dir}/quote.md"),
        0,
        "quote.md:1: nested more than 50 levels deep",
        0,
    ),
    Case(
        "over the size limit",
        {},
        ("build", "{dir}/huge.md"),
        2,
        "byte limit",
        setup=_huge_file,
    ),
    Case(
        "malformed vocabulary",
        {"n.md": ("# T\n" + entry()).encode(), "v.ttl": b"@prefix : <"},
        ("build", "{dir}/n.md", "--vocab", "{dir}/v.ttl"),
        2,
        "v.ttl",
    ),
    Case("unknown option", {}, ("build", "--frobnicate", "x.md"), 2, "No such option"),
    *HOSTILE_CASES,
    *OTHER_TEXT_CASES,
    *OUTPUT_FOLDER_CASES,
    Case("query before build", {}, ("query", "top-rated", "-o", "{dir}/none"), 2, "no graph here"),
    Case("stats before build", {}, ("stats", "-o", "{dir}/none"), 2, "no graph here"),
    Case("validate before build", {}, ("validate", "-o", "{dir}/none"), 2, "no graph here"),
]


@pytest.fixture(scope="module")
def runner() -> CliRunner:
    return CliRunner()


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_bad_input(case: Case, runner: CliRunner, tmp_path: Path) -> None:
    for name, data in case.files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    if case.setup:
        case.setup(tmp_path)
    args = [a.replace("{dir}", str(tmp_path)) for a in case.args]
    if args[0] == "build":
        args += ["-o", str(tmp_path / "out"), "--no-html"]
    faulthandler.dump_traceback_later(300, exit=True)  # a FIFO that blocks must not hang the suite
    try:
        result = runner.invoke(main, args)
    finally:
        faulthandler.cancel_dump_traceback_later()
    assert result.exit_code == case.exit_code, result.output
    assert case.message in result.output
    assert "Traceback" not in result.output
    assert not _files_holding(SECRET, tmp_path / "out")
    if case.exit_code == 2:  # errors are one line naming what is wrong
        errors = [line for line in result.stderr.splitlines() if line.startswith("Error:")]
        assert len(errors) == 1, result.stderr
    if case.papers is not None:
        assert f"{case.papers} papers, " in result.stdout


def _files_holding(text: bytes, folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.is_file() and text in p.read_bytes()]


def test_following_symlinks_reads_outside_the_root_when_asked(runner, tmp_path):
    """The check above can fail: once asked to follow, the outside text is in the outputs."""
    (tmp_path / "d").mkdir()
    (tmp_path / "d" / "a.md").write_bytes(GOOD["d/a.md"])
    _link_outside_file(tmp_path)
    _link_outside_folder(tmp_path)
    args = ["build", "--follow-symlinks", str(tmp_path / "d"), "-o", str(tmp_path / "out")]
    result = runner.invoke(main, args)
    assert result.exit_code == 0 and "2 papers" in result.stdout, result.output
    assert "outside the notes folder" not in result.output
    assert tmp_path / "out" / "graph.ttl" in _files_holding(SECRET, tmp_path / "out")


def test_a_refused_output_folder_keeps_its_bytes(runner, tmp_path):
    (tmp_path / "d").mkdir()
    (tmp_path / "d" / "a.md").write_bytes(GOOD["d/a.md"])
    _foreign_graph(tmp_path)
    (tmp_path / "out" / "notes.txt").write_bytes(b"mine too\n")
    before = _snapshot(tmp_path / "out")
    result = runner.invoke(main, ["build", str(tmp_path / "d"), "-o", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert result.stderr.count("Error:") == 1 and "--force" in result.stderr
    assert _snapshot(tmp_path / "out") == before


def test_force_writes_beside_foreign_files_and_later_builds_keep_off_them(runner, tmp_path):
    (tmp_path / "d").mkdir()
    (tmp_path / "d" / "a.md").write_bytes(GOOD["d/a.md"])
    _foreign_graph(tmp_path)
    out = tmp_path / "out"
    (out / "notes.txt").write_bytes(b"mine too\n")
    foreign = {name: (out / name).read_bytes() for name in ("graph.ttl", "notes.txt")}
    args = ["build", str(tmp_path / "d"), "-o", str(out)]
    first = runner.invoke(main, [*args, "--force"])
    assert first.exit_code == 0, first.output
    assert (out / "graph.jsonld").is_file() and (out / "store").is_dir()
    again = runner.invoke(main, args)  # now paperkg's folder: no --force needed
    assert again.exit_code == 0, again.output
    assert "graph.ttl: not written" in again.stderr
    assert {name: (out / name).read_bytes() for name in foreign} == foreign
    (out / "graph.ttl").unlink()  # the user's file gone: paperkg's name is free again
    third = runner.invoke(main, args)
    assert third.exit_code == 0 and b"schema:" in (out / "graph.ttl").read_bytes()
    assert "kept:" not in (out / ".paperkg").read_text()


def test_a_second_build_into_its_own_output_just_works(runner, tmp_path):
    (tmp_path / "d").mkdir()
    (tmp_path / "d" / "a.md").write_bytes(GOOD["d/a.md"])
    args = ["build", str(tmp_path / "d"), "-o", str(tmp_path / "out")]
    assert runner.invoke(main, args).exit_code == 0
    (tmp_path / "d" / "b.md").write_bytes(QUARTO)
    second = runner.invoke(main, args)
    assert second.exit_code == 0 and "2 papers" in second.stdout, second.output


def test_export_force_overwrites_the_file(runner, tmp_path):
    _built_and_existing(tmp_path)
    args = ["export", "-f", "turtle", "-o", str(tmp_path / "out"), "--to"]
    result = runner.invoke(main, [*args, str(tmp_path / "existing.ttl"), "--force"])
    assert result.exit_code == 0, result.output
    assert b"schema:" in (tmp_path / "existing.ttl").read_bytes()


def _snapshot(folder: Path) -> dict[str, bytes | None]:
    return {
        str(p.relative_to(folder)): p.read_bytes() if p.is_file() else None
        for p in sorted(folder.rglob("*"))
    }


# the cases of the README's table of hostile and unusual inputs ("Exit codes")
README_TABLE = [
    c
    for c in HOSTILE_CASES + OTHER_TEXT_CASES + OUTPUT_FOLDER_CASES
    if not re.search(r"\d+ papers|re-extracted", c.message)
]


@pytest.mark.parametrize("case", README_TABLE, ids=[c.name for c in README_TABLE])
def test_the_readme_table_shows_each_case_with_its_exit_code(case: Case) -> None:
    readme = (Path(__file__).parents[1] / "README.md").read_text("utf-8")
    section = readme.split("\n## Exit codes", 1)[1].split("\n## ", 1)[0]
    # the message without the temporary path it starts with, nor the "(" that lists paths
    message = re.sub(r"^[^\s:]+: ", "", case.message).rstrip(" (;")
    rows = [line for line in section.splitlines() if line.startswith("| ") and message in line]
    assert rows, f"no row of the README's table shows {message!r}"
    assert any(str(case.exit_code) in row.split("|")[2] for row in rows), rows


def test_table_has_at_least_fifteen_inputs() -> None:
    assert len({c.name for c in CASES}) == len(CASES) >= 15


def test_an_internal_error_is_one_line_exit_1_with_a_debug_hint(runner, tmp_path, monkeypatch):
    def boom(*args, **kwargs):
        raise RuntimeError("simulated bug")

    monkeypatch.setattr(outputs, "build_outputs", boom)
    notes = tmp_path / "n.md"
    notes.write_text("# T\n" + entry())
    result = runner.invoke(main, ["build", str(notes), "-o", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert "internal error: RuntimeError: simulated bug" in result.stderr
    assert "--debug" in result.stderr and "Traceback" not in result.output
    debug = runner.invoke(main, ["--debug", "build", str(notes), "-o", str(tmp_path / "out")])
    assert debug.exit_code == 1 and "Traceback" in debug.stderr


def test_debug_shows_the_traceback_of_an_input_error_with_the_same_exit_code(runner, tmp_path):
    (tmp_path / "img.md").write_bytes(PNG)
    args = ["build", str(tmp_path / "img.md"), "-o", str(tmp_path / "out")]
    result = runner.invoke(main, ["--debug", *args])
    assert result.exit_code == 2
    assert "Traceback" in result.stderr and "NotesError" in result.stderr


def test_strict_leaves_the_previous_outputs_unchanged(runner, tmp_path):
    good = BAD / "two_entries.md"
    out = tmp_path / "out"
    assert runner.invoke(main, ["build", str(good), "-o", str(out), "--no-html"]).exit_code == 0
    before = {p.name: p.read_bytes() for p in out.glob("graph.*")}
    (tmp_path / "l1.md").write_bytes(b"# T\n" + entry(3).encode() + b"\xe9\n")
    result = runner.invoke(main, ["build", "--strict", str(tmp_path / "l1.md"), "-o", str(out)])
    assert result.exit_code == 3
    assert "l1.md:3: not UTF-8" in result.stderr and "outputs left unchanged" in result.stderr
    assert {p.name: p.read_bytes() for p in out.glob("graph.*")} == before


def test_a_failing_build_step_leaves_the_previous_outputs_unchanged(runner, tmp_path, monkeypatch):
    out = tmp_path / "out"
    assert (
        runner.invoke(main, ["build", str(BAD / "two_entries.md"), "-o", str(out)]).exit_code == 0
    )
    before = {p.name: p.read_bytes() for p in out.glob("graph.*")}
    from paperkg.graph.outputs import view

    def broken_view(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(view, "write_view", broken_view)
    result = runner.invoke(main, ["build", str(BAD / "broken_link.md"), "-o", str(out)])
    assert result.exit_code == 2
    assert "cannot write the outputs (No space left on device)" in result.stderr
    assert {p.name: p.read_bytes() for p in out.glob("graph.*")} == before
    assert not [p for p in out.iterdir() if p.name.startswith(".build-")]


def test_read_permission_denied_names_the_file(tmp_path):
    path = tmp_path / "secret.md"
    path.write_text("# T\n")
    path.chmod(0)
    try:
        if os.access(path, os.R_OK):
            pytest.skip("running as root: permissions are not enforced")
        with pytest.raises(source.NotesError, match="secret.md: permission denied"):
            source.read_notes(path)
    finally:
        path.chmod(0o644)


# -- hostile text: data, never code -------------------------------------------------------

SOURCE_ROOTS = [Path(__file__).parents[1] / room for room in ("extract", "graph", "paperkg")]
FORBIDDEN_CALLS = {"eval", "exec", "compile", "__import__", "system", "popen"}


def test_no_eval_exec_or_shell_anywhere_in_the_package() -> None:
    import ast

    found = []
    for root in SOURCE_ROOTS:
        for path in sorted(root.rglob("*.py")):
            for node in ast.walk(ast.parse(path.read_text("utf-8"))):
                if not isinstance(node, ast.Call):
                    continue
                func = node.func
                name = func.id if isinstance(func, ast.Name) else None
                if isinstance(func, ast.Attribute) and func.attr in ("system", "popen"):
                    name = func.attr if getattr(func.value, "id", "") == "os" else None
                if name in FORBIDDEN_CALLS:
                    found.append(f"{path.name}:{node.lineno}: {name}()")
                if any(
                    k.arg == "shell" and getattr(k.value, "value", False) for k in node.keywords
                ):
                    found.append(f"{path.name}:{node.lineno}: shell=True")
    assert not found


HOSTILE_VALUES = [
    'LoRA" } } DELETE WHERE { ?s ?p ?o } #',
    "LoRA' . ?x ?y ?z } #",
    'x"^^<http://evil> ; \\" } ',
    "> } INSERT DATA { <a> <b> <c> } #",
    "\\u0022 } #",
]


@pytest.mark.parametrize("value", HOSTILE_VALUES)
def test_a_sparql_parameter_is_one_value_and_cannot_change_the_query(value, example_build):
    from paperkg.graph.store.disk import load_store
    from paperkg.graph.store.query import bind_parameters, run_query, saved_queries
    from rdflib.plugins.sparql import prepareQuery

    saved = saved_queries()["papers-by-technique"]
    bound = bind_parameters(saved.text, {"technique": value})
    parsed = prepareQuery(bound)  # still one well-formed query, reading only
    assert parsed.algebra.name == "SelectQuery"
    ds = load_store(example_build, read_only=True)
    try:
        triples = len(ds)
        result = run_query(ds, saved.text, {"technique": value})
        assert result.rows == [] or all(value not in str(row) for row in result.rows)
        assert len(ds) == triples
    finally:
        ds.close()


def test_links_that_are_not_web_links_never_become_links(tmp_path):
    out = tmp_path / "out"
    outputs.build_outputs([BAD / "hostile_link.md"], out, html=False)
    turtle = (out / "graph.ttl").read_text("utf-8")
    assert "<javascript:" not in turtle  # markdown-it refuses javascript:, data:, file: links


def test_serve_defaults_to_loopback_and_read_only() -> None:
    serve = main.commands["serve"]
    params = serve.make_context("serve", []).params  # the values a bare `paperkg serve` gets
    assert params["host"] == "127.0.0.1" and params["writable"] is False
