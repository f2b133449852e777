"""The README's promises: its console examples run as written in a fresh clone, its SPARQL
examples return rows, and its two set-up commands are the ones the project really uses.

Every `$ command` of every ```console block runs in order, through bash, in a fresh clone
(the repository's files as the next commit holds them, in a new git repository; no output
but `output/README.md` and its marker, no ../shared beside it), as a new user would type
them; afterwards `git status` of the clone must show nothing: the examples write only into
ignored or temporary folders. Servers the README starts (`paperkg serve`, `oxigraph serve`) run
in the background on free ports in place of 7878/7879. What is compared is what does not
depend on the technique vocabulary (which grows): every command succeeds, summary lines
and table headers have the README's shape, and the incremental-build counts move as the
README says.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest
from paperkg.graph.remote.server import free_port
from paperkg.graph.store.disk import load_store
from paperkg.graph.store.query import run_query

ROOT = Path(__file__).resolve().parent.parent

README = (ROOT / "README.md").read_text("utf-8")
README_PORTS = ("7878", "7879")  # serve's, and the writable lab server's
SERVERS = ("paperkg serve", "oxigraph serve")
SUMMARY_COMMANDS = ("paperkg build", "paperkg push", "paperkg validate", "paperkg evaluate")
BUILD_LINE = re.compile(
    r"(\d+) papers, .* from (\d+) notes files? "
    r"\((\d+) re-extracted, (\d+) reused(?:, (\d+) dropped)?;"
)


@dataclass(frozen=True)
class Example:
    """One `$ command` of a console block and the output lines the README shows for it."""

    block: int
    command: str
    expected: tuple[str, ...]


@dataclass(frozen=True)
class Ran:
    example: Example
    returncode: int
    stdout: str
    stderr: str


def console_examples(text: str) -> list[Example]:
    """The `$ ` commands of the ```console blocks, with here-documents and expected output."""
    examples = []
    for block, body in enumerate(re.findall(r"```console\n(.*?)```", text, flags=re.S)):
        lines = body.splitlines()
        i = 0
        while i < len(lines):
            if not lines[i].startswith("$ "):
                i += 1
                continue
            command = [lines[i][2:]]
            heredoc = re.search(r"<<\s*'?(\w+)'?", lines[i])
            i += 1
            if heredoc:
                while i < len(lines) and lines[i] != heredoc.group(1):
                    command.append(lines[i])
                    i += 1
                command.append(lines[i])
                i += 1
            start = i
            while i < len(lines) and not lines[i].startswith("$ "):
                i += 1
            expected = tuple(line for line in lines[start:i] if line.strip())
            examples.append(Example(block, "\n".join(command), expected))
    return examples


def shape(line: str) -> str:
    """A line with its numbers and runs of spaces made alike: what the vocabulary cannot move."""
    return re.sub(r"\s+", " ", re.sub(r"\d+(\.\d+)?", "N", line)).strip()


def wait_for_port(port: str, proc: subprocess.Popen, seconds: float = 60.0) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        assert proc.poll() is None, f"the server on {port} exited with {proc.returncode}"
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=1):  # noqa: S310
                return
        except urllib.error.HTTPError:
            return  # it answers
        except (urllib.error.URLError, OSError):
            time.sleep(0.2)
    raise AssertionError(f"nothing answered on port {port} in {seconds:.0f} s")


def git(folder: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", *args], cwd=folder, capture_output=True, text=True, timeout=120, check=True
    )
    return done.stdout


@pytest.fixture(scope="module")
def readme_clone(tmp_path_factory) -> Path:
    """A clone of the repository as its next commit would be: tracked and new files that are
    not ignored, copied from the working tree and committed in a new repository."""
    clone = tmp_path_factory.mktemp("readme-clone")
    listed = git(ROOT, "ls-files", "-z", "--cached", "--others", "--exclude-standard")
    for name in sorted(set(filter(None, listed.split("\0")))):
        source = ROOT / name
        if source.is_file():  # a tracked file deleted in the working tree is not copied
            (clone / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, clone / name)
    git(clone, "init", "-q")
    git(clone, "add", "-A")
    identity = ["-c", "user.name=readme test", "-c", "user.email=readme@example.invalid"]
    git(clone, *identity, "commit", "-q", "--no-verify", "-m", "fresh clone")
    return clone


@pytest.fixture(scope="module")
def readme_run(readme_clone) -> list[Ran]:
    """Run every console example in a fresh clone; servers stopped at the end."""
    clone = readme_clone
    ports = {port: str(free_port()) for port in README_PORTS}
    env = dict(os.environ, PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}")
    servers: list[subprocess.Popen] = []
    ran: list[Ran] = []
    try:
        for example in console_examples(README):
            command = example.command
            for readme_port, port in ports.items():
                command = command.replace(readme_port, port)
            if command.startswith(SERVERS):
                port = (
                    next(p for p in ports.values() if p in command) if "--bind" in command else None
                )
                if port is None:  # `paperkg serve` on its default port: give it ours
                    port = ports["7878"]
                    command += f" --port {port}"
                proc = subprocess.Popen(
                    ["bash", "-c", f"exec {command}"],
                    cwd=clone,
                    env=env,
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                )
                servers.append(proc)
                wait_for_port(port, proc)
                ran.append(Ran(example, 0, "", ""))
                continue
            done = subprocess.run(
                ["bash", "-o", "pipefail", "-c", command],
                cwd=clone,
                env=env,
                capture_output=True,
                text=True,
                timeout=300,
            )
            if "| head" in command and done.returncode == 141:  # head closed the pipe: fine
                done = subprocess.CompletedProcess(done.args, 0, done.stdout, done.stderr)
            ran.append(Ran(example, done.returncode, done.stdout, done.stderr))
    finally:
        for proc in servers:
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=10)
    return ran


def test_every_console_command_of_the_readme_succeeds_in_a_fresh_clone(readme_run):
    assert len(readme_run) >= 15
    failed = [
        f"{r.example.command!r}: {r.stderr.strip()[-300:]}" for r in readme_run if r.returncode
    ]
    assert not failed, failed


def test_following_the_readme_leaves_the_clone_clean(readme_run, readme_clone):
    assert git(readme_clone, "status", "--porcelain", "--untracked-files=all") == ""


def test_summary_lines_and_table_headers_have_the_readme_shape(readme_run):
    checked = 0
    for r in readme_run:
        expected = [line for line in r.example.expected if line != "pushing"]  # stderr label
        actual = r.stdout.splitlines()
        if not expected or not actual:
            continue
        is_table = len(expected) > 1 and set(expected[1]) <= {"-", " "}
        if is_table or r.example.command.startswith(SUMMARY_COMMANDS):
            assert shape(actual[0]) == shape(expected[0]), r.example.command
            checked += 1
    assert checked >= 10


def test_incremental_builds_count_as_the_readme_says(readme_run):
    builds = [
        r for r in readme_run if "paperkg build notes -o output/incremental" in r.example.command
    ]
    assert len(builds) == 3

    def counts(line: str) -> tuple[int, ...]:
        found = BUILD_LINE.match(line)
        assert found, line
        return tuple(int(n or 0) for n in found.groups())

    expected = [counts(b.example.expected[0]) for b in builds]
    actual = [counts(b.stdout.splitlines()[0]) for b in builds]
    # files, re-extracted, reused, dropped: exactly; papers: the same steps (+1, then back)
    assert [a[1:] for a in actual] == [e[1:] for e in expected]
    assert [a[0] - actual[0][0] for a in actual] == [e[0] - expected[0][0] for e in expected]
    first_build = next(r for r in readme_run if r.example.command == "paperkg build notes/")
    assert counts(first_build.stdout.splitlines()[0])[0] == actual[2][0]


def test_a_missing_gold_file_is_the_documented_one_line_error(tmp_path):
    documented = "`Error: my-labels.jsonl: no such file`"
    assert documented in README and "exit code 2" in README.split(documented)[0][-200:]
    done = subprocess.run(
        [sys.executable, "-m", "paperkg", "evaluate", str(ROOT / "notes" / "iccv2023.md")]
        + ["--gold", "my-labels.jsonl"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 2
    assert done.stderr.strip() == "Error: my-labels.jsonl: no such file"


def test_query_endpoint_of_a_stopped_server_exits_1_as_documented():
    assert "`query --endpoint` to a server that is down" in README
    url = f"http://127.0.0.1:{free_port()}/query"
    done = subprocess.run(
        [sys.executable, "-m", "paperkg", "query", "top-rated", "--endpoint", url],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 1
    assert done.stderr.strip().splitlines() == [
        f"Error: {url}: cannot connect (connection refused; is the server running?)"
    ]


def test_readme_queries_return_rows_on_the_example_notes(example_build):
    queries = re.findall(r"```sparql\n(.*?)```", README, flags=re.S)
    assert len(queries) >= 3
    ds = load_store(example_build)
    try:
        for text in queries:
            assert run_query(ds, text).rows, text
    finally:
        ds.close()


def test_readme_has_two_setup_commands_and_ci_runs_the_test_one():
    setup = README.split("## Set up", 1)[1].split("\n## ", 1)[0]
    commands = re.findall(r"```sh\n(.*?)\n```", setup, flags=re.S)
    assert commands == ["pip install . && paperkg build notes/", "bash scripts/test.sh"]
    assert "exec bash scripts/test.sh" in (ROOT / ".ci" / "run").read_text()


def test_the_readme_python_examples_run_in_order(tmp_path, monkeypatch):
    """The API section's code blocks, run one after the other as a notebook would, in a
    folder holding what they read (the example notes, two test fixtures)."""
    shutil.copytree(ROOT / "notes", tmp_path / "notes")
    (tmp_path / "tests" / "fixtures").mkdir(parents=True)
    for name in ("nlp_related_forms.md", "gold_small.jsonl"):
        shutil.copy(ROOT / "tests" / "fixtures" / name, tmp_path / "tests" / "fixtures" / name)
    monkeypatch.chdir(tmp_path)
    blocks = re.findall(r"```python\n(.*?)```", README, flags=re.S)
    assert len(blocks) >= 3
    names: dict = {}
    for block in blocks:
        exec(compile(block, "README.md", "exec"), names)  # noqa: S102 (the README's own code)
    frame = names["frame"]
    assert len(frame) == len(names["kg"].papers()) and {"year", "authors", "tags"} <= set(frame)
    assert (tmp_path / "papers.graphml").exists() and (tmp_path / "papers.html").exists()
