"""The webhooks' lean HTTP/1.1 client against real peers on loopback that answer in the ways
HTTP/1.1 allows: chunked, with no length until the connection ends, after a `100 Continue`,
closing a kept connection, answering nothing, or not listening at all."""

from __future__ import annotations

import asyncio
import socket
from collections.abc import Awaitable, Callable

import httpx
import pytest

from mockbsale.webhooks.transport import MAX_BODY, Answer, LeanClient

Answering = Callable[[asyncio.StreamReader, asyncio.StreamWriter, int], Awaitable[bool]]
"""Answers request number n on a connection; False closes the connection."""
HEADERS = {"Content-Type": "application/json"}


async def read_request(reader: asyncio.StreamReader) -> bytes:
    head = await reader.readuntil(b"\r\n\r\n")
    length = next(line for line in head.lower().split(b"\r\n") if line.startswith(b"content-length"))
    return await reader.readexactly(int(length.split(b":")[1]))


def answering(raw: bytes, keep: bool) -> Answering:
    """Reads each request and writes `raw`; `keep` False closes the connection after it."""

    async def answer(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, number: int) -> bool:
        await read_request(reader)
        writer.write(raw)
        await writer.drain()
        return keep

    return answer


async def post_all(answer: Answering, count: int, timeout: float = 5.0) -> tuple[list[Answer | httpx.Response], int]:
    """POST `count` bodies through one lean client; the answers and the connections opened."""
    connections = 0

    async def serve(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        nonlocal connections
        connections += 1
        number = 0
        try:
            while await answer(reader, writer, number):
                number += 1
        except (asyncio.IncompleteReadError, ConnectionError):
            pass
        writer.close()

    server = await asyncio.start_server(serve, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    client = LeanClient()
    async with server:
        answers = []
        try:
            for number in range(count):
                answers.append(await client.post(f"http://127.0.0.1:{port}/hook?n={number}",
                                                 content=b'{"n": %d}' % number, headers=HEADERS, timeout=timeout))
                await asyncio.sleep(0.05)
        finally:
            await client.aclose()
    return answers, connections


def test_chunked_answers_keep_the_connection() -> None:
    async def chunked(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, number: int) -> bool:
        body = await read_request(reader)
        writer.write(b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nok \r\n%x\r\n%s\r\n0\r\n\r\n"
                     % (len(body), body))
        await writer.drain()
        return True

    answers, connections = asyncio.run(post_all(chunked, 3))
    assert [(answer.status_code, answer.content) for answer in answers] == [
        (200, b'ok {"n": %d}' % n) for n in range(3)]
    assert connections == 1


def test_an_answer_ended_by_closing_is_read_whole_and_the_next_request_reconnects() -> None:
    closing = answering(b"HTTP/1.1 500 Internal Server Error\r\nConnection: close\r\n\r\nboom", keep=False)
    answers, connections = asyncio.run(post_all(closing, 2))
    assert [(answer.status_code, answer.content) for answer in answers] == [(500, b"boom")] * 2
    assert connections == 2


def test_a_kept_connection_the_peer_closed_is_replaced() -> None:
    # closes without saying so: the client's kept connection goes stale
    one_per_connection = answering(b"HTTP/1.1 204 No Content\r\n\r\n", keep=False)
    answers, connections = asyncio.run(post_all(one_per_connection, 3))
    assert [answer.status_code for answer in answers] == [204] * 3
    assert connections == 3


def test_interim_answers_are_skipped() -> None:
    continuing = answering(b"HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 201 Created\r\nContent-Length: 2\r\n\r\nok", True)
    answers, _ = asyncio.run(post_all(continuing, 2))
    assert [(answer.status_code, answer.content) for answer in answers] == [(201, b"ok")] * 2


def test_silence_is_a_read_timeout_and_garbage_a_protocol_error() -> None:
    async def silent(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, number: int) -> bool:
        await read_request(reader)
        await asyncio.sleep(5)
        return False

    with pytest.raises(httpx.ReadTimeout):
        asyncio.run(post_all(silent, 1, timeout=0.2))
    with pytest.raises(httpx.RemoteProtocolError):
        asyncio.run(post_all(answering(b"HTTP/1.1 abc\r\n\r\n", keep=False), 1))


def test_nobody_listening_is_a_connect_error() -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]

    async def post() -> None:
        client = LeanClient()
        try:
            await client.post(f"http://127.0.0.1:{port}/hook", content=b"{}", headers=HEADERS, timeout=5.0)
        finally:
            await client.aclose()

    with pytest.raises(httpx.ConnectError):
        asyncio.run(post())


@pytest.mark.parametrize("framing", ["content-length", "chunked", "until-closed"])
def test_an_endless_answer_is_kept_up_to_its_cap_and_its_connection_closed(framing: str) -> None:
    """A receiver that answers 200 and then streams without end: the delivery gets its status at
    once, keeps at most MAX_BODY of the body, and the next request opens a new connection."""

    async def endless(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, number: int) -> bool:
        await read_request(reader)
        head = {"content-length": b"Content-Length: 1000000000\r\n", "chunked": b"Transfer-Encoding: chunked\r\n",
                "until-closed": b""}[framing]
        writer.write(b"HTTP/1.1 200 OK\r\n" + head + b"\r\n")
        block = b"x" * 65536
        for _ in range(8):
            writer.write(b"%x\r\n%s\r\n" % (len(block), block) if framing == "chunked" else block)
            await writer.drain()
        await asyncio.sleep(1.0)
        return False

    answers, connections = asyncio.run(post_all(endless, 2))
    assert [answer.status_code for answer in answers] == [200, 200]
    assert all(len(answer.content) == MAX_BODY for answer in answers)
    assert connections == 2


def test_the_request_is_the_one_httpx_sends_without_accept_encoding() -> None:
    """Same request line, headers (order and case) and body as `httpx.AsyncClient(trust_env=False)`
    writes for the same POST, less `Accept-Encoding` (the answer's body is never decoded)."""
    heads: list[bytes] = []

    async def keep_head(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        head = await reader.readuntil(b"\r\n\r\n")
        length = next(line for line in head.lower().split(b"\r\n") if line.startswith(b"content-length"))
        heads.append(head + await reader.readexactly(int(length.split(b":")[1])))
        writer.write(b"HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
        await writer.drain()
        writer.close()

    async def both() -> None:
        server = await asyncio.start_server(keep_head, "127.0.0.1", 0)
        url = f"http://127.0.0.1:{server.sockets[0].getsockname()[1]}/hook?a=1&b=é x"
        body = b'{"topic": "stock"}'
        lean = LeanClient()
        async with server, httpx.AsyncClient(trust_env=False) as reference:
            await reference.post(url, content=body, headers=HEADERS, timeout=5.0)
            await lean.post(url, content=body, headers=HEADERS, timeout=5.0)
            await lean.aclose()

    asyncio.run(both())
    expected = b"".join(line + b"\r\n" for line in heads[0].split(b"\r\n")
                        if not line.lower().startswith(b"accept-encoding")).removesuffix(b"\r\n")
    assert heads[1] == expected
