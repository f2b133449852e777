"""Every error paperkg reports, in one place, each carrying the exit code the CLI ends with.

Library code raises these and never `SystemExit`: a notebook user catches `paperkg.errors.
PaperkgError` (or a narrower class), and the CLI turns any of them into one line on stderr
and `exit_code` (README, "Exit codes"). Each message is one line naming the file (and line)
or the endpoint at fault. Classes keep the builtin base they had before this module existed
(`ValueError`, `RuntimeError`), so older `except` clauses still catch them.
"""

from __future__ import annotations

EXIT_INTERNAL = 1  # a bug in paperkg
EXIT_REMOTE = 1  # a remote SPARQL endpoint failed; `validate` found violations
EXIT_INPUT = 2  # usage or input error: nothing was written
EXIT_STRICT = 3  # `build --strict` met warnings


class PaperkgError(Exception):
    """Base of every error paperkg raises on purpose; `exit_code` is the CLI's."""

    exit_code = EXIT_INTERNAL


class WorkerError(PaperkgError, RuntimeError):
    """A worker process of the build died (killed, out of memory): nothing is written."""


class InputError(PaperkgError, ValueError):
    """Bad input or usage (a file, a folder, a query, a parameter): nothing was written."""

    exit_code = EXIT_INPUT


class NotesError(InputError):
    """A notes file that cannot be read at all; the message names the file."""


class VocabularyError(InputError):
    """A vocabulary file that cannot be used; the message is one line naming the file."""


class StoreError(InputError, RuntimeError):
    """No usable store where one was expected; the message says what to run."""


class OutputError(InputError):
    """The output folder cannot be written (full disk, read-only, vanished)."""


class QueryError(InputError):
    """A query that cannot run; the message is one line, with line and column when known."""


class ServeError(InputError, RuntimeError):
    """`paperkg serve` could not start or keep the Oxigraph server (not installed, a port
    taken, the server stopped); the message is one line."""


class StrictError(PaperkgError):
    """`build --strict` met warnings; they are in `warnings`, the outputs left unchanged."""

    exit_code = EXIT_STRICT

    def __init__(self, warnings: tuple[str, ...]) -> None:
        super().__init__(f"{len(warnings)} warning(s) with --strict; outputs left unchanged")
        self.warnings = tuple(warnings)


class RemoteError(PaperkgError, RuntimeError):
    """A SPARQL endpoint failed or refused a request; the message names the endpoint."""

    exit_code = EXIT_REMOTE


class EndpointError(RemoteError):
    """The endpoint could not be reached or refused the request; the message is one line.

    `status` is the HTTP status (None when nothing answered), `detail` the server's first line.
    """

    def __init__(self, message: str, status: int | None = None, detail: str = "") -> None:
        super().__init__(message)
        self.status = status
        self.detail = detail


class PushError(RemoteError):
    """Something in the graph cannot be pushed; the message is one line."""
