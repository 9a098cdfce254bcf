"""Hardening of webhook delivery (issue 14, row 9): the timeout bounds a whole attempt, and a slow
receiver never holds back another URL's or another company's notifications."""

from __future__ import annotations

import socket
import socketserver
import threading
import time
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from mockbsale import MockServer, Settings
from mockbsale.webhooks.listen import Listener, Receiver

TRICKLE_BYTES = 1000
TRICKLE_PAUSE = 0.2
"""A trickling receiver answers one byte of its 1,000-byte body every 0.2 s: 200 s per attempt,
though no single read waits more than 0.2 s."""


class Trickle(socketserver.ThreadingTCPServer):
    """A receiver that reads the notification, then answers 200 one byte at a time."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), TrickleHandler)
        self.stopping = threading.Event()
        self.started = 0
        self.finished = 0

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"


class TrickleHandler(socketserver.BaseRequestHandler):
    server: Trickle

    def handle(self) -> None:
        sock: socket.socket = self.request
        sock.settimeout(5)
        head = b""
        while b"\r\n\r\n" not in head:
            part = sock.recv(65536)
            if not part:
                return
            head += part
        self.server.started += 1
        sock.sendall(f"HTTP/1.1 200 OK\r\nContent-Length: {TRICKLE_BYTES}\r\n\r\n".encode())
        for _ in range(TRICKLE_BYTES):
            if self.server.stopping.wait(TRICKLE_PAUSE):
                return
            try:
                sock.sendall(b" ")
            except OSError:
                return
        self.server.finished += 1


@pytest.fixture
def trickle() -> Iterator[Trickle]:
    server = Trickle()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.stopping.set()
    server.shutdown()
    server.server_close()
    thread.join(10)


@pytest.fixture
def fast() -> Iterator[Listener]:
    with Listener(Receiver()) as running:
        yield running


def mock(**settings: Any) -> MockServer:
    return MockServer(Settings(port=0, tokens=["token-a", "token-b"], webhook_retries=0, **settings)).start()


def trigger(mock_server: MockServer, cpn_id: int) -> None:
    answer = httpx.post(f"{mock_server.url}/_mock/webhooks/trigger", json={"topic": "product", "cpnId": cpn_id})
    assert answer.status_code == 201, answer.text


def test_the_timeout_bounds_a_whole_attempt(trickle: Trickle) -> None:
    server = mock(webhook_timeout=1)
    try:
        server.call(server.engine.webhooks.subscribe, 1, trickle.url + "/slow")
        trigger(server, 1)
        assert server.call(server.engine.webhooks.drain, 30, timeout=40), "a trickling receiver held its attempt"
        [delivery] = server.call(server.engine.webhooks.deliveries, 1)
        assert delivery.state == "failed"
        assert [attempt.error for attempt in delivery.attempts] == ["timeout after 1 s"]
        assert trickle.finished == 0
    finally:
        server.stop()


def test_slow_receivers_never_hold_back_other_urls_or_companies(trickle: Trickle, fast: Listener) -> None:
    server = mock(webhook_timeout=600)
    try:
        for n in range(4):
            server.call(server.engine.webhooks.subscribe, 1, f"{trickle.url}/slow-{n}")
        for cpn_id in (1, 2):
            server.call(server.engine.webhooks.subscribe, cpn_id, f"{fast.url}/fast-{cpn_id}")
        for _ in range(6):
            trigger(server, 1)
        trigger(server, 2)
        deadline = time.monotonic() + 20
        targets: set[str] = set()
        while targets != {"/fast-1", "/fast-2"}:
            assert time.monotonic() < deadline, f"only {targets} got their notifications behind slow receivers"
            time.sleep(0.05)
            targets = {received.target for received in fast.receiver.received}
        assert len([r for r in fast.receiver.received if r.target == "/fast-1"]) >= 6
        assert trickle.started >= 4 and trickle.finished == 0, "the slow receivers were meant to be still answering"
    finally:
        trickle.stopping.set()
        server.stop()
