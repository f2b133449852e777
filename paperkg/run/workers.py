"""Tasks run in forked worker processes, their results back in task order.

Why not `concurrent.futures.ProcessPoolExecutor`: on Ctrl-C or any error its shutdown waits
for every queued task (a 12,000-paper build then runs on, or hangs), and killing its workers
takes private attributes. Here each worker is forked with its share of the tasks fixed up
front (balanced by the tasks' weights), sends one pickled answer through a pipe and ends
with `os._exit` (no parent atexit handlers, no second flush of the parent's buffers). The
parent kills and reaps every worker when it leaves by an exception, Ctrl-C included, and a
worker that dies without answering (the out-of-memory killer) is a `WorkerError`.
"""

from __future__ import annotations

import os
import pickle
import signal
import sys
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from paperkg.errors import WorkerError


def usable_cpus() -> int:
    """The CPUs this process may run on (its affinity where the platform says)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def fork_safe() -> bool:
    """Whether this process may fork workers: fork exists (not Windows), is not unsafe
    once system frameworks are loaded (macOS), and no other Python thread runs (a lock it
    holds at the fork would stay held in the child for ever)."""
    return hasattr(os, "fork") and sys.platform != "darwin" and threading.active_count() == 1


def balanced_shares(weights: Sequence[float], workers: int) -> list[list[int]]:
    """Task indices for each worker: heaviest first to the least loaded (within 4/3 of the
    best split), each share kept in task order so a worker meets a file's ranges together."""
    loads = [0.0] * workers
    shares: list[list[int]] = [[] for _ in range(workers)]
    for index in sorted(range(len(weights)), key=lambda i: (-weights[i], i)):
        least = min(range(workers), key=lambda w: (loads[w], w))
        loads[least] += weights[index]
        shares[least].append(index)
    return [sorted(share) for share in shares if share]


@dataclass
class _Worker:
    pid: int
    answer: int  # the read end of its pipe
    tasks: list[int]


@dataclass
class ForkedRun:
    """Workers at work on `tasks`; `results()` waits for them. Leave a `with` block by an
    exception, or call `stop()`, and they are killed."""

    workers: list[_Worker] = field(default_factory=list)
    count: int = 0

    def results(self) -> list[Any]:
        """Every task's result, in task order; a worker's exception is raised here."""
        out: list[Any] = [None] * self.count
        try:
            for worker in self.workers:
                fd, worker.answer = worker.answer, -1  # the file object closes it now
                with os.fdopen(fd, "rb") as answer:
                    data = answer.read()
                _, status = os.waitpid(worker.pid, 0)
                worker.pid = 0
                if not data:
                    raise WorkerError(_died(status))
                kind, value = pickle.loads(data)
                if kind == "error":
                    raise value
                for index, result in zip(worker.tasks, value, strict=True):
                    out[index] = result
        except BaseException:
            self.stop()
            raise
        self.workers = []
        return out

    def stop(self) -> None:
        """Kill and reap the workers still running (nothing is left behind)."""
        for worker in self.workers:
            if worker.pid:
                try:
                    os.kill(worker.pid, signal.SIGKILL)
                    os.waitpid(worker.pid, 0)
                except (ProcessLookupError, ChildProcessError):
                    pass
                worker.pid = 0
            if worker.answer >= 0:
                os.close(worker.answer)
                worker.answer = -1
        self.workers = []

    def __enter__(self) -> ForkedRun:
        return self

    def __exit__(self, kind, value, traceback) -> None:
        if kind is not None:
            self.stop()


def _died(status: int) -> str:
    how = (
        f"killed by signal {os.WTERMSIG(status)}"
        if os.WIFSIGNALED(status)
        else f"exit status {os.waitstatus_to_exitcode(status)}"
    )
    return (
        f"an extraction worker process died ({how}; out of memory?); nothing was written;"
        " try again with fewer workers: `paperkg build -j 1` or PAPERKG_WORKERS=1"
    )


def start_forked(
    work: Callable[[Any], Any],
    tasks: Sequence[Any],
    workers: int,
    weights: Sequence[float] | None = None,
) -> ForkedRun:
    """Fork up to `workers` processes that run `work` over their share of `tasks`.

    Call it only where fork is safe: no other thread in this process (`extract.parallel`).
    """
    run = ForkedRun(count=len(tasks))
    weights = weights if weights is not None else [1.0] * len(tasks)
    try:
        for share in balanced_shares(weights, min(workers, len(tasks))):
            read, write = os.pipe()
            pid = os.fork()
            if pid == 0:  # the worker
                os.close(read)
                _work_and_exit(work, [tasks[i] for i in share], write)
            os.close(write)
            run.workers.append(_Worker(pid, read, share))
    except BaseException:
        run.stop()
        raise
    return run


def _work_and_exit(work: Callable[[Any], Any], tasks: list[Any], answer: int) -> None:
    """In the worker: run the tasks, send ("ok", results) or ("error", exception), exit."""
    code = 0
    try:
        try:
            payload = pickle.dumps(("ok", [work(task) for task in tasks]), pickle.HIGHEST_PROTOCOL)
        except BaseException as err:  # noqa: BLE001 - the parent re-raises it
            code = 1
            try:
                payload = pickle.dumps(("error", err))
            except Exception:  # an exception that does not pickle: its text
                payload = pickle.dumps(("error", RuntimeError(f"{type(err).__name__}: {err}")))
        with os.fdopen(answer, "wb") as out:
            out.write(payload)
    finally:
        os._exit(code)
