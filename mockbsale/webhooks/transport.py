"""A lean HTTP/1.1 client for webhook deliveries, the dispatcher's `LeanClient`.

A delivery needs one thing from the answer: its status. httpx's client and transport (URL merging,
cookies, `Request` and `Response` models, httpcore, h11, anyio) spent about four times the CPU of
a bare exchange on the socket; this client writes the request's bytes on a keep-alive connection
(kept per host and port) and reads just enough of the answer to know its status and where its body
ends (`Content-Length`, chunked, or the connection's end). The request is the one httpx sends
(`REQUEST_HEAD`: the same headers in the same order, without `Accept-Encoding`). Anything but plain
`http://` goes through an `httpx.AsyncClient`. Errors are httpx's: `ConnectError`, `ConnectTimeout`,
`ReadTimeout`, `WriteTimeout`, `ReadError`, `WriteError`, `RemoteProtocolError`, so the dispatcher
reads them as it would httpx's.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from typing import Any

import httpx

Connection = tuple[asyncio.StreamReader, asyncio.StreamWriter]
Target = tuple[tuple[str, int], bytes]
"""(host and port to connect to, the request's head up to its `Content-Length` value)."""
MAX_IDLE = 16
"""Idle keep-alive connections kept per host and port (the dispatcher has a few workers)."""
MAX_TARGETS = 256
"""URLs whose parsed form is kept (a few subscriptions each have one); past it the cache starts over."""
MAX_HEAD = 64 * 1024
"""An answer's status line and headers longer than this are a protocol error."""
MAX_BODY = 64 * 1024
"""How much of an answer's body is kept (only its status matters to a delivery); past it the rest
is not read and the connection is closed, so a receiver that answers without end costs no memory."""
DROPPED_HEADERS = (b"content-encoding", b"transfer-encoding", b"content-length")
"""Headers of the answer not passed on: its body is handed over as read, already unframed."""
REQUEST_HEAD = b"POST %s HTTP/1.1\r\nHost: %s\r\nAccept: */*\r\nConnection: keep-alive\r\nUser-Agent: %s\r\n"
"""What httpx's client sends before the caller's headers (its `Accept-Encoding` left out: the body is not read)."""
USER_AGENT = f"python-httpx/{httpx.__version__}".encode()


class StaleConnection(Exception):
    """A kept connection the peer had closed before answering: the request is sent again on a new one."""


@dataclass(frozen=True)
class Answer:
    """What a delivery learns of an answer: its status, headers and (at most `MAX_BODY` of) its body."""

    status_code: int
    headers: list[tuple[bytes, bytes]]
    content: bytes


class LeanClient:
    """POSTs bodies over HTTP/1.1 keep-alive connections (`post`, `aclose`), as `httpx.AsyncClient(trust_env=False)`
    would for what a delivery needs."""

    def __init__(self) -> None:
        self._idle: dict[tuple[str, int], list[Connection]] = {}
        self._targets: dict[tuple[str, tuple[tuple[str, str], ...]], Target | None] = {}
        self._fallback: httpx.AsyncClient | None = None

    async def post(self, url: str, *, content: bytes, headers: dict[str, str],
                   timeout: float | None) -> Answer | httpx.Response:
        """POST `content` to `url` with `headers` (after httpx's own, none of which they repeat);
        `timeout` bounds connecting, writing and reading, each."""
        target = self._target(url, headers)
        if target is None:
            if self._fallback is None:
                self._fallback = httpx.AsyncClient(trust_env=False, transport=httpx.AsyncHTTPTransport())
            return await self._fallback.post(url, content=content, headers=headers, timeout=timeout)
        key, head = target
        message = b"%s%d\r\n\r\n%s" % (head, len(content), content)
        while True:
            connection, reused = await self._connection(key, timeout)
            try:
                status, answer_headers, body, keep = await exchange(connection, message, timeout, reused)
            except StaleConnection:
                connection[1].close()
                continue
            except BaseException:
                connection[1].close()
                raise
            idle = self._idle.setdefault(key, [])
            if keep and len(idle) < MAX_IDLE:
                idle.append(connection)
            else:
                connection[1].close()
            return Answer(status, answer_headers, body)

    async def aclose(self) -> None:
        for connections in self._idle.values():
            for _, writer in connections:
                writer.close()
        self._idle.clear()
        if self._fallback is not None:
            await self._fallback.aclose()

    def _target(self, url: str, headers: dict[str, str]) -> Target | None:
        """Where `url` goes and the head of its request, parsed once per URL and headers; None if not plain http."""
        cache_key = (url, tuple(headers.items()))
        if cache_key not in self._targets:
            if len(self._targets) >= MAX_TARGETS:
                self._targets.clear()
            self._targets[cache_key] = request_target(httpx.URL(url), headers)
        return self._targets[cache_key]

    async def _connection(self, key: tuple[str, int], timeout: float | None) -> tuple[Connection, bool]:
        """An idle kept connection (True), or a new one (False)."""
        idle = self._idle.get(key, [])
        while idle:
            reader, writer = idle.pop()
            if not reader.at_eof() and not writer.is_closing():
                return (reader, writer), True
            writer.close()
        try:
            async with asyncio.timeout(timeout):
                return await asyncio.open_connection(*key), False
        except TimeoutError:
            raise httpx.ConnectTimeout(f"connection to {key[0]}:{key[1]} timed out") from None
        except OSError as error:
            raise httpx.ConnectError(str(error) or type(error).__name__) from None


def request_target(url: httpx.URL, headers: dict[str, str]) -> Target | None:
    """The connection key and request head for a plain `http://` URL (as httpx's client would write
    it: `Host` without a default port), else None."""
    if url.scheme != "http" or not url.host:
        return None
    fields = b"".join(b"%s: %s\r\n" % (name.encode("ascii"), value.encode("ascii"))
                      for name, value in headers.items())
    head = REQUEST_HEAD % (url.raw_path, url.netloc, USER_AGENT) + fields + b"Content-Length: "
    return (url.host, url.port or 80), head


async def exchange(connection: Connection, message: bytes, timeout: float | None,
                   reused: bool) -> tuple[int, list[Any], bytes, bool]:
    """Write `message` and read its answer, each within `timeout`."""
    reader, writer = connection
    try:
        async with asyncio.timeout(timeout):
            writer.write(message)
            await writer.drain()
    except TimeoutError:
        raise httpx.WriteTimeout("writing the request timed out") from None
    except OSError as error:
        raise stale_or(error, reused, httpx.WriteError) from None
    try:
        async with asyncio.timeout(timeout):
            return await read_answer(reader)
    except TimeoutError:
        raise httpx.ReadTimeout("reading the answer timed out") from None
    except asyncio.IncompleteReadError as error:
        if reused and not error.partial:
            raise StaleConnection from error
        raise httpx.RemoteProtocolError("the peer closed the connection before a full answer") from None
    except (asyncio.LimitOverrunError, ValueError, IndexError):
        raise httpx.RemoteProtocolError("malformed HTTP answer") from None
    except OSError as error:
        raise stale_or(error, reused, httpx.ReadError) from None


def stale_or(error: OSError, reused: bool, kind: type[httpx.TransportError]) -> Exception:
    """A failure on a kept connection means the peer had closed it (send again); else httpx's `kind`."""
    if reused:
        return StaleConnection()
    return kind(str(error) or type(error).__name__)


async def read_answer(reader: asyncio.StreamReader) -> tuple[int, list[Any], bytes, bool]:
    """(status, headers, body, whether the connection can be used again) of one HTTP/1.x answer to a POST;
    interim 1xx answers are skipped."""
    while True:
        head = await reader.readuntil(b"\r\n\r\n")
        if len(head) > MAX_HEAD:
            raise ValueError("answer head too long")
        lines = head[:-4].split(b"\r\n")
        version, status_text = lines[0].split(b" ", 2)[:2]
        status = int(status_text)
        if not 100 <= status < 200 or status == 101:
            break
    fields = [line.split(b":", 1) for line in lines[1:] if line]
    headers = {name.strip().lower(): value.strip() for name, value in fields}
    keep = version == b"HTTP/1.1" and headers.get(b"connection", b"").lower() != b"close"
    if status in (204, 304):
        body = b""
    elif b"chunked" in headers.get(b"transfer-encoding", b"").lower():
        body, whole = await read_chunks(reader)
        keep = keep and whole
    elif b"content-length" in headers:
        length = int(headers[b"content-length"])
        body = await reader.readexactly(min(length, MAX_BODY))
        keep = keep and length <= MAX_BODY
    else:
        body, keep = await read_until_closed(reader), False
    kept = [(name.strip(), value.strip()) for name, value in fields if name.strip().lower() not in DROPPED_HEADERS]
    return status, kept, body, keep


async def read_chunks(reader: asyncio.StreamReader) -> tuple[bytes, bool]:
    """A chunked body, up to `MAX_BODY`; and whether it was read whole (the connection can go on)."""
    parts: list[bytes] = []
    kept = 0
    while True:
        size = int((await reader.readuntil(b"\r\n")).split(b";", 1)[0].strip(), 16)
        if size == 0:
            while (await reader.readuntil(b"\r\n")) != b"\r\n":
                pass
            return b"".join(parts), True
        if kept + size > MAX_BODY:
            parts.append(await reader.readexactly(MAX_BODY - kept))
            return b"".join(parts), False
        parts.append((await reader.readexactly(size + 2))[:-2])
        kept += size


async def read_until_closed(reader: asyncio.StreamReader) -> bytes:
    """A body that ends when the peer closes, up to `MAX_BODY`."""
    parts: list[bytes] = []
    kept = 0
    while kept < MAX_BODY and (part := await reader.read(MAX_BODY - kept)):
        parts.append(part)
        kept += len(part)
    return b"".join(parts)
