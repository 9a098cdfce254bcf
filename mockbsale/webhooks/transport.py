"""A lean HTTP/1.1 transport for webhook deliveries, plugged into the dispatcher's `httpx.AsyncClient`.

A delivery needs one thing from the answer: its status. httpx's own transport (httpcore, h11,
anyio) spends several times the CPU of the whole API request that caused the notification; this
one writes the request's bytes on a keep-alive connection (kept per host and port) and reads just
enough of the answer to know its status and where its body ends (`Content-Length`, chunked, or
the connection's end). Anything but plain `http://` goes to httpx's own transport. Errors are
httpx's: `ConnectError`, `ConnectTimeout`, `ReadTimeout`, `WriteTimeout`, `ReadError`,
`RemoteProtocolError`, so the dispatcher reads them as before.
"""

from __future__ import annotations

import asyncio
from typing import Any

import httpx

Connection = tuple[asyncio.StreamReader, asyncio.StreamWriter]
MAX_IDLE = 16
"""Idle keep-alive connections kept per host and port (the dispatcher has a few workers)."""
MAX_HEAD = 64 * 1024
"""An answer's status line and headers longer than this are a protocol error."""
MAX_BODY = 64 * 1024
"""How much of an answer's body is kept (only its status matters to a delivery); past it the rest
is not read and the connection is closed, so a receiver that answers without end costs no memory."""
DROPPED_HEADERS = (b"content-encoding", b"transfer-encoding", b"content-length")
"""Headers of the answer not passed on: its body is handed over as read, already unframed."""


class StaleConnection(Exception):
    """A kept connection the peer had closed before answering: the request is sent again on a new one."""


class LeanTransport(httpx.AsyncBaseTransport):
    def __init__(self) -> None:
        self._idle: dict[tuple[str, int], list[Connection]] = {}
        self._fallback = httpx.AsyncHTTPTransport()

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        url = request.url
        if url.scheme != "http" or not url.host:
            return await self._fallback.handle_async_request(request)
        key = (url.host, url.port or 80)
        timeouts: dict[str, float | None] = request.extensions.get("timeout", {})
        content = await request.aread()
        headers = b"".join(name + b": " + value + b"\r\n" for name, value in request.headers.raw
                           if name.lower() != b"accept-encoding")
        message = b"%s %s HTTP/1.1\r\n%s\r\n%s" % (request.method.encode(), url.raw_path, headers, content)
        while True:
            connection, reused = await self._connection(key, timeouts.get("connect"))
            try:
                status, answer_headers, body, keep = await self._exchange(
                    connection, message, request.method, timeouts, reused)
            except StaleConnection:
                connection[1].close()
                continue
            except BaseException:
                connection[1].close()
                raise
            if keep and len(self._idle.setdefault(key, [])) < MAX_IDLE:
                self._idle[key].append(connection)
            else:
                connection[1].close()
            return httpx.Response(status, headers=answer_headers, content=body, request=request)

    async def aclose(self) -> None:
        for connections in self._idle.values():
            for _, writer in connections:
                writer.close()
        self._idle.clear()
        await self._fallback.aclose()

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

    async def _exchange(self, connection: Connection, message: bytes, method: str,
                        timeouts: dict[str, float | None], reused: bool) -> tuple[int, list[Any], bytes, bool]:
        reader, writer = connection
        try:
            async with asyncio.timeout(timeouts.get("write")):
                writer.write(message)
                await writer.drain()
        except TimeoutError:
            raise httpx.WriteTimeout("writing the request timed out") from None
        except OSError as error:
            raise stale_or(error, reused, httpx.WriteError) from None
        try:
            async with asyncio.timeout(timeouts.get("read")):
                return await read_answer(reader, method)
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


async def read_answer(reader: asyncio.StreamReader, method: str) -> tuple[int, list[Any], bytes, bool]:
    """(status, headers, body, whether the connection can be used again) of one HTTP/1.x answer;
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
    if method == "HEAD" or status in (204, 304):
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
