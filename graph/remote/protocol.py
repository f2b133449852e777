"""The SPARQL 1.1 Protocol from the client side: one HTTP POST, and one-line errors.

`query --endpoint` and `push` talk to servers paperkg does not control (Oxigraph, Fuseki,
GraphDB, Virtuoso, Neptune); the standard library's urllib is enough for the protocol, and
every failure a user can meet (nothing listening, bad credentials, a refused update) must
end as one readable line that never contains the password.
"""

from __future__ import annotations

import base64
import socket
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass

from paperkg.errors import EndpointError

TIMEOUT = 60.0


@dataclass(frozen=True)
class Credentials:
    """HTTP basic credentials; repr hides the password so it never reaches a log or message."""

    user: str
    password: str

    def __repr__(self) -> str:
        return f"Credentials(user={self.user!r}, password=***)"

    def header(self) -> str:
        token = base64.b64encode(f"{self.user}:{self.password}".encode()).decode("ascii")
        return "Basic " + token


@dataclass(frozen=True)
class Response:
    content_type: str
    body: bytes


def check_url(url: str) -> str:
    """Only http(s) URLs: urllib would also open file:// and ftp://, which no endpoint is."""
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise EndpointError(f"{url}: not an http(s) endpoint URL")
    return url


def post_form(
    url: str,
    fields: dict[str, str],
    accept: str = "*/*",
    credentials: Credentials | None = None,
    timeout: float = TIMEOUT,
) -> Response:
    """POST `fields` form-encoded (the protocol's portable way), returning type and body."""
    check_url(url)
    data = urllib.parse.urlencode(fields).encode("utf-8")
    request = urllib.request.Request(url, data=data, method="POST")
    request.add_header("Content-Type", "application/x-www-form-urlencoded; charset=UTF-8")
    request.add_header("Accept", accept)
    request.add_header("User-Agent", "paperkg")
    if credentials is not None:
        request.add_header("Authorization", credentials.header())
    try:
        with urllib.request.urlopen(request, timeout=timeout) as reply:  # noqa: S310 (checked)
            content_type = reply.headers.get_content_type()
            return Response(content_type, reply.read())
    except urllib.error.HTTPError as err:
        detail = _first_body_line(err)
        raise EndpointError(
            http_error_message(url, err.code, err.reason, detail), err.code, detail
        ) from None
    except urllib.error.URLError as err:
        raise EndpointError(f"{url}: cannot connect ({_reason(err.reason)})") from None
    except TimeoutError:
        raise EndpointError(f"{url}: no answer within {timeout:.0f} s") from None
    except (ConnectionError, OSError) as err:
        raise EndpointError(f"{url}: connection failed ({_reason(err)})") from None


def _reason(reason: object) -> str:
    if isinstance(reason, ConnectionRefusedError):
        return "connection refused; is the server running?"
    if isinstance(reason, socket.gaierror):
        return "unknown host"
    if isinstance(reason, OSError) and reason.strerror:
        return reason.strerror
    return str(reason)


def _first_body_line(err: urllib.error.HTTPError) -> str:
    try:
        lines = err.read().decode("utf-8", "replace").strip().splitlines()
    except OSError:
        return ""
    return lines[0].strip()[:300] if lines else ""


def http_error_message(url: str, code: int, reason: str | None, detail: str) -> str:
    """One line: status, what it usually means, and the first line the server said."""
    if code == 401:
        hint = "unauthorized; give --user/--password or PAPERKG_USER/PAPERKG_PASSWORD"
    elif code == 403:
        hint = "forbidden; the endpoint refuses this request (read-only?)"
    elif code == 404:
        hint = "not found; check the endpoint URL"
    else:
        hint = reason or "error"
    return f"{url}: HTTP {code} {hint}" + (f": {detail}" if detail else "")
