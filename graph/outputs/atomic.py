"""Write files and whole builds so that readers see the old outputs or the new, never half.

A build is written into a hidden staging folder inside the output folder (same file system,
so renames are atomic) and published at the end by renaming each output over the old one;
a failed or killed build leaves the previous outputs as they were, and the next build
removes what a killed one left behind.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

STAGE_PREFIX = ".build-"
_OLD = re.compile(r"^\.[^/]+-old-[0-9a-f]{8}$")  # replace_dir's name for the folder it replaces
OWNER_FILE = ".owner-pid"  # the staging folder's builder, so a later build knows it is dead


def write_atomic(path: str | Path, write: Callable[[BinaryIO], None]) -> Path:
    """Call `write` on a temporary file beside `path`, then rename it over `path`."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            write(handle)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return target


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_text_atomic(path: str | Path, text: str) -> Path:
    """UTF-8 text, atomically (pyvis and friends open files without an encoding)."""
    return write_atomic(path, lambda handle: handle.write(text.encode("utf-8")))


def replace_dir(new: Path, live: Path) -> None:
    """Put folder `new` in place of `live` by renames (a folder cannot be renamed over another).

    Between the two renames `live` is missing for an instant; `remove_stale` puts the old
    one back if a build was killed right there.
    """
    old = live.with_name(f".{live.name}-old-{uuid.uuid4().hex[:8]}")
    if live.exists():
        os.replace(live, old)
    os.replace(new, live)
    shutil.rmtree(old, ignore_errors=True)


@contextmanager
def staged_folder(out_dir: str | Path) -> Iterator[Path]:
    """Yield a fresh staging folder inside `out_dir`; publish its entries there on success.

    Files replace their namesakes atomically, folders (the store) by `replace_dir`, folders
    last so the store is never newer than the files beside it. On an exception nothing in
    `out_dir` changes.
    """
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    remove_stale(out)
    stage = Path(tempfile.mkdtemp(prefix=STAGE_PREFIX, dir=out))
    (stage / OWNER_FILE).write_text(str(os.getpid()))
    try:
        yield stage
        # the owner file stays until the stage is removed: a stage without one is not ours
        entries = sorted(
            (p for p in stage.iterdir() if p.name != OWNER_FILE),
            key=lambda p: (p.is_dir(), p.name),
        )
        for entry in entries:
            if entry.is_dir():
                replace_dir(entry, out / entry.name)
            else:
                os.replace(entry, out / entry.name)
        _fsync_dir(out)
    finally:
        shutil.rmtree(stage, ignore_errors=True)


def remove_stale(out: Path) -> None:
    """Clear what killed builds left in `out`: staging folders and half-swapped folders.

    Only folders by paperkg's own names are touched (a staging folder holds its owner file,
    a half-swapped one ends in `-old-` and 8 hex digits): a user's `.build-x` is not ours.
    """
    for stage in sorted(out.glob(STAGE_PREFIX + "*")):
        if stage.is_dir() and (stage / OWNER_FILE).is_file() and not _owner_alive(stage):
            shutil.rmtree(stage, ignore_errors=True)
    for old in sorted(out.glob(".*-old-*")):
        if not _OLD.match(old.name):
            continue
        name = old.name[1:].rsplit("-old-", 1)[0]
        live = out / name
        if old.is_dir() and name and not live.exists():
            os.replace(old, live)  # killed between the two renames of replace_dir
        elif old.is_dir():
            shutil.rmtree(old, ignore_errors=True)


def _owner_alive(stage: Path) -> bool:
    try:
        pid = int((stage / OWNER_FILE).read_text())
    except (OSError, ValueError):
        return False
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _fsync_dir(path: Path) -> None:
    """Make the renames durable; not every platform can open a folder, which is fine."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
