"""Work done in a forked child process, whose failure the parent gets as a clear error.

A build's last stage is pure Python (GIL-bound) or Rust working on what the parent already
holds in memory: a forked child starts with all of it and needs nothing sent, so on a
second core it writes some outputs or loads the store while the parent does the rest.

Forking is only safe while the parent runs no other thread (a lock another thread holds at
the fork stays held forever in the child, and a library that started threads thinks they
still run), so `fork_available` says no when one is alive, Python's or not; the build then
does the same work with a thread and in turn. A child always ends with `os._exit`: it must
not run the parent's atexit handlers, flush the parent's buffered output a second time, or
unwind into the parent's code. It reports "ok" or its error through a pipe, and the parent
raises `ChildFailed` with that error.
"""

from __future__ import annotations

import contextlib
import os
import signal
import struct
import traceback
from collections.abc import Callable, Iterator

from paperkg.errors import PaperkgError
from paperkg.run.workers import fork_safe, usable_cpus

_LENGTH = struct.Struct("<Q")


class ChildFailed(PaperkgError, RuntimeError):
    """A forked child did not finish its work: its error, or how it died."""


def fork_available() -> bool:
    """Whether work can go to a forked child: fork exists (not on Windows), there is a
    second CPU to run it on, and no thread runs that a child could need.

    That is no other Python thread, and no RocksDB thread: a process that ever opened an
    Oxigraph store keeps RocksDB's background threads, and a child forked from it that
    opens a store waits forever for work those threads will never do (seen: a second
    build in one test process). Native threads are read from /proc/self/task; where it
    cannot be read (not Linux), nothing is forked. OpenBLAS's idle pool (numpy, under
    spaCy) is let be: the children run no BLAS, and OpenBLAS resets its pool at a fork."""
    if not fork_safe() or usable_cpus() < 2:
        return False
    try:
        tasks = os.listdir("/proc/self/task")
    except OSError:
        return False
    for task in tasks:
        try:
            with open(f"/proc/self/task/{task}/comm", encoding="utf-8") as comm:
                name = comm.read().strip()
        except OSError:  # the thread ended meanwhile
            continue
        if name.startswith("rocksdb"):
            return False
    return True


class Inbox:
    """The child's end of the parent's messages: length-prefixed byte strings."""

    def __init__(self, fd: int) -> None:
        self._file = os.fdopen(fd, "rb")

    def __iter__(self) -> Iterator[bytes]:
        """Each message in turn, until the parent's `close`; EOF before it (the parent died
        or gave up) raises, so the child stops without finishing a half-sent job."""
        while True:
            head = self._file.read(_LENGTH.size)
            if len(head) < _LENGTH.size:
                raise EOFError("the parent stopped sending before the end")
            (size,) = _LENGTH.unpack(head)
            if size == 0:
                return
            body = self._file.read(size - 1)
            if len(body) < size - 1:
                raise EOFError("the parent stopped sending in a message")
            yield body


class Child:
    """`work(inbox)` running in a forked child process; `wait` returns once it succeeded.

    `name` says what the child does, for the parent's error message. Use it as a context
    manager: leaving the block by an exception kills the child and reaps it.
    """

    def __init__(self, name: str, work: Callable[[Inbox], None]) -> None:
        self.name = name
        inbox_read, self._inbox = os.pipe()
        status_read, status_write = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: never returns
            os.close(self._inbox)
            os.close(status_read)
            _run_child(work, inbox_read, status_write)
        self.pid = pid
        os.close(inbox_read)
        os.close(status_write)
        self._status = status_read

    def send(self, message: bytes) -> None:
        """Pass a message to the child (kept small: a pipe holds 64 KB before it blocks)."""
        try:
            _write_all(self._inbox, _LENGTH.pack(len(message) + 1) + message)
        except BrokenPipeError:  # the child has ended already: its error says why
            self.wait()
            raise ChildFailed(f"{self.name} ended before all its work was sent") from None

    def close(self) -> None:
        """Tell the child that no more messages come."""
        if self._inbox >= 0:
            with contextlib.suppress(BrokenPipeError):  # a child that reads none has ended
                _write_all(self._inbox, _LENGTH.pack(0))
            os.close(self._inbox)
            self._inbox = -1

    def wait(self) -> None:
        """Wait for the child to finish; `ChildFailed` with its error if it did not."""
        self.close()
        with os.fdopen(self._status, "rb") as status:
            self._status = -1
            report = status.read()
        _, code = os.waitpid(self.pid, 0)
        self.pid = 0
        if code == 0 and report == b"ok":
            return
        if os.WIFSIGNALED(code):
            how = f"killed by signal {os.WTERMSIG(code)}"
        else:
            how = report.decode("utf-8", "replace").strip() or f"exit status {code}"
        raise ChildFailed(f"{self.name} failed in its child process: {how}")

    def kill(self) -> None:
        """Stop the child at once and reap it (the parent gives up on its work)."""
        for fd in (self._inbox, self._status):
            if fd >= 0:
                os.close(fd)
        self._inbox = self._status = -1
        if not self.pid:
            return
        with contextlib.suppress(ProcessLookupError):
            os.kill(self.pid, signal.SIGKILL)
        os.waitpid(self.pid, 0)
        self.pid = 0

    def __enter__(self) -> Child:
        return self

    def __exit__(self, kind, value, tb) -> None:
        if kind is not None:
            self.kill()


def _run_child(work: Callable[[Inbox], None], inbox: int, status: int) -> None:
    """The child's whole life: do the work, report, `os._exit` whatever happens."""
    code = 1
    try:
        try:
            work(Inbox(inbox))
            report, code = b"ok", 0
        except BaseException as err:  # noqa: BLE001 - everything goes to the parent
            where = traceback.extract_tb(err.__traceback__)[-1:]
            at = f" (at {where[0].filename}:{where[0].lineno})" if where else ""
            report = f"{type(err).__name__}: {err}{at}".encode("utf-8", "replace")
        _write_all(status, report)
    finally:
        os._exit(code)


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]
