"""`paperkg build NOTES --watch`: rebuild on save, one line per rebuild, until Ctrl-C.

The watching process keeps spaCy, its pipeline, the vocabulary and the records of unchanged
notes files loaded between rebuilds, so a save costs the rebuild, not the imports: that is
most of what makes the edit loop fast (README.md, "Watching notes").

Saves are grouped into batches (paperkg/run/save_batches.py): a lone save is rebuilt at
once, a burst of saves, as an editor's autosave makes, is one rebuild or a few. Each rebuild
is an ordinary build (paperkg/run/outputs.py): all or nothing, so a rebuild that fails (a
file saved half-written, a notes error) keeps the last good outputs and prints why, and the
watch goes on. Saves made during a rebuild wait in the watcher for the next round; those
made before the watcher was set up, during the first build, the no-op check
(paperkg/run/manifest.py) finds.
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from paperkg.errors import PaperkgError
from paperkg.extract.reading.finding import NotesSearch
from paperkg.run.incremental import keep_records_in_memory
from paperkg.run.manifest import BuildState
from paperkg.run.save_batches import SaveBatches
from paperkg.run.warm import WarmBuild

MAX_SHOWN = 3  # changed files named in a rebuild's line; the rest counted

Echo = Callable[[str, bool], None]  # a line, and whether it goes to stderr


@dataclass(frozen=True)
class WatchOptions:
    """What every rebuild of a watch is built with (the options of `paperkg build`)."""

    notes: tuple[str, ...]
    out: str
    vocab: tuple[str, ...] = ()
    html: bool = True
    strict: bool = False
    quiet: bool = False
    workers: int | None = None
    search: NotesSearch | None = None
    force: bool = False


def watched_folders(options: WatchOptions) -> list[Path]:
    """The folders to watch: each notes folder, and the folder of each notes or vocabulary
    file (a file saved by rename, or deleted and made again, is seen there)."""
    folders: set[Path] = set()
    for raw in (*options.notes, *options.vocab):
        path = Path(raw).resolve()
        folders.add(path if path.is_dir() else path.parent)
    # a folder inside another watched one is watched already (watchfiles is recursive)
    return sorted(f for f in folders if not any(p in f.parents for p in folders))


class Relevance:
    """Which changed paths are inputs of the build: notes files (*.md in a notes folder, or
    a notes file given by name) and vocabulary files; never the output folder's own files."""

    def __init__(self, options: WatchOptions) -> None:
        self.files = {Path(p).resolve() for p in (*options.notes, *options.vocab)}
        self.folders = [p for p in self.files if p.is_dir()]
        self.out = Path(options.out).resolve()

    def __call__(self, path: Path) -> bool:
        if path == self.out or self.out in path.parents:
            return False
        if path in self.files:
            return True
        return path.suffix.lower() == ".md" and any(f in path.parents for f in self.folders)


def describe(changes: Iterable[tuple[str, Path]]) -> str:
    """'a.md changed, b.md deleted' for a rebuild's line, shortest paths the user knows."""
    by_path: dict[Path, str] = {}
    for kind, path in changes:
        by_path[path] = kind  # the last event of a path says what it is now
    items = sorted(by_path.items())
    shown = [f"{_shown(path)} {kind}" for path, kind in items[:MAX_SHOWN]]
    more = len(items) - MAX_SHOWN
    return ", ".join(shown) + (f" and {more} more" if more > 0 else "")


def _shown(path: Path) -> str:
    try:
        rel = os.path.relpath(path)
    except ValueError:
        return str(path)
    return str(path) if rel.startswith("..") else rel


def _outputs_present(out: Path) -> bool:
    return (out / "store").is_dir() and (out / "graph.ttl").is_file()


class Watcher:
    """One watch: builds, and says so in one line each."""

    def __init__(self, options: WatchOptions, echo: Echo) -> None:
        self.options = options
        self.echo = echo
        self.state = BuildState(options.out)
        self.warm = WarmBuild()  # each file's graph, kept between rebuilds

    def build(self, why: str) -> bool:
        """One rebuild and its line; False if it failed (the last outputs stay)."""
        from paperkg.run.outputs import build_outputs

        o = self.options
        start = time.perf_counter()
        try:
            report = build_outputs(
                o.notes,
                o.out,
                o.vocab,
                o.html,
                o.strict,
                o.workers,
                o.search,
                o.force,
                warm=self.warm,
            )
        except PaperkgError as err:
            self._warnings(getattr(err, "warnings", ()))
            self.echo(f"{why}: error: {err} (the last good outputs stay)", True)
            return False
        except OSError as err:
            self.echo(f"{why}: error: cannot write the outputs ({err}); the last stay", True)
            return False
        self._warnings(report.warnings if not report.up_to_date else ())
        seconds = time.perf_counter() - start
        line = report.summary_line()
        self.echo(f"{why}: {line.rsplit(' in ', 1)[0]} in {seconds:.2f} s", False)
        return True

    def _warnings(self, warnings: Sequence[str]) -> None:
        if not self.options.quiet:
            for warning in warnings:
                self.echo(f"warning: {warning}", True)

    def settle(self, why: str) -> bool:
        """Build; False if it failed. Saves made while it runs are not lost: the watcher
        holds their events for the next round."""
        return self.build(why)

    def run(self) -> None:
        """Watch until Ctrl-C."""
        o = self.options
        out = Path(o.out)
        relevant = Relevance(o)
        folders = watched_folders(o)
        ok = self.settle("start")
        _warm_pipeline(o)
        batches = SaveBatches(folders, relevant)
        try:
            # the watcher is set up by now: a save from here on is seen; one made before it,
            # during the first build, the state check finds. "watching" is said after that
            # check, so that what a user does on reading it (a save, removing the outputs)
            # is the loop's next event, not part of the check
            if ok and self.state.check(o.notes, o.vocab, o.html, o.search) is None:
                ok = self.settle("changed during the first build")
            where = ", ".join(_shown(f) for f in folders)
            self.echo(f"watching {where} for changes (Ctrl-C stops)", True)
            while True:
                changes = batches.next()
                if changes:
                    ok = self.settle(describe(changes))
                elif not _outputs_present(out):
                    ok = self.settle("output folder missing, full build")
        finally:
            batches.close()


def _warm_pipeline(options: WatchOptions) -> None:
    """Compile the spaCy pipeline before the first save, which then costs its file's NLP
    only: a first build that reused every file's records compiled none (1-2 s at the first
    save otherwise). Saves made meanwhile the state check finds, as those of the first build."""
    from paperkg.extract.language.pipeline import build_nlp
    from paperkg.extract.language.vocabulary import load_vocabulary

    with contextlib.suppress(PaperkgError):  # a bad vocabulary file: the next build says so
        build_nlp(load_vocabulary(options.vocab))


def watch_build(options: WatchOptions, echo: Echo) -> None:
    """Build, then rebuild on every save until Ctrl-C; outputs are always those of the last
    completed build (a rebuild interrupted by Ctrl-C is dropped whole)."""
    keep_records_in_memory()
    try:
        Watcher(options, echo).run()
    except KeyboardInterrupt:
        echo("stopped", True)
